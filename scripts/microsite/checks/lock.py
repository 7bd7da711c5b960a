"""Adopted means adopted: `statements.lock.json` records the facts of every adopted statement —
what the coalition said, where, when, and who signed — and each language's corrections.

What is locked, per statement: `kind`, `coalition` (who speaks), `event` (where it was said),
`date`, `adopted`, `signatories` and `source` (where it was first published); per language file:
`title`, `place`, the text (as a hash) and every correction entry (date and reason). Not locked:
the lifecycle (`status`, `withdrawn`, `superseded_by` move on by design) and translation
bookkeeping (`translated_from`, `awaiting_review`, `awaiting_translation`), which say nothing
the coalition said.

A locked fact may change only together with a new correction entry (date + reason) in that
language file's front matter; the site shows the corrections under the statement. Corrections
are append-only: an earlier entry edited or deleted is refused. `make lock` records the facts as
they are now and refuses what `make validate` refuses, so the lock cannot launder a silent edit.
Withdrawn and superseded statements were adopted: they stay locked, and an adopted statement is
never deleted (it is withdrawn instead).

    python -m microsite.checks.lock check    # what `make validate` checks: all content, then the lock
    python -m microsite.checks.lock update   # `make lock`
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

from ..content.errors import ContentError, ContentErrors
from ..content.load import Loader, Reader, read_site
from ..content.model import PUBLISHED_STATUSES, Site, Statement, StatementText
from ..content.yamlsrc import parse
from ..messages import N_, _, say

LOCK_FILE = "statements.lock.json"
RUN_LOCK = _("run `make lock` and commit {file} (in GitHub: Actions → Lock adopted texts → "
             "Run workflow on this branch)", file=LOCK_FILE)
LOCKED_STATUSES = PUBLISHED_STATUSES  # withdrawn and superseded texts were adopted once
# The facts of the statement (the same in both language files) and of each language file.
FACTS = ("kind", "coalition", "event", "date", "adopted", "signatories", "source")
TEXT_FACTS = ("title", "place", "body")
BODY = "body"  # the text below the front matter: hashed, not copied into the lock


def body_hash(body: str) -> str:
    """What readers read (line endings and trailing spaces aside)."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    return "sha256:" + hashlib.sha256("\n".join(lines).strip().encode()).hexdigest()


def _plain(value):
    """A model value as JSON holds it (dates as YYYY-MM-DD, records as objects)."""
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def text_entry(text: StatementText) -> dict:
    return {"title": text.title, "place": text.place, BODY: body_hash(text.body),
            "corrections": _plain([{"date": c.date, "reason": c.reason} for c in text.corrections])}


def entry(s: Statement) -> dict:
    return {**{key: _plain(getattr(s, key)) for key in FACTS},
            "texts": {lang: text_entry(t) for lang, t in sorted(s.texts.items())}}


def changes(was: dict, now: dict, lang: str) -> list[str]:
    """The locked facts that differ between two entries, as seen from one language file."""
    old, new = was["texts"].get(lang, {}), now["texts"].get(lang, {})
    return ([key for key in FACTS if was.get(key) != now.get(key)] +
            [key for key in TEXT_FACTS if old.get(key) != new.get(key)])


def locked(site: Site) -> dict[str, Statement]:
    return {sid: s for sid, s in sorted(site.statements.items()) if s.status in LOCKED_STATUSES}


# -- the lock file ----------------------------------------------------------------------------

def read_lock(root: Path) -> dict:
    path = root / LOCK_FILE
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        lock = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(LOCK_FILE, _("the lock file is damaged ('{problem}'); restore it from git "
                                        "(`git checkout main -- statements.lock.json`) and run `make lock`",
                                        problem=exc.msg), exc.lineno, exc.colno) from None
    if (where := _misshapen(lock)) is not None:
        # JSON is YAML: the YAML reader knows the line and column of every value.
        line, column = parse(text, LOCK_FILE).where(where) if text.strip() else (1, 1)
        raise ContentError(LOCK_FILE, _("the lock file is damaged (this entry is not in the lock's "
                                        "format); restore it from git (`git checkout main -- "
                                        "statements.lock.json`) and run `make lock`"), line, column)
    return lock


def _misshapen(lock) -> tuple | None:
    """Where the lock differs from what `entry` writes, or None."""
    if not isinstance(lock, dict):
        return ()
    for sid, e in lock.items():
        if not isinstance(e, dict) or set(e) != {*FACTS, "texts"} or not isinstance(e["texts"], dict):
            return (sid,)
        for lang, t in e["texts"].items():
            if not isinstance(t, dict) or set(t) != {*TEXT_FACTS, "corrections"}:
                return (sid, "texts", lang)
            if not isinstance(t["corrections"], list):
                return (sid, "texts", lang, "corrections")
            for index, fix in enumerate(t["corrections"]):
                if not isinstance(fix, dict) or set(fix) != {"date", "reason"}:
                    return (sid, "texts", lang, "corrections", index)
    return None


def write_lock(root: Path, lock: dict) -> None:
    (root / LOCK_FILE).write_text(json.dumps(lock, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                                  encoding="utf-8")


# -- checks -----------------------------------------------------------------------------------

class Lines:
    """Where a field of a statement file is, read again only to name a problem's line."""

    def __init__(self, root: Path | None):
        self.root, self.read = root, {}

    def __call__(self, path: str, where: tuple = ()) -> tuple[int, int]:
        if path not in self.read:
            parsed = None
            if self.root is not None and (self.root / path).is_file():
                parsed = Reader(self.root / "data", self.root / "docs").front_matter(self.root / path)
            self.read[path] = parsed
        parsed = self.read[path]
        if parsed is None:
            return 1, 1
        doc, body, body_line = parsed
        if where == (BODY,):  # its first line of text
            return body_line + body[:len(body) - len(body.lstrip())].count("\n"), 1
        return doc.where(where, key=len(where) == 1)


def validated(root: Path, warnings: list[ContentError] | None = None,
              loader: Loader | None = None) -> tuple[Site, list[ContentError]]:
    """`make validate`: every problem in the content, then, only when there is none (with broken
    content, what is adopted cannot be known), every adopted fact changed against the lock.
    `loader`: one holding earlier checks (Loader.restored)."""
    site, found = (loader or Loader(root / "data", root / "docs")).read(warnings)
    return site, found or check(site, root)


def check(site: Site, root: Path) -> list[ContentError]:
    """`make validate`'s part: the lock file read, then `problems`."""
    try:
        return problems(site, read_lock(root), root=root)
    except ContentError as err:
        return [err]


CHANGED = N_("{what} of this adopted statement changed{before}, but there is no new correction entry — "
             "undo the change, or add under 'corrections:' a line '- {{date: YYYY-MM-DD, reason: \"…\"}}' "
             "saying what was corrected, then {run_lock}")


def _show(value) -> str:
    if value in (None, "", []):
        return _("empty")
    text = ", ".join(map(str, value)) if isinstance(value, list) else (
        f"«{value}»" if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 120 else text[:119] + "…"


def removed_added(was: list, now: list) -> tuple[list, list]:
    """Who left a list (signatories) and who came, in the lists' order."""
    return [v for v in was if v not in now], [v for v in now if v not in was]


def _before(key: str, was, now) -> str:
    """What the locked value was; for a list (signatories), who was removed and who added."""
    if key == BODY:
        return ""
    if isinstance(was, list) and isinstance(now, list):
        gone, came = removed_added(was, now)
        if gone and came:
            return _(" (removed: {removed}; added: {added})", removed=_show(gone), added=_show(came))
        if gone or came:
            return (_(" (removed: {ids})", ids=_show(gone)) if gone else _(" (added: {ids})", ids=_show(came)))
        return _(" (reordered)")
    return _(" (locked: {value})", value=_show(was))


def problems(site: Site, lock: dict, unlocked: bool = True, root: Path | None = None,
             first: bool = False) -> list[ContentError]:
    """Every adopted fact that changed silently, every earlier correction edited or deleted, every
    adopted text that disappeared; with `unlocked`, also what `make lock` would record (new, or
    corrected). `root` is where the statement files are, to name the line of each field.
    `first`: the seeds' first lock, which took them without adoption dates (never invented); no
    command of editors' passes it, so an emptied lock cannot re-record their facts."""
    found, at = [], Lines(root)
    statements = locked(site)
    for sid, s in statements.items():
        was, now = lock.get(sid), entry(s)
        for lang, text in sorted(s.texts.items()):
            path = text.path
            if was is None or lang not in was["texts"]:
                # The first lock took the seeds as they were (never invent their dates); every
                # statement adopted since has a date. Not only when the lock has entries: an
                # emptied lock must not bring that exception back and let facts be re-recorded.
                if was is None and s.adopted is None and not first:
                    found.append(ContentError(path, _("'status: {status}' needs the adoption date: "
                                                      "add 'adopted: YYYY-MM-DD' to both language files",
                                                      status=s.status), *at(path, ("status",))))
                if unlocked:
                    found.append(ContentError(path, _("this adopted text is not in the lock yet — {fix}",
                                                      fix=RUN_LOCK), *at(path, ("status",))))
                continue
            old_fixes, new_fixes = was["texts"][lang]["corrections"], now["texts"][lang]["corrections"]
            rewritten = False
            for index, fix in enumerate(old_fixes):
                if index >= len(new_fixes):
                    rewritten = True
                    found.append(ContentError(
                        path, _("the correction entry of {date} («{reason}») was "
                                "deleted — corrections are never deleted or edited: put it back as it was, "
                                "and add a new entry below the others for a new correction",
                                date=fix.get("date"), reason=fix.get("reason")),
                        *at(path, ("corrections",))))
                elif new_fixes[index] != fix:
                    rewritten = True
                    found.append(ContentError(
                        path, _("this earlier correction entry was edited (it was: {date}, "
                                "«{reason}») — corrections are never deleted or edited: put it back "
                                "as it was, and add a new entry below the others for a new correction",
                                date=fix.get("date"), reason=fix.get("reason")),
                        *at(path, ("corrections", index))))
            changed = changes(was, now, lang)
            corrected = len(new_fixes) > len(old_fixes) and not rewritten
            if changed and not corrected:
                for key in changed:
                    what = _("the text") if key == BODY else f"'{key}'"
                    side = (was, now) if key in FACTS else (was["texts"][lang], now["texts"][lang])
                    before = _before(key, side[0].get(key), side[1].get(key))
                    found.append(ContentError(path, _(CHANGED, what=what, before=before, run_lock=RUN_LOCK),
                                              *at(path, (key,))))
            elif unlocked and not rewritten and (changed or new_fixes != old_fixes):
                found.append(ContentError(path, _("the correction is not in the lock yet — {fix}", fix=RUN_LOCK),
                                          *at(path, ("corrections",))))
    for sid, e in sorted(lock.items()):
        for lang in sorted(e["texts"]):
            if sid not in statements or lang not in statements[sid].texts:
                found.append(ContentError(
                    f"docs/statements/{sid}.{lang}.md",
                    _("this adopted text is gone (deleted, renamed, or no longer adopted) — an adopted "
                      "statement stays published: restore the file and set 'status: withdrawn' instead")))
    return sorted(found, key=lambda p: (p.path, p.line, p.column))


def updated(site: Site, lock: dict, root: Path | None = None, first: bool = False) -> dict:
    """The new lock; refuses (raises) what `problems` calls a silent change or a removal."""
    refusals = problems(site, lock, unlocked=False, root=root, first=first)
    if refusals:
        raise ContentErrors(refusals)
    return {sid: entry(s) for sid, s in locked(site).items()}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv not in (["check"], ["update"]):
        say(_("usage: {command}", command="python -m microsite.checks.lock check|update"), file=sys.stderr)
        return 2
    root = Path.cwd()
    site, found = read_site(root / "data", root / "docs")
    if not found and argv == ["check"]:  # with broken content, what is adopted cannot be known
        found = check(site, root)
    elif not found:
        try:
            new = updated(site, read_lock(root), root)
        except ContentError as damaged:
            found = [damaged]
        except ContentErrors as refused:
            found = refused.errors
        else:
            write_lock(root, new)
            say(_("{file}: adopted texts locked: {count}", file=LOCK_FILE,
                  count=sum(len(e["texts"]) for e in new.values())))
            return 0
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        return 1
    say(_("adopted texts: as locked"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
