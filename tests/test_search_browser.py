"""Search as a reader uses it, in Debian's headless Chromium on the built site.

Per language, word forms that occur nowhere in that language's pages find the page that has
other forms of the word; on Kazakh pages, words typed with Russian-layout substitutes, in the
2021 Latin alphabet, in informal Latin and with one typo find their page among the first
three; a coalition's overview comes first for its own name; a page searches only its own
language's index; and the folding and Kazakh stemmer that lunr runs in the browser give the
same keys as fold.py and stem_kk.py.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from kk_word_forms import STEMS
from microsite.pages.fold import FOLD, fold_ru
from microsite.pages.stem_kk import key, stem
from test_browser import PHONE, SHOTS, browser, server, tab  # noqa: F401 (fixtures)
from test_search import SPELLINGS

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


# Kazakh pages, (query, the page it must find among the first three). Real names, places and
# words of the Kazakh texts, typed as readers type them.
RUSSIAN_LAYOUT = [  # қ→к, ә→а, ө→о, ұ/ү→у, ғ→г, ң→н, і→и, һ→х
    ("Токаев", "coalitions/peoples-coalition/"),
    ("Костанай", "statements/kostanay-civil-forum-2023-report/"),
    ("Кошанов", "coalitions/national-coalition/"),
    ("Аманат азаматтык платформасы", "coalitions/amanat/"),
    ("Халыктык коалиция", "coalitions/peoples-coalition/"),
    ("Шымкент калалык коалициясы", "coalitions/shymkent-coalition/"),
    ("Азаматтык бастамалар коалициясы", "coalitions/kgi/"),
    ("Касым-Жомарт", "coalitions/peoples-coalition/"),
    ("маслихат", "statements/shymkent-coalition-founded/"),
    ("корытындысы", "statements/kostanay-civil-forum-2023-report/"),
    ("ынтымактастык", "statements/kostanay-civil-forum-2023-report/"),
    ("Улыбритания", "statements/kostanay-civil-forum-2023-report/"),
    ("Озбекстан", "events/kostanay-civil-forum-2023/"),
    ("Тажикстан", "statements/kostanay-civil-forum-2023-report/"),
    ("жалпыулттык коалиция", "coalitions/national-coalition/"),
    ("Парламенти Мажилисинин", "coalitions/national-coalition/"),
    ("сайлауга", "statements/amanat-press-release/"),
]
LATIN = [  # the 2021 alphabet (ä ğ ı ñ ö ş q ū ü j) and informal ASCII (sh, zh, kh, y, k)
    ("Toqaev", "coalitions/peoples-coalition/"),
    ("Tokayev", "coalitions/peoples-coalition/"),
    ("Qostanai", "statements/kostanay-civil-forum-2023-report/"),
    ("Kostanay", "events/kostanay-civil-forum-2023/"),
    ("Qoşanov", "coalitions/national-coalition/"),
    ("Koshanov", "coalitions/national-coalition/"),
    ("Şymkent qalalyq", "coalitions/shymkent-coalition/"),
    ("Shymkent kalalyk koalitsiyasy", "coalitions/shymkent-coalition/"),
    ("Ūlybritaniia", "statements/kostanay-civil-forum-2023-report/"),
    ("mäslihat", "statements/shymkent-coalition-founded/"),
    ("Amanat azamattyq platformasy", "coalitions/amanat/"),
    ("Joldyhojaev", "coalitions/shymkent-coalition/"),
    ("Zholdykhozhaev", "statements/shymkent-coalition-founded/"),
    ("saılauğa", "statements/amanat-press-release/"),
    ("sailauga", "statements/amanat-press-release/"),
    ("Täjıkstan", "statements/kostanay-civil-forum-2023-report/"),
    ("Halyqtyq", "coalitions/peoples-coalition/"),
]
TYPOS = [  # one letter swapped, changed, missing or extra, in words of five letters or more
    ("Тоқеав", "coalitions/peoples-coalition/"),
    ("Жолдыхажаев", "coalitions/shymkent-coalition/"),
    ("Қосатнай", "statements/kostanay-civil-forum-2023-report/"),
    ("Конститусиясы", "coalitions/national-coalition/"),
    ("Ұлыбритаия", "statements/kostanay-civil-forum-2023-report/"),
    ("мәслхат", "statements/shymkent-coalition-founded/"),
    ("Өзбекстна", "events/kostanay-civil-forum-2023/"),
]
KAZAKH_LETTERS = set("әөұүғқңіһ")


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
    """Type the query into Material's search box on the language's home page: result paths,
    below the path the site is served at (`/coalitions/…`, whatever that path is)."""
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
    served = urlsplit(server).path
    return ["/" + urlsplit(links.nth(i).get_attribute("href")).path.removeprefix(served).lstrip("/")
            for i in range(links.count())]


@pytest.mark.parametrize("lang, query, expected",
                         [(lang, q, e) for lang, pairs in INFLECTED.items() for q, e in pairs])
def test_inflected_form_finds_the_page(tab, server, words, lang, query, expected):
    assert query not in words[lang], f"«{query}» is in the {lang} text: pick a form that is not"
    found = search(tab, server, lang, query)
    assert "/" + ROOT[lang] + expected in found, found


def test_enough_forms_per_language():
    assert all(len(set(q for q, _ in pairs)) >= 15 for pairs in INFLECTED.values())


def pages_of(found: list[str]) -> list[str]:
    """Result paths → pages in order (Material lists a page's sections under it)."""
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("query, expected", RUSSIAN_LAYOUT + LATIN + TYPOS)
def test_kazakh_typed_as_readers_type_finds_the_page_among_the_first_three(tab, server, words, query, expected):
    found = pages_of(search(tab, server, "kk", query))
    assert "/" + expected in found[:3], found
    assert not any(p.startswith("/ru/") for p in found), found
    if (query, expected) not in TYPOS:  # every word was found: none listed as missing
        first = tab.locator(".md-search-result__item").first.locator(".md-search-result__link").first
        assert first.locator(".md-search-result__terms").count() == 0, first.inner_text()


def test_the_queries_are_what_they_claim(words, built):
    assert len(RUSSIAN_LAYOUT) >= 15 and len(LATIN) >= 10 and len(TYPOS) >= 5
    # Russian layout: no Kazakh letter typed, and the word as typed is not in the Kazakh text
    # (or its key would not need folding).
    for query, _ in RUSSIAN_LAYOUT:
        assert not KAZAKH_LETTERS & set(query.lower()), query
        assert any(w not in words["kk"] for w in query.lower().split()), query
    assert all(re.fullmatch(r"[\w -]+", q) and not re.search("[а-яё]", q.lower()) for q, _ in LATIN)
    assert {"ä", "ğ", "ı", "ş", "q", "ū"} <= set("".join(q for q, _ in LATIN).lower())   # 2021
    assert {"sh", "zh", "kh"} <= {s for q, _ in LATIN for s in ("sh", "zh", "kh") if s in q.lower()}
    # Typos: no word of the index has the typed word's key; a word of five letters or more.
    keys = {k for path in (built / "search/s").glob("*.json")
            for k in __import__("json").loads(path.read_text(encoding="utf-8"))}
    for query, _ in TYPOS:
        assert len(query) >= 5 and key(query) not in keys, query


@pytest.mark.parametrize("query, exact, fuzzy", [
    # «хабарлау» is on the Amanat pages; «хабарласу», one letter away, only on the 15 organisations'.
    ("хабарлау", "statements/amanat-press-release/", "statements/peoples-coalition-15-organisations/"),
    # «табиғат» in the Kostanay report; «табылат», one letter away after folding, in the declaration.
    ("табиғат", "statements/kostanay-civil-forum-2023-report/", "statements/kgi-declaration/"),
])
def test_a_typo_match_ranks_below_the_exact_ones(tab, server, query, exact, fuzzy):
    found = pages_of(search(tab, server, "kk", query))
    assert "/" + exact in found and "/" + fuzzy in found, found
    assert found.index("/" + exact) < found.index("/" + fuzzy), found


@pytest.mark.parametrize("lang, query, overview", [
    ("kk", "Аманат", "coalitions/amanat/"),
    ("kk", "Amanat", "coalitions/amanat/"),
    ("ru", "Аманат", "coalitions/amanat/"),
    ("kk", "Шымкент", "coalitions/shymkent-coalition/"),
    ("kk", "Халықтық коалиция", "coalitions/peoples-coalition/"),
    ("ru", "Народная коалиция", "coalitions/peoples-coalition/"),
    ("kk", "АБК", "coalitions/kgi/"),
])
def test_a_coalitions_overview_comes_first_for_its_name(tab, server, lang, query, overview):
    found = pages_of(search(tab, server, lang, query))
    assert found[0] == "/" + ROOT[lang] + overview, found


@pytest.mark.parametrize("query, expected", [
    ("канидатами", "statements/amanat-press-release/"),    # кандидатами
    ("декларацыей", "statements/kgi-declaration/"),       # декларацией
    ("маслихатм", "statements/shymkent-coalition-founded/"),  # маслихатом
])
def test_a_russian_word_with_one_typo_finds_the_page(tab, server, words, query, expected):
    assert query not in words["ru"]
    found = pages_of(search(tab, server, "ru", query))
    assert "/ru/" + expected in found[:3], found


def test_russian_folds_yo_and_kazakh_letters(tab, server):
    # «Тоқаев» typed with Kazakh letters on a Russian page finds «Токаев».
    found = pages_of(search(tab, server, "ru", "Тоқаев"))
    assert "/ru/coalitions/peoples-coalition/" in found[:3], found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_page_searches_only_its_own_language(tab, server, lang):
    indexes = []
    tab.on("request", lambda r: "/search/" in r.url and indexes.append(r.url))
    # Latin names and «коалиция» are in both languages' pages.
    for query in ("Bolashaq", "коалиция", "Жолдыхожаев", "Аманат"):
        found = search(tab, server, lang, query)
        assert found, query
        if lang == "kk":
            assert not any(p.startswith("/ru/") for p in found), found
        else:
            assert all(p.startswith("/ru/") for p in found), found
    # Material's file, shards and result pages: all below the language's own root.
    assert server + ROOT[lang] + "search/search_index.json" in indexes
    assert any("/search/s/" in url for url in indexes) and any("/search/p/" in url for url in indexes)
    assert all(url.startswith(server + ROOT[lang] + "search/") for url in indexes), indexes


def test_a_word_of_the_other_language_finds_nothing(tab, server):
    assert search(tab, server, "kk", "выборы") == []
    assert search(tab, server, "ru", "сайлаулар") == []


@pytest.mark.parametrize("lang, query", [("kk", "сайлаулар"), ("ru", "выборами"), ("kk", "Qostanai"), ("kk", "Жолдыхажаев")])
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
    tab.screenshot(path=str(SHOTS / f"search-{lang}-{query}-phone.png"))


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
    # Keys: folded, then stemmed, in every spelling; and the Russian index's folding.
    spelled = forms + [w for row in SPELLINGS for w in row] + ["İnformasiya", "Tokayev", "Yerlan"]
    keys_js = tab.evaluate("forms => forms.map(w => lunr.kk.key(w))", spelled)
    assert dict(zip(spelled, keys_js)) == {f: key(f) for f in spelled}
    latin = "".join(k for k in FOLD["latin"] if len(k) == 1) + "".join(FOLD["cyrillic"]) + "ЁЛКА Şş İı"
    assert tab.evaluate("text => lunr.fold.ru(text)", latin) == fold_ru(latin)
