"""`make bench` at a small scale: it builds both sites and prints a table of sane numbers."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT
from microsite.checks import lock
from microsite.content.load import load_site
from microsite.tools import bench


def test_synthetic_site_is_valid_content_of_the_asked_size(tmp_path, site_model):
    project = bench.synthetic_project(tmp_path, coalitions=4, members=90, statements=13, events=3)
    again = load_site(project / "data", project / "docs")  # every check passes: valid content
    assert not lock.check(again, project)  # `make validate`'s lock check passes too
    assert (len(again.coalitions), len(again.members), len(again.statements), len(again.events)) == (4, 90, 13, 3)
    hub = next(iter(again.coalitions))
    assert len(again.members_of(hub)) > len(again.members_of(list(again.coalitions)[1]))
    bodies = {t.body for s in site_model.statements.values() for t in s.texts.values()}
    assert all(t.body in bodies for s in again.statements.values() for t in s.texts.values())


def number(cell: str) -> float:
    return float(re.match(r"[\d,.]+", cell).group(0).replace(",", ""))


def test_bench_prints_a_table_of_sane_numbers():
    out = subprocess.run([sys.executable, "-m", "microsite.tools.bench", "--coalitions", "3", "--members", "120",
                          "--statements", "12", "--runs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr + out.stdout
    rows = {cells[0]: cells[1:] for line in out.stdout.splitlines() if line.startswith("| ")
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}
    pages = int(re.search(r"→ (\d+) Markdown pages", out.stdout).group(1))
    ours, base = rows["HTML pages"][:2]
    assert int(ours) == int(base) == pages > 50
    seconds, base_seconds, ratio = (number(c) for c in rows["build time"])
    assert 0.3 < seconds < 120 and 0.3 < base_seconds < 120
    assert ratio == pytest.approx(seconds / base_seconds, rel=0.15)  # of the rounded seconds
    cpu, base_cpu, _ = (number(c) for c in rows["build CPU time"])
    assert 0.3 < cpu < 120 and 0.3 < base_cpu < 120
    staging, staging_share = re.match(r"([\d.]+) s \(([\d.]+)% of CPU\)", rows["project code, staging"][0]).groups()
    own, share = re.match(r"([\d.]+) s \(([\d.]+)% of CPU\)", rows["project code, all hooks"][0]).groups()
    assert 0 < float(staging) <= float(own) < cpu and 0 < float(staging_share) <= float(share) < 100
    assert 0 <= number(rows["of which in the kernel"][0]) <= float(own)
    low, high = map(float, re.search(r"2 runs, the median shown: project code ([\d.]+)–([\d.]+)%", out.stdout).groups())
    assert low <= float(share) <= high
    assert 5 < number(rows["median page"][0]) <= number(rows["largest page"][0]) < 100  # KB
    assert number(rows["search_index.json"][0]) > 0 and number(rows["output size"][0]) > 0
    for lang in ("kk", "ru"):  # measured in Chromium: a sharded index against Material's whole one
        ours, base = (number(c) for c in rows[f"first search query, {lang} (gzip)"][:2])
        assert 5 < ours < 150 and 5 < base
    assert 20 < number(rows["peak memory"][0]) < 2000  # MB
