"""Two builds of one commit, a year apart by the clock, give the same bytes: what was checked in
a pull request is what deploys. Built by `make site` in a clone of the commit, so the Makefile's
SOURCE_DATE_EPOCH (from git) is what is tested; `faketime` moves the clock.

Our pages print no date of the build today (the sitemaps carry none). To show that the check
would catch one, the clone's theme prints MkDocs's build date in every page, as a template
showing "last updated" would."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SITE_URL

pytestmark = pytest.mark.skipif(not shutil.which("faketime"), reason="`make tools` installs faketime")


def make_site(repo: Path, into: Path, *args: str, clock: str = "") -> Path:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MAKEFLAGS", "MFLAGS")}
    env["SITE_URL"] = SITE_URL  # as deployed: with sitemaps
    # The project's own .venv and node_modules (STAMP= and NODE_STAMP= skip installing them in
    # the clone; the build takes /admin/'s bundle from the code's checkout, cms.NODE_MODULES).
    command = ["make", "-s", "site", f"VENV={ROOT / '.venv'}", "STAMP=", "NODE_STAMP=", *args]
    if clock:
        command = ["faketime", "-f", clock, *command]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    shutil.move(repo / "site", into)
    return into


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    # The working tree as it is (uncommitted edits too), committed in the clone.
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, files):
        # Links (the hostile corpus has some) are in the clone as links already: never followed.
        if (ROOT / rel).is_file() and not (ROOT / rel).is_symlink():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)
    with (target / "overrides" / "main.html").open("a", encoding="utf-8") as main:
        main.write("\n{% block analytics %}{{ super() }}<!-- built {{ build_date_utc.isoformat() }} -->"
                   "{% endblock %}\n")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "--quiet", "--allow-empty", "-m", "working tree"], cwd=target, check=True)
    return target


def test_same_commit_same_bytes_whatever_the_clock(repo, tmp_path):
    now = tree(make_site(repo, tmp_path / "now"))
    later = tree(make_site(repo, tmp_path / "later", clock="+400d"))
    assert sorted(now) == sorted(later)
    differ = [path for path in now if now[path] != later[path]]
    assert not differ, f"these files changed with the clock: {differ[:10]}"
    assert len(now) > 50 and "sitemap.xml" in now
    assert b"<!-- built " in now["index.html"]


def test_without_the_commit_date_the_clock_shows(repo, tmp_path):
    """The check above can fail: with no SOURCE_DATE_EPOCH the build date is the clock's."""
    now = tree(make_site(repo, tmp_path / "now"))
    # An empty SOURCE_DATE_EPOCH on make's command line turns the git date off.
    later = tree(make_site(repo, tmp_path / "later", "SOURCE_DATE_EPOCH=", clock="+400d"))
    assert now["index.html"] != later["index.html"]
