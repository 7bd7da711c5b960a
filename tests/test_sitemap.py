"""Sitemaps per language with hreflang alternates and x-default; none without a site address."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import SITE_URL, build, copy_project, reader_pages

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(path):
    root = ET.parse(path).getroot()
    assert not root.findall(".//s:lastmod", NS), "no dates from the build's clock"
    return {u.find("s:loc", NS).text: {l.get("hreflang"): l.get("href") for l in u.findall("x:link", NS)}
            for u in root.findall("s:url", NS)}


def named(index) -> list[str]:
    root = ET.parse(index).getroot()
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]


def test_language_roots_hold_small_indexes(built):
    """Material fetches '<language root>/sitemap.xml' on pages linking a feed: a few hundred
    bytes, whatever the number of pages."""
    assert named(built / "sitemap.xml") == [f"{SITE_URL}sitemap-pages.xml", f"{SITE_URL}ru/sitemap-pages.xml"]
    assert named(built / "ru" / "sitemap.xml") == [f"{SITE_URL}ru/sitemap-pages.xml"]
    assert (built / "sitemap.xml").stat().st_size < 400
    assert (built / "robots.txt").read_text().endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


def test_every_page_is_in_its_languages_sitemap_with_alternates(built):
    for lang, sitemap in (("kk", built / "sitemap-pages.xml"), ("ru", built / "ru" / "sitemap-pages.xml")):
        urls = entries(sitemap)
        pages = {p.parent.relative_to(built).as_posix() for p in reader_pages(built)}
        pages = {p for p in pages if (p == "ru" or p.startswith("ru/")) == (lang == "ru")}
        assert {u[len(SITE_URL):].rstrip("/") or "." for u in urls} == {p if p != "." else "." for p in pages}
        for loc, alternates in urls.items():
            assert set(alternates) == {"kk", "ru", "x-default"}, loc
            assert alternates[lang] == loc and alternates["x-default"] == alternates["kk"]
            for href in alternates.values():
                assert href.startswith(SITE_URL)
                assert (built / href[len(SITE_URL):] / "index.html").is_file(), href


def test_pages_carry_no_alternate_links_that_material_would_probe(built):
    """Material fetches '<link rel=alternate href>/sitemap.xml' for every such link; per-page
    hreflang links made that two 404s per page. Only feeds (at a language's root) remain."""
    for path in built.rglob("*.html"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if 'rel="alternate"' in line and "<link" in line:
                assert 'type="application/atom+xml"' in line and "feed.xml" in line, f"{path}: {line}"


def test_without_site_address_no_sitemap_and_no_none(tmp_path):
    project = copy_project(tmp_path)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "sitemap.xml").exists()
    assert not (tmp_path / "site" / "sitemap.xml.gz").exists()
    for path in (tmp_path / "site").rglob("*.html"):
        assert '"None' not in path.read_text(encoding="utf-8"), path
    assert (tmp_path / "site" / "feed.xml").is_file() and (tmp_path / "site" / "ru" / "feed.xml").is_file()
