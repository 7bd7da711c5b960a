"""Editors' commands: `python -m microsite validate | new | i18n-status` (the Makefile runs them)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="microsite", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder (holding data/ and docs/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check all content; list every problem")
    cli.add_new_arguments(commands.add_parser("new", add_help=False, help="create a coalition, member, "
                                              "statement or event (asks for what is not given as --flags)"))
    commands.add_parser("i18n-status", help="texts missing or awaiting review, per language (Markdown)")
    args = parser.parse_args(argv)
    return cli.COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
