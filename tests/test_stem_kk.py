"""The Kazakh stemmer on word forms from the site's own Kazakh texts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from kk_word_forms import STEMS
from microsite.pages.stem_kk import RULES, key, stem

FORMS = [(form, head) for head, forms in STEMS.items() for form in forms]


def test_the_table_is_large_enough():
    assert len(FORMS) >= 150


@pytest.mark.parametrize("head", STEMS)
def test_a_stem_is_its_own_stem(head):
    assert stem(head) == head


@pytest.mark.parametrize("form, expected", FORMS)
def test_word_form_reaches_its_stem(form, expected):
    assert stem(form) == expected


def test_every_form_is_in_the_sites_kazakh_text():
    # The table is drawn from the content, not invented: each form occurs in the Kazakh texts.
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.kk.md")]
    texts += [p.read_text(encoding="utf-8") for p in (root / "data").rglob("*.yml")]
    words = set(re.findall(r"\w+", " ".join(texts).lower()))
    missing = [form for form, _ in FORMS if form not in words]
    assert not missing, missing


@pytest.mark.parametrize("word, expected", [
    ("Сайлауға", "сайлау"),        # capitals: a reader's query may start with one
    ("Bolashaq", "bolashaq"),      # Latin names are left whole
    ("2019", "2019"),
    ("және", "және"),              # function words are never cut
])
def test_other_words(word, expected):
    assert stem(word) == expected


def test_harmony_and_consonant_rules_refuse_wrong_endings():
    assert stem("қазақстан") == "қазақстан"    # -стан is no ablative -тан
    assert stem("астана") == "астана"          # dative -на only follows a possessive
    assert stem("органдармен") == "орган"      # мен has no vowel harmony


def test_every_ending_is_written_in_kazakh_letters():
    letters = set(RULES["letters"])
    for slot in RULES["slots"]:
        for ending in slot["endings"]:
            assert set(ending) <= letters, ending


# Folding merges ң and н: «алаңы» folds to «аланы», whose «-ны» is then an accusative.
KEY_EXCEPTIONS = {"алаңы"}


@pytest.mark.parametrize("form, head", [f for f in FORMS if f[0] not in KEY_EXCEPTIONS])
def test_word_form_reaches_its_heads_key(form, head):
    # The search key (folded, then stemmed by the folded rules) joins the forms as the stem does.
    assert key(form) == key(head)


def test_key_exceptions_are_still_exceptions():
    assert all(key(form) != key(head) for form, head in FORMS if form in KEY_EXCEPTIONS)
