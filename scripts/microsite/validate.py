"""Rules across files, which no schema of a single file can state.

References that lead nowhere, one organisation entered twice, a text in one language only,
placeholder names, the two language files of a statement disagreeing, lifecycle fields that
contradict each other. Each problem points at the line of the field concerned.
"""
from __future__ import annotations

import difflib
import re
from typing import Iterator

from .errors import ContentError
from .schema import field_name
from .model import LANGS, PREVIEW_ONLY, Site, other_lang
from .yamlsrc import Document

LANG_NAMES = {"kk": "Kazakh", "ru": "Russian"}
PLACEHOLDER = re.compile(
    r"^\W*(todo|tbd|tba|fixme|xxx+|n/?a|none|null|name|test|example|sample|lorem ipsum.*|"
    r"атауы|аты|аты-жөні|ұйым|ұйымның атауы|мысал|тест|название|имя|организация|"
    r"название организации|пример|уточнить|нақтылау)?\W*$", re.I)


def rules(site: Site, documents: dict[str, Document], kinds: dict[str, str],
          stems: dict[str, set[str]]) -> list[ContentError]:
    return [*references(documents, kinds, stems), *duplicates(site, documents),
            *translations(site, documents), *placeholders(documents),
            *statement_agreement(site, documents), *lifecycle(site, documents),
            *accents(site, documents)]


def _at(documents: dict[str, Document], path: str, where: tuple, message: str) -> ContentError:
    doc = documents.get(path)
    return doc.error(where, message) if doc else ContentError(path, message)


# Fields that name another record: (path, with "*" for every list item) → kind of record.
REFERENCES = {
    "coalition": [(("parent",), "coalition")],
    "member": [(("memberships", "*", "coalition"), "coalition")],
    "event": [(("coalition",), "coalition")],
    "statement": [(("coalition",), "coalition"), (("event",), "event"),
                  (("superseded_by",), "statement"), (("signatories", "*"), "member")],
}
WHAT = {"coalition": "the coalition", "member": "the member", "event": "the event",
        "statement": "the statement"}


def _follow(data, pattern: tuple, where: tuple = ()) -> Iterator[tuple[tuple, object]]:
    if not pattern:
        yield where, data
    elif pattern[0] == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _follow(item, pattern[1:], (*where, index))
    elif isinstance(data, dict) and pattern[0] in data:
        yield from _follow(data[pattern[0]], pattern[1:], (*where, pattern[0]))


def references(documents: dict[str, Document], kinds: dict[str, str],
               stems: dict[str, set[str]]) -> Iterator[ContentError]:
    """Checked on every parsed file, valid or not, so one round of fixes finds them all."""
    for path, doc in documents.items():
        for pattern, kind in REFERENCES.get(kinds.get(path, ""), ()):
            known = stems.get(kind, set())
            for where, ref in _follow(doc.data, pattern):
                if isinstance(ref, str) and ref and ref not in known:
                    folder = "docs/statements" if kind == "statement" else f"data/{kind}s"
                    close = difflib.get_close_matches(ref, known, n=1)
                    fix = (f"did you mean '{close[0]}'?" if close else
                           f"it must be the name of a file in {folder}/ without its ending")
                    yield doc.error(where, f"{WHAT[kind]} '{ref}' does not exist — {fix}")


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[«»\"'“”„().,]", " ", name).casefold().split())


def _link_key(link: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", link.strip().casefold()).rstrip("/")


def duplicates(site: Site, documents) -> Iterator[ContentError]:
    """The same organisation under two file names: same name in either language, or same link.
    Both files are named: which one to keep is the editors' decision."""
    for records in (site.coalitions, site.members):
        seen: dict[tuple, list] = {}
        for record in sorted(records.values(), key=lambda r: r.path):
            keys = [(("name", lang), _name_key(getattr(record.name, lang)))
                    for lang in LANGS if getattr(record.name, lang)]
            if getattr(record, "link", ""):
                keys.append((("link",), _link_key(record.link)))
            for where, key in keys:
                seen.setdefault((where[0], key), []).append((record.path, where))
        for (field, _), places in seen.items():
            for path, where in places:
                others = ", ".join(p for p, _ in places if p != path)
                if others:
                    yield _at(documents, path, where, f"this {field} is also used by {others} — one "
                              "organisation has one file; merge them and delete the other")


def _text_objects(data, where: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    if isinstance(data, dict):
        if data and set(data) <= set(LANGS):
            yield where, data
            return
        for key, value in data.items():
            yield from _text_objects(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _text_objects(value, (*where, index))


def translations(site: Site, documents) -> Iterator[ContentError]:
    """A text in one language only is an error, unless the file says the translation is coming."""
    for doc in documents.values():
        if not doc.path.startswith("data/") or not isinstance(doc.data, dict):
            continue
        waiting = doc.data.get("awaiting_translation")
        waiting = waiting if isinstance(waiting, list) else []
        for where, text in _text_objects(doc.data):
            for lang in LANGS:
                if not text.get(lang) and text.get(other_lang(lang)) and lang not in waiting:
                    field = field_name(where)
                    yield doc.error(where, f"'{field}' has no {LANG_NAMES[lang]} text — add '{lang}: …' "
                                    f"below it, or, if the translation will come later, add "
                                    f"'awaiting_translation: [{lang}]' to this file")
    for s in site.statements.values():
        for lang in LANGS:
            if lang not in s.texts and lang not in s.awaiting_translation:
                shown = s.texts[other_lang(lang)]
                yield _at(documents, shown.path, (), f"this statement has no {LANG_NAMES[lang]} file — "
                          f"add {s.id}.{lang}.md beside it, or add 'awaiting_translation: [{lang}]' to "
                          "this file's front matter")


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white text on `colour` (#rrggbb)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def accents(site: Site, documents) -> Iterator[ContentError]:
    """A coalition's colour carries the header's and buttons' white text: it must stay readable."""
    for c in site.coalitions.values():
        if c.accent and contrast_with_white(c.accent) < 4.5:
            yield _at(documents, c.path, ("accent",),
                      f"the colour {c.accent} is too light for the white text on it (contrast "
                      f"{contrast_with_white(c.accent):.1f}:1, at least 4.5:1 is needed) — choose a darker colour")


def placeholders(documents) -> Iterator[ContentError]:
    """Names still reading 'TODO', 'Название', '...': forms left half-filled."""
    for doc in documents.values():
        for where, value in _names(doc.data):
            if value and PLACEHOLDER.match(value):  # empty ones are the schema's message
                yield doc.error(where, f"'{value}' is a placeholder, not a name — write the real "
                                "name, or remove the entry")


def _names(data, where: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("name", "title") and isinstance(value, dict):
                yield from (((*where, key, lang), v) for lang, v in value.items() if isinstance(v, str))
            elif key == "title" and isinstance(value, str):
                yield (*where, key), value
            else:
                yield from _names(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _names(value, (*where, index))


# Facts of the statement itself: both language files must give the same value.
NEUTRAL = ("kind", "coalition", "event", "date", "status", "adopted", "withdrawn",
           "superseded_by", "signatories", "source")


def statement_agreement(site: Site, documents) -> Iterator[ContentError]:
    """Both language files describe one statement: they must agree on its facts."""
    for s in site.statements.values():
        texts = list(s.texts.values())
        first = documents[texts[0].path]
        for other in texts[1:]:
            doc = documents[other.path]
            for key in NEUTRAL:
                if doc.data.get(key) != first.data.get(key):
                    yield doc.error((key,), f"'{key}' differs from {first.path}; the language versions "
                                    "of one statement must have the same value")


def lifecycle(site: Site, documents) -> Iterator[ContentError]:
    for s in site.statements.values():
        path = next(iter(s.texts.values())).path
        if s.status == "superseded" and not s.superseded_by:
            yield _at(documents, path, ("status",), "a superseded statement names its successor — add "
                      "'superseded_by: <id of the new statement>'")
        if s.superseded_by and s.status != "superseded":
            yield _at(documents, path, ("superseded_by",), "'superseded_by' is only for 'status: "
                      "superseded' — change the status or remove this line")
        if s.status == "withdrawn" and not s.withdrawn:
            yield _at(documents, path, ("status",), "a withdrawn statement says when — add "
                      "'withdrawn: YYYY-MM-DD'")
        if s.status in PREVIEW_ONLY and (s.adopted or s.withdrawn):
            yield _at(documents, path, ("adopted",) if s.adopted else ("withdrawn",),
                      f"a statement in '{s.status}' has not been adopted yet — remove the date, or "
                      "change the status")
        if s.adopted and s.withdrawn and s.withdrawn < s.adopted:
            yield _at(documents, path, ("withdrawn",), "withdrawn before it was adopted — check the dates")
