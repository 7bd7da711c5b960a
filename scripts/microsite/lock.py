"""Adopted texts are locked: `statements.lock.json` records a hash of each adopted statement's
text in each language, and how many corrections it had then.

An adopted text may change only together with a new correction entry (date + reason) in that
language file's front matter; the site shows the corrections under the statement. `make lock`
records the texts as they are now and refuses a change that has no new correction, so the lock
cannot be used to launder a silent edit. Withdrawn and superseded statements were adopted: their
texts stay locked, and an adopted statement is never deleted (it is withdrawn instead).

    python -m microsite.lock check    # what `make validate` checks: all content, then the lock
    python -m microsite.lock update   # `make lock`
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from .errors import ContentError, ContentErrors
from .messages import _, say
from .load import read_site
from .model import PUBLISHED_STATUSES, Site, Statement, StatementText

LOCK_FILE = "statements.lock.json"
RUN_LOCK = _("run `make lock` and commit {file} (in GitHub: Actions → Lock adopted texts → "
             "Run workflow on this branch)", file=LOCK_FILE)
LOCKED_STATUSES = PUBLISHED_STATUSES  # withdrawn and superseded texts were adopted once


def text_hash(text: StatementText) -> str:
    """What readers read: the title and the body (line endings and trailing spaces aside)."""
    lines = [line.rstrip() for line in f"{text.title}\n{text.body}".replace("\r\n", "\n").split("\n")]
    return "sha256:" + hashlib.sha256("\n".join(lines).strip().encode()).hexdigest()


def entry(text: StatementText) -> dict:
    return {"sha256": text_hash(text), "corrections": len(text.corrections)}


def locked(site: Site) -> dict[str, Statement]:
    return {sid: s for sid, s in sorted(site.statements.items()) if s.status in LOCKED_STATUSES}


def read_lock(root: Path) -> dict:
    path = root / LOCK_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ContentError(LOCK_FILE, _("the lock file is damaged ('{problem}'); restore it from git "
                                        "(`git checkout main -- statements.lock.json`) and run `make lock`",
                                        problem=exc.msg), exc.lineno, exc.colno) from None


def validated(root: Path, warnings: list[ContentError] | None = None) -> tuple[Site, list[ContentError]]:
    """`make validate`: every problem in the content, then, only when there is none (with broken
    content, what is adopted cannot be known), every adopted text changed against the lock."""
    site, found = read_site(root / "data", root / "docs", warnings)
    return site, found or check(site, root)


def check(site: Site, root: Path) -> list[ContentError]:
    """`make validate`'s part: the lock file read, then `problems`."""
    try:
        return problems(site, read_lock(root))
    except ContentError as err:
        return [err]


def problems(site: Site, lock: dict, unlocked: bool = True) -> list[ContentError]:
    """Every adopted text that changed silently or disappeared; with `unlocked`, also those
    that `make lock` would record (new, or corrected)."""
    found = []
    statements = locked(site)
    for sid, s in statements.items():
        for lang, text in sorted(s.texts.items()):
            was = lock.get(sid, {}).get(lang)
            now = entry(text)
            if was is None:
                # The first lock (none yet) took the seeds as they were: never invent their dates.
                if lock and sid not in lock and s.adopted is None:
                    found.append(ContentError(text.path, _("'status: {status}' needs the adoption date: "
                                              "add 'adopted: YYYY-MM-DD' to both language files",
                                              status=s.status)))
                if unlocked:
                    found.append(ContentError(text.path, _("this adopted text is not in the lock yet — {fix}",
                                                           fix=RUN_LOCK)))
            elif now["sha256"] != was["sha256"]:
                if now["corrections"] <= was["corrections"]:
                    found.append(ContentError(text.path, _("this adopted text has changed, but there is no "
                                              "new correction entry — undo the change, or add under "
                                              "'corrections:' a line '- {{date: YYYY-MM-DD, reason: \"…\"}}' "
                                              "saying what was corrected, then {fix}", fix=RUN_LOCK)))
                elif unlocked:
                    found.append(ContentError(text.path, _("the corrected text is not in the lock yet — {fix}",
                                                           fix=RUN_LOCK)))
    for sid, langs in sorted(lock.items()):
        for lang in sorted(langs):
            if sid not in statements or lang not in statements[sid].texts:
                found.append(ContentError(
                    f"docs/statements/{sid}.{lang}.md",
                    _("this adopted text is gone (deleted, renamed, or no longer adopted) — an adopted "
                      "statement stays published: restore the file and set 'status: withdrawn' instead")))
    return found


def updated(site: Site, lock: dict) -> dict:
    """The new lock; refuses (raises) what `problems` calls a silent change or a removal."""
    refusals = problems(site, lock, unlocked=False)
    if refusals:
        raise ContentErrors(refusals)
    return {sid: {lang: entry(t) for lang, t in sorted(s.texts.items())}
            for sid, s in locked(site).items()}


def write_lock(root: Path, lock: dict) -> None:
    (root / LOCK_FILE).write_text(json.dumps(lock, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                                  encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv not in (["check"], ["update"]):
        say(_("usage: {command}", command="python -m microsite.lock check|update"), file=sys.stderr)
        return 2
    root = Path.cwd()
    site, found = read_site(root / "data", root / "docs")
    if not found and argv == ["check"]:  # with broken content, what is adopted cannot be known
        found = check(site, root)
    elif not found:
        try:
            new = updated(site, read_lock(root))
        except ContentError as damaged:
            found = [damaged]
        except ContentErrors as refused:
            found = refused.errors
        else:
            write_lock(root, new)
            say(_("{file}: adopted texts locked: {count}", file=LOCK_FILE, count=sum(map(len, new.values()))))
            return 0
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        return 1
    say(_("adopted texts: as locked"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
