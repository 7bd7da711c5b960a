"""How long an editor waits for the preview: what `make serve` runs (`serve_command`), one
statement changed, timed until the served page shows the change.

    python -m microsite.tools.bench_preview [--edits 5]

On a copy of the real project it prints the wait for `make serve LOCALE=ru` (one language) and
`make serve` (both); `make bench` calls `preview_waits` on each synthetic network. The preview
runs as a child process, as `make serve` runs it; this package never imports MkDocs.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STATEMENT = "kgi-declaration"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float, step: float = 0.05) -> float | None:
    """Seconds until `url` serves `text`; None if it did not within `seconds`."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(step)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(port: int, locale: str | None) -> tuple[list[str], dict[str, str]]:
    """What `make serve` runs (without its `make validate`): the command and its environment —
    both languages (`python -m microsite serve`), or one (`make serve LOCALE=ru`: `mkdocs serve`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PREVIEW": "true"}
    env.pop("MICROSITE_LANG", None)
    if locale:
        env["MICROSITE_LANG"] = locale
        return [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], env
    return [sys.executable, "-m", "microsite", "serve", "--port", str(port)], env


def copy_of_project(target: Path) -> Path:
    """The real project's content, config and theme in `target`."""
    for name in ("mkdocs.yml", "data", "docs", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    return target


def preview_waits(project: Path, locale: str | None, edits: int, statement: str | None = None,
                  start_timeout: float = 900, edit_timeout: float = 600) -> list[float]:
    """Seconds from saving a statement of `project` (its first, by default) to the preview
    serving it, for each of `edits` saves. The statement is put back afterwards."""
    statements = project / "docs" / "statements"
    statement = statement or min(p.name.split(".")[0] for p in statements.glob("*.ru.md"))
    port = free_port()
    command, env = serve_command(port, locale)
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # The Russian statement at its address on the site, /ru/…, whether one language is built or both.
    url = f"http://127.0.0.1:{port}/ru/statements/{statement}/"
    path = statements / f"{statement}.ru.md"
    original = path.read_text(encoding="utf-8")
    waits = []
    try:
        if wait_for(url, "</html>", start_timeout) is None:
            sys.exit("the preview did not start")
        # Pages are served once the engines are done, while `finish` still writes the search
        # indexes and /admin/ (last): a save now would wait for that too, which is not the wait
        # for one edit.
        if wait_for(f"http://127.0.0.1:{port}/admin/", "</html>", start_timeout) is None:
            sys.exit("the preview's first build did not finish")
        time.sleep(1)
        for n in range(edits):
            marker = f"Правка номер {n} для проверки"
            path.write_text(original + f"\n{marker}\n", encoding="utf-8")
            wait = wait_for(url, marker, edit_timeout)
            if wait is None:
                sys.exit(f"the change to {path.name} did not reach the preview")
            waits.append(wait)
            time.sleep(1)  # let the reload settle before the next save
    finally:
        server.terminate()
        server.wait(timeout=60)
        path.write_text(original, encoding="utf-8")
    return waits


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    print("| preview of the real content | median wait | longest wait |\n|---|---|---|")
    for label, locale in (("make serve LOCALE=ru", "ru"), ("make serve (both languages)", None)):
        with tempfile.TemporaryDirectory(prefix="microsite-preview-") as tmp:
            waits = preview_waits(copy_of_project(Path(tmp)), locale, args.edits, STATEMENT)
        print(f"| {label} | {statistics.median(waits):.2f} s | {max(waits):.2f} s |")


if __name__ == "__main__":
    main()
