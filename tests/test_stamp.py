"""The validation stamp: a build skips the checks (and the parsing) only for the very bytes
`make validate` passed."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys

from conftest import ROOT, build, copy_project
from microsite.checks import stamp
from microsite.content.load import load_site


def validate(project):
    return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                          capture_output=True, text=True, timeout=120)


def passed(project) -> bool:
    return stamp.validated_site(project, project / "data", project / "docs") is not None


def test_any_changed_byte_voids_the_stamp(tmp_path):
    project = copy_project(tmp_path)
    data, docs = project / "data", project / "docs"
    assert not passed(project)
    assert validate(project).returncode == 0
    assert passed(project)
    member = data / "members" / "abadan.yml"
    original = member.read_bytes()
    member.write_bytes(original + b" ")
    assert not passed(project)
    member.write_bytes(original)
    assert passed(project)
    (docs / "statements" / "new.ru.md").write_text("---\ntitle: x\n---\n")
    assert not passed(project)


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


def test_the_stamp_holds_the_site_validate_read(tmp_path):
    project = copy_project(tmp_path)
    assert validate(project).returncode == 0
    assert stamp.validated_site(project, project / "data", project / "docs") == \
        load_site(project / "data", project / "docs")


def test_a_damaged_stamp_means_checking_again(tmp_path):
    project = copy_project(tmp_path)
    assert validate(project).returncode == 0
    path = project / stamp.STAMP
    path.write_bytes(path.read_bytes()[:200])  # the digest still matches, the site is cut short
    assert not passed(project)
    shutil.copy(ROOT / "tests/bad/data/members/placeholder.yml", project / "data/members/placeholder.yml")
    path.write_bytes(stamp.digest(project / "data", project / "docs").encode() + b"\nnot a pickle")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/members/placeholder.yml:6:7: 'TODO' is a placeholder" in result.stderr
