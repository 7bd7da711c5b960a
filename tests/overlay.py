"""The hostile corpus (tests/hostile/<case>/): one hostile input per folder, at the paths it
would have in the project, and an EXPECT file (`refused` or `safe`, then what it tries)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

HOSTILE = Path(__file__).parent / "hostile"


def expectation(case: str) -> tuple[str, str]:
    """(`refused` or `safe`, what the input tries) from the case's EXPECT file."""
    lines = (HOSTILE / case / "EXPECT").read_text(encoding="utf-8").splitlines()
    return lines[0].strip(), " ".join(lines[1:]).strip()


def expect(case: str) -> str:
    return expectation(case)[0]


def case_files(case: str) -> list[str]:
    """The case's files (symbolic links included, not followed), relative to the project."""
    base, out = HOSTILE / case, []
    for folder, dirs, names in os.walk(base):
        for name in dirs + names:
            path = Path(folder) / name
            if path.is_symlink() or (name in names and path.name != "EXPECT"):
                out.append(path.relative_to(base).as_posix())
    return sorted(out)


def overlay(case: str, project: Path) -> Path:
    """Put the case's files into a copy of the project; links stay links."""
    for rel in case_files(case):
        source, target = HOSTILE / case / rel, project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.is_file():
            target.unlink()
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copyfile(source, target)
    return project
