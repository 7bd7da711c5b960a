"""The browser tests' Chromium and server (microsite.tools.chromium, shared with the search
benchmark), the built site served below the same sub-path as conftest.SITE_URL."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from microsite.tools import chromium
from microsite.tools.chromium import launch  # noqa: F401 (the tests' launcher)

PREFIX = urlsplit("https://example.org/microsite/").path  # the same path as conftest.SITE_URL


def serve(directory: Path):
    """A context: yields the site's address, e.g. http://127.0.0.1:PORT/microsite/."""
    return chromium.serve(directory, PREFIX)
