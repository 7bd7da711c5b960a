"""Dates and counted words in each language's own form."""
from __future__ import annotations

import datetime as dt

import pytest
from microsite.content.model import LANGS
from microsite.pages import words


@pytest.mark.parametrize("value, kk, ru", [
    (dt.date(2019, 8, 28), "2019 жылғы 28 тамыз", "28 августа 2019 г."),
    (dt.date(2019, 4, 22), "2019 жылғы 22 сәуір", "22 апреля 2019 г."),
    (dt.date(2023, 8, 11), "2023 жылғы 11 тамыз", "11 августа 2023 г."),
    (dt.date(2024, 1, 1), "2024 жылғы 1 қаңтар", "1 января 2024 г."),
])
def test_dates_in_local_form(value, kk, ru):
    assert words.date(value, "kk") == kk
    assert words.date(value, "ru") == ru


def test_unknown_date_is_said_not_guessed():
    assert words.date(None, "kk") == "күні көрсетілмеген"
    assert words.date(None, "ru") == "дата не указана"


@pytest.mark.parametrize("n, ru", [(1, "1 участник"), (3, "3 участника"), (5, "5 участников"),
                                   (11, "11 участников"), (21, "21 участник"), (15, "15 участников")])
def test_russian_counts_agree_with_the_number(n, ru):
    assert words.count(n, "members", "ru") == ru
    assert words.count(n, "members", "kk") == f"{n} мүше"


def test_both_languages_have_the_same_words():
    assert set(words.UI["kk"]) == set(words.UI["ru"])
    for lang in LANGS:
        assert all(v.strip() for v in words.UI[lang].values())
