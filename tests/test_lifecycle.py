"""Drafts never reach the public build; the preview shows them under a banner; withdrawn and
superseded statements stay published with a notice; corrections are shown under the text.
Built by MkDocs from a copy of the real content with a draft, a withdrawal, a succession and a
correction added."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_URL, Html, build, copy_project
from microsite.pages import search

DRAFT = """---
title: "{title}"
kind: news
coalition: kgi
status: draft
---

{body}
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("lifecycle"))
    statements = project / "docs" / "statements"
    (statements / "kgi-appeal.kk.md").write_text(
        DRAFT.format(title="Сынақ үндеуі", body="Сынақ үндеуінің мәтіні."), encoding="utf-8")
    (statements / "kgi-appeal.ru.md").write_text(
        DRAFT.format(title="Пробное обращение", body="Текст пробного обращения."), encoding="utf-8")
    for lang in ("kk", "ru"):
        edit(statements / f"amanat-press-release.{lang}.md", "status: adopted",
             "status: withdrawn\nwithdrawn: 2026-01-15")
        edit(statements / f"kgi-founding.{lang}.md", "status: adopted",
             "status: superseded\nsuperseded_by: kgi-declaration")
    edit(statements / "kgi-declaration.ru.md", "status: adopted",
         'status: adopted\ncorrections:\n  - date: 2026-11-21\n    reason: "Исправлена опечатка в адресе"')
    return project


def built_site(project: Path, tmp_path_factory, env: dict, site_url: str = "") -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build(project, site, site_url, env=env)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def public(project, tmp_path_factory) -> Path:
    """As deployed: with its address, so sitemaps and feeds are built too."""
    return built_site(project, tmp_path_factory, {"PREVIEW": "false"}, SITE_URL)


@pytest.fixture(scope="module")
def preview(project, tmp_path_factory) -> Path:
    """As the pull-request workflow builds it: drafts, and links that work from the disk."""
    return built_site(project, tmp_path_factory, {"PREVIEW": "true", "DIRECTORY_URLS": "false"})


def page(site: Path, url: str) -> Html:
    flat = site / f"{url}.html"
    return Html(flat if flat.is_file() else site / url / "index.html")


def test_a_draft_is_nowhere_in_the_public_site(public):
    assert not (public / "statements/kgi-appeal").exists()
    assert not (public / "ru/statements/kgi-appeal").exists()
    checked = 0
    for path in public.rglob("*"):  # pages, search indexes, feeds, open data, sitemaps
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert "kgi-appeal" not in text and "Пробное обращение" not in text, path
            checked += 1
    assert checked > 60 and (public / "sitemap.xml").is_file() and (public / "feed.xml").is_file()


def test_the_preview_shows_the_draft_under_a_banner_in_each_language(preview):
    assert any("Пробное обращение" in d["title"] + d["text"] for d in search.documents(preview, "ru/"))
    kk, ru = page(preview, "statements/kgi-appeal"), page(preview, "ru/statements/kgi-appeal")
    assert "Жоба. Бұл мәлімдеме әлі қабылданбаған" in kk.article
    assert "Проект. Это заявление ещё не принято" in ru.article
    assert "Текст пробного обращения." in ru.article
    listing = page(preview, "ru/statements").article
    assert "Пробное обращение" in listing and "(проект)" in listing


def test_the_preview_artifact_can_be_browsed_from_the_disk(preview):
    """Every link between pages names a file that exists: no server needed after unzipping."""
    import re
    from urllib.parse import unquote
    checked = 0
    for path in preview.rglob("*.html"):
        for href in re.findall(r'href="([^"#:?]+)(?:#[^"]*)?"', path.read_text(encoding="utf-8")):
            if href.startswith("/") or href.endswith((".css", ".png", ".svg", ".ico", ".xml", ".js")):
                continue
            target = (path.parent / unquote(href)).resolve()
            assert target.is_file(), f"{path.relative_to(preview)} links to {href}"
            checked += 1
    assert checked > 500


def test_withdrawn_statement_stays_with_a_notice(public):
    ru = page(public, "ru/statements/amanat-press-release").article
    kk = page(public, "statements/amanat-press-release").article
    assert "Это заявление отозвано (15 января 2026 г.)." in ru
    assert "Бұл мәлімдеме кері қайтарылды (2026 жылғы 15 қаңтар)." in kk
    assert "(отозвано)" in page(public, "ru/statements").article


def test_superseded_statement_links_to_its_successor(public):
    ru = page(public, "ru/statements/kgi-founding").article
    assert "Это заявление заменено новым." in ru
    assert 'href="../kgi-declaration/"' in ru and "Декларация Коалиции гражданских инициатив" in ru


def test_corrections_are_shown_under_the_text(public):
    ru = page(public, "ru/statements/kgi-declaration").article
    assert "Исправление: 21 ноября 2026 г. — Исправлена опечатка в адресе" in ru
    kk = page(public, "statements/kgi-declaration").article
    assert "Түзету" not in kk  # the Kazakh text was not corrected
