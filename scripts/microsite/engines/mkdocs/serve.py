"""`make serve`: the preview of both languages, built again when an editor saves a file.

Each save: `stage` (only changed files are written), then one MkDocs per language, kept running
between saves (worker.py: MkDocs and Material loaded once; after the first build only the pages
whose staged files changed are built again), both at the same time, then `finish`. Served by
MkDocs' live-reload server, which holds back pages while a build runs: the pages are served
(and the browser reloads) once the engines are done; `finish` (search indexes, sitemaps,
/admin/) follows beside them, and the next build waits for it. `make serve LOCALE=ru` runs
`mkdocs serve` for one language instead.
"""
from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

import watchdog.observers
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)

from ...content.errors import ContentError, ContentErrors
from ...content.load import CHECKED, Loader
from ...messages import _, say
from ...pages import finish, paths
from ...pages.stage import Content
from ...settings import Settings
from .build import engine_env, outputs, staged

PREVIEW_DIR = Path(".build") / "preview"
ENGINES_DIR = Path(".build") / "engine-preview"  # the other languages' builds, linked in
WATCHED = ("data", "docs", "overrides", "mkdocs.yml", "statements.lock.json")


class Preview:
    def __init__(self, settings: Settings):
        self.settings = settings
        # Re-reads what changed, starting from what `make validate` kept (it runs first).
        self.loader = Loader.restored(settings.root / "data", settings.root / "docs", settings.root / CHECKED)
        self.written: dict[str, dict[str, Content]] = {}  # the staged trees: rewrites what changed
        self.finishing: threading.Thread | None = None    # the last build's `finish`
        self.site_dir = settings.root / PREVIEW_DIR
        self.outputs = outputs(settings, self.site_dir, ENGINES_DIR)
        self.workers = {lang: subprocess.Popen(
            [sys.executable, "-m", "microsite.engines.mkdocs.worker", str(settings.root), lang, str(out)],
            cwd=settings.root, env=engine_env(settings), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True) for lang, out in self.outputs.items()}

    def build(self) -> bool:
        started = time.perf_counter()
        self.wait_finished()
        try:
            site = staged(self.settings, self.loader, self.written)
        except (ContentError, ContentErrors) as err:
            print(err, file=sys.stderr)
            return False
        for worker in self.workers.values():  # both languages at the same time
            worker.stdin.write("build\n")
            worker.stdin.flush()
        done = [worker.stdout.readline().strip() == "done 0" for worker in self.workers.values()]
        if not all(done):
            return False
        for lang, out in self.outputs.items():
            prefix = paths.lang_root(lang).rstrip("/")
            link = self.site_dir / prefix
            if prefix and not link.is_symlink():  # the default language's first build cleaned it
                link.symlink_to(out / prefix, target_is_directory=True)
        self.finishing = threading.Thread(target=self._finish, args=(site, started))
        self.finishing.start()
        return True

    def _finish(self, site, started: float) -> None:
        try:
            finish.finish(self.site_dir, self.settings.stage_dir, site, self.settings, self.written)  # published
        except (OSError, ContentError, ContentErrors) as err:  # /admin/'s bundle missing, a full disk
            print(err, file=sys.stderr)
            return
        say(_("preview built in {seconds} s", seconds=f"{time.perf_counter() - started:.2f}"))

    def wait_finished(self) -> None:
        if self.finishing is not None:
            self.finishing.join()
            self.finishing = None

    def close(self):
        self.wait_finished()
        for worker in self.workers.values():
            worker.stdin.close()
            worker.wait(timeout=10)


# What a save, a new file, a deletion or a rename does; not a reading (the system reports
# those too, and every build reads the content: it would build again and again).
SAVES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


class SaveObserver(watchdog.observers.Observer):
    """The system's own notices of changes (inotify, FSEvents…), of saves only."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or SAVES,
                                follow_symlink=follow_symlink)


class Server(LiveReloadServer):
    """MkDocs' live-reload server, told of saves by the system instead of looking at every
    watched file's time twice a second: at 4,000 members each look read 4,900 files' times, and
    a save waited about 0.5 s before its build began. The server schedules its watches on
    `observer` and starts it in `serve`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = SaveObserver()


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    preview = Preview(settings)

    def builder():
        # A failed build leaves the last good preview served; its messages are on the terminal.
        if not preview.build():
            say(_("the preview was not rebuilt: fix the problems above"), file=sys.stderr)

    builder()
    server = Server(builder=builder, host=host, port=port, root=str(preview.site_dir))
    for name in WATCHED:
        if (settings.root / name).exists():
            server.watch(str(settings.root / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        preview.close()
    return 0
