"""Landing pages and the members directory in a real headless Chromium (Debian's): what a
reader on a phone sees first, the filter with and without script."""
from __future__ import annotations

import pytest
from microsite.content.model import LANGS
from microsite.pages import paths, words
from test_browser import PHONE, browser, server  # noqa: F401 (fixtures)


@pytest.fixture
def phone(browser, server):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    yield context.new_page(), server
    context.close()


def box(tab, selector):
    return tab.locator(selector).first.bounding_box()


@pytest.mark.parametrize("lang", LANGS)
def test_name_goal_and_call_to_action_are_in_the_first_phone_screen(phone, site_model, lang):
    tab, server = phone
    landing = [paths.HOME] + [paths.coalition_page(site_model, cid) for cid in site_model.coalitions]
    for source in landing:
        tab.goto(server + paths.url(source, lang))
        for selector in (".ms-hero__name", ".ms-hero__goal", ".ms-hero__actions .md-button"):
            found = box(tab, selector)
            assert found and found["height"] > 0, f"{source}: no {selector}"
            assert found["y"] + found["height"] <= PHONE["height"], \
                f"{source} ({lang}): {selector} ends at {found['y'] + found['height']:.0f} px"
        # No table of contents beside or above the hero.
        assert not tab.locator(".md-sidebar--secondary").first.is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_members_filter_by_name_and_type(phone, site_model, lang):
    tab, server = phone
    members = site_model.roster("peoples-coalition", lang)
    tab.goto(server + paths.url(paths.coalition_page(site_model, "peoples-coalition", "members"), lang))
    items = tab.locator(".ms-directory li")
    assert items.count() == len(members)
    target = members[-1][0]
    word = target.name.get(lang).split()[-1].strip("«»\"")
    tab.fill(".ms-filter__name", word.upper())  # case does not matter
    visible = [items.nth(i).inner_text() for i in range(items.count()) if items.nth(i).is_visible()]
    assert visible and all(word.lower() in v.lower() for v in visible), visible
    assert any(target.name.get(lang) in v for v in visible)
    tab.fill(".ms-filter__name", "")
    types = sorted({m.type for m, _ in members})
    tab.select_option(".ms-filter__type", types[0])
    shown = sum(1 for i in range(items.count()) if items.nth(i).is_visible())
    assert shown == sum(1 for m, _ in members if m.type == types[0])
    tab.select_option(".ms-filter__type", "")
    tab.fill(".ms-filter__name", "zzzqqq")
    assert tab.locator(".ms-filter__none").is_visible()
    assert words.t(lang, "members.filter.none") in tab.locator(".ms-filter__none").inner_text()


def test_members_list_is_complete_without_script(browser, server, site_model):  # noqa: F811
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + paths.url(paths.coalition_page(site_model, "kgi", "members"), "ru"))
    items = tab.locator(".ms-directory li")
    assert items.count() == len(site_model.members_of("kgi"))
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert tab.locator(".ms-filter").count() == 0  # no dead controls without script
    context.close()


def test_statement_print_button_appears_with_script(phone, site_model):
    tab, server = phone
    tab.goto(server + paths.url(paths.statement_page("kgi-declaration"), "kk"))
    assert tab.locator(".ms-print").is_visible()
    share = tab.locator(".ms-actions a")
    assert share.count() == 3 and "t.me/share" in share.first.get_attribute("href")
