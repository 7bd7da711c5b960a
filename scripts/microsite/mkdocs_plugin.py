"""The only module that knows MkDocs: it stages the content layer's pages for the build.

MkDocs 1.x is unmaintained and Material reaches end of life in May 2027; everything else in
this package is engine-free, so moving to another engine means replacing this file only.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import pages
from .errors import ContentError, ContentErrors
from .stage import stage

log = get_plugin_logger(__name__)


class MicrositeConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """YAML records: coalitions/, members/, events/ (relative to mkdocs.yml)."""
    staging_dir = c.Type(str, default=".build/docs")
    """Where the pages to build are assembled; generated, never edited by hand."""
    preview = c.Type(bool, default=False)
    """Also build drafts and statements under review, under a banner (never for production)."""


class MicrositePlugin(BasePlugin[MicrositeConfig]):
    def __init__(self):
        self.source_docs: Path | None = None
        self.site = None

    # Before the i18n plugin (priority -100): it must see the staged tree.
    @event_priority(100)
    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        staging = root / self.config.staging_dir
        if self.site is None:  # the i18n plugin runs on_config again for each language
            self.source_docs = Path(config.docs_dir).resolve()
            try:
                self.site, written = stage(root / self.config.data_dir, self.source_docs, staging,
                                           self.config.preview)
            except (ContentError, ContentErrors) as err:
                # Every problem, then stop: a site is never built from part of the content.
                raise PluginError(f"{err}\nThe site was not built: fix the problems above "
                                  "(`make validate` lists them).") from None
            log.debug(f"staged {written} changed files into {staging}")
        config.docs_dir = str(staging)
        if config.nav is None:
            config.nav = pages.nav(self.site)
        return config

    # After the i18n plugin (priority 50) has set the language switcher's links for this page.
    @event_priority(0)
    def on_page_context(self, context, page, config, nav):
        # On home pages i18n leaves the languages' roots ("/", "/ru/") as absolute links, which
        # break when the site is served from a sub-path (a GitHub Pages project site). Made
        # site-relative, Material's `url` filter turns them page-relative like every other link.
        # i18n sets `config.extra.alternate` as an attribute, which Jinja reads before the item.
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            link = alternate.get("link", "")
            if link.startswith("/") and not link.startswith("//"):
                alternate["link"] = link.lstrip("/") or "./"
        return context

    def on_serve(self, server, config, builder):
        # Editors change docs/ and data/; the staged copy changes as a consequence only.
        server.unwatch(config.docs_dir)
        server.watch(str(self.source_docs))
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.data_dir))
        return server
