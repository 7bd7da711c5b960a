"""The Content-Security-Policy: on every built page before any script, and in real headless
Chromium no violation on any kind of page in both languages, search included, while a handler
injected past the sanitizer is blocked."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from chromium import serve
from microsite.pages import csp
from test_accessibility import PAGE_KINDS, fallback_site  # noqa: F401 (fixture)
from test_browser import browser  # noqa: F401 (fixture)

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Collects what the policy refuses, from before the page's own scripts run.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_policy_allows_no_inline_script_and_nothing_from_elsewhere(tmp_path):
    (tmp_path / "base.html").write_text('<script>a("{{ base_url }}")</script>')
    trusted = csp.theme_scripts([tmp_path])
    page = ('<html><head><meta charset="utf-8"><script>a("..")</script>'
            '<script>a("");alert(1)//")</script><script>b()</script>'
            '<script type="application/json">{}</script><script src="x.js"></script></head></html>')
    policy = csp.policy(page, trusted)
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    # One hash, of the theme's script: the others are not the theme's, the JSON block is data,
    # the src script a file.
    assert directives["script-src"] == ["'self'", "'sha256-jblraJX0WdgOaJ1XRC0CTYi+WMLkCFjVrm9QEGDPtMc='"]
    for name, values in directives.items():
        assert all(v.startswith("'") or v == "data:" for v in values), (name, values)
    protected = csp.protect(page, trusted)
    assert protected.index("Content-Security-Policy") < protected.index("<script")


def test_every_built_page_has_its_policy_before_any_script(built):
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8")
        found = META.findall(text)
        assert len(found) == 1, path
        assert text.index("Content-Security-Policy") < text.index("<script"), path
        # Every inline script that runs has its hash: Material's are all known to the policy.
        for match in re.finditer(r"<script>(.*?)</script>", text, re.S):
            digest = base64.b64encode(hashlib.sha256(match.group(1).encode()).digest()).decode()
            assert f"'sha256-{digest}'" in found[0], (path, match.group(1)[:80])


def _load(browser, url: str, search: str = "") -> tuple[list[str], object]:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(LISTEN)
    console = []
    page.on("console", lambda m: "Content Security Policy" in m.text and console.append(m.text))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if search:
        # As tests/test_search_browser.py types: Material reads the query on keyup.
        page.focus("input.md-search__input")
        page.fill("input.md-search__input", search)
        page.press("input.md-search__input", "End")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
    found = page.evaluate("window.__csp") + console
    return found, (context, page)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_violation_on_any_kind_of_page(browser, built, fallback_site, lang):  # noqa: F811
    found = []
    for site_dir, kinds in ((built, [k for k in PAGE_KINDS if k != "fallback"]),
                            (fallback_site, ["fallback"])):
        with serve(site_dir) as base:
            for kind in kinds:
                path = ("ru/" if lang == "ru" else "") + PAGE_KINDS[kind]
                # Search (the web worker, lunr, the index) runs on the home page.
                query = {"kk": "сайлау", "ru": "выборы"}[lang] if kind == "home" else ""
                violations, (context, page) = _load(browser, base + path, query)
                context.close()
                found += [f"{kind} ({path}): {v}" for v in violations]
    assert not found, "\n".join(found)


def test_a_handler_that_slipped_past_the_sanitizer_is_blocked(browser, built):  # noqa: F811
    """The sanitizer's fallback: the same built page with a handler and an inline script added
    to its content as if the allowlist had let them through."""
    injected = ('<img src="missing.png" onerror="window.__ran = (window.__ran || 0) + 1">'
                '<script>window.__ran = (window.__ran || 0) + 1</script>'
                '<a id="ms-x" href="#" onclick="window.__ran = 1">x</a>')
    with serve(built) as base:
        url = base + "statements/kgi-declaration/"

        def inject(route):
            body = route.fetch().text()
            route.fulfill(status=200, content_type="text/html; charset=utf-8",
                          body=body.replace('<article class="md-content__inner md-typeset">',
                                            '<article class="md-content__inner md-typeset">' + injected, 1))

        context = browser.new_context()
        page = context.new_page()
        page.route(url, inject)
        page.add_init_script(LISTEN)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.click("#ms-x")
        assert page.evaluate("window.__ran") is None
        blocked = page.evaluate("window.__csp")
        context.close()
    assert len([v for v in blocked if v.startswith("script-src")]) >= 3, blocked
