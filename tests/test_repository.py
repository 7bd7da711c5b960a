"""The repository itself: what a merge can leave behind unnoticed by every other test."""
from __future__ import annotations

import re
import subprocess

from conftest import ROOT

MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.M)


def test_no_unresolved_merge_conflict_is_committed():
    """A conflict marker in prose or a template builds and passes; it must still never land."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    found = []
    for rel in filter(None, tracked.decode().split("\0")):
        path = ROOT / rel
        if path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # images and other binary files
        found += [f"{rel}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert not found, found
