"""An Atom feed per language of the statements and events, newest first.

Every date comes from the content (never from the clock), so the same content always gives the
same bytes. Links are relative to the feed, which sits at its language's root (Atom resolves
them against the feed's own address); with the site's address known they get an xml:base.
Entry ids are name-based UUIDs of the record, so they survive a move to another address.
"""
from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET

from ..content.model import LANGS, Site
from ..pages import paths, seo
from ..pages.words import t

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50  # the newest entries; older ones stay on the site's lists


def _id(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, "microsite:" + ":".join(parts)).urn


def _time(date: dt.date) -> str:
    # The content gives a day, not a time: midnight UTC of that day.
    return f"{date.isoformat()}T00:00:00Z"


def entries(site: Site, lang: str) -> list[dict]:
    """Dated statements and events in the reader's language (undated ones cannot be placed in
    a feed's order; they stay on the site's lists)."""
    out = []
    for s in site.statements_of():
        if s.date is None:
            continue
        text = s.text_for(lang)
        out.append({"id": _id("statement", s.id, lang), "title": text.title, "date": s.date,
                    "link": paths.url(paths.statement_page(s.id), lang), "lang": text.lang,
                    "summary": seo.description(text.body), "category": t(lang, f"statement.{s.kind}")})
    for e in site.events_of():
        out.append({"id": _id("event", e.id, lang), "title": e.title.get(lang), "date": e.date,
                    "link": paths.url(paths.event_page(e.id), lang), "lang": e.title.lang_for(lang),
                    "summary": e.summary.get(lang), "category": t(lang, "event")})
    out.sort(key=lambda x: (x["date"], x["id"]), reverse=True)
    return out[:LIMIT]


def _add(parent: ET.Element, tag: str, text: str = "", **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text or None
    return element


def atom(site: Site, lang: str, site_url: str = "") -> str:
    root = paths.lang_root(lang)
    # The namespace as a plain attribute: ElementTree would otherwise invent a prefix (ns0:).
    attrs = {"xmlns": ATOM, "xml:lang": lang}
    if site_url:
        attrs["xml:base"] = site_url.rstrip("/") + "/" + root
    feed = ET.Element("feed", attrs)
    items = entries(site, lang)
    name = t(lang, "site.name")
    _add(feed, "id", _id("feed", lang))
    _add(feed, "title", f"{name}: {t(lang, 'statements')}, {t(lang, 'events').lower()}")
    if items:
        _add(feed, "updated", _time(items[0]["date"]))
    else:  # Atom requires a date; an empty feed has none of its own
        _add(feed, "updated", _time(dt.date(1970, 1, 1)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=paths.FEED)
    _add(feed, "link", rel="alternate", type="text/html", href="./")
    author = _add(feed, "author")
    _add(author, "name", name)
    for item in items:
        entry = _add(feed, "entry")
        if item["lang"] != lang:
            entry.set("xml:lang", item["lang"])
        _add(entry, "id", item["id"])
        _add(entry, "title", item["title"])
        _add(entry, "updated", _time(item["date"]))
        _add(entry, "published", _time(item["date"]))
        _add(entry, "link", rel="alternate", type="text/html", href=item["link"][len(root):])
        _add(entry, "category", term=item["category"])
        if item["summary"]:
            _add(entry, "summary", item["summary"])
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def files(site: Site, site_url: str = "") -> dict[str, str]:
    """{per-language source path: feed}: ``feed.kk.xml`` is built to /feed.xml, ``feed.ru.xml``
    to /ru/feed.xml."""
    return {paths.with_lang(paths.FEED, lang): atom(site, lang, site_url) for lang in LANGS}
