"""The one error the content layer raises on bad input."""
from __future__ import annotations


class ContentError(Exception):
    """A problem in an editor's file, reported as ``path:line:column: message``."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1):
        self.path, self.message, self.line, self.column = str(path), message, line, column
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
