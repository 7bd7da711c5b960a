"""Atom feeds per language: the module on the real content, and the files in the built site."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from conftest import SITE_URL
from htmlparse import Tags
from microsite.content.model import LANGS
from microsite.pages import feeds

NS = {"a": "http://www.w3.org/2005/Atom"}
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@pytest.mark.parametrize("lang", LANGS)
def test_feed_holds_every_dated_statement_and_event_newest_first(site_model, lang):
    feed = ET.fromstring(feeds.atom(site_model, lang))
    titles = [e.find("a:title", NS).text for e in feed.findall("a:entry", NS)]
    expected = {s.text_for(lang).title for s in site_model.statements.values() if s.date}
    expected |= {e.title.get(lang) for e in site_model.events.values()}
    assert set(titles) == expected and len(titles) == len(expected)
    dates = [e.find("a:updated", NS).text for e in feed.findall("a:entry", NS)]
    assert dates == sorted(dates, reverse=True)
    assert feed.find("a:updated", NS).text == dates[0]
    ids = [e.find("a:id", NS).text for e in feed.findall("a:entry", NS)]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)


def test_feed_dates_come_from_the_content(site_model):
    """A rebuild of the same content gives the same bytes: no build time, no clock."""
    feed = ET.fromstring(feeds.atom(site_model, "ru", SITE_URL))
    content = {s.date for s in site_model.statements.values() if s.date} | {e.date for e in site_model.events.values()}
    stamps = [u.text for u in feed.iter("{http://www.w3.org/2005/Atom}updated")]
    assert {dt.date.fromisoformat(x[:10]) for x in stamps} <= content
    assert feed.find("a:updated", NS).text.startswith(max(content).isoformat())


@pytest.mark.parametrize("lang, path", [("kk", "feed.xml"), ("ru", "ru/feed.xml")])
def test_built_feed_links_to_real_pages_of_its_language(built, site_model, lang, path):
    text = (built / path).read_text(encoding="utf-8")
    assert text == feeds.atom(site_model, lang, SITE_URL)
    feed = ET.fromstring(text)
    base = feed.get(XML_BASE)
    assert base == SITE_URL + ("ru/" if lang == "ru" else "")
    for entry in feed.findall("a:entry", NS):
        href = urljoin(base, entry.find("a:link", NS).get("href"))
        page = built / href[len(SITE_URL):] / "index.html"
        assert page.is_file(), href
        assert Tags(page.read_text(encoding="utf-8")).find("html")[0]["lang"] == lang


@pytest.mark.parametrize("page, feed", [("index.html", "feed.xml"), ("ru/statements/index.html", "ru/feed.xml"),
                                        ("events/index.html", "feed.xml"), ("ru/events/index.html", "ru/feed.xml")])
def test_lists_announce_their_languages_feed(built, page, feed):
    tags = Tags((built / page).read_text(encoding="utf-8"))
    links = tags.find("link", rel="alternate", type="application/atom+xml")
    assert len(links) == 1
    assert ((built / page).parent / links[0]["href"]).resolve() == (built / feed).resolve()
    visible = [a["href"] for a in tags.find("a") if a.get("href", "").endswith("feed.xml")]
    assert visible and ((built / page).parent / visible[0]).resolve() == (built / feed).resolve()
