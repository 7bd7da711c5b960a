"""Where each page lives: source paths (without language suffix) of every generated page.

Paths are Markdown source paths such as ``coalitions/kgi/members.md``; links between pages are
written to these paths so the site engine checks them (a broken link fails the strict build).
"""
from __future__ import annotations

import posixpath

from ..content.model import DEFAULT_LANG, LANGS, Site

HOME = "index.md"
COALITIONS = "coalitions/index.md"
STATEMENTS = "statements/index.md"
EVENTS = "events/index.md"

# A coalition's microsite section, in menu order; the declaration is a statement page.
SECTION_PARTS = ("overview", "declaration", "directions", "members", "statements", "contacts")
# Names the site's own pages, lists and files take: no record (coalition, member, statement,
# event) may have them as its id, and no hand-written page as its name (an event `index` would
# replace the list of events).
RESERVED_IDS = frozenset({*SECTION_PARTS, "index", "page", "feed", "search", "assets", "sitemap",
                          "robots", "404", "coalitions", "events", "kk", "ru", "admin"})  # admin: cms.py


def has_part(site: Site, coalition_id: str, part: str) -> bool:
    """A part of a coalition's section exists only when it has something to show: no page of
    directions showing "—", no contacts page with nothing, no list saying only that it is not
    published (the overview always has the name and the goal)."""
    c = site.coalitions[coalition_id]
    # Only the part asked about: every link to a coalition's page passes here.
    if part == "directions":
        return bool(c.directions)
    if part == "members":
        return bool(site.members_of(coalition_id))
    if part == "statements":
        return bool(site.statements_of(coalition_id))
    if part == "contacts":
        return bool(c.contacts)
    return True


def coalition_page(site: Site, coalition_id: str, part: str = "overview") -> str:
    """With one coalition the repository is that coalition's own microsite, served from `/`.
    A part with nothing to show has no page: "" (see `has_part`)."""
    if not has_part(site, coalition_id, part):
        return ""
    if part == "declaration":
        declaration = site.declaration_of(coalition_id)
        return statement_page(declaration.id) if declaration else ""
    if site.single:
        return {"overview": HOME, "statements": STATEMENTS}.get(part, f"{part}.md")
    return f"coalitions/{coalition_id}/" + ("index.md" if part == "overview" else f"{part}.md")


# Entries per page of a long list (members, statements, events): ~25 KB of HTML, so a
# 300-member coalition is six light pages on a phone instead of one heavy one.
PER_PAGE = 50


def paged(page: str, n: int) -> str:
    """Page `n` (from 1) of a long list; the first is the list's own page, later ones sit below
    it: ``coalitions/kgi/members.md`` → ``coalitions/kgi/members/page/2.md``."""
    if n == 1:
        return page
    return page.removesuffix(".md").removesuffix("index").rstrip("/") + f"/page/{n}.md"


def page_of(position: int) -> int:
    """The page (from 1) holding the list entry at `position` (from 0)."""
    return position // PER_PAGE + 1


def statement_page(statement_id: str) -> str:
    return f"statements/{statement_id}.md"


def member_page(member_id: str) -> str:
    """An organisation's own page: only for one that belongs to several coalitions."""
    return f"members/{member_id}.md"


def event_page(event_id: str) -> str:
    return f"events/{event_id}.md"


def nav(site: Site) -> list[str]:
    """The global navigation: a handful of entries, never the long lists (they would be copied
    into every page of the site)."""
    if site.single:
        cid = site.single.id
        parts = [coalition_page(site, cid, p) for p in SECTION_PARTS if p != "declaration"]
        return [p for p in parts if p] + ([EVENTS] if site.events else [])
    return [HOME, COALITIONS] + ([STATEMENTS] if site.statements else []) + ([EVENTS] if site.events else [])


def link(from_page: str, to_page: str) -> str:
    """A relative link from one source page to another (both relative, normalised paths).
    Hand-written: posixpath.relpath asks the OS for the working folder on every call, and a large
    site makes tens of thousands of links."""
    here, there = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def with_lang(page: str, lang: str) -> str:
    """``statements/x.md`` → ``statements/x.kk.md``: the per-language file name."""
    stem, ext = posixpath.splitext(page)
    return f"{stem}.{lang}{ext}"


def split_lang(rel: str) -> tuple[str, str]:
    """``about.ru.md`` → (``about.md``, ``ru``), the inverse of `with_lang`; ('', '') without a
    language suffix. The one reader of `<name>.<lang>.<ext>` names (pages, statements, status)."""
    stem, _dot, ext = rel.rpartition(".")
    base, _dot, lang = stem.rpartition(".")
    return (f"{base}.{ext}", lang) if lang in LANGS and base else ("", "")


def url(page: str, lang: str) -> str:
    """A page's address below the site root: ``statements/x.md`` in ru → ``ru/statements/x/``
    (the engine's directory URLs; the default language sits at the root)."""
    return address(lang_root(lang) + page)


def address(rooted: str, directory_urls: bool = True) -> str:
    """The address below the site root of a page given by its source path below its language's
    root (``ru/coalitions/kgi/members.md``), as the engine writes it: ``ru/coalitions/kgi/members/``,
    or ``…/members.html`` without directory URLs (the preview artifact). Other files as given."""
    if not rooted.endswith(".md"):
        return rooted
    stem = rooted[:-3]
    if not directory_urls:
        return stem + ".html"
    return stem[:-len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"


def lang_root(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


FEED = "feed.xml"  # one per language, at the language's root


def members_data(site: Site, coalition_id: str, ext: str) -> str:
    """The downloadable member list (``csv`` or ``json``) beside the coalition's members page."""
    return posixpath.splitext(coalition_page(site, coalition_id, "members"))[0] + f".{ext}"


def href(from_page: str, to_page: str) -> str:
    """A link between the built pages (directory URLs), for text the engine does not rewrite."""
    return link(url(from_page, DEFAULT_LANG), url(to_page, DEFAULT_LANG)) or "./"
