"""Descriptions, Open Graph and schema.org data: the module's rules, and the real built pages."""
from __future__ import annotations

import html
import json
import re

import pytest
from conftest import SITE_URL, reader_pages
from htmlparse import Tags
from microsite.content.model import LANGS
from microsite.pages import paths, seo


def test_description_skips_the_place_and_date_line():
    body = "г.Алматы  \n28.08.2019\n\nМы, участники различных гражданских инициатив Казахстана, " \
           "представляющих интересы тысяч граждан страны, приняли настоящую Декларацию.\n"
    assert seo.description(body).startswith("Мы, участники")


def test_shorten_cuts_at_a_word_and_says_so():
    text = "сөз " * 100
    short = seo.shorten(text, 50)
    assert len(short) <= 50 and short.endswith("сөз…")
    assert seo.shorten("қысқа мәтін") == "қысқа мәтін"


def test_plain_text_keeps_words_and_addresses():
    assert seo.plain("**Біз** [сайт](x.md) <https://t.me/joi> <b>x</b>") == "Біз сайт https://t.me/joi x"


def test_script_json_cannot_close_its_element():
    assert "</script>" not in seo.script({"name": "</script><script>alert(1)"})
    assert "Қазақстан" in seo.script({"name": "Қазақстан"}), "letters as they are, not \\u escapes"


def meta(tags: Tags) -> dict[str, str]:
    return {a.get("property") or a.get("name"): a["content"] for a in tags.find("meta") if a.get("content")}


def jsonld(text: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert match, "no schema.org data"
    return json.loads(match.group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_describes_itself_in_its_language(built, lang):
    root = built / "ru" if lang == "ru" else built
    seen = set()
    for path in reader_pages(root):
        if lang == "kk" and path.relative_to(built).parts[0] == "ru":
            continue
        m = meta(Tags(path.read_text(encoding="utf-8")))
        assert m.get("description") and m["description"] == m["og:description"], path
        assert m["og:title"] and m["og:locale"] == seo.OG_LOCALE[lang], path
        assert m["og:url"] == SITE_URL + path.parent.relative_to(built).as_posix().removeprefix(".") + \
            ("/" if path.parent != built else ""), path
        seen.add(m["description"])
    assert len(seen) > 10, "descriptions differ from page to page"


@pytest.mark.parametrize("lang", LANGS)
def test_statement_pages_are_news_articles(page, site_model, lang):
    for sid, s in site_model.statements.items():
        doc = page(paths.url(paths.statement_page(sid), lang))
        tags = Tags(doc.text)
        text = s.text_for(lang)
        assert meta(tags)["og:type"] == "article"
        assert html.unescape(meta(tags)["description"]) == seo.description(text.body)
        data = jsonld(doc.text)
        assert data["@type"] == "NewsArticle" and data["headline"] == text.title
        assert data["url"] == SITE_URL + paths.url(paths.statement_page(sid), lang)
        assert data.get("datePublished") == (s.date.isoformat() if s.date else None)
        if s.coalition:
            assert data["publisher"]["name"] == site_model.coalitions[s.coalition].name.get(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_coalition_overview_is_an_organization_with_its_members(page, site_model, lang):
    for cid, c in site_model.coalitions.items():
        data = jsonld(page(paths.url(paths.coalition_page(site_model, cid), lang)).text)
        assert data["@type"] == "Organization" and data["name"] == c.name.get(lang)
        assert data["url"] == SITE_URL + paths.url(paths.coalition_page(site_model, cid), lang)
        roles = data.get("member", [])
        entries = site_model.members_of(cid)
        assert len(roles) == len(entries)
        names = {r["member"]["name"] for r in roles}
        assert names == {m.name.get(lang) for m, _ in entries}
        dated = {r["member"]["name"]: r["startDate"] for r in roles if "startDate" in r}
        assert dated == {m.name.get(lang): ms.joined.isoformat() for m, ms in entries if ms.joined}


@pytest.mark.parametrize("lang", LANGS)
def test_event_pages_are_events(page, site_model, lang):
    for eid, e in site_model.events.items():
        data = jsonld(page(paths.url(paths.event_page(eid), lang)).text)
        assert data["@type"] == "Event" and data["name"] == e.title.get(lang)
        assert data["startDate"] == e.date.isoformat() and data["location"]["name"] == e.place.get(lang)
        assert [o["name"] for o in data["organizer"]][:len(e.organisers)] == [o.get(lang) for o in e.organisers]
