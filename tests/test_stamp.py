"""The validation stamp: a build skips the checks only for the very bytes `make validate` passed."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys

from conftest import ROOT, build, copy_project
from microsite import stamp


def validate(project):
    return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                          capture_output=True, text=True, timeout=120)


def test_any_changed_byte_voids_the_stamp(tmp_path):
    project = copy_project(tmp_path)
    data, docs = project / "data", project / "docs"
    assert not stamp.passed(project, data, docs)
    assert validate(project).returncode == 0
    assert stamp.passed(project, data, docs)
    member = data / "members" / "abadan.yml"
    original = member.read_bytes()
    member.write_bytes(original + b" ")
    assert not stamp.passed(project, data, docs)
    member.write_bytes(original)
    assert stamp.passed(project, data, docs)
    (docs / "statements" / "new.ru.md").write_text("---\ntitle: x\n---\n")
    assert not stamp.passed(project, data, docs)


def test_a_file_broken_after_validation_still_stops_the_build(tmp_path):
    project = copy_project(tmp_path)
    assert validate(project).returncode == 0
    shutil.copy(ROOT / "tests/bad/data/members/placeholder.yml", project / "data/members/placeholder.yml")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/members/placeholder.yml:6:7: 'TODO' is a placeholder" in result.stderr


def test_the_stamped_build_is_the_same_site(tmp_path):
    """Skipping the checks changes nothing in what is built, byte for byte."""
    project = copy_project(tmp_path)
    assert build(project, tmp_path / "checked").returncode == 0
    assert validate(project).returncode == 0
    result = build(project, tmp_path / "stamped")
    assert result.returncode == 0, result.stderr
    compared = filecmp.dircmp(tmp_path / "checked", tmp_path / "stamped")

    def differences(cmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        return found + [f for sub in cmp.subdirs.values() for f in differences(sub)]

    assert differences(compared) == []
