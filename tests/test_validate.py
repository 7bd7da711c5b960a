"""`make validate` and the build on real bad files: every problem named with its file and line,
all of them at once, and no site built from part of the content."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project
from microsite.checks.files import shown
from microsite.content.errors import ContentErrors
from microsite.content.load import load_site, read_site
from overlay import HOSTILE, case_files, expect, overlay

BAD = Path(__file__).parent / "bad"

# (file under tests/bad, line, words the message must contain) — one row per problem.
EXPECTED = [
    ("data/members/broken.yml", 5, "the bracket { opened here is not closed"),
    ("data/members/duplicate-key.yml", 7, "the field 'name' appears twice"),
    ("data/members/yes-no.yml", 6, "'kk: Off' was read as yes/no"),
    ("data/members/yes-no.yml", 7, "put it in quotes: ru: \"Off\""),
    ("data/members/octal.yml", 5, "leading zero makes YAML read it as an octal number"),
    ("data/coalitions/phone-number.yml", 10, "'hotline: 87077071234' was read as a number"),
    ("data/members/date-as-text.yml", 10, "'ru: 2019-08-28' was read as a date"),
    ("data/members/unknown-field.yml", 5, "unknown field 'nmae' — did you mean 'name'?"),
    ("data/members/line-break.yml", 4, "invisible character U+0085"),
    ("data/members/line-break.yml", 6, "invisible character U+2028 (LINE SEPARATOR)"),
    ("data/members/missing-type.yml", 3, "the required field 'type' is missing"),
    ("data/members/wrong-type.yml", 6, "'memberships' must be a list"),
    ("data/members/bad-date.yml", 8, "must exist in the calendar"),
    ("data/members/empty-name.yml", 6, "'kk' is empty — fill it in"),
    ("data/members/empty-name.yml", 7, "'ru' is empty — fill it in"),
    ("data/members/placeholder.yml", 6, "'TODO' is a placeholder"),
    ("data/members/placeholder.yml", 7, "'Название организации' is a placeholder"),
    ("data/members/one-language.yml", 6, "'name' has no Russian text"),
    ("data/members/unknown-coalition.yml", 7, "the coalition 'kgii' does not exist — did you mean 'kgi'?"),
    ("data/events/unknown-kind-coalition.yml", 7, "the coalition 'national' does not exist"),
    ("docs/statements/unknown-signatory.ru.md", 7, "the member 'nobody' does not exist"),
    ("data/members/wrong-id.yml", 3, "must match the file name 'wrong-id.yml'"),
    ("data/members/wrong-extension.yaml", 1, "rename it to wrong-extension.yml"),
    ("data/members/osdp-again.yml", 6, "this name is also used by data/members/osdp.yml"),
    ("data/members/osdp-again.yml", 7, "this name is also used by data/members/osdp.yml"),
    ("data/members/osdp.yml", 5, "this name is also used by data/members/osdp-again.yml"),
    ("data/members/osdp.yml", 6, "this name is also used by data/members/osdp-again.yml"),
    ("data/members/script-link.yml", 6, "'link: javascript:alert(document.cookie)' — a web link is one address"),
    ("data/events/unknown-kind-coalition.yml", 10, "'url: data:text/html"),
    ("docs/statements/active-content.ru.md", 10, "<script> is not allowed"),
    ("docs/statements/active-content.ru.md", 12, "<iframe> is not allowed"),
    ("docs/statements/active-content.ru.md", 14, "<object> is not allowed"),
    ("docs/statements/active-content.ru.md", 16, "<embed> is not allowed"),
    ("docs/statements/active-content.ru.md", 18, "<style> is not allowed"),
    ("docs/statements/active-content.ru.md", 20, "<form> is not allowed"),
    ("docs/statements/active-content.ru.md", 20, "<input> is not allowed"),
    ("docs/statements/active-content.ru.md", 22, "the attribute 'onclick=' runs code"),
    ("docs/statements/active-content.ru.md", 24, "the link 'javascript:alert(1)' is removed"),
    ("docs/statements/active-content.ru.md", 26, "the image 'data:image/svg+xml;base64,"),
    ("docs/statements/active-content.ru.md", 28, "the link 'vbscript:msgbox(1)' is removed"),
    ("data/members/cp1251.yml", 5, "not UTF-8 (it looks like Windows-1251 (Cyrillic))"),
    ("data/members/invisible.yml", 6, "invisible character U+200B (ZERO WIDTH SPACE)"),
    ("data/members/invisible.yml", 7, "invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("data/members/mixed-script.yml", 7, "the word 'Kоалиция' mixes Latin and Cyrillic letters (Latin: K)"),
    ("data/members/mixed-script.yml", 7, "the word 'Aльянс' mixes Latin and Cyrillic letters (Latin: A)"),
    ("data/coalitions/no-schema-line.yml", 1, "the first line must be '# yaml-language-server: $schema=../schema/coalition.schema.json'"),
    ("docs/statements/one-language.ru.md", 2, "this statement has no Kazakh file"),
    ("docs/statements/disagree.ru.md", 3, "'kind' differs from docs/statements/disagree.kk.md"),
    ("docs/statements/superseded-alone.ru.md", 4, "names its successor"),
    ("docs/statements/Bad Name.ru.md", 1, "a statement file is named <id>.kk.md or <id>.ru.md"),
    # YAML syntax, one class per file, at the line the editor should look at
    ("data/members/yaml-colon.yml", 7, "a colon followed by a space inside the value of 'ru' — put the whole value in quotes"),
    ("data/members/yaml-tab.yml", 6, "a tab is used for indentation — YAML accepts only spaces"),
    ("data/members/yaml-unclosed-quote.yml", 6, 'the quote " opened here is not closed'),  # parser: line 10
    ("data/members/yaml-after-quote.yml", 6, "text follows the closing quote"),
    ("data/members/yaml-indent.yml", 7, "this line is indented more than the line above it"),
    ("data/members/yaml-no-colon.yml", 4, "this line has no colon"),  # parser: line 5
    ("data/members/yaml-list-indent.yml", 10, "this list item is not lined up with the items above it"),
    ("data/members/yaml-at-sign.yml", 7, "a value cannot start with @ — put the whole value in quotes"),
    # a syntax error and a duplicate key hide none of the file's other problems
    ("data/members/all-at-once.yml", 6, "unknown field 'nmae' — did you mean 'name'?"),
    ("data/members/all-at-once.yml", 8, "a tab is used for indentation"),
    ("data/members/all-at-once.yml", 9, "'TODO' is a placeholder"),
    ("data/members/all-at-once.yml", 11, "the coalition 'kgii' does not exist"),
    ("data/members/all-at-once.yml", 12, "the field 'type' appears twice"),
]
PARTNERS = {"docs/statements/disagree.ru.md": ["docs/statements/disagree.kk.md"]}
ALSO = {"data/members/osdp-again.yml": "data/members/osdp.yml"}  # a duplicate names both files
FILES = sorted({path for path, _, _ in EXPECTED} - set(ALSO.values()))


def mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def add_bad(project: Path, *paths: str) -> Path:
    for rel in paths:
        for name in (rel, *PARTNERS.get(rel, ())):
            shutil.copy(BAD / name, project / name)
    return project


def as_lines(problems) -> list[str]:
    return [str(p) for p in problems]


def test_real_content_has_no_problems():
    site, problems = read_site(ROOT / "data", ROOT / "docs")
    assert problems == [] and len(site.members) == 29


def test_the_bad_corpus_is_covered():
    """Every bad file in tests/bad is expected to fail: none is left untested."""
    on_disk = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file()}
    assert on_disk == set(FILES) | {p for ps in PARTNERS.values() for p in ps}


@pytest.mark.parametrize("rel", FILES)
def test_each_bad_file_is_reported_with_its_line(tmp_path, rel):
    project = add_bad(copy_project(tmp_path), rel)
    _, problems = read_site(project / "data", project / "docs")
    lines = as_lines(problems)
    named = {rel, ALSO.get(rel, rel)}
    assert {p.path for p in problems} == named, "\n".join(lines)
    expected = [(path, line, words) for path, line, words in EXPECTED if path in named]
    for path, line, words in expected:
        assert any(s.startswith(f"{path}:{line}:") and words in s for s in lines), (line, words, lines)
    assert len(problems) == len(expected), "\n".join(lines)
    assert all("Traceback" not in s and "\n" not in s for s in lines)


def test_load_site_refuses_while_any_problem_remains(tmp_path):
    project = add_bad(copy_project(tmp_path), "data/members/placeholder.yml")
    with pytest.raises(ContentErrors) as err:
        load_site(project / "data", project / "docs")
    assert [e.path for e in err.value.errors] == ["data/members/placeholder.yml"] * 2


def run_make(project: Path, target: str) -> subprocess.CompletedProcess:
    """`make <target>` in a copy of the project, using this checkout's virtual environment."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)  # keep times: the venv stamp stays fresh
    (project / ".venv").symlink_to(ROOT / ".venv")
    return subprocess.run(["make", "-s", target], cwd=project, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})


def test_everything_is_reported_at_once_and_make_site_fails(tmp_path):
    project = add_bad(copy_project(mkdir(tmp_path / "project")), *FILES)
    result = run_make(project, "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    for path, line, words in EXPECTED:
        assert any(s.startswith(f"{path}:{line}:") and words in s for s in result.stderr.splitlines()), \
            (path, line, words, result.stderr)
    assert f"{len(EXPECTED)} problems in {len(FILES) + len(ALSO)} files" in result.stderr
    assert not (project / "site").exists(), "nothing may be published from part of the content"


def test_the_engine_refuses_bad_content_too(tmp_path):
    """Even when the validator is skipped (`mkdocs build` directly), no page is built."""
    project = add_bad(copy_project(mkdir(tmp_path / "project")), "data/members/osdp-again.yml",
                      "docs/statements/active-content.ru.md")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/members/osdp-again.yml:6:" in result.stderr
    assert "docs/statements/active-content.ru.md:10:1: <script> is not allowed" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_validate_on_a_clean_tree_is_one_short_line():
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(ROOT), "validate"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1 and len(result.stdout) < 100
    assert result.stdout.startswith("ok: 5 coalitions, 29 members, 6 statements, 1 event ")


def test_problems_are_annotated_on_their_line_in_github(tmp_path):
    project = add_bad(copy_project(tmp_path), "data/members/unknown-field.yml")
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout == ("::error file=data/members/unknown-field.yml,line=5,col=1::"
                             "unknown field 'nmae' — did you mean 'name'?\n")
    # Whoever reads the pull request: Kazakh, then Russian, in one annotation.
    env = {k: v for k, v in os.environ.items() if k != "MICROSITE_MESSAGES"}
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=60,
                            env={**env, "GITHUB_ACTIONS": "true", "LANG": "ru_RU.UTF-8"})
    assert result.stdout == ("::error file=data/members/unknown-field.yml,line=5,col=1::"
                             "белгісіз өріс 'nmae' — 'name' деп жазғыңыз келді ме?%0A"
                             "неизвестное поле 'nmae' — может быть, 'name'?\n")
    assert result.stderr.startswith("data/members/unknown-field.yml:5:1: неизвестное поле 'nmae'")


# -- a text typed into the other language's field: a warning, never a failed build ---------------

MIXED_UP = ('# yaml-language-server: $schema=../schema/member.schema.json\n'
            'id: pereputannye-polya\ntype: ngo\nname:\n'
            '  kk: "Общественное объединение за честные выборы"\n'
            '  ru: "Адал сайлау қоғамдық бірлестігі"\n'
            'memberships:\n  - coalition: kgi\n')


def test_language_mix_ups_are_warnings_naming_the_field(tmp_path):
    project = copy_project(tmp_path)
    (project / "data/members/pereputannye-polya.yml").write_text(MIXED_UP, encoding="utf-8")
    warnings: list = []
    _, problems = read_site(project / "data", project / "docs", warnings)
    assert problems == []  # the build is not failed by them
    assert [(w.path, w.line, w.column) for w in warnings] == [
        ("data/members/pereputannye-polya.yml", 5, 7), ("data/members/pereputannye-polya.yml", 6, 7)]
    assert "'name.kk' is the Kazakh text, but 'Общественное объединение за честные выборы' has no " \
           "Kazakh letters and reads as Russian" in warnings[0].message
    assert "'name.ru' is the Russian text, but 'қоғамдық' has Kazakh letters" in warnings[1].message
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("data/members/pereputannye-polya.yml:5:7: warning: 'name.kk' is the Kazakh text")
    assert result.stdout.startswith("::warning file=data/members/pereputannye-polya.yml,line=5,col=7::")


def test_names_the_same_in_both_languages_are_not_mix_ups(tmp_path):
    """Cities, people and abbreviations have no Kazakh letters and are no Russian sentence; a
    Kazakh word in a Russian name is allowed once listed in data/allowed-words.yml."""
    project = copy_project(tmp_path)
    (project / "data/members/pereputannye-polya.yml").write_text(
        MIXED_UP.replace("Общественное объединение за честные выборы", "Жанар Барлыбаева")
        .replace("Адал сайлау қоғамдық бірлестігі", "Объединение «Адал»"), encoding="utf-8")
    warnings: list = []
    assert read_site(project / "data", project / "docs", warnings)[1] == [] and warnings == []
    allowed = project / "data/allowed-words.yml"
    assert "Тауелсіз" in allowed.read_text(encoding="utf-8")  # the real content's one such name
    allowed.write_text("- НАQ\n", encoding="utf-8")
    warnings = []
    read_site(project / "data", project / "docs", warnings)
    assert [w.path for w in warnings] == ["data/members/tauelsiz-bakylaushylar.yml"]


def test_the_real_content_has_no_mix_ups():
    warnings: list = []
    read_site(ROOT / "data", ROOT / "docs", warnings)
    assert warnings == []


# -- hostile inputs (tests/hostile): limits, look-alikes, memberships --------------------------

LIMITS = [  # (case, path, line, words)
    ("nested-list-300", "docs/statements/nested-list-300.ru.md", 28, "21 levels deep; at most 20"),
    ("nested-quote-300", "docs/statements/nested-quote-300.kk.md", 8, "300 levels deep"),
    ("nested-list-one-line", "docs/statements/nested-list-one-line.ru.md", 8, "300 levels deep"),
    ("unbalanced-brackets", "docs/statements/unbalanced-brackets.ru.md", 8, "more than 20 '['"),
    ("unbalanced-brackets-in-page", "docs/unbalanced-brackets-in-page.kk.md", 23, "more than 20 '['"),
    ("unclosed-angle-brackets", "docs/statements/unclosed-angle-brackets.kk.md", 8,
     "more than 20 '<' without a closing '>' in one paragraph"),
    ("unclosed-link-addresses", "docs/unclosed-link-addresses.ru.md", 3, "more than 20 '(' without"),
    ("huge-page", "docs/huge-page.ru.md", 1, "the file is 244 KB; at most 200 KB"),
    ("huge-member-file", "data/members/huge-member-file.yml", 1, "at most 200 KB"),
    ("duplicate-membership", "data/members/duplicate-membership.yml", 9,
     "the coalition 'kgi' is listed twice in this file (first as item 1 of 'memberships')"),
    ("greek-lookalike-member", "data/members/greek-lookalike-member.yml", 5,
     "this name looks the same as one used by data/members/naq.yml, written with letters of another"),
    ("greek-lookalike-member", "data/members/greek-lookalike-member.yml", 5,
     "the word 'ΗΑQ' mixes Greek and Latin letters"),
    ("greek-letters-whole-word", "data/members/greek-letters-whole-word.yml", 5,
     "looks the same as one used by data/members/greek-letters-whole-word-original.yml"),
    ("filler-only-name", "data/members/filler-only-name.yml", 5, "U+3164 (HANGUL FILLER)"),
    ("braille-blank-name", "data/members/braille-blank-name.yml", 5, "U+2800 (BRAILLE PATTERN BLANK)"),
    ("braille-blank-name", "data/members/braille-blank-name.yml", 6, "U+115F (HANGUL CHOSEONG FILLER)"),
]


@pytest.mark.parametrize("case, path, line, words", LIMITS)
def test_hostile_limits_and_look_alikes_are_refused(tmp_path, case, path, line, words):
    project = overlay(case, copy_project(tmp_path))
    _, problems = read_site(project / "data", project / "docs")
    lines = as_lines(problems)
    assert any(s.startswith(f"{path}:{line}:") and words in s for s in lines), lines
    assert {p.path for p in problems} <= set(case_files(case)) | {"data/members/naq.yml"}


def test_all_hostile_refusals_at_once_in_seconds_without_a_traceback(tmp_path):
    """Every refused case of tests/hostile overlaid on one copy: `make validate`'s command lists
    each case's files as `path:line:column:` lines, quickly (8 KB of '[' took 12 s before)."""
    # Cases that replace one of the project's files (the lock, an adopted statement) cannot all
    # stand on one copy: each is refused on its own (test_hostile, test_lock).
    refused = [c.name for c in sorted(HOSTILE.iterdir()) if expect(c.name) == "refused"
               and not any((ROOT / rel).exists() or (ROOT / rel).is_symlink() for rel in case_files(c.name))]
    project = copy_project(mkdir(tmp_path / "project"))
    for case in refused:
        overlay(case, project)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - started < 20
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *lines, summary = result.stderr.splitlines()
    assert "nothing is published" in summary
    assert all(re.match(r"^[^:\s]+:\d+:\d+: \S", s) for s in lines), lines
    named = {s.split(":")[0] for s in lines}
    assert [case for case in refused if not {shown(f) for f in case_files(case)} & named] == []


def test_formula_names_are_accepted_and_left_to_the_csv_writer(tmp_path):
    project = overlay("csv-formula-names", copy_project(tmp_path))
    site, problems = read_site(project / "data", project / "docs")
    assert problems == [] and site.members["csv-formula-names"].name.kk.startswith("=HYPERLINK(")


def test_validate_again_reads_only_what_changed_and_finds_the_same(tmp_path):
    """The second `make validate` reads what the first kept (.build/checked): a file broken
    since is reported at its line as a first run reports it, and mended is accepted."""
    project = copy_project(tmp_path)

    def validate():
        return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                              capture_output=True, text=True, timeout=60)

    assert validate().returncode == 0 and (project / ".build" / "checked").is_file()
    member = project / "data" / "members" / "abadan.yml"
    original = member.read_text(encoding="utf-8")
    member.write_text(original.replace("type:", "tyep:"), encoding="utf-8")
    warm = validate()
    (project / ".build" / "checked").unlink()
    cold = validate()
    assert warm.returncode == cold.returncode == 1
    assert warm.stderr.startswith("data/members/abadan.yml:") and warm.stderr == cold.stderr
    member.write_text(original, encoding="utf-8")
    assert validate().returncode == 0
