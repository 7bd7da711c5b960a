"""Editors read every message in their language: the catalogues are complete, nothing reaches
them in English, and `make validate` on the real bad files speaks Kazakh, Russian, or both."""
from __future__ import annotations

import ast
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, copy_project
from microsite import messages
from microsite.content.errors import ContentError
from microsite.messages import _, editor_langs
from microsite.tools import guides
from test_validate import EXPECTED

PACKAGE = ROOT / "scripts" / "microsite"
BAD = ROOT / "tests" / "bad"
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def po(lang: str):
    with (messages.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return {m.id: m for m in read_po(f, locale=lang) if m.id}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", messages.LANGS)
def test_every_message_has_a_translation_with_the_same_placeholders(lang):
    catalogue, used = po(lang), guides.extract()
    untranslated = [msgid for msgid in used if not (msgid in catalogue and catalogue[msgid].string)]
    assert not untranslated, f"run `make messages` and translate in {lang}: {untranslated}"
    fuzzy = [m.id for m in catalogue.values() if m.fuzzy]
    assert not fuzzy, fuzzy
    for msgid in used:
        assert fields(catalogue[msgid].string) == fields(msgid), (lang, msgid, catalogue[msgid].string)
    # The catalogue is what the code uses: `make messages` was run after the last change.
    assert set(catalogue) == set(used), set(catalogue) ^ set(used)


def test_every_message_is_a_format_template():
    """A stray brace in a msgid (a schema's errorMessage is one too) would end `make validate`
    in a traceback when the message is made: every brace is a placeholder or doubled."""
    for msgid, places in guides.extract().items():
        try:
            names = fields(msgid)
        except ValueError as exc:  # a lone brace
            raise AssertionError(f"{places[0]}: {msgid!r}: {exc}") from None
        assert all(name.isidentifier() for name in names), (places[0], msgid, names)
        if places[0].startswith("data/schema/"):  # given with no values
            assert not names, (places[0], msgid, names)


def test_a_new_untranslated_message_is_caught(tmp_path, monkeypatch):
    """What another change adds in English fails the completeness test until translated."""
    extra = tmp_path / "microsite"
    shutil.copytree(PACKAGE, extra, ignore=shutil.ignore_patterns("__pycache__"))
    (extra / "extra.py").write_text('from .messages import _\nX = _("a brand new problem — fix it")\n',
                                    encoding="utf-8")
    monkeypatch.setattr(messages, "__file__", str(extra / "messages.py"))
    used = guides.extract()
    assert "a brand new problem — fix it" in used
    assert "a brand new problem — fix it" not in po("kk")


MESSAGE_CALLS = {"ContentError": 1, "ContentWarning": 1, "error": 1, "_at": 3, "say": 0, "Refusal": None}
# Modules whose every print is read by editors (the benchmark's and workflows' logs are not).
EDITORS_MODULES = ("cli.py", "new.py", "lock.py", "review.py", "stage.py", "load.py", "validate.py",
                   "schema.py", "yamlsrc.py", "hygiene.py", "errors.py")


def english_literal(node) -> bool:
    """A string typed in the code with words in it (not only punctuation or placeholders)."""
    parts = node.values if isinstance(node, ast.JoinedStr) else [node]
    return any(isinstance(p, ast.Constant) and isinstance(p.value, str) and re.search("[A-Za-z]{2}", p.value)
               for p in parts)


def offences(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name == "_" and node.args and not isinstance(node.args[0], (ast.Constant, ast.Subscript, ast.Name)):
            found.append(f"{filename}:{node.lineno}: _() of a computed string")
        if name == "print" and filename in EDITORS_MODULES and node.args and english_literal(node.args[0]):
            found.append(f"{filename}:{node.lineno}: print() of English words")
        index = MESSAGE_CALLS.get(name)
        if index is None or len(node.args) <= index:
            continue
        arg = node.args[index]
        if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            found.append(f"{filename}:{node.lineno}: {name}() with a plain string")
    return found


def test_messages_reach_editors_through_the_catalogue():
    """No editor-facing call is given a plain English literal or f-string: it must be `_()`,
    and `_()` takes a literal (extracted into the catalogues), never an f-string."""
    found = [o for path in sorted(PACKAGE.rglob("*.py")) for o in offences(path.read_text(encoding="utf-8"), path.name)]
    assert not found, "wrap these in _() (see messages.py):\n" + "\n".join(found)


def test_what_another_change_might_add_in_english_is_caught():
    source = """
ContentError(path, f"the field '{name}' is odd — fix it", 1, 1)
doc.error(where, "a new English problem")
_at(documents, path, where, "another")
x = _(f"no f-strings in a msgid {name}")
print(f"{count} problems found", file=sys.stderr)
ContentError(path, _("fine: {name}", name=name))
print(problem)
"""
    assert [o.split(": ", 1)[0] for o in offences(source, "validate.py")] == [
        "validate.py:2", "validate.py:3", "validate.py:4", "validate.py:5", "validate.py:6"]


@pytest.mark.parametrize("environ, langs", [
    ({"LANG": "kk_KZ.UTF-8"}, ("kk",)),
    ({"LANG": "ru_RU.UTF-8"}, ("ru",)),
    ({"LANG": "C.UTF-8"}, ("kk", "ru")),
    ({"LANG": "en_US.UTF-8"}, ("kk", "ru")),
    ({}, ("kk", "ru")),
    ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "kk_KZ.UTF-8"}, ("kk",)),
    ({"LANG": "kk_KZ.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"}, ("kk", "ru")),
    ({"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}, ("ru",)),
])
def test_the_language_comes_from_the_locale(environ, langs):
    assert editor_langs(environ) == langs


def test_a_message_keeps_quoted_values_and_translates_nested_ones():
    message = _("unknown field '{key}' — {fix}", key="nmae", fix=_("did you mean '{close}'?", close="name"))
    assert message == "unknown field 'nmae' — did you mean 'name'?"
    assert message.text("kk") == "белгісіз өріс 'nmae' — 'name' деп жазғыңыз келді ме?"
    assert message.text("ru") == "неизвестное поле 'nmae' — может быть, 'name'?"
    error = ContentError("data/members/x.yml", message, 5, 1)
    assert error.lines(("kk", "ru")) == ["data/members/x.yml:5:1: белгісіз өріс 'nmae' — 'name' деп жазғыңыз келді ме?",
                                         "data/members/x.yml:5:1: неизвестное поле 'nmae' — может быть, 'name'?"]


# -- the language of every line `make validate` prints on the bad-file corpus ------------------

QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»|`[^`\n]*`")
# What is not words: paths and file names, U+XXXX, numbers, ids with hyphens, flags.
TECHNICAL = re.compile(r"\S*[/.@_][^\s,;:()]*|U\+[0-9A-F]{4}|--[a-z-]+|\b[\w-]*\d[\w-]*\b")
LOCATION = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


def words_of(message: str) -> str:
    """The message less what stays as typed: quoted text, paths, field names in quotes."""
    return TECHNICAL.sub(" ", QUOTED.sub(" ", message))


def language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    assert letters, text
    latin = [c for c in letters if c.isascii()]
    assert not latin, f"English (Latin letters {''.join(latin)!r}) in: {text}"
    return "kk" if KAZAKH_LETTERS & set(letters) else "ru"


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("bad"))
    for path in BAD.rglob("*"):
        if path.is_file():
            (project / path.relative_to(BAD)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, project / path.relative_to(BAD))
    return project


def validate_in(project: Path, locale: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MICROSITE_MESSAGES", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                          capture_output=True, text=True, timeout=120, env={**env, "LANG": locale})


@pytest.mark.parametrize("locale, expected", [("kk_KZ.UTF-8", ["kk"]), ("ru_RU.UTF-8", ["ru"]),
                                              ("C.UTF-8", ["kk", "ru"])])
def test_every_line_of_make_validate_is_in_the_editors_language(bad_project, locale, expected):
    result = validate_in(bad_project, locale)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    problems = [LOCATION.match(line) for line in lines[:-len(expected)]]
    assert all(problems), [line for line, m in zip(lines, problems) if not m]
    assert len(problems) == len(EXPECTED) * len(expected)  # every problem of the corpus
    seen = [language(words_of(m.group("message"))) for m in problems]
    # One line per language for each problem, in the same place, Kazakh first.
    assert seen == expected * (len(seen) // len(expected)), list(zip(seen, lines))
    for first, second in zip(problems[::2], problems[1::2]) if len(expected) == 2 else ():
        assert first.group("path", "line", "column") == second.group("path", "line", "column")
    summary = lines[-len(expected):]
    assert [language(words_of(line)) for line in summary] == expected
    # What stays as typed is there in every language: the quoted value and the field's name.
    assert any("'nmae'" in line and "'name'" in line for line in lines)


def test_english_only_for_developers_who_ask_for_it(bad_project):
    env = {**os.environ, "MICROSITE_MESSAGES": "en", "LANG": "kk_KZ.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(bad_project), "validate"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert "unknown field 'nmae' — did you mean 'name'?" in result.stderr


# -- the hostile corpus: the newer checks (published files, limits, look-alikes, the lock) ----

@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    from overlay import HOSTILE, expect, overlay
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for case in sorted(HOSTILE.iterdir()):
        if expect(case.name) == "refused":
            overlay(case.name, project)
    return project


@pytest.mark.parametrize("locale, lang", [("kk_KZ.UTF-8", "kk"), ("ru_RU.UTF-8", "ru")])
def test_every_refusal_of_the_hostile_corpus_is_in_the_editors_language(hostile_project, locale, lang):
    result = validate_in(hostile_project, locale)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *lines, summary = result.stderr.splitlines()
    problems = [LOCATION.match(line) for line in lines]
    assert len(problems) > 40 and all(problems), [line for line, m in zip(lines, problems) if not m]
    assert [m.string for m in problems if language(words_of(m.group("message"))) != lang] == []
    assert language(words_of(summary)) == lang


@pytest.mark.parametrize("locale, expected", [("kk_KZ.UTF-8", ["kk"]), ("ru_RU.UTF-8", ["ru"]),
                                              ("C.UTF-8", ["kk", "ru"])])
@pytest.mark.parametrize("argv, kept", [(["new", "qqq"], "'qqq'"), (["frobnicate"], "'frobnicate'"),
                                        (["new", "member", "--bogus"], "--bogus")])
def test_a_mistyped_command_is_answered_in_the_editors_language(locale, expected, argv, kept):
    """argparse words its refusals in English: the editors' commands answer in theirs."""
    env = {k: v for k, v in os.environ.items() if k not in ("MICROSITE_MESSAGES", "LC_ALL", "LC_MESSAGES")}
    result = subprocess.run([sys.executable, "-m", "microsite", *argv], capture_output=True, text=True,
                            timeout=60, env={**env, "LANG": locale}, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert [language(words_of(line.split(": ", 1)[1])) for line in lines] == expected, lines
    assert all(kept in line and "--help`" in line for line in lines)


def test_a_message_inside_an_f_string_is_still_in_the_catalogue():
    """Babel's extractor does not read inside f-strings: `f"{_('file')}"` would stay English
    unless the msgid is also used where it can be found."""
    import ast
    extracted = guides.extract()
    lost = []
    for path in sorted((ROOT / "scripts" / "microsite").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "_"
                            and call.args and isinstance(call.args[0], ast.Constant)
                            and call.args[0].value not in extracted):
                        lost.append(f"{path.name}:{call.lineno}: {call.args[0].value!r}")
    assert not lost, lost
