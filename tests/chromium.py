"""Headless Debian Chromium on a built site served as a host would serve it: below a sub-path
(a GitHub Pages project site), answering a missing address with 404.html and status 404."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PREFIX = urlsplit("https://example.org/microsite/").path  # the same path as conftest.SITE_URL


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = urlsplit(path).path
        inside = path.startswith(PREFIX)
        return super().translate_path("/" + path[len(PREFIX):] if inside else "/\0missing")

    def send_head(self):
        if not Path(self.translate_path(self.path)).exists() and \
                not Path(self.translate_path(self.path), "index.html").exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@contextlib.contextmanager
def serve(directory: Path):
    """Yields the site's address, e.g. http://127.0.0.1:PORT/microsite/."""
    handler = functools.partial(SubPathHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()


def launch(playwright):
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test`, which installs it"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
