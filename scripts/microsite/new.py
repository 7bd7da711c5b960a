"""Scaffolding: a new coalition, member, statement or event as files that pass validation.

Values come from flags, or from questions when a person is at the keyboard. The files are
written, the whole content is validated, and if anything is wrong the files are removed again
and the problems shown: a scaffold never leaves a broken file behind.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from anyascii import anyascii  # Kazakh and Russian letters → Latin, for ids (ә→a, қ→q, ж→zh)

from .load import SCHEMA_LINE, read_site
from .model import COALITION_KINDS, MEMBER_TYPES, SCOPES, STATEMENT_KINDS

# What each kind asks for: (flag, question in Kazakh / Russian, required, choices)
def both(flag: str, kk: str, ru: str) -> list[tuple]:
    """A text asked in both languages: two questions, flags `<flag>_kk` and `<flag>_ru`."""
    return [(f"{flag}_kk", f"{kk} қазақша / {ru} по-казахски", True, None),
            (f"{flag}_ru", f"{kk} орысша / {ru} по-русски", True, None)]


NAME, PLACE = both("name", "Атауы", "Название"), both("place", "Орны", "Место")
QUESTIONS = {
    "member": [*NAME, ("type", "Түрі / Тип", True, MEMBER_TYPES),
               ("coalition", "Коалиция (id)", True, None),
               ("joined", "Қосылған күні / Дата вступления (YYYY-MM-DD)", False, None),
               ("link", "Сайт / Сайт (https://…)", False, None)],
    "coalition": [*NAME, ("kind", "Түрі / Вид", True, COALITION_KINDS),
                  ("scope", "Ауқымы / Масштаб", True, SCOPES), *PLACE,
                  *both("summary", "Қысқаша", "Кратко")],
    "event": [*both("title", "Атауы", "Название"), ("date", "Күні / Дата (YYYY-MM-DD)", True, None),
              *PLACE, ("coalition", "Коалиция (id)", False, None)],
    "statement": [*both("title", "Тақырыбы", "Заголовок"), ("kind", "Түрі / Вид", True, STATEMENT_KINDS),
                  ("coalition", "Коалиция (id)", True, None)],
}
FOLDERS = {"member": "data/members", "coalition": "data/coalitions", "event": "data/events",
           "statement": "docs/statements"}


def add_arguments(parser) -> None:
    parser.add_argument("what", nargs="?", choices=sorted(QUESTIONS))
    parser.add_argument("--id", help="file name; made from the Russian name when not given")
    flags = {flag for questions in QUESTIONS.values() for flag, *_ in questions}
    for flag in sorted(flags):
        parser.add_argument("--" + flag.replace("_", "-"), dest=flag)


def slug(name: str, limit: int = 60) -> str:
    """An id made from a name (also for the join form's members): Latin letters, digits and
    single hyphens, cut between words so that it never ends in a hyphen."""
    words = re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower().replace("'", "")).split()
    out = words[0][:limit] if words else ""
    for word in words[1:]:
        if len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}"
    return out


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML): no value is misread."""
    return json.dumps(text.strip(), ensure_ascii=False)


def ask(kind: str, values: dict, interactive: bool) -> list[str]:
    """Fill missing answers from the keyboard; return the required ones still missing."""
    missing = []
    for flag, question, required, choices in QUESTIONS[kind]:
        while interactive and not values.get(flag):
            hint = f" [{', '.join(choices)}]" if choices else ""
            values[flag] = input(f"{question}{hint}: ").strip()
            if not required or not choices or values[flag] in choices:
                break
            values[flag] = ""
        if required and not values.get(flag):
            missing.append("--" + flag.replace("_", "-"))
    return missing


def render(kind: str, v: dict, note: str = "") -> dict[str, str]:
    """{relative path: file text} for the new record; `note` becomes a comment in a YAML file."""
    def text(key: str, indent: str = "") -> str:
        return f"{indent}{key}:\n{indent}  kk: {q(v[key + '_kk'])}\n{indent}  ru: {q(v[key + '_ru'])}\n"

    head = (SCHEMA_LINE.format(kind=kind) + (f"\n# {note}" if note else "")
            + f"\nid: {q(v['id'])}\n")  # an id may be "off" or "no"
    if kind == "member":
        body = (f"type: {v['type']}\n" + text("name") + (f"link: {q(v['link'])}\n" if v.get("link") else "")
                + f"memberships:\n  - coalition: {q(v['coalition'])}\n"
                + (f"    joined: {v['joined']}\n" if v.get("joined") else ""))
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
    for lang, body in (("kk", "Мәтінді осында жазыңыз."), ("ru", "Напишите текст здесь.")):
        files[f"{FOLDERS[kind]}/{v['id']}.{lang}.md"] = (
            f"---\ntitle: {q(v['title_' + lang])}\nkind: {v['kind']}\ncoalition: {q(v['coalition'])}\n"
            f"status: draft\n---\n\n{body}\n")
    return files


def run(args) -> int:
    what = args.what
    if not what:
        if not sys.stdin.isatty():
            print("say what to create: member, coalition, statement or event", file=sys.stderr)
            return 2
        what = input("Не жасаймыз? / Что создать? [member, coalition, statement, event]: ").strip()
        if what not in QUESTIONS:
            print(f"'{what}' is not one of: member, coalition, statement, event", file=sys.stderr)
            return 2
    values = {k: v for k, v in vars(args).items() if isinstance(v, str) and k != "what"}
    missing = ask(what, values, sys.stdin.isatty())
    if missing:
        print(f"missing: {' '.join(missing)}", file=sys.stderr)
        return 2
    values["id"] = values.get("id") or slug(values.get("name_ru") or values.get("title_ru") or "")
    for key in ("date", "joined"):
        if values.get(key) == "today":
            values[key] = dt.date.today().isoformat()
    files = render(what, values)
    root: Path = args.root
    taken = [rel for rel in files if (root / rel).exists()]
    if taken:
        print(f"{taken[0]} already exists — choose another --id", file=sys.stderr)
        return 1
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    _, problems = read_site(root / "data", root / "docs")
    mine = [p for p in problems if p.path in files]
    if mine:
        for rel in files:
            (root / rel).unlink()
        for problem in mine:
            print(problem, file=sys.stderr)
        print("nothing was created: correct the values above and run it again", file=sys.stderr)
        return 1
    for rel in files:
        print(f"created {rel} — open it to add more")
    return 0
