"""One language's MkDocs kept running for the preview (`serve.py`): MkDocs, Material and the
theme are loaded once, and after the first build only the pages whose staged files changed are
built again (MkDocs' dirty builds: `stage` writes only changed files, so their times tell).

Protocol on stdin/stdout, a line each: `build` → `done 0` (or `done 1` after a failed build).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ...pages import paths, search


def run(root: Path, lang: str, site_dir: Path) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    os.environ.update(MICROSITE_LANG=lang, MICROSITE_STAGED="true")
    docs: list[dict] = []  # this language's whole search index, page by page
    first = True
    for line in sys.stdin:
        if line.strip() != "build":
            continue
        status = 0
        try:
            # MkDocs keeps plugin instances across loads of the same config (as `mkdocs serve`
            # does), so Material's search and our plugin see each build in turn.
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
            config.plugins.on_startup(command="serve", dirty=not first)
            # MkDocs warns on every dirty build that other pages' links may be stale; the first
            # build, of every page, is as strict as `make site`.
            config.strict = first
            build(config, dirty=not first)
            docs = _index(config, site_dir, lang, docs, first)
            first = False
        except (MkDocsException, OSError, SystemExit) as err:
            print(err, file=sys.stderr)
            status = 1
        print(f"done {status}", flush=True)


def _index(config, site_dir: Path, lang: str, docs: list[dict], full: bool) -> list[dict]:
    """Material's index after a dirty build holds the rebuilt pages' entries (and a merge made
    for one page at a time): this language's whole index is kept here and updated page by page,
    then written where `finish` reads it."""
    written = json.loads((site_dir / search.INDEX).read_text(encoding="utf-8"))
    if full:
        docs = written["docs"]
    else:
        plugin = config.plugins.get("material/search") or config.plugins["search"]
        entries = plugin.search_index.entries
        rebuilt = {e["location"].split("#")[0] for e in entries}
        docs = [d for d in docs if d["location"].split("#")[0] not in rebuilt] + entries
    target = site_dir / paths.lang_root(lang) / search.INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"config": written["config"], "docs": docs}, ensure_ascii=False),
                      encoding="utf-8")
    return docs


if __name__ == "__main__":
    run(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
