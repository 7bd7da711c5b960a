"""A record that `make validate` passed on exactly these files, so the build need not repeat it.

`make site` validates, then builds; at 4,000 members the checks cost about as much as the rest
of the project's code, and the build's own loader would repeat them. The stamp holds a digest of
every input the checks read — content, schemas, allowed words and the checks' own code — so a
build skips them only for the very bytes that passed; any change means a full check again.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

STAMP = Path(".build") / "validated"
CODE = Path(__file__).parent


def digest(data_dir: Path, docs_dir: Path) -> str:
    h = hashlib.sha256()
    inputs = [*(("code", p) for p in sorted(CODE.glob("*.py"))),
              *(("data", p) for p in sorted(data_dir.rglob("*")) if p.is_file()),
              *(("docs", p) for p in sorted(docs_dir.rglob("*.md")))]
    for kind, path in inputs:
        base = {"code": CODE, "data": data_dir, "docs": docs_dir}[kind]
        name = f"{kind}/{path.relative_to(base).as_posix()}".encode()
        content = path.read_bytes()
        h.update(len(name).to_bytes(4, "big") + name + len(content).to_bytes(8, "big") + content)
    return h.hexdigest()


def write(root: Path, data_dir: Path, docs_dir: Path) -> None:
    (root / STAMP).parent.mkdir(parents=True, exist_ok=True)
    (root / STAMP).write_text(digest(data_dir, docs_dir) + "\n", encoding="utf-8")


def passed(root: Path, data_dir: Path, docs_dir: Path) -> bool:
    """True when these exact files passed `make validate`."""
    path = root / STAMP
    return path.is_file() and path.read_text(encoding="utf-8").strip() == digest(data_dir, docs_dir)
