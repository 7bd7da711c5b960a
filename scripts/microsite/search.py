"""Search per language: one index per language root, and the Kazakh stemmer for the engine.

The engine is Material's built-in search (lunr.js in a web worker). Material writes a single
`search/search_index.json`, and mkdocs-static-i18n fills it with every language; readers
would download both languages and get results in both. `split` cuts it into one index per
language root (`search/…` for Kazakh, `ru/search/…`), each with its own lunr languages, so a
reader downloads and searches only the page's language. `lunr_kk` is the Kazakh language
script for lunr, built from stem_kk.RULES. Nothing here imports MkDocs.
"""
from __future__ import annotations

import json
from pathlib import Path

from .model import DEFAULT_LANG, LANGS
from .pages import lang_root
from .stem_kk import RULES

INDEX = "search/search_index.json"
LUNR_KK = "assets/javascripts/lunr/min/lunr.kk.min.js"   # where Material's worker looks


def _lang_of(location: str) -> str:
    return next((lang for lang in LANGS if lang_root(lang) and location.startswith(lang_root(lang))),
                DEFAULT_LANG)


def split(index: dict, lunr_langs: dict[str, list[str]]) -> dict[str, dict]:
    """Material's index of all languages → {language root: that language's index}.

    Locations become relative to the language root, as they are resolved against it.
    """
    parts = {lang: {"config": {**index["config"], "lang": lunr_langs[lang]}, "docs": []}
             for lang in LANGS}
    for doc in index["docs"]:
        lang = _lang_of(doc["location"])
        parts[lang]["docs"].append({**doc, "location": doc["location"][len(lang_root(lang)):]})
    return {lang_root(lang): part for lang, part in parts.items()}


def write_indexes(site_dir: Path, lunr_langs: dict[str, list[str]]) -> dict[str, int]:
    """Split the built site's index in place; returns each written file's size in bytes."""
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    sizes = {}
    for prefix, part in split(merged, lunr_langs).items():
        path = site_dir / prefix / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        # Cyrillic as UTF-8, not \uXXXX escapes: a third of the bytes.
        data = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        path.write_text(data, encoding="utf-8")
        sizes[str(path.relative_to(site_dir))] = len(data.encode("utf-8"))
    return sizes


def lunr_kk() -> str:
    """lunr.js's Kazakh language script: lunr_kk.js with stem_kk's RULES written in."""
    template = (Path(__file__).parent / "lunr_kk.js").read_text(encoding="utf-8")
    return template.replace("/* RULES */null", json.dumps(RULES, ensure_ascii=False))
