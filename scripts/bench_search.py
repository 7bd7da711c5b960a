"""What a reader downloads to search, per language: prints a Markdown table.

    .venv/bin/python scripts/bench_search.py site/ [label]

Opens each language's home page of a built site in headless Chromium (Debian's), types one
query into Material's search box as a reader does, waits for the results, and sums every
search file fetched (the worker, lunr's language scripts, the index): raw bytes and gzip -9
(what a server sends compressed). "Index" is the search_index.json the page loaded.
A measurement for the README, not a test: sizes vary with the content.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Language root, its "type to search" prompt, a query that has results in any version.
LANGUAGES = {
    "kk": ("", "Іздеу үшін теріп бастаңыз", "коалиция"),
    "ru": ("ru/", "Начните печатать для поиска", "коалиция"),
}
SEARCH_FILES = ("/search/search_index.json", "/javascripts/workers/", "/javascripts/lunr/")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def first_query(browser, base: str, site: Path, root: str, ready: str, query: str):
    page = browser.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: any(s in r.url for s in SEARCH_FILES) and fetched.append(r.url))
    page.goto(base + root)
    page.focus("input.md-search__input")
    page.locator(".md-search-result__meta", has_text=ready).wait_for(timeout=30000)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    page.close()
    files = [site / urlsplit(u).path.lstrip("/") for u in fetched]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    index = next(f for f in files if f.name == "search_index.json")
    return raw, packed, index


def main(site: Path, label: str) -> None:
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    print("| site | language | first query: raw | first query: gzip | index loaded | index: raw | index: gzip |")
    print("|---|---|---|---|---|---|---|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang, (root, ready, query) in LANGUAGES.items():
            raw, packed, index = first_query(browser, base, site, root, ready, query)
            data = index.read_bytes()
            print(f"| {label} | {lang} | {kb(raw)} | {kb(packed)} | `{index.relative_to(site)}` "
                  f"| {kb(len(data))} | {kb(len(gzip.compress(data, 9)))} |")
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), sys.argv[2] if len(sys.argv) > 2 else sys.argv[1])
