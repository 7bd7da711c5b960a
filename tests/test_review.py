"""Lifecycle, lock and review summary end to end, in a temporary git repository made with real
git commands: a base commit, then a head that adds a member, removes one, adopts a statement,
and edits an adopted text — first without, then with a correction entry."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]

APPEAL = """---
title: "{title}"
kind: news
coalition: kgi
status: review
---

{body}
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


def tool(repo: Path, module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", f"microsite.{module}", *args], cwd=repo,
                          capture_output=True, text=True, timeout=120)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> tuple[Path, str]:
    """The real content plus one statement under review, committed as the base."""
    repo = copy_project(tmp_path)
    statements = repo / "docs" / "statements"
    (statements / "kgi-appeal.kk.md").write_text(
        APPEAL.format(title="Үндеу", body="Үндеудің мәтіні."), encoding="utf-8")
    (statements / "kgi-appeal.ru.md").write_text(
        APPEAL.format(title="Обращение", body="Текст обращения."), encoding="utf-8")
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "base")
    assert tool(repo, "lock", "check").returncode == 0
    return repo, git(repo, "rev-parse", "HEAD")


def test_head_changes_are_summarised_and_the_lock_holds(repo):
    repo, base = repo
    # A member joins, another is removed.
    (repo / "data/members/novyy-chlen.yml").write_text(
        '# yaml-language-server: $schema=../schema/member.schema.json\n'
        'id: novyy-chlen\ntype: ngo\nname:\n  kk: "Жаңа мүше"\n  ru: "Новый член"\n'
        "memberships:\n  - coalition: kgi\n    joined: 2026-11-21\n", encoding="utf-8")
    (repo / "data/members/ak-zhol.yml").unlink()
    # The appeal is adopted (with its date).
    for lang in ("kk", "ru"):
        edit(repo / f"docs/statements/kgi-appeal.{lang}.md", "status: review", "status: adopted\nadopted: 2026-11-21")
    # An adopted text is edited without saying so.
    founding = repo / "docs/statements/kgi-founding.ru.md"
    edit(founding, "- объединение казахстанских партий", "— объединение казахстанских партий")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "head")

    check = tool(repo, "lock", "check")
    assert check.returncode == 1
    assert "docs/statements/kgi-founding.ru.md:1:1: this adopted text has changed, but there is no new " \
           "correction entry" in check.stderr
    assert "docs/statements/kgi-appeal.ru.md:1:1: this adopted text is not in the lock yet" in check.stderr
    refused = tool(repo, "lock", "update")
    assert refused.returncode == 1 and "kgi-founding.ru.md" in refused.stderr
    assert git(repo, "status", "--porcelain") == "", "a refused `make lock` must not write the lock"

    summary = tool(repo, "review", base)
    assert summary.returncode == 0, summary.stderr
    text = summary.stdout
    assert "**⚠ Members removed (1)**" in text
    assert "- **«Ақ жол» / «Ак жол»** (`ak-zhol`) — was in national-coalition" in text
    assert "- Жаңа мүше / Новый член (`novyy-chlen`, ngo) joined kgi" in text
    assert "Adopted (1)" in text and "`kgi-appeal` Үндеу / Обращение — adopted" in text
    assert "`kgi-founding`" in text and "text changed in ru; corrections: **none — an adopted text changed**" in text
    assert "### Validation" in text and "kgi-founding.ru.md" in text.split("### Validation")[1]
    # Removals and silent changes come first, before everything else a reviewer reads.
    alerts = text.split("\n\n")[1].splitlines()
    assert alerts[0] == "> **⚠ members removed: «Ақ жол» / «Ак жол»**  "
    assert "> **⚠ the adopted text of `kgi-founding` changed without a correction entry**  " in alerts
    assert text.index("Members removed") < text.index("Members joined")

    # The same edit, now with a correction entry: the lock records it, and all is well.
    edit(founding, "status: adopted", "status: adopted\ncorrections:\n"
         "  - date: 2026-11-21\n    reason: \"Тире вместо дефиса\"")
    assert "the corrected text is not in the lock yet" in tool(repo, "lock", "check").stderr
    assert tool(repo, "lock", "update").returncode == 0
    assert tool(repo, "lock", "check").returncode == 0
    text = tool(repo, "review", base).stdout
    assert "corrections: 2026-11-21: Тире вместо дефиса" in text
    assert text.split("### Validation")[1].strip() == "No problems found."


def test_newly_adopted_statement_needs_its_date(repo):
    repo, _ = repo
    for lang in ("kk", "ru"):
        edit(repo / f"docs/statements/kgi-appeal.{lang}.md", "status: review", "status: adopted")
    check = tool(repo, "lock", "check")
    assert "docs/statements/kgi-appeal.kk.md:1:1: 'status: adopted' needs the adoption date" in check.stderr
    assert tool(repo, "lock", "update").returncode == 1


def test_an_adopted_statement_is_never_deleted(repo):
    repo, base = repo
    for path in (repo / "docs/statements").glob("amanat-press-release.*.md"):
        path.unlink()
    check = tool(repo, "lock", "check")
    assert "docs/statements/amanat-press-release.kk.md:1:1: this adopted text is gone" in check.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "deleted")
    assert "**⚠ Removed (1)**" in tool(repo, "review", base).stdout


def test_withdrawal_is_reported_with_the_successor(repo):
    repo, base = repo
    for lang in ("kk", "ru"):
        edit(repo / f"docs/statements/kgi-appeal.{lang}.md", "status: review", "status: adopted\nadopted: 2026-11-21")
        edit(repo / f"docs/statements/kgi-founding.{lang}.md", "status: adopted",
             "status: superseded\nsuperseded_by: kgi-appeal")
    assert tool(repo, "lock", "update").returncode == 0
    text = tool(repo, "review", base).stdout
    assert "**⚠ Withdrawn or superseded (1)**" in text
    assert "`kgi-founding`" in text and "(was adopted) → `kgi-appeal`" in text


def test_broken_base_or_head_is_reported_not_a_traceback(repo):
    repo, base = repo
    edit(repo / "data/members/osdp.yml", "type: political-party", "type: party")
    summary = tool(repo, "review", base)
    assert summary.returncode == 0 and "Traceback" not in summary.stderr
    assert "data/members/osdp.yml:3:7: 'type: party' is not known" in summary.stdout.split("### Validation")[1]
    assert tool(repo, "review", "no-such-revision").returncode != 0


def test_a_base_from_before_the_schemas_is_read_with_todays(repo):
    repo, _ = repo
    schema = {p.name: p.read_bytes() for p in (repo / "data/schema").iterdir()}
    git(repo, "rm", "-r", "--quiet", "data/schema")
    git(repo, "commit", "--quiet", "-m", "before the schemas")
    old = git(repo, "rev-parse", "HEAD")
    (repo / "data/schema").mkdir()
    for name, content in schema.items():
        (repo / "data/schema" / name).write_bytes(content)
    summary = tool(repo, "review", old)
    assert summary.returncode == 0, summary.stderr
    assert "No statements, members or coalitions changed." in summary.stdout


def test_a_translation_added_to_an_adopted_statement_is_not_a_silent_change(repo):
    repo, base = repo
    statements = repo / "docs/statements"
    kk = statements / "kgi-founding.kk.md"
    text = kk.read_text(encoding="utf-8")
    kk.unlink()
    edit(statements / "kgi-founding.ru.md", "status: adopted", "status: adopted\nawaiting_translation: [kk]")
    assert tool(repo, "lock", "update").returncode == 1  # the kk text would be gone: refused
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "kk removed")
    assert "lost its kk version" in tool(repo, "review", base).stdout
    middle = git(repo, "rev-parse", "HEAD")
    kk.write_text(text, encoding="utf-8")
    edit(statements / "kgi-founding.ru.md", "awaiting_translation: [kk]\n", "")
    summary = tool(repo, "review", middle).stdout
    assert "translation added: kk" in summary and "without a correction" not in summary


def test_the_summary_and_the_lock_speak_the_editors_languages(repo):
    """The pull-request summary is read by anyone: Kazakh and Russian, whatever the locale;
    `make lock` answers in the editor's language."""
    repo, base = repo
    (repo / "data/members/ak-zhol.yml").unlink()
    founding = repo / "docs/statements/kgi-founding.ru.md"
    edit(founding, "- объединение казахстанских партий", "— объединение казахстанских партий")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "head")
    env = {k: v for k, v in os.environ.items() if k not in ("MICROSITE_MESSAGES", "LC_ALL", "LC_MESSAGES")}
    summary = subprocess.run([sys.executable, "-m", "microsite.review", base], cwd=repo, capture_output=True,
                             text=True, timeout=120, env={**env, "LANG": "ru_RU.UTF-8"}).stdout
    assert f"## `{base}` бастап мазмұндағы өзгерістер / Изменения содержания с `{base}`" in summary
    assert "**⚠ Өшірілген қатысушылар / Удалённые участники (1)**" in summary
    assert "жоқ — қабылданған мәтін өзгерді / нет — принятый текст изменён" in summary
    assert "### Тексеру / Проверка" in summary
    fence = summary.split("```text\n")[1].split("```")[0].splitlines()
    assert "бұл қабылданған мәтін өзгерген" in fence[0] and "этот принятый текст изменён" in fence[1]
    assert not re.search(r"\b(Members|Statements|Validation|changed|removed|was in)\b", summary)
    lock = subprocess.run([sys.executable, "-m", "microsite.lock", "update"], cwd=repo, capture_output=True,
                          text=True, timeout=120, env={**env, "LANG": "kk_KZ.UTF-8"})
    assert lock.returncode == 1
    assert lock.stderr.startswith("docs/statements/kgi-founding.ru.md:1:1: бұл қабылданған мәтін өзгерген, "
                                  "бірақ жаңа түзету жазбасы жоқ")
