"""Search as a reader uses it, in Debian's headless Chromium on the built site.

Per language, word forms that occur nowhere in that language's pages find the page that has
other forms of the word; a page searches only its own language's index; and the Kazakh
stemmer that lunr runs in the browser gives the same stems as stem_kk.py.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest

from kk_word_forms import STEMS
from microsite.stem_kk import stem
from test_browser import PHONE, SHOTS, browser, server, tab  # noqa: F401 (fixtures)

ROOT = {"kk": "", "ru": "ru/"}
READY = {"kk": "Іздеу үшін теріп бастаңыз", "ru": "Начните печатать для поиска"}

# (query, the page it must find); none of these forms is in the language's text.
INFLECTED = {
    "kk": [
        ("сайлаулар", "coalitions/kgi/directions/"),
        ("коалицияларға", "coalitions/"),
        ("декларацияның", "statements/kgi-declaration/"),
        ("мемлекеттің", "statements/kgi-declaration/"),
        ("конституцияға", "coalitions/national-coalition/"),
        ("платформаның", "coalitions/amanat/"),
        ("форумға", "events/kostanay-civil-forum-2023/"),
        ("партиясының", "statements/shymkent-coalition-founded/"),
        ("тәуелсіздік", "statements/kgi-declaration/"),
        ("бақылаушысы", "events/kostanay-civil-forum-2023/"),
        ("сарапшыға", "statements/kostanay-civil-forum-2023-report/"),
        ("кандидаттарға", "statements/amanat-press-release/"),
        ("әйелдердің", "coalitions/peoples-coalition/members/"),
        ("кәсіподақтарының", "coalitions/peoples-coalition/members/"),
        ("депутатқа", "statements/shymkent-coalition-founded/"),
        ("мәслихаттың", "statements/shymkent-coalition-founded/"),
        ("бюджеттің", "events/kostanay-civil-forum-2023/"),
    ],
    "ru": [
        ("коалициями", "coalitions/"),
        ("декларацией", "statements/kgi-declaration/"),
        ("государству", "statements/kgi-declaration/"),
        ("конституцией", "coalitions/national-coalition/"),
        ("платформой", "coalitions/amanat/"),
        ("форумом", "events/kostanay-civil-forum-2023/"),
        ("партиями", "statements/shymkent-coalition-founded/"),
        ("наблюдателям", "statements/amanat-press-release/"),
        ("экспертам", "statements/kostanay-civil-forum-2023-report/"),
        ("кандидатами", "statements/amanat-press-release/"),
        ("женщинам", "coalitions/peoples-coalition/members/"),
        ("писателям", "coalitions/peoples-coalition/members/"),
        ("профсоюзом", "coalitions/peoples-coalition/members/"),
        ("депутатам", "statements/shymkent-coalition-founded/"),
        ("маслихатом", "statements/shymkent-coalition-founded/"),
        ("бюджетом", "events/kostanay-civil-forum-2023/"),
        ("референдумом", "statements/shymkent-coalition-founded/"),
    ],
}


@pytest.fixture(scope="module")
def words(built):
    """Every word a reader can see on the built pages of each language."""
    found = {"kk": set(), "ru": set()}
    for path in built.rglob("*.html"):
        lang = "ru" if path.relative_to(built).parts[0] == "ru" else "kk"
        text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
        found[lang] |= set(re.findall(r"\w+", text.lower()))
    return found


def search(tab, server, lang: str, query: str, *, load: bool = True) -> list[str]:
    """Type the query into Material's search box on the language's home page: result paths."""
    if load:
        tab.goto(server + ROOT[lang])
    tab.focus("input.md-search__input")
    # Material says "Initializing search" until its worker has the index: wait, as a reader does.
    tab.locator(".md-search-result__meta", has_text=READY[lang]).wait_for(timeout=15000)
    tab.fill("input.md-search__input", query)
    # Material reads the query on keyup; Playwright types non-Latin text without key events.
    tab.press("input.md-search__input", "End")
    meta = tab.locator(".md-search-result__meta")
    meta.filter(has_not_text=READY[lang]).wait_for(timeout=15000)
    links = tab.locator(".md-search-result__item a")
    return [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]


@pytest.mark.parametrize("lang, query, expected",
                         [(lang, q, e) for lang, pairs in INFLECTED.items() for q, e in pairs])
def test_inflected_form_finds_the_page(tab, server, words, lang, query, expected):
    assert query not in words[lang], f"«{query}» is in the {lang} text: pick a form that is not"
    found = search(tab, server, lang, query)
    assert "/" + ROOT[lang] + expected in found, found


def test_enough_forms_per_language():
    assert all(len(set(q for q, _ in pairs)) >= 15 for pairs in INFLECTED.values())


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_page_searches_only_its_own_language(tab, server, lang):
    indexes = []
    tab.on("request", lambda r: r.url.endswith("search_index.json") and indexes.append(r.url))
    # Latin names and «коалиция» are in both languages' pages.
    for query in ("Bolashaq", "коалиция", "Жолдыхожаев"):
        found = search(tab, server, lang, query)
        assert found, query
        if lang == "kk":
            assert not any(p.startswith("/ru/") for p in found), found
        else:
            assert all(p.startswith("/ru/") for p in found), found
    assert indexes and set(indexes) == {server + ROOT[lang] + "search/search_index.json"}


def test_a_word_of_the_other_language_finds_nothing(tab, server):
    assert search(tab, server, "kk", "выборы") == []
    assert search(tab, server, "ru", "сайлаулар") == []


@pytest.mark.parametrize("lang, query", [("kk", "сайлаулар"), ("ru", "выборами")])
def test_results_on_a_phone(tab, server, lang, query):
    tab.set_viewport_size(PHONE)
    tab.goto(server + ROOT[lang])
    tab.click("label.md-header__button[for=__search]")  # the magnifier opens search on phones
    assert search(tab, server, lang, query, load=False)
    # Material slides the search panel in on phones; once it is in, nothing scrolls sideways.
    # A function, not an expression string: Playwright polls a string with eval(), which the
    # pages' Content-Security-Policy refuses.
    tab.wait_for_function("() => document.scrollingElement.scrollWidth <= window.innerWidth", timeout=5000)
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"search-{lang}-phone.png"))


def test_lunr_kazakh_stemmer_agrees_with_python(tab, server, built):
    forms = sorted({f for head, fs in STEMS.items() for f in [head, *fs]})
    forms += ["Сайлауға", "Bolashaq", "2019", "және", "мониторингін"]
    tab.goto(server)
    worker = next(built.glob("assets/javascripts/workers/search.*.min.js")).relative_to(built)
    # Material's worker defines lunr (outside a worker it only adds an unused listener).
    for script in (worker, "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                   "assets/javascripts/lunr/min/lunr.kk.min.js"):
        tab.add_script_tag(url=server + str(script))
    in_js = tab.evaluate("forms => forms.map(w => lunr.kk.stem(w))", forms)
    assert dict(zip(forms, in_js)) == {f: stem(f) for f in forms}
