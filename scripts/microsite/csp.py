"""The Content-Security-Policy of every page, written into its head as a <meta http-equiv>
(GitHub Pages sets no headers). Engine-free: the MkDocs plugin passes each finished page here.

The policy lives in `POLICY` and nowhere else. Scripts run only from the site's own files, plus
the theme's few inline scripts by their SHA-256 hash; those differ with the page's depth
(`new URL("../..", location)`), so the hashes are computed for each page from its own bytes.
"""
from __future__ import annotations

import base64
import hashlib
import re

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


def inline_hashes(html: str) -> list[str]:
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _JS_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(found))


def policy(html: str) -> str:
    directives = dict(POLICY)
    directives["script-src"] = directives["script-src"] + inline_hashes(html)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def protect(html: str) -> str:
    """The page with its policy as the head's first element after the charset: before any
    script, style or link, which the policy must already govern."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[:charset.end()] + tag + html[charset.end():]
    head = _HEAD_START.search(html)
    if head is None:
        raise ValueError("the page has no <head>: the Content-Security-Policy cannot be added")
    return html[:head.end()] + tag + html[head.end():]
