"""Editors' commands: `python -m microsite validate | new | i18n-status` (the Makefile runs them)."""
from __future__ import annotations

import sys
from pathlib import Path

from .messages import _, both
from .tools import cli


def main(argv: list[str] | None = None) -> int:
    parser = cli.EditorParser(prog="microsite", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help=both(_("the project folder (holding data/ and docs/)")))
    # Subcommands' parsers are made by the same class (argparse's `parser_class`).
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help=both(_("check all content; list every problem")))
    cli.add_new_arguments(commands.add_parser("new", add_help=False, help=both(_(
        "create a coalition, member, statement or event (asks for what is not given as --flags)"))))
    commands.add_parser("i18n-status", help=both(_("texts missing or awaiting review, per language (Markdown)")))
    args = parser.parse_args(argv)
    return cli.COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
