"""What the site is made of: coalitions, members, statements, events.

Every human-readable text is a `Text` holding both languages; records are immutable values
built by `load` and read by `render`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

LANGS = ("kk", "ru")  # Kazakh is the default language, Russian the second
DEFAULT_LANG = "kk"

COALITION_KINDS = ("coalition", "civic-platform", "forum-organiser")
SCOPES = ("national", "regional", "city")
MEMBER_TYPES = (
    "political-party", "civic-movement", "ngo", "trade-union", "association",
    "media", "initiative", "individual", "other",
)
STATEMENT_KINDS = ("declaration", "press-release", "news", "event-report")
# draft → review → adopted → withdrawn | superseded. Only the last three are published.
STATEMENT_STATUSES = ("draft", "review", "adopted", "withdrawn", "superseded")
PUBLISHED_STATUSES = ("adopted", "withdrawn", "superseded")
PREVIEW_ONLY = tuple(s for s in STATEMENT_STATUSES if s not in PUBLISHED_STATUSES)  # not adopted yet


def other_lang(lang: str) -> str:
    return LANGS[1] if lang == LANGS[0] else LANGS[0]


@dataclass(frozen=True)
class Text:
    """One text in both languages; a missing language falls back to the other."""

    kk: str = ""
    ru: str = ""

    def lang_for(self, lang: str) -> str:
        """The language actually shown to a reader of `lang`."""
        return lang if getattr(self, lang) else other_lang(lang)

    def get(self, lang: str) -> str:
        return getattr(self, self.lang_for(lang))

    def __bool__(self) -> bool:
        return bool(self.kk or self.ru)


@dataclass(frozen=True)
class Source:
    title: Text
    publisher: str = ""
    date: dt.date | None = None
    url: str = ""


@dataclass(frozen=True)
class Person:
    name: Text
    role: Text = Text()


@dataclass(frozen=True)
class Direction:
    title: Text
    text: Text = Text()


@dataclass(frozen=True)
class Figure:
    value: str
    label: Text


@dataclass(frozen=True)
class Press:
    name: Text = Text()
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Contacts:
    press: Press | None = None
    phone: str = ""
    email: str = ""
    website: str = ""
    facebook: str = ""
    telegram: str = ""
    hotline: str = ""

    def __bool__(self) -> bool:
        return any((self.press, self.phone, self.email, self.website,
                    self.facebook, self.telegram, self.hotline))


@dataclass(frozen=True)
class Coalition:
    id: str
    name: Text
    kind: str
    scope: str
    place: Text
    summary: Text
    short_name: Text = Text()
    logo: str = ""      # a file below docs/ (assets/…)
    accent: str = ""    # #rrggbb
    founded_date: dt.date | None = None
    founded_place: Text = Text()
    parent: str = ""
    leaders: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()
    directions: tuple[Direction, ...] = ()
    contacts: Contacts = Contacts()
    sources: tuple[Source, ...] = ()
    awaiting_review: tuple[str, ...] = ()       # our own translations, to be checked
    awaiting_translation: tuple[str, ...] = ()  # languages not written yet
    path: str = ""


@dataclass(frozen=True)
class Membership:
    coalition: str
    joined: dt.date | None = None
    role: Text = Text()


@dataclass(frozen=True)
class Member:
    id: str
    type: str
    name: Text
    memberships: tuple[Membership, ...]
    link: str = ""
    awaiting_review: tuple[str, ...] = ()       # our own translations, to be checked
    awaiting_translation: tuple[str, ...] = ()  # languages not written yet
    path: str = ""


@dataclass(frozen=True)
class Event:
    id: str
    title: Text
    date: dt.date
    place: Text
    summary: Text = Text()
    coalition: str = ""
    organisers: tuple[Text, ...] = ()
    participants: Text = Text()
    outcomes: tuple[Text, ...] = ()
    sources: tuple[Source, ...] = ()
    awaiting_review: tuple[str, ...] = ()       # our own translations, to be checked
    awaiting_translation: tuple[str, ...] = ()  # languages not written yet
    path: str = ""


@dataclass(frozen=True)
class Correction:
    """A change to an adopted text, shown on its page: adopted texts never change silently."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class StatementText:
    """One language version of a statement: its own file."""

    lang: str
    title: str
    body: str
    path: str
    place: str = ""
    translated_from: str = ""
    awaiting_review: bool = False
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Statement:
    id: str
    kind: str
    status: str
    texts: dict[str, StatementText]  # by language; at least one
    coalition: str = ""
    event: str = ""
    date: dt.date | None = None
    signatories: tuple[str, ...] = ()
    source: Source | None = None
    adopted: dt.date | None = None
    withdrawn: dt.date | None = None
    superseded_by: str = ""
    awaiting_translation: tuple[str, ...] = ()

    def text_for(self, lang: str) -> StatementText:
        """The version shown to a reader of `lang`: theirs, else the other one."""
        return self.texts.get(lang) or self.texts[other_lang(lang)]


def _newest_first(items, date_of):
    # Undated items last, keeping their file order: never guess a date.
    return sorted(items, key=lambda i: (date_of(i) is None, -(date_of(i) or dt.date.min).toordinal()))


def _by_coalition(records, date_of) -> dict[str | None, list]:
    """{coalition id: its records newest first; None: all records newest first}."""
    index: dict[str | None, list] = {None: _newest_first(records, date_of)}
    for r in index[None]:
        index.setdefault(r.coalition, []).append(r)
    return index


@dataclass
class Site:
    coalitions: dict[str, Coalition] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    @property
    def single(self) -> Coalition | None:
        """The coalition, when the repository runs one coalition's own microsite."""
        return next(iter(self.coalitions.values())) if len(self.coalitions) == 1 else None

    def members_of(self, coalition_id: str) -> list[tuple[Member, Membership]]:
        return list(self._rosters.get(coalition_id, ()))

    def roster(self, coalition_id: str, lang: str) -> list[tuple[Member, Membership]]:
        """A coalition's members grouped by type (in MEMBER_TYPES order), by name within a type."""
        key = (coalition_id, lang)
        if key not in self._sorted_rosters:
            order = {mtype: i for i, mtype in enumerate(MEMBER_TYPES)}
            self._sorted_rosters[key] = sorted(self.members_of(coalition_id),
                                               key=lambda e: (order[e[0].type], e[0].name.get(lang)))
        return self._sorted_rosters[key]

    def children_of(self, coalition_id: str) -> list[Coalition]:
        return [c for c in self.coalitions.values() if c.parent == coalition_id]

    def statements_of(self, coalition_id: str | None = None) -> list[Statement]:
        return list(self._statements_index.get(coalition_id, ()))

    def events_of(self, coalition_id: str | None = None) -> list[Event]:
        return list(self._events_index.get(coalition_id, ()))

    # Indexes built on first use, as a Site is complete once loaded: scanning every record for
    # each card, menu and page made a 4,000-member, 400-statement network's build quadratic.
    @cached_property
    def _rosters(self) -> dict[str, list[tuple[Member, Membership]]]:
        rosters: dict[str, list[tuple[Member, Membership]]] = {}
        for m in self.members.values():
            for ms in m.memberships:
                rosters.setdefault(ms.coalition, []).append((m, ms))
        return rosters

    @cached_property
    def _sorted_rosters(self) -> dict[tuple[str, str], list[tuple[Member, Membership]]]:
        return {}

    @cached_property
    def _statements_index(self) -> dict[str | None, list[Statement]]:
        return _by_coalition(self.statements.values(), lambda s: s.date)

    @cached_property
    def _events_index(self) -> dict[str | None, list[Event]]:
        return _by_coalition(self.events.values(), lambda e: e.date)

    @cached_property
    def _statements_by_title(self) -> dict[str, tuple[int, Statement]]:
        """Each statement title (spaces collapsed) → the first statement with it, and its rank."""
        out: dict[str, tuple[int, Statement]] = {}
        for n, s in enumerate(self.statements.values()):
            for x in s.texts.values():
                out.setdefault(" ".join(x.title.split()), (n, s))
        return out

    def statement_titled(self, title: Text) -> Statement | None:
        """The site's own statement a source names by its title (in either language), if any:
        of several, the first in the site's order."""
        found = [self._statements_by_title.get(" ".join(x.split())) for x in (title.kk, title.ru) if x]
        found = [f for f in found if f]
        return min(found, key=lambda f: f[0])[1] if found else None

    def declaration_of(self, coalition_id: str) -> Statement | None:
        return next((s for s in self.statements_of(coalition_id) if s.kind == "declaration"), None)
