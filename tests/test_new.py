"""`make new`: scaffolded files pass validation, or nothing is left behind."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, copy_project
from microsite import new
from microsite.load import read_site


def run_new(project, *args):
    return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "new", *args],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def test_member_from_flags_is_valid_and_listed(project):
    # Values YAML 1.1 would misread unquoted: "Off" (false), "0123" (octal), a colon.
    result = run_new(project, "member", "--name-kk", "Off: 0123", "--name-ru", "Off",
                     "--type", "media", "--coalition", "kgi", "--joined", "2024-03-01",
                     "--link", "https://off.example.kz/")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "created data/members/off.yml — open it to add more\n"
    text = (project / "data/members/off.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/member.schema.json\n")
    site, problems = read_site(project / "data", project / "docs")
    assert problems == []
    member = site.members["off"]
    assert (member.name.kk, member.name.ru, str(member.memberships[0].joined)) == ("Off: 0123", "Off", "2024-03-01")


def test_each_kind_scaffolds_valid_files(project):
    for args in (["coalition", "--name-kk", "Орал азаматтық алаңы", "--name-ru", "Уральская гражданская площадка",
                  "--kind", "civic-platform", "--scope", "city", "--place-kk", "Орал", "--place-ru", "Уральск",
                  "--summary-kk", "Қала тұрғындарының бірлестігі.", "--summary-ru", "Объединение горожан."],
                 ["event", "--title-kk", "Орал форумы", "--title-ru", "Уральский форум", "--date", "2025-05-17",
                  "--place-kk", "Орал", "--place-ru", "Уральск", "--coalition", "kgi"],
                 ["statement", "--title-kk", "Сайлау туралы мәлімдеме", "--title-ru", "Заявление о выборах",
                  "--kind", "news", "--coalition", "kgi"]):
        result = run_new(project, *args)
        assert result.returncode == 0, result.stderr
    site, problems = read_site(project / "data", project / "docs")
    assert problems == []
    assert "uralskaya-grazhdanskaya-ploshchadka" in site.coalitions
    assert str(site.events["uralskiy-forum"].date) == "2025-05-17"
    statement = site.statements["zayavlenie-o-vyborakh"]
    assert set(statement.texts) == {"kk", "ru"} and statement.status == "draft"


def test_a_long_name_gets_an_id_cut_between_words(project):
    """A name longer than an id may be: the id ends on a whole word, never on a hyphen."""
    result = run_new(project, "member", "--name-kk", "Тау-кен компанияларының республикалық қауымдастығы", "--name-ru",
                     "Республиканская ассоциация горнодобывающих и горно-металлургических компаний",
                     "--type", "ngo", "--coalition", "kgi")
    assert result.returncode == 0, result.stderr
    mid = "respublikanskaya-assotsiatsiya-gornodobyvayushchikh-i-gorno"
    assert result.stdout == f"created data/members/{mid}.yml — open it to add more\n"


@pytest.mark.parametrize("args, words", [
    (["--coalition", "kgii"], "the coalition 'kgii' does not exist — did you mean 'kgi'?"),
    (["--coalition", "kgi", "--name-ru", "ОСДП", "--id", "osdp-2"], "this name is also used by data/members/osdp.yml"),
    (["--coalition", "kgi", "--link", "javascript:alert(1)"], "a web link is one address: https://"),
    (["--coalition", "kgi", "--joined", "2019-02-30"], "must exist in the calendar"),
])
def test_bad_values_leave_nothing_behind(project, args, words):
    before = sorted(p.name for p in (project / "data/members").iterdir())
    base = ["member", "--name-kk", "Жаңа бірлестік", "--name-ru", "Новое объединение", "--type", "ngo"]
    values = dict(zip(base[1::2], base[2::2]))
    values.update(dict(zip(args[::2], args[1::2])))
    result = run_new(project, "member", *[x for kv in values.items() for x in kv])
    assert result.returncode == 1
    assert words in result.stderr and "nothing was created" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "data/members").iterdir()) == before


def test_missing_values_are_named_without_a_keyboard(project):
    result = run_new(project, "member", "--name-kk", "Бірлестік")
    assert result.returncode == 2
    assert result.stderr.strip() == "missing: --name-ru --type --coalition"


def test_questions_repeat_until_a_known_choice(monkeypatch):
    answers = iter(["Жаңа бірлестік", "Новое объединение", "club", "ngo", "kgi", "", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    values: dict = {}
    assert new.ask("member", values, interactive=True) == []
    assert values["type"] == "ngo" and values["coalition"] == "kgi" and values["joined"] == ""


def test_quoting_survives_yaml():
    for text in ("no", "0123", "2019-08-28", 'a "quoted": name', "«Ақ жол»", "# not a comment"):
        assert yaml.safe_load(f"v: {new.q(text)}")["v"] == text


@pytest.mark.parametrize("guide", ["CONTRIBUTING.kk.md", "CONTRIBUTING.ru.md"])
def test_the_guides_member_example_is_valid(project, guide):
    """Editors copy the guide's example: it must pass as it stands."""
    text = (ROOT / guide).read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    example = "\n".join(line[3:] for line in example.splitlines()) + "\n"  # the list indent
    member_id = yaml.safe_load(example)["id"]
    (project / "data" / "members" / f"{member_id}.yml").write_text(example, encoding="utf-8")
    site, problems = read_site(project / "data", project / "docs")
    assert problems == [] and member_id in site.members
