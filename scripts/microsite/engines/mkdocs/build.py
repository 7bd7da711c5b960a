"""`python -m microsite build`: stage once, build every language at the same time (one MkDocs
process each: a machine's cores, not one after the other), assemble one site, finish it.

The assembled site is the default language's build with each other language's folder moved in
(a rename: no copying); every process writes only its own folder, so the site is the same bytes
from run to run whatever process ends first.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ...content.load import Loader
from ...content.model import DEFAULT_LANG, LANGS
from ...pages import finish, paths, search
from ...pages.stage import stage
from ...settings import Settings

ENGINE_DIR = Path(".build") / "engine"  # below the project: the other languages' builds


def staged(settings: Settings, loader: Loader | None = None, written: dict | None = None):
    """The first step; it leaves the stamp the engine's processes read the model from (instead
    of checking everything again). Raises ContentErrors. Returns the published site. A preview
    passes its `loader` and the trees it `written` (pages.stage.stage)."""
    root = settings.root
    site, _count = stage(root / "data", root / "docs", settings.stage_dir, settings.site_url,
                         settings.preview, settings.repo(), loader, written)
    return site


def outputs(settings: Settings, site_dir: Path, engines_dir: Path) -> dict[str, Path]:
    """Where each language's engine writes: the default language into the site itself, each
    other language into its own folder below `engines_dir`, whose `<lang>/` is then moved or
    linked into the site."""
    return {lang: site_dir if lang == DEFAULT_LANG else settings.root / engines_dir / lang for lang in LANGS}


def engine_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "MICROSITE_STAGED": "true", "SITE_URL": settings.site_url,
            "PREVIEW": "true" if settings.preview else "false"}


def build(settings: Settings, site_dir: Path) -> int:
    """Returns the exit status; MkDocs' own output (warnings, errors) goes to stderr."""
    root = settings.root
    site = staged(settings)
    written = outputs(settings, site_dir, ENGINE_DIR)
    env = engine_env(settings)
    runs = {lang: subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                                    "-d", str(out)], cwd=root, env={**env, "MICROSITE_LANG": lang},
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for lang, out in written.items()}
    failed = False
    for lang, run in runs.items():
        output, _ = run.communicate()
        sys.stderr.write(output)
        failed |= run.returncode != 0
    if failed:
        return 1
    for lang, out in written.items():
        prefix = paths.lang_root(lang)
        if not prefix:
            continue
        target = site_dir / prefix
        if target.exists():
            shutil.rmtree(target)
        os.replace(out / prefix, target)
        # Material's index of this language, beside the language's pages (finish shards it).
        (target / "search").mkdir(exist_ok=True)
        os.replace(out / search.INDEX, target / search.INDEX)
    try:
        finish.finish(site_dir, settings.stage_dir, site, settings)  # `staged` gave the published site
    except FileNotFoundError as err:  # /admin/'s bundle: node_modules not installed (`make site` does)
        print(err, file=sys.stderr)
        return 1
    return 0
