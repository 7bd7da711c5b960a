"""Writing into a built site: only the files whose bytes changed, so that a preview rewrites
(and its browser reloads) what an edit changed, not thousands of unchanged files."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def put(path: Path, data: bytes) -> bool:
    """Write `data` at `path` unless it holds them already; True if it wrote."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` at `path` whole or not at all (a file beside it, then renamed over it): a
    reader of `path` never sees half of it, even from a process stopped while writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    partial.replace(path)


def _files(folder: str, rel: str = "") -> dict[str, os.stat_result]:
    """{path below `folder`: its stat} of every file below it (os.scandir: thousands of share
    images are listed in milliseconds, where pathlib takes a tenth of a second)."""
    out = {}
    try:
        entries = list(os.scandir(os.path.join(folder, rel)))
    except FileNotFoundError:
        return out
    for entry in entries:
        here = f"{rel}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            out.update(_files(folder, here + "/"))
        elif entry.is_file(follow_symlinks=False):
            out[here] = entry.stat(follow_symlinks=False)
    return out


def mirror(source: Path, target: Path) -> int:
    """Make the folder `target` hold copies of `source`'s files: copied when missing, of
    another size or older than the source (whose writer touches only what changed), removed
    when the source has none. Returns files copied."""
    mine, theirs = _files(str(source)), _files(str(target))
    copied, folders = 0, set()
    for rel, stat in mine.items():
        there = theirs.get(rel)
        if there and there.st_size == stat.st_size and there.st_mtime_ns >= stat.st_mtime_ns:
            continue
        path = target / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        shutil.copyfile(source / rel, path)
        copied += 1
    for rel in theirs.keys() - mine.keys():
        (target / rel).unlink()
    return copied
