"""What a pull request changes in the content, in Markdown a reviewer reads at a glance.

    python -m microsite.review BASE      # `make review BASE=<git revision>`

The content at BASE is taken from git itself (`git archive` into a temporary folder) and loaded
with the same loader as the working tree, so renames, removals and status changes are seen as
records, not guessed from file names. Removed members are listed first, with their names: a
statement's list of supporters must never shrink unnoticed.
"""
from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .errors import ContentError
from .lock import problems as lock_problems
from .lock import read_lock, text_hash
from .model import LANGS, Member, Site, Statement
from .load import load_site


def site_at(root: Path, revision: str, into: Path) -> Site:
    """The content as it was at `revision`."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=root,
                             capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(f"git archive {revision}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return load_site(into / "data", into / "docs")


# -- words ------------------------------------------------------------------------------------

def name(text) -> str:
    return " / ".join(dict.fromkeys(v for v in (text.kk, text.ru) if v)) or "—"


def translation(s: Statement) -> str:
    """Per language: original, translated (awaiting a native speaker's check), or missing."""
    out = []
    for lang in LANGS:
        text = s.texts.get(lang)
        if text is None:
            out.append(f"{lang}: missing")
        elif text.awaiting_review:
            out.append(f"{lang}: translated from {text.translated_from or '?'}, awaiting review")
        else:
            out.append(f"{lang}: ✓")
    return ", ".join(out)


def _title(s: Statement) -> str:
    return " / ".join(dict.fromkeys(s.texts[lang].title for lang in LANGS if lang in s.texts))


def _statement_line(s: Statement, note: str = "") -> str:
    return f"- `{s.id}` {_title(s)} — {s.status} ({translation(s)}){note}\n"


# -- comparisons ------------------------------------------------------------------------------

def statements(base: Site, head: Site) -> list[str]:
    out = []
    added = [s for sid, s in head.statements.items() if sid not in base.statements]
    removed = [s for sid, s in base.statements.items() if sid not in head.statements]
    changed, adopted, withdrawn = [], [], []
    for sid, s in head.statements.items():
        old = base.statements.get(sid)
        if old is None:
            continue
        langs = [lang for lang in LANGS if (lang in s.texts) != (lang in old.texts) or (
            lang in s.texts and text_hash(s.texts[lang]) != text_hash(old.texts[lang]))]
        if langs:
            fixes = [c for lang in langs if lang in s.texts for c in s.texts[lang].corrections
                     if c not in (old.texts.get(lang).corrections if lang in old.texts else ())]
            note = f" — text changed in {', '.join(langs)}"
            if old.status in ("adopted", "withdrawn", "superseded"):
                note += "; corrections: " + ("; ".join(f"{c.date}: {c.reason}" for c in fixes)
                                             if fixes else "**none — an adopted text changed**")
            changed.append(_statement_line(s, note))
        if s.status != old.status:
            line = _statement_line(s, f" (was {old.status})")
            if s.status == "adopted":
                adopted.append(line)
            elif s.status in ("withdrawn", "superseded"):
                by = f" → `{s.superseded_by}`" if s.superseded_by else ""
                withdrawn.append(line.rstrip("\n") + by + "\n")
            else:
                changed.append(line)
    sections = [("Removed", removed, True), ("Adopted", adopted, False),
                ("Withdrawn or superseded", withdrawn, True), ("Added", added, False),
                ("Changed", changed, False)]
    for title, items, loud in sections:
        if items:
            heading = f"**⚠ {title} ({len(items)})**" if loud else f"{title} ({len(items)})"
            out.append(f"{heading}\n\n")
            out += [i if isinstance(i, str) else _statement_line(i) for i in items]
            out.append("\n")
    return out


def _memberships(m: Member | None) -> set[str]:
    return {ms.coalition for ms in m.memberships} if m else set()


def members(base: Site, head: Site) -> list[str]:
    removed, left, joined = [], [], []
    for mid in sorted(base.members.keys() | head.members.keys()):
        old, new = base.members.get(mid), head.members.get(mid)
        gone, came = _memberships(old) - _memberships(new), _memberships(new) - _memberships(old)
        if new is None:
            removed.append(f"- **{name(old.name)}** (`{mid}`) — was in {', '.join(sorted(gone))}\n")
        elif gone:
            left.append(f"- **{name(new.name)}** (`{mid}`) left {', '.join(sorted(gone))}\n")
        if came:
            who = new or old
            joined.append(f"- {name(who.name)} (`{mid}`, {who.type}) joined {', '.join(sorted(came))}\n")
    out = []
    if removed or left:
        out.append(f"**⚠ Members removed ({len(removed) + len(left)})**\n\n")
        out += removed + left + ["\n"]
    if joined:
        out += [f"Members joined ({len(joined)})\n\n", *joined, "\n"]
    return out


def _differences(old, new) -> list[str]:
    return [f.name for f in dataclasses.fields(old)
            if f.name != "path" and getattr(old, f.name) != getattr(new, f.name)]


def coalitions(base: Site, head: Site) -> list[str]:
    out = []
    for cid in sorted(base.coalitions.keys() | head.coalitions.keys()):
        old, new = base.coalitions.get(cid), head.coalitions.get(cid)
        if old is None:
            out.append(f"- `{cid}` {name(new.name)} — added\n")
        elif new is None:
            out.append(f"- **⚠ `{cid}` {name(old.name)} — removed**\n")
        elif fields := _differences(old, new):
            out.append(f"- `{cid}` {name(new.name)} — changed: {', '.join(fields)}\n")
    return ["Coalitions\n\n", *out, "\n"] if out else []


def summary(root: Path, revision: str) -> str:
    out = [f"## Content changes since `{revision}`\n\n"]
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            base = site_at(root, revision, Path(tmp))
        except ContentError as err:
            base = None
            problems.append(f"- at `{revision}` (not this change): `{err}`\n")
    try:
        head = load_site(root / "data", root / "docs")
        problems += [f"- `{p}`\n" for p in lock_problems(head, read_lock(root))]
    except ContentError as err:
        head = None
        problems.append(f"- `{err}`\n")
    if base is not None and head is not None:
        body = statements(base, head) + members(base, head) + coalitions(base, head)
        out += body or ["No statements, members or coalitions changed.\n\n"]
    out.append("### Validation\n\n")
    out += problems or ["No problems found.\n"]
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m microsite.review BASE   (a git revision, e.g. main)", file=sys.stderr)
        return 2
    sys.stdout.write(summary(Path.cwd(), argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
