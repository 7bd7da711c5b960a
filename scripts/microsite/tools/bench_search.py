"""What a reader downloads for a first search, per language, on a built site or on synthetic
networks of several sizes.

    python -m microsite.tools.bench_search SITE_DIR [label]
    python -m microsite.tools.bench_search --scales 40/4000/400 160/16000/1600

Opens each language's home page in headless Chromium (Debian's), types one query into
Material's search box as a reader does, waits for the results, and sums every search file
fetched (the worker, lunr's language scripts, the index, its shards and the result pages' documents): raw
bytes and gzip -9 (what a server sends compressed). With `--scales`, builds a synthetic network
(`anchors.synthetic_project`, as `make bench` does) at each scale and prints the transfer and
its growth from the first scale. The query, «коалиция», is on nearly every page: the worst case.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..tools.chromium import ARGS, CHROMIUM
from ..tools.chromium import SiteHandler as Quiet
from . import anchors

# Language root, its "type to search" prompt, a query that has results in any version.
LANGUAGES = {
    "kk": ("", "Іздеу үшін теріп бастаңыз", "коалиция"),
    "ru": ("ru/", "Начните печатать для поиска", "коалиция"),
}
SEARCH_FILES = ("/search/", "/javascripts/workers/", "/javascripts/lunr/")
LIMIT_KB = 150      # the first query's transfer, gzip, per language
GROWTH = 1.5        # at most this much more for four times the network


@dataclass
class Transfer:
    raw: int
    gzip: int
    files: int
    results: int


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def first_query(browser, base: str, site: Path, root: str, ready: str, query: str) -> Transfer:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: any(s in r.url for s in SEARCH_FILES) and fetched.append(r.url))
    page.goto(base + root)
    page.focus("input.md-search__input")
    page.locator(".md-search-result__meta", has_text=ready).wait_for(timeout=30000)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    results = page.locator(".md-search-result__item").count()
    page.close()
    files = [site / urlsplit(u).path.lstrip("/") for u in dict.fromkeys(fetched)]
    return Transfer(raw=sum(f.stat().st_size for f in files),
                    gzip=sum(len(gzip.compress(f.read_bytes(), 9)) for f in files),
                    files=len(files), results=results)


def measure(site: Path) -> dict[str, Transfer]:
    """The first query's transfer per language on a built site."""
    from playwright.sync_api import (
        sync_playwright,  # the benchmark's only browser dependency
    )

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            found = {lang: first_query(browser, base, site, *spec) for lang, spec in LANGUAGES.items()}
            browser.close()
    finally:
        httpd.shutdown()
    return found


def build(target: Path, coalitions: int, members: int, statements: int) -> Path:
    """A synthetic network built as `make site` builds: its site folder."""

    project = anchors.synthetic_project(target / "project", coalitions, members, statements, coalitions)
    anchors.run_all(anchors.build_commands(project, target / "site"), project)
    return target / "site"


def scales(specs: list[str]) -> list[tuple[str, dict[str, Transfer]]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="microsite-search-") as tmp:
        for n, spec in enumerate(specs):
            coalitions, members, statements = (int(x) for x in spec.split("/"))
            rows.append((spec, measure(build(Path(tmp) / str(n), coalitions, members, statements))))
    return rows


def table(rows: list[tuple[str, dict[str, Transfer]]]) -> str:
    lines = ["| scale (coalitions/members/statements) | language | first query: raw | first query: gzip "
             "| files | growth (gzip) |", "|---|---|---|---|---|---|"]
    for spec, found in rows:
        for lang, t in found.items():
            growth = t.gzip / rows[0][1][lang].gzip
            lines.append(f"| {spec} | {lang} | {kb(t.raw)} | {kb(t.gzip)} | {t.files} | {growth:.2f}× |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site")
    parser.add_argument("label", nargs="?", help="the site's name in the table")
    parser.add_argument("--scales", nargs="+", metavar="C/M/S",
                        help="build synthetic networks of these sizes and measure each")
    args = parser.parse_args(argv)
    if bool(args.site) == bool(args.scales):
        parser.error("give a built site or --scales")
    rows = scales(args.scales) if args.scales else [(args.label or str(args.site),
                                                     measure(args.site.resolve()))]
    print(table(rows))
    worst = max(t.gzip for _, found in rows for t in found.values())
    print(f"\nlargest first query: {kb(worst)} gzip (limit {LIMIT_KB} KB per language)"
          + (f"; growth from {rows[0][0]}: at most {GROWTH}×" if len(rows) > 1 else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
