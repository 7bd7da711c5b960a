"""The model's own rules: language fallback, ordering that never guesses a date."""
from __future__ import annotations

import datetime as dt

from microsite.content.model import Site, Statement, StatementText, Text


def test_text_falls_back_to_the_other_language():
    only_ru = Text(ru="Только по-русски")
    assert only_ru.lang_for("kk") == "ru" and only_ru.get("kk") == "Только по-русски"
    both = Text(kk="Қазақша", ru="По-русски")
    assert both.get("kk") == "Қазақша" and both.lang_for("ru") == "ru"
    assert not Text()


def statement(sid, date):
    text = StatementText(lang="ru", title=sid, body="", path=f"{sid}.ru.md")
    return Statement(id=sid, kind="news", status="adopted", texts={"ru": text}, date=date)


def test_newest_first_and_undated_last_in_file_order():
    site = Site(statements={s.id: s for s in (
        statement("undated-a", None), statement("old", dt.date(2019, 8, 28)),
        statement("undated-b", None), statement("new", dt.date(2023, 8, 11)))})
    assert [s.id for s in site.statements_of()] == ["new", "old", "undated-a", "undated-b"]
    assert site.statements_of()[0].text_for("kk").lang == "ru"


def test_real_content_has_no_dangling_membership(site_model):
    for member in site_model.members.values():
        for ms in member.memberships:
            assert (member, ms) in site_model.members_of(ms.coalition)
