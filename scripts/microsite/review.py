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
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from . import lock, render
from .errors import ContentError
from .messages import N_, _, both as w, everyone, say
from .load import read_site
from .model import LANGS, Member, Site, Statement


def site_at(root: Path, revision: str, into: Path) -> tuple[Site, list[ContentError]]:
    """The content as it was at `revision` (its valid records, and its problems)."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=root,
                             capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(w(_("cannot read the revision '{revision}' from git: {reason}", revision=revision,
                             reason=archive.stderr.decode().strip())))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    # Today's rules read both sides: the schemas of the working tree, even where BASE had none.
    shutil.rmtree(into / "data" / "schema", ignore_errors=True)
    shutil.copytree(root / "data" / "schema", into / "data" / "schema")
    return read_site(into / "data", into / "docs")


# -- words ------------------------------------------------------------------------------------

def name(text) -> str:
    """Both languages, as text (editors' names may hold Markdown marks)."""
    return " / ".join(dict.fromkeys(render.esc(v) for v in (text.kk, text.ru) if v)) or "—"


def translation(s: Statement) -> str:
    """Per language: original, translated (awaiting a native speaker's check), or missing."""
    out = []
    for lang in LANGS:
        text = s.texts.get(lang)
        if text is None:
            out.append(w(_("{lang}: missing", lang=lang)))
        elif text.awaiting_review:
            out.append(w(_("{lang}: translated from {source}, awaiting review", lang=lang,
                           source=text.translated_from or "?")))
        else:
            out.append(f"{lang}: ✓")
    return ", ".join(out)


def _title(s: Statement) -> str:
    return " / ".join(dict.fromkeys(render.esc(s.texts[lang].title) for lang in LANGS if lang in s.texts))


def _statement_line(s: Statement, note: str = "") -> str:
    return f"- `{s.id}` {_title(s)} — {s.status} ({translation(s)}){note}\n"


# -- comparisons ------------------------------------------------------------------------------

TITLES = {"Removed": N_("Removed"), "Adopted": N_("Adopted"),
          "Withdrawn or superseded": N_("Withdrawn or superseded"), "Added": N_("Added"),
          "Changed": N_("Changed")}
ALERTS = {"Removed": N_("removed: {ids}"), "Withdrawn or superseded": N_("withdrawn or superseded: {ids}")}


def statements(base: Site, head: Site) -> tuple[list[str], list[str]]:
    """(Markdown lines, alerts for the top of the summary)."""
    found: dict[str, list[tuple[Statement, str]]] = {
        "Removed": [(s, "") for sid, s in base.statements.items() if sid not in head.statements],
        "Adopted": [], "Withdrawn or superseded": [],
        "Added": [(s, "") for sid, s in head.statements.items() if sid not in base.statements],
        "Changed": []}
    alerts = []
    for sid, s in head.statements.items():
        old = base.statements.get(sid)
        if old is None:
            continue
        langs = [lang for lang in LANGS if lang in s.texts and lang in old.texts
                 and lock.text_hash(s.texts[lang]) != lock.text_hash(old.texts[lang])]
        came = [lang for lang in LANGS if lang in s.texts and lang not in old.texts]
        gone = [lang for lang in LANGS if lang in old.texts and lang not in s.texts]
        if came:
            found["Changed"].append((s, " — " + w(_("translation added: {langs}", langs=", ".join(came)))))
        if gone:
            found["Changed"].append((s, " — **" + w(_("language version removed: {langs}",
                                                       langs=", ".join(gone))) + "**"))
            alerts.append(w(_("`{id}` lost its {langs} version", id=sid, langs=", ".join(gone))))
        if langs:
            fixes = [c for lang in langs for c in s.texts[lang].corrections
                     if c not in old.texts[lang].corrections]
            note = " — " + w(_("text changed in {langs}", langs=", ".join(langs)))
            if old.status in lock.LOCKED_STATUSES:
                note += "; " + w(_("corrections:")) + " " + (
                    "; ".join(f"{c.date}: {render.esc(c.reason)}" for c in fixes) if fixes
                    else "**" + w(_("none — an adopted text changed")) + "**")
                if not fixes:
                    alerts.append(w(_("the adopted text of `{id}` changed without a correction entry", id=sid)))
            found["Changed"].append((s, note))
        if s.status != old.status:
            note = " (" + w(_("was {status}", status=old.status)) + ")"
            if s.status == "adopted":
                found["Adopted"].append((s, note))
            elif s.status in lock.LOCKED_STATUSES:
                by = f" → `{s.superseded_by}`" if s.superseded_by else ""
                found["Withdrawn or superseded"].append((s, note + by))
            else:
                found["Changed"].append((s, note))
    out = []
    for title, items in found.items():
        if not items:
            continue
        loud = title in ("Removed", "Withdrawn or superseded")
        shown = w(_(TITLES[title]))
        out.append(f"**⚠ {shown} ({len(items)})**\n\n" if loud else f"{shown} ({len(items)})\n\n")
        out += [_statement_line(s, note) for s, note in items] + ["\n"]
        if loud:
            alerts.append(w(_(ALERTS[title], ids=", ".join(f"`{s.id}`" for s, _note in items))))
    return (["### " + w(_("Statements")) + "\n\n", *out] if out else []), alerts


def _memberships(m: Member | None) -> set[str]:
    return {ms.coalition for ms in m.memberships} if m else set()


def members(base: Site, head: Site) -> tuple[list[str], list[str]]:
    removed, left, joined = [], [], []
    for mid in sorted(base.members.keys() | head.members.keys()):
        old, new = base.members.get(mid), head.members.get(mid)
        gone, came = _memberships(old) - _memberships(new), _memberships(new) - _memberships(old)
        if new is None:
            removed.append(f"- **{name(old.name)}** (`{mid}`) — "
                           + w(_("was in {coalitions}", coalitions=", ".join(sorted(gone)))) + "\n")
        elif gone:
            left.append(f"- **{name(new.name)}** (`{mid}`) "
                        + w(_("left {coalitions}", coalitions=", ".join(sorted(gone)))) + "\n")
        if came:
            who = new or old
            joined.append(f"- {name(who.name)} (`{mid}`, {who.type}) "
                          + w(_("joined {coalitions}", coalitions=", ".join(sorted(came)))) + "\n")
    out, alerts = [], []
    if removed or left:
        out.append("**⚠ " + w(_("Members removed")) + f" ({len(removed) + len(left)})**\n\n")
        out += removed + left + ["\n"]
        alerts.append(w(_("members removed: {names}",
                          names=", ".join(line.split("**")[1] for line in removed + left))))
    if joined:
        out += [w(_("Members joined")) + f" ({len(joined)})\n\n", *joined, "\n"]
    return (["### " + w(_("Members")) + "\n\n", *out] if out else []), alerts


def _differences(old, new) -> list[str]:
    return [f.name for f in dataclasses.fields(old)
            if f.name != "path" and getattr(old, f.name) != getattr(new, f.name)]


def coalitions(base: Site, head: Site) -> list[str]:
    out = []
    for cid in sorted(base.coalitions.keys() | head.coalitions.keys()):
        old, new = base.coalitions.get(cid), head.coalitions.get(cid)
        if old is None:
            out.append(f"- `{cid}` {name(new.name)} — " + w(_("added")) + "\n")
        elif new is None:
            out.append(f"- **⚠ `{cid}` {name(old.name)} — " + w(_("removed")) + "**\n")
        elif fields := _differences(old, new):
            out.append(f"- `{cid}` {name(new.name)} — "
                       + w(_("changed: {fields}", fields=", ".join(fields))) + "\n")
    return ["### " + w(_("Coalitions")) + "\n\n", *out, "\n"] if out else []


def summary(root: Path, revision: str) -> str:
    """Records that failed validation are left out of the comparison and listed as problems."""
    with tempfile.TemporaryDirectory() as tmp:
        base, _problems = site_at(root, revision, Path(tmp))
    head, problems = lock.validated(root)
    (said, alerts), (joined, left) = statements(base, head), members(base, head)
    body = said + joined + coalitions(base, head)
    alerts = left + alerts + ([w(_("validation problems: {count}", count=len(problems)))] if problems else [])
    out = ["## " + w(_("Content changes since `{revision}`", revision=revision)) + "\n\n",
           *([f"> **⚠ {a}**  \n" for a in alerts] + ["\n"] if alerts else []),
           *(body or [w(_("No statements, members or coalitions changed.")) + "\n\n"]),
           "### " + w(_("Validation")) + "\n\n",
           # A fence: messages quote editors' text, which must not turn into Markdown here.
           *(["```text\n", *[f"{line}\n" for p in problems for line in p.lines(everyone())], "```\n"]
             if problems else [w(_("No problems found.")) + "\n"])]
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        say(_("usage: {command} (a git revision, e.g. main)", command="python -m microsite.review BASE"),
            file=sys.stderr)
        return 2
    sys.stdout.write(summary(Path.cwd(), argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
