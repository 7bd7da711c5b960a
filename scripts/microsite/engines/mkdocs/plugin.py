"""The MkDocs adapter: builds one language's staged tree (pages/stage.py) with Material.

MkDocs 1.x is unmaintained and Material reaches end of life in May 2027; everything outside
engines/ is engine-free, so moving to another engine means replacing this package only.
`python -m microsite build` stages once, runs one MkDocs per language at the same time (this
plugin, told its language by MICROSITE_LANG) and finishes the assembled site (pages/finish.py).
`mkdocs build` or `mkdocs serve` alone stage here and build one language (MICROSITE_LANG, or
the default one).
"""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from ...checks import stamp
from ...content.errors import ContentError, ContentErrors
from ...content.model import DEFAULT_LANG, LANGS
from ...messages import _, texts
from ...pages import csp, finish, lifecycle, paths, sanitize, seo, social, views, words
from ...pages.stage import SHARED, stage
from ...settings import STAGE_DIR, Settings
from . import templates

log = get_plugin_logger(__name__)


class MicrositeConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """YAML records: coalitions/, members/, events/ (relative to mkdocs.yml)."""
    staging_dir = c.Type(str, default=str(STAGE_DIR))
    """Where the trees to build are staged, one per language; generated, never edited by hand."""
    lang = c.Type(str, default="")
    """The language this run builds (MICROSITE_LANG); empty: the default language."""
    staged = c.Type(bool, default=False)
    """The trees were staged by `python -m microsite build`: build them as they are."""
    preview = c.Type(bool, default=False)
    """Also build drafts and statements under review, under a banner (never for production)."""
    repository = c.Type(str, default="")
    """The repository's web address (https://github.com/<owner>/<name>): the "join" form and
    "edit this page" links; without it neither is shown."""
    branch = c.Type(str, default="main")
    """The branch editors edit ("edit this page")."""
    cms_auth = c.Type(str, default="")
    """The OAuth relay /admin/ signs editors in through (https://…), see CONTRIBUTING."""
    licence = c.Type(str, default="")
    """The licence of the texts, as the footer names it (e.g. "CC BY 4.0"); empty: not shown."""
    licence_url = c.Type(str, default="")


class MicrositePlugin(BasePlugin[MicrositeConfig]):
    def __init__(self):
        self.site = None
        self.lang = DEFAULT_LANG
        self.stage_dir: Path | None = None
        self.theme_scripts: list = []  # patterns of the theme's inline scripts (csp.py)
        self.repo = views.Repository()

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        self.lang = self.config.lang or DEFAULT_LANG
        if self.lang not in LANGS:
            raise PluginError(f"MICROSITE_LANG={self.lang!r}: one of {', '.join(LANGS)}")
        self.settings = settings = Settings(root, config.site_url or "", self.config.preview,
                                            self.config.repository, self.config.branch, self.config.cms_auth)
        self.repo = settings.repo()
        self.stage_dir = root / self.config.staging_dir
        data_dir, docs_dir = root / self.config.data_dir, root / "docs"
        try:
            if self.config.staged:  # `python -m microsite build` validated and staged just now
                site = stamp.validated_site(root, data_dir, docs_dir)
                if site is None:
                    raise PluginError("the staged trees are not the content's: run `make site`")
                self.site = lifecycle.published(site, self.config.preview)
            else:
                self.site, written = stage(data_dir, docs_dir, self.stage_dir, settings.site_url,
                                           settings.preview, self.repo)
                log.info(f"staged {written} changed files")
        except (ContentError, ContentErrors) as err:
            # Every problem, then stop: a site is never built from part of the content.
            raise PluginError("\n".join([str(err), *texts(_(
                "the site was not built: fix the problems above (`make validate` lists them)"))])) from None
        if self.config.staged:
            # `finish` writes the sitemaps; the site's 404 page is the default language's.
            config.theme.static_templates.discard("sitemap.xml")
            if self.lang != DEFAULT_LANG:
                config.theme.static_templates.discard("404.html")
        config.docs_dir = str(self.stage_dir / self.lang)
        config.theme["language"] = self.lang
        config.site_name = words.t(self.lang, "site.name")
        if paths.lang_root(self.lang):  # the logo leads to this language's home page
            config.extra["homepage"] = paths.address(paths.lang_root(self.lang) + "index.md",
                                                     config.use_directory_urls)
        if config.nav is None:
            config.nav = paths.nav(self.site)
        return config

    def on_files(self, files, config):
        """This language's pages at their addresses below its root; beside them the files of no
        language (images, open data), which every language links at the default one's address."""
        own, prefix = config.docs_dir, paths.lang_root(self.lang)
        out = Files([])
        for file in files:
            if prefix and file.src_dir == own:
                file = File(file.src_uri, own, config.site_dir, config.use_directory_urls,
                            dest_uri=prefix + file.dest_uri)
            out.append(file)
        shared = self.stage_dir / SHARED
        for path in sorted(shared.rglob("*")):
            rel = path.relative_to(shared).as_posix()
            if rel.startswith(social.FOLDER + "/"):
                continue  # share images: `finish` places them (no page links them)
            if path.is_file() and out.get_file_from_path(rel) is None:
                out.append(File(rel, str(shared), config.site_dir, config.use_directory_urls))
        return out

    def on_env(self, env, config, files):
        # MkDocs makes a new environment for every build: a preview's builds (worker.py) reuse
        # the templates compiled by the first, instead of compiling them again (0.3 s a build).
        env.bytecode_cache = templates.COMPILED
        # Engine-free data the templates print: Open Graph locales; the 404 page's words.
        env.globals.update(og_locales=seo.OG_LOCALE, ui=words.UI, not_found_langs=LANGS,
                           not_found_roots={lang: paths.lang_root(lang) or "./" for lang in LANGS},
                           footers=views.footers(self.site),
                           home_coalition=self.site.single.id if self.site.single else "",
                           edit_base=self.repo.edit_base,
                           accents_css=views.ACCENTS if any(c.accent for c in self.site.coalitions.values()) else "",
                           licence={"name": self.config.licence, "url": self.config.licence_url})
        directory_urls = config.use_directory_urls
        # A page of the site (views.Link.page) at the address the engine gives it; the
        # template's `url` filter then makes it relative to the page it is printed on.
        env.filters["ms_url"] = lambda rooted: paths.address(rooted, directory_urls) or "./"
        # Addresses from front matter (a page's `feed`) are printed only if they are the site's.
        env.filters["site_path"] = sanitize.site_path
        # The inline scripts the Content-Security-Policy lets run: the theme's own.
        self.theme_scripts = csp.theme_scripts(config.theme.dirs)
        return env

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            # The language menu of a page that has no address: the languages' home pages.
            config.extra["alternate"] = self._alternates("")
        return context

    @staticmethod
    def _alternates(here: str) -> list[dict]:
        """The language menu: the page at `here` (below its language's root) in each language
        (every page is staged in both: a text not yet translated is shown in the other
        language, under a notice). Site-relative: Material's `url` filter makes them relative
        to the page, so the site works below any path."""
        return [{"name": words.LANG_NAMES[lang], "lang": lang, "link": paths.lang_root(lang) + here or "./"}
                for lang in LANGS]

    def on_page_markdown(self, markdown, page, config, files):
        # Material prints the title as HTML (<title>, header, navigation, search results): the
        # text typed in front matter (or generated from YAML) is escaped once, here, for every
        # page. Templates print it as it is, or `| striptags | e` inside attributes.
        if "title" in page.meta:
            page.meta["title"] = html.escape(str(page.meta["title"]))
        return markdown

    def on_page_content(self, content, page, config, files):
        # What the browser gets from content: the one allowlist (sanitize.py), which `make
        # validate` also applies to tell editors what it would remove.
        if "title" not in page.meta and page.title:
            # A title taken from the first heading: its text only (MkDocs strips tags loosely).
            page.meta["title"] = sanitize.text(page.title)
        return sanitize.clean(content)

    def on_post_page(self, output, page, config):
        return csp.protect(output, self.theme_scripts)

    def on_post_template(self, output_content, template_name, config):
        # The 404 page is a theme template, not a page.
        if not template_name.endswith(".html"):
            return output_content
        return csp.protect(output_content, self.theme_scripts)

    def on_page_context(self, context, page, config, nav):
        config.extra["alternate"] = self._alternates(page.url[len(paths.lang_root(self.lang)):])
        if page.meta.get("jsonld"):
            data = page.meta["jsonld"]
            context["jsonld"] = seo.script(seo.absolute(data, page.canonical_url) if page.canonical_url else data)
        # Where this page's language keeps its search index (overrides/main.html).
        context["search_root"] = paths.lang_root(self.lang)
        return context

    @event_priority(-100)  # after the search plugin has written this language's index
    def on_post_build(self, config):
        # `mkdocs build` / `mkdocs serve` alone: this language's site is finished here;
        # `python -m microsite build` finishes the assembled languages itself.
        if not self.config.staged:
            finish.finish(Path(config.site_dir), self.stage_dir, self.site, self.settings)

    def on_serve(self, server, config, builder):
        # Editors change docs/ and data/; the staged copy changes as a consequence only.
        root = Path(config.config_file_path).resolve().parent
        server.unwatch(config.docs_dir)
        server.watch(str(root / "docs"))
        server.watch(str(root / self.config.data_dir))
        return server
