"""Only known files are read and published: pages, real raster images, no links, no path the
site or its theme uses; every refusal names the file and says how to fix it."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import material
import pytest
from conftest import ROOT, copy_project
from microsite.checks import files
from microsite.content.load import read_site
from microsite.content.model import Site
from microsite.pages import paths
from overlay import HOSTILE, case_files, expect, overlay

# Every hostile case about files in docs/ and data/, with words its refusal must contain.
REFUSED = {
    "docs-html-page": "write the page in Markdown",
    "docs-svg-onload": "save the picture as PNG",
    "docs-js-file": "scripts and styles are the developers' part",
    "docs-css-outside-url": "scripts and styles are the developers' part",
    "shadow-material-bundle": "only Markdown pages",
    "shadow-material-stylesheet": "only Markdown pages",
    "index-html-replaces-home": "only Markdown pages",
    "not-found-html-replaces-404": "only Markdown pages",
    "sitemap-replaced": "only Markdown pages",
    "robots-replaced": "only Markdown pages",
    "feed-replaced": "only Markdown pages",
    "search-index-replaced": "only Markdown pages",
    "page-replaces-generated": "the site makes the page at this address itself",
    "page-named-index": "'index' is taken",
    "page-without-language": "rename it to page-without-language.kk.md",
    "image-that-is-html": "is named .png but is not a PNG picture",
    "dotfile-in-docs": "no leading dot",
    "odd-file-name": "use Latin letters, digits",
    "symlink-to-environ": "symbolic link",
    "symlink-to-git-config": "symbolic link",
    "symlink-folder": "symbolic link",
    "symlink-member-file": "symbolic link",
    "symlink-statement": "symbolic link",
    "symlink-dev-zero": "symbolic link",
    "huge-page": "at most 200 KB are allowed",
    "huge-member-file": "at most 200 KB are allowed",
}


def test_the_cases_are_in_the_corpus():
    for case in REFUSED:
        assert expect(case) == "refused" and case_files(case), case
    links = [c for c in REFUSED if any((HOSTILE / c / f).is_symlink() for f in case_files(c))]
    assert len(links) == 6  # stored as links, not as copies of what they point to


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_each_hostile_file_is_refused_with_its_path(tmp_path, case):
    project = overlay(case, copy_project(tmp_path))
    _, problems = read_site(project / "data", project / "docs")
    assert {p.path for p in problems} == {files.shown(f) for f in case_files(case)}, problems
    assert all(REFUSED[case] in p.message for p in problems), problems
    assert all(str(p).startswith(f"{p.path}:{p.line}:{p.column}: ") and "\n" not in str(p)
               for p in problems)


def test_nothing_is_read_through_a_link(tmp_path):
    """A member file linked to /dev/zero would never finish reading; to /etc/passwd, its lines
    would be quoted in messages. Neither is opened."""
    project = overlay("symlink-dev-zero", overlay("symlink-member-file", copy_project(tmp_path)))
    _, problems = read_site(project / "data", project / "docs")
    assert [p.message.split(";")[0] for p in problems] == ["this is a symbolic link"] * 2
    assert not any("root:" in p.message for p in problems)


@pytest.mark.parametrize("ext, head", [
    ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), ("jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0"),
    ("jpeg", b"\xff\xd8\xff\xe1\0\x10Exif\0"), ("gif", b"GIF89a\x01\0\x01\0"),
    ("webp", b"RIFF\x24\0\0\0WEBPVP8 "), ("avif", b"\0\0\0\x1cftypavif\0\0\0\0"),
])
def test_raster_images_are_published_when_their_bytes_say_so(tmp_path, ext, head):
    project = copy_project(tmp_path)
    (project / "docs/images").mkdir()
    (project / f"docs/images/photo.{ext}").write_bytes(head + b"\0" * 64)
    other = "png" if ext != "png" else "gif"
    (project / f"docs/images/wrong.{other}").write_bytes(head + b"\0" * 64)
    found = files.check(project, project / "data", project / "docs")
    assert list(found.images) == [f"images/photo.{ext}"]
    [problem] = found.problems
    assert problem.path == f"docs/images/wrong.{other}" and "is not a" in problem.message


def test_a_picture_too_large_for_phones_is_refused(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs/photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * files.MAX_IMAGE_BYTES)
    [problem] = files.check(project, project / "data", project / "docs").problems
    assert "the file is 2,001 KB; at most 2,000 KB are allowed — make the picture smaller" in problem.message


def test_pictures_may_not_take_the_themes_folders_or_odd_names(tmp_path):
    project = copy_project(tmp_path)
    for rel in ("assets/images/favicon.png", "ru/photo.png", "images/Фото 1.png", "images/A.PNG"):
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_bytes(b"\x89PNG\r\n\x1a\n")
    found = files.check(project, project / "data", project / "docs")
    said = {p.path: p.message for p in found.problems}
    assert "belongs to the site's theme" in said["docs/assets/images/favicon.png"]
    assert "another language" in said["docs/ru/photo.png"]
    assert "no spaces" in said["docs/images/Фото 1.png"]
    assert "rename it to images/A.png" in said["docs/images/A.PNG"]


def test_two_pages_at_one_address_are_refused(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs/about").mkdir()
    (project / "docs/about.kk.md").write_text("# Біз туралы\n", encoding="utf-8")
    (project / "docs/about/index.kk.md").write_text("# Біз туралы\n", encoding="utf-8")
    [problem] = files.check(project, project / "data", project / "docs").problems
    assert problem.path == "docs/about/index.kk.md" and "docs/about.kk.md" in problem.message


def _single(site: Site, cid: str) -> Site:
    """The site as one coalition's own microsite, with a members list long enough for page 2."""
    kgi = [m for m in site.members.values() if any(x.coalition == cid for x in m.memberships)]
    members = {f"{m.id}-{n}": dataclasses.replace(m, id=f"{m.id}-{n}") for m in kgi for n in range(10)}
    members.update((m.id, m) for m in kgi)
    statements = {k: s for k, s in site.statements.items() if s.coalition in ("", cid)}
    return Site(coalitions={cid: site.coalitions[cid]}, members=members, statements=statements,
                events={k: e for k, e in site.events.items() if e.coalition in ("", cid)})


@pytest.mark.parametrize("single", [False, True])
def test_every_generated_page_and_file_is_at_a_reserved_address(site_model, single):
    """No hand-written page can take a generated page's place: the rule is by name, so one
    coalition's own microsite (its pages at the root) or a longer list opens no gap."""
    from microsite.pages import feeds, opendata, render
    site = _single(site_model, "kgi") if single else site_model
    generated = [*render.all_pages(site), *feeds.files(site, ""), *opendata.files(site)]
    assert not single or ("members.kk.md" in generated and "members/page/2.kk.md" in generated)
    for path in generated:
        assert files._problem(path, ROOT / "docs" / path, path), path


def test_no_file_may_take_a_path_of_the_theme():
    """Every file Material and our overrides put into the site is at a path docs/ may not use."""
    theme = Path(material.__file__).parent / "templates"
    shipped = [p.relative_to(base).as_posix() for base in (theme, ROOT / "overrides")
               for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert "assets/images/favicon.png" in shipped and "assets/microsite.css" in shipped
    for rel in shipped:
        assert files._problem(rel, Path("/nonexistent"), rel), rel


def test_ids_that_name_the_sites_own_pages_are_reserved():
    assert {"index", "page", "feed", "search", "assets", "members", "statements"} <= paths.RESERVED_IDS


@pytest.mark.parametrize("case, path, words", [
    ("event-id-index", "data/events/index.yml", "'id: index' is a name the site uses"),
    ("coalition-id-page", "data/coalitions/page.yml", "'id: page' is a name the site uses"),
    ("member-id-feed", "data/members/feed.yml", "'id: feed' is a name the site uses"),
    ("statement-id-index", "docs/statements/index.kk.md", "'index' is a name the site uses"),
    ("statement-id-index", "docs/statements/index.ru.md", "rename the file, e.g. to my-statement.ru.md"),
])
def test_reserved_ids_are_refused(tmp_path, case, path, words):
    """An event `index` replaced the list of events; statements/index.*.md were dropped silently."""
    project = overlay(case, copy_project(tmp_path))
    _, problems = read_site(project / "data", project / "docs")
    assert any(p.path == path and words in p.message for p in problems), problems


@pytest.mark.parametrize("case, line, words", [
    ("page-front-matter-og-type", 3, "unknown field 'og_type' — allowed here: 'description', 'hide', 'title'"),
    ("page-front-matter-not-fields", 2, "must be fields (key: value)"),
])
def test_front_matter_of_hand_written_pages_has_a_schema(tmp_path, case, line, words):
    project = overlay(case, copy_project(tmp_path))
    _, problems = read_site(project / "data", project / "docs")
    [path] = case_files(case)
    assert any(str(p).startswith(f"{path}:{line}:") and words in p.message for p in problems), problems


def test_a_page_with_good_front_matter_passes_and_its_body_lines_are_counted(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs/about.kk.md").write_text(
        "---\ntitle: Біз туралы\ndescription: Коалиция туралы\nhide: [toc]\n---\n\n# Біз\n\n"
        "<span onclick=\"alert(1)\">x</span>\n", encoding="utf-8")
    _, problems = read_site(project / "data", project / "docs")
    assert [str(p)[:25] for p in problems] == ["docs/about.kk.md:9:7: the"]


def test_links_and_files_are_not_digested_into_the_stamp(tmp_path):
    """The stamp reads every file validation passed, pictures included, and no link."""
    from microsite.checks import stamp
    project = overlay("symlink-dev-zero", overlay("image-safe-png", copy_project(tmp_path)))
    before = stamp.digest(project / "data", project / "docs")  # returns: /dev/zero was not read
    (project / "docs/images/image-safe-png.png").write_bytes(b"\x89PNG\r\n\x1a\nchanged")
    assert stamp.digest(project / "data", project / "docs") != before
    assert os.path.islink(project / "data/events/symlink-dev-zero.yml")


def test_an_id_that_is_not_text_is_a_message_not_a_crash(tmp_path):
    project = copy_project(tmp_path)
    (project / "data/members/list-id.yml").write_text(
        "# yaml-language-server: $schema=../schema/member.schema.json\nid: [index]\ntype: ngo\n"
        "name: {kk: Тізім, ru: Список}\nmemberships:\n  - coalition: kgi\n", encoding="utf-8")
    _, problems = read_site(project / "data", project / "docs")
    assert [p.path for p in problems] == ["data/members/list-id.yml"]


def test_any_file_name_is_one_printable_line_and_never_a_traceback(tmp_path):
    """Git stores any bytes in a name: a new line, a direction override, bytes that are not UTF-8."""
    project = copy_project(tmp_path)
    for name in (b"a\nb.png", "\u202egnp.kk.md".encode(), b"\xff\xfe.png", b"statements/\xff.kk.md"):
        open(bytes(project / "docs") + b"/" + name, "wb").write(b"x")
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "GITHUB_ACTIONS": "true", "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    *lines, _ = result.stderr.splitlines()
    assert sorted(line.split(":")[0] for line in lines) == [
        "docs/\\u202egnp.kk.md", "docs/\\xff\\xfe.png", "docs/a\\nb.png", "docs/statements/\\xff.kk.md"]
    assert len(result.stdout.splitlines()) == 4  # the GitHub annotations, one line each


def test_shown():
    assert files.shown("docs/about.kk.md") == "docs/about.kk.md"
    assert files.shown("docs/Фото.png") == "docs/Фото.png"  # readable names stay readable
    assert files.shown("a\tb\u200bc\udcff") == "a\\tb\\u200bc\\xff"
