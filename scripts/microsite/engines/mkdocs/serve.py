"""`make serve`: the preview of both languages, rebuilt (`build.py`: stage, one MkDocs per
language at the same time, finish) when an editor saves a file, served by MkDocs' live-reload
server. `make serve LOCALE=ru` runs `mkdocs serve` for one language instead (faster)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ...settings import Settings
from .build import build

PREVIEW_DIR = Path(".build") / "preview"
WATCHED = ("data", "docs", "overrides", "mkdocs.yml", "statements.lock.json")


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    site_dir = settings.root / PREVIEW_DIR

    def builder():
        # A failed build leaves the last good preview served; its messages are on the terminal.
        if build(settings, site_dir) != 0:
            print("the preview was not rebuilt: fix the problems above", file=sys.stderr)

    builder()
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))
    for name in WATCHED:
        if (settings.root / name).exists():
            server.watch(str(settings.root / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
