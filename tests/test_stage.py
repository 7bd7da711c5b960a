"""Assembling the tree to build: generated pages, fallbacks, write-only-what-changed."""
from __future__ import annotations

import os

import pytest
from conftest import copy_project
from microsite.content.errors import ContentErrors
from microsite.pages.stage import source_tree, stage, write_tree
from overlay import case_files, overlay


def test_write_tree_touches_only_changes_and_removes_stale(tmp_path):
    target = tmp_path / "out"
    assert write_tree({"a.md": b"one", "d/b.md": b"two", "old/x.md": b"x"}, target) == 3
    before = os.stat(target / "a.md").st_mtime_ns
    assert write_tree({"a.md": b"one", "d/b.md": b"TWO"}, target) == 1
    assert os.stat(target / "a.md").st_mtime_ns == before  # unchanged: a preview does not loop
    assert (target / "d/b.md").read_bytes() == b"TWO"
    assert not (target / "old").exists()


def test_hand_written_page_in_one_language_gets_a_fallback(tmp_path, site_model):
    project = copy_project(tmp_path)
    (project / "docs" / "about.ru.md").write_text("---\ntitle: О нас\n---\n\n# О нас\n\nТекст.\n")
    tree = source_tree(site_model, project / "docs")
    assert tree["about.ru.md"].decode().endswith("Текст.\n")
    kk = tree["about.kk.md"].decode()
    assert kk.startswith("---\ntitle: О нас\n---")
    assert "Бұл бет әлі қазақ тіліне аударылмаған" in kk
    assert '<div lang="ru" markdown>' in kk and "Текст." in kk


def test_hand_written_page_cannot_hide_a_generated_one(tmp_path, site_model):
    project = overlay("page-replaces-generated", copy_project(tmp_path))
    with pytest.raises(ContentErrors) as err:
        source_tree(site_model, project / "docs")
    assert [e.path for e in err.value.errors] == ["docs/coalitions/kgi/members.kk.md"]


# Cases of tests/hostile that try to publish a file: the stage refuses them by itself, even when
# validation did not run (a build straight from `mkdocs build`), and publishes none of them.
UNPUBLISHED = ["docs-html-page", "docs-svg-onload", "docs-js-file", "docs-css-outside-url",
               "shadow-material-bundle", "shadow-material-stylesheet", "index-html-replaces-home",
               "not-found-html-replaces-404", "sitemap-replaced", "robots-replaced", "feed-replaced",
               "search-index-replaced", "page-named-index", "page-without-language",
               "image-that-is-html", "dotfile-in-docs", "symlink-to-environ", "symlink-to-git-config",
               "symlink-folder", "symlink-member-file", "symlink-dev-zero"]


@pytest.mark.parametrize("case", UNPUBLISHED)
def test_the_stage_publishes_no_unknown_file_and_no_link(tmp_path, site_model, case):
    project = overlay(case, copy_project(tmp_path))
    with pytest.raises(ContentErrors) as err:
        source_tree(site_model, project / "docs")
    assert {e.path for e in err.value.errors} == set(case_files(case))
    assert all(str(e).startswith(f"{e.path}:1:1: ") for e in err.value.errors)


def test_the_stage_refuses_before_writing_anything(tmp_path):
    project = overlay("symlink-to-environ", copy_project(tmp_path))
    with pytest.raises(ContentErrors):
        stage(project / "data", project / "docs", tmp_path / "staged")
    assert not (tmp_path / "staged").exists()


def test_a_real_picture_is_published_as_it_is(tmp_path, site_model):
    project = overlay("image-safe-png", copy_project(tmp_path))
    tree = source_tree(site_model, project / "docs")
    picture = project / "docs/images/image-safe-png.png"
    assert tree["images/image-safe-png.png"] == picture.read_bytes()
    assert not [p for p in tree if not p.endswith((".md", ".png", ".csv", ".json", ".xml"))]


def test_stage_writes_both_languages_of_every_page(tmp_path):
    project = copy_project(tmp_path)
    site, written = stage(project / "data", project / "docs", tmp_path / "staged")
    trees = {lang: {p.relative_to(tmp_path / "staged" / lang).as_posix()
                    for p in (tmp_path / "staged" / lang).rglob("*.md")} for lang in ("kk", "ru")}
    assert written >= len(trees["kk"]) * 2
    assert trees["kk"] == trees["ru"], "every page in both languages' trees"
    assert "coalitions/kgi/members.md" in trees["kk"] and "statements/kgi-declaration.md" in trees["ru"]
    assert not list((tmp_path / "staged" / "shared").rglob("*.md")), "no page of no language"
    _, again = stage(project / "data", project / "docs", tmp_path / "staged")
    assert again == 0


def test_the_engine_publishes_nothing_through_a_link(tmp_path):
    """`mkdocs build` straight away (no `make validate` before it), with links to the build's
    environment and to the repository's .git in docs/: no site, and the error names them."""
    from conftest import build
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    for case in ("symlink-to-environ", "symlink-folder", "index-html-replaces-home"):
        overlay(case, project)
    result = build(project, tmp_path / "site", env={"SECRET_FOR_TEST": "must-not-leak"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for rel in ("docs/symlink-to-environ.png", "docs/symlink-folder", "docs/index.html"):
        assert f"{rel}:1:1: " in result.stderr, result.stderr
    site = tmp_path / "site"
    published = [p for p in site.rglob("*")] if site.exists() else []
    assert not any(b"must-not-leak" in p.read_bytes() for p in published if p.is_file())
    assert not (site / "index.html").exists()


def test_write_tree_with_what_it_wrote_last_reads_nothing_back(tmp_path):
    """A preview keeps the trees it wrote: unchanged files are neither read nor written, stale
    ones (and folders left empty) removed, and a failed write forgets, to compare with disk."""
    target, written = tmp_path / "out", {}
    assert write_tree({"a.md": b"one", "d/e/b.md": b"two", "d/c.md": b"c"}, target, written) == 3
    assert written == {"a.md": b"one", "d/e/b.md": b"two", "d/c.md": b"c"}
    (target / "a.md").write_bytes(b"changed behind its back")  # not read back: the memory decides
    before = os.stat(target / "d/c.md").st_mtime_ns
    assert write_tree({"a.md": b"one", "d/c.md": b"c", "n.md": b"new"}, target, written) == 1
    assert os.stat(target / "d/c.md").st_mtime_ns == before
    assert (target / "a.md").read_bytes() == b"changed behind its back"
    assert not (target / "d/e").exists() and (target / "n.md").read_bytes() == b"new"
    (target / "n.md").unlink()
    (target / "n.md").mkdir()  # a folder where a file must go: the write fails
    with pytest.raises(OSError):
        write_tree({"a.md": b"one", "n.md": b"newer"}, target, written)
    assert written == {}
    (target / "n.md").rmdir()
    assert write_tree({"a.md": b"one", "n.md": b"newer"}, target, written) == 2  # compared with disk
