"""Translation status: per language, what is missing and what awaits a native speaker's review.

Printed as Markdown so it can go straight into a pull-request summary: its words in Kazakh and
Russian, as anyone reading a pull request gets them (`messages.both`).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterator

from ..content.model import LANGS, Site, Text
from ..messages import _, both
from ..pages import paths, words

# Messages (their English text is the value compared and sorted), printed in both languages.
MISSING, REVIEW = _("missing"), _("awaiting review")
ALL_TEXTS, PAGE = _("all texts"), _("page")


def missing_texts(value, where: str = "") -> Iterator[tuple[str, str]]:
    """(field, language) of every text given in one language only, anywhere in a record."""
    if isinstance(value, Text):
        for lang in LANGS:
            if value and not getattr(value, lang):
                yield where, lang
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from missing_texts(getattr(value, f.name), f"{where}.{f.name}".lstrip("."))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from missing_texts(item, f"{where}[{index + 1}]")


def rows(site: Site, docs_dir: Path) -> dict[str, list[tuple[str, str, str]]]:
    """{language: [(file, what, status)]}"""
    table: dict[str, list[tuple[str, str, str]]] = {lang: [] for lang in LANGS}
    for record in (*site.coalitions.values(), *site.members.values(), *site.events.values()):
        for field, lang in missing_texts(record):
            table[lang].append((record.path, field, MISSING))
        for lang in record.awaiting_review:
            table[lang].append((record.path, ALL_TEXTS, REVIEW))
    for s in site.statements.values():
        any_path = next(iter(s.texts.values())).path
        for lang in LANGS:
            text = s.texts.get(lang)
            if text is None:
                table[lang].append((paths.with_lang(paths.split_lang(any_path)[0], lang), PAGE, MISSING))
            elif text.awaiting_review:
                table[lang].append((text.path, PAGE, REVIEW if not text.translated_from else
                                    _("awaiting review (translated from {lang})", lang=text.translated_from)))
    pages: dict[str, set[str]] = {}
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir.parent).as_posix()
        base, lang = paths.split_lang(rel)
        if lang and not rel.startswith("docs/statements/"):
            pages.setdefault(base, set()).add(lang)
    for base, langs in pages.items():
        for lang in set(LANGS) - langs:
            table[lang].append((paths.with_lang(base, lang), PAGE, MISSING))
    return {lang: sorted(found) for lang, found in table.items()}


def markdown(site: Site, docs_dir: Path) -> str:
    table = rows(site, docs_dir)
    titles = {lang: f"{words.t(lang, 'language')} ({lang})" for lang in LANGS}
    language, file, what, state = (both(_("language")), both(_("file")), both(_("what")),
                                   both(_("status")))
    out = ["## " + both(_("Translation status")), "",
           f"| {language} | {both(MISSING)} | {both(REVIEW)} |", "|---|---:|---:|"]
    for lang in LANGS:
        missing = sum(status == MISSING for _path, _what, status in table[lang])
        out.append(f"| {titles[lang]} | {missing} | {len(table[lang]) - missing} |")
    for lang in LANGS:
        out += ["", f"### {titles[lang]}", ""]
        if not table[lang]:
            out.append(both(_("Nothing missing, nothing awaiting review.")))
            continue
        out += [f"| {file} | {what} | {state} |", "|---|---|---|"]
        # (a field's name, `name` or `summary[1]`, is plain text: printed as typed)
        out += [f"| `{path}` | {both(field)} | {both(status)} |" for path, field, status in table[lang]]
    return "\n".join(out) + "\n"
