"""Each coalition's member list as CSV and JSON, linked from its members page in both languages."""
from __future__ import annotations

import csv
import io
import json

import pytest
from htmlparse import Tags
from microsite.content.model import LANGS
from microsite.pages import opendata, paths


def downloads(built, site_model, cid, lang) -> dict[str, str]:
    """{ext: content} of the files the members page links to."""
    page_dir = built / paths.url(paths.coalition_page(site_model, cid, "members"), lang)
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


def test_formula_cells_are_neutralised_and_read_back_as_text(tmp_path):
    """Names a spreadsheet would run (=HYPERLINK(…), @SUM, +…, -…) get OWASP's leading quote
    in the CSV; the JSON keeps them exactly."""
    from conftest import copy_project
    from microsite.content.load import load_site
    from overlay import overlay
    project = overlay("csv-formula-names", copy_project(tmp_path))
    site = load_site(project / "data", project / "docs")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(opendata.to_csv(site, "kgi").lstrip("\ufeff")))}
    formula = rows["csv-formula-names"]
    assert formula["name_kk"] == "'=HYPERLINK(\"https://evil.example/x\",\"Ашу\")"
    assert formula["name_ru"] == "'@SUM(1+1)*cmd"
    assert (rows["csv-formula-names-plus"]["name_kk"], rows["csv-formula-names-plus"]["name_ru"]) == \
        ("'+1+1 Плюс ұйымы", "'-1+1 Минус организация")
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values()), row
    data = {m["id"]: m for m in json.loads(opendata.to_json(site, "kgi"))["members"]}
    assert data["csv-formula-names"]["name_ru"] == "@SUM(1+1)*cmd"
    ordinary = rows["abadan"]
    assert ordinary["name_kk"] == site.members["abadan"].name.kk  # nothing else changes


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("a=b", "a=b"), ("", ""),
    ("https://a.kz", "https://a.kz"),
])
def test_cell(value, cell):
    assert opendata.cell(value) == cell
