"""The first engine-free step: the trees a site engine builds, one per language.

`stage` writes below its target folder one plain tree per language (`kk/`, `ru/`: the
language's pages at their paths below the language's root, with everything the templates need
in front matter) and `shared/`: the files of no language (images, share cards, open data), which
every language's pages link at the default language's address. Any engine that builds one
language per run from a plain tree of Markdown can build them (MkDocs here, see engines/mkdocs;
Zensical when it can). Files are written only when changed, so a live preview does not loop,
and stale ones are removed. Editors never touch this folder; it is rebuilt from `data/` and
`docs/`.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..checks import files, stamp
from ..content.errors import ContentError, ContentErrors
from ..content.load import Loader, read_text, relpath
from ..content.model import LANGS, Site, other_lang
from ..messages import _
from ..pages import feeds, opendata, output, paths, render, social, views, words
from ..pages.paths import split_lang
from . import lifecycle

# A staged file's content: its bytes, or a file whose name says its bytes (a share image in
# social.py's cache), read only when it must be written.
Content = bytes | Path


def with_share_images(site: Site, generated: dict[str, str], cache: Path | None,
                      font_dir: Path = social.FONT_DIR) -> dict[str, Content]:
    """The generated pages, each naming its share image (`og_image`), plus the images: the
    page's title, its coalition (or the network) and its date, in the page's language."""
    tree, cards = {}, {}
    for rel, text in generated.items():
        base, lang = split_lang(rel)
        meta = json.loads(text.split("\n", 2)[1])  # render.front_matter: JSON on the second line
        c = site.coalitions.get(meta.get("coalition") or (site.single.id if site.single else ""))
        image = social.image_path(base, lang)
        card = social.card(meta, words.t(lang, "site.name"), c.accent if c else "")
        # A coalition's own overview has its name as the title: the kicker is then the site's.
        if c and card.title != " ".join(c.name.get(lang).split()):
            card = dataclasses.replace(card, kicker=(c.short_name or c.name).get(lang))
        cards[image] = card
        tree[rel] = (render.front_matter(**meta, og_image=image) + text.split("\n---\n\n", 1)[1]).encode()
    if cache is not None:
        tree.update(social.images(cards, cache, font_dir))
    return tree


def source_tree(site: Site, docs_dir: Path, site_url: str = "",
                repo: views.Repository = views.Repository(), social_cache: Path | None = None) -> dict[str, Content]:
    """{relative path: content} of the whole tree to build (share images drawn only with a
    cache folder: the tests of the tree alone do not draw them)."""
    project = docs_dir.parent
    tree = with_share_images(site, render.all_pages(site, repo), social_cache)
    tree.update({path: text.encode() for path, text in feeds.files(site, site_url).items()})
    for c in site.coalitions.values():
        if c.logo and not (docs_dir / c.logo).is_file():
            raise ContentError(c.path, _("logo: the file docs/{logo} does not exist — add the image "
                                         "there, or correct the path", logo=c.logo))
    if css := views.accents_css(site):
        tree[views.ACCENTS] = css.encode()
    for path, text in opendata.files(site).items():
        # Bilingual, so staged once, in shared/: published at the default language's address,
        # which the Russian pages link too.
        tree[path] = text.encode()
    prose: dict[str, dict[str, Path]] = {}  # hand-written pages by language
    # Only the pages and checked images of docs/, never a link: the same check as validation's,
    # again here so that nothing else is published whatever ran before.
    found = files.check(project, project / "data", docs_dir)
    if found.problems:
        raise ContentErrors(found.problems)
    for rel, path in sorted({**found.pages, **found.images}.items()):
        if rel in tree:
            raise ContentError(relpath(path, project), _("this page is made from the files in data/; "
                                                         "remove it and edit the data instead"))
        base, lang = split_lang(rel) if rel.endswith(".md") else ("", "")
        if base:
            prose.setdefault(base, {})[lang] = path
        else:
            tree[rel] = path.read_bytes()
    for base, versions in prose.items():
        for lang in LANGS:
            if lang in versions:
                tree[paths.with_lang(base, lang)] = read_text(versions[lang], project).encode()
            else:
                shown = other_lang(lang)
                text = read_text(versions[shown], project)
                tree[paths.with_lang(base, lang)] = render.fallback_page(text, shown, lang).encode()
    return tree


def write_tree(tree: dict[str, Content], target: Path, written: dict[str, Content] | None = None) -> int:
    """Make `target` hold exactly `tree`; touch only what changed. Returns files written.

    `written`: what this process wrote into `target` last time (a preview's), kept up to date
    here: files are then compared with it, not read back, and only its paths can be stale.
    """
    try:
        return _write_tree(tree, target, written)
    except BaseException:
        if written is not None:
            written.clear()  # unknown now: the next call compares with the files
        raise


def _write_tree(tree: dict[str, Content], target: Path, written: dict[str, Content] | None) -> int:
    count = 0
    known = written is not None and bool(written)
    for rel, content in tree.items():
        if known and written.get(rel) == content:
            continue
        count += output.put(target / rel, content.read_bytes() if isinstance(content, Path) else content)
    if known:
        for rel in written.keys() - tree.keys():
            (target / rel).unlink(missing_ok=True)
            for folder in (target / rel).parents:
                if folder == target or any(folder.iterdir()):
                    break
                folder.rmdir()
    elif target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            rel = path.relative_to(target).as_posix()
            if path.is_file() and rel not in tree:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    if written is not None:
        written.clear()
        written.update(tree)
    return count


def checked_site(root: Path, data_dir: Path, docs_dir: Path, loader: Loader | None = None) -> Site:
    """The site `make validate` passed, or read and checked now (raising every problem) and
    stamped, so that the engine's processes read it instead of checking it again. A preview
    passes its `loader`, which reads again only the files changed since its last call."""
    site = None if loader else stamp.validated_site(root, data_dir, docs_dir)
    if site is None:
        before = stamp.digest(data_dir, docs_dir)  # of the bytes about to be checked
        site = (loader or Loader(data_dir, docs_dir)).site()
        stamp.write(root, before, site)
    return site


SHARED = "shared"  # the folder of files of no language, beside one folder per language


def language_trees(tree: dict[str, Content]) -> dict[str, dict[str, Content]]:
    """`source_tree`'s files (``x.ru.md``, ``feed.kk.xml``, ``assets/…``) as one plain tree per
    language (``ru/x.md``, ``kk/feed.xml``) and the `SHARED` one."""
    trees: dict[str, dict[str, Content]] = {lang: {} for lang in (*LANGS, SHARED)}
    for rel, content in tree.items():
        base, lang = split_lang(rel)
        trees[lang or SHARED][base or rel] = content
    return trees


def stage(data_dir: Path, docs_dir: Path, target: Path, site_url: str = "",
          preview: bool = False, repo: views.Repository = views.Repository(),
          loader: Loader | None = None, written: dict[str, dict[str, Content]] | None = None) -> tuple[Site, int]:
    """Validate (or trust a fresh `make validate`), render and write the trees below `target`;
    returns the site and the number of files written. A preview keeps its `loader` and the
    trees it `written` (by folder) between calls: only what changed is read and written."""
    # Not just validated, or changed since: read and check everything (and stamp it, unfiltered:
    # a preview and a public build of the same files read the same stamp).
    site = checked_site(data_dir.parent, data_dir, docs_dir, loader)
    site = lifecycle.published(site, preview)
    trees = language_trees(source_tree(site, docs_dir, site_url, repo, target.parent / "social"))
    if written is not None:
        for name in trees:
            written.setdefault(name, {})
    return site, sum(write_tree(tree, target / name, written[name] if written is not None else None)
                     for name, tree in trees.items())
