"""The lock on the real content, what counts as a change of an adopted statement, and the
hostile cases of `tests/hostile/lock-*` run through `make validate`'s command."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT, copy_project
from microsite.checks import lock
from microsite.content.model import Correction
from overlay import HOSTILE, expectation, overlay

DECLARATION = "docs/statements/kgi-declaration"


def test_the_real_content_is_as_locked(site_model):
    assert lock.check(site_model, ROOT) == []
    locked = json.loads((ROOT / lock.LOCK_FILE).read_text(encoding="utf-8"))
    assert set(locked) == {sid for sid, s in site_model.statements.items() if s.status in lock.LOCKED_STATUSES}


def test_the_lock_holds_the_real_facts(site_model):
    """The seeds' facts, as the press releases give them, are what the lock records."""
    locked = lock.read_lock(ROOT)["kgi-declaration"]
    assert locked["date"] == "2019-08-28" and locked["kind"] == "declaration" and locked["coalition"] == "kgi"
    assert locked["signatories"] == list(site_model.statements["kgi-declaration"].signatories)
    assert len(locked["signatories"]) == 9 and locked["signatories"][0] == "osdp"
    assert {lang: t["place"] for lang, t in locked["texts"].items()} == {"kk": "Алматы", "ru": "Алматы"}
    report = lock.read_lock(ROOT)["kostanay-civil-forum-2023-report"]
    assert report["source"]["publisher"] == "Tengrinews" and report["event"] == "kostanay-civil-forum-2023"


def test_make_lock_writes_the_same_bytes_again(site_model, tmp_path):
    lock.write_lock(tmp_path, lock.updated(site_model, lock.read_lock(ROOT)))
    assert (tmp_path / lock.LOCK_FILE).read_bytes() == (ROOT / lock.LOCK_FILE).read_bytes()


def _with_text(site, sid, lang, **changes):
    s = site.statements[sid]
    texts = {**s.texts, lang: dataclasses.replace(s.texts[lang], **changes)}
    return dataclasses.replace(site, statements={**site.statements, sid: dataclasses.replace(s, texts=texts)})


def _with_statement(site, sid, **changes):
    s = dataclasses.replace(site.statements[sid], **changes)
    return dataclasses.replace(site, statements={**site.statements, sid: s})


def test_what_the_coalition_said_counts_and_bookkeeping_does_not(site_model):
    current = lock.read_lock(ROOT)
    text = site_model.statements["kgi-declaration"].texts["ru"]
    same = [dict(awaiting_review=not text.awaiting_review), dict(translated_from="kk"),
            dict(body=text.body.replace("\n", "  \r\n"))]  # trailing spaces, Windows line ends
    for change in same:
        assert lock.problems(_with_text(site_model, "kgi-declaration", "ru", **change), current) == []
    assert lock.problems(_with_statement(site_model, "kgi-declaration", status="withdrawn",
                                         withdrawn=dt.date(2026, 11, 21)), current) == []
    for field, change in (("title", dict(title=text.title + "!")), ("place", dict(place="Астана")),
                          ("body", dict(body=text.body.replace("Алматы", "Астана", 1)))):
        found = lock.problems(_with_text(site_model, "kgi-declaration", "ru", **change), current, root=ROOT)
        assert [p.path for p in found] == [f"{DECLARATION}.ru.md"]
        assert "there is no new correction entry" in found[0].message
        assert (f"'{field}'" if field != "body" else "the text") in found[0].message
    s = site_model.statements["kgi-declaration"]
    for field, value in (("signatories", s.signatories[1:]), ("date", dt.date(2019, 8, 29)),
                         ("coalition", "national-coalition"), ("kind", "news"), ("event", "kostanay-civil-forum-2023"),
                         ("adopted", dt.date(2019, 8, 28))):
        found = lock.problems(_with_statement(site_model, "kgi-declaration", **{field: value}), current, root=ROOT)
        assert [(p.path, p.message.split(" of ")[0]) for p in found] == [
            (f"{DECLARATION}.kk.md", f"'{field}'"), (f"{DECLARATION}.ru.md", f"'{field}'")], field


def test_each_problem_names_the_line_of_its_field(site_model):
    s = site_model.statements["kgi-declaration"]
    site = _with_statement(site_model, "kgi-declaration", signatories=s.signatories[1:], date=dt.date(2019, 8, 29))
    found = lock.problems(site, lock.read_lock(ROOT), root=ROOT)
    lines = (ROOT / f"{DECLARATION}.ru.md").read_text(encoding="utf-8").splitlines()
    for problem in found:
        field = problem.message.split("'")[1]
        assert lines[problem.line - 1].startswith(f"{field}:"), problem
    assert "(removed: osdp)" in str(found[-1])
    body = lock.problems(_with_text(site_model, "kgi-declaration", "ru", body="Иной текст.\n"),
                         lock.read_lock(ROOT), root=ROOT)
    below = lines.index("---", 1) + 1  # the first line of text below the front matter
    assert body[0].line == next(i for i in range(below, len(lines)) if lines[i].strip()) + 1


def test_a_correction_in_the_other_language_does_not_cover_this_one(site_model):
    current = lock.read_lock(ROOT)
    site = _with_text(site_model, "kgi-declaration", "kk",
                      corrections=(Correction(dt.date(2026, 11, 21), "Қате түзетілді"),))
    text = site.statements["kgi-declaration"].texts["ru"]
    site = _with_text(site, "kgi-declaration", "ru", body=text.body + "\nДобавлено.\n")
    found = lock.problems(site, current, unlocked=False)
    assert [p.path for p in found] == [f"{DECLARATION}.ru.md"]


def test_corrections_are_append_only(site_model):
    first, second = Correction(dt.date(2026, 11, 21), "Дата уточнена"), Correction(dt.date(2026, 11, 22), "Ещё")
    corrected = _with_statement(_with_text(site_model, "kgi-declaration", "ru", corrections=(first,)),
                                "kgi-declaration", date=dt.date(2019, 8, 29))
    corrected = _with_text(corrected, "kgi-declaration", "kk", corrections=(first,))
    assert lock.problems(corrected, lock.read_lock(ROOT), unlocked=False) == []
    recorded = lock.updated(corrected, lock.read_lock(ROOT))
    assert recorded["kgi-declaration"]["texts"]["ru"]["corrections"] == [{"date": "2026-11-21", "reason": "Дата уточнена"}]
    assert lock.problems(corrected, recorded) == []
    edited = dataclasses.replace(first, reason="Другое")
    for corrections, words in (((), "was deleted"), ((edited,), "was edited"), ((edited, second), "was edited"),
                               ((second,), "was edited")):
        site = _with_text(corrected, "kgi-declaration", "ru", corrections=corrections)
        found = lock.problems(site, recorded, unlocked=False)
        assert [p.path for p in found] == [f"{DECLARATION}.ru.md"], corrections
        assert words in found[0].message and "«Дата уточнена»" in found[0].message
        with pytest.raises(lock.ContentErrors):
            lock.updated(site, recorded)
    # Appending is what corrections are for.
    site = _with_text(corrected, "kgi-declaration", "ru", corrections=(first, second), title="Декларация")
    assert lock.problems(site, recorded, unlocked=False) == []
    assert "the correction is not in the lock yet" in lock.problems(site, recorded)[0].message


def test_a_damaged_lock_file_is_named_not_a_traceback(site_model, tmp_path):
    (tmp_path / lock.LOCK_FILE).write_text('{"kgi-declaration": {', encoding="utf-8")
    [problem] = lock.check(site_model, tmp_path)
    assert str(problem).startswith("statements.lock.json:1:")
    assert "restore it from git" in problem.message


def test_a_lock_entry_of_another_shape_is_named_with_its_line_and_column(site_model, tmp_path):
    text = (ROOT / lock.LOCK_FILE).read_text(encoding="utf-8")
    fix = '{"title": "", "place": "", "body": "", "corrections": [1]}'
    facts = '"kind": 1, "coalition": 1, "event": 1, "date": 1, "adopted": 1, "signatories": 1, "source": 1'
    for bad, where in (('[]', (1, 1)), ('{"x": 1}', (1, 7)), (f'{{"x": {{{facts},\n "texts": {{"kk": {fix}}}}}}}', (2, 73))):
        (tmp_path / lock.LOCK_FILE).write_text(bad, encoding="utf-8")
        [problem] = lock.check(site_model, tmp_path)
        assert (problem.path, problem.line, problem.column) == (lock.LOCK_FILE, *where)
    # The old format ({"sha256", "corrections": count} per language) is not read as "nothing locked".
    old = text.replace('"texts": {\n      "kk": {\n        "body"', '"texts": {\n      "kk": {\n        "sha256"', 1)
    (tmp_path / lock.LOCK_FILE).write_text(old, encoding="utf-8")
    [problem] = lock.check(site_model, tmp_path)
    assert problem.line == 11 and "not in the lock's format" in problem.message


def test_make_lock_names_a_damaged_lock_file_not_a_traceback(tmp_path):
    project = copy_project(tmp_path)
    (project / lock.LOCK_FILE).write_text('{"kgi-declaration": {', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "microsite.checks.lock", "update"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("statements.lock.json:1:22: the lock file is damaged")
    assert "Traceback" not in result.stderr
    assert (project / lock.LOCK_FILE).read_text(encoding="utf-8") == '{"kgi-declaration": {'


# -- tests/hostile/lock-*: each refused by `make validate`, and `make lock` records none -------

D, R = f"{DECLARATION}.kk.md", f"{DECLARATION}.ru.md"
FOUNDING_RU = "docs/statements/kgi-founding.ru.md"
REPORT_RU = "docs/statements/kostanay-civil-forum-2023-report.ru.md"
HOSTILE_LOCK = {  # case → what the refusal must say (each a whole message start, at its line)
    "lock-signatory-removed": [f"{D}:8:1: 'signatories' of this adopted statement changed (removed: osdp)",
                               f"{R}:8:1: 'signatories' of this adopted statement changed (removed: osdp)"],
    "lock-signatory-added": [f"{R}:8:1: 'signatories' of this adopted statement changed (added: ak-zhol)"],
    "lock-signatory-swapped": [f"{R}:8:1: 'signatories' of this adopted statement changed (removed: "
                               "za-reformu-mvd; added: ak-zhol)"],
    "lock-date-changed": [f"{D}:5:1: 'date' of this adopted statement changed (locked: «2019-08-28»)"],
    "lock-place-changed": [f"{R}:6:1: 'place' of this adopted statement changed (locked: «Алматы»)"],
    "lock-title-changed": [f"{D}:2:1: 'title' of this adopted statement changed (locked: «Қазақстанның"],
    "lock-body-changed": [f"{REPORT_RU}:11:1: the text of this adopted statement changed, but"],
    "lock-coalition-changed": ["docs/statements/kgi-founding.kk.md:4:1: 'coalition' of this adopted "
                               "statement changed (locked: «kgi»)"],
    "lock-source-changed": [f"{REPORT_RU}:8:1: 'source' of this adopted statement changed"],
    "lock-unadopted": ["docs/statements/kgi-founding.kk.md:1:1: this adopted text is gone"],
    "lock-correction-deleted": [f"{FOUNDING_RU}:2:1: the correction entry of 2026-11-21 («Тире вместо дефиса») "
                                "was deleted"],
    "lock-correction-edited": [f"{FOUNDING_RU}:7:5: this earlier correction entry was edited (it was: "
                               "2026-11-21, «Тире вместо дефиса»)"],
    "lock-correction-edited-and-added": [f"{FOUNDING_RU}:7:5: this earlier correction entry was edited"],
    "lock-entry-removed": [f"{D}:7:1: 'status: adopted' needs the adoption date"],
    "lock-emptied": [f"{D}:7:1: 'status: adopted' needs the adoption date",
                     f"{R}:7:1: 'status: adopted' needs the adoption date"],
    "lock-file-misshapen": ["statements.lock.json:73:13: the lock file is damaged (this entry is not in the "
                            "lock's format)"],
}


def test_every_lock_case_is_listed_here():
    assert sorted(p.name for p in HOSTILE.glob("lock-*")) == sorted(HOSTILE_LOCK)
    for name in HOSTILE_LOCK:
        verdict, what = expectation(name)
        assert verdict == "refused" and what, name


@pytest.mark.parametrize("name", sorted(HOSTILE_LOCK))
def test_a_hostile_change_of_an_adopted_statement_is_refused(name, tmp_path):
    case = HOSTILE / name
    # A case's lock is the real lock with one entry changed, so it stays a lock of this content.
    if (case / lock.LOCK_FILE).is_file() and name != "lock-emptied":
        theirs = json.loads((case / lock.LOCK_FILE).read_text(encoding="utf-8"))
        ours = lock.read_lock(ROOT)
        assert sorted(theirs.keys() | ours.keys()) == sorted(ours)
        assert len([sid for sid in ours if theirs.get(sid) != ours[sid]]) == 1
    project = copy_project(tmp_path)
    overlay(name, project)
    result = subprocess.run([sys.executable, "-m", "microsite", "validate"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(re.match(r"[^:\s]+:\d+:\d+: ", line) for line in lines[:-1]), result.stderr
    for want in HOSTILE_LOCK[name]:
        assert any(line.startswith(want) for line in lines), f"{want}\n---\n{result.stderr}"
    before = (project / lock.LOCK_FILE).read_bytes()
    update = subprocess.run([sys.executable, "-m", "microsite.checks.lock", "update"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert update.returncode == 1 and "Traceback" not in update.stderr
    assert (project / lock.LOCK_FILE).read_bytes() == before, "a refused `make lock` writes nothing"
