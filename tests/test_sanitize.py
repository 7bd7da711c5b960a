"""The one allowlist (sanitize.py): what it keeps — everything the site's own Markdown makes —
what it removes, and where `make validate` says it would change an editor's text."""
from __future__ import annotations

import markdown
import pytest
from conftest import ROOT
from microsite.checks.hygiene import markdown_problems, position
from microsite.content.load import FRONT_MATTER
from microsite.pages import render, sanitize
from mkdocs.config import load_config


@pytest.fixture(scope="module")
def site_markdown():
    """A converter with the site's own Markdown extensions and settings (mkdocs.yml)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)


def test_keeps_everything_the_generated_pages_make(site_model, site_markdown):
    """Every generated page of the real content (statements' bodies included), converted as
    the site converts it: the allowlist removes nothing (the built site's content is the same
    before and after sanitizing)."""
    pages = render.all_pages(site_model)
    assert len(pages) > 50
    for path, text in pages.items():
        body = text[FRONT_MATTER.match(text).end():]
        html = site_markdown.reset().convert(body)
        assert sanitize.changes(html) == [], path


def test_keeps_admonitions_tables_icons_and_our_classes(site_markdown):
    source = ('!!! warning "Назар"\n\n    Мәтін.\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n'
              ':material-rss: [x](../a.md){ .md-button .ms-x } ![логотип](../assets/logo.png)\n\n'
              '<div lang="ru" class="ms-review" markdown>\n\n*Текст*\n\n</div>\n')
    html = site_markdown.reset().convert(source)
    assert 'align="right"' in html and "<svg" in html and 'class="admonition warning"' in html
    assert sanitize.changes(html) == []
    assert sanitize.clean(html) == sanitize.clean(sanitize.clean(html))


@pytest.mark.parametrize("html, gone, kept", [
    ('<a href="javascript:alert(1)">x</a>', "javascript", "<a>x</a>"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "script:", "<a>x</a>"),
    ('<a href="https://kgi.kz/a" onclick="alert(1)">x</a>', "onclick", 'href="https://kgi.kz/a"'),
    ('<img src="https://evil.example/x.png" alt="x">', "evil", 'alt="x"'),
    ('<img src="//evil.example/x.png">', "evil", "<img>"),
    ('<img src="../assets/logo.png">', "", 'src="../assets/logo.png"'),
    ('<img src="data:image/png;base64,AAAA">', "data:", "<img>"),
    ('<p style="position:fixed">x</p>', "style", "<p>x</p>"),
    ('<div hidden>x</div>', "hidden", "<div>x</div>"),
    ("<p>a<!-- note -->b</p>", "note", "<p>ab</p>"),
    ('<p class="md-dialog ms-meta">x</p>', "md-dialog", 'class="ms-meta"'),
    ('<h2 id="__search">x</h2>', "__search", "<h2>x</h2>"),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "onerror", ""),
    ("<title><img src=x onerror=alert(1)></title>t", "img", "t"),
    ('<textarea><img src=x onerror=alert(1)></textarea>', "img", ""),
    ('<svg onload="alert(1)"><path d="M0"/></svg>', "onload", '<path d="M0">'),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "evil", ""),
    ("<style>@import url(https://evil.example/y.css)</style>", "evil", ""),
    ('<form action="https://evil.example/"><input name="x"></form>', "evil", ""),
])
def test_removes(html, gone, kept):
    cleaned = sanitize.clean(html)
    assert (gone == "" or gone not in cleaned) and kept in cleaned, cleaned


def test_a_title_from_a_heading_is_text_only():
    assert sanitize.text('A &lt;b&gt; <img src=x onerror=alert(1)> <!-- c -->') == "A &lt;b&gt;  "


@pytest.mark.parametrize("value, kept", [
    ("feed.xml", True), ("../ru/feed.xml", True), ("/feed.xml", True), ("javascript:alert(1)", False),
    ("https://evil.example/feed", False), ("//evil.example/feed", False), (None, False), (1, False),
])
def test_site_path(value, kept):
    assert sanitize.site_path(value) == (value if kept else "")


# The inputs, as editors would type them in a statement: each reported where typed.
@pytest.mark.parametrize("source, line, column, words", [
    ("Мәтін.\n\n<!--> <img src=x onerror=alert(1)> -->\n", 3, 1, "an HTML comment"),
    ("Мәтін.\n\n<!--> <img src=x onerror=alert(1)> -->\n", 3, 18, "'onerror=' runs code"),
    ("Мәтін.\n\n<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n", 3, 1,
     "<noscript> is not allowed"),
    ("a\n\n<title><img src=x onerror=alert(1)></title>\n", 3, 1, "<title> is not allowed"),
    ("a\n\n<textarea><img src=x onerror=alert(1)></textarea>\n", 3, 1, "<textarea> is not allowed"),
    ('a\n\n<div style="position:fixed;inset:0">Жалған</div>\n', 3, 6, "'style=' is removed"),
    ("a\n\n<div hidden>Жасырын</div>\n", 3, 6, "'hidden=' on <div>"),
    ("a\n\n![x](https://evil.example/x.png)\n", 3, 6, "the image 'https://evil.example/x.png'"),
    ("a\n\n[x](javascript&#58;alert(1))\n", 3, 5, "the link 'javascript:alert(1)'"),
    ("a\n\n*x*{ onmouseover=alert(1) }\n", 3, 6, "'onmouseover=' runs code"),
    ("a\n\n[x](#b){ #__drawer }\n", 3, 11, "the id '__drawer' belongs to the theme"),
    ('a\n\n<p class="md-dialog">x</p>\n', 3, 11, "the class 'md-dialog'"),
])
def test_validation_says_where_sanitizing_would_change_the_text(source, line, column, words):
    found = [(position(source, offset), message) for offset, message in markdown_problems(source)]
    assert any(at == (line, column) and words in message for at, message in found), found


def test_two_handlers_are_two_places():
    source = '<p onclick="a()">x</p>\n\n<p onclick="b()">y</p>\n'
    assert [position(source, o)[0] for o, _ in markdown_problems(source)] == [1, 3]
