"""The static server the browser tests and the search benchmark share (tools/chromium.py)."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from microsite.tools.chromium import serve


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.fixture
def site(tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "ru" / "index.html").write_text("басты", encoding="utf-8")
    (tmp_path / "404.html").write_text("not here", encoding="utf-8")
    return tmp_path


def test_below_a_sub_path_as_a_project_site_is_served(site):
    with serve(site, "/microsite/") as base:
        assert base.endswith("/microsite/")
        assert get(base) == (200, "home") and get(base + "ru/") == (200, "басты")
        assert get(base + "missing/") == (404, "not here")
        assert get(base.replace("/microsite/", "/")) == (404, "not here"), "nothing outside the sub-path"


def test_at_the_root(site):
    with serve(site) as base:
        assert get(base + "ru/") == (200, "басты") and get(base + "nope.js") == (404, "not here")
