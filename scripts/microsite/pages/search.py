"""Search per language: one sharded index per language root, and lunr's folding and Kazakh
scripts for the engine.

The engine is Material's built-in search (lunr.js in a web worker). Each language's build
writes Material's `search/search_index.json` of that language (`mkdocs serve` of one language:
at the site's root); `split` sorts documents by their location into one index per language root
(`search/…` for Kazakh, `ru/search/…`), each with its own lunr languages, so a reader downloads
and searches only the page's language.

A whole index grows with the site (616 KB gzip at 160 coalitions), so `shard` cuts each
language's index in two kinds of small files that our worker (stemmed-search.js) fetches on
demand:
- `s/<prefix>.json`, one per first two letters of a search key: for each key, the pages that
  have it, best first, with a weight (title over body, a coalition's overview over its
  sub-pages), at most `POSTINGS` pages;
- `p/<n>.json`, one per page: Material's documents of that page (the page and its sections).
The worker picks the best pages for the query's keys and hands only those to Material's lunr
worker, which ranks and highlights them as before. `search_index.json` keeps Material's config,
which names the shards. Keys are what lunr's pipeline makes of a word: Kazakh `stem_kk.key`
(folded, then stemmed); Russian `fold.fold_ru` of the word, which the worker matches by the
prefix that lunr's Russian stemmer leaves of the query word.
`lunr_kk`/`lunr_fold` are lunr's language scripts, built from stem_kk.RULES and fold.FOLD.
Nothing here imports MkDocs.
"""
from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from ..content.model import DEFAULT_LANG, LANGS
from ..pages import output
from ..pages.fold import FOLD, fold_ru
from ..pages.paths import lang_root
from ..pages.stem_kk import KEY_RULES, RULES
from ..pages.stem_kk import key as key_kk

INDEX = "search/search_index.json"
# lunr languages of each site language's index: "kk" and "fold" are ours (stem_kk.py, fold.py).
LUNR_LANGS = {"kk": ["kk"], "ru": ["fold", "en", "ru"]}
LUNR_KK = "assets/javascripts/lunr/min/lunr.kk.min.js"   # where Material's worker looks
LUNR_FOLD = "assets/javascripts/lunr/min/lunr.fold.min.js"
PREFIX = 2          # letters of a key that name its shard
POSTINGS = 60       # pages kept per key, best first: a query shows the best 20 pages
# Weights of a key on a page (integers: small JSON); a title's word: IN_TITLE for a one-word
# title, less for longer ones.
IN_TITLE, IN_SECTION_TITLE, OVERVIEW_TITLE, MAX_TF = 30, 10, 30, 10
OVERVIEW_BOOST = 3  # lunr document boost of a coalition's overview (Material passes `boost`)
# Cached: a site repeats a few thousand words hundreds of thousands of times.
KEYS = {lang: functools.lru_cache(maxsize=1 << 17)(fn) for lang, fn in {"kk": key_kk, "ru": fold_ru}.items()}
_TAG = re.compile(r"<[^>]+>")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
DEFAULT_SEPARATOR = r"[\s\-]+"                    # Material's
_WORD = re.compile(r"\w(?:[^\s\-]*\w)?")         # a run between separators, trimmed


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


def words(text: str, separator: str) -> list[str]:
    """The words lunr indexes in a document's field: its HTML without tags, split at the
    separator, each trimmed to its first and last letter or digit."""
    plain = html.unescape(_TAG.sub(" ", text))
    if separator == DEFAULT_SEPARATOR:   # one pass instead of a split and a trim per word
        return _WORD.findall(plain)
    return [w for w in (_EDGE.sub("", t) for t in re.split(separator, plain)) if w]


def _page_path(location: str) -> str:
    return location.split("#")[0].removesuffix("index.html")


def shard_name(prefix: str) -> str:
    """A shard's file name: the prefix's code points in hex (ASCII names for any letters)."""
    return "-".join(f"{ord(c):x}" for c in prefix)


def hero_text(hero: dict) -> tuple[str, str]:
    """The words of a landing page's hero (its template prints them from front matter, so
    Material's index, made from the page's content, never saw them), escaped as the HTML of a
    search document (results are inserted as HTML); and its short name, which counts as a
    title: a coalition's overview comes first for the name people call it by («АБК»)."""
    parts = [hero.get("name", ""), hero.get("short_name", ""), hero.get("kicker", ""), hero.get("goal", "")]
    parts += [f"{fact.get('label', '')}: {fact.get('value', '')}" for fact in hero.get("facts", [])]
    return "".join(f"<p>{html.escape(str(part))}</p>" for part in parts if part), str(hero.get("short_name", ""))


def shard(index: dict, lang: str, base: str, overviews: frozenset[str] = frozenset(),
          heroes: dict[str, tuple[str, str]] | None = None):
    """One language's index → (small index for Material, {file: data}) below `search/`.

    `overviews` are coalition overview paths (relative to the language root): their own name
    finds them before their sub-pages. `heroes`: {page path: `hero_text`} of landing pages,
    added to their first document.
    """
    heroes = heroes or {}
    separator = index["config"].get("separator", DEFAULT_SEPARATOR)
    pages: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        pages.setdefault(_page_path(doc["location"]), []).append(doc)
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    files: dict[str, object] = {}
    for n, (path, docs) in enumerate(pages.items()):
        overview = path in overviews
        hero, short_name = heroes.get(path, ("", ""))
        if hero:
            docs = [{**docs[0], "text": hero + docs[0]["text"]}, *docs[1:]]
        if overview:
            docs = [{**docs[0], "boost": OVERVIEW_BOOST}, *docs[1:]]
        files[f"p/{n}.json"] = docs
        texts = tuple((doc["title"], doc["text"]) for doc in docs)
        for k, weight in _weights(lang, separator, overview, short_name, texts).items():
            postings[k][n] = weight
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for k in sorted(postings):
        best = sorted(postings[k].items(), key=lambda item: (-item[1], item[0]))[:POSTINGS]
        shards[k[:PREFIX]][k] = [x for pair in best for x in pair]
    for prefix, keys in shards.items():
        files[f"s/{shard_name(prefix)}.json"] = keys
    # In the config: Material hands the worker only `config` and `docs` of this file.
    config = {**index["config"],
              "shards": {"base": base + "search/", "prefix": PREFIX, "keys": sorted(shards),
                         # Russian keys are whole words, which a query's stem begins.
                         "words": lang == "ru"}}
    small = {**index, "config": config, "docs": []}
    return small, files


@functools.lru_cache(maxsize=1 << 14)  # a preview shards again after each save: pages unchanged
def _weights(lang: str, separator: str, overview: bool, short_name: str,
             texts: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """A page's weight for each key of its words; `texts`: (title, text) of its documents."""
    key = KEYS[lang]
    counts = Counter(map(key, (w for _title, text in texts for w in words(text, separator))))
    weights = defaultdict(int, {k: min(n, MAX_TF) for k, n in counts.items()})
    # The page's title and its short name (a landing page's hero): a word of a short title
    # says more than one of a long title («Коалиции» is the list of coalitions; «Контакты —
    # Народная коалиция» one coalition's sub-page).
    for title in (texts[0][0], short_name):
        title_words = words(title, separator)
        weight = round(2 * IN_TITLE / (1 + len(title_words))) + (OVERVIEW_TITLE if overview else 0)
        for k in {key(w) for w in title_words}:
            weights[k] += weight
    for title, _text in texts[1:]:  # the page's sections
        for k in {key(w) for w in words(title, separator)}:
            weights[k] += IN_SECTION_TITLE
    return {k: weight for k, weight in weights.items() if len(k) >= PREFIX}


def _dump(data) -> str:
    # Cyrillic as UTF-8, not \uXXXX escapes: a third of the bytes.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_indexes(site_dir: Path, lunr_langs: dict[str, list[str]],
                  overviews: frozenset[str] = frozenset(),
                  heroes: dict[str, tuple[str, str]] | None = None) -> dict[str, int]:
    """Split the built site's index in place and shard each language's; returns the bytes
    written per language root. `heroes`: {page URL below the site root: `hero_text`}."""
    # The engine's index of each language, at the language's root (one build per language).
    built = [json.loads((site_dir / lang_root(lang) / INDEX).read_text(encoding="utf-8"))
             for lang in LANGS if (site_dir / lang_root(lang) / INDEX).is_file()]
    merged = {"config": built[0]["config"], "docs": [doc for index in built for doc in index["docs"]]}
    sizes = {}
    for prefix, part in split(merged, lunr_langs).items():
        lang = next(lang for lang in LANGS if lang_root(lang) == prefix)
        folder = site_dir / prefix / "search"
        here = {_page_path(url[len(prefix):]): text for url, text in (heroes or {}).items() if _lang_of(url) == lang}
        small, files = shard(part, lang, prefix, overviews, here)
        texts = {rel: _dump(data).encode("utf-8") for rel, data in {"search_index.json": small, **files}.items()}
        for sub in ("s", "p"):  # a rebuild over an old site (a preview): stale files go
            for old in (folder / sub).glob("*.json"):
                if f"{sub}/{old.name}" not in texts:
                    old.unlink()
        for rel, data in texts.items():
            output.put(folder / rel, data)
        total = sum(map(len, texts.values()))
        sizes[prefix + "search/"] = total
    return sizes


def documents(site_dir: Path, root: str) -> list[dict]:
    """Every document of a built language's sharded index, page by page."""
    folder = site_dir / root / "search" / "p"
    count = sum(1 for _ in folder.glob("*.json"))
    return [doc for n in range(count)
            for doc in json.loads((folder / f"{n}.json").read_text(encoding="utf-8"))]


@functools.lru_cache(maxsize=1)  # written on its own and again at the head of lunr_kk(): made once
def lunr_fold() -> str:
    """lunr.js's folding script (the language «fold»): lunr_fold.js with fold.FOLD written in."""
    template = (Path(__file__).parent / "lunr_fold.js").read_text(encoding="utf-8")
    return template.replace("/* FOLD */null", _dump(FOLD))


def lunr_kk() -> str:
    """lunr.js's Kazakh language script: the folding script, then lunr_kk.js with stem_kk's
    RULES and their folded form (KEY_RULES) written in."""
    template = (Path(__file__).parent / "lunr_kk.js").read_text(encoding="utf-8")
    return lunr_fold() + "\n" + (template.replace("/* RULES */null", json.dumps(RULES, ensure_ascii=False))
                                  .replace("/* KEY_RULES */null", json.dumps(KEY_RULES, ensure_ascii=False)))
