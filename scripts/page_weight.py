"""Page weight benchmark: what a first visit to a page transfers, gzip-compressed.

Loads each page of a built site in headless Chromium, records every request, and gzips the
files requested (level 6, as web servers do). The search index is listed apart: it is loaded
for searching, not for reading. Usage: python scripts/page_weight.py SITE_DIR [PAGE ...]
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import PREFIX, launch, serve  # noqa: E402

PAGES = {"home (kk)": "", "home (ru)": "ru/",
         "members (kk)": "coalitions/peoples-coalition/members/",
         "members (ru)": "ru/coalitions/peoples-coalition/members/"}


def is_search_index(path: str) -> bool:
    return "search_index" in path or "/pagefind/" in path and not path.endswith((".js", ".css"))


def transfers(browser, base: str, page_path: str, site_dir: Path) -> dict[str, int]:
    """{site path: gzip bytes} of everything the page requested."""
    page = browser.new_page()
    urls = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    page.goto(base + page_path)
    page.wait_for_load_state("networkidle")
    page.close()
    sizes = {}
    for url in urls:
        path = unquote(urlsplit(url).path)[len(PREFIX):]
        file = site_dir / path / "index.html" if path.endswith("/") or not path else site_dir / path
        if file.is_file():
            sizes[path or "./"] = len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0))
    return sizes


def weigh(site_dir: Path, pages: dict[str, str]) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p, serve(site_dir) as base:
        browser = launch(p)
        try:
            return {name: transfers(browser, base, path, site_dir) for name, path in pages.items()}
        finally:
            browser.close()


def split(sizes: dict[str, int]) -> tuple[int, int, int]:
    """(HTML of the page itself, everything else but the index, search index)."""
    html = sum(v for k, v in sizes.items() if k.endswith("/") or k.endswith(".html"))
    index = sum(v for k, v in sizes.items() if is_search_index(k))
    return html, sum(sizes.values()) - html - index, index


def main(argv: list[str]) -> None:
    site_dir = Path(argv[0])
    pages = {p: p for p in argv[1:]} or PAGES
    print(f"{'page':<16} {'HTML':>8} {'CSS+JS+other':>13} {'total':>8} {'search index':>13}   (KB, gzip)")
    for name, sizes in weigh(site_dir, pages).items():
        html, rest, index = split(sizes)
        print(f"{name:<16} {html/1024:>8.1f} {rest/1024:>13.1f} {(html+rest)/1024:>8.1f} {index/1024:>13.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
