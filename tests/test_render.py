"""Markdown generation: editors' text cannot break the page's structure."""
from __future__ import annotations

import markdown
from microsite.content.model import Text
from microsite.pages import paths, render


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html"])


def test_names_with_markdown_characters_stay_plain_text():
    name = "A*B*_C_ [x](javascript:alert(1)) <b>|#"
    out = html(f"- **{render.esc(name)}**")
    assert "<em>" not in out and "<a" not in out and "<b>" not in out
    assert "A*B*_C_ [x](javascript:alert(1)) &lt;b&gt;|#" in out


def test_names_cannot_become_attribute_lists_links_or_list_items():
    for name in ["Қор { onclick=alert(1) }", "Қор {: .md-button onmouseover=alert(1) }",
                 "x](javascript:alert(1)){href=javascript:alert(1)}", "![x](https://evil.example/x.png)",
                 "`код`", "- тізім", "1. тізім", "+ x"]:
        for line in (f"- **{render.esc(name)}**", f"## {render.esc(name)}", render.esc(name),
                     f"[{render.esc(name)}](../a/)"):
            out = html(line)
            assert "onclick" not in out.split(">", 1)[0] and "<img" not in out and "<code" not in out, out
            assert "<li" not in out or line.startswith("- **"), out
            assert name.replace("<", "&lt;") in out, (name, out)
            assert len(out.split('href="')) <= 2 and "javascript" not in out.split(">")[0], out


def test_link_targets_cannot_close_the_link():
    for url in ["https://example.org){href=javascript:alert(1)}", 'https://example.org/" onmouseover="x',
                "https://example.org/a b", "https://example.org/x><img src=x onerror=alert(1)>"]:
        for line in (f"[x]({render.target(url)})", f"<{render.target(url)}>"):
            out = html(line)
            assert out.count("<a ") == 1 and "<img" not in out and " onmouseover=" not in out, out
            assert 'href="javascript' not in out and "{" not in out.split("</a>")[1], out
    assert render.target("https://ru.wikipedia.org/wiki/Қазақстан_(ел)") == \
        "https://ru.wikipedia.org/wiki/Қазақстан_%28ел%29"


def test_missing_language_is_shown_marked_with_its_language(site_model):
    page = render.Page(site_model, "index.md", "kk")
    assert page.tx(Text(ru="Только по-русски")) == '<span lang="ru">Только по-русски</span>'
    assert page.tx(Text(kk="Қазақша", ru="По-русски")) == "Қазақша"


def test_phone_links_dial_the_same_number():
    assert render.tel("+7 7172 707 616") == "tel:+77172707616"
    assert render.tel("8 701 551 1917") == "tel:87015511917"


def test_generated_pages_come_in_both_languages(site_model):
    out = render.all_pages(site_model)
    for base in {paths.split_lang(p)[0] for p in out}:
        assert paths.with_lang(base, "kk") in out and paths.with_lang(base, "ru") in out
    assert "coalitions/kgi/members.kk.md" in out
