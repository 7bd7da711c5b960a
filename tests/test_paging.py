"""Long lists cut into pages: a coalition with 300+ members, built by MkDocs and read on a phone."""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import replace
from pathlib import Path

import pytest
from chromium import launch, serve
from conftest import build, copy_project
from htmlparse import Tags
from microsite.content.load import load_site
from microsite.content.model import LANGS, Text
from microsite.pages import paths
from microsite.tools import dump
from playwright.sync_api import sync_playwright
from test_browser import PHONE, SHOTS

EXTRA = 310  # kgi's nine real members + 310 copies of them: a national coalition's size


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The real project with 310 more member files in kgi, built: (model, site folder)."""
    project = copy_project(tmp_path_factory.mktemp("big"))
    real = load_site(project / "data", project / "docs")
    kgi = [m for m, _ in real.members_of("kgi")]
    for i in range(EXTRA):
        m = kgi[i % len(kgi)]
        name = Text(**{lang: f"{getattr(m.name, lang)} №{i}" for lang in LANGS if getattr(m.name, lang)})
        copy = replace(m, id=f"{m.id}-{i}", name=name)
        (project / "data" / "members" / f"{copy.id}.yml").write_text(dump.record_file("members", copy))
    site_dir = project / "site"
    result = build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return load_site(project / "data", project / "docs"), site_dir


def html_of(site_dir: Path, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def follow(url: str, href: str) -> tuple[str, str]:
    """A page-relative link from the page at `url` → (target url, anchor)."""
    target, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(url, target)).strip("/") + "/", anchor


def members_urls(lang: str, total: int) -> list[str]:
    first = f"{paths.lang_root(lang)}coalitions/kgi/members/"
    return [first] + [f"{first}page/{n}/" for n in range(2, total + 1)]


@pytest.mark.parametrize("lang", LANGS)
def test_long_members_list_is_cut_into_linked_pages(big, lang):
    site, site_dir = big
    entries = site.members_of("kgi")
    total = -(-len(entries) // paths.PER_PAGE)
    assert len(entries) == 9 + EXTRA and total == 7
    urls = members_urls(lang, total)
    assert not (site_dir / f"{urls[0]}page/{total + 1}").exists()
    seen = []
    for n, url in enumerate(urls, 1):
        tags = Tags(html_of(site_dir, url))
        names = [t for t in tags.chunks if t.strip()]
        seen += [m.id for m, _ in entries if m.name.get(lang) in names]
        pager = tags.find("nav", class_="ms-pager")
        assert len(pager) == 2 and pager[0]["aria-label"], f"{url}: a labelled pager above and below"
        prev, nxt = tags.find("a", rel="prev"), tags.find("a", rel="next")
        assert (len(prev), len(nxt)) == ((0 if n == 1 else 2), (0 if n == total else 2)), url
        if n > 1:
            assert follow(url, prev[0]["href"])[0] == urls[n - 2]
        if n < total:
            assert follow(url, nxt[0]["href"])[0] == urls[n]
        assert f"{n} / {total}" in tags.text or f"{n} из {total}" in tags.text
    assert sorted(seen) == sorted(m.id for m, _ in entries), "every member on exactly one page"


@pytest.mark.parametrize("lang", LANGS)
def test_links_into_the_pages_land_on_the_member(big, lang):
    site, site_dir = big
    declaration = f"{paths.lang_root(lang)}statements/kgi-declaration/"
    text = html_of(site_dir, declaration)
    for ref in site.statements["kgi-declaration"].signatories:
        member = site.members[ref]
        name = html.escape(member.name.get(lang), quote=False)
        href = re.search(r'<a href="([^"]+)">' + re.escape(name) + "</a>", text).group(1)
        url, anchor = follow(declaration, href)
        target = Tags(html_of(site_dir, url))
        assert anchor == member.type and target.find("h2", id=anchor)
        assert member.name.get(lang) in target.chunks, f"{href} does not list {ref}"
    first = members_urls(lang, 7)[0]
    groups = Tags(re.search(r'<nav [^>]*class="ms-groups".*?</nav>', html_of(site_dir, first), re.S).group(0))
    jumps = [a["href"] for t, a in groups.tags if t == "a"]
    types = {m.type for m, _ in site.members_of("kgi")}
    assert {follow(first, h)[1] for h in jumps} >= types
    for href in jumps:
        url, anchor = follow(first, href)
        assert Tags(html_of(site_dir, url)).find("h2", id=anchor), f"{href} leads nowhere"


def test_no_page_grows_past_100_kb(big):
    _, site_dir = big
    sizes = {p: p.stat().st_size for p in site_dir.rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < 100 * 1024, f"{largest} is {sizes[largest] // 1024} KB"


def test_members_pages_work_on_a_phone(big):
    _, site_dir = big
    with sync_playwright() as p, serve(site_dir) as base:
        browser = launch(p)
        tab = browser.new_context(viewport=PHONE).new_page()
        for lang in LANGS:
            tab.goto(base + members_urls(lang, 7)[0])
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"
            SHOTS.mkdir(exist_ok=True)
            tab.screenshot(path=str(SHOTS / f"members-paged-{lang}-phone.png"), full_page=False)
            tab.locator("a[rel=next]").last.click()
            tab.wait_for_url("**/members/page/2/")
            tab.locator("a[rel=next]").first.scroll_into_view_if_needed()
            tab.screenshot(path=str(SHOTS / f"members-paged-{lang}-phone-2.png"), full_page=False)
            assert tab.locator("a[rel=prev]").count() == 2
        browser.close()
