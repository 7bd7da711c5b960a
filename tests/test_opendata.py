"""Each coalition's member list as CSV and JSON, linked from its members page in both languages."""
from __future__ import annotations

import csv
import io
import json

import pytest

from htmlparse import Tags
from microsite import opendata, pages
from microsite.model import LANGS


def downloads(built, site_model, cid, lang) -> dict[str, str]:
    """{ext: content} of the files the members page links to."""
    page_dir = built / pages.url(pages.coalition_page(site_model, cid, "members"), lang)
    tags = Tags((page_dir / "index.html").read_text(encoding="utf-8"))
    out = {}
    for a in tags.find("a"):
        href = a.get("href", "")
        if href.endswith((".csv", ".json")):
            out[href.rsplit(".", 1)[1]] = (page_dir / href).resolve().read_text(encoding="utf-8-sig")
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_members_pages_link_their_lists_as_csv_and_json(built, site_model, lang):
    checked = 0
    for cid in site_model.coalitions:
        entries = site_model.members_of(cid)
        files = downloads(built, site_model, cid, lang)
        if not entries:
            assert not files, f"{cid} has no members: no empty downloads"
            continue
        assert set(files) == {"csv", "json"}, cid
        rows = list(csv.DictReader(io.StringIO(files["csv"])))
        data = json.loads(files["json"])
        assert data["coalition"]["id"] == cid and rows == data["members"]
        assert len(rows) == len(entries)
        by_id = {r["id"]: r for r in rows}
        for member, membership in entries:
            row = by_id[member.id]
            assert (row["name_kk"], row["name_ru"]) == (member.name.kk, member.name.ru)
            assert row["type"] == member.type and row["link"] == member.link
            assert row["joined"] == (membership.joined.isoformat() if membership.joined else "")
        checked += 1
    assert checked >= 2


def test_csv_opens_in_spreadsheets(site_model):
    text = opendata.to_csv(site_model, "peoples-coalition")
    assert text.startswith("\ufeff" + ",".join(opendata.COLUMNS) + "\r\n")
