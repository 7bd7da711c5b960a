"""The one error the content layer raises on bad input."""
from __future__ import annotations

from ..messages import Message, _, escape, texts


class ContentError(Exception):
    """A problem in an editor's file, reported as ``path:line:column: message``.

    `message` is a `messages._()` message, printed in the editor's language (one line per
    language); `.message` itself is its English text."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1):
        # One problem, one line: control characters quoted from a file are shown escaped.
        message = message if isinstance(message, Message) else escape(message)
        self.path, self.message, self.line, self.column = str(path), message, line, column
        super().__init__(self.path, message, line, column)

    def lines(self, langs: tuple[str, ...] | None = None) -> list[str]:
        """``path:line:column: message`` once per language (the editor's, unless `langs`)."""
        return [f"{self.path}:{self.line}:{self.column}: {text}" for text in texts(self.message, langs)]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class ContentWarning(ContentError):
    """Something that is probably a mistake but may be right (it does not fail the build)."""

    def lines(self, langs: tuple[str, ...] | None = None) -> list[str]:
        label = texts(_("warning"), langs)
        return [f"{self.path}:{self.line}:{self.column}: {word}: {text}"
                for word, text in zip(label, texts(self.message, langs))]


class ContentErrors(Exception):
    """Every problem found in the content at once: editors fix them all in one round."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
