"""Rules across files, which no schema of a single file can state.

References that lead nowhere, one organisation entered twice, a text in one language only,
placeholder names, the two language files of a statement disagreeing, lifecycle fields that
contradict each other. Each problem points at the line of the field concerned.
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from typing import Iterator
from urllib.parse import urlsplit

from ..checks import hygiene
from ..checks.schema import field_name
from ..content.errors import ContentError, ContentWarning
from ..content.model import LANGS, PREVIEW_ONLY, Site, other_lang
from ..content.yamlsrc import Document, nodes
from ..messages import N_, _
from ..pages import paths

LANG_NAMES = {"kk": _("Kazakh"), "ru": _("Russian")}
PLACEHOLDER = re.compile(
    r"^\W*(todo|tbd|tba|fixme|xxx+|n/?a|none|null|name|test|example|sample|lorem ipsum.*|"
    r"атауы|аты|аты-жөні|ұйым|ұйымның атауы|мысал|тест|название|имя|организация|"
    r"название организации|пример|уточнить|нақтылау)?\W*$", re.I)


def rules(site: Site, documents: dict[str, Document], kinds: dict[str, str],
          stems: dict[str, set[str]], each: dict[str, tuple] | None = None) -> list[ContentError]:
    """Every rule across files. `each`: the rules of each document alone (`local`), by path,
    when already known (the loader keeps them with the file); the others are found here."""
    each = each or {}
    known = [each[path] if path in each else local(doc) for path, doc in documents.items()]
    return [*references(documents, kinds, stems), *duplicates(site, documents),
            *memberships(site, documents),
            *(p for translations, _placeholders in known for p in translations),
            *missing_languages(site, documents),
            *(p for _translations, placeholders in known for p in placeholders),
            *statement_agreement(site, documents), *lifecycle(site, documents),
            *accents(site, documents)]


def local(doc: Document) -> tuple[tuple[ContentError, ...], tuple[ContentError, ...]]:
    """What the rules find in one document alone, the same whatever the other files hold:
    (texts missing a language, placeholder names). Plain tuples: the loader's second process
    sends them back pickled, one pair per file."""
    return tuple(translations_in(doc)), tuple(placeholders_in(doc))


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
# One message per kind (not "{what} '{ref}'"): Kazakh and Russian word them differently.
MISSING = {"coalition": N_("the coalition '{ref}' does not exist — {fix}"),
           "member": N_("the member '{ref}' does not exist — {fix}"),
           "event": N_("the event '{ref}' does not exist — {fix}"),
           "statement": N_("the statement '{ref}' does not exist — {fix}")}


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
                    fix = (_("did you mean '{close}'?", close=close[0]) if close else
                           _("it must be the name of a file in {folder}/ without its ending", folder=folder))
                    yield doc.error(where, _(MISSING[kind], ref=ref, fix=fix))


@functools.lru_cache(maxsize=1 << 16)  # every name, at every reading of a preview
def name_keys(name: str) -> frozenset[str]:
    """Two spellings of one name share a key: case, ё/е, quotes, punctuation, spaces, and
    letters of another alphabet that look the same (Greek Α, Latin A, Cyrillic А: TR39
    skeletons). The one test of "the same organisation", for validation and the join form.
    Two keys, because look-alikes differ by case: capital Η and Н look alike, small η and н not;
    small а and a look alike, capital Б and б do not."""
    spelling = _words(unicodedata.normalize("NFKC", name).replace("ё", "е").replace("Ё", "Е"))
    skeleton = hygiene.skeleton
    return frozenset(" ".join(key.split()) for key in (skeleton(spelling.casefold()),
                                                       skeleton(spelling).casefold()))


def spelling_key(name: str) -> str:
    """A name without what is only spelling (no look-alike letters folded)."""
    return _words(unicodedata.normalize("NFKC", name).casefold().replace("ё", "е"))


def _words(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


def link_key(link: str) -> str:
    parts = urlsplit(link.strip().casefold())
    host = parts.netloc.removeprefix("www.").removeprefix("m.")
    return host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")


def identity(record) -> list[tuple[tuple, str]]:
    """(field, key) of each thing that makes a coalition or member the same organisation as
    another: its name in either language (`name_keys`) and its link (`link_key`)."""
    keys = [(("name", lang), key) for lang in LANGS if getattr(record.name, lang)
            for key in name_keys(getattr(record.name, lang))]
    if getattr(record, "link", ""):
        keys.append((("link",), link_key(record.link)))
    return keys


def listed_member(site: Site, names, link: str = ""):
    """The member already listed under one of `names` (in any language, look-alikes included) or
    under `link`, else None: `make new` and the join form ask this before writing a file."""
    wanted = {("name", key) for key in frozenset().union(*map(name_keys, names)) - {""}}
    if link and link_key(link):
        wanted.add(("link", link_key(link)))
    for m in site.members.values():
        if wanted & {(where[0], key) for where, key in identity(m)}:
            return m
    return None


def duplicates(site: Site, documents) -> Iterator[ContentError]:
    """The same organisation under two file names: same name in either language, or same link.
    Both files are named: which one to keep is the editors' decision."""
    for records in (site.coalitions, site.members):
        seen: dict[tuple, list] = {}
        for record in sorted(records.values(), key=lambda r: r.path):
            for where, key in identity(record):
                seen.setdefault((where[0], key), []).append((record.path, where, _value(record, where)))
        for (field, _key), places in seen.items():
            if len(places) < 2 or len({p for p, _where, _v in places}) < 2:
                continue  # one file: nothing to compare (almost every key)
            # Written differently yet the same key: look-alike letters of another alphabet.
            alike = field == "name" and len({spelling_key(v) for _p, _w, v in places}) > 1
            for path, where, _value_ in places:
                others = ", ".join(dict.fromkeys(p for p, _where, _v in places if p != path))
                if others and alike:
                    yield _at(documents, path, where, _("this {field} looks the same as one used by "
                              "{others}, written with letters of another alphabet — one organisation "
                              "has one file: merge them, or retype the name in one alphabet",
                              field=field, others=others))
                elif others:
                    yield _at(documents, path, where, _("this {field} is also used by {others} — one "
                              "organisation has one file; merge them and delete the other",
                              field=field, others=others))


def _value(record, where: tuple) -> str:
    return getattr(record.name, where[1]) if where[0] == "name" else record.link


def memberships(site: Site, documents) -> Iterator[ContentError]:
    """A coalition listed twice in one member's file would count the member twice."""
    for m in site.members.values():
        seen: dict[str, int] = {}
        for index, membership in enumerate(m.memberships):
            if membership.coalition in seen:
                yield _at(documents, m.path, ("memberships", index, "coalition"),
                          _("the coalition '{coalition}' is listed twice in this file (first as item "
                            "{item} of 'memberships') — keep one entry", coalition=membership.coalition,
                            item=seen[membership.coalition] + 1))
            seen.setdefault(membership.coalition, index)


def _is_text(where: tuple, value) -> bool:
    """A text: `{kk: …, ru: …}` (either language alone too)."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGS)


def _text_objects(data) -> Iterator[tuple[tuple, dict]]:
    return ((where, value) for where, value in nodes(data, stop=_is_text) if _is_text(where, value))


def translations_in(doc: Document) -> Iterator[ContentError]:
    """A text in one language only is an error, unless the file says the translation is coming."""
    if not doc.path.startswith("data/") or not isinstance(doc.data, dict) or doc.partial:
        return  # partial: the missing language may be on the line that could not be read
    waiting = doc.data.get("awaiting_translation")
    waiting = waiting if isinstance(waiting, list) else []
    for where, text in _text_objects(doc.data):
        for lang in LANGS:
            if not text.get(lang) and text.get(other_lang(lang)) and lang not in waiting:
                field = field_name(where)
                yield doc.error(where, _("'{field}' has no {language} text — add '{lang}: …' "
                                "below it, or, if the translation will come later, add "
                                "'awaiting_translation: [{lang}]' to this file",
                                field=field, language=LANG_NAMES[lang], lang=lang))


def missing_languages(site: Site, documents) -> Iterator[ContentError]:
    """A statement in one language: its other language file is missing."""
    for s in site.statements.values():
        for lang in LANGS:
            if lang not in s.texts and lang not in s.awaiting_translation:
                shown = s.texts[other_lang(lang)]
                yield _at(documents, shown.path, (), _("this statement has no {language} file — "
                          "add {id}.{lang}.md beside it, or add 'awaiting_translation: [{lang}]' to "
                          "this file's front matter", language=LANG_NAMES[lang], id=s.id, lang=lang))


# -- a text typed into the other language's field (warnings: names may be the same in both) -----

KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")  # letters Russian does not have
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
# What makes a text without Kazakh letters read as Russian: its small words and the endings of its
# adjectives and abstract nouns. Names (Алматы, Жанар Барлыбаева, АБК) have neither.
RUSSIAN_WORDS = {"и", "в", "во", "на", "по", "для", "с", "со", "к", "о", "об", "от", "из", "за", "не",
                 "что", "как", "при", "или", "до", "также", "это"}
RUSSIAN_ENDING = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ых|их|ыми|ими|ение|ения|ании|ство|"
                            r"ства|ости|ость|ция|ции|ций)$")


def reads_as_russian(text: str) -> bool:
    words = [w.lower() for w in CYRILLIC_WORD.findall(text)]
    if len(words) < 2 or KAZAKH_LETTERS & set(text):
        return False
    return bool(RUSSIAN_WORDS & set(words)) or sum(bool(RUSSIAN_ENDING.search(w)) for w in words) >= 2


def mixups_in(doc: Document, allowed_words: frozenset[str] = frozenset()) -> list[ContentError]:
    """A Kazakh text that reads as Russian, or a Russian text with Kazakh letters: warnings, since
    a name may rightly be the same in both (data/allowed-words.yml lists such words)."""
    found = []
    texts = []
    base, lang = paths.split_lang(doc.path)
    if doc.path.startswith("data/") and isinstance(doc.data, dict):
        texts = [((*where, lang), lang, text[lang]) for where, text in _text_objects(doc.data)
                 for lang in LANGS if isinstance(text.get(lang), str)]
    elif base.endswith(".md") and isinstance(doc.data, dict):
        texts = [(("title",), lang, doc.data["title"])] if isinstance(doc.data.get("title"), str) else []
    for where, lang, text in texts:
        words = [w for w in CYRILLIC_WORD.findall(text) if w not in allowed_words]
        field = ".".join(str(p) for p in where)
        if lang == "kk" and reads_as_russian(" ".join(words)):
            found.append(ContentWarning(doc.path, _(
                "'{field}' is the Kazakh text, but '{text}' has no Kazakh letters and reads as "
                "Russian — check that it is not the Russian text typed in the wrong field; if the "
                "name is the same in both languages, add it to data/allowed-words.yml",
                field=field, text=text[:60]), *doc.where(where)))
        kazakh = [w for w in words if KAZAKH_LETTERS & set(w)]
        if lang == "ru" and kazakh:
            found.append(ContentWarning(doc.path, _(
                "'{field}' is the Russian text, but '{word}' has Kazakh letters — check that it is "
                "not the Kazakh text typed in the wrong field; if the name is the same in both "
                "languages, add it to data/allowed-words.yml", field=field, word=kazakh[0]),
                *doc.where(where)))
    return found


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white text on `colour` (#rrggbb)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def accents(site: Site, documents) -> Iterator[ContentError]:
    """A coalition's colour carries the header's and buttons' white text: it must stay readable."""
    for c in site.coalitions.values():
        contrast = contrast_with_white(c.accent) if c.accent else 21.0
        if contrast < 4.5:
            yield _at(documents, c.path, ("accent",),
                      _("the colour {colour} is too light for the white text on it (contrast "
                        "{contrast}:1, at least 4.5:1 is needed) — choose a darker colour",
                        colour=c.accent, contrast=f"{contrast:.1f}"))


def placeholders_in(doc: Document) -> Iterator[ContentError]:
    """Names still reading 'TODO', 'Название', '...': forms left half-filled."""
    for where, value in _names(doc.data):
        if value and PLACEHOLDER.match(value):  # empty ones are the schema's message
            yield doc.error(where, _("'{value}' is a placeholder, not a name — write the real "
                            "name, or remove the entry", value=value))


def _is_name(where: tuple, value) -> bool:
    return where[-1:] in (("name",), ("title",)) and isinstance(value, dict)


def _names(data) -> Iterator[tuple[tuple, str]]:
    for where, value in nodes(data, stop=_is_name):
        if _is_name(where, value):
            yield from (((*where, lang), v) for lang, v in value.items() if isinstance(v, str))
        elif where[-1:] == ("title",) and isinstance(value, str):
            yield where, value


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
                    yield doc.error((key,), _("'{key}' differs from {path}; the language versions "
                                    "of one statement must have the same value", key=key, path=first.path))


def lifecycle(site: Site, documents) -> Iterator[ContentError]:
    for s in site.statements.values():
        path = next(iter(s.texts.values())).path
        if s.status == "superseded" and not s.superseded_by:
            yield _at(documents, path, ("status",), _("a superseded statement names its successor — add "
                      "'superseded_by: <id of the new statement>'"))
        if s.superseded_by and s.status != "superseded":
            yield _at(documents, path, ("superseded_by",), _("'superseded_by' is only for 'status: "
                      "superseded' — change the status or remove this line"))
        if s.status == "withdrawn" and not s.withdrawn:
            yield _at(documents, path, ("status",), _("a withdrawn statement says when — add "
                      "'withdrawn: YYYY-MM-DD'"))
        if s.status in PREVIEW_ONLY and (s.adopted or s.withdrawn):
            yield _at(documents, path, ("adopted",) if s.adopted else ("withdrawn",),
                      _("a statement in '{status}' has not been adopted yet — remove the date, or "
                        "change the status", status=s.status))
        if s.adopted and s.withdrawn and s.withdrawn < s.adopted:
            yield _at(documents, path, ("withdrawn",), _("withdrawn before it was adopted — check the dates"))
