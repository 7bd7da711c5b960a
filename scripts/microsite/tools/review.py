"""What a pull request changes, in Markdown a reviewer reads at a glance: every changed path.

    python -m microsite.tools.review BASE      # `make review BASE=<git revision>`

Every path that differs between BASE and the working tree (git's rename detection on) is listed
once, in its group: content by kind — statements, members, coalitions, events, with the facts
that changed shown before → after —, hand-written pages, files in docs/, other data; and, first
and loud, everything a developer must review: code, templates, workflows, the lock, the Makefile,
requirements, mkdocs.yml, scripts, tests, schemas, and any path outside the content folders.

The content at BASE is taken from git itself (`git archive` into a temporary folder) and loaded
with the same loader as the working tree, so records are compared, not guessed from file names.
Removed members are listed first, with their names: a statement's list of supporters must never
shrink unnoticed. Every name printed comes from a contributor: file names and texts are escaped
(Markdown, HTML, line breaks, bidi controls shown as \\uXXXX), so they cannot forge a line of the
summary or inject markup into the job summary GitHub renders.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..checks import lock
from ..checks.files import shown
from ..content.errors import ContentError
from ..content.load import read_site
from ..content.model import LANGS, Member, Site, Statement, Text
from ..messages import N_, _, everyone, say
from ..messages import both as w
from ..pages import render

SYMLINK = "120000"


class GitError(SystemExit):
    """A revision git cannot read: one line for the reviewer, never a traceback."""


def git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, check=False)
    if result.returncode:
        raise GitError(w(_("git cannot do '{command}': {reason}", command=f"git {args[0]}",
                           reason=result.stderr.decode(errors="replace").strip())))
    return result.stdout


def commit_of(root: Path, revision: str) -> str:
    """The commit a revision names; an option-like or unknown revision is refused."""
    if revision.startswith("-"):
        raise GitError(w(_("not a git revision: {revision}", revision=repr(revision))))
    return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
               f"{revision}^{{commit}}").decode().strip()


def _skip_unsafe(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    # A link to an absolute path or out of the tree is not content: it is left out of the base
    # (it is still listed among the changed files) instead of ending the review in a traceback.
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None


def site_at(root: Path, commit: str, into: Path) -> tuple[Site, list[ContentError]]:
    """The content as it was at `commit` (its valid records, and its problems)."""
    archive = git(root, "archive", "--format=tar", commit)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter=_skip_unsafe)
    # Today's rules read both sides: the schemas of the working tree, even where BASE had none.
    shutil.rmtree(into / "data" / "schema", ignore_errors=True)
    shutil.copytree(root / "data" / "schema", into / "data" / "schema")
    return read_site(into / "data", into / "docs")


# -- changed paths ----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Change:
    status: str          # A added, D deleted, M modified, R renamed, C copied, T type changed
    path: str
    old_path: str = ""   # renames and copies
    old_mode: str = ""
    new_mode: str = ""

    @property
    def symlink(self) -> bool:
        return SYMLINK in (self.old_mode, self.new_mode)


def changes(root: Path, commit: str) -> list[Change]:
    """Every path that differs between `commit` and the working tree, untracked files too."""
    fields = git(root, "diff", "--raw", "-z", "-M", "--no-ext-diff", "--no-textconv",
                 commit, "--").decode("utf-8", "surrogateescape").split("\0")
    found, i = [], 0
    while i < len(fields) - 1:
        old_mode, new_mode, _old_sha, _new_sha, status = fields[i].lstrip(":").split(" ")
        if status[0] in "RC":
            found.append(Change(status[0], fields[i + 2], fields[i + 1], old_mode, new_mode))
            i += 3
        else:
            found.append(Change(status[0], fields[i + 1], "", old_mode, new_mode))
            i += 2
    others = git(root, "ls-files", "-z", "--others", "--exclude-standard").decode("utf-8", "surrogateescape")
    found += [Change("A", path) for path in others.split("\0") if path]
    return sorted(found, key=lambda c: c.path)


# Where each path belongs; the first group whose test matches. Content is what editors own.
CONTENT_GROUPS = {"statements": "docs/statements/", "members": "data/members/",
                  "coalitions": "data/coalitions/", "events": "data/events/"}


def group(path: str) -> str:
    for name, folder in CONTENT_GROUPS.items():
        if path.startswith(folder) and "/" not in path[len(folder):]:
            return name
    if path.startswith("data/") and not path.startswith("data/schema/"):
        return "data"
    if path.startswith("docs/"):
        return "pages" if path.endswith(".md") else "assets"
    return "developer"


def group_of(change: Change) -> str:
    """A rename between groups counts where it is louder: the developer's section."""
    groups = {group(change.path), *([group(change.old_path)] if change.old_path else [])}
    return "developer" if "developer" in groups else group(change.path)


# -- safe words -------------------------------------------------------------------------------

def visible(text: str) -> str:
    """Line breaks, tabs, invisible and direction-changing characters written as escapes, so
    that a name can neither start a line of its own nor reorder what the reviewer reads: the
    same escapes as in validation's messages (`files.shown`)."""
    return shown(text)


def md(text: str) -> str:
    """A contributor's text as Markdown that shows exactly that text."""
    return render.esc(visible(text))


def code(text: str) -> str:
    """A file name or value in a code span: neither Markdown nor HTML is read inside it."""
    text = visible(text)
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def name(text) -> str:
    """Both languages, as text (editors' names may hold Markdown marks)."""
    return " / ".join(dict.fromkeys(md(v) for v in (text.kk, text.ru) if v)) or "—"


def plain(value) -> str:
    """A model value in a few words: texts in both languages, dates, lists, records."""
    if isinstance(value, Text):
        return " / ".join(dict.fromkeys(v for v in (value.kk, value.ru) if v))
    if isinstance(value, (dt.date, int, float)):
        return str(value)
    if isinstance(value, (tuple, list)):
        return "; ".join(plain(v) for v in value)
    if dataclasses.is_dataclass(value):
        return ", ".join(f"{f.name}: {plain(getattr(value, f.name))}" for f in dataclasses.fields(value)
                         if getattr(value, f.name) and f.name != "path")
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def before_after(was, now) -> str:
    """«before» → «after»; for lists of ids (signatories): who was removed and who added."""
    if isinstance(was, (list, tuple)) and isinstance(now, (list, tuple)) and \
            all(isinstance(v, str) for v in (*was, *now)):
        gone, came = lock.removed_added(was, now)
        parts = ([f"**{w(_('removed'))}** {', '.join(map(code, gone))}"] if gone else []) + \
                ([f"{w(_('added'))} {', '.join(map(code, came))}"] if came else [])
        return "; ".join(parts) or w(_("order changed"))
    def short(v):
        text = plain(v)
        return md(text if len(text) <= 200 else text[:199] + "…") if text else "—"
    return f"«{short(was)}» → «{short(now)}»"


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
    return " / ".join(dict.fromkeys(md(s.texts[lang].title) for lang in LANGS if lang in s.texts))


def _statement_line(s: Statement, note: str = "") -> str:
    # The status as typed in the file (`status: adopted`): a value, not English words.
    return f"- `{s.id}` {_title(s)} — `{s.status}` ({translation(s)}){note}\n"


# -- comparisons ------------------------------------------------------------------------------

def fact_changes(old: Statement, new: Statement) -> tuple[list[str], list[str]]:
    """(The locked facts that changed, before → after; the languages whose text changed)."""
    was, now = lock.entry(old), lock.entry(new)
    facts = [f"{key} {before_after(was[key], now[key])}" for key in lock.FACTS if was[key] != now[key]]
    langs = []
    for lang in LANGS:
        a, b = was["texts"].get(lang), now["texts"].get(lang)
        if a and b:
            facts += [f"{key} ({lang}) {before_after(a[key], b[key])}" for key in lock.TEXT_FACTS
                      if key != lock.BODY and a[key] != b[key]]
            if a[lock.BODY] != b[lock.BODY]:
                langs.append(lang)
    return facts, langs


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
        facts, langs = fact_changes(old, s)
        came = [lang for lang in LANGS if lang in s.texts and lang not in old.texts]
        gone = [lang for lang in LANGS if lang in old.texts and lang not in s.texts]
        if came:
            found["Changed"].append((s, " — " + w(_("translation added: {langs}", langs=", ".join(came)))))
        if gone:
            found["Changed"].append((s, " — **" + w(_("language version removed: {langs}",
                                                       langs=", ".join(gone))) + "**"))
            alerts.append(w(_("`{id}` lost its {langs} version", id=sid, langs=", ".join(gone))))
        if langs or facts:
            fixes = [c for lang in LANGS if lang in s.texts and lang in old.texts
                     for c in s.texts[lang].corrections if c not in old.texts[lang].corrections]
            note = "".join(f"\n  - {fact}" for fact in facts)
            note = " — " + (w(_("text changed in {langs}", langs=", ".join(langs))) if langs
                            else w(_("facts changed"))) + note
            if old.status in lock.LOCKED_STATUSES:
                note += "\n  - " + w(_("corrections:")) + " " + (
                    "; ".join(f"{c.date}: {md(c.reason)}" for c in fixes) if fixes
                    else "**" + w(_("none — an adopted statement changed")) + "**")
                if not fixes:
                    alerts.append(w(_("the adopted text of `{id}` changed without a correction entry", id=sid)
                                    if langs and not facts else
                                    _("the adopted statement `{id}` changed without a correction entry", id=sid)))
            found["Changed"].append((s, note))
        if s.status != old.status:
            note = " (" + w(_("was {status}", status=f"`{old.status}`")) + ")"
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
    return out, alerts


def _memberships(m: Member | None) -> dict:
    return {ms.coalition: ms for ms in m.memberships} if m else {}


def record_changes(old, new, skip: tuple = ()) -> list[str]:
    """Every field that differs, before → after."""
    return [f"{f.name} {before_after(getattr(old, f.name), getattr(new, f.name))}"
            for f in dataclasses.fields(old)
            if f.name not in ("path", *skip) and getattr(old, f.name) != getattr(new, f.name)]


def members(base: Site, head: Site) -> tuple[list[str], list[str]]:
    removed, left, joined, changed = [], [], [], []
    for mid in sorted(base.members.keys() | head.members.keys()):
        old, new = base.members.get(mid), head.members.get(mid)
        was, now = _memberships(old), _memberships(new)
        gone, came = sorted(was.keys() - now.keys()), sorted(now.keys() - was.keys())
        if new is None:
            removed.append((name(old.name), f"- **{name(old.name)}** (`{mid}`) — "
                            + w(_("was in {coalitions}", coalitions=", ".join(gone))) + "\n"))
            continue
        if gone:
            left.append((name(new.name), f"- **{name(new.name)}** (`{mid}`) "
                         + w(_("left {coalitions}", coalitions=", ".join(gone))) + "\n"))
        if came:
            joined.append(f"- {name(new.name)} (`{mid}`, {new.type}) "
                          + w(_("joined {coalitions}", coalitions=", ".join(came))) + "\n")
        if old is not None:
            facts = record_changes(old, new, skip=("memberships",)) + [
                w(_("membership in {coalition}:", coalition=f"`{cid}`")) + " "
                + ", ".join(record_changes(was[cid], now[cid], skip=("coalition",)))
                for cid in sorted(was.keys() & now.keys()) if was[cid] != now[cid]]
            if facts:
                changed.append(f"- {name(new.name)} (`{mid}`) " + w(_("changed:")) + "".join(f"\n  - {f}" for f in facts) + "\n")
    out, alerts = [], []
    if removed or left:
        out.append("**⚠ " + w(_("Members removed")) + f" ({len(removed) + len(left)})**\n\n")
        out += [line for _who, line in removed + left] + ["\n"]
        alerts.append(w(_("members removed: {names}", names=", ".join(who for who, _line in removed + left))))
    if joined:
        out += [w(_("Members joined")) + f" ({len(joined)})\n\n", *joined, "\n"]
    if changed:
        out += [w(_("Members changed")) + f" ({len(changed)})\n\n", *changed, "\n"]
    return out, alerts


def records(base: dict, head: dict, title=lambda r: name(r.name)) -> list[str]:
    """Coalitions or events: added, removed (loud), changed with every field before → after."""
    out = []
    for rid in sorted(base.keys() | head.keys()):
        old, new = base.get(rid), head.get(rid)
        if old is None:
            out.append(f"- `{rid}` {title(new)} — " + w(_("added")) + "\n")
        elif new is None:
            out.append(f"- **⚠ `{rid}` {title(old)} — " + w(_("removed")) + "**\n")
        elif facts := record_changes(old, new):
            out.append(f"- `{rid}` {title(new)} — " + w(_("changed:")) + "".join(f"\n  - {f}" for f in facts) + "\n")
    return out + ["\n"] if out else []


STATUS = {"A": N_("added"), "D": N_("deleted"), "M": N_("modified"), "R": N_("renamed"),
          "C": N_("copied"), "T": N_("type changed"), "U": N_("unmerged")}


def file_line(c: Change) -> str:
    what = w(_(STATUS[c.status])) if c.status in STATUS else c.status
    where = f"{code(c.old_path)} → {code(c.path)}" if c.old_path else code(c.path)
    mode = (" (" + w(_("mode {before} → {after}", before=c.old_mode, after=c.new_mode)) + ")" if c.status == "M" and c.old_mode != c.new_mode
            and "000000" not in (c.old_mode, c.new_mode) else "")
    link = " (**" + w(_("symlink")) + "**)" if c.symlink else ""
    return f"- {what}: {where}{link}{mode}\n"


def files(changed: list[Change]) -> list[str]:
    return [w(_("Files:")) + "\n\n", *map(file_line, changed), "\n"] if changed else []


def _lock_at(path: Path) -> dict:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return entries if isinstance(entries, dict) else {}
    except (OSError, ValueError):
        return {}


def lock_changes(base_root: Path, root: Path) -> tuple[str, list[str]]:
    """Which statements' lock entries a change to the lock adds, changes or removes (a line for
    the lock file, and an alert when entries are removed: the lock no longer holds them)."""
    was, now = _lock_at(base_root / lock.LOCK_FILE), _lock_at(root / lock.LOCK_FILE)
    parts = [("**" + w(_("removed")) + "**", sorted(was.keys() - now.keys())),
             (w(_("changed")), sorted(sid for sid in was.keys() & now.keys() if was[sid] != now[sid])),
             (w(_("added")), sorted(now.keys() - was.keys()))]
    said = "; ".join(f"{label}: {', '.join(map(code, ids))}" for label, ids in parts if ids)
    gone = parts[0][1]
    return ("  - " + w(_("lock entries {changes}", changes=said)) + "\n" if said else "",
            [w(_("lock entries removed: {ids}", ids=", ".join(map(code, gone))))] if gone else [])


DEVELOPER_NOTE = N_("These files are code, templates, workflows, the lock, the build or tests: **a developer "
                    "must review them** before this is merged; an editor's approval is not enough.")
SECTIONS = (("statements", N_("Statements")), ("members", N_("Members")), ("coalitions", N_("Coalitions")),
            ("events", N_("Events")), ("pages", N_("Hand-written pages")),
            ("assets", N_("Files in docs/ (assets)")), ("data", N_("Other content files")))


def summary(root: Path, revision: str) -> str:
    """Records that failed validation are left out of the comparison and listed as problems."""
    commit = commit_of(root, revision)  # once: an option-like or unknown revision is refused here
    changed = changes(root, commit)
    by_group: dict[str, list[Change]] = {}
    for c in changed:
        by_group.setdefault(group_of(c), []).append(c)
    with tempfile.TemporaryDirectory() as tmp:
        base, _problems = site_at(root, commit, Path(tmp))
        locked, unlocked = lock_changes(Path(tmp), root)
    head, problems = lock.validated(root)
    (said, alerts), (roster, removed) = statements(base, head), members(base, head)
    body = {"statements": said, "members": roster, "coalitions": records(base.coalitions, head.coalitions),
            "events": records(base.events, head.events, title=lambda e: f"{name(e.title)} ({e.date})")}
    developer = by_group.get("developer", [])
    alerts = ([w(_("changed files that need a developer's review (code, templates, workflows, the lock or "
                   "the build): {count}", count=len(developer)))] if developer else []) + unlocked + removed + alerts
    links = [c for c in changed if c.symlink]
    if links:
        alerts.append(w(_("symbolic links changed: {count}", count=len(links))))
    if problems:
        alerts.append(w(_("validation problems: {count}", count=len(problems))))
    out = ["## " + w(_("Changes since {revision}", revision=code(revision))) + "\n\n",
           *([f"> **⚠ {a}**  \n" for a in alerts] + ["\n"] if alerts else [])]
    if developer:
        out += ["### ⚠ " + w(_("For a developer to review")) + f" ({len(developer)})\n\n",
                w(_(DEVELOPER_NOTE)) + "\n\n"]
        for c in developer:
            out.append(file_line(c))
            if lock.LOCK_FILE in (c.path, c.old_path):
                out.append(locked)
        out.append("\n")
    for key, title in SECTIONS:
        lines = body.get(key, []) + files(by_group.get(key, []))
        if lines:
            out += [f"### {w(_(title))}\n\n", *lines]
    if not changed:
        out.append(w(_("Nothing changed.")) + "\n\n")
    # A fence longer than any run of backticks in the messages, which quote editors' text.
    text = "".join(f"{visible(line)}\n" for p in problems for line in p.lines(everyone()))
    fence = "`" * max(3, max(map(len, re.findall("`+", text)), default=0) + 1)
    out += ["### " + w(_("Validation")) + "\n\n",
            *([f"{fence}text\n", text, f"{fence}\n"] if problems
              else [w(_("No problems found.")) + "\n"])]
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        say(_("usage: {command} (a git revision, e.g. main)", command="python -m microsite.tools.review BASE"),
            file=sys.stderr)
        return 2
    sys.stdout.write(summary(Path.cwd(), argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
