"""Messages to editors in their language: Kazakh or Russian, from gettext catalogues.

A message is written in the code as its English text with `{named}` placeholders, wrapped in
`_()`:

    ContentError(path, _("the field '{name}' appears twice — keep one", name=name), line, column)

`_()` returns a `Message`: a `str` holding the English text (what tests and developers read),
which also remembers its msgid and values, so it is printed in the editor's language. Values
that are themselves `Message`s are translated too; any other value (a path, a field name, text
quoted from a file) is printed as it is. The translations are in
`locale/{kk,ru}/LC_MESSAGES/messages.po`, read with Babel at the first message printed (no
compiled .mo is committed or built: reading ~200 entries takes milliseconds, and a generated
binary beside the catalogue could drift from it).

The editor's language comes from the locale, with the standard precedence: the first of
`LC_ALL`, `LC_MESSAGES`, `LANG` that is set; `kk…` → Kazakh, `ru…` → Russian, anything else →
both, Kazakh first. `MICROSITE_MESSAGES=en` (set by the tests' conftest) prints the English
source text, for developers and for tests that assert on the English wording.

Adding or translating messages (also those added in English by others):
    1. wrap the literal in `_()`, an f-string's `{expr}` becoming `{name}` + `name=expr`;
    2. `make messages` adds every new msgid to both catalogues (empty) and regenerates the
       message tables of CONTRIBUTING.kk.md / .ru.md;
    3. fill in each new `msgstr` in both .po files (keep the `{placeholders}` and quotes);
       `tests/test_messages.py` fails while any msgid lacks a translation, or a plain string
       reaches `ContentError`.
"""
from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
LANGS = ("kk", "ru")
DOMAIN = "messages"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    """One message, one line: control characters quoted from a file are shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class Message(str):
    """English text that can also be printed in Kazakh and Russian (see the module's doc)."""

    msgid: str
    values: dict

    def __new__(cls, msgid: str, **values):
        self = super().__new__(cls, _format(msgid, values, "en"))
        self.msgid, self.values = msgid, values
        return self

    def text(self, lang: str) -> str:
        """This message in `lang` ("kk", "ru" or "en")."""
        try:
            return _format(translation(self.msgid, lang), self.values, lang)
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide a problem
            return _format(self.msgid, self.values, lang)

    def __reduce__(self):  # pickled with the site (stamp.py): keep what translates it
        return (_rebuild, (self.msgid, self.values))


def _rebuild(msgid: str, values: dict) -> Message:
    return Message(msgid, **values)


def _(msgid: str, **values) -> Message:
    """The message `msgid` (English, `{named}` placeholders) with its values."""
    return Message(msgid, **values)


def N_(msgid: str) -> str:
    """A msgid kept for later (`_(TABLE[key], value=…)`): marked so extraction finds it."""
    return msgid


def _format(template: str, values: dict, lang: str) -> str:
    shown = {k: v.text(lang) if isinstance(v, Message) else v for k, v in values.items()}
    return template.format(**shown)


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """{msgid: translation} of one language; untranslated and fuzzy entries left out."""
    from babel.messages.pofile import read_po  # only when a message is printed in kk/ru

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translation(msgid: str, lang: str) -> str:
    """The translated template; the English one while a translation is missing (a test fails)."""
    if lang == "en":
        return msgid
    return catalogue(lang).get(msgid, msgid)


def editor_langs(environ=None) -> tuple[str, ...]:
    """The languages to answer in: ("kk",), ("ru",), ("en",) or ("kk", "ru")."""
    environ = os.environ if environ is None else environ
    if environ.get("MICROSITE_MESSAGES") in ("en", *LANGS):
        return (environ["MICROSITE_MESSAGES"],)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            lang = value[:2].lower()
            return (lang,) if lang in LANGS else LANGS
    return LANGS


def texts(message: str, langs: tuple[str, ...] | None = None) -> list[str]:
    """The message in each of the editor's languages (a plain str, not yet translatable, as is)."""
    langs = editor_langs() if langs is None else langs
    if not isinstance(message, Message):
        return [escape(message)]
    return [escape(message.text(lang)) for lang in langs]


def say(message: str, file=None, prefix: str = "") -> None:
    """Print a message to an editor: one line per language."""
    for line in texts(message):
        print(prefix + line, file=sys.stdout if file is None else file)


def everyone() -> tuple[str, ...]:
    """The languages of what anyone may read (a pull request, its annotations, an issue): both,
    Kazakh first (English only with the developers' `MICROSITE_MESSAGES=en`)."""
    return ("en",) if os.environ.get("MICROSITE_MESSAGES") == "en" else LANGS


def both(message: str) -> str:
    """Kazakh, then Russian, on one line (for places read by anyone: a pull request, an issue)."""
    return " / ".join(dict.fromkeys(texts(message, everyone())))


# -- keeping the catalogues (`make messages`) ---------------------------------------------------

KEYWORDS = {"_": None, "N_": None}
