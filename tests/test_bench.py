"""`make bench` at a tiny scale: one run builds the project, plain Material + i18n and Hugo,
prints one table per scale with the targets, and writes every figure to the JSON file."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT
from microsite.checks import lock
from microsite.content.load import load_site
from microsite.tools import bench

KEYS = {"scale", "build_wall_s", "build_cpu_s", "validate_s", "preview_s", "search_first_query_kb",
        "median_page_kb", "max_page_kb", "peak_rss_mb"}


def test_synthetic_site_is_valid_content_of_the_asked_size(tmp_path, site_model):
    project = bench.synthetic_project(tmp_path, coalitions=4, members=90, statements=13, events=3)
    again = load_site(project / "data", project / "docs")  # every check passes: valid content
    assert not lock.check(again, project)  # `make validate`'s lock check passes too
    assert (len(again.coalitions), len(again.members), len(again.statements), len(again.events)) == (4, 90, 13, 3)
    hub = next(iter(again.coalitions))
    assert len(again.members_of(hub)) > len(again.members_of(list(again.coalitions)[1]))
    bodies = {t.body for s in site_model.statements.values() for t in s.texts.values()}
    assert all(t.body in bodies for s in again.statements.values() for t in s.texts.values())


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    """The benchmark at a tiny scale, its folders kept: (stdout, JSON entries, folder)."""
    tmp = tmp_path_factory.mktemp("bench")
    out = subprocess.run([sys.executable, "-m", "microsite.tools.bench", "--scales", "3/90/9",
                          "--json", str(tmp / "results.json"), "--keep", str(tmp / "work")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr + out.stdout
    return out.stdout, json.loads((tmp / "results.json").read_text(encoding="utf-8")), tmp / "work"


def number(cell: str) -> float:
    return float(re.match(r"[\d,.]+", cell).group(0).replace(",", ""))


def test_json_has_every_figure_per_scale(bench_run):
    _, entries, _ = bench_run
    assert [e["scale"] for e in entries] == ["3/90/9"]
    for e in entries:
        assert KEYS <= e.keys()
        for key in ("build_wall_s", "build_cpu_s"):
            assert set(e[key]) == {"project", "material_i18n", "hugo"}
            assert all(0 < v < 300 for v in e[key].values()), e[key]
        # Hugo rendered exactly the project's pages; Material the same number of pages.
        assert e["pages"]["project"] == e["pages"]["hugo"] == e["pages"]["material_i18n"] > 30
        assert 0 < e["validate_s"] < 60 and 0 < e["validate_again_s"] < 60 and 0 < e["preview_s"] < 120
        assert set(e["search_first_query_kb"]) == {"kk", "ru"}
        assert all(5 < kb < 150 for kb in e["search_first_query_kb"].values())
        assert 5 < e["median_page_kb"] <= e["max_page_kb"] < 100
        assert 20 < e["peak_rss_mb"] < 2000
        targets = e["targets"]
        assert targets["build_wall_vs_hugo"]["measured"] == pytest.approx(
            e["build_wall_s"]["project"] / e["build_wall_s"]["hugo"], rel=0.01)
        assert targets["validate_s"]["met"] == (e["validate_s"] <= bench.MAX_VALIDATE_S)
        assert targets["preview_s"]["met"] == (e["preview_s"] <= bench.MAX_PREVIEW_S)


def test_tables_show_the_figures_and_targets(bench_run):
    stdout, entries, _ = bench_run
    tables = stdout.split("(coalitions/members/statements)")[1:]
    assert len(tables) == 1
    for text, entry in zip(tables, entries):
        rows = {cells[0]: cells[1:] for line in text.splitlines() if line.startswith("| ")
                for cells in [[c.strip() for c in line.strip("|").split("|")]]}
        assert [int(number(c)) for c in rows["HTML pages"][:3]] == [entry["pages"]["project"]] * 3
        assert [number(c) for c in rows["build, wall"][:3]] == pytest.approx(
            [entry["build_wall_s"][e] for e in bench.ENGINES], abs=0.006)
        ratio, target, verdict = rows["build wall ÷ plain Material + i18n"][3:6]
        assert number(ratio) == pytest.approx(entry["targets"]["build_wall_vs_material_i18n"]["measured"], abs=0.006)
        assert target == "≤ 0.3" and verdict in ("met", "**not met**")
        validate = rows["`make validate` (clean clone: nothing kept)"]
        assert number(validate[0]) == pytest.approx(entry["validate_s"], abs=0.006)
        assert validate[4:6] == ["≤ 1.5 s", "met" if entry["targets"]["validate_s"]["met"] else "**not met**"]
        assert number(rows["`make validate` again, one file saved since"][0]) == pytest.approx(
            entry["validate_again_s"], abs=0.006)
        assert number(rows["preview: wait after one statement edit"][0]) == pytest.approx(entry["preview_s"], abs=0.006)
        for lang in ("kk", "ru"):
            assert number(rows[f"first search query, {lang} (gzip)"][0]) == pytest.approx(
                entry["search_first_query_kb"][lang], abs=0.06)


def test_cpu_per_page_is_judged_against_the_smallest_scale(bench_run):
    """Linear: CPU per page at every scale within ±15% of the smallest scale's."""
    _, entries, _ = bench_run
    cpu, pages = entries[0]["build_cpu_s"]["project"], entries[0]["pages"]["project"]
    results = []
    for factor, per_page in ((1, 1.0), (4, 1.1), (16, 1.3)):  # a quarter more per page: not linear
        m = bench.Measured(bench.Scale(3 * factor, 90 * factor, 9 * factor))
        for engine in bench.ENGINES:
            m.add(engine, bench.Usage(1.0, cpu * factor * per_page, 1), bench.Pages(pages * factor, 1, 1, ""))
        results.append(m)
    text, met = bench.linearity(results)
    verdicts = [line.rsplit("|", 2)[1].strip() for line in text.splitlines()[2:]]
    assert verdicts == ["met", "met", "**not met**"] and not met
    assert "| 48/1440/144 |" in text and "| 1.30 |" in text


def test_hugo_builds_a_staged_tree_per_language(bench_run, tmp_path):
    """The engine-free stage writes one plain tree per language (kk/**, ru/**): Hugo renders
    them, the same pages as the project."""
    _, entries, work = bench_run
    split = bench.staged_pages(work / "scale-0" / "run-1" / "project", tmp_path / "unused")
    assert (split / "kk" / "index.md").is_file() and (split / "ru" / "statements" / "index.md").is_file()
    assert not list(split.rglob("*.kk.md")), "plain trees: no language suffixes"
    hugo = bench.hugo_project(tmp_path / "hugo", split)
    bench.run(bench.hugo_command(hugo, tmp_path / "site"), hugo)
    pages = bench.pages_of(tmp_path / "site")
    assert pages.count == entries[0]["pages"]["project"]
    assert (tmp_path / "site" / "ru" / "statements" / "index.html").is_file()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="kk">' in home and "<title>" in home
