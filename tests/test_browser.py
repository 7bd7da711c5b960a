"""A reader in a real headless Chromium (Debian's): language switching, requests, layout.

Screenshots of the pages go to tests/screenshots/ for people to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from chromium import launch, serve
from playwright.sync_api import sync_playwright

SHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def server(built):
    with serve(built) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def tab(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.requests, page.failed = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("response", lambda r: r.status >= 400 and page.failed.append(f"{r.status} {r.url}"))
    yield page
    context.close()
    elsewhere = [u for u in page.requests if not u.startswith((server, "data:", "blob:"))]
    assert not elsewhere, f"requests left the site: {elsewhere}"
    # No exceptions: Material probes "<each link rel=alternate>/sitemap.xml", and the pages keep
    # only feed links at language roots, where the sitemaps are (see overrides/main.html).
    assert not page.failed, f"failed requests: {page.failed}"


def switch_language(page, lang: str) -> None:
    """What a reader does: open the language menu in the header, pick the language."""
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state()


@pytest.mark.parametrize("start, lang, other, target", [
    ("", "kk", "ru", "ru/"),
    ("ru/", "ru", "kk", ""),
    ("coalitions/kgi/members/", "kk", "ru", "ru/coalitions/kgi/members/"),
    ("ru/coalitions/kgi/members/", "ru", "kk", "coalitions/kgi/members/"),
])
def test_switcher_lands_on_the_same_page(tab, server, start, lang, other, target):
    tab.goto(server + start)
    assert tab.get_attribute("html", "lang") == lang
    switch_language(tab, other)
    assert tab.url == server + target
    assert tab.get_attribute("html", "lang") == other
    assert tab.locator("article h1").inner_text()


PAGES = {"home": "", "overview": "coalitions/kgi/", "members": "coalitions/peoples-coalition/members/"}


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_the_screen(tab, server, name, lang, width):
    tab.set_viewport_size(PHONE if width == "phone" else DESKTOP)
    tab.goto(server + ("ru/" if lang == "ru" else "") + PAGES[name])
    tab.wait_for_load_state("networkidle")
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}-{lang}-{width}.png"), full_page=True)
    overflow = tab.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} ({lang}, {width}) scrolls sideways by {overflow}px"
    assert tab.get_attribute("html", "lang") == lang


@pytest.mark.parametrize("start, query, expected", [
    ("ru/", "Bolashaq", "coalitions/peoples-coalition/members/"),    # a member, from YAML
    ("", "Жолдыхожаев", "coalitions/shymkent-coalition/"),           # a leader, from YAML
    ("ru/", "юридической", "coalitions/kgi/directions/"),            # a direction, from YAML
])
def test_search_box_finds_content_rendered_from_yaml(tab, server, start, query, expected):
    tab.goto(server + start)
    tab.focus("input.md-search__input")
    # Material says "Initializing search" until its worker has the index; typed earlier, the
    # query can be lost. A reader waits for the "type to start searching" prompt; so do we.
    ready = {"": "Іздеу үшін теріп бастаңыз", "ru/": "Начните печатать для поиска"}[start]
    tab.locator(".md-search-result__meta", has_text=ready).wait_for(timeout=15000)
    tab.fill("input.md-search__input", query)
    # Material reads the query on keyup; a reader's keyboard sends one per letter, while
    # Playwright inserts non-Latin text without key events. One real key press stands in.
    tab.press("input.md-search__input", "End")
    results = tab.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(expected in h for h in hrefs), hrefs
