"""The MkDocs adapter: the only module that knows MkDocs, and the live preview it drives."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import MKDOCS, ROOT, copy_project

PACKAGE = ROOT / "scripts" / "microsite"


def test_content_layer_runs_without_mkdocs():
    """Everything but the adapter must survive the engine: import it with MkDocs made unimportable."""
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "mkdocs_plugin"))
    assert {"model", "load", "render", "stage", "pages", "i18n"} <= set(modules)
    code = ("import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None; "
            "sys.modules['mkdocs_static_i18n'] = None\n"
            + "".join(f"import microsite.{m}\n" for m in modules)
            + "from pathlib import Path; from microsite.stage import stage\n"
            + f"site, n = stage(Path({str(ROOT / 'data')!r}), Path({str(ROOT / 'docs')!r}), Path(sys.argv[1]))\n"
            + "print(len(site.coalitions), n)")
    out = subprocess.run([sys.executable, "-c", code, str(Path("/tmp") / f"stage-{time.time_ns()}")],
                         capture_output=True, text=True, cwd=ROOT / "scripts")
    assert out.returncode == 0, out.stderr
    coalitions, written = map(int, out.stdout.split())
    assert coalitions == 5 and written > 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_preview_rebuilds_when_data_changes(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/ru/coalitions/kgi/members/"
        assert wait_for(url, "ОСДП", 60), "the preview did not start"
        member = project / "data" / "members" / "osdp.yml"
        member.write_text(member.read_text(encoding="utf-8").replace('ru: "ОСДП"', 'ru: "ОСДП (изменено)"'),
                          encoding="utf-8")
        assert wait_for(url, "ОСДП (изменено)", 30), "a change in data/ did not reach the preview"
    finally:
        server.terminate()
        server.wait(timeout=20)
