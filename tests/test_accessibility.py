"""Accessibility and validity of the real built site: axe-core in headless Chromium on every
kind of page in both languages, and the W3C Nu HTML checker over every page.

Both tools come from package-lock.json (`make test` installs them into node_modules).
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from chromium import serve
from conftest import ROOT, SITE_URL, build, copy_project
from test_browser import browser  # noqa: F401 (fixture)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FALLBACK = "statements/shymkent-coalition-founded/"  # its Kazakh file is removed in `fallback_site`

PAGE_KINDS = {
    "home": "", "coalitions": "coalitions/", "overview": "coalitions/kgi/",
    "declaration": "statements/kgi-declaration/", "directions": "coalitions/kgi/directions/",
    "members": "coalitions/peoples-coalition/members/", "contacts": "coalitions/kgi/contacts/",
    "statements": "statements/", "events": "events/", "event": "events/kostanay-civil-forum-2023/",
    "fallback": FALLBACK, "404": "no-such-page/",
}

# Errors the Nu checker finds in Material's own base.html, outside any block a theme can override
# without copying the whole template. Matched on message and the exact markup.
MATERIAL_ERRORS = [
    # The drawer and search toggles: hidden checkboxes with autocomplete="off" (Firefox would
    # otherwise restore their state on "back"). The attribute has no effect on a checkbox.
    ("Attribute “autocomplete” is only allowed when the input type is",
     'class="md-toggle" data-md-toggle='),
]


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """The real content with one statement in Russian only: Kazakh readers get the fallback."""
    project = copy_project(tmp_path_factory.mktemp("fallback"))
    statements = project / "docs" / "statements"
    (statements / "shymkent-coalition-founded.kk.md").unlink()
    kept = statements / "shymkent-coalition-founded.ru.md"  # the editor says the translation is coming
    kept.write_text(kept.read_text().replace("---\n", "---\nawaiting_translation: [kk]\n", 1))
    result = build(project, project / "site", SITE_URL)
    assert result.returncode == 0, result.stderr
    return project / "site"


def violations(browser, base: str, path: str) -> list[str]:
    # axe is injected as an inline script, which the pages' Content-Security-Policy refuses.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    return [f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_axe_finds_nothing_serious_on_any_kind_of_page(browser, built, fallback_site, lang):
    found = []
    for site_dir, kinds in ((built, [k for k in PAGE_KINDS if k != "fallback"]), (fallback_site, ["fallback"])):
        with serve(site_dir) as base:
            for kind in kinds:
                path = ("ru/" if lang == "ru" else "") + PAGE_KINDS[kind]
                found += [f"{kind} ({path}): {v}" for v in violations(browser, base, path)]
    assert not found, "\n".join(found)


def nu_errors(*site_dirs: Path) -> list[dict]:
    """The Nu checker once over every page (it takes seconds to start)."""
    pages = [str(p) for d in site_dirs for p in sorted(d.rglob("*.html"))]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if not any(text in m.get("message", "") and markup in m.get("extract", "")
                                            for text, markup in MATERIAL_ERRORS)]


def test_nu_html_checker_finds_no_errors(built, fallback_site):
    errors = nu_errors(built, fallback_site / FALLBACK, fallback_site / "ru" / FALLBACK)
    assert not errors, "\n".join(f"{e.get('url')}:{e.get('lastLine')}: {e['message']}" for e in errors[:20])


def test_known_material_errors_are_still_there(built):
    """The exception above is for an error that exists: when Material drops it, so do we."""
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             str(built / "index.html")], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    for text, markup in MATERIAL_ERRORS:
        assert any(text in m["message"] and markup in m.get("extract", "") for m in messages), text
