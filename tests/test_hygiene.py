"""Text hygiene and active content: the checks, and the real built site free of active content."""
from __future__ import annotations

import re

import pytest

from htmlparse import Tags
from microsite.hygiene import markdown_problems, position, text_problems


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
