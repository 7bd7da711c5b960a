"""Markdown generation: editors' text cannot break the page's structure."""
from __future__ import annotations

import markdown

from microsite import render
from microsite.model import Text


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html"])


def test_names_with_markdown_characters_stay_plain_text():
    name = "A*B*_C_ [x](javascript:alert(1)) <b>|#"
    out = html(f"- **{render.esc(name)}**")
    assert "<em>" not in out and "<a" not in out and "<b>" not in out
    assert "A*B*_C_ [x](javascript:alert(1)) &lt;b&gt;|#" in out


def test_missing_language_is_shown_marked_with_its_language(site_model):
    page = render.Page(site_model, "index.md", "kk")
    assert page.tx(Text(ru="Только по-русски")) == '<span lang="ru">Только по-русски</span>'
    assert page.tx(Text(kk="Қазақша", ru="По-русски")) == "Қазақша"


def test_phone_links_dial_the_same_number():
    assert render.tel("+7 7172 707 616") == "tel:+77172707616"
    assert render.tel("8 701 551 1917") == "tel:87015511917"


def test_generated_pages_come_in_both_languages(site_model):
    out = render.all_pages(site_model)
    stems = {p.rsplit(".", 2)[0] for p in out}
    for stem in stems:
        assert f"{stem}.kk.md" in out and f"{stem}.ru.md" in out
    assert "coalitions/kgi/members.kk.md" in out
