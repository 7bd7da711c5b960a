"""The one allowlist of the HTML that content may produce, applied by nh3 (the Rust `ammonia`
sanitizer, which parses HTML as browsers do — html5ever — rather than as a checker guesses).

The build passes every page's content HTML through `clean` (the MkDocs plugin's on_page_content);
`make validate` calls `changes` (through `markup.render`, which renders each text once), which
names every place where `clean` would change what an editor wrote, so editors learn instead of seeing their text altered silently. Both use the same
`Cleaner`. Engine-free: nothing here imports MkDocs.

The allowlist keeps all that our generated Markdown (render.py) and Material's Markdown
extensions (admonitions, tables, attr_list, md_in_html, emoji icons) produce; what it drops:
scripts, event handlers, `style`, comments, forms, frames, raw-text elements, URLs other than
http(s)/mailto/tel, images from other hosts, and ids the theme relies on.
"""
from __future__ import annotations

import functools
import re
from html import unescape
from html.parser import HTMLParser

import nh3

from ..messages import _

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
    # Material's emoji/icon shortcodes (:material-rss:) render as inline SVG: shapes only.
    "svg", "path",
})
# Dropped with everything inside: their content is code, or raw text a browser reads
# differently from a checker (the old checker's blind spot).
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "noscript", "title", "textarea", "xmp", "iframe", "noembed", "noframes",
    "plaintext", "template", "object", "embed", "applet", "select", "math", "frameset", "frame",
})
ATTRIBUTES = {
    "*": {"id", "class", "lang", "title", "aria-hidden", "aria-label"},
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    # The members directory's words for its filter (members-filter.js reads them as text only,
    # with textContent: whatever they hold, they stay words).
    "div": {"data-filter", "data-filter-type", "data-filter-all", "data-filter-none"},
    "details": {"open"},
    "svg": {"xmlns", "viewBox"},
    "path": {"d"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The classes our styles and Material's give meaning to: what render.py emits, admonition
# kinds, Material's buttons, cards and icon sizes. Anything else could borrow the theme's
# layout classes (overlays, dialogs) to cover the page.
CLASSES = frozenset({
    "admonition", "admonition-title", "note", "abstract", "info", "tip", "success", "question",
    "warning", "failure", "danger", "bug", "example", "quote", "inline", "end",
    "md-button", "md-button--primary", "grid", "cards", "lg", "middle", "twemoji",
})
OUR_CLASS_PREFIX = "ms-"
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _outside(url: str) -> bool:
    """An address on another host (or one a browser may read so: `//x`, `/\\x`, `https:x`)."""
    squeezed = re.sub(r"[\s\x00-\x1f]", "", url)
    return bool(_SCHEME.match(squeezed)) or squeezed.startswith(("//", "/\\", "\\"))


def site_path(url) -> str:
    """`url` if it is an address on this site (relative or root-relative), else ''."""
    return url if isinstance(url, str) and url and not _outside(url) else ""


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "src" and _outside(value):
        return None  # only the site's own images: an outside one tells its host who reads
    if attribute == "id" and value.startswith("__"):
        return None  # Material's own elements (__drawer, __search, __config)
    if attribute == "class":
        kept = [c for c in value.split() if c in CLASSES or c.startswith(OUR_CLASS_PREFIX)]
        return " ".join(kept) or None
    return value


@functools.lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                       attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                       attribute_filter=_filter, strip_comments=True, link_rel=None,
                       url_schemes=set(URL_SCHEMES))


def clean(html: str) -> str:
    """Content HTML as the browser may get it."""
    return _cleaner().clean(html)


def text(html_text: str) -> str:
    """HTML reduced to its text, still escaped (for a title made from a rendered heading)."""
    return nh3.clean(html_text, tags=set(), strip_comments=True)


# -- what sanitizing would change, for editors ---------------------------------------------------

# Every word before a colon (tried at word starts only: the text is long).
_SCHEMES = re.compile(r"(?<![A-Za-z0-9+.\-])([A-Za-z][A-Za-z0-9+.\-]*):")


def _as_parsed(html: str) -> str:
    """The same HTML parsed and written back by the same parser as `clean`, with nothing
    removed: comparing the two shows exactly what sanitizing drops."""
    tags = {t.lower() for t in re.findall(r"<([A-Za-z][A-Za-z0-9-]*)", html)}
    # Schemes as a URL parser reads them: entities decoded, tabs and newlines dropped.
    squeezed = re.sub(r"[\s\x00-\x1f]", "", unescape(html))
    schemes = {s.lower() for s in _SCHEMES.findall(squeezed)}
    return nh3.clean(html, tags=tags | set(TAGS), clean_content_tags=set(),
                     generic_attribute_prefixes={""}, strip_comments=False, link_rel=None,
                     url_schemes=schemes | set(URL_SCHEMES))


class _Tokens(HTMLParser):
    """Start tags and comments of serialized (well-formed) HTML, in order; nothing from inside
    an element that `clean` drops with its content (that element is the change to report)."""

    # What the serializer writes as raw text (as browsers parse it): not markup to report.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "xmp", "iframe", "noembed", "noframes",
                              "plaintext", "noscript")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self.dropped = 0  # depth inside elements dropped with their content
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if not self.dropped:
            self.tokens.append(("tag", tag, tuple(attrs)))
        if tag in DROPPED_WITH_CONTENT and tag not in ("embed", "frame"):  # those are void
            self.dropped += 1

    def handle_startendtag(self, tag, attrs):
        if not self.dropped:
            self.tokens.append(("tag", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT and self.dropped:
            self.dropped -= 1

    def handle_comment(self, data):
        if not self.dropped:
            self.tokens.append(("comment", data, ()))


def _tag_message(tag: str) -> str:
    return _("<{tag}> is not allowed in content and is removed from the page — delete it (pages "
             "may show text, headings, lists, tables, links and the site's own images)", tag=tag)


def _attribute_messages(tag: str, before: dict, after: dict) -> list[tuple[str, str]]:
    found = []
    for name, value in before.items():
        value = value or ""
        if after.get(name) == value:
            continue
        if name.startswith("on"):
            found.append((name, _("the attribute '{name}=' runs code and is removed — delete it", name=name)))
        elif name == "style":
            found.append(("style", _("the attribute 'style=' is removed (it can cover or hide parts of "
                                     "the page) — delete it; the site's own styles apply")))
        elif name == "class" and name in after:
            for c in set(value.split()) - set(after[name].split()):
                found.append((c, _("the class '{name}' is not one of the site's styles and is removed — "
                                   "delete it", name=c)))
        elif name == "class":
            found.append((value.split()[0] if value.split() else "class",
                          _("the class '{name}' is not one of the site's styles and is removed — "
                            "delete it", name=value)))
        elif name == "src" and tag == "img":
            found.append((value[:30], _("the image '{url}' is not on this site: every reader's "
                                        "browser would call its host — put the image in docs/assets/ and "
                                        "give its path", url=value[:60])))
        elif name in ("href", "src"):
            found.append((value[:30], _("the link '{url}' is removed — only https:, http:, "
                                        "mailto: and tel: links and the site's own pages are allowed",
                                        url=value[:60])))
        elif name == "id":
            found.append((value, _("the id '{id}' belongs to the theme and is removed — choose "
                                   "another id", id=value)))
        else:
            found.append((name, _("the attribute '{name}=' on <{tag}> is not allowed and is "
                                  "removed — delete it", name=name, tag=tag)))
    return found


def changes(html: str) -> list[tuple[str, str]]:
    """(what to look for in the source, message) for every change `clean` makes to `html`."""
    return report(html)[1]


def report(html: str) -> tuple[str, list[tuple[str, str]]]:
    """`clean(html)`, and `changes(html)` found from it: one sanitizing pass gives both."""
    parsed, cleaned = _as_parsed(html), clean(html)
    if parsed == cleaned:  # the usual case: nothing removed (and no need to look closer)
        return cleaned, []
    before, after = _Tokens(parsed).tokens, _Tokens(cleaned).tokens
    found: list[tuple[str, str]] = []
    # Sanitizing removes comments and elements whose names it never keeps, and changes
    # attributes: the elements left are those of `before`, in order, minus the removed ones.
    j = 0
    for kind, name, attrs in before:
        if kind == "comment":
            found.append(("<!--", _("an HTML comment (<!-- … -->) is removed from the page — "
                                    "delete it; notes for other editors belong in the pull request")))
        elif j < len(after) and after[j][1] == name:
            if after[j][2] != attrs:
                found += _attribute_messages(name, dict(attrs), dict(after[j][2]))
            j += 1
        else:
            found.append((f"<{name}", _tag_message(name)))
    return cleaned, found
