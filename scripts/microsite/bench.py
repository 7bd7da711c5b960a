"""Benchmark: build a synthetic network of coalitions and a plain Material + i18n site of the same
number of pages, and print how long each took and how large the output is.

    python -m microsite.bench --coalitions 40 --members 4000 --statements 400

The synthetic content is made through the model (`synth`) and written as editors' files
(`dump`) in a temporary folder beside the project's own mkdocs.yml and overrides, then built
with `make validate` then `mkdocs build --strict`, as `make site` does (the build trusts the
validation's stamp, see `stamp.py`). MkDocs runs as a child process: this package
never imports it. The project's own CPU time is what the plugin reports: for staging (load,
validate, render, write) and for all its hooks (staging, page hooks, sitemaps, search indexes);
the rest of the build is MkDocs, Material and i18n.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import cms, dump, lock
from .load import load_site
from .synth import synthetic_site

ROOT = Path(__file__).resolve().parents[2]
STAGED = re.compile(r"microsite: staged .* in ([\d.]+) s, CPU ([\d.]+) s")
OWN = re.compile(r"microsite: own code CPU ([\d.]+) s so far \(user ([\d.]+) s, kernel ([\d.]+) s")

BASELINE_CONFIG = """\
site_name: Baseline
theme:
  name: material
  custom_dir: {overrides}   # Material has no Kazakh: our translation, nothing else
  language: kk
  font: false
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - {{locale: kk, name: Қазақша, default: true, build: true}}
        - {{locale: ru, name: Русский, build: true}}
"""


@dataclass
class Result:
    seconds: float
    cpu: float
    staging_cpu: float | None  # the plugin's staging: load, validate, render, write
    own_cpu: float | None      # all the plugin's hooks, staging included
    own_kernel: float | None   # of which in the kernel (creating files, reading them)
    pages: int
    bytes: int
    median: int
    largest: int
    largest_page: str
    search: int
    search_gzip: int
    peak_kb: int
    validate_seconds: float | None = None  # `make validate` before the build, as `make site` runs
    validate_cpu: float | None = None
    site_dir: Path | None = None
    first_query: dict | None = None        # language → bench_search.Transfer

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.seconds / self.pages

    @property
    def cpu_per_page_ms(self) -> float:
        return 1000 * self.cpu / self.pages


def mkdocs_build(project: Path, site_dir: Path, profile: Path | None = None) -> tuple[float, float, int, str]:
    """`mkdocs build --strict --clean` as `make site` runs it: (seconds, CPU seconds, peak memory
    KB, log). CPU time is the steadier figure when other work shares the machine."""
    return run([sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else []),
                "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)], project)


def validate(project: Path) -> tuple[float, float, int, str]:
    """`make validate`, the first step of `make site` (it leaves the stamp the build trusts)."""
    return run([sys.executable, "-m", "microsite", "--root", str(project), "validate"], project)


def run(command: list[str], project: Path) -> tuple[float, float, int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
        # wait4 gives this child's own peak memory, not the largest of all children so far.
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if child.returncode:
        sys.exit(f"{command[-1]} in {project} failed:\n{output[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, output


def measure(project: Path, site_dir: Path, profile: Path | None = None, checked: bool = False) -> Result:
    validated = validate(project)[:2] if checked else None
    seconds, cpu, peak_kb, output = mkdocs_build(project, site_dir, profile)
    staged, own = STAGED.search(output), OWN.findall(output)
    # Readers' pages: /admin/ (the editors' forms, cms.py: a fixed 6 MB, the same at any size of
    # content, absent from the plain Material site) is left out of pages and bytes.
    readers = [p for p in site_dir.rglob("*") if p.relative_to(site_dir).parts[0] != cms.ADMIN]
    html = {p: p.stat().st_size for p in readers if p.suffix == ".html" and p.name != "404.html"}
    total = sum(p.stat().st_size for p in readers if p.is_file())
    largest = max(html, key=html.get)
    # What a reader's browser loads for search: the largest index (one per language, or one for all).
    search = max(site_dir.rglob("search_index.json"), key=lambda p: p.stat().st_size, default=site_dir / "none")
    return Result(seconds=seconds, cpu=cpu, staging_cpu=float(staged.group(2)) if staged else None,
                  own_cpu=float(own[-1][0]) if own else None,
                  own_kernel=float(own[-1][2]) if own else None, pages=len(html),
                  bytes=total, median=int(statistics.median(html.values())), largest=html[largest],
                  largest_page=largest.relative_to(site_dir).as_posix(),
                  search=search.stat().st_size if search.is_file() else 0,
                  search_gzip=len(gzip.compress(search.read_bytes())) if search.is_file() else 0,
                  peak_kb=peak_kb, validate_seconds=validated[0] if validated else None,
                  validate_cpu=validated[1] if validated else None, site_dir=site_dir)


def synthetic_project(target: Path, coalitions: int, members: int, statements: int, events: int) -> Path:
    """The project's config, theme overrides and hand-written docs, with synthetic content."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("statements"))
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns(*dump.FOLDERS))
    real = load_site(ROOT / "data", ROOT / "docs")
    site = synthetic_site(real, coalitions, members, statements, events)
    dump.write_site(site, target)
    # Adopted texts locked as the first lock took the seeds (their texts have no adoption date)
    lock.write_lock(target, lock.updated(site, {}, first=True))
    return target


def baseline_project(target: Path, pages: int) -> Path:
    """Stock Material + i18n: `pages` Markdown files (kk/ru pairs) of real statement text, and
    MkDocs' automatic navigation, as a site made without this project would have."""
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
              for p in sorted((ROOT / "docs" / "statements").glob("*.md"))]
    docs = target / "docs"
    for n in range(pages // 2 - 1):  # and one home page pair
        folder = docs / f"section-{n // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        for lang in ("kk", "ru"):
            (folder / f"page-{n}.{lang}.md").write_text(f"# Page {n}\n\n{bodies[n % len(bodies)]}",
                                                        encoding="utf-8")
    (docs / "index.kk.md").write_text("# Baseline\n", encoding="utf-8")
    (docs / "index.ru.md").write_text("# Baseline\n", encoding="utf-8")
    kazakh = Path("partials", "languages", "kk.html")  # only this of our theme overrides
    (target / "overrides" / kazakh).parent.mkdir(parents=True)
    shutil.copy(ROOT / "overrides" / kazakh, target / "overrides" / kazakh)
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG.format(overrides=target / "overrides"),
                                       encoding="utf-8")
    return target


def median_run(runs: list[Result], key) -> Result:
    return sorted(runs, key=key)[(len(runs) - 1) // 2]


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def table(ours: Result, base: Result | None) -> str:
    def share(cpu: float | None) -> str:
        return f"{cpu:.2f} s ({100 * cpu / ours.cpu:.1f}% of CPU)" if cpu is not None else "not reported"

    rows = [
        ("HTML pages", f"{ours.pages}", lambda r: f"{r.pages}", None),
        ("make validate (first step of make site)",
         f"{ours.validate_seconds:.1f} s (CPU {ours.validate_cpu:.1f} s)" if ours.validate_seconds else "—",
         lambda r: "—", None),
        ("build time", f"{ours.seconds:.1f} s", lambda r: f"{r.seconds:.1f} s", lambda r: r.seconds),
        ("build CPU time", f"{ours.cpu:.1f} s", lambda r: f"{r.cpu:.1f} s", lambda r: r.cpu),
        ("time per page", f"{ours.per_page_ms:.1f} ms", lambda r: f"{r.per_page_ms:.1f} ms",
         lambda r: r.per_page_ms),
        ("CPU time per page", f"{ours.cpu_per_page_ms:.1f} ms", lambda r: f"{r.cpu_per_page_ms:.1f} ms",
         lambda r: r.cpu_per_page_ms),
        ("project code, staging", share(ours.staging_cpu), lambda r: "—", None),
        ("project code, all hooks", share(ours.own_cpu), lambda r: "—", None),
        ("of which in the kernel", f"{ours.own_kernel:.2f} s" if ours.own_kernel is not None else "—",
         lambda r: "—", None),
        ("MkDocs/Material/i18n CPU", f"{ours.cpu - (ours.own_cpu or 0):.1f} s", lambda r: f"{r.cpu:.1f} s",
         lambda r: r.cpu - (r.own_cpu or 0)),
        ("output size", kb(ours.bytes), lambda r: kb(r.bytes), lambda r: r.bytes),
        ("median page", kb(ours.median), lambda r: kb(r.median), lambda r: r.median),
        ("largest page", f"{kb(ours.largest)} ({ours.largest_page})",
         lambda r: f"{kb(r.largest)}", lambda r: r.largest),
        ("search_index.json", kb(ours.search), lambda r: kb(r.search), lambda r: r.search),
        ("search_index.json, gzipped", kb(ours.search_gzip), lambda r: kb(r.search_gzip), lambda r: r.search_gzip),
        *[(f"first search query, {lang} (gzip)", f"{first.gzip / 1024:,.1f} KB ({first.files} files)",
           lambda r, lang=lang: f"{r.first_query[lang].gzip / 1024:,.1f} KB" if r.first_query else "—",
           (lambda r, lang=lang: r.first_query[lang].gzip) if base and base.first_query else None)
          for lang, first in (ours.first_query or {}).items()],
        ("peak memory", f"{ours.peak_kb / 1024:,.0f} MB", lambda r: f"{r.peak_kb / 1024:,.0f} MB",
         lambda r: r.peak_kb),
    ]
    lines = ["| measure | microsite | plain Material + i18n | ratio |", "|---|---|---|---|"]
    for name, value, base_value, number in rows:
        ratio = f"{number(ours) / number(base):.2f}" if base and number and number(base) else ""
        lines.append(f"| {name} | {value} | {base_value(base) if base else ''} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coalitions", type=int, default=40)
    parser.add_argument("--members", type=int, default=4000)
    parser.add_argument("--statements", type=int, default=400)
    parser.add_argument("--events", type=int, help="default: one per coalition")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain Material build")
    parser.add_argument("--profile", type=Path, help="also write a cProfile of the build here")
    parser.add_argument("--runs", type=int, default=1,
                        help="build each site this many times from fresh copies (an odd number: the median run is shown)")
    parser.add_argument("--no-search", action="store_true",
                        help="skip measuring the first search query in Chromium")
    parser.add_argument("--keep", type=Path, help="build in this folder (run-1/, run-2/…) and keep it (default: temporary)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    events = args.coalitions if args.events is None else args.events

    ours_runs, base_runs = [], []
    with tempfile.TemporaryDirectory(prefix="microsite-bench-") as tmp:
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
        # Every run in its own folder, all removed at the end: ext4 makes creating files slow
        # for about 30 s after many were deleted (its inode allocator skips recently freed
        # inodes, one disk block read each: seen with perf), and a build should not pay for
        # the benchmark's own cleanup of the previous run.
        for run in range(args.runs):
            work = (args.keep or Path(tmp)) / f"run-{run + 1}"
            (work / "project").mkdir(parents=True)
            (work / "baseline").mkdir()
            project = synthetic_project(work / "project", args.coalitions, args.members, args.statements, events)
            ours_runs.append(measure(project, work / "site", checked=True))
            staged = sum(1 for _ in (project / ".build" / "docs").rglob("*.md"))
            if not args.no_baseline:
                base_runs.append(measure(baseline_project(work / "baseline", staged), work / "baseline-site"))
            if args.profile:
                mkdocs_build(project, work / "site-profiled", args.profile)
        # The run in the middle: the kernel's part of the build (creating thousands of files)
        # varies with what the machine's disk did just before.
        ours = median_run(ours_runs, lambda r: (r.own_cpu or 0) / r.cpu)
        base = median_run(base_runs, lambda r: r.cpu) if base_runs else None
        if not args.no_search:  # while the sites exist
            from .bench_search import measure as first_queries
            for result in (ours, base):
                if result:
                    result.first_query = first_queries(result.site_dir)

    print(f"{args.coalitions} coalitions, {args.members} members, {args.statements} statements, "
          f"{events} events → {staged} Markdown pages (both languages)\n")
    print(table(ours, base))
    if args.runs > 1:
        shares = sorted(100 * (r.own_cpu or 0) / r.cpu for r in ours_runs)
        print(f"\n{args.runs} runs, the median shown: project code {shares[0]:.1f}–{shares[-1]:.1f}% "
              f"of the build's CPU; build CPU {min(r.cpu for r in ours_runs):.1f}–"
              f"{max(r.cpu for r in ours_runs):.1f} s"
              + (f" (baseline {min(r.cpu for r in base_runs):.1f}–{max(r.cpu for r in base_runs):.1f} s)"
                 if base_runs else ""))
    if args.profile:
        print(f"\ncProfile of the build written to {args.profile} "
              f"(python -m pstats {args.profile}, then: sort cumulative, stats 30)")


if __name__ == "__main__":
    main()
