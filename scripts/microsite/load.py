"""Reading `data/` (YAML) and `docs/statements/` (Markdown + front matter) into a `Site`.

Every problem becomes a `ContentError` naming the file, line and column: editors read these
messages, often in GitHub's web editor, so they say what is wrong and how to fix it.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .model import (
    COALITION_KINDS, LANGS, MEMBER_TYPES, SCOPES, STATEMENT_KINDS, STATEMENT_STATUSES,
    Coalition, Contacts, Direction, Event, Figure, Member, Membership, Person, Press, Site,
    Source, Statement, StatementText, Text,
)


class Node(dict):
    """A YAML mapping that remembers where each key stood, for error messages."""

    path: str = ""
    line: int = 1
    column: int = 1
    marks: dict[str, tuple[int, int]]

    def where(self, key: str | None = None) -> tuple[int, int]:
        return self.marks.get(key, (self.line, self.column)) if key else (self.line, self.column)

    def error(self, message: str, key: str | None = None) -> ContentError:
        line, column = self.where(key)
        return ContentError(self.path, message, line, column)


# libyaml's parser (shipped in PyYAML's wheels) reads YAML ~4× faster than the pure-Python one,
# with the same line/column marks: loading was the largest cost of a 4,000-member build.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    path = ""
    line_offset = 0


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Node:
    result = Node()
    result.path = loader.path
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.column = node.start_mark.column + 1
    result.marks = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        where = (key_node.start_mark.line + 1 + loader.line_offset, key_node.start_mark.column + 1)
        if key in result:
            # PyYAML would silently keep the last value: the first one would be lost.
            raise ContentError(loader.path, f"the field '{key}' appears twice; keep one of them "
                               f"(the other is on line {result.marks[key][0]})", *where)
        result[key] = loader.construct_object(value_node, deep=True)
        result.marks[key] = where
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        # PyYAML raises a bare ValueError for 2019-02-30: say it in the editor's terms.
        raise ContentError(loader.path, f"'{node.value}' is not a real date — check the day and "
                           "month (YYYY-MM-DD)", node.start_mark.line + 1 + loader.line_offset,
                           node.start_mark.column + 1) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    loader = _Loader(text)
    loader.path, loader.line_offset = path, line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 1
        column = mark.column + 1 if mark else 1
        raise ContentError(path, f"this is not valid YAML ({exc.problem or exc.context}); "
                           "check indentation, colons and quotes", line, column) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"this is not valid YAML ({exc})") from None
    finally:
        loader.dispose()


def read_text(path: Path, root: Path) -> str:
    rel = relpath(path, root)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(rel, f"the file is not UTF-8 (byte {exc.start}); "
                           "save it again with the UTF-8 encoding") from None


def relpath(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# -- field readers ----------------------------------------------------------------------------

def _check_fields(node: Node, allowed: set[str], required: set[str]) -> None:
    for key in node:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            fix = f"did you mean '{hint[0]}'?" if hint else "allowed: " + ", ".join(sorted(allowed))
            raise node.error(f"unknown field '{key}' — {fix}", key)
    for key in sorted(required - node.keys()):
        raise node.error(f"the required field '{key}' is missing — add it")


def _optional_mapping(parent: Node, key: str) -> Node:
    """The sub-group `key`, or an empty one placed at the parent when it is absent."""
    if key in parent:
        return _mapping(parent[key], parent, key)
    empty = Node()
    empty.path, empty.line, empty.column, empty.marks = parent.path, parent.line, parent.column, {}
    return empty


def _mapping(value: Any, parent: Node, key: str) -> Node:
    if not isinstance(value, Node):
        raise parent.error(f"'{key}' must be a group of fields (key: value lines indented below it)", key)
    return value


def _str(node: Node, key: str, required: bool = False) -> str:
    value = node.get(key)
    if value is None:
        if required:
            raise node.error(f"the required field '{key}' is missing — add it", key)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise node.error(f"'{key}' must be text; put it in quotes", key)
    if not isinstance(value, str):
        raise node.error(f"'{key}' was read as a number; put it in quotes: \"{value}\"", key)
    return value.strip()


def _text(node: Node, key: str, required: bool = False) -> Text:
    value = node.get(key)
    if value is None:
        if required:
            raise node.error(f"the required field '{key}' is missing — add it with kk: and ru: lines", key)
        return Text()
    value = _mapping(value, node, key)
    text = _text_of(value)
    if required and not text:
        raise value.error(f"'{key}' is empty — write the text after kk: and ru:")
    return text


def _text_of(node: Node) -> Text:
    """A group of kk: and ru: lines."""
    _check_fields(node, set(LANGS), set())
    return Text(**{lang: _str(node, lang) for lang in LANGS})


def _date(node: Node, key: str, required: bool = False) -> dt.date | None:
    value = node.get(key)
    if value is None:
        if required:
            raise node.error(f"the required date '{key}' is missing — add it as YYYY-MM-DD", key)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise node.error(f"'{key}' must be a real date written as YYYY-MM-DD, e.g. 2019-08-28", key)


def _choice(node: Node, key: str, choices: tuple[str, ...]) -> str:
    value = _str(node, key, required=True)
    if value not in choices:
        raise node.error(f"'{key}: {value}' is not known — use one of: {', '.join(choices)}", key)
    return value


def _list(node: Node, key: str) -> list:
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise node.error(f"'{key}' must be a list: each item on its own line starting with '- '", key)
    return value


def _items(node: Node, key: str) -> list[Node]:
    return [_mapping(item, node, key) for item in _list(node, key)]


def _langs(node: Node, key: str) -> tuple[str, ...]:
    value = _list(node, key)
    for lang in value:
        if lang not in LANGS:
            raise node.error(f"'{key}' lists '{lang}'; languages are: {', '.join(LANGS)}", key)
    return tuple(value)


def _source(node: Node) -> Source:
    _check_fields(node, {"title", "publisher", "date", "url"}, {"title"})
    return Source(title=_text(node, "title", True), publisher=_str(node, "publisher"),
                  date=_date(node, "date"), url=_str(node, "url"))


# -- records ----------------------------------------------------------------------------------

def _person(node: Node) -> Person:
    _check_fields(node, {"name", "role"}, {"name"})
    return Person(_text(node, "name", True), _text(node, "role"))


def _figure(node: Node) -> Figure:
    _check_fields(node, {"value", "label"}, {"value", "label"})
    return Figure(_str(node, "value", True), _text(node, "label", True))


def _direction(node: Node) -> Direction:
    _check_fields(node, {"title", "text"}, {"title"})
    return Direction(_text(node, "title", True), _text(node, "text"))


COALITION_FIELDS = {"id", "name", "short_name", "kind", "scope", "place", "founded", "parent",
                    "leaders", "summary", "figures", "directions", "contacts", "sources",
                    "awaiting_review"}


def coalition(node: Node) -> Coalition:
    _check_fields(node, COALITION_FIELDS, {"id", "name", "kind", "scope", "place", "summary"})
    founded = _optional_mapping(node, "founded")
    _check_fields(founded, {"date", "place"}, set())
    contacts = _optional_mapping(node, "contacts")
    _check_fields(contacts, {"press", "phone", "email", "website", "facebook", "telegram", "hotline"}, set())
    press = None
    if "press" in contacts:
        p = _mapping(contacts["press"], contacts, "press")
        _check_fields(p, {"name", "phone", "email"}, {"name"})
        press = Press(_text(p, "name", True), _str(p, "phone"), _str(p, "email"))
    return Coalition(
        id=_str(node, "id", True), name=_text(node, "name", True),
        short_name=_text(node, "short_name"), kind=_choice(node, "kind", COALITION_KINDS),
        scope=_choice(node, "scope", SCOPES), place=_text(node, "place", True),
        summary=_text(node, "summary", True),
        founded_date=_date(founded, "date"), founded_place=_text(founded, "place"),
        parent=_str(node, "parent"),
        leaders=tuple(_person(i) for i in _items(node, "leaders")),
        figures=tuple(_figure(i) for i in _items(node, "figures")),
        directions=tuple(_direction(i) for i in _items(node, "directions")),
        contacts=Contacts(press=press, **{k: _str(contacts, k) for k in
                                          ("phone", "email", "website", "facebook", "telegram", "hotline")}),
        sources=tuple(_source(i) for i in _items(node, "sources")),
        awaiting_review=_langs(node, "awaiting_review"), path=node.path,
    )


def member(node: Node) -> Member:
    _check_fields(node, {"id", "type", "name", "link", "memberships", "awaiting_review"},
                  {"id", "type", "name", "memberships"})
    memberships = []
    for item in _items(node, "memberships"):
        _check_fields(item, {"coalition", "joined", "role"}, {"coalition"})
        memberships.append(Membership(_str(item, "coalition", True), _date(item, "joined"), _text(item, "role")))
    if not memberships:
        raise node.error("'memberships' is empty — list at least one coalition this member belongs to",
                         "memberships")
    return Member(id=_str(node, "id", True), type=_choice(node, "type", MEMBER_TYPES),
                  name=_text(node, "name", True), memberships=tuple(memberships),
                  link=_str(node, "link"), awaiting_review=_langs(node, "awaiting_review"), path=node.path)


def event(node: Node) -> Event:
    _check_fields(node, {"id", "title", "date", "place", "coalition", "summary", "organisers",
                         "participants", "outcomes", "sources", "awaiting_review"},
                  {"id", "title", "date", "place"})

    def texts(key: str) -> tuple[Text, ...]:
        return tuple(_text_of(i) for i in _items(node, key))

    return Event(id=_str(node, "id", True), title=_text(node, "title", True),
                 date=_date(node, "date", True), place=_text(node, "place", True),
                 summary=_text(node, "summary"), coalition=_str(node, "coalition"),
                 organisers=texts("organisers"), participants=_text(node, "participants"),
                 outcomes=texts("outcomes"), sources=tuple(_source(i) for i in _items(node, "sources")),
                 awaiting_review=_langs(node, "awaiting_review"), path=node.path)


# -- statements -------------------------------------------------------------------------------

STATEMENT_NEUTRAL = ("kind", "coalition", "event", "date", "status", "signatories", "source")
STATEMENT_FIELDS = set(STATEMENT_NEUTRAL) | {"title", "place", "translated_from", "awaiting_review"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str, path: str) -> tuple[Node, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(path, "the file must start with front matter: a line '---', "
                           "the fields (title:, kind:, …), then another '---'")
    meta = parse_yaml(match.group(1) or "", path, line_offset=1)
    if not isinstance(meta, Node):
        raise ContentError(path, "the front matter between the '---' lines must be fields (key: value)", 2)
    return meta, text[match.end():]


def statement_text(meta: Node, body: str, lang: str) -> StatementText:
    _check_fields(meta, STATEMENT_FIELDS, {"title", "kind", "status"})
    translated_from = _str(meta, "translated_from")
    if translated_from and translated_from not in LANGS:
        raise meta.error(f"'translated_from: {translated_from}' — use one of: {', '.join(LANGS)}",
                         "translated_from")
    review = meta.get("awaiting_review", False)
    if not isinstance(review, bool):
        raise meta.error("'awaiting_review' must be true or false", "awaiting_review")
    return StatementText(lang=lang, title=_str(meta, "title", True), body=body.strip() + "\n",
                         path=meta.path, place=_str(meta, "place"),
                         translated_from=translated_from, awaiting_review=review)


def statement(sid: str, versions: dict[str, tuple[Node, str]]) -> Statement:
    texts = {lang: statement_text(meta, body, lang) for lang, (meta, body) in versions.items()}
    meta, _ = next(iter(versions.values()))
    for other, _ in versions.values():
        for key in STATEMENT_NEUTRAL:
            if other.get(key) != meta.get(key):
                # Both language files describe one statement: they must agree on its facts.
                raise other.error(f"'{key}' differs from {meta.path}; the language versions of one "
                                  "statement must have the same value", key if key in other else None)
    signatories = _list(meta, "signatories")
    source = None
    if "source" in meta:
        source = _source(_mapping(meta["source"], meta, "source"))
    return Statement(id=sid, kind=_choice(meta, "kind", STATEMENT_KINDS),
                     status=_choice(meta, "status", STATEMENT_STATUSES), texts=texts,
                     coalition=_str(meta, "coalition"), event=_str(meta, "event"),
                     date=_date(meta, "date"), signatories=tuple(str(s) for s in signatories),
                     source=source)


# -- the whole site ---------------------------------------------------------------------------

def _records(data_dir: Path, folder: str, build) -> dict:
    found = {}
    for path in sorted((data_dir / folder).glob("*.yml")):
        rel = relpath(path, data_dir.parent)
        node = parse_yaml(read_text(path, data_dir.parent), rel)
        if not isinstance(node, Node):
            raise ContentError(rel, "the file must contain fields (key: value lines), starting with 'id:'")
        record = build(node)
        if record.id != path.stem:
            raise node.error(f"'id: {record.id}' must match the file name '{path.name}' — "
                             f"rename the file to {record.id}.yml or change the id", "id")
        found[record.id] = record
    return found


def load_statements(docs_dir: Path, project: Path) -> dict[str, Statement]:
    grouped: dict[str, dict[str, tuple[Node, str]]] = {}
    for path in sorted((docs_dir / "statements").glob("*.md")):
        rel = relpath(path, project)
        stem, _, lang = path.stem.rpartition(".")
        if lang not in LANGS or not stem:
            raise ContentError(rel, "a statement file is named <id>.kk.md or <id>.ru.md — rename it")
        if stem == "index":
            continue
        meta, body = split_front_matter(read_text(path, project), rel)
        grouped.setdefault(stem, {})[lang] = (meta, body)
    return {sid: statement(sid, versions) for sid, versions in grouped.items()}


def _check_references(site: Site) -> None:
    def known(node_path: str, kind: str, ref: str, table: dict, what: str) -> None:
        if ref and ref not in table:
            raise ContentError(node_path, f"{what} '{ref}' does not exist — check the spelling "
                               f"against the {kind} files ({', '.join(sorted(table)) or 'none yet'})")

    for c in site.coalitions.values():
        known(c.path, "coalition", c.parent, site.coalitions, "the parent coalition")
    for m in site.members.values():
        for ms in m.memberships:
            known(m.path, "coalition", ms.coalition, site.coalitions, "the coalition")
    for e in site.events.values():
        known(e.path, "coalition", e.coalition, site.coalitions, "the coalition")
    for s in site.statements.values():
        path = next(iter(s.texts.values())).path
        known(path, "coalition", s.coalition, site.coalitions, "the coalition")
        known(path, "event", s.event, site.events, "the event")
        for ref in s.signatories:
            known(path, "member", ref, site.members, "the signatory")


def load_site(data_dir: Path, docs_dir: Path) -> Site:
    """Load everything; raise `ContentError` on the first problem found."""
    project = data_dir.parent
    site = Site(
        coalitions=_records(data_dir, "coalitions", coalition),
        members=_records(data_dir, "members", member),
        events=_records(data_dir, "events", event),
        statements=load_statements(docs_dir, project),
    )
    _check_references(site)
    return site
