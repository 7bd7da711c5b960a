"""A declaration printed from the real built site on A4: its whole text, place and date, and
signatories; none of the site's navigation. Chromium prints it to PDF; pypdf reads it back.
The PDF is kept in tests/screenshots/ for people to look at."""
from __future__ import annotations

import io
import re

import pytest
from chromium import launch, serve
from microsite.pages import seo, words
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from test_browser import SHOTS

A4 = (595.3, 841.9)  # points
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
          ".md-footer", ".ms-menu", ".md-search"]


def normalized(text: str) -> str:
    """Letters and digits only: PDF text breaks lines and hyphenates where the screen did not."""
    return re.sub(r"[\W_]+", "", text).casefold()


@pytest.fixture(scope="module")
def printed(built):
    out = {}
    with sync_playwright() as p, serve(built) as base:
        browser = launch(p)
        for lang in ("kk", "ru"):
            page = browser.new_page()
            page.goto(base + ("ru/" if lang == "ru" else "") + "statements/kgi-declaration/")
            page.emulate_media(media="print")
            hidden = {sel: page.locator(sel).first.is_hidden() for sel in CHROME if page.locator(sel).count()}
            pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
            SHOTS.mkdir(exist_ok=True)
            (SHOTS / f"declaration-{lang}.pdf").write_bytes(pdf)
            out[lang] = hidden, PdfReader(io.BytesIO(pdf))
            page.close()
        browser.close()
    return out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_declaration_prints_on_a4_without_navigation(printed, lang):
    hidden, pdf = printed[lang]
    assert len(hidden) >= 5, hidden
    assert all(hidden.values()), f"printed: {[s for s, h in hidden.items() if not h]}"
    for page in pdf.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, size
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Іздеу" not in text and "Поиск" not in text, "the search box was printed"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_declaration_prints_whole_text_place_date_and_signatories(printed, site_model, lang):
    _hidden, pdf = printed[lang]
    printed_text = normalized(" ".join(page.extract_text() for page in pdf.pages))
    s = site_model.statements["kgi-declaration"]
    text = s.text_for(lang)
    paragraphs = [seo.plain(p) for p in re.split(r"\n\s*\n", text.body) if seo.plain(p)]
    assert len(paragraphs) > 5
    missing = [p[:60] for p in paragraphs if normalized(p) not in printed_text]
    assert not missing, f"not printed: {missing}"
    assert normalized(text.title) in printed_text
    assert normalized(text.place) in printed_text and normalized(words.date(s.date, lang)) in printed_text
    for member in s.signatories:
        assert normalized(site_model.members[member].name.get(lang)) in printed_text, member
    assert normalized(words.t(lang, "signatories")) in printed_text
