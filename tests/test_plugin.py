"""The MkDocs adapter: the only module that knows MkDocs, and the live preview it drives."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import MKDOCS, ROOT, build, copy_project
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
def preview(project: Path, command, env: dict):
    """A preview server on `project` (`command(port)`: `make serve`'s): yields its address."""
    port = free_port()
    server = subprocess.Popen(command(port), env={**os.environ, **env},
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_preview_rebuilds_when_data_changes(tmp_path):
    """`make serve`: both languages, rebuilt when a file in data/ is saved."""
    project = copy_project(tmp_path)
    command = lambda port: [sys.executable, "-m", "microsite", "serve", "--port", str(port)]  # noqa: E731
    with preview(project, command, {"PREVIEW": "true"}) as base:
        url = f"{base}ru/coalitions/kgi/members/"
        assert wait_for(url, "ОСДП", 90) is not None, "the preview did not start"
        assert wait_for(f"{base}coalitions/kgi/members/", '<html lang="kk"', 5) is not None
        member = project / "data" / "members" / "osdp.yml"
        member.write_text(member.read_text(encoding="utf-8").replace('ru: "ОСДП"', 'ru: "ОСДП (изменено)"'),
                          encoding="utf-8")
        assert wait_for(url, "ОСДП (изменено)", 60) is not None, "a change in data/ did not reach the preview"


def test_preview_of_one_language_follows_a_statement(tmp_path):
    """`make serve LOCALE=ru`: `mkdocs serve` of the Russian pages only, at their addresses;
    a saved statement shows up."""
    dry = subprocess.run(["make", "-n", "serve", "LOCALE=ru"], cwd=ROOT, capture_output=True, text=True)
    assert "MICROSITE_LANG=ru" in dry.stdout and "mkdocs serve" in dry.stdout
    project = copy_project(tmp_path)
    command = lambda port: [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"]  # noqa: E731
    with preview(project, command, {"MICROSITE_LANG": "ru"}) as base:
        url = f"{base}ru/statements/kgi-founding/"
        assert wait_for(url, '<html lang="ru"', 60) is not None, "the Russian preview did not start"
        assert not fetch(f"{base}statements/kgi-founding/"), "only the one language is built"
        # The member lists are staged once for both languages; a one-language build has them too.
        members = fetch(f"{base}ru/coalitions/kgi/members/")
        assert 'href="../../../../coalitions/kgi/members.csv"' in members
        assert fetch(f"{base}coalitions/kgi/members.csv").startswith("\ufeffid,name_kk,")
        statement = project / "docs" / "statements" / "kgi-founding.ru.md"
        statement.write_text(statement.read_text(encoding="utf-8") + "\nДобавленный абзац.\n", encoding="utf-8")
        assert wait_for(url, "Добавленный абзац.", 30) is not None, "the statement's change did not show"


def test_languages_are_built_at_once_and_assembled(tmp_path):
    """One MkDocs per language, both running at the same time, each told its language; the
    assembled site has each language's pages and search index at its root, the same bytes
    from run to run."""
    project = copy_project(tmp_path)
    sites = [tmp_path / "a", tmp_path / "b"]
    for site_dir in sites:
        result = build(project, site_dir)
        assert result.returncode == 0, result.stderr
    assert result.stderr.count("Building documentation to directory") == 2
    assert str(project / ".build" / "engine" / "ru") in result.stderr
    for root in ("", "ru/"):
        assert (sites[0] / root / "search" / "search_index.json").is_file()
    assert '<html lang="ru"' in (sites[0] / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="kk"' in (sites[0] / "index.html").read_text(encoding="utf-8")
    same = subprocess.run(["diff", "-r", str(sites[0]), str(sites[1])], capture_output=True, text=True)
    assert same.returncode == 0, same.stdout[:2000]


def test_preview_builds_once_per_save_and_finishes_beside_the_pages(tmp_path):
    """`make serve` is told of saves by the system: its own readings of the content (every
    build reads it) start no build, one save starts one; the page shows the change when the
    engines are done, and `finish` (here: the search index) follows."""
    project = copy_project(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "microsite", "serve", "--port", str(port)],
                              cwd=project, env={**os.environ, "PREVIEW": "true"}, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}/"
    try:
        url = f"{base}ru/statements/kgi-founding/"
        assert wait_for(url, "</html>", 90) is not None, "the preview did not start"
        assert wait_for(f"{base}admin/", "</html>", 30) is not None
        time.sleep(2)
        assert (tmp_path / "serve.log").read_text().count("Detected file changes") == 0
        statement = project / "docs" / "statements" / "kgi-founding.ru.md"
        statement.write_text(statement.read_text(encoding="utf-8") + "\nАбзацпроверкипоиска.\n", encoding="utf-8")
        assert wait_for(url, "Абзацпроверкипоиска.", 30) is not None, "the statement's change did not show"
        index = project / ".build" / "engine-preview" / "ru" / "ru" / "search" / "p"
        for _ in range(100):
            if any("Абзацпроверкипоиска" in p.read_text(encoding="utf-8") for p in index.glob("*.json")):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the search index did not follow the change")
        time.sleep(2)
        assert (tmp_path / "serve.log").read_text().count("Detected file changes") == 1
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
