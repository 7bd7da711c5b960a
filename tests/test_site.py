"""The built site: every seed entity's pages, in both languages, with their facts."""
from __future__ import annotations

import html
import re

import pytest
from conftest import build, copy_project, reader_pages
from htmlparse import Tags
from microsite.content.model import LANGS
from microsite.pages import paths, search, words


def text_of(page, url: str) -> str:
    return Tags(page(url).article).text


def coalition_urls(site_model, lang):
    for cid in site_model.coalitions:
        for part in ("overview", "directions", "members", "statements", "contacts"):
            if paths.coalition_page(site_model, cid, part):  # a part with nothing has no page
                yield cid, part, paths.url(paths.coalition_page(site_model, cid, part), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_coalition_page_exists_with_its_language(built, site_model, page, lang):
    for cid, part, url in coalition_urls(site_model, lang):
        tags = Tags(page(url).text)
        assert tags.find("html")[0]["lang"] == lang, url
        alternates = {a["hreflang"]: a["href"] for a in tags.find("a", class_="md-select__link")}
        assert set(alternates) == set(LANGS), url
        for alt_lang, href in alternates.items():
            target = (built / url / href).resolve() / "index.html"
            assert target.is_file(), f"{url}: hreflang {alt_lang} → {href} does not exist"
            assert Tags(target.read_text()).find("html")[0]["lang"] == alt_lang


@pytest.mark.parametrize("lang", LANGS)
def test_coalition_facts_are_on_their_pages(site_model, page, lang):
    for cid, c in site_model.coalitions.items():
        overview = text_of(page, paths.url(paths.coalition_page(site_model, cid), lang))
        assert c.name.get(lang) in overview
        assert " ".join(c.summary.get(lang).split()) in overview
        if c.founded_date:
            assert words.date(c.founded_date, lang) in overview
        if c.founded_place:
            assert c.founded_place.get(lang) in overview
        for leader in c.leaders:
            assert leader.name.get(lang) in overview
        for figure in c.figures:
            assert figure.value in overview and figure.label.get(lang) in overview
        if not c.directions:
            assert not paths.coalition_page(site_model, cid, "directions")
            continue
        directions = text_of(page, paths.url(paths.coalition_page(site_model, cid, "directions"), lang))
        for d in c.directions:
            assert " ".join(d.title.get(lang).split()) in directions
            assert " ".join(d.text.get(lang).split()) in directions
        if not c.contacts:
            assert not paths.coalition_page(site_model, cid, "contacts")
            continue
        contacts = text_of(page, paths.url(paths.coalition_page(site_model, cid, "contacts"), lang))
        k = c.contacts
        for value in (k.phone, k.email, k.website, k.facebook, k.telegram, k.hotline,
                      k.press and k.press.phone, k.press and k.press.email,
                      k.press and k.press.name.get(lang)):
            if value:
                assert value in contacts, f"{cid} contacts lack {value!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_members_pages_list_every_member_by_type(site_model, page, lang):
    for cid in site_model.coalitions:
        entries = site_model.members_of(cid)
        if not entries:  # an unpublished list has no page saying only that
            assert not paths.coalition_page(site_model, cid, "members")
            continue
        url = paths.url(paths.coalition_page(site_model, cid, "members"), lang)
        tags = Tags(page(url).article)
        expected = words.count(len(entries), "members", lang)
        assert expected in tags.text
        for member, membership in entries:
            assert member.name.get(lang) in tags.text, f"{url} lacks {member.id}"
            if membership.joined:
                assert words.date(membership.joined, lang) in tags.text
        for mtype in {m.type for m, _ in entries}:
            n = sum(1 for m, _ in entries if m.type == mtype)
            heading = tags.find("h2", id=mtype)
            assert heading, f"{url} has no group for {mtype}"
            assert f"{words.t(lang, 'type.' + mtype)} ({n})" in tags.text


@pytest.mark.parametrize("lang", LANGS)
def test_statements_and_events_have_pages_and_lists(site_model, page, lang):
    listing = text_of(page, paths.lang_root(lang) + "statements/")
    for sid, s in site_model.statements.items():
        body = page(paths.url(paths.statement_page(sid), lang))
        text = Tags(body.article).text
        assert s.text_for(lang).title in text and s.text_for(lang).title in listing
        if s.date:
            assert words.date(s.date, lang) in text
        for ref in s.signatories:
            assert site_model.members[ref].name.get(lang) in text
    events = text_of(page, paths.lang_root(lang) + "events/")
    for eid, e in site_model.events.items():
        text = text_of(page, paths.url(paths.event_page(eid), lang))
        assert e.title.get(lang) in text and e.title.get(lang) in events
        assert words.date(e.date, lang) in text and e.place.get(lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_coalition_cards_and_latest(site_model, page, lang):
    home = Tags(page(paths.lang_root(lang)).article)
    cards = [a for t, a in home.tags if t == "div" and "cards" in a.get("class", "").split()]
    assert cards
    for cid, c in site_model.coalitions.items():
        assert c.name.get(lang) in home.text
        assert words.t(lang, f"kind.{c.kind}") in home.text
        n = len(site_model.members_of(cid))
        if n:  # an unpublished list is not a number
            assert words.count(n, "members", lang) in home.text
        if c.founded_date:
            assert words.date(c.founded_date, lang) in home.text
    for s in site_model.statements_of()[:5]:
        assert s.text_for(lang).title in home.text
    for e in site_model.events_of()[:5]:
        assert e.title.get(lang) in home.text


def test_switcher_on_members_page_leads_to_same_page(built, page):
    url = "coalitions/kgi/members/"
    for lang, other in (("kk", "ru"), ("ru", "kk")):
        tags = Tags(page(paths.lang_root(lang) + url).text)
        links = {a["hreflang"]: a["href"] for a in tags.find("a", class_="md-select__link")}
        target = (built / (paths.lang_root(lang) + url) / links[other]).resolve()
        assert target == (built / (paths.lang_root(other) + url)).resolve()


def test_untranslated_page_falls_back_with_notice(tmp_path):
    """A statement in one language only is shown to the other language's readers, with a
    notice in the reader's language; both directions (kk missing, ru missing)."""
    project = copy_project(tmp_path)
    statements = project / "docs" / "statements"
    for missing, kept in (("shymkent-coalition-founded.kk.md", "shymkent-coalition-founded.ru.md"),
                          ("amanat-press-release.ru.md", "amanat-press-release.kk.md")):
        (statements / missing).unlink()
        kept = statements / kept  # the editor says the translation is coming
        lang = missing.split(".")[-2]
        kept.write_text(kept.read_text().replace("---\n", f"---\nawaiting_translation: [{lang}]\n", 1))
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for url, lang, shown in (("statements/shymkent-coalition-founded/", "kk", "ru"),
                             ("ru/statements/amanat-press-release/", "ru", "kk")):
        tags = Tags((tmp_path / "site" / url / "index.html").read_text())
        assert tags.find("html")[0]["lang"] == lang
        assert words.t(lang, "notice.fallback") in tags.text
        assert tags.find("div", lang=shown), "the shown text is marked with its own language"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_awaiting_review_are_marked(site_model, page, lang):
    for cid, c in site_model.coalitions.items():
        text = text_of(page, paths.url(paths.coalition_page(site_model, cid), lang))
        assert (words.t(lang, "notice.review") in text) == (lang in c.awaiting_review), cid
    for sid, s in site_model.statements.items():
        text = text_of(page, paths.url(paths.statement_page(sid), lang))
        marked = lang in s.texts and s.texts[lang].awaiting_review
        assert (words.t(lang, "notice.review") in text) == marked, sid


@pytest.mark.parametrize("lang", LANGS)
def test_yaml_content_is_in_the_search_index(built, site_model, lang):
    # Each language has its own index (microsite/search.py), its documents in one file per page.
    documents = search.documents(built, paths.lang_root(lang))
    docs = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", d["text"])) for d in documents)
    docs = " ".join(docs.split())
    for m in site_model.members.values():
        assert m.name.get(lang) in docs, f"member {m.id} ({lang}) is not searchable"
    for c in site_model.coalitions.values():
        for d in c.directions:
            assert " ".join(d.title.get(lang).split()) in docs


def test_no_page_is_missing_in_either_language(built):
    kk = {p.relative_to(built) for p in reader_pages(built) if p.relative_to(built).parts[0] != "ru"}
    ru = {p.relative_to(built / "ru") for p in (built / "ru").rglob("index.html")}
    assert kk == ru


def test_every_page_has_its_lang_and_both_alternates(built):
    pages_checked = 0
    for path in reader_pages(built):
        rel = path.relative_to(built)
        lang = "ru" if rel.parts[0] == "ru" else "kk"
        tags = Tags(path.read_text(encoding="utf-8"))
        assert tags.find("html")[0]["lang"] == lang, rel
        # The language menu's links; the hreflang pairs for search engines are in the sitemaps.
        alternates = {a["hreflang"]: a["href"] for a in tags.find("a", class_="md-select__link")}
        assert set(alternates) == {"kk", "ru"}, rel
        for href in alternates.values():
            assert ((path.parent / href).resolve() / "index.html").is_file(), f"{rel}: {href}"
        pages_checked += 1
    assert pages_checked > 50  # 56: the seeds' sections without directions, contacts or members have no page


def test_links_work_under_a_sub_path(built):
    """GitHub Pages serves a project site from /<repository>/: no page may link to '/…'.
    (404.html is the exception MkDocs makes on purpose: it is served at any path.)"""
    offenders = []
    for path in built.rglob("*.html"):
        if path.name == "404.html":
            continue
        for tag, attrs in Tags(path.read_text(encoding="utf-8")).tags:
            for name in ("href", "src"):
                value = attrs.get(name, "")
                if value.startswith("/") and not value.startswith("//"):
                    offenders.append(f"{path.relative_to(built)}: <{tag} {name}={value}>")
    assert not offenders, "\n".join(offenders[:10])


def test_no_markdown_marks_leak_into_pages(built):
    """Generated Markdown that nests badly shows its marks to readers ("**Name*")."""
    leaks = []
    for path in built.rglob("index.html"):
        text = Tags(path.read_text(encoding="utf-8")).text
        for mark in ("**", "__", "](", "{ .", "{:"):
            if mark in text:
                leaks.append(f"{path.relative_to(built)}: {mark!r}")
    assert not leaks, "\n".join(leaks[:10])


def test_page_titles_name_the_page_and_the_site_once(page):
    names = {"kk": "Азаматтық коалициялар", "ru": "Гражданские коалиции"}
    for lang, name in names.items():
        home = re.search(r"<title>(.*?)</title>", page(paths.lang_root(lang)).text).group(1)
        assert home == name
        members_page = page(paths.url("coalitions/kgi/members.md", lang))
        members = re.search(r"<title>(.*?)</title>", members_page.text).group(1)
        assert members.endswith(f" - {name}") and members.count(name) == 1
