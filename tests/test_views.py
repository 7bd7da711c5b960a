"""Landing pages, footers and the no-empty-page rule (views.py, the templates that print it).

The walk reads every page of the real built site, in both languages, as a reader would: the text
of the page's article and of its footer.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPOSITORY_URL, SITE_URL, build, copy_project, reader_pages
from microsite.content.model import LANGS
from microsite.pages import paths, render, views, words

BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "td", "th", "figcaption", "small"}


class Reader(HTMLParser):
    """The article's text, the text of each block in it, and the footer's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.where: list[str] = []      # open elements we care about
        self.blocks: list[list[str]] = []
        self.article: list[str] = []
        self.footer: list[str] = []
        self.headings: list[str] = []
        self._stack: list[str] = []
        self._skip = 0
        self._in_article = self._in_footer = 0
        self._h1 = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "svg"):
            self._skip += 1
        if tag == "article":
            self._in_article += 1
        if tag == "footer":
            self._in_footer += 1
        if self._in_article and tag in BLOCKS:
            self.blocks.append([tag])
            self._stack.append(tag)
        if tag == "h1":
            self._h1 += 1
        # The coalition's menu and its name above a section page's title are navigation.
        if "ms-menu" in (attrs.get("class") or "") or "ms-kicker" in (attrs.get("class") or ""):
            self._skip += 1
            self._stack.append(f"skip:{tag}")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1
        if tag == "article":
            self._in_article -= 1
        if tag == "footer":
            self._in_footer -= 1
        if tag == "h1":
            self._h1 -= 1
        if self._stack and self._stack[-1] == f"skip:{tag}":
            self._stack.pop()
            self._skip -= 1
        elif self._stack and self._stack[-1] == tag and tag in BLOCKS:
            self._stack.pop()

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_footer:
            self.footer.append(data)
        if self._in_article:
            if not self._h1:
                self.article.append(data)
            if self.blocks:
                self.blocks[-1].append(data)

    @staticmethod
    def clean(chunks) -> str:
        return " ".join(" ".join(chunks).split())

    def labelled(self):
        """(tag, text) of each block: a label's line is a list item, a term or a cell."""
        return [(b[0], self.clean(b[1:])) for b in self.blocks]


# What a page says when it has nothing: such a page must not exist.
NOTHING = [words.t(lang, key) for lang in LANGS
           for key in ("members.none", "contacts.none", "statements.none", "events.none")]


def built_pages(site_dir: Path):
    for path in sorted(reader_pages(site_dir, "*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        yield rel, path.read_text(encoding="utf-8")


def test_every_page_has_real_content_and_no_label_without_value(built):
    seen = 0
    problems = []
    for rel, html in built_pages(built):
        seen += 1
        reader = Reader(html)
        text = reader.clean(reader.article)
        if len(text) < 25 or any(nothing in text for nothing in NOTHING):
            problems.append(f"{rel}: nothing real below the title: {text!r}")
        for tag, block in reader.labelled():
            if block in ("—", "-", "–"):  # (a block holding only other blocks reads as "")
                problems.append(f"{rel}: a {tag} showing only {block!r}")
            # Prose may end a paragraph with a colon before a list; a fact's line may not.
            if block.endswith(":") and (tag in ("li", "dt", "dd", "td", "small") or len(block) < 30):
                problems.append(f"{rel}: a label without its value: {block!r}")
        if "Atom" in text or "Atom" in reader.clean(reader.footer):
            problems.append(f"{rel}: English in the interface (Atom)")
    assert seen > 40, f"only {seen} pages built?"
    assert not problems, "\n".join(problems)


def test_the_walk_catches_an_empty_page_and_a_lone_label():
    empty = Reader("<article><h1>Байланыс</h1><nav class='ms-menu'><a>Шолу</a></nav><p>—</p></article>")
    assert len(Reader.clean(empty.article)) < 25 and ("p", "—") in empty.labelled()
    label = Reader("<article><ul><li><strong>Создана:</strong> </li></ul></article>")
    assert label.labelled() == [("li", "Создана:")]


def test_parts_without_content_have_no_page_and_no_menu_entry(built, site_model):
    for cid, c in site_model.coalitions.items():
        expected = {"directions": bool(c.directions), "contacts": bool(c.contacts),
                    "members": bool(site_model.members_of(cid)),
                    "statements": bool(site_model.statements_of(cid))}
        for part, exists in expected.items():
            assert bool(paths.coalition_page(site_model, cid, part)) == exists, (cid, part)
            address = f"coalitions/{cid}/{part}/index.html"
            assert (built / address).is_file() == exists, address
            overview = (built / f"coalitions/{cid}/index.html").read_text(encoding="utf-8")
            assert (f'href="{part}/"' in overview) == exists, (cid, part)
    # The seeds: Shymkent's coalition has no directions, contacts or member list.
    assert not (built / "coalitions/shymkent-coalition/contacts/index.html").exists()


def test_a_place_is_never_shown_as_a_date(site_model):
    shymkent = site_model.coalitions["shymkent-coalition"]
    assert shymkent.founded_place and not shymkent.founded_date
    for lang in LANGS:
        hero = views.coalition_hero(site_model, "shymkent-coalition", lang, views.Repository())
        labels = {f.label: f.value for f in hero.facts}
        assert words.t(lang, "founded") not in labels
        assert labels[words.t(lang, "founded.place")] == shymkent.founded_place.get(lang)
        kgi = views.coalition_hero(site_model, "kgi", lang, views.Repository())
        assert {f.label: f.value for f in kgi.facts}[words.t(lang, "founded")].startswith(
            words.date(site_model.coalitions["kgi"].founded_date, lang))


def test_hero_numbers_come_from_the_data(site_model):
    hero = views.coalition_hero(site_model, "kgi", "ru", views.Repository())
    numbers = {n.label: n.value for n in hero.numbers}
    members = site_model.members_of("kgi")
    assert numbers["Участники"] == len(members) == 9
    for mtype in {m.type for m, _ in members}:
        assert numbers[words.t("ru", f"type.{mtype}")] == sum(1 for m, _ in members if m.type == mtype)
    assert numbers["Приоритетные направления"] == len(site_model.coalitions["kgi"].directions)
    assert numbers["Заявления и новости"] == len(site_model.statements_of("kgi"))
    home = {n.label: n.value for n in views.home_hero(site_model, "kk", views.Repository()).numbers}
    assert home["Коалициялар"] == len(site_model.coalitions)
    assert home["Ұйымдар"] == len(site_model.members)


def test_join_action_only_with_the_repository_and_for_coalitions_in_the_form(site_model):
    repo = views.Repository("https://github.com/o/r", joinable=frozenset({"kgi"}))
    kgi = views.coalition_hero(site_model, "kgi", "kk", repo)
    assert kgi.actions[0].url == "https://github.com/o/r/issues/new?template=join.yml"
    assert kgi.actions[0].primary
    amanat = views.coalition_hero(site_model, "amanat", "kk", repo)
    assert all("issues/new" not in a.url for a in amanat.actions)
    assert all("issues/new" not in a.url for a in views.coalition_hero(
        site_model, "kgi", "kk", views.Repository()).actions)


@pytest.mark.parametrize("lang", LANGS)
def test_landing_pages_open_with_the_hero_and_no_table_of_contents(page, site_model, lang):
    for cid, c in site_model.coalitions.items():
        html = page(paths.url(paths.coalition_page(site_model, cid), lang)).text
        hero = html[html.index('class="ms-hero"'):html.index('class="ms-menu"')]
        assert render.esc(c.name.get(lang)).replace("\\", "") in hero.replace("&#34;", '"')
        assert "ms-hero__actions" in hero or not (c.contacts or site_model.declaration_of(cid))
        assert TOC_HIDDEN in html, f"{cid}: table of contents"
    home = page(paths.url(paths.HOME, lang)).text
    assert "ms-hero__actions" in home and TOC_HIDDEN in home
    members = page(paths.url(paths.coalition_page(site_model, "kgi", "members"), lang)).text
    assert TOC_HIDDEN not in members  # other pages keep theirs


TOC_HIDDEN = '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" hidden>'


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_the_footer(built, site_model, lang):
    root = built / paths.lang_root(lang)
    kgi = (root / "coalitions/kgi/index.html").read_text(encoding="utf-8")
    footer = kgi[kgi.index('class="md-footer ms-footer'):]
    assert site_model.coalitions["kgi"].name.get(lang) in footer
    assert "members.csv" in footer and "members.json" in footer and "feed.xml" in footer
    assert f"{REPOSITORY_URL}/edit/main/data/coalitions/kgi.yml" in footer
    statement = (root / "statements/kgi-declaration/index.html").read_text(encoding="utf-8")
    assert f"{REPOSITORY_URL}/edit/main/docs/statements/kgi-declaration.{lang}.md" in statement
    for rel, html in built_pages(built):
        assert 'class="md-footer ms-footer' in html, f"{rel}: no footer"
        assert "ms-footer__title" in html, rel


def test_own_logo_and_favicon(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/images/favicon.svg"' in home
    assert re.search(r'<img src="assets/images/logo.svg"', home)
    assert (built / "assets/images/logo.svg").is_file() and (built / "assets/images/favicon.svg").is_file()


HOSTILE = '<img src=x onerror=alert(1)>"><script>alert(1)</script>'


def test_hostile_names_and_goals_are_escaped_in_hero_and_footer(tmp_path):
    project = copy_project(tmp_path)
    path = project / "data/coalitions/kgi.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  ru: "Коалиция гражданских инициатив"', "  ru: '" + HOSTILE.replace("'", "''") + "'", 1)
    path.write_text(text, encoding="utf-8")
    result = build(project, project / "site", SITE_URL, env={"REPOSITORY_URL": REPOSITORY_URL})
    if result.returncode != 0:  # validation may refuse it, with a message and no traceback
        assert "Traceback" not in result.stderr
        return
    html = (project / "site/ru/coalitions/kgi/index.html").read_text(encoding="utf-8")
    # The hero and the footer (this module's places; <title> is the sanitizer's, issue 11).
    hero = html[html.index('class="ms-hero"'):html.index('class="ms-menu"')]
    footer = html[html.index('class="md-footer ms-footer'):]
    for region in (hero, footer):
        assert "<script>alert(1)" not in region and "<img src=x" not in region
        assert "&lt;script&gt;alert(1)" in region


def test_a_coalition_gives_its_logo_short_name_and_colour(tmp_path):
    project = copy_project(tmp_path)
    path = project / "data/coalitions/kgi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kind: coalition\n", "logo: assets/logos/kgi.png\naccent: \"#0b6e4f\"\nkind: coalition\n", 1), encoding="utf-8")
    (project / "docs/assets/logos").mkdir(parents=True)
    from PIL import (
        Image,  # a real picture: docs/ publishes only what its bytes say it is
    )
    Image.new("RGB", (8, 8), "#0b6e4f").save(project / "docs/assets/logos/kgi.png")
    result = build(project, project / "site", SITE_URL)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = (site / "ru/coalitions/kgi/index.html").read_text(encoding="utf-8")
    assert '<img class="ms-hero__logo" src="../../../assets/logos/kgi.png" alt="КГИ">' in html
    assert '<p class="ms-hero__short">КГИ</p>' in html
    assert 'href="../../../assets/accents.css"' in html and "ms-coalition--kgi" in html
    assert "ms-coalition--kgi" not in (site / "ru/coalitions/amanat/index.html").read_text(encoding="utf-8")
    css = (site / "assets/accents.css").read_text(encoding="utf-8")
    assert "body[data-md-color-primary]:has(.ms-coalition--kgi)" in css and "#0b6e4f" in css
    hero = html[html.index('class="ms-hero"'):html.index('class="ms-menu"')]
    assert " style=" not in hero  # the colour comes from the stylesheet, never an attribute


def test_a_light_accent_or_a_missing_logo_is_refused_with_its_place(tmp_path):
    import subprocess
    import sys
    project = copy_project(tmp_path)
    path = project / "data/coalitions/kgi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kind: coalition\n", "accent: \"#ffee00\"\nkind: coalition\n", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "microsite", "validate"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert re.search(r"data/coalitions/kgi\.yml:\d+:\d+: the colour #ffee00 is too light",
                     result.stderr + result.stdout), result.stderr + result.stdout
    path.write_text(path.read_text(encoding="utf-8").replace('accent: "#ffee00"', "logo: assets/logos/none.png"),
                    encoding="utf-8")
    result = build(project, project / "site", SITE_URL)
    assert result.returncode != 0 and "docs/assets/logos/none.png does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_organisation_in_several_coalitions_has_its_own_page(tmp_path):
    project = copy_project(tmp_path)
    path = project / "data/members/osdp.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "awaiting_review: [kk]", "  - coalition: amanat\n    joined: 2019-05-02\nawaiting_review: [kk]"),
        encoding="utf-8")
    result = build(project, project / "site", SITE_URL)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for lang, name, amanat, joined in (("ru", "ОСДП", "Гражданская платформа «Аманат»", "2 мая 2019 г."),
                                       ("kk", "ЖСДП", "«Аманат» азаматтық платформасы", None)):
        own = (site / paths.lang_root(lang) / "members/osdp/index.html").read_text(encoding="utf-8")
        text = Reader(own).clean(Reader(own).article)
        assert name in own and amanat in text
        assert ("Коалиция гражданских инициатив" if lang == "ru" else "Азаматтық бастамалар коалициясы") in text
        if joined:
            assert joined in text
        members = (site / paths.lang_root(lang) / "coalitions/kgi/members/index.html").read_text(encoding="utf-8")
        assert 'href="../../../members/osdp/"' in members
    # An organisation in one coalition has none.
    assert not (site / "members/abadan").exists()


def test_the_hub_home_page_stays_light_as_the_network_grows(site_model):
    from microsite.tools import synth
    sizes = {}
    for n in (40, 160):
        site = synth.synthetic_site(site_model, n, 400, 20, 3)
        home = render.home(site, "kk")
        assert home.count(":material-account-group:") <= render.HOME_COALITIONS
        assert f"({n}) →](coalitions/index.md)" in home  # the full list, one link away
        listing = render.coalitions_index(site, "kk")
        assert len(listing) == -(-n // paths.PER_PAGE)  # paginated
        sizes[n] = len(re.sub(r"\d+", "", home))
    assert abs(sizes[160] - sizes[40]) < 200, sizes  # names differ by their numbers only
