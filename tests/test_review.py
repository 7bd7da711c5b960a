"""Lifecycle, lock and review summary end to end, in a temporary git repository made with real
git commands: a base commit, then a head with one class of change each — members added and
removed, statements adopted, adopted facts edited (without, then with a correction entry),
events, hand-written pages, assets, code/templates/workflows/the lock, renames, hostile file
names, symbolic links in the base."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from conftest import copy_project
from htmlparse import Tags

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
    assert tool(repo, "checks.lock", "check").returncode == 0
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

    check = tool(repo, "checks.lock", "check")
    assert check.returncode == 1
    assert "docs/statements/kgi-founding.ru.md:8:1: the text of this adopted statement changed, but there is " \
           "no new correction entry" in check.stderr
    assert "docs/statements/kgi-appeal.ru.md:5:1: this adopted text is not in the lock yet" in check.stderr
    refused = tool(repo, "checks.lock", "update")
    assert refused.returncode == 1 and "kgi-founding.ru.md" in refused.stderr
    assert git(repo, "status", "--porcelain") == "", "a refused `make lock` must not write the lock"

    summary = tool(repo, "tools.review", base)
    assert summary.returncode == 0, summary.stderr
    text = summary.stdout
    assert "**⚠ Members removed (1)**" in text
    assert "- **«Ақ жол» / «Ак жол»** (`ak-zhol`) — was in national-coalition" in text
    assert "- Жаңа мүше / Новый член (`novyy-chlen`, ngo) joined kgi" in text
    assert "Adopted (1)" in text and "`kgi-appeal` Үндеу / Обращение — `adopted`" in text
    assert "`kgi-founding`" in text and "text changed in ru\n  - corrections: **none — an adopted statement changed**" in text
    assert "### Validation" in text and "kgi-founding.ru.md" in text.split("### Validation")[1]
    # Removals and silent changes come first, before everything else a reviewer reads.
    alerts = text.split("\n\n")[1].splitlines()
    assert alerts[0] == "> **⚠ members removed: «Ақ жол» / «Ак жол»**  "
    assert "> **⚠ the adopted text of `kgi-founding` changed without a correction entry**  " in alerts
    assert text.index("Members removed") < text.index("Members joined")

    # The same edit, now with a correction entry: the lock records it, and all is well.
    edit(founding, "status: adopted", "status: adopted\ncorrections:\n"
         "  - date: 2026-11-21\n    reason: \"Тире вместо дефиса\"")
    assert "the correction is not in the lock yet" in tool(repo, "checks.lock", "check").stderr
    assert tool(repo, "checks.lock", "update").returncode == 0
    assert tool(repo, "checks.lock", "check").returncode == 0
    text = tool(repo, "tools.review", base).stdout
    assert "corrections: 2026-11-21: Тире вместо дефиса" in text
    assert text.split("### Validation")[1].strip() == "No problems found."


def test_newly_adopted_statement_needs_its_date(repo):
    repo, _ = repo
    for lang in ("kk", "ru"):
        edit(repo / f"docs/statements/kgi-appeal.{lang}.md", "status: review", "status: adopted")
    check = tool(repo, "checks.lock", "check")
    assert "docs/statements/kgi-appeal.kk.md:5:1: 'status: adopted' needs the adoption date" in check.stderr
    assert tool(repo, "checks.lock", "update").returncode == 1


def test_an_adopted_statement_is_never_deleted(repo):
    repo, base = repo
    for path in (repo / "docs/statements").glob("amanat-press-release.*.md"):
        path.unlink()
    check = tool(repo, "checks.lock", "check")
    assert "docs/statements/amanat-press-release.kk.md:1:1: this adopted text is gone" in check.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "deleted")
    assert "**⚠ Removed (1)**" in tool(repo, "tools.review", base).stdout


def test_withdrawal_is_reported_with_the_successor(repo):
    repo, base = repo
    for lang in ("kk", "ru"):
        edit(repo / f"docs/statements/kgi-appeal.{lang}.md", "status: review", "status: adopted\nadopted: 2026-11-21")
        edit(repo / f"docs/statements/kgi-founding.{lang}.md", "status: adopted",
             "status: superseded\nsuperseded_by: kgi-appeal")
    assert tool(repo, "checks.lock", "update").returncode == 0
    text = tool(repo, "tools.review", base).stdout
    assert "**⚠ Withdrawn or superseded (1)**" in text
    assert "`kgi-founding`" in text and "(was `adopted`) → `kgi-appeal`" in text


def test_broken_base_or_head_is_reported_not_a_traceback(repo):
    repo, base = repo
    edit(repo / "data/members/osdp.yml", "type: political-party", "type: party")
    summary = tool(repo, "tools.review", base)
    assert summary.returncode == 0 and "Traceback" not in summary.stderr
    assert "data/members/osdp.yml:3:7: 'type: party' is not known" in summary.stdout.split("### Validation")[1]
    assert tool(repo, "tools.review", "no-such-revision").returncode != 0


def test_a_base_from_before_the_schemas_is_read_with_todays(repo):
    repo, _ = repo
    schema = {p.name: p.read_bytes() for p in (repo / "data/schema").iterdir()}
    git(repo, "rm", "-r", "--quiet", "data/schema")
    git(repo, "commit", "--quiet", "-m", "before the schemas")
    old = git(repo, "rev-parse", "HEAD")
    (repo / "data/schema").mkdir()
    for name, content in schema.items():
        (repo / "data/schema" / name).write_bytes(content)
    summary = tool(repo, "tools.review", old)
    assert summary.returncode == 0, summary.stderr
    # Only the schemas differ, and they are a developer's: nothing else is reported.
    assert [line for line in summary.stdout.splitlines() if line.startswith("### ")] == [
        f"### ⚠ For a developer to review ({len(schema)})", "### Validation"]


def test_a_translation_added_to_an_adopted_statement_is_not_a_silent_change(repo):
    repo, base = repo
    statements = repo / "docs/statements"
    kk = statements / "kgi-founding.kk.md"
    text = kk.read_text(encoding="utf-8")
    kk.unlink()
    edit(statements / "kgi-founding.ru.md", "status: adopted", "status: adopted\nawaiting_translation: [kk]")
    assert tool(repo, "checks.lock", "update").returncode == 1  # the kk text would be gone: refused
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "kk removed")
    assert "lost its kk version" in tool(repo, "tools.review", base).stdout
    middle = git(repo, "rev-parse", "HEAD")
    kk.write_text(text, encoding="utf-8")
    edit(statements / "kgi-founding.ru.md", "awaiting_translation: [kk]\n", "")
    summary = tool(repo, "tools.review", middle).stdout
    assert "translation added: kk" in summary and "without a correction" not in summary


# -- every changed path, grouped; facts before → after ------------------------------------------

DEVELOPER_FILES = {"Makefile": "all:\n", "requirements.txt": "mkdocs==1.6.1\n",
                   "scripts/microsite/extra.py": "X = 1\n", "tests/test_extra.py": "def test(): pass\n",
                   ".github/workflows/extra.yml": "name: x\n"}


@pytest.fixture
def dev_repo(tmp_path) -> tuple[Path, str]:
    """The real content plus a few developer files, committed as the base."""
    repo = copy_project(tmp_path)
    for rel, text in DEVELOPER_FILES.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "base")
    return repo, git(repo, "rev-parse", "HEAD")


def review(repo: Path, base: str, commit: bool = True) -> str:
    if commit:
        git(repo, "add", "-A")
        git(repo, "commit", "--quiet", "--allow-empty", "-m", "head")
    result = tool(repo, "tools.review", base)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def section(text: str, title: str) -> str:
    """One `### title` section of the summary (empty when absent)."""
    parts = re.split(r"^### ", text, flags=re.M)
    return next((p for p in parts if p.startswith(title)), "")


def rendered(text: str) -> Tags:
    """The summary as GitHub renders a job summary (its cmark fork), raw HTML let through so a
    test sees any that the summary would carry."""
    return Tags(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))


def test_nothing_changed_says_so(dev_repo):
    repo, base = dev_repo
    text = review(repo, base, commit=False)
    assert "Nothing changed." in text and "###" in text  # only the validation section
    assert [line for line in text.splitlines() if line.startswith("### ")] == ["### Validation"]


def test_a_changed_signatory_date_and_place_of_an_adopted_statement_show_before_and_after(dev_repo):
    repo, base = dev_repo
    for lang in ("kk", "ru"):
        edit(repo / f"docs/statements/kgi-declaration.{lang}.md", "signatories: [osdp, naq, za-reformu-mvd,",
             "signatories: [naq, ak-zhol,")
        edit(repo / f"docs/statements/kgi-declaration.{lang}.md", "date: 2019-08-28", "date: 2019-09-28")
    edit(repo / "docs/statements/kgi-declaration.ru.md", 'place: "Алматы"', 'place: "Астана"')
    text = review(repo, base)
    said = section(text, "Statements")
    assert "  - date «2019-08-28» → «2019-09-28»\n" in said
    assert "  - signatories **removed** `osdp`, `za-reformu-mvd`; added `ak-zhol`\n" in said
    assert "  - place (ru) «Алматы» → «Астана»\n" in said
    assert "  - corrections: **none — an adopted statement changed**" in said
    assert "> **⚠ the adopted statement `kgi-declaration` changed without a correction entry**  " in text
    assert "- modified: `docs/statements/kgi-declaration.kk.md`" in said
    problems = section(text, "Validation")
    assert "kgi-declaration.ru.md:8:1: 'signatories' of this adopted statement changed (removed: osdp, " \
           "za-reformu-mvd; added: ak-zhol)" in problems
    assert "No statements, members or coalitions changed" not in text


def test_changed_names_memberships_coalitions_and_events_show_before_and_after(dev_repo):
    repo, base = dev_repo
    edit(repo / "data/members/ak-zhol.yml", 'ru: "«Ак жол»"', 'ru: "«Ак Жол»"')
    edit(repo / "data/members/osdp.yml", "coalition: kgi", "coalition: kgi\n    joined: 2019-08-28")
    edit(repo / "data/coalitions/kgi.yml", '  place: {kk: "Алматы", ru: "Алматы"}', '  place: {kk: "Астана", ru: "Астана"}')
    edit(repo / "data/events/kostanay-civil-forum-2023.yml", "date: 2023-08-11", "date: 2023-08-12")
    text = review(repo, base)
    members = section(text, "Members")
    assert "- «Ақ жол» / «Ак Жол» (`ak-zhol`) changed:\n  - name ««Ақ жол» / «Ак жол»» → ««Ақ жол» / «Ак Жол»»" in members
    assert "  - membership in `kgi`: joined «—» → «2019-08-28»" in members
    assert "- modified: `data/members/ak-zhol.yml`" in members
    coalitions = section(text, "Coalitions")
    assert re.search(r"- `kgi` .* — changed:\n  - founded_place «Алматы» → «Астана»", coalitions), coalitions
    events = section(text, "Events")
    assert "  - date «2023-08-11» → «2023-08-12»" in events
    assert "- modified: `data/events/kostanay-civil-forum-2023.yml`" in events
    assert "developer" not in text


def png(path: Path, colour: str = "#0b6e4f") -> None:
    from PIL import (
        Image,  # a real picture: docs/ publishes only what its bytes say it is
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), colour).save(path)


def test_events_pages_and_assets_each_have_their_section(dev_repo):
    repo, _base = dev_repo
    png(repo / "docs/assets/photo.png")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "a picture")
    base = git(repo, "rev-parse", "HEAD")
    (repo / "data/events/kostanay-civil-forum-2023.yml").unlink()
    edit(repo / "docs/statements/kostanay-civil-forum-2023-report.kk.md", "event: kostanay-civil-forum-2023\n", "")
    edit(repo / "docs/statements/kostanay-civil-forum-2023-report.ru.md", "event: kostanay-civil-forum-2023\n", "")
    (repo / "docs/about.kk.md").write_text("# Біз туралы\n", encoding="utf-8")
    png(repo / "docs/assets/logo.png")
    png(repo / "docs/assets/photo.png", "#000000")
    text = review(repo, base)
    assert "- **⚠ `kostanay-civil-forum-2023` Қостанайдағы XI Азаматтық форум / XI Гражданский форум в " \
           "Костанае (2023-08-11) — removed**" in section(text, "Events")
    assert "- deleted: `data/events/kostanay-civil-forum-2023.yml`" in section(text, "Events")
    assert "  - event «kostanay-civil-forum-2023» → «—»" in section(text, "Statements")
    assert "- added: `docs/about.kk.md`" in section(text, "Hand-written pages")
    assets = section(text, "Files in docs/")
    assert "- added: `docs/assets/logo.png`" in assets and "- modified: `docs/assets/photo.png`" in assets
    assert "No statements, members or coalitions changed" not in text


def test_code_templates_workflows_the_lock_and_the_build_are_loud(dev_repo):
    repo, base = dev_repo
    for rel in DEVELOPER_FILES:
        (repo / rel).write_text("changed\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    (repo / "overrides/main.html").write_text((repo / "overrides/main.html").read_text(encoding="utf-8") + "{# x #}\n",
                                              encoding="utf-8")
    (repo / "data/schema/member.schema.json").write_text(
        (repo / "data/schema/member.schema.json").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    locked = json.loads((repo / "statements.lock.json").read_text(encoding="utf-8"))
    del locked["kgi-founding"]
    locked["kgi-declaration"]["signatories"] = []
    (repo / "statements.lock.json").write_text(json.dumps(locked), encoding="utf-8")
    text = review(repo, base)
    alerts = text.split("\n\n")[1]
    assert alerts.startswith("> **⚠ changed files that need a developer's review (code, templates, "
                             "workflows, the lock or the build): 9**")
    assert "> **⚠ lock entries removed: `kgi-founding`**  " in alerts
    loud = section(text, "⚠ For a developer to review (9)")
    assert "**a developer must review them**" in loud
    for rel in [*DEVELOPER_FILES, "mkdocs.yml", "overrides/main.html", "data/schema/member.schema.json",
                "statements.lock.json"]:
        assert f"- modified: `{rel}`\n" in loud, rel
    assert "  - lock entries **removed**: `kgi-founding`; changed: `kgi-declaration`\n" in loud
    # The loud section comes first, before any content.
    assert text.index("For a developer") < text.index("### Validation")
    assert "No statements, members or coalitions changed" not in text


def test_renames_show_as_renames(dev_repo):
    repo, _base = dev_repo
    png(repo / "docs/assets/photo.png")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "a picture")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "mv", "docs/assets/photo.png", "docs/assets/picture.png")
    git(repo, "mv", "scripts/microsite/extra.py", "scripts/microsite/renamed.py")
    git(repo, "mv", "data/members/abadan.yml", "data/members/abadan-2.yml")
    edit(repo / "data/members/abadan-2.yml", "id: abadan", "id: abadan-2")
    text = review(repo, base)
    assert "- renamed: `docs/assets/photo.png` → `docs/assets/picture.png`" in section(text, "Files in docs/")
    assert "- renamed: `scripts/microsite/extra.py` → `scripts/microsite/renamed.py`" in section(text, "⚠ For")
    assert "- renamed: `data/members/abadan.yml` → `data/members/abadan-2.yml`" in section(text, "Members")


HOSTILE_NAMES = [
    "evil`<img src=x onerror=alert(1)>`.png",
    "line\n## Forged heading\n- added: `fake.md`.png",
    "bidi\u202egnp.exe",
    "[link](javascript:alert(1)) *em* <b>b<b> &amp; |t|.png",
]


@pytest.mark.parametrize("folder", ["docs/assets", "scripts"])
def test_hostile_file_names_cannot_forge_lines_or_inject_html(dev_repo, folder):
    repo, base = dev_repo
    (repo / folder).mkdir(parents=True, exist_ok=True)
    for file_name in HOSTILE_NAMES:
        (repo / folder / file_name).write_bytes(b"x")
    text = review(repo, base)
    assert "\u202e" not in text and "\r" not in text
    # One line per file, none starting a heading or an item of its own (validation's messages
    # about these names follow, inside the fence).
    lines = [line for line in text.split("### Validation")[0].splitlines()
             if "evil" in line or "Forged" in line or "bidi" in line or "javascript" in line]
    assert len(lines) == len(HOSTILE_NAMES), lines
    assert all(line.startswith("- added: `") for line in lines), lines
    assert not any(line.startswith(("## Forged", "- added: `fake.md`")) for line in text.splitlines())
    html = rendered(text)
    assert not [t for t, a in html.tags if t in ("img", "b", "a", "script", "em")], html.tags
    assert [t for t, _ in html.tags].count("h2") == 1
    shown = "".join(html.chunks)
    assert "evil`<img src=x onerror=alert(1)>`.png" in shown  # the name itself, as text
    assert "line\\n## Forged heading" in shown and "bidi\\u202egnp.exe" in shown


def test_a_hostile_statement_file_name_is_safe_in_its_section_and_in_the_validation_messages(dev_repo):
    repo, base = dev_repo
    hostile = "docs/statements/x\n### Forged <img src=x onerror=alert(1)>\u202e.kk.md"
    (repo / hostile).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (repo / "Makefile").chmod(0o755)
    text = review(repo, base)
    assert "\n### Forged" not in text and "\u202e" not in text
    assert "- added: `docs/statements/x\\n### Forged <img src=x onerror=alert(1)>\\u202e.kk.md`" in \
        section(text, "Statements")
    problems = section(text, "Validation")
    assert "docs/statements/x\\n### Forged <img src=x onerror=alert(1)>\\u202e.kk.md:1:1: a statement " \
           "file is named" in problems
    tags = [t for t, _ in rendered(text).tags]
    assert "img" not in tags
    assert tags.count("h3") == len([line for line in text.splitlines() if line.startswith("### ")]) == 3
    assert "- modified: `Makefile` (mode 100644 → 100755)" in section(text, "⚠ For a developer")


def test_a_hostile_text_in_the_content_is_text_in_the_summary(dev_repo):
    repo, base = dev_repo
    edit(repo / "data/members/ak-zhol.yml", 'ru: "«Ак жол»"', 'ru: "<img src=x onerror=alert(1)> [x](javascript:alert(1))"')
    text = review(repo, base)
    html = rendered(text)
    assert not [t for t, a in html.tags if t in ("img", "a", "script")], html.tags
    assert "<img src=x onerror=alert(1)>" in "".join(html.chunks)


def test_an_absolute_symlink_in_the_base_is_listed_not_a_traceback(tmp_path):
    repo = copy_project(tmp_path)
    (repo / "docs/assets").mkdir(parents=True, exist_ok=True)
    (repo / "docs/assets/passwd.png").symlink_to("/etc/passwd")
    (repo / "data/members/hostname.yml").symlink_to("/etc/hostname")
    (repo / "docs/outside.kk.md").symlink_to("../../../../../../etc/passwd")
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "base with symlinks")
    base = git(repo, "rev-parse", "HEAD")
    for link in ("docs/assets/passwd.png", "data/members/hostname.yml", "docs/outside.kk.md"):
        (repo / link).unlink()
    text = review(repo, base)
    assert "- deleted: `docs/assets/passwd.png` (**symlink**)" in section(text, "Files in docs/")
    assert "- deleted: `data/members/hostname.yml` (**symlink**)" in section(text, "Members")
    assert "- deleted: `docs/outside.kk.md` (**symlink**)" in section(text, "Hand-written pages")
    assert "> **⚠ symbolic links changed: 3**" in text
    # And the other way: links added by the head are listed, loudly, too.
    (repo / "docs/assets/passwd.png").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "links again")
    assert "- added: `docs/assets/passwd.png` (**symlink**)" in review(repo, "HEAD~1", commit=False)


def test_a_revision_that_is_no_commit_is_one_line_not_a_traceback(dev_repo, tmp_path):
    repo, _ = dev_repo
    for revision in ("no-such-revision", f"--output={tmp_path}/x", "HEAD:Makefile"):
        result = tool(repo, "tools.review", revision)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "x").exists()


def test_untracked_files_are_listed_too(dev_repo):
    repo, base = dev_repo
    (repo / "docs/new.ru.md").write_text("# Новое\n", encoding="utf-8")
    assert "- added: `docs/new.ru.md`" in section(review(repo, base, commit=False), "Hand-written pages")


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
    summary = subprocess.run([sys.executable, "-m", "microsite.tools.review", base], cwd=repo, capture_output=True,
                             text=True, timeout=120, env={**env, "LANG": "ru_RU.UTF-8"}).stdout
    assert f"## `{base}` нұсқасынан бергі өзгерістер / Изменения относительно `{base}`" in summary
    assert "**⚠ Өшірілген қатысушылар / Удалённые участники (1)**" in summary
    assert "жоқ — қабылданған мәлімдеме өзгерді / нет — принятое заявление изменено" in summary
    assert "### Тексеру / Проверка" in summary
    fence = summary.split("```text\n")[1].split("```")[0].splitlines()
    assert "бұл қабылданған мәлімдемеде мәтін өзгерген" in fence[0]
    assert "в этом принятом заявлении изменено: текст" in fence[1]
    assert not re.search(r"\b(Members|Statements|Validation|changed|removed|was in|Files)\b", summary)
    # Nor any other English word: only what stays as typed is in Latin letters (code, paths, ids,
    # quoted values, language codes, the fence's info string).
    typed = r"```text|`[^`\n]*`|\S*[/.@_]\S*|\b[a-z0-9]+(?:-[a-z0-9]+)+\b|\b(?:kk|ru)\b|'[^'\n]*'"
    assert not re.search(r"[A-Za-z]{2}", re.sub(typed, "", summary)), re.sub(typed, "", summary)
    lock = subprocess.run([sys.executable, "-m", "microsite.checks.lock", "update"], cwd=repo, capture_output=True,
                          text=True, timeout=120, env={**env, "LANG": "kk_KZ.UTF-8"})
    assert lock.returncode == 1
    assert lock.stderr.startswith("docs/statements/kgi-founding.ru.md:")
    assert "бұл қабылданған мәлімдемеде мәтін өзгерген" in lock.stderr and "в этом принятом" not in lock.stderr
