"""What the editors' commands do; `__main__` only parses their arguments."""
from __future__ import annotations

import argparse
import os
import re
import sys
import time

from ..checks import lock, stamp
from ..content.errors import ContentError, ContentErrors, ContentWarning
from ..content.load import CHECKED, Loader, load_site
from ..messages import N_, _, everyone, say, texts
from ..tools import new, status

# argparse words its refusals in English (and its own gettext domain has no Kazakh): the few
# it gives for the editors' commands, by their English text, in the editors' languages.
ARGPARSE_REFUSALS = (
    (re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$"),
     N_("'{name}': {value} is not one of the choices: {choices}")),
    (re.compile(r"unrecognized arguments: (?P<value>.+)$"),
     N_("these words are not understood: {value}")),
    (re.compile(r"the following arguments are required: (?P<name>.+)$"),
     N_("this is needed: {name}")),
    (re.compile(r"argument (?P<name>\S+): expected one argument$"),
     N_("'{name}' needs a value after it")),
)


class EditorParser(argparse.ArgumentParser):
    """An argument parser whose refusals an editor reads in their language, with what to do."""

    def error(self, message: str):
        for pattern, msgid in ARGPARSE_REFUSALS:
            if match := pattern.match(message):
                problem = _(msgid, **match.groupdict())
                break
        else:  # a refusal not listed above: quoted as argparse words it
            problem = _("the command is not understood ('{detail}')", detail=message)
        say(_("{command}: {problem} — `{command} --help` lists what it takes", command=self.prog,
              problem=problem), file=sys.stderr)
        self.exit(2)


def validate(args) -> int:
    """All problems at once, one per line, then a count; a clean tree is one short line."""
    started = time.perf_counter()
    before = stamp.digest(args.root / "data", args.root / "docs")  # of the bytes about to be checked
    warnings: list = []
    # What the last run checked, kept: only the files changed since are read and checked again.
    loader = Loader.restored(args.root / "data", args.root / "docs", args.root / CHECKED)
    loader.keep_at = args.root / CHECKED  # for the next run
    site, problems = lock.validated(args.root, warnings, loader)
    loader.kept()
    # Warnings first: probably wrong, but may be right; shown, never failing the build.
    for problem in [*warnings, *problems]:
        print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(annotation(problem))
    if problems:
        files = {p.path for p in problems}
        say(_("{problems} in {files}: nothing is published until they are fixed",
              problems=_n(len(problems), "problem"), files=_n(len(files), "file")), file=sys.stderr)
        return 1
    stamp.write(args.root, before, site)  # the build need not read it all again
    say(_("ok: {coalitions}, {members}, {statements}, {events} ({seconds} s)",
          coalitions=_n(len(site.coalitions), "coalition"), members=_n(len(site.members), "member"),
          statements=_n(len(site.statements), "statement"), events=_n(len(site.events), "event"),
          seconds=f"{time.perf_counter() - started:.2f}"))
    return 0


def annotation(problem) -> str:
    """A GitHub Actions workflow command: the problem is shown on its line in the pull request,
    in Kazakh and Russian (whoever reads the pull request); a warning as a warning."""
    level = "warning" if isinstance(problem, ContentWarning) else "error"
    message = "\n".join(texts(problem.message, everyone())).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={path},line={problem.line},col={problem.column}::{message}"


# A count with its noun. Each language words it without plural forms (Kazakh keeps the noun
# singular after a number; Russian reads «проблем: 3»), so one msgid per English form suffices.
COUNTS = {
    ("problem", False): N_("{count} problem"), ("problem", True): N_("{count} problems"),
    ("file", False): N_("{count} file"), ("file", True): N_("{count} files"),
    ("coalition", False): N_("{count} coalition"), ("coalition", True): N_("{count} coalitions"),
    ("member", False): N_("{count} member"), ("member", True): N_("{count} members"),
    ("statement", False): N_("{count} statement"), ("statement", True): N_("{count} statements"),
    ("event", False): N_("{count} event"), ("event", True): N_("{count} events"),
}


def _n(count: int, word: str):
    return _(COUNTS[word, count != 1], count=count)


def add_new_arguments(parser) -> None:
    new.add_arguments(parser)


def i18n_status(args) -> int:
    print(status.markdown(load_site(args.root / "data", args.root / "docs"), args.root / "docs"), end="")
    return 0


def site_stage(args) -> int:
    """The engine-free first step: one plain tree per language (and shared/) for any engine."""
    from ..pages.stage import stage
    from ..settings import Settings
    settings = Settings.from_env(args.root.resolve())
    out = (args.out if args.out.is_absolute() else args.root / args.out).resolve()
    site, written = stage(settings.root / "data", settings.root / "docs", out, settings.site_url,
                          settings.preview, settings.repo())
    say(_("staged in {out}: {written} files written", out=str(out), written=written))
    return 0


def site_finish(args) -> int:
    """The engine-free last step, on a site the engine built from `stage`'s trees."""
    from ..pages import finish, lifecycle
    from ..settings import Settings
    settings = Settings.from_env(args.root.resolve())
    site = stamp.validated_site(settings.root, settings.root / "data", settings.root / "docs")
    if site is None:
        site = load_site(settings.root / "data", settings.root / "docs")
    stage_dir = (args.stage if args.stage.is_absolute() else args.root / args.stage).resolve()
    site_dir = (args.site_dir if args.site_dir.is_absolute() else args.root / args.site_dir).resolve()
    finish.finish(site_dir, stage_dir, lifecycle.published(site, settings.preview), settings)
    return 0


def site_build(args) -> int:
    from ..engines.mkdocs.build import build  # spawns MkDocs; imports nothing of it
    from ..settings import Settings
    site_dir = args.site_dir if args.site_dir.is_absolute() else args.root / args.site_dir
    return build(Settings.from_env(args.root.resolve()), site_dir.resolve())


def site_serve(args) -> int:
    from ..engines.mkdocs.serve import serve
    from ..settings import Settings
    return serve(Settings.from_env(args.root.resolve()), args.host, args.port)


def guarded(command):
    """Editors' commands end with a message, never a traceback."""
    def run(args) -> int:
        try:
            return command(args)
        except (ContentError, ContentErrors) as err:
            print(err, file=sys.stderr)
            say(_("fix these first (`make validate`)"), file=sys.stderr)
            return 1
        except (KeyboardInterrupt, EOFError):
            print(file=sys.stderr)
            say(_("stopped; nothing was created"), file=sys.stderr)
            return 130
    return run


COMMANDS = {"validate": guarded(validate), "new": guarded(new.run), "i18n-status": guarded(i18n_status),
            "build": guarded(site_build), "serve": guarded(site_serve), "stage": guarded(site_stage),
            "finish": guarded(site_finish)}
