"""Our Kazakh translation of Material's interface covers every key Material has."""
from __future__ import annotations

import re
from pathlib import Path

import material
from conftest import ROOT

KEY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.M)
MATERIAL_LANGS = Path(material.__file__).parent / "templates" / "partials" / "languages"


def keys(path: Path) -> dict[str, str]:
    return dict(KEY.findall(path.read_text(encoding="utf-8")))


def test_every_material_key_is_translated():
    english = keys(MATERIAL_LANGS / "en.html")
    kazakh = keys(ROOT / "overrides" / "partials" / "languages" / "kk.html")
    assert len(english) > 50  # the parser really read Material's file
    missing = sorted(set(english) - set(kazakh))
    assert not missing, f"kk.html lacks: {missing}"
    assert not sorted(set(kazakh) - set(english)), "kk.html has keys Material does not know"


def test_translation_is_kazakh_not_copied_english():
    english = keys(MATERIAL_LANGS / "en.html")
    kazakh = keys(ROOT / "overrides" / "partials" / "languages" / "kk.html")
    technical = {"language", "direction", "search.config.lang", "search.config.pipeline",
                 "search.config.separator"}
    same = [k for k in english if k not in technical and kazakh[k] == english[k]]
    assert not same, f"left in English: {same}"
    assert kazakh["language"] == "kk"
    # Kazakh-specific letters show it is Kazakh, not Russian, in the visible strings.
    visible = " ".join(v for k, v in kazakh.items() if k not in technical)
    assert re.search("[әғқңөұүһі]", visible)


def test_built_pages_use_it(page):
    kk = page("").text
    assert 'lang="kk"' in kk and "Мазмұнға өту" in kk  # action.skip
    ru = page("ru/").text
    assert "Перейти к содержанию" in ru
