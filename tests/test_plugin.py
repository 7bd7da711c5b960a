"""The MkDocs adapter: the only module that knows MkDocs, and the live preview it drives."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import MKDOCS, ROOT, copy_project
from microsite.tools.bench_preview import fetch, free_port, wait_for

PACKAGE = ROOT / "scripts" / "microsite"


def test_content_layer_runs_without_mkdocs():
    """Everything but the adapter must survive the engine: import it with MkDocs made unimportable."""
    modules = sorted(".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in PACKAGE.rglob("*.py")
                     if "engines" not in p.relative_to(PACKAGE).parts and p.stem != "__main__")
    assert {"content.model", "content.load", "pages.render", "pages.stage", "pages.paths", "pages.words"} <= set(modules)
    code = ("import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None; "
            "sys.modules['mkdocs_static_i18n'] = None\n"
            + "".join(f"import microsite.{m}\n" for m in modules)
            + "from pathlib import Path; from microsite.pages.stage import stage\n"
            + f"site, n = stage(Path({str(ROOT / 'data')!r}), Path({str(ROOT / 'docs')!r}), Path(sys.argv[1]))\n"
            + "print(len(site.coalitions), n)")
    out = subprocess.run([sys.executable, "-c", code, str(Path("/tmp") / f"stage-{time.time_ns()}")],
                         capture_output=True, text=True, cwd=ROOT / "scripts")
    assert out.returncode == 0, out.stderr
    coalitions, written = map(int, out.stdout.split())
    assert coalitions == 5 and written > 50


@contextlib.contextmanager
def preview(project: Path, env: dict | None = None):
    """`mkdocs serve` on `project`, as `make serve` runs it: yields its address."""
    port = free_port()
    server = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], env=env,
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_preview_rebuilds_when_data_changes(tmp_path):
    project = copy_project(tmp_path)
    with preview(project) as base:
        url = f"{base}ru/coalitions/kgi/members/"
        assert wait_for(url, "ОСДП", 60) is not None, "the preview did not start"
        member = project / "data" / "members" / "osdp.yml"
        member.write_text(member.read_text(encoding="utf-8").replace('ru: "ОСДП"', 'ru: "ОСДП (изменено)"'),
                          encoding="utf-8")
        assert wait_for(url, "ОСДП (изменено)", 30) is not None, "a change in data/ did not reach the preview"


def test_preview_of_one_language_follows_a_statement(tmp_path):
    """`make serve LOCALE=ru`: Russian only, at the root; a saved statement shows up."""
    dry = subprocess.run(["make", "-n", "serve", "LOCALE=ru"], cwd=ROOT, capture_output=True, text=True)
    assert "MICROSITE_LOCALE=ru" in dry.stdout and "mkdocs serve" in dry.stdout
    project = copy_project(tmp_path)
    with preview(project, {**os.environ, "MICROSITE_LOCALE": "ru"}) as base:
        url = f"{base}statements/kgi-founding/"
        assert wait_for(url, '<html lang="ru"', 60) is not None, "the Russian preview did not start"
        assert not fetch(f"{base}ru/"), "only the one language is built"
        # The member lists are staged once for both languages; a one-language build has them too.
        members = fetch(f"{base}coalitions/kgi/members/")
        assert 'href="../members.csv"' in members
        assert fetch(f"{base}coalitions/kgi/members.csv").startswith("\ufeffid,name_kk,")
        statement = project / "docs" / "statements" / "kgi-founding.ru.md"
        statement.write_text(statement.read_text(encoding="utf-8") + "\nДобавленный абзац.\n", encoding="utf-8")
        assert wait_for(url, "Добавленный абзац.", 30) is not None, "the statement's change did not show"


def test_the_site_is_finished_once_after_every_language(tmp_path):
    """i18n builds the other language from inside the first build's on_post_build; only the
    outermost build writes the search indexes, sitemaps and 404 (the inner one's were wasted)."""
    project = copy_project(tmp_path)
    result = subprocess.run([*MKDOCS, "build", "--strict", "-v", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("microsite: search indexes:") == 1
    assert (tmp_path / "site" / "ru" / "search" / "search_index.json").is_file()
