"""The last engine-free step: what spans languages, written into the assembled site once every
language's tree has been built (by any engine, into one folder: the default language at its
root, each other language below its own).

Sitemaps with each page's other-language address; the share images; one sharded search index per language, made
from the engine's per-language index (Material's `search/search_index.json` format, which
Material's search reads) and the landing pages' hero words, which that index never saw; the
editors' forms at /admin/ (cms.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..content.model import DEFAULT_LANG, LANGS, Site
from ..settings import Settings
from . import cms, output, paths, search, sitemap, social
from .stage import SHARED


def staged_pages(stage_dir: Path, lang: str, tree: dict[str, bytes] | None = None) -> list[tuple[str, dict]]:
    """(page path below the language's root, its front matter) of every staged page: read from
    `stage_dir`, or from the language's `tree` as stage wrote it (a preview keeps it)."""
    if tree is None:
        base = stage_dir / lang
        tree = {path.relative_to(base).as_posix(): path.read_bytes() for path in base.rglob("*.md")}
    out = []
    for rel in sorted(tree):
        if not rel.endswith(".md"):
            continue
        text = tree[rel]
        meta = {}
        if text.startswith(b"---\n{"):  # render.front_matter: generated pages' JSON
            meta = json.loads(text.split(b"\n", 2)[1])
        out.append((rel, meta))
    return out


def finish(site_dir: Path, stage_dir: Path, site: Site, settings: Settings,
           trees: dict[str, dict] | None = None) -> dict[str, int]:
    """Writes sitemaps (with an address), search indexes and /admin/ (each file only if it
    changed); returns the indexes' sizes. `trees`: the staged trees, if kept in memory."""
    site_url = settings.site_url
    pages = {lang: staged_pages(stage_dir, lang, (trees or {}).get(lang)) for lang in LANGS}
    # The engine's sitemaps have dates from the clock and "None" without an address: ours.
    for stale in ("sitemap.xml", "sitemap.xml.gz"):
        for lang in LANGS:
            (site_dir / paths.lang_root(lang) / stale).unlink(missing_ok=True)
    if site_url:
        for rel, text in sitemap.files([p for p, _meta in pages[DEFAULT_LANG]], site_url).items():
            output.put(site_dir / rel, text.encode("utf-8"))  # its folder made: a one-language preview
    heroes = {paths.url(page, lang): search.hero_text(meta["hero"])
              for lang in LANGS for page, meta in pages[lang] if meta.get("hero")}
    overviews = frozenset(paths.url(paths.coalition_page(site, cid), DEFAULT_LANG) for cid in site.coalitions)
    sizes = search.write_indexes(site_dir, search.LUNR_LANGS, overviews, heroes)
    # Every language's share images, at the default language's address: pages name them in
    # their front matter, never link them, so the engines need not copy them (thousands).
    output.mirror(stage_dir / SHARED / social.FOLDER, site_dir / social.FOLDER)
    output.put(site_dir / search.LUNR_KK, search.lunr_kk().encode("utf-8"))
    output.put(site_dir / search.LUNR_FOLD, search.lunr_fold().encode("utf-8"))
    for rel, data in cms.admin_files(settings.root, settings.repository, settings.branch,
                                     auth_url=settings.cms_auth).items():
        output.put(site_dir / rel, data)
    return sizes
