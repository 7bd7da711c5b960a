"""Checks on the text itself: invisible characters, words typed in two alphabets, active content.

No library checks these for Kazakh and Russian prose, so they are ours. Each check returns
(offset in the text, message); the caller turns the offset into a line and column.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from html.parser import HTMLParser

import markdown

from .messages import _

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
        found.append((match.start(), _("invisible character U+{code} ({name}) — delete it; "
                                        "if you cannot see it, retype the words around this place",
                                        code=f"{ord(char):04X}", name=name)))
    for match in WORD.finditer(text):
        word = match.group()
        if word in allowed_words or not (LATIN.search(word) and CYRILLIC.search(word)):
            continue
        latin = "".join(dict.fromkeys(LATIN.findall(word)))
        cyrillic = "".join(dict.fromkeys(CYRILLIC.findall(word)))
        if len(latin) <= len(cyrillic):
            found.append((match.start(), _("the word '{word}' mixes Latin and Cyrillic letters (Latin: "
                                            "{letters}) — retype it in one alphabet; if it is a name "
                                            "written so on purpose, add it to data/allowed-words.yml",
                                            word=word, letters=latin)))
        else:
            found.append((match.start(), _("the word '{word}' mixes Latin and Cyrillic letters (Cyrillic: "
                                            "{letters}) — retype it in one alphabet; if it is a name "
                                            "written so on purpose, add it to data/allowed-words.yml",
                                            word=word, letters=cyrillic)))
    return found


def link_problem(url: str):
    """Why a link may not be published, or ''."""
    cleaned = re.sub(r"[\s\x00-\x1f]", "", url)
    scheme = SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return _("the link '{url}' uses '{scheme}:' — only https:, http:, mailto: and tel: "
                 "links are allowed", url=url[:60], scheme=scheme.group(1))
    return ""


class _Active(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (what to look for in the source, message)

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append((f"<{tag}", _("<{tag}> is not allowed in content — remove it "
                                             "(pages may show text, links and images only)", tag=tag)))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((name, _("the attribute '{name}=' runs code and is not allowed — "
                                           "remove it", name=name)))
            elif name in URL_ATTRIBUTES and value and link_problem(value):
                self.found.append((value.split(":")[0].strip() + ":", link_problem(value)))

    handle_startendtag = handle_starttag


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One converter, reset between texts: setting the extensions up again for every statement
    # was a quarter of this check's time on a 400-statement site.
    return markdown.Markdown(extensions=EXTENSIONS)


def markdown_problems(source: str) -> list[tuple[int, str]]:
    """Active content in Markdown as the site would render it (raw HTML included)."""
    parser = _Active()
    parser.feed(_markdown().reset().convert(source))
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
