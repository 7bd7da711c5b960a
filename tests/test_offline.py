"""The built site makes no third-party requests: no fonts, CDNs or trackers.

Readers are on slow mobile networks and their visits are their own business; the build
machines have no internet either. The browser test (test_browser.py) also records every
request a real Chromium makes.
"""
from __future__ import annotations

import re

from htmlparse import Tags

URL = re.compile(r"https?://[^\s\"'<>)]+")
# Attributes whose URL the browser fetches by itself, without a click.
FETCHED = ("src", "srcset", "poster", "data", "action", "formaction", "background")
# Third-party hosts named in Material's JavaScript without being fetched by this site:
ALLOWED_IN_JS = {
    "www.w3.org": "XML namespace names (SVG, XHTML), never fetched",
    "unpkg.com": "ResizeObserver polyfill, loaded only by browsers lacking ResizeObserver",
    "api.github.com": "repository facts, fetched only when repo_url is set (it is not)",
    "github.com": "the same repository-facts code",
    "${e}": "GitLab repository facts (host from repo_url), likewise only with repo_url",
    "bit.ly": "a link inside a console warning about invalid search syntax",
}


def host(url: str) -> str:
    return url.split("/")[2].lower()


def test_html_fetches_nothing_from_elsewhere(built):
    offenders = []
    for path in built.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        tags = Tags(text)
        for tag, attrs in tags.tags:
            for name in FETCHED:
                if URL.match(attrs.get(name, "").strip()):
                    offenders.append(f"{path}: <{tag} {name}={attrs[name]}>")
            if tag == "link" and URL.match(attrs.get("href", "")) and \
                    not set(attrs.get("rel", "").split()) & {"alternate", "canonical"}:
                offenders.append(f"{path}: <link rel={attrs.get('rel')} href={attrs['href']}>")
            if URL.search(attrs.get("style", "")):
                offenders.append(f"{path}: style on <{tag}>")
        # schema.org data (application/ld+json) names addresses; a browser fetches none of them.
        for block in re.findall(r"<(?:script|style)\b(?![^>]*ld\+json)[^>]*>(.*?)</(?:script|style)>", text, re.S):
            for url in URL.findall(block):
                if host(url) != "www.w3.org":
                    offenders.append(f"{path}: inline {url}")
    assert not offenders, "\n".join(offenders[:20])


def test_stylesheets_load_nothing_from_elsewhere(built):
    offenders = []
    for path in built.rglob("*.css"):
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for match in re.finditer(r"(?:url\(|@import)\s*['\"]?(https?://[^'\")\s]+)", css):
            offenders.append(f"{path}: {match.group(1)}")
    assert not offenders, "\n".join(offenders)
    assert not any("fonts.googleapis" in p.read_text() for p in built.rglob("*.html"))


def test_scripts_name_no_unreviewed_host(built):
    hosts = {}
    for path in built.rglob("*.js"):
        if path.parent == built / "admin":
            continue  # Decap's bundle names every backend it supports; /admin/'s policy allows one (test_cms.py)
        code = path.read_text(encoding="utf-8")
        # Comments in the bundles cite URLs for humans; they are not requests.
        code = re.sub(r"/\*.*?\*/|(?<![:\"'\\])//[^\n]*", "", code, flags=re.S)
        for url in URL.findall(code):
            hosts.setdefault(host(url), path)
    unknown = {h: str(p) for h, p in hosts.items() if h not in ALLOWED_IN_JS}
    assert not unknown, f"new third-party hosts in scripts: {unknown}"


def test_repository_facts_are_off(built):
    # The one place Material's JS would call api.github.com: only with a repo_url.
    assert "md-source" not in (built / "index.html").read_text()
