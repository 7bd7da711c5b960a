"""Search per language: the split of Material's index, its shards, folding, and the built
site's search files."""
from __future__ import annotations

import json

import pytest
from microsite.pages import search
from microsite.pages.fold import FOLD, fold_kk, fold_ru
from microsite.pages.stem_kk import KEY_RULES, RULES, key

LUNR = {"kk": ["kk"], "ru": ["fold", "en", "ru"]}


def test_split_gives_each_language_its_own_documents_and_lunr_languages():
    merged = {"config": {"lang": ["en", "ru"], "pipeline": ["stemmer"]}, "docs": [
        {"location": "", "title": "Басты бет", "text": ""},
        {"location": "coalitions/kgi/#x", "title": "АБК", "text": ""},
        {"location": "ru/", "title": "Главная", "text": ""},
        {"location": "ru/coalitions/kgi/#x", "title": "КГИ", "text": ""},
    ]}
    parts = search.split(merged, LUNR)
    assert set(parts) == {"", "ru/"}
    assert [d["title"] for d in parts[""]["docs"]] == ["Басты бет", "АБК"]
    assert [d["location"] for d in parts["ru/"]["docs"]] == ["", "coalitions/kgi/#x"]
    assert parts[""]["config"] == {"lang": ["kk"], "pipeline": ["stemmer"]}
    assert parts["ru/"]["config"]["lang"] == ["fold", "en", "ru"]


def test_built_site_has_one_index_per_language(built):
    kk = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    ru = json.loads((built / "ru/search/search_index.json").read_text(encoding="utf-8"))
    assert kk["config"]["lang"] == ["kk"] and ru["config"]["lang"] == ["fold", "en", "ru"]
    assert "stemmer" in kk["config"]["pipeline"] and "stemmer" in ru["config"]["pipeline"]
    # Material's file names the shards; the documents are in the page files.
    assert kk["docs"] == [] and ru["docs"] == []
    assert kk["config"]["shards"]["base"] == "search/" and ru["config"]["shards"]["base"] == "ru/search/"
    kk_docs, ru_docs = search.documents(built, ""), search.documents(built, "ru/")
    assert len(kk_docs) > 50 and len(ru_docs) > 50
    # Locations are relative to the language root: nothing of the other language.
    assert not any(d["location"].startswith("ru/") for d in kk_docs + ru_docs)
    assert "Гражданские коалиции" in {d["title"] for d in ru_docs}
    assert "Гражданские коалиции" not in {d["title"] for d in kk_docs}
    for prefix in kk["config"]["shards"]["keys"]:
        shard = json.loads((built / "search/s" / f"{search.shard_name(prefix)}.json").read_text(encoding="utf-8"))
        assert shard and all(k.startswith(prefix) for k in shard)
    # Cyrillic as UTF-8, not \\u escapes.
    assert "\\u04" not in (built / "search/p/0.json").read_text(encoding="utf-8")


def test_a_kazakh_shard_holds_keys_of_every_spelling_of_the_pages_words(built):
    shard = json.loads((built / "search/s" / f"{search.shard_name('то')}.json").read_text(encoding="utf-8"))
    pages = [json.loads(p.read_text(encoding="utf-8"))[0]["location"]
             for p in sorted((built / "search/p").glob("*.json"), key=lambda p: int(p.stem))]
    # «Тоқаев» in the text, under the key that «Токаев», «Tokayev», «Toqaev» also reach.
    assert {key(w) for w in ("Тоқаев", "Токаев", "Tokayev", "Toqaev", "Тоқаевтың")} == {"токаев"}
    found = [pages[n] for n in shard["токаев"][::2]]
    assert "coalitions/peoples-coalition/" in found


SPELLINGS = [
    # (Kazakh letters, Russian layout, 2021 Latin, informal Latin): one key
    ("сайлауға", "сайлауга", "saılauğa", "sailauga"),
    ("Қостанайда", "Костанайда", "Qostanaida", "Kostanayda"),
    ("Тоқаев", "Токаев", "Toqaev", "Tokayev"),
    ("Қошанов", "Кошанов", "Qoşanov", "Koshanov"),
    ("Шымкент", "Шымкент", "Şymkent", "Shymkent"),
    ("Жолдыхожаев", "Жолдыхожаев", "Joldyhojaev", "Zholdykhozhaev"),
    ("құқығы", "кукыгы", "qūqyğy", "kukygy"),
    ("мәслихаттың", "маслихаттын", "mäslihattyñ", "maslikhattyn"),
    ("тәуелсіздік", "тауелсиздик", "täuelsızdık", "tauelsizdik"),
    ("өңірлік", "онирлик", "öñırlık", "onirlik"),
]


@pytest.mark.parametrize("spellings", SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_every_spelling_of_a_kazakh_word_has_one_key(spellings):
    assert len({key(word) for word in spellings}) == 1, [key(w) for w in spellings]


def test_russian_folds_yo_and_kazakh_letters_only():
    assert fold_ru("Всё Тоқаев Ёлкин") == "все токаев елкин"
    assert fold_ru("sailau") == "sailau"   # Latin is the Kazakh index's business
    assert fold_kk("Ёлкин") == fold_ru("Ёлкин")


def test_key_rules_are_the_stemmers_rules_folded():
    assert "ға" in RULES["slots"][0]["endings"] and "ға" not in KEY_RULES["slots"][0]["endings"]
    assert "га" in KEY_RULES["slots"][0]["endings"]
    assert KEY_RULES["back"] == KEY_RULES["front"] == ""   # folding merges ә/а: no harmony


def test_shard_weights_titles_over_text_and_the_overview_over_its_sub_pages():
    index = {"config": {"separator": "[\\s\\-]+"}, "docs": [
        {"location": "coalitions/amanat/contacts/", "title": "Байланыс — «Аманат»",
         "text": "<p>«Аманат» Аманат Аманатқа Аманаттың</p>"},
        {"location": "coalitions/amanat/", "title": "«Аманат» платформасы", "text": "<p>Платформа</p>"},
        {"location": "statements/x/", "title": "Мәлімдеме", "text": "<p>Аманат &amp; сайлау</p>"},
        {"location": "statements/x/#bolim", "title": "Бөлім", "text": "<p>Сайлауға</p>"},
    ]}
    small, files = search.shard(index, "kk", "", frozenset({"coalitions/amanat/"}))
    assert small["docs"] == [] and small["config"]["shards"]["keys"] == ["ам", "ба", "бо", "ма", "пл", "са"]
    postings = files[f"s/{search.shard_name('ам')}.json"]["аманат"]
    weights = dict(zip(postings[::2], postings[1::2]))
    assert list(weights) == [1, 0, 2]            # overview, contacts (title + text), statement
    assert weights[1] > weights[0] > weights[2]
    # A page's sections travel with it; the overview carries lunr's document boost.
    assert [d["location"] for d in files["p/2.json"]] == ["statements/x/", "statements/x/#bolim"]
    assert files["p/1.json"][0]["boost"] == search.OVERVIEW_BOOST and "boost" not in files["p/0.json"][0]
    assert files[f"s/{search.shard_name('са')}.json"]["саилау"] == [2, 2]


def test_shards_keep_the_best_pages_of_a_common_key():
    docs = [{"location": f"p{n}/", "title": "Бет", "text": "коалиция " * (n % 25)} for n in range(200)]
    _, files = search.shard({"config": {}, "docs": docs}, "kk", "")
    postings = files[f"s/{search.shard_name('ко')}.json"][key("коалиция")]
    assert len(postings) == 2 * search.POSTINGS
    assert postings[1] == search.MAX_TF and postings[-1] == search.MAX_TF   # the best, capped


def test_built_site_has_the_folding_script(built):
    script = (built / search.LUNR_FOLD).read_text(encoding="utf-8")
    assert json.dumps(FOLD, ensure_ascii=False, separators=(",", ":")) in script
    assert "/* FOLD */null" not in (built / search.LUNR_KK).read_text(encoding="utf-8")


def test_built_site_has_the_kazakh_lunr_script_with_the_stemmer_rules(built):
    script = (built / search.LUNR_KK).read_text(encoding="utf-8")
    assert json.dumps(RULES, ensure_ascii=False) in script
    assert json.dumps(KEY_RULES, ensure_ascii=False) in script
    assert "/* RULES */null" not in script and "/* KEY_RULES */null" not in script


def test_pages_point_material_at_their_languages_index_and_our_worker(page):
    kk, ru = page("coalitions/kgi/"), page("ru/coalitions/kgi/")
    assert '"base": "../.."' in kk.text
    assert '"base": "../../../ru/"' in ru.text
    for html in (kk, ru):
        assert "workers/stemmed-search.js?material=search." in html.text


def test_a_heros_words_are_searchable_and_escaped():
    """The hero is printed by the template, so its words reach search apart: as text, since
    Material inserts results as HTML."""
    text, short = search.hero_text({"name": "<img src=x onerror=alert(1)>", "short_name": "АБК",
                                    "goal": "Ерлан Қошанов & co", "facts": [{"label": "Құрылған", "value": "Алматы"}]})
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "Ерлан Қошанов &amp; co" in text and "Құрылған: Алматы" in text and short == "АБК"
    index = {"config": {"lang": ["kk"], "separator": r"[\s\-]+"},
             "docs": [{"location": "coalitions/kgi/", "title": "Азаматтық бастамалар коалициясы", "text": ""},
                      {"location": "statements/x/", "title": "АБК құрылды", "text": "АБК"}]}
    _small, files = search.shard(index, "kk", "", frozenset({"coalitions/kgi/"}),
                                 {"coalitions/kgi/": (text, short)})
    postings = {k: v for shard in (d for name, d in files.items() if name.startswith("s/")) for k, v in shard.items()}
    key = search.KEYS["kk"]("АБК")
    assert postings[key][0] == 0  # the overview (page 0) first for its short name
    assert "Қошанов" in files["p/0.json"][0]["text"]
