"""The one error the content layer raises on bad input."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class ContentError(Exception):
    """A problem in an editor's file, reported as ``path:line:column: message``."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1):
        # One problem, one line: control characters quoted from a file are shown escaped.
        message = _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)
        self.path, self.message, self.line, self.column = str(path), message, line, column
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ContentErrors(Exception):
    """Every problem found in the content at once: editors fix them all in one round."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
