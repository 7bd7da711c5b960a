"""The lock on the real content, and what counts as a change of an adopted text."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

from conftest import ROOT, copy_project
from microsite import lock
from microsite.model import Correction


def test_the_real_content_is_as_locked(site_model):
    assert lock.check(site_model, ROOT) == []
    locked = json.loads((ROOT / lock.LOCK_FILE).read_text(encoding="utf-8"))
    assert set(locked) == {sid for sid, s in site_model.statements.items() if s.status in lock.LOCKED_STATUSES}


def test_make_lock_writes_the_same_bytes_again(site_model, tmp_path):
    lock.write_lock(tmp_path, lock.updated(site_model, lock.read_lock(ROOT)))
    assert (tmp_path / lock.LOCK_FILE).read_bytes() == (ROOT / lock.LOCK_FILE).read_bytes()


def _with_text(site, sid, lang, **changes):
    s = site.statements[sid]
    texts = {**s.texts, lang: dataclasses.replace(s.texts[lang], **changes)}
    return dataclasses.replace(site, statements={**site.statements, sid: dataclasses.replace(s, texts=texts)})


def test_what_readers_read_counts_and_nothing_else(site_model):
    current = lock.read_lock(ROOT)
    text = site_model.statements["kgi-declaration"].texts["ru"]
    same = [dict(awaiting_review=not text.awaiting_review), dict(place="Алматы (уточнено)"),
            dict(body=text.body.replace("\n", "  \r\n"))]  # trailing spaces, Windows line ends
    for change in same:
        assert lock.problems(_with_text(site_model, "kgi-declaration", "ru", **change), current) == []
    for change in (dict(title=text.title + "!"), dict(body=text.body.replace("Алматы", "Астана", 1))):
        found = lock.problems(_with_text(site_model, "kgi-declaration", "ru", **change), current)
        assert [p.path for p in found] == ["docs/statements/kgi-declaration.ru.md"]
        assert "no new correction entry" in found[0].message


def test_a_correction_in_the_other_language_does_not_cover_this_one(site_model):
    current = lock.read_lock(ROOT)
    site = _with_text(site_model, "kgi-declaration", "kk",
                      corrections=(Correction(dt.date(2026, 11, 21), "Қате түзетілді"),))
    text = site.statements["kgi-declaration"].texts["ru"]
    site = _with_text(site, "kgi-declaration", "ru", body=text.body + "\nДобавлено.\n")
    found = lock.problems(site, current, unlocked=False)
    assert [p.path for p in found] == ["docs/statements/kgi-declaration.ru.md"]


def test_a_damaged_lock_file_is_named_not_a_traceback(site_model, tmp_path):
    (tmp_path / lock.LOCK_FILE).write_text('{"kgi-declaration": {', encoding="utf-8")
    [problem] = lock.check(site_model, tmp_path)
    assert str(problem).startswith("statements.lock.json:1:")
    assert "restore it from git" in problem.message


def test_make_lock_names_a_damaged_lock_file_not_a_traceback(tmp_path):
    project = copy_project(tmp_path)
    (project / lock.LOCK_FILE).write_text('{"kgi-declaration": {', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "microsite.lock", "update"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("statements.lock.json:1:22: the lock file is damaged")
    assert "Traceback" not in result.stderr
    assert (project / lock.LOCK_FILE).read_text(encoding="utf-8") == '{"kgi-declaration": {'
