"""Checks on the text itself: invisible characters, words typed in two alphabets, active content.

No library checks these for Kazakh and Russian prose, so they are ours. Each check returns
(offset in the text, message); the caller turns the offset into a line and column.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import markdown

from . import sanitize

# Invisible or direction-changing characters: they hide typos and can reorder what readers see.
# (Soft hyphen, zero-width spaces and joiners, bidi marks/embeddings/isolates, BOM, C0/C1 controls.)
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                       "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WORD = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u052f]")

# The Markdown extensions the site renders editors' text with (mkdocs.yml): the same output is checked.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}  # `align=`, not `style=`


def text_problems(text: str, allowed_words: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    found = []
    for match in INVISIBLE.finditer(text):
        char = match.group()
        name = unicodedata.name(char, "control character")
        found.append((match.start(), f"invisible character U+{ord(char):04X} ({name}) — delete it; "
                      "if you cannot see it, retype the words around this place"))
    for match in WORD.finditer(text):
        word = match.group()
        if word in allowed_words or not (LATIN.search(word) and CYRILLIC.search(word)):
            continue
        latin = "".join(dict.fromkeys(LATIN.findall(word)))
        cyrillic = "".join(dict.fromkeys(CYRILLIC.findall(word)))
        minority, alphabet = (latin, "Latin") if len(latin) <= len(cyrillic) else (cyrillic, "Cyrillic")
        found.append((match.start(), f"the word '{word}' mixes Latin and Cyrillic letters ({alphabet}: "
                      f"{minority}) — retype it in one alphabet; if it is a name written so on purpose, "
                      "add it to data/allowed-words.yml"))
    return found


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One converter, reset between texts: setting the extensions up again for every statement
    # was a quarter of this check's time on a 400-statement site.
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def markdown_problems(source: str) -> list[tuple[int, str]]:
    """Every place where the site's sanitizer (sanitize.py) would change the HTML this Markdown
    renders to: what the browser would get is checked, not the source."""
    found, cursors = [], {}
    for needle, message in sanitize.changes(_markdown().reset().convert(source)):
        offset = _locate(source, needle, cursors.get(needle.lower(), 0))
        cursors[needle.lower()] = offset + 1
        found.append((offset, message))
    return found


def _locate(source: str, needle: str, start: int = 0) -> int:
    """Where the rendered problem was typed: its text, else its first word (`javascript&#58;`)."""
    lowered = source.lower()
    for candidate in (needle.lower(), needle.lower().rstrip(":"), needle.lower()[:8]):
        if candidate and candidate in lowered[start:]:
            return lowered.find(candidate, start)
        if candidate and candidate in lowered:
            return lowered.find(candidate)
    return 0


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), counted from 1, of `offset` in `text`."""
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
