"""`make i18n-status`: per language, what is missing and what awaits review."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, copy_project
from microsite.content.load import load_site
from microsite.tools import status


def test_real_content_awaits_kazakh_review_only(site_model):
    table = status.rows(site_model, ROOT / "docs")
    assert table["ru"] == []
    expected = ({r.path for r in (*site_model.coalitions.values(), *site_model.members.values(),
                                  *site_model.events.values()) if "kk" in r.awaiting_review}
                | {s.texts["kk"].path for s in site_model.statements.values() if s.texts["kk"].awaiting_review})
    assert {path for path, _, _ in table["kk"]} == expected
    assert "docs/statements/amanat-press-release.kk.md" not in expected  # the seed's own Kazakh


def test_missing_pages_and_fields_are_listed(tmp_path):
    project = copy_project(tmp_path)
    statements = project / "docs" / "statements"
    (statements / "amanat-press-release.ru.md").unlink()
    kk = statements / "amanat-press-release.kk.md"
    kk.write_text(kk.read_text().replace("---\n", "---\nawaiting_translation: [ru]\n", 1))
    member = project / "data" / "members" / "abadan.yml"
    member.write_text(member.read_text().replace('  ru: "Молодежное движение Абадан"\n', "")
                      + "awaiting_translation: [ru]\n")
    site = load_site(project / "data", project / "docs")
    table = status.rows(site, project / "docs")
    assert ("docs/statements/amanat-press-release.ru.md", "page", status.MISSING) in table["ru"]
    assert ("data/members/abadan.yml", "name", status.MISSING) in table["ru"]
    text = status.markdown(site, project / "docs")
    assert "| Русский (ru) | 2 | 0 |" in text
    assert "| `data/members/abadan.yml` | name | missing |" in text


def test_command_prints_a_markdown_table():
    result = subprocess.run([sys.executable, "-m", "microsite", "--root", str(ROOT), "i18n-status"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[2] == "| language | missing | awaiting review |"
    assert lines[4].startswith("| Қазақша (kk) | 0 | ")
