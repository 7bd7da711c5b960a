"""Writing the model back as editors' files: what `dump` writes, `load` reads back unchanged."""
from __future__ import annotations

import shutil

from conftest import ROOT
from microsite.content.load import load_site
from microsite.tools import dump


def test_real_content_round_trips(tmp_path, site_model):
    shutil.copytree(ROOT / "data" / "schema", tmp_path / "data" / "schema")
    shutil.copy(ROOT / "data" / "allowed-words.yml", tmp_path / "data")
    written = dump.write_site(site_model, tmp_path)
    assert written == (len(site_model.coalitions) + len(site_model.members) + len(site_model.events)
                       + sum(len(s.texts) for s in site_model.statements.values()))
    again = load_site(tmp_path / "data", tmp_path / "docs")
    for table in ("coalitions", "members", "events", "statements"):
        before, after = getattr(site_model, table), getattr(again, table)
        assert list(after) == sorted(before), table
        for rid in before:
            assert after[rid] == before[rid], f"{table}/{rid} changed on the way through files"
    # Written once more, the files are the same bytes: nothing drifts between runs.
    assert dump.site_files(again) == dump.site_files(site_model)


def test_dumped_files_read_like_editors_files(site_model):
    files = dump.site_files(site_model)
    kgi = files["data/coalitions/kgi.yml"]
    assert kgi.startswith("# yaml-language-server: $schema=../schema/coalition.schema.json\n"
                          "id: kgi\nname:\n  kk: Азаматтық бастамалар коалициясы\n")
    assert "founded:\n  date: 2019-08-28\n" in kgi
    declaration = files["docs/statements/kgi-declaration.ru.md"]
    assert declaration.startswith("---\ntitle: ")
    assert "\nstatus: adopted\n" in declaration and "\n---\n\n" in declaration
