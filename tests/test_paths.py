"""Page plan: small global navigation, and one coalition running its own microsite."""
from __future__ import annotations

from conftest import build, copy_project
from htmlparse import Tags
from microsite.content.load import load_site
from microsite.pages import paths


def test_global_nav_holds_no_long_lists(site_model):
    nav = paths.nav(site_model)
    assert nav == [paths.HOME, paths.COALITIONS, paths.STATEMENTS, paths.EVENTS]


def one_coalition(tmp_path, keep="kgi"):
    """The real project reduced to one coalition's files."""
    project = copy_project(tmp_path)
    data = project / "data"
    for path in (data / "coalitions").glob("*.yml"):
        if path.stem != keep:
            path.unlink()
    for path in (data / "members").glob("*.yml"):
        if f"coalition: {keep}" not in path.read_text():
            path.unlink()
    for path in (project / "docs" / "statements").glob("*.md"):
        text = path.read_text()
        if "coalition:" in text and f"coalition: {keep}\n" not in text:
            path.unlink()
    return project


def test_single_coalition_is_the_home_page(tmp_path):
    project = one_coalition(tmp_path)
    site = load_site(project / "data", project / "docs")
    assert site.single and site.single.id == "kgi"
    assert paths.coalition_page(site, "kgi") == "index.md"
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for prefix, lang in (("", "kk"), ("ru/", "ru")):
        home = Tags((tmp_path / "site" / prefix / "index.html").read_text())
        assert site.single.name.get(lang) in home.text
        assert home.find("nav", class_="ms-menu"), "the coalition's own menu is on its home page"
        members = tmp_path / "site" / prefix / "members" / "index.html"
        assert members.is_file()
        assert not (tmp_path / "site" / prefix / "coalitions").exists()
        # Its member lists (bilingual, so one copy, at the default language's address) sit
        # beside its members page, which links them in both languages.
        href = "../members.csv" if lang == "kk" else "../../members.csv"
        assert f'href="{href}"' in members.read_text()
        assert (members.parent / href).resolve() == (tmp_path / "site" / "members.csv").resolve()
        assert (tmp_path / "site" / "members.csv").is_file()
    assert not (tmp_path / "site" / "ru" / "members.csv").exists(), "one copy, not one per language"


def test_page_addresses_follow_the_engines_directory_urls(built, site_model):
    for page in ("index.md", "coalitions/index.md", "statements/kgi-declaration.md"):
        for lang in ("kk", "ru"):
            assert (built / paths.url(page, lang) / "index.html").is_file(), (page, lang)
    assert paths.url("coalitions/kgi/members.md", "ru") == "ru/coalitions/kgi/members/"
    assert paths.href("statements/x.md", "coalitions/kgi/index.md") == "../../coalitions/kgi/"
    assert paths.href("index.md", "index.md") == "./"
    assert paths.members_data(site_model, "kgi", "csv") == "coalitions/kgi/members.csv"


def test_href_from_every_page_reaches_every_page(built, site_model):
    plan = [paths.HOME, paths.COALITIONS, paths.STATEMENTS, paths.EVENTS]
    plan += [paths.coalition_page(site_model, cid, part) for cid in site_model.coalitions
             for part in paths.SECTION_PARTS]
    plan += [paths.event_page(eid) for eid in site_model.events]
    for here in plan:
        for there in plan:
            target = (built / paths.url(here, "kk") / paths.href(here, there)).resolve()
            assert target == (built / paths.url(there, "kk")).resolve(), (here, there)
            assert (target / "index.html").is_file(), (here, there)


def test_address_of_a_page_as_the_engine_writes_it():
    assert paths.address("ru/coalitions/kgi/members.md") == "ru/coalitions/kgi/members/"
    assert paths.address("ru/coalitions/kgi/index.md") == "ru/coalitions/kgi/"
    assert paths.address("index.md") == "" and paths.address("ru/index.md") == "ru/"
    assert paths.address("ru/coalitions/kgi/members.md", directory_urls=False) == "ru/coalitions/kgi/members.html"
    assert paths.address("ru/index.md", directory_urls=False) == "ru/index.html"
    assert paths.address("coalitions/kgi/members.csv") == "coalitions/kgi/members.csv"
