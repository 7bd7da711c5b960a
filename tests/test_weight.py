"""Page weight on the real built site: the transfer budget, and pages that do not grow with the
number of pages (Material copies the global nav into every page; ours stays short).

Numbers for the README come from `scripts/page_weight.py`; this file only holds the budget.
"""
from __future__ import annotations

import re
import sys

import pytest
from conftest import REPOSITORY_URL, ROOT, SITE_URL, build, copy_project

sys.path.insert(0, str(ROOT / "scripts"))
import page_weight  # noqa: E402

BUDGET = 150 * 1024  # bytes, gzip: HTML + CSS + JS + fonts + images, search index not counted


def test_home_and_members_pages_fit_the_budget(built):
    for name, sizes in page_weight.weigh(built, page_weight.PAGES).items():
        html, rest, _index = page_weight.split(sizes)
        assert html > 1000 and rest > 10000, f"{name}: nothing measured? {sizes}"
        assert html + rest <= BUDGET, f"{name}: {(html + rest) / 1024:.1f} KB gzip > 150 KB: {sizes}"


def test_search_index_is_measured_apart():
    assert page_weight.is_search_index("search/search_index.json")
    assert not page_weight.is_search_index("assets/javascripts/bundle.a5f9d56c.min.js")


EXTRA = 200  # statements added: 400 more pages
NUMBER = re.compile(rb'(?<=<span class="ms-numbers__value">)\d+(?=</span>)')


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory):
    """The real content plus many undated news items (listed after every existing statement,
    so the latest-five lists of the pages compared do not change)."""
    project = copy_project(tmp_path_factory.mktemp("grown"))
    for i in range(EXTRA):
        for lang in ("kk", "ru"):
            (project / "docs" / "statements" / f"zz-extra-{i:03}.{lang}.md").write_text(
                f'---\ntitle: "Extra {i}"\nkind: news\nstatus: adopted\n---\n\nText {i}.\n', encoding="utf-8")
    result = build(project, project / "site", SITE_URL, env={"REPOSITORY_URL": REPOSITORY_URL})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("page", ["index.html", "ru/coalitions/kgi/members/index.html",
                                  "statements/kgi-declaration/index.html", "events/index.html"])
def test_page_html_does_not_grow_with_the_number_of_pages(built, grown_site, page):
    # The landing pages' key numbers count the statements: their digits may change, nothing else.
    small, large = (NUMBER.sub(b"", (site / page).read_bytes()) for site in (built, grown_site))
    assert len(large) == len(small), f"{page}: {len(small)} → {len(large)} bytes"
    assert (grown_site / "statements" / f"zz-extra-{EXTRA - 1:03}" / "index.html").is_file()
