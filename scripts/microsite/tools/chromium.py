"""Headless Debian Chromium on a built site served as a host would serve it: below a sub-path
(a GitHub Pages project site) or at the root, answering a missing address with 404.html and
status 404. One launcher and one server for the browser tests (tests/chromium.py) and the
search benchmark (bench_search.py)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` below `prefix`, without a log line per request."""

    def __init__(self, *args, prefix: str = "/", **kwargs):
        self.prefix = prefix  # before the base class's __init__, which handles the request
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = urlsplit(path).path
        inside = path.startswith(self.prefix)
        return super().translate_path("/" + path[len(self.prefix):] if inside else "/\0missing")

    def send_head(self):
        not_found = Path(self.directory) / "404.html"
        if not Path(self.translate_path(self.path)).exists() and \
                not Path(self.translate_path(self.path), "index.html").exists() and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Yields the site's address, e.g. http://127.0.0.1:PORT/microsite/."""
    handler = functools.partial(SiteHandler, directory=str(directory), prefix=prefix)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"Debian's chromium is missing ({CHROMIUM}): `make browser` installs it")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
