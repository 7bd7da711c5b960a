"""Which files of `data/` and `docs/` may be read and published: only files we know.

Everything in `docs/` is published as it is, so an unknown file is refused rather than copied:
an HTML page or an SVG runs script on the site's own address, a file at the path of the theme's
JavaScript replaces it, an `index.html` replaces a generated page. What `docs/` may hold:
Markdown pages (`name.kk.md` / `name.ru.md`; statements are read by `load.py`) and raster images
whose bytes are the image type their name says. No symbolic link is read or followed anywhere in
`data/` or `docs/`: a link to `/proc/self/environ` or `../../.git/config` would publish that file.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import hygiene
from ..content.errors import ContentError
from ..content.model import LANGS
from ..messages import N_, _
from ..pages import paths

# A text file larger than this is refused before it is read: the longest statement is 7 KB.
MAX_TEXT_BYTES = 200_000
# Images are downloaded by readers on phones and slow networks.
MAX_IMAGE_BYTES = 2_000_000
# Raster images by extension, with the first bytes every such file starts with. Checked by hand
# (no image library needed): the file is never decoded here, only its type is made sure of, since
# the server sends it with the type its extension names.
IMAGES = {
    "png": lambda b: b.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpg": lambda b: b.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda b: b.startswith(b"\xff\xd8\xff"),
    "gif": lambda b: b.startswith((b"GIF87a", b"GIF89a")),
    "webp": lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP",
    "avif": lambda b: b[4:8] == b"ftyp" and b[8:12] in (b"avif", b"avis"),
}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")
# Folders of the built site that belong to the theme, the engine or the generated pages.
THEME_FOLDERS = ("assets/images/", "assets/javascripts/", "assets/stylesheets/", "search/", "admin/")
PAGE_FOLDERS = ("coalitions/", "events/", "statements/", "members/", "search/", "assets/",
                *(f"{lang}/" for lang in LANGS))

UNPUBLISHED = {
    **dict.fromkeys(("html", "htm", "xhtml"), N_("write the page in Markdown as <name>.kk.md and "
                                                 "<name>.ru.md instead")),
    **dict.fromkeys(("js", "mjs", "css"), N_("scripts and styles are the developers' part of the site "
                                             "(overrides/); remove it from docs/")),
    **dict.fromkeys(("pdf", "doc", "docx", "xls", "xlsx", "zip"), N_("link the document where it is "
                                                                     "published instead, or put its "
                                                                     "text into a page")),
}


# What a file name may hold but a message line may not show: hygiene's invisible and
# direction-changing characters (so a name shows what a text may not hold), and besides them
# line breaks, tabs, the other marks a line cannot show, and bytes that are not UTF-8 (Python
# keeps them as lone surrogates, which cannot even be printed).
_UNSHOWABLE = re.compile(f"[\t\n\r\u061c\u2028\u2029\u2065\ud800-\udfff]|{hygiene.INVISIBLE.pattern}")


def shown(rel: str) -> str:
    """A path as one printable line: what it cannot show is written as an escape (\\n, \\xff)."""
    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xdc00:02x}" if 0xdc80 <= code <= 0xdcff else repr(match.group())[1:-1]
    return _UNSHOWABLE.sub(escape, rel)


@dataclass
class Found:
    """What `docs/` holds: pages and images to publish, and every problem."""
    pages: dict[str, Path] = field(default_factory=dict)   # 'about.kk.md' → file
    images: dict[str, Path] = field(default_factory=dict)  # 'images/photo.png' → file
    links: set[str] = field(default_factory=set)           # project paths of symbolic links
    problems: list[ContentError] = field(default_factory=list)


def walk(base: Path, project: Path, found: Found, below: str = ""):
    """(path relative to `base`, file) of every file below `base`, in name order, a folder's
    files before its subfolders', never through a symbolic link; every link is a problem (and
    remembered, so nothing reads through it). os.scandir, not os.walk and a Path per entry: the
    directory entries say what each one is without another system call (4,000 member files)."""
    try:
        with os.scandir(base) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # gone, or not a folder: nothing below it (as os.walk)
        return
    prefix = os.path.relpath(base, project).replace(os.sep, "/") + "/"
    folders = []
    for entry in entries:
        if entry.is_symlink():
            rel = shown(prefix + entry.name)
            found.links.add(rel)
            found.problems.append(ContentError(rel, _("this is a symbolic link; links are never "
                                                 "followed or published — replace it with the file "
                                                 "itself, or delete it")))
        elif entry.is_dir():
            folders.append(entry)
        else:
            yield below + entry.name, Path(entry.path)
    for folder in folders:
        yield from walk(Path(folder.path), project, found, f"{below}{folder.name}/")


def too_big(path: Path, rel: str, limit: int = MAX_TEXT_BYTES) -> ContentError | None:
    size = path.stat().st_size
    if size <= limit:
        return None
    # `{size:,}` in English (2,001 KB); the catalogues write the number plainly, since a comma
    # in Kazakh and Russian numbers is the decimal one.
    return ContentError(rel, _("the file is {size:,} KB; at most {limit:,} KB are allowed — {fix}",
                               size=-(-size // 1000), limit=limit // 1000,
                               fix=_("make the picture smaller (e.g. 1600 pixels wide)")
                               if limit == MAX_IMAGE_BYTES else _("split it into several files")))


def check(project: Path, data_dir: Path, docs_dir: Path) -> Found:
    """Every file of `data/` and `docs/` checked; `docs/`' pages and images sorted out."""
    found = Found()
    for _data_file in walk(data_dir, project, found):
        pass  # data files are read (and refused) by the loader; only links matter here
    urls: dict[str, str] = {}
    for rel, path in walk(docs_dir, project, found):
        where = shown(path.relative_to(project).as_posix())
        if rel.startswith("statements/") and rel.endswith(".md") and rel.count("/") == 1:
            continue  # statements are read by the loader, with their metadata
        problem = _problem(rel, path, where)
        if problem:
            found.problems.append(ContentError(where, problem))
        elif rel.endswith(".md"):
            base, lang = paths.split_lang(rel)
            url = paths.url(base, lang)
            if url in urls:
                found.problems.append(ContentError(where, _("this page has the same address as "
                                                     "{other} — rename one of them", other=urls[url])))
            urls[url] = where
            found.pages[rel] = path
        else:
            found.images[rel] = path
    return found


def _problem(rel: str, path: Path, where: str) -> str:
    """Why `docs/<rel>` may not be published, or ''."""
    if not all(NAME.match(part) for part in rel.split("/")):
        return _("file and folder names in docs/ use Latin letters, digits, '-' and '_' (no spaces, "
                 "no leading dot) — rename it")
    ext = rel.rpartition(".")[2]
    if ext == "md":
        base, lang = paths.split_lang(rel)
        if not base:
            return _("a page is named <name>.kk.md or <name>.ru.md — rename it to {name}.kk.md",
                     name=rel[:-3])
        stem = base[:-3]
        if stem.split("/")[0] in paths.RESERVED_IDS or any(base.startswith(f) for f in PAGE_FOLDERS):
            return _("the site makes the page at this address itself ('{stem}' is taken) — "
                     "choose another name for the file", stem=stem)
        return ""
    if ext == "svg":
        return _("SVG pictures can carry scripts and are not published — save the picture as PNG "
                 "and link that instead")
    if ext.lower() in IMAGES and ext != ext.lower():
        return _("write the ending in lowercase: rename it to {name}", name=rel[:-len(ext)] + ext.lower())
    if ext not in IMAGES:
        return _("only Markdown pages (name.kk.md, name.ru.md) and images (.png, .jpg, .gif, .webp, "
                 ".avif) are published from docs/, not this file — {fix}",
                 fix=_(UNPUBLISHED[ext]) if ext in UNPUBLISHED else _("remove it"))
    if any(rel.startswith(f) for f in THEME_FOLDERS) or rel.split("/")[0] in LANGS:
        return _("this folder belongs to the site's theme or to another language — move the picture "
                 "to another folder, e.g. docs/images/")
    big = too_big(path, where, MAX_IMAGE_BYTES)
    if big:
        return big.message
    with path.open("rb") as file:
        head = file.read(16)
    if not IMAGES[ext](head):
        return _("this file is named .{ext} but is not a {kind} picture — export the picture "
                 "again as PNG or JPEG", ext=ext, kind=ext.upper())
    return ""
