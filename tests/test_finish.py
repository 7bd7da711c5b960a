"""The engine-free steps: `stage` writes plain per-language trees that an engine with none of
our code builds; `finish` writes what spans languages into the assembled site."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import copy_project
from microsite.content.model import LANGS
from microsite.pages import paths, search

# MkDocs and Material with none of our code: `microsite` made unimportable in the process.
PLAIN_MKDOCS = ("import sys; sys.modules['microsite'] = None\n"
                "from mkdocs.__main__ import cli; cli()")
PLAIN_CONFIG = """\
site_name: plain
docs_dir: {docs}
theme:
  name: material
  font: false
  custom_dir: {layouts}
plugins: []
markdown_extensions: [admonition, attr_list, md_in_html, tables]
"""


def run(args, cwd, **kw):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **kw})


def test_staged_trees_build_with_an_engine_that_has_none_of_our_code(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    staged = run([sys.executable, "-m", "microsite", "--root", str(project), "stage", "--out", "staged"], project)
    assert staged.returncode == 0, staged.stderr
    for lang in LANGS:
        tree = project / "staged" / lang
        pages = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.md"))
        assert "index.md" in pages and "statements/kgi-founding.md" in pages
        # Plain trees: no language suffixes left, front matter with a title on every generated page.
        assert not [p for p in pages if p.endswith((".kk.md", ".ru.md"))]
        config = tmp_path / f"plain-{lang}.yml"
        # The engine's own layout for the landing pages (ours needs our plugin's data).
        layouts = tmp_path / "layouts"
        layouts.mkdir(exist_ok=True)
        (layouts / "landing.html").write_text('{% extends "main.html" %}', encoding="utf-8")
        config.write_text(PLAIN_CONFIG.format(docs=tree, layouts=layouts), encoding="utf-8")
        out = tmp_path / f"site-{lang}"
        built = run([sys.executable, "-c", PLAIN_MKDOCS, "build", "-f", str(config), "-d", str(out)], tmp_path)
        assert built.returncode == 0, built.stderr
        assert "microsite" not in built.stderr.replace("site_name: plain", "")
        html = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html")
                      if not p.relative_to(out).as_posix().startswith(("assets/", "search/")))
        assert len(html) == len(pages), "every staged page is built"
        home = (out / "index.html").read_text(encoding="utf-8")
        hero = json.loads((tree / "index.md").read_text(encoding="utf-8").split("\n", 2)[1])
        assert hero["title"].split()[0] in home
    shared = project / "staged" / "shared"
    assert (shared / "coalitions" / "kgi" / "members.csv").is_file()


def test_finish_shards_each_language_index_and_adds_hero_words(tmp_path, built):
    for lang in LANGS:
        docs = search.documents(built, paths.lang_root(lang))
        assert docs and all(not d["location"].startswith("ru/") for d in docs)
    # The Russian index has Russian pages only: the languages were indexed apart.
    ru = search.documents(built, "ru/")
    kk = search.documents(built, "")
    assert {d["title"] for d in ru}.isdisjoint({"Басты бет"})
    assert len(ru) == len(kk)
    assert not (built / "ru" / "404.html").exists(), "one 404 page, the default language's"
    assert (built / "sitemap.xml").is_file() and (built / "ru" / "sitemap.xml").is_file()
