"""Hostile content (tests/hostile/): every input validation refuses is refused with path:line and
no traceback; all the others, overlaid on one copy of the project and built once, are harmless
in a real headless Chromium.

Each case is a folder: `EXPECT` (first line `refused` or `safe`, then what the input tries) and
the hostile files at the paths they would have in the project; ids start with the folder's name
so that every `safe` case fits on one copy together.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from chromium import launch, serve
from conftest import ROOT, SITE_URL, build, copy_project
from microsite.checks.files import shown
from microsite.content.load import load_site
from microsite.pages import paths, render
from microsite.pages.paths import split_lang
from overlay import HOSTILE, case_files, expectation
from overlay import overlay as overlay_case
from playwright.sync_api import sync_playwright

CASES = sorted(d for d in HOSTILE.iterdir() if d.is_dir())
ERROR_LINE = re.compile(r"^[^\s:][^:]*:\d+:(\d+:)? \S")
SUMMARY = re.compile(r"^\d+ problems? in \d+ files?: ")
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
"""
# Every attribute of the live DOM that runs code or is a javascript: URL.
ACTIVE_IN_DOM = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
  .filter(a => a.name.startsWith('on') ||
               a.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase().startsWith('javascript:'))
  .map(a => `<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`))"""


def expect(case: Path) -> tuple[str, str]:
    return expectation(case.name)


def files(case: Path) -> list[str]:
    """The case's files (and symlinks, not followed), as project paths."""
    return case_files(case.name)


REFUSED = [c for c in CASES if expect(c)[0] == "refused"]
SAFE = [c for c in CASES if expect(c)[0] == "safe"]


def validate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                          capture_output=True, text=True, timeout=120)


def test_every_case_says_what_it_expects_and_tries():
    assert len(CASES) >= 25
    for case in CASES:
        verdict, what = expect(case)
        assert verdict in ("refused", "safe") and what, case.name
        assert files(case), f"{case.name}: no hostile file"
        if verdict == "refused":
            continue  # a refused case may take a name the site reserves: that is what it tries
        for rel in files(case):
            stem = Path(rel).name.split(".")[0]
            # New records and pages carry the case's name (so all safe cases fit on one copy);
            # a replaced file keeps its own.
            assert stem.startswith(case.name) or (ROOT / rel).exists() or stem == "index", (case.name, rel)


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_refused_with_path_and_line(tmp_path, case):
    project = copy_project(tmp_path)
    overlay_case(case.name, project)
    result = validate(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case.name} was accepted: {expect(case)[1]}"
    assert "Traceback" not in output, output
    problems = [line for line in result.stderr.splitlines() if line and not SUMMARY.match(line)]
    assert problems, output
    for line in problems:
        assert ERROR_LINE.match(line), f"not path:line: {line!r}"
    # Refused for the case's own files, not for something else.
    # (file names are printed as `files.shown` writes them: any byte made visible; a changed
    # lock is refused at the statements it no longer matches)
    own = tuple(f"{shown(rel)}:" for rel in files(case))
    if "statements.lock.json" in files(case):
        own += ("docs/statements/",)
    assert any(line.startswith(own) for line in problems), problems


# -- the safe cases, all together -----------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The project with every safe case on it, built once as the pull request's preview is
    (drafts shown: reviewers open it), with the site's address."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for case in SAFE:
        overlay_case(case.name, project)
    checked = validate(project)
    assert checked.returncode == 0, f"a case marked safe is refused:\n{checked.stderr}"
    result = build(project, project / "site", SITE_URL, env={"PREVIEW": "true"})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return project / "site"


def _output(source: str) -> str:
    """Where a staged page (`coalitions/kgi/members.ru.md`) is published."""
    base, lang = split_lang(source)
    stem = base.removesuffix(".md")
    html = stem + ".html" if stem == "index" or stem.endswith("/index") else stem + "/index.html"
    return paths.lang_root(lang) + html


def test_no_generated_page_is_replaced_and_every_page_is_the_themes(hostile_site):
    clean = render.all_pages(load_site(ROOT / "data", ROOT / "docs"))
    for source in clean:
        assert (hostile_site / _output(source)).is_file(), f"{_output(source)} is gone"
    for path in hostile_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # Made by the theme's template (a file published as it is has neither).
        assert text.count('http-equiv="Content-Security-Policy"') == 1, path
        assert 'class="md-container"' in text or path.name == "404.html" or \
            path.relative_to(hostile_site).as_posix() == "admin/index.html", path  # cms.py's page


def test_nothing_from_outside_the_repository_is_published(hostile_site):
    outside = []
    for case in SAFE:
        for rel in files(case):
            link = case / rel
            if link.is_symlink() and (target := (link.parent / os.readlink(link)).resolve()).is_file():
                outside.append(target.read_bytes())
    for path in hostile_site.rglob("*"):
        assert not path.is_symlink(), path
        if path.is_file():
            data = path.read_bytes()
            assert b"root:x:0:0:" not in data, path
            assert all(data != o for o in outside if o), path


def _affected(site: Path) -> list[str]:
    """Pages showing something from a safe case: its ids, names or payloads."""
    markers = [c.name for c in SAFE] + ["evil.example", "alert(", "hostiletitle"]
    found = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if any(m in text for m in markers):
            rel = path.relative_to(site).as_posix()
            found.append(rel.removesuffix("index.html"))
    return found


def test_in_chromium_nothing_runs_and_nothing_leaves_the_site(hostile_site):
    affected = _affected(hostile_site)
    assert len(affected) >= len(SAFE), affected  # every safe case shows somewhere
    problems: list[str] = []
    with serve(hostile_site) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context()
        context.add_init_script(CSP_LISTENER)
        left: list[str] = []

        def outside(route):
            left.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith((base, "data:", "blob:")), outside)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))

        def check(where: str) -> None:
            problems.extend(f"{where}: {a}" for a in page.evaluate(ACTIVE_IN_DOM))
            problems.extend(f"{where}: CSP refused {v}" for v in page.evaluate("window.__csp"))
            problems.extend(f"{where}: dialog {d}" for d in dialogs)
            problems.extend(f"{where}: request to {u}" for u in left)
            dialogs.clear()
            left.clear()

        for path in affected:
            page.goto(base + path)  # until "load": images (onerror) and scripts have run
            check(path)
        # The hostile statement title in the search results of each language.
        for root in ("", "ru/"):
            page.goto(base + root)
            page.focus("input.md-search__input")
            page.fill("input.md-search__input", "hostiletitle")
            page.press("input.md-search__input", "End")  # Material reads the query on keyup
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            results = page.inner_text(".md-search-result")
            assert "<img src=x onerror=alert(1)>" in results, results  # shown as text
            check(f"search on /{root}")
        browser.close()
    assert not problems, "\n".join(problems)


def test_a_hostile_title_is_escaped_once_in_every_head_and_share_link(hostile_site):
    """Titles reach the templates escaped once (the plugin): printed again they must be
    unescaped first, or readers see `&amp;lt;` in previews and shared messages."""
    import html as html_module
    from urllib.parse import parse_qs, urlsplit
    checked = 0
    for path in hostile_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        og = re.search(r'<meta property="og:title" content="([^"]*)">', text)
        alt = re.search(r'<meta property="og:image:alt" content="([^"]*)">', text)
        if og and alt:
            assert alt.group(1) == og.group(1), path
        share = re.search(r'href="https://t\.me/share/url\?([^"]+)"', text)
        if og and share:
            query = parse_qs(urlsplit("?" + html_module.unescape(share.group(1))).query)
            assert query["text"] == [html_module.unescape(og.group(1))], path
            checked += "hostiletitle" in og.group(1)
    assert checked, "no hostile statement title was shared"
