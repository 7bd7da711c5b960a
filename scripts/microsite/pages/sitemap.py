"""Sitemaps: one per language at the language's root, every page with its hreflang alternates
and `x-default` (the default language). Search engines take hreflang from a sitemap as they
do from a page's head; keeping them here keeps the pages lighter (overrides/main.html says why
the pages carry none). Sitemaps need absolute addresses, so they are written only when the
site's address (`site_url`) is known. No <lastmod>: the build's clock is not a content date.

Each language root's `sitemap.xml` is a small index naming the page lists: Material's script
fetches `<language root>/sitemap.xml` on pages that link a feed, and an index keeps that fetch
a few hundred bytes however many pages the site has.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..content.model import DEFAULT_LANG, LANGS
from ..pages import paths

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(page_paths: list[str], lang: str, site_url: str) -> str:
    """The sitemap of `lang`'s pages; `page_paths` are source paths without language suffix."""
    base = site_url.rstrip("/") + "/"
    # Namespaces as plain attributes: ElementTree would otherwise invent prefixes (ns0:).
    urlset = ET.Element("urlset", {"xmlns": NS, "xmlns:xhtml": XHTML})
    for page in sorted(page_paths, key=lambda p: paths.url(p, DEFAULT_LANG)):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = base + paths.url(page, lang)
        for alt, hreflang in [(x, x) for x in LANGS] + [(DEFAULT_LANG, "x-default")]:
            ET.SubElement(url, "xhtml:link", rel="alternate", hreflang=hreflang,
                          href=base + paths.url(page, alt))
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


PAGES = "sitemap-pages.xml"


def index(sitemap_urls: list[str]) -> str:
    root = ET.Element("sitemapindex", {"xmlns": NS})
    for url in sitemap_urls:
        ET.SubElement(ET.SubElement(root, "sitemap"), "loc").text = url
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def files(page_paths: list[str], site_url: str) -> dict[str, str]:
    """{path in the built site: content}: page lists, their indexes, and a robots.txt."""
    base = site_url.rstrip("/") + "/"
    lists = {lang: paths.lang_root(lang) + PAGES for lang in LANGS}
    out = {lists[lang]: sitemap(page_paths, lang, site_url) for lang in LANGS}
    # The site root's index names every language's list; another root's names its own (a
    # sitemap may only list addresses below its own folder, an index may name any).
    for lang in LANGS:
        named = lists.values() if lang == DEFAULT_LANG else [lists[lang]]
        out[paths.lang_root(lang) + "sitemap.xml"] = index([base + path for path in named])
    out["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"
    return out
