"""The last engine-free step: what spans languages, written into the assembled site once every
language's tree has been built (by any engine, into one folder: the default language at its
root, each other language below its own).

Sitemaps with each page's other-language address; one sharded search index per language, made
from the engine's per-language index (Material's `search/search_index.json` format, which
Material's search reads) and the landing pages' hero words, which that index never saw; the
editors' forms at /admin/ (cms.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..content.model import DEFAULT_LANG, LANGS, Site
from ..settings import Settings
from . import cms, paths, search, sitemap


def staged_pages(stage_dir: Path, lang: str) -> list[tuple[str, dict]]:
    """(page path below the language's root, its front matter) of every staged page."""
    out = []
    base = stage_dir / lang
    for path in sorted(base.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = {}
        if text.startswith("---\n{"):  # render.front_matter: generated pages' JSON
            meta = json.loads(text.split("\n", 2)[1])
        out.append((path.relative_to(base).as_posix(), meta))
    return out


def finish(site_dir: Path, stage_dir: Path, site: Site, settings: Settings) -> dict[str, int]:
    """Writes sitemaps (with an address), search indexes and /admin/; returns the indexes' sizes."""
    site_url = settings.site_url
    pages = {lang: staged_pages(stage_dir, lang) for lang in LANGS}
    # The engine's sitemaps have dates from the clock and "None" without an address: ours.
    for stale in ("sitemap.xml", "sitemap.xml.gz"):
        for lang in LANGS:
            (site_dir / paths.lang_root(lang) / stale).unlink(missing_ok=True)
    if site_url:
        for rel, text in sitemap.files([p for p, _meta in pages[DEFAULT_LANG]], site_url).items():
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)  # a one-language preview
            (site_dir / rel).write_text(text, encoding="utf-8")
    heroes = {paths.url(page, lang): search.hero_text(meta["hero"])
              for lang in LANGS for page, meta in pages[lang] if meta.get("hero")}
    overviews = frozenset(paths.url(paths.coalition_page(site, cid), DEFAULT_LANG) for cid in site.coalitions)
    sizes = search.write_indexes(site_dir, search.LUNR_LANGS, overviews, heroes)
    (site_dir / search.LUNR_KK).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / search.LUNR_KK).write_text(search.lunr_kk(), encoding="utf-8")
    (site_dir / search.LUNR_FOLD).write_text(search.lunr_fold(), encoding="utf-8")
    for rel, data in cms.admin_files(settings.root, settings.repository, settings.branch,
                                     auth_url=settings.cms_auth).items():
        (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / rel).write_bytes(data)
    return sizes
