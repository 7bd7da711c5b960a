"""The 404 page: one page in both languages (each language's build would write its own over the
other's), whose links work when the site is served below a sub-path, as GitHub Pages does."""
from __future__ import annotations

from chromium import launch, serve
from conftest import SITE_URL
from htmlparse import Tags
from microsite.pages import words
from playwright.sync_api import sync_playwright
from test_browser import SHOTS

SUB_PATH = SITE_URL.split("/", 3)[3]  # "microsite/"


def test_404_is_one_page_in_both_languages(built):
    assert not (built / "ru" / "404.html").exists()
    tags = Tags((built / "404.html").read_text(encoding="utf-8"))
    assert tags.find("html")[0]["lang"] == "kk"
    for lang in ("kk", "ru"):
        assert words.t(lang, "notfound.title") in tags.text and words.t(lang, "notfound.home") in tags.text
    assert tags.find("div", lang="ru", class_="ms-not-found")
    links = [a[name] for _, a in tags.tags for name in ("href", "src") if a.get(name, "").startswith("/")]
    assert links and all(link.startswith("/" + SUB_PATH) for link in links), links


def test_404_below_a_sub_path_in_a_browser(built):
    with sync_playwright() as p, serve(built) as base:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        failed = []
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        response = page.goto(base + "coalitions/no-such-page/")
        page.wait_for_load_state("networkidle")
        assert response.status == 404
        assert failed == [f"404 {base}coalitions/no-such-page/"], "only the page itself is missing"
        # Styled: Material's stylesheet was found below the sub-path.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "404-phone.png"), full_page=True)
        page.click(f'a:text("{words.t("ru", "notfound.home")}")')
        page.wait_for_load_state()
        assert page.url == base + "ru/"
        assert page.get_attribute("html", "lang") == "ru"
        browser.close()
