"""Reading built HTML with the standard library's parser (no regex guessing at tags)."""
from __future__ import annotations

from html.parser import HTMLParser


class Tags(HTMLParser):
    """Every start tag with its attributes, plus the visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.chunks: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)

    def find(self, tag: str, **attrs) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(
            v in a.get(k.rstrip("_"), "").split() if k.endswith("_") else a.get(k) == v
            for k, v in attrs.items())]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())
