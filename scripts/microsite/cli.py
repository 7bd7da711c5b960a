"""What the editors' commands do; `__main__` only parses their arguments."""
from __future__ import annotations

import sys
import time

from . import lock
from .load import read_site


def validate(args) -> int:
    """All problems at once, one per line, then a count; a clean tree is one short line."""
    started = time.perf_counter()
    site, problems = read_site(args.root / "data", args.root / "docs")
    if not problems:  # adopted texts changed without a correction (with broken content, unknowable)
        problems = lock.check(site, args.root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        files = {p.path for p in problems}
        print(f"{_n(len(problems), 'problem')} in {_n(len(files), 'file')}: nothing is published "
              "until they are fixed", file=sys.stderr)
        return 1
    print(f"ok: {_n(len(site.coalitions), 'coalition')}, {_n(len(site.members), 'member')}, "
          f"{_n(len(site.statements), 'statement')}, {_n(len(site.events), 'event')} "
          f"({time.perf_counter() - started:.2f} s)")
    return 0


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def add_new_arguments(parser) -> None:
    pass


COMMANDS = {"validate": validate}
