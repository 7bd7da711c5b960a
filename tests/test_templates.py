"""The compiled templates a preview's builds share (engines/mkdocs/templates.py)."""
from __future__ import annotations

from jinja2 import Environment, FileSystemLoader
from microsite.engines.mkdocs.templates import InMemory


def test_templates_compiled_once_and_again_when_edited(tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>")
    cache = InMemory()

    def render():  # MkDocs makes a new environment for every build
        env = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        return env.get_template("page.html").render(x="a")

    assert render() == "<p>a</p>" and len(cache.compiled) == 1
    (key, code), = cache.compiled.items()
    assert render() == "<p>a</p>" and cache.compiled[key] is code  # loaded, not compiled again
    (tmp_path / "page.html").write_text("<b>{{ x }}</b>")
    assert render() == "<b>a</b>" and cache.compiled[key] != code
