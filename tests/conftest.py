"""Shared fixtures: the real content, and the real site built from it by MkDocs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from microsite.content.load import load_site

ROOT = Path(__file__).resolve().parent.parent
# Messages in their English source text, which the tests assert on; tests of the editors'
# languages (tests/test_messages.py) set the locale themselves and remove this.
os.environ["MICROSITE_MESSAGES"] = "en"
# Property tests: a quick run in `make test`; `pytest --hypothesis-profile=long` searches longer.
settings.register_profile("ci", max_examples=150)
settings.register_profile("long", max_examples=3000)
settings.load_profile("ci")
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The real site is built as it is deployed: with its address (a GitHub Pages project site lives
# below /<repository>/; the browser tests serve it below the same path).
SITE_URL = "https://example.org/microsite/"
# Its repository, as the deployment gives it: the join form and "edit this page" links.
REPOSITORY_URL = "https://github.com/example/microsite"


def build(project: Path, site_dir: Path, site_url: str = "",
          env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m microsite build` of a project folder, as `make site` runs it (`env` added)."""
    env = ({k: v for k, v in os.environ.items() if k != "SITE_URL"}
           | ({"SITE_URL": site_url} if site_url else {}) | (env or {}))
    return subprocess.run([sys.executable, "-m", "microsite", "--root", str(project), "build",
                           "--site-dir", str(site_dir)],
                          cwd=project, capture_output=True, text=True, timeout=600, env=env)


def reader_pages(site_dir: Path, pattern: str = "index.html"):
    """The built pages readers read: all but /admin/, the editors' forms (cms.py, test_cms*.py)."""
    return (p for p in site_dir.rglob(pattern) if p.relative_to(site_dir).parts[0] != "admin")


def copy_project(target: Path) -> Path:
    """A copy of the project's content and config, for builds with changed content."""
    for name in ("mkdocs.yml", "data", "docs", "overrides", "statements.lock.json", ".github"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    return target


@pytest.fixture(scope="session")
def site_model():
    return load_site(ROOT / "data", ROOT / "docs")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real site, built once per test run from the real content."""
    site_dir = tmp_path_factory.mktemp("site")
    # The public site, whatever the shell running the tests has set.
    result = build(ROOT, site_dir, SITE_URL, env={"PREVIEW": "false", "DIRECTORY_URLS": "true",
                                                  "REPOSITORY_URL": REPOSITORY_URL})
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)
    return site_dir


class Html:
    """One built page, parsed just enough for assertions."""

    def __init__(self, path: Path):
        self.path = path
        self.text = path.read_text(encoding="utf-8")

    @property
    def article(self) -> str:
        match = re.search(r"<article.*?</article>", self.text, re.S)
        return match.group(0) if match else ""


@pytest.fixture(scope="session")
def page(built):
    def get(url: str) -> Html:
        path = built / url.strip("/") / "index.html" if not url.endswith(".html") else built / url
        assert path.is_file(), f"{url} was not built"
        return Html(path)
    return get
