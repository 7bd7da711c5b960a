"""Translation status: per language, what is missing and what awaits a native speaker's review.

Printed as Markdown so it can go straight into a pull-request summary.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterator

from .model import LANGS, Site, Text

LANG_TITLES = {"kk": "Қазақша (kk)", "ru": "Русский (ru)"}
MISSING, REVIEW = "missing", "awaiting review"


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
            table[lang].append((record.path, "all texts", REVIEW))
    for s in site.statements.values():
        any_path = next(iter(s.texts.values())).path
        for lang in LANGS:
            text = s.texts.get(lang)
            if text is None:
                table[lang].append((any_path.rsplit(".", 2)[0] + f".{lang}.md", "page", MISSING))
            elif text.awaiting_review:
                origin = f" (translated from {text.translated_from})" if text.translated_from else ""
                table[lang].append((text.path, "page", REVIEW + origin))
    pages: dict[str, set[str]] = {}
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir.parent).as_posix()
        base, _, lang = rel[:-3].rpartition(".")
        if lang in LANGS and not rel.startswith("docs/statements/"):
            pages.setdefault(base, set()).add(lang)
    for base, langs in sorted(pages.items()):
        for lang in set(LANGS) - langs:
            table[lang].append((f"{base}.{lang}.md", "page", MISSING))
    return {lang: sorted(found) for lang, found in table.items()}


def markdown(site: Site, docs_dir: Path) -> str:
    table = rows(site, docs_dir)
    out = ["## Translation status / Аударма күйі / Статус перевода", "",
           "| language | missing | awaiting review |", "|---|---:|---:|"]
    for lang in LANGS:
        missing = sum(status == MISSING for _, _, status in table[lang])
        out.append(f"| {LANG_TITLES[lang]} | {missing} | {len(table[lang]) - missing} |")
    for lang in LANGS:
        out += ["", f"### {LANG_TITLES[lang]}", ""]
        if not table[lang]:
            out.append("Nothing missing, nothing awaiting review.")
            continue
        out += ["| file | what | status |", "|---|---|---|"]
        out += [f"| `{path}` | {what} | {status} |" for path, what, status in table[lang]]
    return "\n".join(out) + "\n"
