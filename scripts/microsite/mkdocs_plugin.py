"""The only module that knows MkDocs: it stages the content layer's pages for the build.

MkDocs 1.x is unmaintained and Material reaches end of life in May 2027; everything else in
this package is engine-free, so moving to another engine means replacing this file only.
"""
from __future__ import annotations

import functools
import html
import resource
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from . import cms, csp, i18n, joinform, pages, sanitize, search, seo, sitemap, views
from .errors import ContentError, ContentErrors
from .messages import _, texts
from .model import DEFAULT_LANG, LANGS
from .stage import split_lang, stage

log = get_plugin_logger(__name__)


def _alternates(config) -> list[dict]:
    """The language menu's entries. i18n sets `config.extra.alternate` as an attribute, which
    Jinja reads before the item."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process so far: (user, kernel). Kept apart because the kernel's share,
    mostly creating the staged files, depends on the disk's state more than on this code."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def _timed(hook):
    """Adds the hook's CPU time to the plugin's own totals, which the benchmark reads."""
    @functools.wraps(hook)
    def timed(self, *args, **kwargs):
        user, kernel = _cpu()
        try:
            return hook(self, *args, **kwargs)
        finally:
            now = _cpu()
            self.own_user += now[0] - user
            self.own_kernel += now[1] - kernel
    return timed


class MicrositeConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """YAML records: coalitions/, members/, events/ (relative to mkdocs.yml)."""
    staging_dir = c.Type(str, default=".build/docs")
    """Where the pages to build are assembled; generated, never edited by hand."""
    preview = c.Type(bool, default=False)
    """Also build drafts and statements under review, under a banner (never for production)."""
    search_lang = c.DictOfItems(c.ListOfItems(c.Type(str)), default={"kk": ["kk"], "ru": ["fold", "en", "ru"]})
    """lunr languages of each site language's search index ("kk" and "fold" are ours: stem_kk.py, fold.py)."""
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
        self.source_docs: Path | None = None
        self.site = None
        self.not_found: bytes | None = None  # the default language's 404.html
        self.theme_scripts: list = []  # patterns of the theme's inline scripts (csp.py)
        self.repo = views.Repository()
        self.own_user = self.own_kernel = 0.0  # CPU seconds in this plugin's hooks, all builds
        # Builds under way: i18n runs the other languages' builds from inside the first one's
        # on_post_build, so the whole site is finished only when the outermost build ends.
        self.builds = 0
        self.heroes: dict[str, tuple[str, str]] = {}  # landing pages' hero words, by URL (search.hero_text)

    @event_priority(100)
    def on_pre_build(self, config):
        self.builds += 1

    def on_build_error(self, error):
        self.builds = 0  # a failed build ends them all; the next preview rebuild starts afresh

    # Before the i18n plugin (priority -100): it must see the staged tree.
    @event_priority(100)
    @_timed
    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        staging = root / self.config.staging_dir
        if self.site is None:  # the i18n plugin runs on_config again for each language
            self.source_docs = Path(config.docs_dir).resolve()
            start, cpu = time.perf_counter(), time.process_time()
            self.repo = views.Repository(
                self.config.repository, self.config.branch,
                joinform.coalitions_in_form(root / ".github" / "ISSUE_TEMPLATE" / "join.yml"))
            try:
                self.site, written = stage(root / self.config.data_dir, self.source_docs, staging,
                                           config.site_url or "", self.config.preview, self.repo)
            except (ContentError, ContentErrors) as err:
                # Every problem, then stop: a site is never built from part of the content.
                raise PluginError("\n".join([str(err), *texts(_(
                    "the site was not built: fix the problems above (`make validate` lists them)"))])) from None
            # The benchmark reads this line: the project's own share of the build time.
            log.info(f"staged pages from {self.config.data_dir}/ and docs/ in "
                     f"{time.perf_counter() - start:.3f} s, CPU {time.process_time() - cpu:.3f} s "
                     f"({written} files changed)")
        config.docs_dir = str(staging)
        if config.nav is None:
            config.nav = pages.nav(self.site)
        return config

    @_timed
    def on_env(self, env, config, files):
        # Engine-free data the templates print: Open Graph locales; the 404 page's words.
        env.globals.update(og_locales=seo.OG_LOCALE, ui=i18n.UI, not_found_langs=LANGS,
                           not_found_roots={lang: pages.lang_root(lang) or "./" for lang in LANGS},
                           footers=views.footers(self.site),
                           home_coalition=self.site.single.id if self.site.single else "",
                           edit_base=self.repo.edit_base,
                           accents_css=views.ACCENTS if any(c.accent for c in self.site.coalitions.values()) else "",
                           licence={"name": self.config.licence, "url": self.config.licence_url})
        directory_urls = config.use_directory_urls
        # A page of the site (views.Link.page) at the address the engine gives it; the
        # template's `url` filter then makes it relative to the page it is printed on.
        env.filters["ms_url"] = lambda rooted: pages.address(rooted, directory_urls) or "./"
        # Addresses from front matter (a page's `feed`) are printed only if they are the site's.
        env.filters["site_path"] = sanitize.site_path
        # The inline scripts the Content-Security-Policy lets run: the theme's own.
        self.theme_scripts = csp.theme_scripts(config.theme.dirs)
        return env

    @_timed
    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            # The language menu of a page that has no address: the languages' home pages
            # (i18n leaves the last page's alternates, or absolute roots that ignore a sub-path).
            for alternate in _alternates(config):
                alternate["link"] = pages.lang_root(alternate["lang"]) or "./"
        return context

    @_timed
    def on_page_markdown(self, markdown, page, config, files):
        # Material prints the title as HTML (<title>, header, navigation, search results): the
        # text typed in front matter (or generated from YAML) is escaped once, here, for every
        # page. Templates print it as it is, or `| striptags | e` inside attributes.
        if "title" in page.meta:
            page.meta["title"] = html.escape(str(page.meta["title"]))
        return markdown

    @_timed
    def on_page_content(self, content, page, config, files):
        # What the browser gets from content: the one allowlist (sanitize.py), which `make
        # validate` also applies to tell editors what it would remove.
        if "title" not in page.meta and page.title:
            # A title taken from the first heading: its text only (MkDocs strips tags loosely).
            page.meta["title"] = sanitize.text(page.title)
        return sanitize.clean(content)

    @_timed
    def on_post_page(self, output, page, config):
        return csp.protect(output, self.theme_scripts)

    @_timed
    def on_post_template(self, output_content, template_name, config):
        # The 404 page is a theme template, not a page.
        if not template_name.endswith(".html"):
            return output_content
        return csp.protect(output_content, self.theme_scripts)

    # After the i18n plugin (priority 50) has set the language switcher's links for this page.
    @event_priority(0)
    @_timed
    def on_page_context(self, context, page, config, nav):
        # On home pages i18n leaves the languages' roots ("/", "/ru/", or below site_url's path)
        # as absolute links, which break when the site is served from another path than the
        # one it was built for. Made site-relative, Material's `url` filter turns them
        # page-relative like every other link.
        site_path = urlsplit(config.site_url or "").path.rstrip("/") + "/"
        for alternate in _alternates(config):
            link = alternate.get("link", "")
            if link.startswith(site_path) and not link.startswith("//"):
                alternate["link"] = link[len(site_path):] or "./"
        if page.meta.get("jsonld"):
            data = page.meta["jsonld"]
            context["jsonld"] = seo.script(seo.absolute(data, page.canonical_url) if page.canonical_url else data)
        if page.meta.get("hero"):  # printed by the template: its words go into search apart
            self.heroes[page.url] = search.hero_text(page.meta["hero"])
        # Where this page's language keeps its search index (overrides/main.html).
        context["search_root"] = pages.lang_root(context.get("i18n_page_locale") or DEFAULT_LANG)
        return context

    # Before the i18n plugin (priority -100) builds the other languages into the same folder.
    @event_priority(90)
    @_timed
    def _keep_404(self, config):
        # Every language's build writes /404.html over the previous one; the default language's
        # (the first build) is kept and put back after the last (see `_finish_site`).
        if config.theme["language"] == DEFAULT_LANG:
            self.not_found = (Path(config.site_dir) / "404.html").read_bytes()

    # After the i18n plugin's on_post_build (-100), which runs the other languages' builds and
    # then merges Material's search index of all of them; each of those builds also ends here,
    # the default language's (outermost) build last: only that one finishes the site.
    @event_priority(-110)
    @_timed
    def _finish_site(self, config):
        if self.builds > 1:
            return
        site_dir = Path(config.site_dir)
        if self.not_found is not None:
            (site_dir / "404.html").write_bytes(self.not_found)
        # MkDocs' and i18n's sitemap: the last language's, with dates from the clock, and with
        # "None" for addresses when site_url is unset. Ours: see sitemap.py.
        for stale in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / stale).unlink(missing_ok=True)
        if config.site_url:
            staged = Path(config.docs_dir)
            page_paths = {split_lang(p.relative_to(staged).as_posix())[0]
                          for p in staged.rglob(f"*.{DEFAULT_LANG}.md")}
            for rel, text in sitemap.files(sorted(page_paths), config.site_url).items():
                # A one-language preview (`make serve LOCALE=ru`) has no ru/ folder.
                (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / rel).write_text(text, encoding="utf-8")
        # One sharded search index per language, and lunr's Kazakh and folding scripts.
        overviews = frozenset(pages.url(pages.coalition_page(self.site, cid), DEFAULT_LANG)
                              for cid in self.site.coalitions)
        sizes = search.write_indexes(site_dir, self.config.search_lang, overviews, self.heroes)
        (site_dir / search.LUNR_KK).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / search.LUNR_KK).write_text(search.lunr_kk(), encoding="utf-8")
        (site_dir / search.LUNR_FOLD).write_text(search.lunr_fold(), encoding="utf-8")
        log.debug(f"search indexes: {sizes}")
        # The editors' forms at /admin/ (cms.py).
        root = Path(config.config_file_path).resolve().parent
        try:
            admin = cms.admin_files(root, self.config.repository, self.config.branch,
                                    auth_url=self.config.cms_auth)
        except FileNotFoundError as err:  # node_modules not installed: `make site` installs it
            raise PluginError(str(err)) from None
        for rel, data in admin.items():
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / rel).write_bytes(data)

    @event_priority(-300)
    def _report(self, config):
        # Last of all (each language's build ends here, the outermost last): the benchmark
        # reads the final line as the project's own CPU time in the whole build.
        self.builds -= 1
        log.info(f"own code CPU {self.own_user + self.own_kernel:.3f} s so far (user {self.own_user:.3f} s, "
                 f"kernel {self.own_kernel:.3f} s; staging, page hooks, sitemaps, search)")

    on_post_build = CombinedEvent(_keep_404, _finish_site, _report)

    def on_serve(self, server, config, builder):
        # Editors change docs/ and data/; the staged copy changes as a consequence only.
        server.unwatch(config.docs_dir)
        server.watch(str(self.source_docs))
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.data_dir))
        return server
