"""What a page says about itself to search engines and link previews: a short description and
schema.org data (JSON-LD), built from the records. Engine-free: the template only prints them.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from ..content.model import Coalition, Event, Site, Statement, Text
from ..pages import paths

# Open Graph wants language_TERRITORY.
OG_LOCALE = {"kk": "kk_KZ", "ru": "ru_RU"}
DESCRIPTION_MAX = 200  # search engines show about this much

_MARKS = [
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks: the address is the text
    (re.compile(r"<[^>]+>"), ""),                         # raw HTML tags
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),      # links and images: their text
    (re.compile(r"\{[:.#][^}]*\}"), ""),                  # attribute lists
    (re.compile(r"[*_`#>]+"), ""),                        # emphasis, code, headings, quotes
    (re.compile(r"\\(.)"), r"\1"),                        # escapes
]


def plain(markdown_text: str) -> str:
    for pattern, repl in _MARKS:
        markdown_text = pattern.sub(repl, markdown_text)
    return " ".join(markdown_text.split())


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """At most `limit` characters, cut at a word and marked with «…» when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-– ") + "…"


def description(markdown_body: str) -> str:
    """The first real paragraph of a text: a statement often opens with a place-and-date line,
    which says nothing about it, so paragraphs shorter than a sentence are skipped. Paragraphs
    are cleaned one at a time, up to the chosen one: a statement has dozens."""
    first = ""
    for paragraph in re.split(r"\n\s*\n", markdown_body):
        text = plain(paragraph)
        if len(text) >= 80:
            return shorten(text)
        first = first or text
    return shorten(first)


# -- schema.org --------------------------------------------------------------------------------
# URLs are written relative to the page (as links are); `absolute` resolves them once the
# site's address is known. "url" is an @id-typed term in schema.org's context, so relative
# values are resolved against the page by JSON-LD processors too.

def _names(text: Text, lang: str) -> dict:
    out = {"name": text.get(lang)}
    other = [v for v in (text.kk, text.ru) if v and v != out["name"]]
    if other:
        out["alternateName"] = other[0]
    return out


def organization(site: Site, c: Coalition, lang: str, from_page: str, full: bool = False) -> dict:
    """The coalition as schema.org sees it; `full` adds its facts and members (on its own page;
    elsewhere its name and address suffice)."""
    data = {"@type": "Organization", **_names(c.name, lang),
            "url": paths.href(from_page, paths.coalition_page(site, c.id))}
    if not full:
        return data
    if c.summary:
        data["description"] = c.summary.get(lang)
    if c.founded_date:
        data["foundingDate"] = c.founded_date.isoformat()
    if c.founded_place:
        data["foundingLocation"] = {"@type": "Place", "name": c.founded_place.get(lang)}
    k = c.contacts
    same_as = [u for u in (k.website, k.facebook, k.telegram) if u]
    if same_as:
        data["sameAs"] = same_as
    if k.email:
        data["email"] = k.email
    members = []
    roster = site.members_of(c.id)
    if len(roster) > paths.PER_PAGE:
        # A hub's 1,400 members made its overview 320 KB; the paged members list and the
        # open data (members.csv/json) carry them, and every page stays light on a phone.
        roster = []
    for m, ms in roster:
        who = {"@type": "Person" if m.type == "individual" else "Organization", **_names(m.name, lang)}
        if m.link:
            who["url"] = m.link
        # OrganizationRole carries the join date: schema.org's way to date a membership.
        role = {"@type": "OrganizationRole", "member": who}
        if ms.joined:
            role["startDate"] = ms.joined.isoformat()
        members.append(role)
    if members:
        data["member"] = members
    return data


def coalition(site: Site, cid: str, lang: str, from_page: str) -> dict:
    return {"@context": "https://schema.org",
            **organization(site, site.coalitions[cid], lang, from_page, full=True)}


def news_article(site: Site, s: Statement, lang: str) -> dict:
    text = s.text_for(lang)
    page = paths.statement_page(s.id)
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": text.title, "inLanguage": text.lang, "url": "./",
            "description": description(text.body)}
    if s.date:
        data["datePublished"] = s.date.isoformat()
    if s.coalition:
        org = organization(site, site.coalitions[s.coalition], lang, page)
        data["author"] = data["publisher"] = org
    return data


def event(site: Site, e: Event, lang: str) -> dict:
    page = paths.event_page(e.id)
    data = {"@context": "https://schema.org", "@type": "Event", "name": e.title.get(lang),
            "startDate": e.date.isoformat(), "url": "./",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "Place", "name": e.place.get(lang)}}
    if e.summary:
        data["description"] = e.summary.get(lang)
    organizers = [{"@type": "Organization", **_names(o, lang)} for o in e.organisers]
    if e.coalition:
        organizers.append(organization(site, site.coalitions[e.coalition], lang, page))
    if organizers:
        data["organizer"] = organizers
    return data


def script(data: dict) -> str:
    """JSON for a <script> element: letters as they are (\\u escapes would triple Cyrillic's
    size), and no "<", so no text can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def absolute(data, page_url: str):
    """The same data with every "url" made absolute against the page's own address."""
    if isinstance(data, list):
        return [absolute(x, page_url) for x in data]
    if isinstance(data, dict):
        return {k: urljoin(page_url, v) if k == "url" and isinstance(v, str) else absolute(v, page_url)
                for k, v in data.items()}
    return data
