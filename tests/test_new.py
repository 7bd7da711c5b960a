"""`make new`: scaffolded files pass validation, or nothing is left behind."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml
from conftest import ROOT, copy_project
from microsite.content.load import read_site
from microsite.content.model import (
    COALITION_KINDS,
    MEMBER_TYPES,
    SCOPES,
    STATEMENT_KINDS,
)
from microsite.tools import new


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
    (["--coalition", "kgii"], "--coalition: there is no coalition 'kgii' — did you mean 'kgi'?"),
    (["--coalition", "kgi", "--name-ru", "ОСДП", "--id", "osdp-2"], "already has a file: data/members/osdp.yml"),
    (["--coalition", "kgi", "--link", "javascript:alert(1)"], "--link: 'javascript:alert(1)' is not a web address"),
    (["--coalition", "kgi", "--joined", "2019-02-30"], "'2019-02-30' is not a day of the calendar"),
    (["--coalition", "kgi", "--joined", "10.05.2024"], "YYYY-MM-DD — here: 2024-05-10"),
    (["--coalition", "kgi", "--name-kk", "Kоалиция"], "mixes Latin and Cyrillic letters"),
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
    site, _ = read_site(ROOT / "data", ROOT / "docs")
    assert new.ask("member", values, interactive=True, site=site) == []
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


# -- an editor at the keyboard: a pseudo-terminal, as `make new` runs in a terminal ---------------

pexpect = pytest.importorskip("pexpect")


def spawn(project, locale="ru_RU.UTF-8", *args):
    env = {k: v for k, v in os.environ.items() if k not in ("MICROSITE_MESSAGES", "LC_ALL", "LC_MESSAGES")}
    child = pexpect.spawn(sys.executable, ["-m", "microsite", "--root", str(project), "new", *args],
                          env={**env, "LANG": locale}, encoding="utf-8", timeout=30, dimensions=(50, 200))
    return child


def files_of(project):
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for folder in ("data", "docs") for p in (project / folder).rglob("*") if p.is_file()}


def test_wrong_answers_are_asked_again_with_the_reason(project):
    child = spawn(project)
    child.expect_exact("Что создать? (номер): ")
    child.sendline("")  # an empty first answer is asked again, not the end
    child.expect_exact("здесь нужен ответ")
    child.expect_exact("Что создать? (номер): ")
    child.sendline("1")
    child.expect_exact("Название на казахском: ")
    child.sendline("Жаңа бірлестік")
    child.expect_exact("Название на русском: ")
    child.sendline("Новое объединение")
    child.expect_exact("3. ngo — НПО и общественные фонды")  # the choices, with their names
    child.expect_exact("Тип участника: ")
    child.sendline("club")
    child.expect_exact("'club' нет среди вариантов")
    child.expect_exact("Тип участника: ")
    child.sendline("3")
    child.expect_exact("kgi — Коалиция гражданских инициатив")  # coalition ids with their names
    child.expect_exact("Коалиция (номер или id): ")
    child.sendline("kgii")
    child.expect_exact("коалиции 'kgii' нет — может быть, 'kgi'?")
    child.sendline("kgi")
    child.expect_exact("Дата вступления, ГГГГ-ММ-ДД (оставить пустой: Enter): ")
    child.sendline("10.05.2024")
    child.expect_exact("'10.05.2024': дата пишется как год-месяц-день, ГГГГ-ММ-ДД — здесь: 2024-05-10")
    child.sendline("2024-05-10")
    child.expect_exact("Сайт, https://… (оставить пустым: Enter): ")
    child.sendline("off.example.kz")
    child.expect_exact("'off.example.kz' — не адрес сайта")
    child.sendline("https://off.example.kz/")
    child.expect_exact("создан data/members/novoe-obedinenie.yml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    site, problems = read_site(project / "data", project / "docs")
    assert problems == []
    member = site.members["novoe-obedinenie"]
    assert (member.type, member.memberships[0].coalition, str(member.memberships[0].joined), member.link) == \
        ("ngo", "kgi", "2024-05-10", "https://off.example.kz/")


def test_an_existing_organisation_gets_the_membership_in_its_own_file(project):
    before = files_of(project)
    child = spawn(project, "kk_KZ.UTF-8", "member")
    child.expect_exact("Атауы қазақша: ")
    child.sendline("жсдп")  # its Kazakh name, typed in lowercase
    child.expect_exact("үшін файл бар: data/members/osdp.yml")
    child.expect_exact("Мүшелікті data/members/osdp.yml файлына қазір қосайық па?")
    child.sendline("иә")
    child.expect_exact("Коалиция (нөмірі немесе id): ")
    child.sendline("kgi")  # already a member: asked again
    child.expect_exact("data/members/osdp.yml — 'kgi' коалициясының мүшесі болып тұр")
    child.sendline("national-coalition")
    child.expect_exact("Қосылған күні")
    child.sendline("2024-05-10")
    child.expect_exact("data/members/osdp.yml: 'national-coalition' коалициясына мүшелік қосылды")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    after = files_of(project)
    assert set(after) == set(before)  # no new file: no duplicate organisation
    assert [k for k in after if after[k] != before[k]] == ["data/members/osdp.yml"]
    site, problems = read_site(project / "data", project / "docs")
    assert problems == []
    assert [(m.coalition, str(m.joined)) for m in site.members["osdp"].memberships][-1] == ("national-coalition", "2024-05-10")


def test_declining_the_offer_changes_nothing(project):
    before = files_of(project)
    child = spawn(project, "ru_RU.UTF-8", "member")
    child.expect_exact("Название на казахском: ")
    child.sendline("Тест бірлестігі")
    child.expect_exact("Название на русском: ")
    child.sendline("ОСДП")
    child.expect_exact("Добавить членство в data/members/osdp.yml сейчас?")
    child.sendline("нет")
    child.expect_exact("ничего не создано: добавьте '- coalition: <id>' под 'memberships:'")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and files_of(project) == before


@pytest.mark.parametrize("answers", [[], ["Жаңа бірлестік", "Новое объединение", "3"]])
def test_an_interruption_leaves_nothing_behind(project, answers):
    before = files_of(project)
    child = spawn(project, "C.UTF-8", "member")
    child.expect_exact("Атауы қазақша / Название на казахском: ")
    for answer in answers:
        child.sendline(answer)
        child.expect(": ")
    # Ctrl-C once the program waits in input(), as a person would press it: a signal arriving
    # between the prompt and the read would be handled only after the next key (Python's own race).
    time.sleep(0.5)
    child.sendintr()
    child.expect_exact("тоқтатылды; ештеңе жасалған жоқ")
    child.expect_exact("остановлено; ничего не создано")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and files_of(project) == before
    assert "Traceback" not in child.before


def test_help_names_every_flag_and_its_values_in_both_languages():
    env = {k: v for k, v in os.environ.items() if k != "MICROSITE_MESSAGES"}
    result = subprocess.run([sys.executable, "-m", "microsite", "new", "--help"], capture_output=True,
                            text=True, timeout=60, env={**env, "LANG": "C.UTF-8"})
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    flags = {flag for questions in new.QUESTIONS.values() for flag, *_ in questions}
    for flag in flags | {"id"}:
        assert f"--{flag.replace('_', '-')}" in text
    for values in (MEMBER_TYPES, COALITION_KINDS, SCOPES, STATEMENT_KINDS):
        assert ", ".join(values) in text
    for words in ("Атауы қазақша / Название на казахском", "Қатысушының түрі / Тип участника",
                  "ЖЖЖЖ-АА-КК немесе 'today' (бүгін) / ГГГГ-ММ-ДД или 'today' (сегодня)",
                  "показать эту справку и выйти"):
        assert words in text
