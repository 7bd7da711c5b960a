"""Loading the real content, and what an editor sees when a file is wrong."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from microsite.content.errors import ContentError, ContentErrors
from microsite.content.load import Loader, load_site, read_site
from microsite.content.model import Site


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


def test_statement_languages_must_agree(tmp_path):
    project = copy_project(tmp_path)
    ru = project / "docs" / "statements" / "kgi-declaration.ru.md"
    ru.write_text(ru.read_text().replace("kind: declaration", "kind: news", 1))
    with pytest.raises(ContentErrors) as err:
        load_site(project / "data", project / "docs")
    [problem] = err.value.errors
    assert "'kind' differs" in problem.message
    assert problem.path == "docs/statements/kgi-declaration.ru.md" and problem.line == 3


# -- whatever the input, only the project's own error -------------------------------------------

FIELDS = ["id", "name", "kk", "ru", "type", "kind", "memberships", "coalition", "joined", "date",
          "title", "status", "link", "signatories", "sources", "url", "awaiting_translation"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["kgi", "2019-02-30", "javascript:x", "ngo", "index"]),
                    st.dates().map(str))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=5)),
    max_leaves=25)
WHERE = {"member": "data/members/fuzz.yml", "coalition": "data/coalitions/fuzz.yml",
         "event": "data/events/fuzz.yml", "statement": "docs/statements/fuzz.ru.md",
         "words": "data/allowed-words.yml", "page": "docs/fuzz.kk.md"}


@pytest.fixture(scope="module")
def small_project(tmp_path_factory):
    """A project with one coalition, one member and the schemas: fuzzed files go beside them."""
    project = tmp_path_factory.mktemp("fuzz")
    for folder in ("coalitions", "members", "events"):
        (project / "data" / folder).mkdir(parents=True)
    (project / "docs" / "statements").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "schema", project / "data" / "schema")
    for rel in ("data/coalitions/kgi.yml", "data/members/osdp.yml"):
        shutil.copy(ROOT / rel, project / rel)
    return project


def only_content_errors(project: Path, kind: str, content: bytes) -> None:
    target = project / WHERE[kind]
    target.write_bytes(content)
    try:
        site, problems = read_site(project / "data", project / "docs")
        assert all(isinstance(p, ContentError) and p.line >= 1 for p in problems)
        assert all("\n" not in str(p) for p in problems), "one problem, one line"
        with contextlib.suppress(ContentErrors):
            load_site(project / "data", project / "docs")
    finally:
        target.unlink()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(WHERE)), content=st.binary(max_size=400))
def test_random_bytes_give_only_content_errors(small_project, kind, content):
    only_content_errors(small_project, kind, content)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(WHERE)), data=values, flow=st.booleans())
def test_random_yaml_gives_only_content_errors(small_project, kind, data, flow):
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    if kind in ("statement", "page"):
        text = f"---\n{text}---\n\nТекст.\n"
    only_content_errors(small_project, kind, text.encode())


REAL = sorted((ROOT / "data").glob("*/*.yml"))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(REAL), cut=st.integers(0, 4000), junk=st.text(max_size=6))
def test_damaged_real_files_give_only_content_errors(small_project, source, cut, junk):
    """A real file with a few characters typed at a random place, as happens in a web editor."""
    text = source.read_text(encoding="utf-8")
    cut %= len(text) + 1
    kind = source.parent.name.rstrip("s")
    only_content_errors(small_project, kind, (text[:cut] + junk + text[cut:]).encode())


# -- a loader kept between readings (the live preview) -------------------------------------------

def fresh(project: Path) -> tuple[Site, list[str]]:
    site, problems = read_site(project / "data", project / "docs")
    return site, [str(p) for p in problems]


def reading(loader: Loader) -> tuple[Site, list[str]]:
    site, problems = loader.read()
    return site, [str(p) for p in problems]


def test_an_edit_is_read_again_alone_and_gives_what_a_fresh_load_gives(tmp_path):
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    first = loader.site()
    assert len(loader.parsed) == len(loader.files) > 40  # every file, once
    assert reading(loader) == fresh(project) and loader.parsed == []  # nothing changed
    member = project / "data" / "members" / "abadan.yml"
    member.write_text(member.read_text().replace("Абадан жастар", "Абадан жасөспірімдер"))
    statement = project / "docs" / "statements" / "amanat-press-release.ru.md"
    statement.write_text(statement.read_text() + "\nЕщё один абзац.\n")
    again = loader.site()
    assert sorted(loader.parsed) == ["data/members/abadan.yml", "docs/statements/amanat-press-release.ru.md"]
    assert again == load_site(project / "data", project / "docs") != first
    assert again.members["abadan"].name.kk == "Абадан жасөспірімдер қозғалысы"


def test_a_file_turned_bad_is_reported_and_accepted_again_when_mended(tmp_path):
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    good = loader.site()
    member = project / "data" / "members" / "abadan.yml"
    original = member.read_text()
    member.write_text(original.replace('kk: "Абадан жастар қозғалысы"', 'kk: "TODO"'))
    with pytest.raises(ContentErrors) as err:
        loader.site()
    assert loader.parsed == ["data/members/abadan.yml"]
    assert [str(p) for p in err.value.errors] == fresh(project)[1]
    assert [(p.path, p.line) for p in err.value.errors] == [("data/members/abadan.yml", 5)]
    member.write_text(original)
    assert loader.site() == good and loader.parsed == ["data/members/abadan.yml"]


def test_rules_across_files_see_a_deleted_file_without_reading_the_others(tmp_path):
    """A coalition deleted: its file disappears from the site, and the members naming it are
    refused by the rules across files, run on what was parsed before."""
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    loader.site()
    (project / "data" / "coalitions" / "shymkent-coalition.yml").unlink()
    site, problems = reading(loader)
    assert loader.parsed == [] and "data/coalitions/shymkent-coalition.yml" not in loader.files
    assert (site, problems) == fresh(project)
    assert "shymkent-coalition" not in site.coalitions
    assert any("the coalition 'shymkent-coalition' does not exist" in p for p in problems)


def test_a_new_file_is_read_and_a_removed_one_forgotten(tmp_path):
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    before = loader.site()
    new = project / "data" / "members" / "abadan-two.yml"
    new.write_text((project / "data" / "members" / "abadan.yml").read_text()
                   .replace("id: abadan", "id: abadan-two").replace("Абадан", "Екінші").replace("Абадан", "Второе"))
    site = loader.site()
    assert loader.parsed == ["data/members/abadan-two.yml"] and "abadan-two" in site.members
    assert site == load_site(project / "data", project / "docs")
    new.unlink()
    assert loader.site() == before and loader.parsed == []


def test_a_change_that_keeps_size_and_time_is_still_seen(tmp_path):
    """Rewritten within the clock tick of the last reading (same size, same time): the file is
    compared byte for byte, not trusted on its time."""
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    member = project / "data" / "members" / "abadan.yml"
    member.write_text(member.read_text())  # saved just now, then read
    loader.site()
    stat = member.stat()
    member.write_text(member.read_text().replace("Абадан жастар", "Абадан жастaр"))  # Latin a: 1 byte less
    member.write_bytes(member.read_bytes().replace(b"\n", b" \n", 1).replace(b"  \n", b" \n"))
    assert member.stat().st_size == stat.st_size
    os.utime(member, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(ContentErrors) as err:
        loader.site()
    assert "mixes Latin and Cyrillic letters" in str(err.value)
    assert loader.parsed == ["data/members/abadan.yml"]


def test_new_allowed_words_check_every_file_again(tmp_path):
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    loader.site()
    words = project / "data" / "allowed-words.yml"
    words.write_text(words.read_text() + "- Qазақ\n")
    assert loader.site() == load_site(project / "data", project / "docs")
    assert len(loader.parsed) == len(loader.files)
    words.unlink()  # the words of the file no longer allowed: a warning or a problem again
    assert reading(loader) == fresh(project) and "data/allowed-words.yml" not in loader.files
    assert len(loader.parsed) == len(loader.files)


def test_two_processes_read_what_one_process_reads(tmp_path, monkeypatch):
    """A first reading of many files is shared with a forked process: the same site, problems
    and warnings, in the same order (the real content with every bad file of tests/bad)."""
    from microsite.content import load
    project = copy_project(tmp_path)
    bad = ROOT / "tests" / "bad"
    for path in bad.rglob("*"):
        if path.is_file():
            shutil.copy(path, project / path.relative_to(bad))
    member = project / "data" / "members" / "abadan.yml"  # a warning: the Russian name as the Kazakh one
    member.write_text(member.read_text().replace("Абадан жастар қозғалысы", "Молодежное движение Абадан"))

    def read() -> tuple:
        warnings = []
        site, problems = read_site(project / "data", project / "docs", warnings)
        return site, [str(p) for p in problems], [str(w) for w in warnings]

    monkeypatch.setattr(load, "PARALLEL_FROM", 10**9)
    alone = read()
    forks = []
    monkeypatch.setattr(load.os, "fork", lambda fork=os.fork: forks.append(1) or fork())
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    assert read() == alone and len(alone[1]) > 30 and alone[2]
    assert forks == [1]


def test_a_saved_loader_checks_again_only_what_changed_since(tmp_path):
    """`make validate` keeps what it checked (`Loader.save`); the next run (`Loader.restored`)
    reads and checks again only the files changed since, with the same problems a fresh
    reading finds."""
    project = copy_project(tmp_path)
    saved = project / ".build" / "checked"
    first = Loader(project / "data", project / "docs")
    good = first.site()
    first.save(saved)
    member = project / "data" / "members" / "abadan.yml"
    original = member.read_text()
    member.write_text(original.replace('kk: "Абадан жастар қозғалысы"', 'kk: "TODO"'))
    again = Loader.restored(project / "data", project / "docs", saved)
    assert not again.unsaved  # what `save` kept was taken
    assert reading(again) == fresh(project) and again.parsed == ["data/members/abadan.yml"]
    assert [(p.path, p.line) for p in again.read()[1]] == [("data/members/abadan.yml", 5)]
    member.write_text(original)
    assert again.site() == good and again.parsed == ["data/members/abadan.yml"]


def test_a_saved_loader_of_other_code_or_damaged_is_not_trusted(tmp_path):
    project = copy_project(tmp_path)
    saved = project / ".build" / "checked"
    loader = Loader(project / "data", project / "docs")
    loader.site()
    loader.save(saved)
    data = saved.read_bytes()
    header, rest = data.split(b"\n", 1)
    for damaged in (b"0" * 64 + header[64:] + b"\n" + rest,   # written by other code
                    header + b"\n" + rest[: len(rest) // 2],  # cut short
                    b"\x00\xff" * 100):                        # not ours at all
        saved.write_bytes(damaged)
        again = Loader.restored(project / "data", project / "docs", saved)
        assert again.unsaved and again.files == {}
        assert reading(again) == fresh(project) and len(again.parsed) == len(again.files) > 40
    other = Loader(project / "data", tmp_path / "elsewhere")  # other folders: not these checks
    loader.save(saved)
    assert Loader.restored(other.data_dir, other.docs_dir, saved).unsaved


def test_a_loader_keeps_its_checks_where_told_after_each_reading_that_checked_something(tmp_path):
    project = copy_project(tmp_path)
    saved = project / ".build" / "checked"
    loader = Loader(project / "data", project / "docs")
    loader.keep_at = saved
    good = loader.site()
    loader.kept()  # saved beside the rules across files: waited for here
    assert Loader.restored(project / "data", project / "docs", saved).site() == good
    before = saved.stat().st_mtime_ns
    loader.site()  # nothing checked again: nothing saved again
    loader.kept()
    assert saved.stat().st_mtime_ns == before
    member = project / "data" / "members" / "abadan.yml"
    member.write_text(member.read_text().replace("Абадан жастар", "Абадан жасөспірімдер"))
    changed = loader.site()
    loader.kept()
    again = Loader.restored(project / "data", project / "docs", saved)
    assert again.site() == changed and again.parsed == []


def test_a_changed_schema_is_checked_with_at_once(tmp_path):
    """A kept Loader (the preview's) whose schemas change checks every file with the new ones:
    both jsonschema and the fast check (schema.valid) are made again."""
    project = copy_project(tmp_path)
    loader = Loader(project / "data", project / "docs")
    loader.site()
    member_schema = project / "data" / "schema" / "member.schema.json"
    data = json.loads(member_schema.read_text(encoding="utf-8"))
    data["required"] = [*data["required"], "founded_in_orbit"]
    member_schema.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _site, problems = loader.read()
    members = {f"data/members/{m.name}" for m in (project / "data" / "members").glob("*.yml")}
    assert members <= set(loader.parsed) and len(loader.parsed) == len(loader.files) - 1  # all but the words
    assert problems and all("founded_in_orbit" in str(p) for p in problems)
    assert {p.path for p in problems} == members
