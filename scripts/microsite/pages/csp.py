"""The Content-Security-Policy of every page, written into its head as a <meta http-equiv>
(GitHub Pages sets no headers). Engine-free: the MkDocs plugin passes each finished page here.

The policy lives in `POLICY` and nowhere else. Scripts run only from the site's own files, plus
the theme's few inline scripts by their SHA-256 hash; those differ with the page's depth
(`new URL("../..", location)`), so the hashes are computed for each page from its own bytes —
but only for scripts the theme's templates write (`theme_scripts`): a script that content
smuggled into a page gets no hash, so it stays blocked even if escaping failed.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Iterable

POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    # The theme's bundle, lunr and our search worker are files of the site; its inline scripts
    # are added by hash per page (never 'unsafe-inline': an injected handler must not run).
    # A search engine built on WebAssembly (e.g. Pagefind) would need 'wasm-unsafe-eval' here.
    "script-src": ["'self'"],
    # Material's search runs lunr in a web worker loaded from the site.
    "worker-src": ["'self'"],
    # Search index, sitemap probe of the language menu.
    "connect-src": ["'self'"],
    # Material's stylesheets are files; the theme sets styles only through the CSSOM
    # (element.style), which CSP does not govern, and our templates write no style="" or
    # <style>: so no 'unsafe-inline'. A style="" in content is removed by sanitize.py anyway.
    "style-src": ["'self'"],
    # Material's CSS draws its icons (search results, admonitions) as data: SVG images
    # (without data: Chromium refuses the search result icons: tests/test_csp.py saw it).
    # Content cannot use data: images: sanitize.py removes every src that is not the site's.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

_HEAD_START = re.compile(r"<head[^>]*>", re.I)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
# Inline scripts the browser runs: no src, and a JavaScript type (or none). JSON data blocks
# (type="application/json", "application/ld+json") are not run, so need no hash.
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "module", "application/javascript"}


_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)


def theme_scripts(template_dirs: Iterable[Path]) -> list[re.Pattern]:
    """The inline scripts the theme's templates write, as patterns: their text, with each
    printed value (`{{ base_url }}`, a page's relative path) matching anything but a quote or
    a tag, so no value can close the string it sits in."""
    found = {}
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            for match in _SCRIPT.finditer(path.read_text(encoding="utf-8")):
                body = match.group("body")
                if _runs(match.group("attrs")) and "{%" not in body and body.strip():
                    parts = _JINJA_VALUE.split(body)
                    found[body] = re.compile("[^\"'<>\\\\]*".join(map(re.escape, parts)))
    return list(found.values())


def _runs(attrs: str) -> bool:
    """A script the browser runs from the page itself: no src, a JavaScript type."""
    if re.search(r"\bsrc\s*=", attrs, re.I):
        return False
    kind = _TYPE.search(attrs)
    return (kind.group(1).lower() if kind else "") in _JS_TYPES


def inline_hashes(html: str, trusted: list[re.Pattern]) -> list[str]:
    """Hashes of the page's inline scripts that the theme wrote."""
    found = []
    for match in _SCRIPT.finditer(html):
        body = match.group("body")
        if not _runs(match.group("attrs")) or not any(p.fullmatch(body) for p in trusted):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(found))


def policy(html: str, trusted: list[re.Pattern]) -> str:
    directives = dict(POLICY)
    directives["script-src"] = directives["script-src"] + inline_hashes(html, trusted)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def protect(html: str, trusted: list[re.Pattern]) -> str:
    """The page with its policy as the head's first element after the charset: before any
    script, style or link, which the policy must already govern."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, trusted)}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[:charset.end()] + tag + html[charset.end():]
    head = _HEAD_START.search(html)
    if head is None:
        raise ValueError("the page has no <head>: the Content-Security-Policy cannot be added")
    return html[:head.end()] + tag + html[head.end():]
