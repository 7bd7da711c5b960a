"""A record that `make validate` passed on exactly these files, with what it read from them, so
the build need not check or parse them again.

`make site` validates, then builds; at 4,000 members the checks cost about as much as the rest
of the project's code, and parsing the YAML again would cost most of what remains. The stamp
holds a digest of every input the checks read — content, schemas, allowed words and the checks'
own code — and the site they made of it; a build uses that site only for the very bytes that
passed: any change means a full check again.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from ..content import pickled
from ..content.model import Site

STAMP = Path(".build") / "validated"
CODE = Path(__file__).resolve().parents[1]  # the whole package


def _files(base: Path, suffix: str = "") -> list[tuple[str, str]]:
    """(name relative to `base`, full path) of every file below it, in a fixed order. os.walk,
    not pathlib: half the time on the 5,000 files of a large network."""
    found = []
    for folder, dirs, names in os.walk(base):
        dirs.sort()
        rel = os.path.relpath(folder, base).replace(os.sep, "/")
        # Symbolic links are not read (validation refuses them): one to /dev/zero never ends.
        found += [(n if rel == "." else f"{rel}/{n}", os.path.join(folder, n))
                  for n in sorted(names)
                  if n.endswith(suffix) and not os.path.islink(os.path.join(folder, n))]
    return found


@functools.cache
def code_digest() -> str:
    """Of this package's code: what was checked by other code is checked again."""
    h = hashlib.sha256()
    for rel, path in _files(CODE, ".py"):
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0" + Path(path).read_bytes() + b"\0")
    return h.hexdigest()


def digest(data_dir: Path, docs_dir: Path) -> str:
    h = hashlib.sha256(code_digest().encode())
    for kind, base, suffix in (("data", data_dir, ""), ("docs", docs_dir, "")):
        for rel, path in _files(base, suffix):
            name = f"{kind}/{rel}".encode("utf-8", "surrogateescape")  # any name a file may have
            with open(path, "rb") as file:
                content = file.read()
            h.update(len(name).to_bytes(4, "big") + name + len(content).to_bytes(8, "big") + content)
    return h.hexdigest()


def write(root: Path, checked: str, site: Site) -> None:
    """`checked`: the digest taken *before* the files were read, so a file changed while they
    were being checked voids the stamp rather than being trusted unchecked."""
    (root / STAMP).parent.mkdir(parents=True, exist_ok=True)
    (root / STAMP).write_bytes(checked.encode() + b"\n" + pickled.dumps(site))


def validated_site(root: Path, data_dir: Path, docs_dir: Path) -> Site | None:
    """The site `make validate` made of these exact files, or None: check them again."""
    path = root / STAMP
    if not path.is_file():
        return None
    with path.open("rb") as file:  # the site is read only when the digest matches
        if file.readline().strip().decode("ascii", "replace") != digest(data_dir, docs_dir):
            return None
        site = file.read()
    # Unpickled only after the digest matched: the file is `make validate`'s own, written in
    # this project's build folder (git-ignored), and the digest covers the code that wrote it;
    # whoever can put a file there can change that code too. A pickle is ten times faster to
    # read than the YAML it came from: 0.06 against 0.8 s at 4,000 members.
    try:
        return pickled.loads(site)
    except Exception:  # noqa: BLE001 — a damaged stamp only means checking again
        return None

