"""Checks on the text itself: invisible characters, words typed in two alphabets, active content.

No library checks these for Kazakh and Russian prose, so they are ours. Each check returns
(offset in the text, message); the caller turns the offset into a line and column.
"""
from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import markdown

# Invisible or direction-changing characters: they hide typos and can reorder what readers see.
# (Soft hyphen, zero-width spaces and joiners, bidi marks/embeddings/isolates, BOM, C0/C1 controls.)
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                       "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WORD = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u052f]")

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "style", "form", "frame", "frameset",
               "applet", "base", "meta", "link", "svg", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
# The Markdown extensions the site renders editors' text with (mkdocs.yml): the same output is checked.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]


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


def link_problem(url: str) -> str:
    """Why a link may not be published, or ''."""
    cleaned = re.sub(r"[\s\x00-\x1f]", "", url)
    scheme = SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return (f"the link '{url[:60]}' uses '{scheme.group(1)}:' — only https:, http:, mailto: "
                "and tel: links are allowed")
    return ""


class _Active(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (what to look for in the source, message)

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append((f"<{tag}", f"<{tag}> is not allowed in content — remove it "
                               "(pages may show text, links and images only)"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((name, f"the attribute '{name}=' runs code and is not allowed — "
                                   "remove it"))
            elif name in URL_ATTRIBUTES and value and link_problem(value):
                self.found.append((value.split(":")[0].strip() + ":", link_problem(value)))

    handle_startendtag = handle_starttag


def markdown_problems(source: str) -> list[tuple[int, str]]:
    """Active content in Markdown as the site would render it (raw HTML included)."""
    parser = _Active()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    parser.close()
    return [(_locate(source, needle), message) for needle, message in parser.found]


def _locate(source: str, needle: str) -> int:
    """Where the rendered problem was typed: its text, else its first word (`javascript&#58;`)."""
    lowered = source.lower()
    for candidate in (needle.lower(), needle.lower().rstrip(":")):
        if candidate in lowered:
            return lowered.find(candidate)
    return 0


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), counted from 1, of `offset` in `text`."""
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
