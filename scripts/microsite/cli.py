"""What the editors' commands do; `__main__` only parses their arguments."""
from __future__ import annotations

import os
import sys
import time

from . import lock, new, stamp, status
from .errors import ContentErrors
from .load import load_site


def validate(args) -> int:
    """All problems at once, one per line, then a count; a clean tree is one short line."""
    started = time.perf_counter()
    before = stamp.digest(args.root / "data", args.root / "docs")  # of the bytes about to be checked
    site, problems = lock.validated(args.root)
    for problem in problems:
        print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(annotation(problem))
    if problems:
        files = {p.path for p in problems}
        print(f"{_n(len(problems), 'problem')} in {_n(len(files), 'file')}: nothing is published "
              "until they are fixed", file=sys.stderr)
        return 1
    stamp.write(args.root, before, site)  # the build need not read it all again
    print(f"ok: {_n(len(site.coalitions), 'coalition')}, {_n(len(site.members), 'member')}, "
          f"{_n(len(site.statements), 'statement')}, {_n(len(site.events), 'event')} "
          f"({time.perf_counter() - started:.2f} s)")
    return 0


def annotation(problem) -> str:
    """A GitHub Actions workflow command: the problem is shown on its line in the pull request."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={problem.line},col={problem.column}::{message}"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def add_new_arguments(parser) -> None:
    new.add_arguments(parser)


def i18n_status(args) -> int:
    print(status.markdown(load_site(args.root / "data", args.root / "docs"), args.root / "docs"), end="")
    return 0


def guarded(command):
    """Editors' commands end with a message, never a traceback."""
    def run(args) -> int:
        try:
            return command(args)
        except ContentErrors as err:
            print(err, file=sys.stderr)
            print("fix these first (`make validate`)", file=sys.stderr)
            return 1
        except (KeyboardInterrupt, EOFError):
            print("\nstopped; nothing was created", file=sys.stderr)
            return 130
    return run


COMMANDS = {"validate": guarded(validate), "new": guarded(new.run), "i18n-status": guarded(i18n_status)}
