"""Text hygiene and active content: the checks, and the real built site free of active content."""
from __future__ import annotations

import re
import time

import pytest
import yaml
from conftest import ROOT
from htmlparse import Tags
from hypothesis import given
from hypothesis import strategies as st
from microsite.checks.hygiene import (
    MAX_NESTING,
    MAX_OPEN_BRACKETS,
    markdown_limits,
    markdown_problems,
    plain_source,
    position,
    skeleton,
    text_problems,
)
from microsite.content import load, yamlsrc


def test_mixed_alphabets_are_found_in_both_directions():
    [(offset, message)] = text_problems("Біз қoғамдық ұйымбыз")  # Latin o in a Kazakh word
    assert offset == 4 and "'қoғамдық'" in message and "(Latin: o)" in message
    [(_, message)] = text_problems("Electiоn day")  # Cyrillic о in an English word
    assert "(Cyrillic: о)" in message
    assert text_problems("НАQ", frozenset({"НАQ"})) == []  # a name written so on purpose
    assert text_problems("COVID-19 және Telegram, «Ақ жол»") == []


def test_invisible_and_bidi_characters():
    found = text_problems("a\u200bb\u202ec\u00add\u2066e")
    assert [offset for offset, _ in found] == [1, 3, 5, 7]
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in found[1][1]


@pytest.mark.parametrize("url, bad", [
    ("https://t.me/joi", False), ("mailto:a@b.kz", False), ("tel:+77010000000", False),
    ("../members/", False), ("#top", False), ("javascript:alert(1)", True),
    (" JaVaScRiPt:alert(1)", True), ("java&#x09;script:alert(1)", True), ("data:text/html,x", True),
    ("vbscript:x", True), ("file:///etc/passwd", True),
])
def test_link_schemes(url, bad):
    assert bool(markdown_problems(f'<a href="{url}">x</a>\n')) == bad


def test_markdown_is_checked_as_rendered():
    source = "Text\n\n[x](javascript&#58;alert(1))\n\n[y](https://a.kz){onmouseover=alert(1)}\n"
    found = markdown_problems(source)
    assert [position(source, o)[0] for o, _ in found] == [3, 5]
    assert "javascript:" in found[0][1] and "'onmouseover='" in found[1][1]
    assert markdown_problems("# Title\n\n**bold** [link](https://a.kz) ![img](img.png)\n") == []


def test_built_site_carries_no_active_content_from_content(built):
    """Every page body: no script/iframe/object/embed/style/form, no on* handlers, no
    javascript:/data:/vbscript: links. (Material's own scripts sit outside <article>.)"""
    for path in built.rglob("*.html"):
        match = re.search(r"<article.*?</article>", path.read_text(encoding="utf-8"), re.S)
        if not match:
            continue
        tags = Tags(match.group(0))
        for name in ("script", "iframe", "object", "embed", "style", "form"):
            assert not tags.find(name), (path, name)
        for _, attrs in tags.tags:
            for attr, value in attrs.items():
                assert not attr.startswith("on"), (path, attr)
                if attr in ("href", "src"):
                    scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value or "")
                    assert not scheme or scheme.group(1) in ("http", "https", "mailto", "tel"), (path, value)


# -- limits: nesting and open brackets are refused before the converter sees them ----------------

def test_deep_nesting_is_refused_at_its_line_before_parsing():
    """A 300-deep list ended `make validate` in a RecursionError inside Python-Markdown."""
    source = "".join("    " * i + "- level\n" for i in range(300))
    [(offset, message)] = markdown_limits(source)
    assert position(source, offset) == (MAX_NESTING + 1, 1) and "21 levels deep" in message
    for flat in ("> " * 300 + "x\n", "- " * 300 + "x\n", "1. " * 300 + "x\n"):
        assert "levels deep" in markdown_limits(flat)[0][1]


def test_ordinary_nesting_rules_and_code_pass():
    source = ("- one\n    - two\n        - three\n\n> quote\n> > reply\n\n---\n\n"
              + "-" * 80 + "\n\n* * *\n\n    code\n")
    assert markdown_limits(source) == []
    assert markdown_limits("".join("    " * i + "- x\n" for i in range(MAX_NESTING))) == []


def test_open_brackets_are_refused_in_linear_time():
    """8 KB of '[' took Python-Markdown 6 s (32 KB: 202 s) per conversion: quadratic."""
    source = "Text\n\n" + "[" * 32_000
    started = time.perf_counter()
    [(offset, message)] = markdown_limits(source)
    assert time.perf_counter() - started < 0.5
    assert position(source, offset) == (3, MAX_OPEN_BRACKETS + 1) and "'\\['" in message


def test_brackets_closed_escaped_or_in_other_paragraphs_pass():
    links = "".join(f"[link {i}](https://a.kz/{i}) " for i in range(300))
    escaped = "\\[" * 300
    paragraphs = "\n\n".join("[" * MAX_OPEN_BRACKETS for _ in range(10))
    assert markdown_limits(f"{links}\n\n{escaped}\n\n{paragraphs}\n") == []


def test_the_converter_is_never_reached_past_the_limits(monkeypatch):
    """The loader reports the limit and skips the conversion that would take minutes."""
    from microsite.content import load
    calls = []
    monkeypatch.setattr(load.hygiene, "markdown_problems", lambda text: calls.append(text) or [])
    reader = load.Reader(ROOT / "data", ROOT / "docs")
    reader.check_text("docs/x.kk.md", "[" * 5000, 1, 1, markdown=True)
    reader.check_text("docs/y.kk.md", "[ok](https://a.kz)", 1, 1, markdown=True)
    assert calls == ["[ok](https://a.kz)"]
    assert [p.path for p in reader.problems] == ["docs/x.kk.md"]


def test_a_nesting_the_limits_miss_is_still_a_message(monkeypatch):
    from microsite.content import load

    def deep(text):
        raise RecursionError
    monkeypatch.setattr(load.hygiene, "markdown_problems", deep)
    reader = load.Reader(ROOT / "data", ROOT / "docs")
    reader.check_text("docs/x.kk.md", "text", 4, 1, markdown=True)
    assert [str(p) for p in reader.problems] == [
        "docs/x.kk.md:4:1: this text is nested too deep to be read (lists, quotes or HTML inside "
        "each other) — flatten it"]


# -- look-alikes and blank names -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["\u3164", "\u2800\u2800", "\u115f\u1160", "\uffa0", "Фонд\U000e0041"])
def test_filler_characters_are_invisible_characters(name):
    found = text_problems(name)
    assert found and all("invisible character" in message for _, message in found)


def test_letters_of_any_other_alphabet_in_a_word_are_found():
    [(_, message)] = text_problems("Αбадан")  # Greek capital alpha
    assert "mixes Greek and Cyrillic letters (Greek: Α)" in message
    [(_, message)] = text_problems("Қазақстaн")  # Latin a: the message editors already know
    assert "mixes Latin and Cyrillic letters (Latin: a)" in message
    assert text_problems("Ελλάδα Қазақстан Kazakhstan") == []


def test_skeletons_fold_look_alikes_of_every_alphabet():
    assert skeleton("ΑΒΕ") == skeleton("АВЕ") == skeleton("ABE")  # Greek, Cyrillic, Latin
    assert skeleton("раураl") == skeleton("paypal")
    assert skeleton("Абай") != skeleton("Абал")


def test_a_text_that_takes_too_long_is_stopped_with_a_message(monkeypatch):
    """The last resort for a slow pattern the limits do not know: a time limit per text."""
    from microsite.content import load
    monkeypatch.setattr(load.hygiene, "MAX_SECONDS", 0.2)
    monkeypatch.setattr(load.hygiene, "markdown_problems", lambda text: time.sleep(5) or [])
    reader = load.Reader(ROOT / "data", ROOT / "docs")
    started = time.perf_counter()
    reader.check_text("docs/x.kk.md", "text", 3, 1, markdown=True)
    assert time.perf_counter() - started < 2
    [problem] = reader.problems
    assert str(problem).startswith("docs/x.kk.md:3:1: this text takes more than 0.2 s to read")


def test_the_time_limit_is_lifted_after_the_text():
    import signal

    from microsite.checks.hygiene import time_limit
    before = signal.getsignal(signal.SIGALRM)
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # no late alarm
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# -- a whole file looked at once ------------------------------------------------------------------

# Letters of three alphabets, invisible characters, and what YAML treats specially.
TRICKY = st.text(alphabet=st.sampled_from(list("aoQ АаоҚқ Αα\u200b\u00ad\\\"'\n\t#:-{}[]|>")), max_size=30)


@given(value=TRICKY, style=st.sampled_from([None, '"', "'", "|", ">"]), raw=st.booleans())
def test_a_plain_source_holds_no_text_with_a_problem(value, style, raw):
    """What lets the loader skip the check of each text in most files: whatever YAML reads from
    a plain source (written by a YAML writer in any style, or typed as it is) is itself plain."""
    source = f"name: {value}\n" if raw else yaml.dump({"name": value}, allow_unicode=True, default_style=style)
    doc = yamlsrc.read(source, "x.yml")
    texts = [text for _where, text in load.strings(doc.data)] if doc.readable else []
    if plain_source(source):
        assert all(text_problems(text) == [] for text in texts), (source, texts)


def test_escapes_and_files_with_problems_are_checked_text_by_text():
    assert not plain_source('name: "Абадан\\u200b"\n')  # an escape: YAML makes the character
    assert not plain_source("name: Қазақстaн\n") and not plain_source("name: a\u200bb\n")
    assert plain_source("# comment\nname:\n  kk: «Ақ жол» Telegram\n  ru: COVID-19\n")
