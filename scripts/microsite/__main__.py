"""Commands: `python -m microsite validate | new | i18n-status | stage | finish | build | serve` (the Makefile runs them)."""
from __future__ import annotations

import sys
from pathlib import Path

from .messages import _, both
from .settings import STAGE_DIR
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
    staged = commands.add_parser("stage", help=both(_(
        "write one plain tree per language for a site engine (the first step of `build`)")))
    staged.add_argument("--out", type=Path, default=STAGE_DIR,
                        help=both(_("the folder to write the trees into")))
    finished = commands.add_parser("finish", help=both(_(
        "write sitemaps and search indexes into a built site (the last step of `build`)")))
    finished.add_argument("--stage", type=Path, default=STAGE_DIR,
                          help=both(_("the folder `stage` wrote")))
    finished.add_argument("--site-dir", type=Path, default=Path("site"),
                          help=both(_("the folder to build the site into")))
    built = commands.add_parser("build", help=both(_("build the site: both languages at the same time")))
    built.add_argument("--site-dir", type=Path, default=Path("site"),
                       help=both(_("the folder to build the site into")))
    served = commands.add_parser("serve", help=both(_("preview the site; rebuilt when a file is saved")))
    served.add_argument("--host", default="127.0.0.1", help=both(_("the address to serve at")))
    served.add_argument("--port", type=int, default=8000, help=both(_("the port to serve at")))
    args = parser.parse_args(argv)
    return cli.COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
