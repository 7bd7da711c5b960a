"""Writing a `Site` back as the files editors write: `data/*/<id>.yml` and
`docs/statements/<id>.<lang>.md`.

The inverse of `load`: loading what this writes gives the same records. The benchmark uses it to
make large synthetic content sets through the model instead of by string templates, so they
stay valid as the model changes.
"""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import yaml

from ..content.load import FOLDERS, SCHEMA_LINE
from ..content.model import (
    LANGS,
    Coalition,
    Contacts,
    Direction,
    Event,
    Figure,
    Member,
    Membership,
    Person,
    Site,
    Source,
    Statement,
    StatementText,
    Text,
)


def to_yaml(data: dict) -> str:
    """Block style, keys in the model's order, Cyrillic as it is: editors read these files.
    PyYAML quotes a text only where it would otherwise read as a number, date or true/false."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def text(value: Text) -> dict:
    return {lang: getattr(value, lang) for lang in LANGS if getattr(value, lang)}


def _drop_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [], {}, ())}


def source(s: Source) -> dict:
    return _drop_empty({"title": text(s.title), "publisher": s.publisher, "date": s.date, "url": s.url})


def _person(p: Person) -> dict:
    return _drop_empty({"name": text(p.name), "role": text(p.role)})


def _figure(f: Figure) -> dict:
    return {"value": f.value, "label": text(f.label)}


def _direction(d: Direction) -> dict:
    return _drop_empty({"title": text(d.title), "text": text(d.text)})


def _contacts(k: Contacts) -> dict:
    press = _drop_empty({"name": text(k.press.name), "phone": k.press.phone,
                         "email": k.press.email}) if k.press else None
    plain = {f.name: getattr(k, f.name) for f in fields(k) if f.name != "press"}
    return _drop_empty({"press": press, **plain})


def _awaiting(record) -> dict:
    return {"awaiting_review": list(record.awaiting_review),
            "awaiting_translation": list(record.awaiting_translation)}


def coalition(c: Coalition) -> dict:
    return _drop_empty({
        "id": c.id, "name": text(c.name), "short_name": text(c.short_name),
        "logo": c.logo, "accent": c.accent, "kind": c.kind,
        "scope": c.scope, "place": text(c.place),
        "founded": _drop_empty({"date": c.founded_date, "place": text(c.founded_place)}),
        "parent": c.parent, "leaders": [_person(p) for p in c.leaders], "summary": text(c.summary),
        "figures": [_figure(f) for f in c.figures], "directions": [_direction(d) for d in c.directions],
        "contacts": _contacts(c.contacts), "sources": [source(s) for s in c.sources],
        **_awaiting(c),
    })


def _membership(ms: Membership) -> dict:
    return _drop_empty({"coalition": ms.coalition, "joined": ms.joined, "role": text(ms.role)})


def member(m: Member) -> dict:
    return _drop_empty({"id": m.id, "type": m.type, "name": text(m.name), "link": m.link,
                        "memberships": [_membership(ms) for ms in m.memberships], **_awaiting(m)})


def event(e: Event) -> dict:
    return _drop_empty({
        "id": e.id, "title": text(e.title), "date": e.date, "place": text(e.place),
        "coalition": e.coalition, "summary": text(e.summary),
        "organisers": [text(o) for o in e.organisers], "participants": text(e.participants),
        "outcomes": [text(o) for o in e.outcomes], "sources": [source(s) for s in e.sources],
        **_awaiting(e),
    })


def record_file(folder: str, record) -> str:
    """A coalition, member or event file of data/<folder>/: the schema line first, as `load` asks."""
    to_data = {"coalitions": coalition, "members": member, "events": event}[folder]
    return SCHEMA_LINE.format(kind=FOLDERS[folder]) + "\n" + to_yaml(to_data(record))


def statement_file(s: Statement, t: StatementText) -> str:
    """One language version: front matter (the statement's facts, the same in both files) + body."""
    meta = _drop_empty({
        "title": t.title, "kind": s.kind, "coalition": s.coalition, "event": s.event, "date": s.date,
        "place": t.place, "status": s.status, "adopted": s.adopted, "withdrawn": s.withdrawn,
        "superseded_by": s.superseded_by, "signatories": list(s.signatories),
        "source": source(s.source) if s.source else None, "translated_from": t.translated_from,
        "awaiting_translation": list(s.awaiting_translation),
        "corrections": [{"date": c.date, "reason": c.reason} for c in t.corrections],
    })
    if t.awaiting_review:
        meta["awaiting_review"] = True
    return f"---\n{to_yaml(meta)}---\n\n{t.body}"


def site_files(site: Site) -> dict[str, str]:
    """{path relative to the project: text} of every content file of `site`."""
    out: dict[str, str] = {}
    for folder, records in (("coalitions", site.coalitions), ("members", site.members),
                            ("events", site.events)):
        for rid, record in records.items():
            out[f"data/{folder}/{rid}.yml"] = record_file(folder, record)
    for sid, s in site.statements.items():
        for lang, t in s.texts.items():
            out[f"docs/statements/{sid}.{lang}.md"] = statement_file(s, t)
    return out


def write_site(site: Site, project: Path) -> int:
    """Write `site`'s content files under `project` (its data/ and docs/statements/); the
    schemas and allowed words in data/ are the project's, not content: copy them beside."""
    files = site_files(site)
    for rel, content in files.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return len(files)
