"""Each coalition's member list as open data: CSV (for spreadsheets) and JSON (for programs).

Both languages in every file, so one file serves every reader; columns are stable names in
English, as data users expect. Written into the staged tree beside the members page, once:
both languages' pages link the one copy at the default language's address.
"""
from __future__ import annotations

import csv
import io
import json

from ..content.model import Site
from ..pages import paths

COLUMNS = ("id", "name_kk", "name_ru", "type", "joined", "role_kk", "role_ru", "link")


def rows(site: Site, coalition_id: str) -> list[dict[str, str]]:
    """One row per member, sorted by Kazakh name (the default language), like the page."""
    out = []
    for member, membership in site.members_of(coalition_id):
        out.append({
            "id": member.id,
            # Only the text the editors wrote: an empty cell, never the other language's name.
            "name_kk": member.name.kk, "name_ru": member.name.ru,
            "type": member.type,
            "joined": membership.joined.isoformat() if membership.joined else "",
            "role_kk": membership.role.kk, "role_ru": membership.role.ru,
            "link": member.link,
        })
    return sorted(out, key=lambda r: (r["name_kk"] or r["name_ru"]).casefold())


# A cell starting with one of these is a formula to a spreadsheet (`=HYPERLINK(…)`, `@SUM(…)`,
# `+cmd|…`): OWASP's advice is a leading single quote, which spreadsheets show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def to_csv(site: Site, coalition_id: str) -> str:
    buffer = io.StringIO()
    # UTF-8 with a byte-order mark: spreadsheet programs then read Cyrillic correctly.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: cell(value) for key, value in row.items()}
                     for row in rows(site, coalition_id))
    return buffer.getvalue()


def to_json(site: Site, coalition_id: str) -> str:
    c = site.coalitions[coalition_id]
    coalition = {"id": c.id, "name_kk": c.name.kk, "name_ru": c.name.ru}
    # One member per line: readable and diffable like indented JSON, but written by the json
    # module's C encoder (`indent` switches to its pure-Python one) and a third smaller.
    members = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows(site, coalition_id))
    return (f'{{"coalition": {json.dumps(coalition, ensure_ascii=False)},\n'
            f'"members": [\n{members}\n]}}\n')


def files(site: Site) -> dict[str, str]:
    """{source path without language suffix: content} of every coalition's member lists."""
    out = {}
    for cid in site.coalitions:
        if not paths.has_part(site, cid, "members"):
            continue  # no list, no empty file: the members page is not published either
        out[paths.members_data(site, cid, "csv")] = to_csv(site, cid)
        out[paths.members_data(site, cid, "json")] = to_json(site, cid)
    return out
