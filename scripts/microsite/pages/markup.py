"""Editors' Markdown rendered once per text: the HTML, what the allowlist keeps of it, and what
it removes.

Validation names every place where sanitizing would change an editor's text (`hygiene.
markdown_problems` reads `Rendered.changes`); a build that renders the same text takes the same
`Rendered` (`Rendered.safe` is already sanitized). One rendering per distinct text, whoever asks
first: the results are kept by text, so a text checked and then built, or unchanged between two
previews, is not converted again. Engine-free: Python-Markdown and nh3 only.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import markdown

from ..pages import sanitize

# The Markdown extensions the site renders editors' text with (mkdocs.yml): the same output is checked.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}  # `align=`, not `style=`
# Distinct texts kept: a 1,600-statement network has 3,200 statement texts; their HTML is a few
# KB each.
KEPT = 4096


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")
_LIST_MARK = re.compile(r"^([-+]|\d+(?=\.))")


def esc(text: str) -> str:
    """Plain text made safe to drop into Markdown: no emphasis, link, heading, attribute list
    or raw HTML."""
    text = html.escape(" ".join(text.split()), quote=False)
    return _LIST_MARK.sub(lambda m: "\\" + m.group() if m.group() in "-+" else m.group() + "\\",
                          _MD_SPECIAL.sub(r"\\\1", text))


@dataclass(frozen=True)
class Rendered:
    html: str                                # as Python-Markdown writes it
    safe: str                                # after the allowlist: what the browser may get
    changes: tuple[tuple[str, str], ...]     # what sanitizing removed: (what to look for, message)


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # One converter, reset between texts: setting the extensions up again for every statement
    # was a quarter of the check's time on a 400-statement site.
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@functools.lru_cache(maxsize=KEPT)
def render(text: str) -> Rendered:
    """`text` rendered and sanitized. Raises what the converter raises (RecursionError, or the
    caller's time limit), and then keeps nothing: the next call tries again."""
    html = _converter().reset().convert(text)
    safe, changes = sanitize.report(html)
    return Rendered(html, safe, tuple(changes))
