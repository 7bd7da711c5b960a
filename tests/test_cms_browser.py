"""/admin/ end to end, offline: headless Chromium drives Decap CMS against decap-server (its
editorial workflow on branches, `MODE=git`) on a temporary git copy of the real content.

An editor adds a member (a hostile name) to a coalition and edits both languages of a draft
statement; the bytes Decap wrote pass `make validate` once the branches are merged (as the pull
requests would be), and the built site shows them, the hostile name as text. Editing an adopted
text without a correction is refused by the form (and by validation). The interface is Kazakh;
no request leaves 127.0.0.1."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import launch, serve
from conftest import ROOT, build, copy_project
from microsite.content.load import SCHEMA_LINE
from microsite.pages import cms

playwright = pytest.importorskip("playwright.sync_api")

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
DRAFT = """---
title: "{title}"
kind: news
coalition: kgi
status: draft
---

{body}
"""
HOSTILE_KK = 'Сынақ ұйымы <img src=x onerror="alert(1)">'
HOSTILE_RU = "Пробная организация <script>alert(2)</script>"
SHOTS = Path(__file__).parent / "screenshots"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "t@example.org"}).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The real content in a fresh repository on branch main, with a draft statement."""
    repo = copy_project(tmp_path_factory.mktemp("cms-repo"))
    statements = repo / "docs" / "statements"
    (statements / "kgi-appeal.kk.md").write_text(
        DRAFT.format(title="Сынақ үндеуі", body="Сынақ үндеуінің мәтіні."), encoding="utf-8")
    (statements / "kgi-appeal.ru.md").write_text(
        DRAFT.format(title="Пробное обращение", body="Текст пробного обращения."), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content")
    return repo


@pytest.fixture(scope="module")
def backend(repo):
    assert DECAP_SERVER.is_file(), "decap-server is missing: run `make test` (npm ci)"
    port = free_port()
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn", "GIT_AUTHOR_NAME": "editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/api/v1"
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module")
def admin(repo, backend, tmp_path_factory):
    """/admin/ as the build publishes it, pointed at the test's decap-server."""
    site = tmp_path_factory.mktemp("admin-site")
    for rel, data in cms.admin_files(repo, local_backend=backend).items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    (site / "404.html").write_text("<!doctype html><title>404</title>", encoding="utf-8")
    with serve(site) as url:
        yield url + "admin/"


class Watch:
    """Every request (those leaving 127.0.0.1 are refused and kept), dialogs, CSP violations."""

    def __init__(self, context):
        self.outside, self.dialogs = [], []
        context.route("**/*", self.route)
        context.add_init_script("window.__violations = [];"
                                "document.addEventListener('securitypolicyviolation',"
                                " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")

    def route(self, route):
        host = urlsplit(route.request.url).hostname
        if host != "127.0.0.1" and not route.request.url.startswith(("data:", "blob:")):
            self.outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    def dialog(self, dialog):
        # Decap asks its own questions ("leave this page?", "use the local backup?"): answered
        # as an editor would; an alert can only come from content.
        if dialog.type == "beforeunload":
            return dialog.accept()
        if dialog.type == "alert":
            self.dialogs.append(dialog.message)
        return dialog.dismiss()

    def page(self, context):
        page = context.new_page()
        page.on("dialog", self.dialog)
        return page


def visit(page, url: str) -> None:
    """A fresh load of an address of /admin/ (Decap keeps an edited entry on a hash change)."""
    page.goto("about:blank")
    page.goto(url)


def select(page, field, text: str) -> None:
    """Picks an option of Decap's select/relation (react-select) by typing it."""
    field.click()
    page.keyboard.type(text)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")


@pytest.fixture(scope="module")
def session(admin, repo):
    """The editor's session: a new member, a draft statement edited, an adopted one refused."""
    with playwright.sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="kk-KZ")
        watch = Watch(context)
        page = watch.page(context)
        page.goto(admin)
        page.get_by_role("button", name="Кіру").click()
        page.get_by_text("Бөлімдер").first.wait_for()
        page.get_by_text("Азаматтық бастамалар коалициясы").first.wait_for()  # the list, loaded
        result = {"sidebar": page.inner_text("body")}
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "admin-kk-1366.png"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "admin-kk-390.png"))

        # A new member of the coalition kgi, with a hostile name.
        visit(page, admin + "#/collections/members/new")
        page.locator("input").first.wait_for()
        result["member_form"] = page.inner_text("body")
        page.screenshot(path=str(SHOTS / "admin-member-kk-390.png"))
        page.set_viewport_size({"width": 1366, "height": 900})
        page.get_by_label("Идентификатор").fill("synaq-uiymy")
        select(page, page.get_by_label("Түрі", exact=True), "Бастама")
        page.get_by_label(re.compile("^Қазақша")).first.fill(HOSTILE_KK)
        page.get_by_label(re.compile("^Орысша")).first.fill(HOSTILE_RU)
        page.get_by_role("button", name="Қосу: коалицияларға мүшелігі").click()
        select(page, page.get_by_label("Коалиция", exact=True), "kgi")
        page.get_by_role("button", name="Сақтау").click()
        try:
            page.get_by_text("Жазба сақталды").wait_for(timeout=8000)
        except Exception:
            page.screenshot(path="/tmp/cmsx/fail.png", full_page=True)
            raise
        result["workflow"] = None
        visit(page, admin + "#/workflow")
        try:
            page.get_by_text("Сынақ ұйымы").first.wait_for(timeout=8000)
        except Exception:
            page.screenshot(path="/tmp/cmsx/fail.png", full_page=True)
            raise
        result["workflow"] = page.inner_text("body")
        violations = page.evaluate("window.__violations")

        # Both languages of the draft statement, side by side.
        visit(page, admin + "#/collections/statements/entries/kgi-appeal")
        page.get_by_text("Сынақ үндеуінің мәтіні.").wait_for()
        result["statement_form"] = page.inner_text("body")
        page.screenshot(path=str(SHOTS / "admin-statement-kk-1366.png"))
        for old, new in (("Сынақ үндеуінің мәтіні.", "Сынақ үндеуінің жаңа мәтіні."),
                         ("Текст пробного обращения.", "Новый текст пробного обращения.")):
            page.get_by_text(old).click()
            page.keyboard.press("Control+a")
            page.keyboard.insert_text(new)
        page.get_by_role("button", name="Сақтау").click()
        page.get_by_text("Жазба сақталды").last.wait_for()

        # An adopted statement: a changed title without a correction is refused.
        visit(page, admin + "#/collections/statements/entries/kgi-declaration")
        title = page.get_by_label("Тақырыбы", exact=True).first
        title.wait_for()
        title.fill(title.input_value() + " өзгертілген")
        page.get_by_role("button", name="Сақтау").click()
        refusal = page.get_by_text("Жазбаны сақтау мүмкін болмады").first
        try:
            refusal.wait_for(timeout=8000)
        except Exception:
            page.screenshot(path="/tmp/cmsx/fail.png")
            print(page.inner_text("body")[:2000])
            raise
        result["refusal"] = refusal.inner_text()
        result["violations"] = violations + page.evaluate("window.__violations")

        # Withdrawing it is its life going on, not a change of what was said: saved.
        visit(page, admin + "#/collections/statements/entries/kgi-declaration")
        status = page.get_by_label("Күйі", exact=True).first
        status.wait_for()
        select(page, status, "Кері қайтарылды")
        page.get_by_label(re.compile("^Кері қайтарылған күні")).first.fill("2026-11-30")
        page.get_by_role("button", name="Сақтау").click()
        page.get_by_text("Жазба сақталды").last.wait_for()

        # The editor chooses Russian: Decap's own Russian, our labels in Russian; kept.
        visit(page, admin + "?lang=ru#/collections/members")
        page.get_by_text("Коллекции").first.wait_for()
        result["russian"] = page.inner_text("body")
        visit(page, admin + "#/collections/members")
        page.get_by_text("Коллекции").first.wait_for()
        result["russian_kept"] = page.evaluate("document.documentElement.lang")
        result["outside"], result["dialogs"] = watch.outside, watch.dialogs
        context.close()
        browser.close()
    return result


def test_the_interface_is_kazakh(session):
    for words in ("Бөлімдер", "Коалициялар", "Мүшелер", "Мәлімдемелер", "Іс-шаралар"):
        assert words in session["sidebar"]
    for words in ("Идентификатор", "Атауы", "Коалицияларға мүшелігі", "міндетті емес"):
        assert words.lower() in session["member_form"].lower()
    assert "Collections" not in session["sidebar"] and "optional" not in session["member_form"]


def test_the_editor_may_choose_russian(session):
    assert "Участники" in session["russian"] and "Мүшелер" not in session["russian"]
    assert session["russian_kept"] == "ru"


def test_no_request_leaves_127_0_0_1(session):
    assert session["outside"] == []


def test_a_hostile_name_is_text_in_the_cms(session):
    assert HOSTILE_KK in session["workflow"]
    assert session["dialogs"] == [] and session["violations"] == []


def test_an_adopted_text_is_refused_without_a_correction(session, repo):
    assert "қабылданған мәтін: оны түзету жазбасынсыз өзгертуге болмайды" in session["refusal"]
    declaration = git(repo, "show", "cms/statements/kgi-declaration:docs/statements/kgi-declaration.kk.md")
    assert "өзгертілген" not in declaration  # the refused title never reached a file


@pytest.fixture(scope="module")
def merged(session, repo):
    """The editors' pull requests merged, as reviewers would."""
    branches = git(repo, "branch", "--list", "cms/*").split()
    for branch in branches:
        git(repo, "merge", "-q", "--no-ff", "-m", f"merge {branch}", branch)
    return branches


def test_each_save_is_a_branch_for_review(merged):
    assert sorted(merged) == ["cms/members/synaq-uiymy", "cms/statements/kgi-appeal",
                              "cms/statements/kgi-declaration"]


def test_the_files_decap_wrote_pass_validation(merged, repo):
    member = (repo / "data" / "members" / "synaq-uiymy.yml").read_text(encoding="utf-8")
    assert member.startswith(SCHEMA_LINE.format(kind="member") + "\n")
    assert "coalition: \"kgi\"" in member
    kk = (repo / "docs" / "statements" / "kgi-appeal.kk.md").read_text(encoding="utf-8")
    ru = (repo / "docs" / "statements" / "kgi-appeal.ru.md").read_text(encoding="utf-8")
    assert "Сынақ үндеуінің жаңа мәтіні." in kk and "Новый текст пробного обращения." in ru
    assert "status: \"draft\"" in kk and "status: \"draft\"" in ru
    for lang in ("kk", "ru"):  # the lock allows the withdrawal: its facts and text unchanged
        declaration = (repo / "docs" / "statements" / f"kgi-declaration.{lang}.md").read_text(encoding="utf-8")
        assert 'status: "withdrawn"' in declaration and 'withdrawn: "2026-11-30"' in declaration
    result = subprocess.run([sys.executable, "-m", "microsite", "validate"], cwd=repo,
                            capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_built_site_shows_them(merged, repo, tmp_path_factory):
    site = tmp_path_factory.mktemp("cms-site")
    result = build(repo, site, env={"PREVIEW": "true", "MICROSITE_LOCALE": "kk"})
    assert result.returncode == 0, result.stderr
    members = (site / "coalitions" / "kgi" / "members" / "index.html").read_text(encoding="utf-8")
    assert 'Сынақ ұйымы &lt;img src=x onerror="alert(1)"&gt;' in members
    assert "<img src=x" not in members
    statement = (site / "statements" / "kgi-appeal" / "index.html").read_text(encoding="utf-8")
    assert "Сынақ үндеуінің жаңа мәтіні." in statement
    withdrawn = (site / "statements" / "kgi-declaration" / "index.html").read_text(encoding="utf-8")
    assert "Бұл мәлімдеме кері қайтарылды" in withdrawn
    assert (site / "admin" / "index.html").is_file() and (site / "admin" / "decap-cms.js").is_file()
