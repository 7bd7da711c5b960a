"""The editors' guides: their table of messages is the catalogues' (generated, never drifting)."""
from __future__ import annotations

import pytest
from conftest import ROOT
from microsite import messages
from microsite.tools import guides


@pytest.mark.parametrize("lang", messages.LANGS)
def test_the_committed_table_of_messages_is_the_generated_one(lang):
    text = guides.GUIDES[lang].read_text(encoding="utf-8")
    assert text == guides.generated(lang, text), "run `make messages` and commit the guides"


@pytest.mark.parametrize("lang", messages.LANGS)
def test_the_table_shows_each_problem_in_the_guides_language(lang):
    table = guides.table(lang)
    catalogue = messages.catalogue(lang)
    # e.g. the tab, the unclosed quote, the duplicate key: as editors read them, placeholders as «…»
    for msgid in ("a tab is used for indentation — YAML accepts only spaces: replace the tab with "
                  "spaces (two per level)",
                  "the field '{name}' appears twice; keep one of them (the other is on line {first})",
                  "unknown field '{key}' — {fix}"):
        assert guides._cell(catalogue[msgid]) in table
    assert "{" not in table.replace("{date", "")  # no placeholder left (but the YAML example's)
    assert len(table.splitlines()) > 60


@pytest.mark.parametrize("lang, words", [
    ("kk", ["Python 3.11", "git clone", "make serve", "http://127.0.0.1:8000/"]),
    ("ru", ["Python 3.11", "git clone", "make serve", "http://127.0.0.1:8000/"]),
])
def test_the_guides_explain_setting_up_locally(lang, words):
    text = (ROOT / f"CONTRIBUTING.{lang}.md").read_text(encoding="utf-8")
    for word in words:
        assert word in text
