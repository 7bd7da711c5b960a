"""Markdown of every page, in each language, from the loaded `Site`.

The output is ordinary Markdown (with the attr_list, md_in_html and admonition extensions that
Material documents), so whatever is rendered from YAML is real page text: the engine turns it
into HTML and indexes it for search like any hand-written page.
"""
from __future__ import annotations

import functools
import html
import itertools
import json
import re
from collections import Counter

from ..content.load import FRONT_MATTER
from ..content.model import LANGS, Coalition, Event, Site, Source, Statement, Text
from ..pages import paths, seo, views, words
from ..pages.words import t
from . import lifecycle
from .markup import esc  # noqa: F401 (render.esc: the same, for callers of render)

# Python-Markdown's backslash escapes (its ESCAPED_CHARS, with the tables extension's "|"):
# emphasis, code, links, images, headings, attribute lists ({ … }); a list mark ("-", "+",
# "1.") only where a text may start a line. Escaped, each is printed as itself; "<", ">" and
# "&" become entities.
# What may not appear as itself in a link target written into Markdown: it could end the
# target (")", ">", space) or start an attribute list; percent-encoded, the address is the same.
_URL_SPECIAL = re.compile(r"[\s\x00-\x1f\x7f\"'<>()\[\]{}\\|^`]")


@functools.lru_cache(maxsize=1 << 16)  # names recur on every list, menu and signatory line
def target(url: str) -> str:
    """A link field's address made safe as a Markdown link target (validation has already
    refused addresses that are not single well-formed URLs; this holds if it did not)."""
    return _URL_SPECIAL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def front_matter(**meta) -> str:
    # JSON is YAML (a flow mapping), and the json module's C encoder is eight times faster than
    # even libyaml's emitter: front matter was a fifth of rendering a large site.
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n"


def tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


class Page:
    """Helpers bound to one page in one language: links relative to it, texts in its language."""

    def __init__(self, site: Site, path: str, lang: str):
        self.site, self.path, self.lang = site, path, lang

    def to(self, target: str) -> str:
        return paths.link(self.path, target)

    def tx(self, text: Text) -> str:
        """A YAML text in the page's language; the other language, marked, if it is missing."""
        return self.in_lang(esc(text.get(self.lang)), text.lang_for(self.lang))

    def in_lang(self, markdown_text: str, shown: str) -> str:
        """Inline text marked with its language when that is not the page's."""
        return markdown_text if shown == self.lang else f'<span lang="{shown}">{markdown_text}</span>'

    def t(self, key: str) -> str:
        return t(self.lang, key)

    def date(self, value) -> str:
        return words.date(value, self.lang)

    def coalition_name(self, cid: str) -> str:
        return self.tx(self.site.coalitions[cid].name)

    def review_note(self, awaiting: bool) -> str:
        """The discreet mark on text translated by us and not yet checked by a native speaker."""
        if awaiting:
            return f'\n<p class="ms-review" markdown>:material-translate: {self.t("notice.review")}</p>\n'
        return ""

    def heading(self, cid: str, title: str, current: str) -> str:
        """A page of a coalition's section: the coalition's name above the title, then its menu."""
        home = self.to(paths.coalition_page(self.site, cid))
        return (f'<p class="ms-kicker" markdown>[{self.coalition_name(cid)}]({home})</p>\n\n'
                f"# {title}\n\n" + self.menu(cid, current))

    def menu(self, cid: str, current: str) -> str:
        """The coalition's own menu: its microsite section, kept out of the global navigation."""
        items = []
        for part in paths.SECTION_PARTS:
            target = paths.coalition_page(self.site, cid, part)
            if not target:
                continue
            css = ".md-button .md-button--primary" if part == current else ".md-button"
            items.append(f"[{self.t(part)}]({self.to(target)}){{ {css} }}")
        return '<nav class="ms-menu" markdown>\n' + "\n".join(items) + "\n</nav>\n\n"

    def sources(self, sources: tuple[Source, ...]) -> str:
        if not sources:
            return ""
        lines = [f"\n## {self.t('sources')}\n"]
        for s in sources:
            title = self.tx(s.title)
            own = self.site.statement_titled(s.title) if not s.url else None
            link = target(s.url) if s.url else (self.to(paths.statement_page(own.id)) if own else "")
            parts = [f"[{title}]({link})" if link else title]
            parts += [esc(s.publisher)] if s.publisher else []
            parts += [self.date(s.date)] if s.date else []
            lines.append("- " + ", ".join(parts))
        return "\n".join(lines) + "\n"


def _facts(rows: list[tuple[str, str]]) -> str:
    """Label: value lines (a list reads better than a table on a phone), skipping empty values."""
    return "".join(f"- **{k}:** {v}\n" for k, v in rows if v) + "\n"


def _statement_entry(p: Page, s: Statement, with_coalition: bool = True) -> tuple[str, str]:
    """(linked title with its badge, details) of a statement: one line of a list, or a card."""
    text = s.text_for(p.lang)
    title = f"[{p.in_lang(esc(text.title), text.lang)}]({p.to(paths.statement_page(s.id))})"
    meta = [p.date(s.date) if s.date else "", p.t(f"statement.{s.kind}")]
    if with_coalition and s.coalition:
        meta.append(p.coalition_name(s.coalition))
    return title + lifecycle.badge(s, p.lang), " · ".join(m for m in meta if m)


def _event_entry(p: Page, e: Event) -> tuple[str, str]:
    """(linked title, details) of an event: one line of a list, or a card."""
    return f"[{p.tx(e.title)}]({p.to(paths.event_page(e.id))})", f"{p.date(e.date)} · {p.tx(e.place)}"


def _item(title: str, detail: str) -> str:
    return f"- {title}  \n  <small>{detail}</small>"


def _statement_item(p: Page, s: Statement, with_coalition: bool = True) -> str:
    return _item(*_statement_entry(p, s, with_coalition))


def _event_item(p: Page, e: Event) -> str:
    return _item(*_event_entry(p, e))


def _cards(items: list[str]) -> str:
    """Material's grid of cards (its documented Markdown form)."""
    return '<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n</div>\n\n" if items else ""


def _card(icon: str, title: str, detail: str = "") -> str:
    return (f"-   :{icon}:{{ .lg .middle }} **{title}**\n"
            + (f"\n    ---\n\n    {detail}\n" if detail else ""))


def _number_icon(i: int) -> str:
    return f"material-numeric-{i}-circle" if i <= 9 else "material-numeric-9-plus-circle"


def _statement_card(p: Page, s: Statement, with_coalition: bool = True) -> str:
    return _card("material-file-document-outline", *_statement_entry(p, s, with_coalition))


def _event_card(p: Page, e: Event) -> str:
    return _card("material-calendar-month-outline", *_event_entry(p, e))


def feed_path(lang: str) -> str:
    """The language's feed, from the site root (the template makes it relative to the page)."""
    return paths.lang_root(lang) + paths.FEED


def feed_link(p: Page) -> str:
    return f'\n<p class="ms-feed" markdown>:material-rss: [{p.t("feed")}]({p.to(paths.FEED)})</p>\n'


def _list_or(items: list[str], empty: str) -> str:
    return ("\n".join(items) if items else empty) + "\n"


# -- long lists, cut into pages ---------------------------------------------------------------

def pager(p: Page, first: str, n: int, total: int) -> str:
    """Previous/next links of a list cut into pages: a labelled nav with rel=prev/next; the
    arrows are hidden from screen readers, which read the words."""
    if total == 1:
        return ""
    links = []
    if n > 1:
        links.append(f'[<span aria-hidden="true">←</span> {p.t("page.prev")}]'
                     f'({p.to(paths.paged(first, n - 1))}){{ rel="prev" .md-button }}')
    links.append(f'<span class="ms-pager__at">{p.t("page.of").format(n=n, total=total)}</span>')
    if n < total:
        links.append(f'[{p.t("page.next")} <span aria-hidden="true">→</span>]'
                     f'({p.to(paths.paged(first, n + 1))}){{ rel="next" .md-button }}')
    return f'<nav class="ms-pager" aria-label="{p.t("pages")}" markdown>\n' + "\n".join(links) + "\n</nav>\n\n"


def paginated(site: Site, first: str, lang: str, meta: dict, head, body, entries: list,
              tail=lambda p: "") -> list[str]:
    """A list page cut into pages of `paths.PER_PAGE` entries: each has the front matter `meta`,
    `head(p)`, the pager above and below `body(p, its entries)`, then `tail(p)`; later pages'
    titles carry their number."""
    size = paths.PER_PAGE
    parts = [entries[i:i + size] for i in range(0, len(entries), size)] or [[]]
    out = []
    for n, part in enumerate(parts, 1):
        p = Page(site, paths.paged(first, n), lang)
        nav = pager(p, first, n, len(parts))
        title = meta["title"] if n == 1 else f"{meta['title']} · {p.t('page.n').format(n=n)}"
        out.append(front_matter(**{**meta, "title": title}) + head(p) + nav + body(p, part)
                   + ("\n" + nav if nav else "") + tail(p))
    return out


# -- pages ------------------------------------------------------------------------------------

def members_count(p: Page, n: int) -> str:
    """«15 участников»; with no member files, that the list is not published (not «0»)."""
    return words.count(n, "members", p.lang) if n else p.t("members.unlisted")


def coalition_card(p: Page, c: Coalition) -> str:
    n = len(p.site.members_of(c.id))
    facts = [p.t(f"kind.{c.kind}"), p.tx(c.place)]
    if c.founded_date:
        facts.append(f"{p.t('founded')}: {p.date(c.founded_date)}")
    if n:  # a list that is not published is not a number
        facts.append(members_count(p, n))
    return _card("material-account-group", f"[{p.tx(c.name)}]({p.to(paths.coalition_page(p.site, c.id))})",
                 " · ".join(facts))


def landing_meta(hero: views.Hero, cid: str = "", **meta) -> dict:
    """Front matter of a landing page: the hero the template opens with, no table of contents."""
    return {**meta, "template": "landing.html", "hide": ["navigation", "toc"],
            "hero": views.as_data(hero), **({"coalition": cid} if cid else {})}


def home(site: Site, lang: str, repo: views.Repository = views.Repository()) -> str:
    p = Page(site, paths.HOME, lang)
    out = [front_matter(**landing_meta(views.home_hero(site, lang, repo), title=p.t("site.name"),
                                       description=p.t("home.intro"), feed=feed_path(lang))),
           f"## {p.t('coalitions')}\n\n", coalition_grid(p, featured(site))]
    if len(site.coalitions) > HOME_COALITIONS:
        out.append(f"\n[{p.t('more.coalitions')} ({len(site.coalitions)}) →]({p.to(paths.COALITIONS)})\n\n")
    latest = site.statements_of()[:5]
    if latest:
        out += [f"## {p.t('statements.latest')}\n\n", _cards([_statement_card(p, s) for s in latest]),
                f"[{p.t('more.statements')} →]({p.to(paths.STATEMENTS)})\n", feed_link(p)]
    events = site.events_of()[:5]
    if events:
        out += [f"\n## {p.t('events.latest')}\n\n", _cards([_event_card(p, e) for e in events]),
                f"[{p.t('more.events')} →]({p.to(paths.EVENTS)})\n"]
    return "".join(out)


def coalition_grid(p: Page, coalitions=None) -> str:
    cards = [coalition_card(p, c) for c in (p.site.coalitions.values() if coalitions is None else coalitions)]
    return '<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"


HOME_COALITIONS = 9  # the home page stays light however large the network grows


def featured(site: Site) -> list[Coalition]:
    """The home page's coalitions: the largest by members, then the most recently founded, in
    the site's order; all of them while they fit."""
    every = list(site.coalitions.values())
    if len(every) <= HOME_COALITIONS:
        return every
    largest = sorted(every, key=lambda c: -len(site.members_of(c.id)))[:HOME_COALITIONS * 2 // 3]
    recent = sorted((c for c in every if c.founded_date and c not in largest),
                    key=lambda c: c.founded_date, reverse=True)
    rest = [c for c in every if c not in largest and c not in recent]
    chosen = {c.id for c in (largest + recent + rest)[:HOME_COALITIONS]}
    return [c for c in every if c.id in chosen]


def coalitions_index(site: Site, lang: str) -> list[str]:
    return paginated(site, paths.COALITIONS, lang,
                     {"title": t(lang, "coalitions"), "description": t(lang, "home.intro")},
                     lambda p: f"# {p.t('coalitions')}\n\n",
                     lambda p, part: coalition_grid(p, part), list(site.coalitions.values()))


def overview(site: Site, cid: str, lang: str, repo: views.Repository = views.Repository()) -> str:
    """A coalition's landing page: the hero (template) with its name, goal, founding facts, numbers
    and calls to action; below it directions, latest statements and events as cards."""
    c = site.coalitions[cid]
    p = Page(site, paths.coalition_page(site, cid), lang)
    meta = landing_meta(views.coalition_hero(site, cid, lang, repo), cid,
                        title=c.name.get(lang), description=seo.shorten(c.summary.get(lang)),
                        jsonld=seo.coalition(site, cid, lang, p.path), edit=c.path)
    out = [front_matter(**meta), p.menu(cid, "overview")]
    if c.directions:
        link = p.to(paths.coalition_page(site, cid, "directions"))
        out.append(f"## {p.t('directions')}\n\n")
        out.append(_cards([_card(_number_icon(i), f"[{p.tx(d.title)}]({link}#direction-{i})")
                           for i, d in enumerate(c.directions, 1)]))
    statements = site.statements_of(cid)
    if statements:
        out.append(f"## {p.t('statements.latest')}\n\n")
        out.append(_cards([_statement_card(p, s, False) for s in statements[:5]]))
    events = site.events_of(cid)
    if events:
        out.append(f"## {p.t('events.latest')}\n\n")
        out.append(_cards([_event_card(p, e) for e in events[:5]]))
    if c.figures:
        out.append(f"## {p.t('figures')}\n\n")
        out += [f"- **{esc(f.value)}** — {p.tx(f.label)}\n" for f in c.figures]
        out.append("\n")
    if c.leaders:
        out.append(f"## {p.t('leaders')}\n\n")
        out += [f"- **{p.tx(x.name)}**" + (f" — {p.tx(x.role)}" if x.role else "") + "\n" for x in c.leaders]
        out.append("\n")
    if c.parent:
        out.append(f"## {p.t('part_of')}\n\n"
                   f"[{p.coalition_name(c.parent)}]({p.to(paths.coalition_page(site, c.parent))})\n\n")
    children = site.children_of(cid)
    if children:
        out.append(f"## {p.t('children')}\n\n")
        out += [f"- [{p.tx(ch.name)}]({p.to(paths.coalition_page(site, ch.id))})\n" for ch in children]
        out.append("\n")
    out.append(p.sources(c.sources))
    out.append(p.review_note(lang in c.awaiting_review))
    return "".join(out)


def directions(site: Site, cid: str, lang: str) -> str:
    c = site.coalitions[cid]
    p = Page(site, paths.coalition_page(site, cid, "directions"), lang)
    title = f"{p.t('directions')} — {c.name.get(lang)}"
    listed = "; ".join(d.title.get(lang) for d in c.directions)
    out = [front_matter(title=title, description=seo.shorten(f"{c.name.get(lang)} — {p.t('directions.of')}: {listed}"),
                        coalition=cid, edit=c.path),
           p.heading(cid, p.t("directions"), "directions")]
    for i, d in enumerate(c.directions, 1):
        out.append(f"## {i}. {p.tx(d.title)} {{ #direction-{i} }}\n\n")
        if d.text:
            out.append(f"{p.tx(d.text)}\n\n")
    out.append(p.review_note(lang in c.awaiting_review))
    return "".join(out)


def member_links(p: Page, cid: str, member_ids) -> dict[str, str]:
    """Where members stand on their coalition's (paged) members list, at their type's heading;
    a signatory who is not a member gets the list's first page."""
    first = paths.coalition_page(p.site, cid, "members")
    at = {m.id: i for i, (m, _) in enumerate(p.site.roster(cid, p.lang))}
    return {mid: f"{p.to(paths.paged(first, paths.page_of(at.get(mid, 0))))}#{p.site.members[mid].type}"
            for mid in member_ids}


def members(site: Site, cid: str, lang: str) -> list[str]:
    c = site.coalitions[cid]
    first = paths.coalition_page(site, cid, "members")
    entries = site.roster(cid, lang)
    counts = Counter(m.type for m, _ in entries)
    starts: dict[str, int] = {}  # the page where each type's group begins
    for i, (m, _) in enumerate(entries):
        starts.setdefault(m.type, paths.page_of(i))

    def head(p: Page) -> str:
        out = p.heading(cid, p.t("members"), "members") + f"{p.t('all')}: {members_count(p, len(entries))}\n\n"
        if entries:
            data = [f"[{ext.upper()}]({p.to(paths.members_data(site, cid, ext))})" for ext in ("csv", "json")]
            out += (f'<p class="ms-download" markdown>:material-download: {p.t("members.download")}: '
                    f'{" · ".join(data)}</p>\n\n')
        if len(starts) > 1:
            # Jump links to each type's group (on its page): the filter by type without script,
            # and a long list stays findable on a phone.
            out += (f'<nav class="ms-groups" aria-label="{p.t("members.by_type")}" markdown>\n\n'
                    + "".join(f"- [{p.t(f'type.{mtype}')} ({counts[mtype]})]"
                              f"({p.to(paths.paged(first, n))}#{mtype})\n" for mtype, n in starts.items())
                    + "\n</nav>\n\n")
        return out

    def body(p: Page, part: list) -> str:
        # The whole list is in the page; members-filter.js (loaded by `filter: true`) adds a
        # name box and a type menu above it, with these words.
        labels = {k: html.escape(p.t(f"members.{k}"), quote=True) for k in ("filter", "filter.type", "filter.none")}
        out, review = [f'<div class="ms-directory" data-filter="{labels["filter"]}" '
                       f'data-filter-type="{labels["filter.type"]}" data-filter-all="{html.escape(p.t("members.filter.all"))}" '
                       f'data-filter-none="{labels["filter.none"]}" markdown>\n\n'], False
        for mtype, group in itertools.groupby(part, key=lambda e: e[0].type):
            out.append(f"## {p.t(f'type.{mtype}')} ({counts[mtype]}) {{ #{mtype} }}\n\n")
            for m, ms in group:
                # A list, not a table: it reflows on a phone instead of scrolling sideways.
                name = p.tx(m.name)
                if len(m.memberships) > 1:  # its own page lists its coalitions
                    name = f"[{name}]({p.to(paths.member_page(m.id))})"
                elif m.link:
                    name = f"[{name}]({target(m.link)})"
                # Names we translated ourselves: one discreet note under the list, not a mark
                # on every line.
                review = review or lang in m.awaiting_review
                details = [f"{p.t('joined')}: {p.date(ms.joined)}" if ms.joined else "",
                           p.tx(ms.role) if ms.role else ""]
                details = " · ".join(d for d in details if d)
                out.append(f"- **{name}**" + (f"  \n  <small>{details}</small>" if details else "") + "\n")
            out.append("\n")
        out.append("</div>\n\n")
        if review:
            out.append(p.review_note(True))
        return "".join(out)

    meta = {"title": f"{t(lang, 'members')} — {c.name.get(lang)}",
            "description": f"{c.name.get(lang)}: {members_count(Page(site, first, lang), len(entries))}",
            "coalition": cid, "filter": True}
    return paginated(site, first, lang, meta, head, body, entries)


def member(site: Site, mid: str, lang: str) -> str:
    """An organisation in several coalitions: the coalitions, with when it joined and its role."""
    m = site.members[mid]
    p = Page(site, paths.member_page(mid), lang)
    out = [front_matter(title=m.name.get(lang), description=f"{m.name.get(lang)} — {p.t('member.in')}",
                        edit=m.path),
           f"# {p.tx(m.name)}\n\n", f'<p class="ms-meta" markdown>{p.t(f"type.{m.type}")}</p>\n\n']
    if m.link:
        out.append(f"[{esc(m.link)}]({target(m.link)})\n\n")
    out.append(f"## {p.t('member.in')}\n\n")
    cards = []
    for ms in m.memberships:
        details = [f"{p.t('joined')}: {p.date(ms.joined)}" if ms.joined else "", p.tx(ms.role) if ms.role else ""]
        cards.append(_card("material-account-group",
                           f"[{p.coalition_name(ms.coalition)}]({p.to(paths.coalition_page(site, ms.coalition))})",
                           " · ".join(d for d in details if d)))
    out.append(_cards(cards))
    out.append(p.review_note(lang in m.awaiting_review))
    return "".join(out)


def contacts(site: Site, cid: str, lang: str) -> str:
    c = site.coalitions[cid]
    p = Page(site, paths.coalition_page(site, cid, "contacts"), lang)
    k = c.contacts
    out = [front_matter(title=f"{p.t('contacts')} — {c.name.get(lang)}",
                        description=f"{p.t('contacts')} — {c.name.get(lang)}", coalition=cid, edit=c.path),
           p.heading(cid, p.t("contacts"), "contacts")]
    rows = []
    if k.press:
        press = [p.tx(k.press.name)]
        press += [f"[{esc(k.press.phone)}]({tel(k.press.phone)})"] if k.press.phone else []
        press += [f"[{esc(k.press.email)}](mailto:{target(k.press.email)})"] if k.press.email else []
        rows.append((p.t("press"), ", ".join(press)))
    rows += [
        (p.t("hotline"), f"[{esc(k.hotline)}]({tel(k.hotline)})" if k.hotline else ""),
        (p.t("phone"), f"[{esc(k.phone)}]({tel(k.phone)})" if k.phone else ""),
        (p.t("email"), f"[{esc(k.email)}](mailto:{target(k.email)})" if k.email else ""),
        (p.t("website"), f"<{target(k.website)}>" if k.website else ""),
        (p.t("facebook"), f"<{target(k.facebook)}>" if k.facebook else ""),
        (p.t("telegram"), f"<{target(k.telegram)}>" if k.telegram else ""),
    ]
    out.append(_facts(rows) or p.t("contacts.none") + "\n")
    return "".join(out)


def coalition_statements(site: Site, cid: str, lang: str) -> list[str]:
    c = site.coalitions[cid]
    title = f"{t(lang, 'statements')} — {c.name.get(lang)}"
    return paginated(site, paths.coalition_page(site, cid, "statements"), lang,
                     {"title": title, "description": title, "feed": feed_path(lang), "coalition": cid},
                     lambda p: p.heading(cid, p.t("statements"), "statements"),
                     lambda p, part: _list_or([_statement_item(p, s, False) for s in part], p.t("statements.none")),
                     site.statements_of(cid), feed_link)


def _site_list(site: Site, first: str, lang: str, key: str, item, records: list) -> list[str]:
    """A site-wide list (statements, events) in pages, with the language's feed."""
    return paginated(site, first, lang,
                     {"title": t(lang, key), "description": t(lang, "home.intro"), "feed": feed_path(lang)},
                     lambda p: f"# {p.t(key)}\n\n",
                     lambda p, part: _list_or([item(p, r) for r in part], p.t(f"{key}.none")),
                     records, feed_link)


def statements_index(site: Site, lang: str) -> list[str]:
    return _site_list(site, paths.STATEMENTS, lang, "statements", _statement_item, site.statements_of())


def events_index(site: Site, lang: str) -> list[str]:
    return _site_list(site, paths.EVENTS, lang, "events", _event_item, site.events_of())


def event(site: Site, eid: str, lang: str) -> str:
    e = site.events[eid]
    p = Page(site, paths.event_page(eid), lang)
    coalition = (f"[{p.coalition_name(e.coalition)}]({p.to(paths.coalition_page(site, e.coalition))})"
                 if e.coalition else "")
    out = [front_matter(title=e.title.get(lang), description=seo.shorten(e.summary.get(lang) or e.title.get(lang)),
                        jsonld=seo.event(site, e, lang), coalition=e.coalition, edit=e.path,
                        og_date=p.date(e.date)),
           f"# {p.tx(e.title)}\n\n",
           _facts([(p.t("date"), p.date(e.date)), (p.t("place"), p.tx(e.place)),
                   (p.t("coalition"), coalition),
                   (p.t("organisers"), "; ".join(p.tx(o) for o in e.organisers))])]
    if e.summary:
        out.append(f"{p.tx(e.summary)}\n\n")
    if e.participants:
        out.append(f"## {p.t('participants')}\n\n{p.tx(e.participants)}\n\n")
    if e.outcomes:
        out.append(f"## {p.t('outcomes')}\n\n" + "".join(f"- {p.tx(o)}\n" for o in e.outcomes) + "\n")
    reports = [s for s in site.statements_of() if s.event == eid]
    if reports:
        out.append(f"## {p.t('statements')}\n\n" + _list_or([_statement_item(p, s) for s in reports], ""))
    out.append(p.sources(e.sources))
    out.append(p.review_note(lang in e.awaiting_review))
    return "".join(out)


def statement(site: Site, sid: str, lang: str) -> str:
    s = site.statements[sid]
    text = s.text_for(lang)
    p = Page(site, paths.statement_page(sid), lang)
    meta = [p.t(f"statement.{s.kind}"), p.date(s.date) if s.date else "", esc(text.place)]
    if s.event:
        meta.append(f"[{p.tx(site.events[s.event].title)}]({p.to(paths.event_page(s.event))})")
    article = seo.news_article(site, s, lang)  # its description is the page's too
    out = [front_matter(title=text.title, description=article["description"], og_type="article",
                        jsonld=article, coalition=s.coalition, edit=text.path, share=True,
                        **({"og_date": p.date(s.date)} if s.date else {}))]
    if s.coalition:
        current = "declaration" if s.kind == "declaration" else "statements"
        out.append(p.heading(s.coalition, esc(text.title), current))
    else:
        out.append(f"# {esc(text.title)}\n\n")
    out.append(f'<p class="ms-meta" markdown>{" · ".join(m for m in meta if m)}</p>\n\n')
    out.append(lifecycle.notice(site, s, p.path, lang))
    out.append(text.body if text.lang == lang else fallback_body(text.body, text.lang, lang))
    out.append(lifecycle.corrections(text, lang))
    if s.signatories:
        out.append(f"\n## {p.t('signatories')} ({len(s.signatories)})\n\n")
        if s.coalition:
            links = member_links(p, s.coalition, s.signatories)
            out += [f"- [{p.tx(site.members[m].name)}]({links[m]})\n" for m in s.signatories]
        else:
            out += [f"- {p.tx(site.members[m].name)}\n" for m in s.signatories]
    if s.source:
        out.append(p.sources((s.source,)))
    out.append(p.review_note(text.awaiting_review and text.lang == lang))
    return "".join(out)


def fallback_body(body: str, shown_lang: str, lang: str) -> str:
    """Text missing in the reader's language: the other language's, said so in theirs."""
    return (f'!!! warning ""\n\n    {t(lang, "notice.fallback")}\n\n'
            f'<div lang="{shown_lang}" markdown>\n\n{body.strip()}\n\n</div>\n')


def fallback_page(markdown_text: str, shown_lang: str, lang: str) -> str:
    """A hand-written page that exists in one language only, shown to the other language's readers."""
    match = FRONT_MATTER.match(markdown_text)
    meta, body = (match.group(0) + "\n", markdown_text[match.end():]) if match else ("", markdown_text)
    return meta + fallback_body(body, shown_lang, lang)


def all_pages(site: Site, repo: views.Repository = views.Repository()) -> dict[str, str]:
    """Every generated page: {per-language source path: Markdown}. A page that would have
    nothing to show is not made (`paths.has_part`; no events, no events list)."""
    out: dict[str, str] = {}

    def add(path: str, render, *args) -> None:
        if not path:
            return
        for lang in LANGS:
            result = render(site, *args, lang)  # a long list renders as several pages
            for n, text in enumerate([result] if isinstance(result, str) else result, 1):
                out[paths.with_lang(paths.paged(path, n), lang)] = text

    if not site.single:  # one coalition's own pages take the home and statements places
        add(paths.HOME, functools.partial(home, repo=repo))
        add(paths.STATEMENTS if site.statements else "", statements_index)
        add(paths.COALITIONS, coalitions_index)
    add(paths.EVENTS if site.events else "", events_index)
    section = {"overview": functools.partial(overview, repo=repo), "directions": directions,
               "members": members, "statements": coalition_statements, "contacts": contacts}
    for cid in site.coalitions:
        for part, render_part in section.items():
            add(paths.coalition_page(site, cid, part), render_part, cid)
    for mid, m in site.members.items():
        if len(m.memberships) > 1:
            add(paths.member_page(mid), member, mid)
    for eid in site.events:
        add(paths.event_page(eid), event, eid)
    for sid in site.statements:
        add(paths.statement_page(sid), statement, sid)
    return out
