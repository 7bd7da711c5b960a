"""Search per language: the split of Material's index, and the built site's search files."""
from __future__ import annotations

import json

from microsite import search
from microsite.stem_kk import RULES

LUNR = {"kk": ["kk"], "ru": ["en", "ru"]}


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
    assert parts["ru/"]["config"]["lang"] == ["en", "ru"]


def test_built_site_has_one_index_per_language(built):
    kk = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    ru = json.loads((built / "ru/search/search_index.json").read_text(encoding="utf-8"))
    assert kk["config"]["lang"] == ["kk"] and ru["config"]["lang"] == ["en", "ru"]
    assert "stemmer" in kk["config"]["pipeline"] and "stemmer" in ru["config"]["pipeline"]
    assert len(kk["docs"]) > 50 and len(ru["docs"]) > 50
    # Locations are relative to the language root: nothing of the other language.
    assert not any(d["location"].startswith("ru/") for d in kk["docs"] + ru["docs"])
    titles_kk = {d["title"] for d in kk["docs"]}
    assert "Гражданские коалиции" in {d["title"] for d in ru["docs"]}
    assert "Гражданские коалиции" not in titles_kk
    # Cyrillic as UTF-8, not \\u escapes.
    assert "\\u04" not in (built / "search/search_index.json").read_text(encoding="utf-8")


def test_built_site_has_the_kazakh_lunr_script_with_the_stemmer_rules(built):
    script = (built / search.LUNR_KK).read_text(encoding="utf-8")
    assert json.dumps(RULES, ensure_ascii=False) in script
    assert "/* RULES */null" not in script


def test_pages_point_material_at_their_languages_index_and_our_worker(page):
    kk, ru = page("coalitions/kgi/"), page("ru/coalitions/kgi/")
    assert '"base": "../.."' in kk.text
    assert '"base": "../../../ru/"' in ru.text
    for html in (kk, ru):
        assert "workers/stemmed-search.js?material=search." in html.text
