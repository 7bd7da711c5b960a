"""Scaffolding: a new coalition, member, statement or event as files that pass validation.

Values come from flags, or from questions when a person is at the keyboard. Every answer is
checked as it is given and asked again with the reason; the choices are listed (coalition ids
with their names, member types…); an organisation that already has a file is recognised, and the
membership is added to that file instead (when the editor agrees). Files are written only at
the end, then the whole content is validated: if anything is wrong, or the editor stops
(Ctrl-C), nothing is left behind, and the answers are printed as a command to run again.
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import shlex
import sys
import textwrap
from pathlib import Path

from anyascii import (
    anyascii,  # Kazakh and Russian letters → Latin, for ids (ә→a, қ→q, ж→zh)
)

from ..checks import hygiene, schema, validate
from ..content import load
from ..content.load import SCHEMA_LINE, read_site
from ..content.model import (
    COALITION_KINDS,
    LANGS,
    MEMBER_TYPES,
    SCOPES,
    STATEMENT_KINDS,
    Site,
)
from ..messages import _, editor_langs, say, texts
from ..messages import both as both_langs
from ..pages import words


def both(flag: str, kk, ru) -> list[tuple]:
    """A text asked in both languages: two questions, flags `<flag>_kk` and `<flag>_ru`."""
    return [(f"{flag}_kk", kk, True, None), (f"{flag}_ru", ru, True, None)]


# What each kind asks for: (flag, question, required, choices: a tuple, or "coalition")
NAME = both("name", _("Name in Kazakh"), _("Name in Russian"))
PLACE = both("place", _("Place in Kazakh"), _("Place in Russian"))
QUESTIONS = {
    "member": [*NAME, ("type", _("Type of member"), True, MEMBER_TYPES),
               ("coalition", _("Coalition"), True, "coalition"),
               ("joined", _("Date of joining, YYYY-MM-DD (Enter: none)"), False, None),
               ("link", _("Website, https://… (Enter: none)"), False, None)],
    "coalition": [*NAME, ("kind", _("Kind of coalition"), True, COALITION_KINDS),
                  ("scope", _("Scope"), True, SCOPES), *PLACE,
                  *both("summary", _("Summary in Kazakh"), _("Summary in Russian"))],
    "event": [*both("title", _("Title in Kazakh"), _("Title in Russian")),
              ("date", _("Date, YYYY-MM-DD"), True, None), *PLACE,
              ("coalition", _("Coalition (Enter: none)"), False, "coalition")],
    "statement": [*both("title", _("Title in Kazakh"), _("Title in Russian")),
                  ("kind", _("Kind of statement"), True, STATEMENT_KINDS),
                  ("coalition", _("Coalition"), True, "coalition")],
}
FOLDERS = {**{kind: f"data/{folder}" for folder, kind in load.FOLDERS.items()},
           "statement": "docs/statements"}
KINDS = tuple(QUESTIONS)
# The words shown beside each choice (the site's own, in i18n.py).
CHOICE_WORDS = {MEMBER_TYPES: "type", COALITION_KINDS: "kind", SCOPES: "scope", STATEMENT_KINDS: "statement"}
WHAT_WORDS = {"member": _("a member organisation"), "coalition": _("a coalition"),
              "statement": _("a statement"), "event": _("an event")}
YES, NO = {"y", "yes", "иә", "ия", "и", "да", "д"}, {"n", "no", "жоқ", "жок", "ж", "нет", "н"}


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with our words: no English "usage:", no ids cut at their hyphens."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, both_langs(_("usage")) + ": ")

    def _split_lines(self, text, width):
        return textwrap.wrap(text, width, break_on_hyphens=False)


def add_arguments(parser) -> None:
    """Every flag, with its allowed values, in Kazakh and Russian (`python -m microsite new --help`)."""
    parser.formatter_class = HelpFormatter
    # argparse's own headings are English; these are its documented attributes' only values.
    parser._positionals.title = both_langs(_("what to create"))
    parser._optionals.title = both_langs(_("flags"))
    parser.description = both_langs(_("Creates a member, coalition, statement or event as files "
                                       "that pass validation. What is not given as a flag is asked."))
    parser.add_argument("-h", "--help", action="help", help=both_langs(_("show this help and exit")))
    parser.add_argument("what", nargs="?", choices=KINDS, metavar="{" + ",".join(KINDS) + "}",
                        help=both_langs(_("what to create: {choices}", choices=", ".join(KINDS))))
    parser.add_argument("--id", help=both_langs(_("the file name: lowercase Latin letters, digits and "
                                                  "hyphens; made from the Russian name when not given")))
    seen: dict[str, list] = {}
    for kind, questions in QUESTIONS.items():
        for flag, question, required, choices in questions:
            seen.setdefault(flag, []).append((kind, question, choices))
    for flag, asked in sorted(seen.items()):
        kinds = [kind for kind, _q, _c in asked]
        question, choices = asked[0][1], asked[0][2]
        text = texts(question, ("kk", "ru"))
        if isinstance(choices, tuple) and len({c for _k, _q, c in asked}) > 1:  # --kind: per kind
            text = ["/".join(dict.fromkeys(texts(_("Kind"), ("kk", "ru"))))]
            allowed = "; ".join(f"{kind}: {', '.join(c)}" for kind, _q, c in asked)
        elif isinstance(choices, tuple):
            allowed = ", ".join(choices)
        elif choices == "coalition":
            allowed = both_langs(_("the id of a file in data/coalitions/"))
        elif flag in ("joined", "date"):
            allowed = both_langs(_("YYYY-MM-DD or 'today'"))
        elif flag == "link":
            allowed = "https://…"
        else:
            allowed = both_langs(_("text"))
        helptext = f"{' / '.join(dict.fromkeys(text))} ({', '.join(sorted(kinds))}): {allowed}"
        parser.add_argument("--" + flag.replace("_", "-"), dest=flag, metavar="…",
                            help=helptext.replace("%", "%%"))


def slug(name: str, limit: int = 60) -> str:
    """An id made from a name (also for the join form's members): Latin letters, digits and
    single hyphens, cut between words so that it never ends in a hyphen."""
    parts = re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower().replace("'", "")).split()
    out = parts[0][:limit] if parts else ""
    for word in parts[1:]:
        if len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}"
    return out


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML): no value is misread."""
    return json.dumps(text.strip(), ensure_ascii=False)



# -- checking each answer as it is given ----------------------------------------------------------

DATE_DMY = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


def check_date(value: str):
    """(the date as YYYY-MM-DD, or None) and the reason it is refused."""
    if value == "today":
        return dt.date.today().isoformat(), None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat(), None
    except ValueError:
        return None, _("'{value}' is not a day of the calendar — check the month and the day", value=value)
    dmy = DATE_DMY.match(value)
    if dmy:
        day, month, year = (int(x) for x in dmy.groups())
        try:
            guess = dt.date(year, month, day).isoformat()
        except ValueError:
            guess = "YYYY-MM-DD"
        return None, _("'{value}': a date is written year-month-day, YYYY-MM-DD — here: {guess}",
                       value=value, guess=guess)
    return None, _("'{value}' is not a date — write it as YYYY-MM-DD (year-month-day), e.g. 2024-05-10",
                   value=value)


def check_link(value: str):
    if not schema.web_link(value):
        return None, _("'{value}' is not a web address — it starts with https:// (copy it from the "
                       "browser's address bar)", value=value)
    return value, None


def check_text(value: str):
    found = hygiene.text_problems(value)
    if found:
        return None, found[0][1]
    if validate.PLACEHOLDER.match(value):
        return None, _("'{value}' is a placeholder, not a name — write the real name", value=value)
    return value, None


def check(flag: str, value: str, required: bool, choices, site: Site):
    """(the value to keep, or None) and why it is refused."""
    value = value.strip()
    if not value:
        return (None, _("an answer is needed here")) if required else ("", None)
    if isinstance(choices, tuple):
        if value.isdigit() and 1 <= int(value) <= len(choices):
            return choices[int(value) - 1], None
        if value not in choices:
            return None, _("'{value}' is not one of the choices — type its number or its id", value=value)
        return value, None
    if choices == "coalition":
        if value.isdigit() and 1 <= int(value) <= len(site.coalitions):
            return sorted(site.coalitions)[int(value) - 1], None
        if value not in site.coalitions:
            close = difflib.get_close_matches(value, site.coalitions, n=1)
            if close:
                return None, _("there is no coalition '{value}' — did you mean '{close}'?", value=value,
                               close=close[0])
            return None, _("there is no coalition '{value}' — type its number or its id from the list",
                           value=value)
        return value, None
    if flag in ("joined", "date"):
        return check_date(value)
    if flag == "link":
        return check_link(value)
    if flag == "id":
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            return None, _("'{value}' cannot be a file name — use lowercase Latin letters, digits and "
                           "single hyphens", value=value)
        return value, None
    return check_text(value)


def listing(choices, site: Site) -> list[str]:
    """The numbered choices, each with its name in the editor's language(s)."""
    if choices == "coalition":
        return [f"  {n}. {cid} — {both_names(c.name)}" for n, (cid, c) in
                enumerate(sorted(site.coalitions.items()), 1)]
    word = CHOICE_WORDS[choices]
    return [f"  {n}. {choice} — {' / '.join(dict.fromkeys(words.t(lang, f'{word}.{choice}') for lang in langs()))}"
            for n, choice in enumerate(choices, 1)]


def langs() -> tuple[str, ...]:
    """The editor's languages for names and choices (both for the developers' English)."""
    chosen = editor_langs()
    return ("kk", "ru") if chosen == ("en",) else chosen


def both_names(text) -> str:
    """A name in the editor's language(s)."""
    return " / ".join(dict.fromkeys(v for v in (getattr(text, lang) for lang in langs()) if v)) or text.kk or text.ru


def prompt(question) -> str:
    return " / ".join(dict.fromkeys(texts(question))) + ": "


def answer(question, flag: str, required: bool, choices, site: Site) -> str:
    """Asks until the answer passes its check; Ctrl-C / Ctrl-D end everything (nothing written)."""
    if choices:
        for line in listing(choices, site):
            print(line)
    while True:
        value, reason = check(flag, input(prompt(question)), required, choices, site)
        if reason is None:
            return value
        say(reason, prefix="  ↳ ")


def yes(question) -> bool:
    while True:
        reply = input(prompt(question) + "[иә/да | жоқ/нет] ").strip().casefold()
        if reply in YES or reply in NO:
            return reply in YES
        say(_("answer yes or no: иә / да or жоқ / нет"), prefix="  ↳ ")


def ask(kind: str, values: dict, interactive: bool, site: Site) -> list[str]:
    """Check the given values and ask for what is missing or wrong; return the required flags
    still missing (without a keyboard). Raises `Existing` when the member already has a file."""
    missing = []
    for flag, question, required, choices in QUESTIONS[kind]:
        given = values.get(flag)
        if given:
            value, reason = check(flag, given, required, choices, site)
            if reason is not None:
                say(_("--{flag}: {reason}", flag=flag.replace("_", "-"), reason=reason), file=sys.stderr)
                if not interactive:
                    raise Refused()
                given = None
            else:
                values[flag] = value
        if not given and interactive:
            values[flag] = answer(question, flag, required, choices, site)
        if required and not values.get(flag):
            missing.append("--" + flag.replace("_", "-"))
        if kind == "member" and flag in ("name_kk", "name_ru", "link") and values.get(flag):
            existing = validate.listed_member(site, (values.get("name_kk", ""), values.get("name_ru", "")),
                                              values.get("link") or "")
            if existing is not None:
                raise Existing(existing)
    return missing


class Refused(Exception):
    """A value given as a flag is wrong (already said why)."""


class Existing(Exception):
    def __init__(self, member):
        self.member = member
        super().__init__(member.path)


def render(kind: str, v: dict, note: str = "") -> dict[str, str]:
    """{relative path: file text} for the new record; `note` becomes a comment in a YAML file."""
    def text(key: str, indent: str = "") -> str:
        return f"{indent}{key}:\n{indent}  kk: {q(v[key + '_kk'])}\n{indent}  ru: {q(v[key + '_ru'])}\n"

    head = (SCHEMA_LINE.format(kind=kind) + (f"\n# {note}" if note else "")
            + f"\nid: {q(v['id'])}\n")  # an id may be "off" or "no"
    if kind == "member":
        body = (f"type: {v['type']}\n" + text("name") + (f"link: {q(v['link'])}\n" if v.get("link") else "")
                + "memberships:\n" + membership(v["coalition"], v.get("joined")))
        return {f"{FOLDERS[kind]}/{v['id']}.yml": head + body}
    if kind == "coalition":
        body = (text("name") + f"kind: {v['kind']}\nscope: {v['scope']}\n" + text("place")
                + text("summary"))
        return {f"{FOLDERS[kind]}/{v['id']}.yml": head + body}
    if kind == "event":
        body = (text("title") + f"date: {v['date']}\n" + text("place")
                + (f"coalition: {q(v['coalition'])}\n" if v.get("coalition") else ""))
        return {f"{FOLDERS[kind]}/{v['id']}.yml": head + body}
    files = {}
    for lang in LANGS:
        files[f"{FOLDERS[kind]}/{v['id']}.{lang}.md"] = (
            f"---\ntitle: {q(v['title_' + lang])}\nkind: {v['kind']}\ncoalition: {q(v['coalition'])}\n"
            f"status: draft\n---\n\n{words.t(lang, 'new.statement.body')}\n")
    return files


def membership(coalition: str, joined: str | None) -> str:
    """One item of a member file's `memberships:` list: in a new file and added to an old one."""
    return f"  - coalition: {q(coalition)}\n" + (f"    joined: {joined}\n" if joined else "")


def again(kind: str, values: dict) -> str:
    """The command that gives these answers again: an answer is never lost."""
    args = [kind] + [x for flag, value in values.items() if value and flag != "what"
                     for x in ("--" + flag.replace("_", "-"), value)]
    return " ".join([".venv/bin/python -m microsite new", *map(shlex.quote, args)])


def write_checked(root: Path, files: dict[str, str], originals: dict[str, str | None]) -> list:
    """Write `files`, validate all content; on a problem in them (or any interruption) put every
    file back as it was. Returns the problems in these files."""
    done = False
    try:
        for rel, text in files.items():
            path = root / rel
            tmp = path.with_name(f".{path.name}.new")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)  # a file is either all there or not at all
        _site, problems = read_site(root / "data", root / "docs")
        mine = [p for p in problems if p.path in files]
        done = not mine
        return mine
    finally:
        if not done:
            for rel, old in originals.items():
                path = root / rel
                path.with_name(f".{path.name}.new").unlink(missing_ok=True)
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_text(old, encoding="utf-8")


def add_membership(root: Path, member, values: dict, interactive: bool, site: Site) -> int:
    """The existing member's file gets the coalition under `memberships:` (its other lines as
    they are)."""
    say(_("«{name}» already has a file: {path} — one organisation has one file: its new coalition is "
          "added to 'memberships' there, not as a new file", name=both_names(member.name), path=member.path),
        file=sys.stdout if interactive else sys.stderr)
    if not interactive or not yes(_("Add the membership to {path} now?", path=member.path)):
        say(_("nothing was created: add '- coalition: <id>' under 'memberships:' in {path}", path=member.path),
            file=sys.stderr)
        return 1
    already = {m.coalition for m in member.memberships}
    coalition = values.get("coalition") if values.get("coalition") in site.coalitions else None
    while coalition is None or coalition in already:
        if coalition in already:
            say(_("{path} is already a member of '{coalition}'", path=member.path, coalition=coalition))
        coalition = answer(_("Coalition"), "coalition", True, "coalition", site)
    question = next(asked for flag, asked, *_rest in QUESTIONS["member"] if flag == "joined")
    joined = values.get("joined") or answer(question, "joined", False, None, site)
    rel = member.path
    text = (root / rel).read_text(encoding="utf-8")
    updated = insert_membership(text, membership(coalition, joined))
    if updated is None:
        say(_("{path}: 'memberships' is not a simple list — add '- coalition: {coalition}' by hand",
              path=rel, coalition=coalition), file=sys.stderr)
        return 1
    problems = write_checked(root, {rel: updated}, {rel: text})
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        say(_("nothing was changed"), file=sys.stderr)
        return 1
    say(_("{path}: membership of '{coalition}' added", path=rel, coalition=coalition))
    return 0


def insert_membership(text: str, item: str) -> str | None:
    """`text` with `item` as the last entry of its block list `memberships:`, or None."""
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if line.rstrip() == "memberships:"), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    indent = re.match(r"\s*", lines[start + 1]).group() if end > start + 1 else "  "
    body = "".join(indent + line[2:] if line.startswith("  ") else line for line in item.splitlines(True))
    if lines[end - 1].endswith("\n") is False:
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + body + "".join(lines[end:])


def run(args) -> int:
    interactive = sys.stdin.isatty()
    root: Path = args.root
    what = args.what
    while not what:
        if not interactive:
            say(_("say what to create: {choices}", choices=", ".join(KINDS)), file=sys.stderr)
            return 2
        for n, kind in enumerate(KINDS, 1):
            print(f"  {n}. {kind} — {' / '.join(dict.fromkeys(texts(WHAT_WORDS[kind])))}")
        reply = input(prompt(_("What to create?"))).strip()
        what = KINDS[int(reply) - 1] if reply.isdigit() and 1 <= int(reply) <= len(KINDS) else (
            reply if reply in KINDS else "")
        if not what:
            say(_("'{value}' is not one of the choices — type its number or its id", value=reply)
                if reply else _("an answer is needed here"), prefix="  ↳ ")
    site, _problems = read_site(root / "data", root / "docs")  # what is valid: ids and names to offer
    values = {k: v for k, v in vars(args).items() if isinstance(v, str) and k not in ("what",)}
    try:
        missing = ask(what, values, interactive, site)
    except Refused:
        say(_("nothing was created"), file=sys.stderr)
        return 1
    except Existing as existing:
        return add_membership(root, existing.member, values, interactive, site)
    if missing:
        say(_("missing: {flags}", flags=" ".join(missing)), file=sys.stderr)
        return 2
    values["id"] = values.get("id") or slug(values.get("name_ru") or values.get("title_ru") or "")
    files = render(what, values)
    taken = [rel for rel in files if (root / rel).exists()]
    while taken:
        say(_("{path} already exists and is another record — choose another --id", path=taken[0]),
            file=sys.stderr)
        if not interactive:
            return 1
        values["id"] = answer(_("File name (id)"), "id", True, None, site)
        files = render(what, values)
        taken = [rel for rel in files if (root / rel).exists()]
    mine = write_checked(root, files, {rel: None for rel in files})
    if mine:
        for problem in mine:
            print(problem, file=sys.stderr)
        say(_("nothing was created: correct the values above and run it again"), file=sys.stderr)
        say(_("your answers: {command}", command=again(what, values)), file=sys.stderr)
        return 1
    for rel in files:
        say(_("created {path} — open it to add more", path=rel))
    return 0
