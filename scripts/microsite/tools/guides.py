"""The table of messages in the editors' guides (CONTRIBUTING.kk.md, CONTRIBUTING.ru.md),
generated from the message catalogues so that it can never drift from what editors are told.

    python -m microsite.messages update   # `make messages`: catalogues, then these tables

The table lies between two marker lines in each guide; everything else there is hand-written.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .. import messages
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
    for msgid, places in messages.extract().items():
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
