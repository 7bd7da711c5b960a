"""Loading the real content, and what an editor sees when a file is wrong."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_project
from microsite.errors import ContentError
from microsite.load import load_site

BAD = Path(__file__).parent / "bad"


def test_real_content_loads(site_model):
    assert set(site_model.coalitions) == {"kgi", "amanat", "national-coalition",
                                          "shymkent-coalition", "peoples-coalition"}
    assert len(site_model.members_of("kgi")) == 9           # ОСДП + eight civic movements
    assert len(site_model.members_of("national-coalition")) == 5  # the five parties
    assert len(site_model.members_of("peoples-coalition")) == 15
    assert site_model.coalitions["shymkent-coalition"].parent == "national-coalition"
    assert "kostanay-civil-forum-2023" in site_model.events


def test_seed_facts_are_kept(site_model):
    kgi, amanat = site_model.coalitions["kgi"], site_model.coalitions["amanat"]
    assert str(kgi.founded_date) == "2019-08-28" and kgi.founded_place.ru == "Алматы"
    assert len(kgi.directions) == 5 and len(amanat.directions) == 5
    assert str(amanat.founded_date) == "2019-04-22"
    assert amanat.contacts.press.email == "amanatpress2019@gmail.com"
    assert any(f.value == "250+" for f in amanat.figures)
    assert any(f.value == "300+" for f in site_model.coalitions["national-coalition"].figures)
    assert "707 616" in site_model.coalitions["peoples-coalition"].contacts.hotline
    assert str(site_model.events["kostanay-civil-forum-2023"].date) == "2023-08-11"
    declaration = site_model.declaration_of("kgi")
    assert str(declaration.date) == "2019-08-28"
    assert {site_model.members[m].type for m in declaration.signatories} == {"political-party", "civic-movement"}
    assert len(declaration.signatories) == 9


def test_amanat_texts_are_the_seeds_own(site_model):
    """The seed has both languages: neither is a translation of ours."""
    release = site_model.statements["amanat-press-release"]
    assert set(release.texts) == {"kk", "ru"}
    assert not any(t.awaiting_review for t in release.texts.values())
    assert "«Аманат» азаматтық алаңы" in release.texts["kk"].body
    assert "Гражданская платформа «Аманат»" in release.texts["ru"].body


@pytest.mark.parametrize("name, line, words", [
    ("duplicate-key.yml", 6, "appears twice"),
    ("unknown-field.yml", 4, "did you mean 'name'"),
    ("wrong-id.yml", 2, "must match the file name"),
    ("unknown-coalition.yml", 1, "'kgii' does not exist"),
    ("broken.yml", 5, "not valid YAML"),
    ("bad-date.yml", 7, "not a real date"),
    ("cp1251.yml", 1, "not UTF-8"),
])
def test_bad_member_file_is_reported_with_place(tmp_path, name, line, words):
    project = copy_project(tmp_path)
    shutil.copy(BAD / name, project / "data" / "members" / name)
    with pytest.raises(ContentError) as err:
        load_site(project / "data", project / "docs")
    assert err.value.path == f"data/members/{name}"
    assert err.value.line == line
    assert words in err.value.message
    assert str(err.value).startswith(f"data/members/{name}:{line}:")


def test_build_fails_on_a_bad_file_without_traceback(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy(BAD / "duplicate-key.yml", project / "data" / "members" / "duplicate-key.yml")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/members/duplicate-key.yml:6:1: the field 'name' appears twice" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_statement_languages_must_agree(tmp_path):
    project = copy_project(tmp_path)
    ru = project / "docs" / "statements" / "kgi-declaration.ru.md"
    ru.write_text(ru.read_text().replace("kind: declaration", "kind: news", 1))
    with pytest.raises(ContentError) as err:
        load_site(project / "data", project / "docs")
    assert "'kind' differs" in err.value.message
    assert err.value.path == "docs/statements/kgi-declaration.ru.md"
