"""Writing into a built site: only what changed."""
from __future__ import annotations

import os

from microsite.pages import output


def test_put_writes_only_changed_bytes(tmp_path):
    path = tmp_path / "a" / "b.json"
    assert output.put(path, b"{}") is True and path.read_bytes() == b"{}"
    before = os.stat(path).st_mtime_ns
    assert output.put(path, b"{}") is False and os.stat(path).st_mtime_ns == before
    assert output.put(path, b"[]") is True and path.read_bytes() == b"[]"


def test_mirror_copies_what_changed_and_removes_what_went(tmp_path):
    source, target = tmp_path / "src", tmp_path / "dst"
    (source / "kk/x").mkdir(parents=True)
    (source / "kk/x/one.png").write_bytes(b"1")
    (source / "two.png").write_bytes(b"22")
    assert output.mirror(source, target) == 2
    assert (target / "kk/x/one.png").read_bytes() == b"1" and (target / "two.png").read_bytes() == b"22"
    assert output.mirror(source, target) == 0  # nothing newer
    (source / "two.png").write_bytes(b"33")  # same size, newer
    os.utime(source / "two.png", ns=(os.stat(target / "two.png").st_mtime_ns + 10**9,) * 2)
    (source / "kk/x/one.png").unlink()
    assert output.mirror(source, target) == 1
    assert (target / "two.png").read_bytes() == b"33" and not (target / "kk/x/one.png").exists()
