"""What the page templates print around a page's text: the landing pages' hero and every page's
footer, as typed records of plain texts and links (no markup).

The templates (`overrides/landing.html`, `overrides/partials/footer.html`) turn these into HTML
and escape every text; a link names either a page of the site (`page`, made relative to the page
it is printed on by the template) or an outside address (`url`).
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from ..content.model import LANGS, MEMBER_TYPES, Site
from ..pages import paths, words
from ..pages.words import t


@dataclass(frozen=True)
class Link:
    text: str
    page: str = ""      # a page's source path below its language's root ("ru/coalitions/kgi/members.md"), or a file's address
    url: str = ""       # an outside address (https:, mailto:, tel:)
    icon: str = ""      # the name of a Material icon the template knows (see landing.html)
    primary: bool = False


@dataclass(frozen=True)
class Number:
    value: int
    label: str
    page: str = ""


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Hero:
    """The opening of a landing page: on a phone, name, goal and actions fill the first screen."""
    name: str
    goal: str
    kicker: str = ""
    facts: tuple[Fact, ...] = ()
    actions: tuple[Link, ...] = ()
    numbers: tuple[Number, ...] = ()
    lang: str = ""      # the language the name and goal are written in, when not the page's
    logo: str = ""      # an image below the site root
    short_name: str = ""


@dataclass(frozen=True)
class Footer:
    """Who is behind the site, how to reach them, and where its texts and data are."""
    who: str
    contacts: tuple[Link, ...] = ()
    data: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Repository:
    """Where the site's sources live, for the join form and "edit this page" (optional)."""
    url: str = ""
    branch: str = "main"
    joinable: frozenset[str] = field(default_factory=frozenset)  # coalitions in the join form

    def join(self, cid: str) -> str:
        if not self.url or cid not in self.joinable:
            return ""
        return f"{self.url.rstrip('/')}/issues/new?template=join.yml"

    @property
    def edit_base(self) -> str:
        """Prefix of a file's "edit this page" address: + its path in the repository."""
        return f"{self.url.rstrip('/')}/edit/{self.branch}/" if self.url else ""


def _at(source_path: str, lang: str) -> str:
    """A generated page in `lang`: its source path below the language's root (the template
    turns it into the engine's address, `paths.address`)."""
    return paths.lang_root(lang) + source_path


def as_data(record) -> dict:
    """A record as plain data for front matter and templates (empty fields left out)."""
    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v not in ("", (), [], None, False)}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value
    return clean(dataclasses.asdict(record))


def member_numbers(site: Site, cid: str, lang: str) -> list[Number]:
    """Members in all and by type, in the order of the members page's groups."""
    members = site.members_of(cid)
    if not members:
        return []
    page = _at(paths.coalition_page(site, cid, "members"), lang)
    by_type = Counter(m.type for m, _ in members)
    out = [Number(len(members), t(lang, "members"), page)]
    if len(by_type) > 1:
        out += [Number(by_type[mtype], t(lang, f"type.{mtype}"), page)
                for mtype in MEMBER_TYPES if by_type[mtype]]
    return out


def coalition_hero(site: Site, cid: str, lang: str, repo: Repository) -> Hero:
    c = site.coalitions[cid]
    facts = []
    if c.founded_date:
        founded = words.date(c.founded_date, lang)
        if c.founded_place:
            founded += ", " + c.founded_place.get(lang)
        facts.append(Fact(t(lang, "founded"), founded))
    elif c.founded_place:  # a place is never shown as if it were a date
        facts.append(Fact(t(lang, "founded.place"), c.founded_place.get(lang)))
    # Each part's page in this language, "" where the part has nothing to show (paths.has_part).
    page = {part: _at(found, lang) if (found := paths.coalition_page(site, cid, part)) else ""
            for part in ("declaration", "directions", "statements", "contacts", "members")}
    numbers = member_numbers(site, cid, lang)
    if page["directions"]:
        numbers.append(Number(len(c.directions), t(lang, "directions"), page["directions"]))
    if page["statements"]:
        numbers.append(Number(len(site.statements_of(cid)), t(lang, "statements"), page["statements"]))
    actions = []
    if repo.join(cid):
        actions.append(Link(t(lang, "cta.join"), url=repo.join(cid), icon="join", primary=True))
    if page["declaration"]:
        actions.append(Link(t(lang, "cta.declaration"), page=page["declaration"], icon="declaration",
                            primary=not actions))
    elif page["statements"]:  # no declaration: what the coalition has said
        actions.append(Link(t(lang, "cta.statements"), page=page["statements"], icon="declaration",
                            primary=not actions))
    if page["contacts"]:
        key = "cta.press" if c.contacts.press else "cta.contact"
        actions.append(Link(t(lang, key), page=page["contacts"], icon="contact"))
    if not actions and page["members"]:  # at least: who has joined
        actions.append(Link(t(lang, "cta.members"), page=page["members"], icon="coalitions", primary=True))
    kicker = " · ".join([t(lang, f"kind.{c.kind}"), t(lang, f"scope.{c.scope}"), c.place.get(lang)])
    return Hero(name=c.name.get(lang), goal=c.summary.get(lang), kicker=kicker, facts=tuple(facts),
                logo=c.logo, short_name=c.short_name.get(lang) if c.short_name else "",
                actions=tuple(actions), numbers=tuple(numbers),
                lang="" if c.name.lang_for(lang) == lang else c.name.lang_for(lang))


def home_hero(site: Site, lang: str, repo: Repository) -> Hero:
    numbers = [Number(len(site.coalitions), t(lang, "coalitions"), _at(paths.COALITIONS, lang))]
    organisations = {m.id for m in site.members.values() if m.memberships}
    if organisations:
        numbers.append(Number(len(organisations), t(lang, "organisations")))
    if site.statements:
        numbers.append(Number(len(site.statements), t(lang, "statements"), _at(paths.STATEMENTS, lang)))
    if site.events:
        numbers.append(Number(len(site.events), t(lang, "events"), _at(paths.EVENTS, lang)))
    actions = [Link(t(lang, "cta.coalitions"), page=_at(paths.COALITIONS, lang), icon="coalitions", primary=True)]
    joinable = [cid for cid in site.coalitions if repo.join(cid)]
    if joinable:
        actions.append(Link(t(lang, "cta.join"), url=repo.join(joinable[0]), icon="join"))
    if site.statements:
        actions.append(Link(t(lang, "cta.statements"), page=_at(paths.STATEMENTS, lang), icon="declaration"))
    return Hero(name=t(lang, "site.name"), goal=t(lang, "home.intro"), actions=tuple(actions),
                numbers=tuple(numbers))


def footer(site: Site, cid: str, lang: str) -> Footer:
    """A coalition's pages name the coalition and its contacts; the network's pages the network."""
    feed = Link(t(lang, "feed"), page=paths.lang_root(lang) + paths.FEED, icon="feed")
    if not cid:
        contacts = [Link(t(lang, "coalitions"), page=_at(paths.COALITIONS, lang))] if not site.single else []
        return Footer(who=t(lang, "site.name"), contacts=tuple(contacts), data=(feed,))
    c = site.coalitions[cid]
    k = c.contacts
    contacts = []
    if contacts_page := paths.coalition_page(site, cid, "contacts"):  # "" without contacts
        contacts.append(Link(t(lang, "contacts"), page=_at(contacts_page, lang), icon="contact"))
    email = k.email or (k.press.email if k.press else "")
    if email:
        contacts.append(Link(email, url=f"mailto:{email}", icon="email"))
    data = [feed]
    if site.members_of(cid):
        data += [Link(f"{t(lang, 'members')} · {ext.upper()}", page=paths.members_data(site, cid, ext),
                      icon="data") for ext in ("csv", "json")]
    return Footer(who=c.name.get(lang), contacts=tuple(contacts), data=tuple(data))


def footers(site: Site) -> dict[str, dict[str, dict]]:
    """{language: {coalition id, or "" for the network: footer data}} for the templates."""
    return {lang: {cid: as_data(footer(site, cid, lang)) for cid in ["", *site.coalitions]}
            for lang in LANGS}


ACCENTS = "assets/accents.css"


def accents_css(site: Site) -> str:
    """The coalitions' own colours, one rule each, for the pages that name the coalition (their
    footer carries the class). Colours are #rrggbb (schema) and dark enough for white text
    (validate.accents); a stylesheet, not style attributes, so the CSP needs no exception."""
    rules = []
    for c in site.coalitions.values():
        if c.accent:
            rules.append(f"body[data-md-color-primary]:has(.ms-coalition--{c.id}) {{\n"
                         f"  --md-primary-fg-color: {c.accent};\n  --md-primary-fg-color--dark: {c.accent};\n"
                         f"  --md-accent-fg-color: {c.accent};\n  --md-typeset-a-color: {c.accent};\n}}\n")
    return "".join(rules)
