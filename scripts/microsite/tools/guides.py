"""The table of messages in the editors' guides (CONTRIBUTING.kk.md, CONTRIBUTING.ru.md),
generated from the message catalogues so that it can never drift from what editors are told.

    python -m microsite.tools.guides update   # `make messages`: catalogues, then these tables

The table lies between two marker lines in each guide; everything else there is hand-written.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from .. import messages
from ..content.yamlsrc import nodes
from ..pages import words

ROOT = Path(__file__).resolve().parents[3]
GUIDES = {"kk": ROOT / "CONTRIBUTING.kk.md", "ru": ROOT / "CONTRIBUTING.ru.md"}
START = "<!-- messages: generated from scripts/microsite/locale by `make messages`; do not edit -->"
END = "<!-- /messages -->"
# The modules whose messages are listed, in this order, each named in the table by its words
# `guide.<module>` (words.UI: where its messages come from, as editors meet them); modules not
# listed (make new's questions, the review summary's headings) are not problems to look up.
LISTED = ("yamlsrc.py", "load.py", "schema.py", "schema", "hygiene.py", "validate.py", "lock.py", "stage.py",
          "files.py")


def _cell(text: str) -> str:
    """A message as Markdown table text: placeholders as «…», nothing read as markup."""
    text = re.sub(r"\{\{|\}\}", lambda m: m.group()[0], re.sub(r"(?<!\{)\{[a-z_]+\}(?!\})", "…", text))
    text = html.escape(text.replace("\\", "\\\\"), quote=False).replace("|", "\\|")
    return re.sub(r"([*_`\[\]])", r"\\\1", text)


def table(lang: str) -> str:
    catalogue = messages.catalogue(lang)
    rows = []
    for msgid, places in extract().items():
        origin = "schema" if places[0].startswith("data/schema/") else places[0].rpartition("/")[2]
        # A problem says what and how to fix it; shorter msgids are parts of one ("a number").
        if (origin in LISTED and len(msgid) >= 20 and not msgid.startswith("{")
                and (" — " in msgid or "; " in msgid or ": " in msgid)):
            rows.append((LISTED.index(origin), _cell(catalogue.get(msgid, msgid)),
                         words.t(lang, f"guide.{origin}")))
    head, what = words.t(lang, "guide.message"), words.t(lang, "guide.checks")
    lines = [f"| {head} | {what} |", "|---|---|"]
    lines += [f"| {text} | {check} |" for _, text, check in sorted(rows, key=lambda r: r[0])]
    return "\n".join(lines) + "\n"


def generated(lang: str, text: str) -> str:
    """The guide's text with its table as the catalogues give it."""
    before, start, rest = text.partition(START + "\n")
    _table, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"{GUIDES[lang].name}: the lines {START!r} and {END!r} are missing")
    return before + START + "\n" + table(lang) + END + after


def write() -> None:
    for lang, path in GUIDES.items():
        text = path.read_text(encoding="utf-8")
        new = generated(lang, text)
        if new != text:
            path.write_text(new, encoding="utf-8")


# The catalogues: every msgid of the code and the schemas (`make messages`).
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "data" / "schema"


def extract() -> dict[str, list[str]]:
    """{msgid: [where it is used]} of every message in the code and the schemas' errorMessage."""
    import json

    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    package = Path(messages.__file__).parent
    for filename, line, msgid, _comments, _context in extract_from_dir(
            package, [("**.py", "python")], keywords=messages.KEYWORDS):
        found.setdefault(msgid, []).append(filename)  # no line numbers: no churn on every edit

    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        for _where, node in nodes(json.loads(path.read_text(encoding="utf-8"))):
            if isinstance(node, dict) and isinstance(node.get("errorMessage"), str):
                found.setdefault(node["errorMessage"], []).append(f"data/schema/{path.name}")
    return found


def update() -> list[tuple[str, str]]:
    """Add every msgid of the code to both catalogues (untranslated) and drop the ones no longer
    used; returns (language, msgid) still waiting for a translation."""
    import datetime as dt

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    fixed = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)  # no date churn in the .po files
    used = extract()
    waiting = []
    for lang in messages.LANGS:
        path = messages.LOCALE_DIR / lang / "LC_MESSAGES" / f"{messages.DOMAIN}.po"
        old = {}
        if path.is_file():
            with path.open("rb") as po:
                old = {m.id: m for m in read_po(po, locale=lang) if m.id}
        catalog = Catalog(locale=lang, domain=messages.DOMAIN, project="microsite", version="1",
                          creation_date=fixed, revision_date=fixed, fuzzy=False,
                          msgid_bugs_address="the repository's issues",
                          last_translator="the coalitions' editors", language_team=lang,
                          header_comment=f"# Messages to editors, {lang}: see scripts/microsite/messages.py.\n"
                                         "# `make messages` adds new msgids; translate each msgstr.")
        for msgid, places in used.items():
            was = old.get(msgid)
            catalog.add(msgid, was.string if was else "", locations=[], auto_comments=places[:1],
                        flags=("python-brace-format",) if "{" in msgid else ())
            if not (was and was.string):
                waiting.append((lang, msgid))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=100, omit_header=False, include_lineno=False)
    messages.catalogue.cache_clear()
    return waiting


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["update"]:
        waiting = update()
        write()
        for lang, msgid in waiting:
            print(f"{lang}: untranslated: {msgid}")
        return 1 if waiting else 0
    print("usage: python -m microsite.tools.guides update", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
