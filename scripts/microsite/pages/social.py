"""Share images (Open Graph): one PNG per page and language, drawn at build time with Pillow.

Offline and reproducible: the fonts are files on the machine (Debian's fonts-dejavu-core, which
covers Kazakh letters: ә ғ қ ң ө ұ ү һ і), nothing is downloaded, and the PNG carries no
timestamp or metadata, so the same texts give the same bytes. Drawn images are kept in a cache
folder keyed by their texts: a rebuild draws only what changed.
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import ContentError
from ..messages import _
from . import output

SIZE = (1200, 630)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
BACKGROUND = (46, 58, 140)  # the favicon's colour (overrides/assets/images/favicon.svg)
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"


@dataclass(frozen=True)
class Card:
    """What a page's share image says, in the page's language."""
    title: str
    kicker: str = ""     # the coalition's or the network's name
    date: str = ""       # already in the language's form
    accent: str = ""     # #rrggbb, else the site's colour


FOLDER = "assets/social"  # below the site's root (and the staged `shared/` tree): finish places it


def image_path(source: str, lang: str) -> str:
    """``coalitions/kgi/index.md`` in kk → ``assets/social/kk/coalitions/kgi/index.png``."""
    return f"{FOLDER}/{lang}/{source.removesuffix('.md')}.png"


@functools.cache  # one font object per size: Pillow's font calls hold the interpreter lock
def _font(kind: str, size: int, font_dir: Path):
    from PIL import ImageFont
    path = font_dir / FONTS[kind]
    if not path.is_file():
        raise ContentError(str(path), _("the font for share images is missing — install Debian's "
                                        "fonts-dejavu-core (`make site` does it)"))
    return ImageFont.truetype(str(path), size)


def _lines(draw, text: str, font, width: int, most: int) -> list[str]:
    """Words wrapped to the width in pixels, at most `most` lines (the last one cut with «…»)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + " …"
    return lines


# The card is drawn in shades of one ink on the background: an 8-bit image whose value is how
# much white covers the background, shown through a palette from the background to white. A
# palette PNG is a third of the bytes of an RGB one to compress: 6 against 15 ms a card, 21
# against 45 KB (measured on a statement's card), and a clean clone draws one per page and
# language. The kicker and the date are a lighter shade of the same ink.
WHITE, LIGHT = 255, 215


def palette(background: tuple[int, int, int]) -> list[int]:
    """Value v of the drawing → the background mixed with v/255 of white."""
    return [round(b + (255 - b) * v / 255) for v in range(256) for b in background]


def draw(card: Card, font_dir: Path = FONT_DIR) -> bytes:
    from PIL import Image, ImageDraw
    colour = tuple(int(card.accent[i:i + 2], 16) for i in (1, 3, 5)) if card.accent else BACKGROUND
    image = Image.new("L", SIZE, 0)
    pen = ImageDraw.Draw(image)
    margin = 80
    # The site's mark: three joined circles, as in the logo.
    for cx, cy in ((margin + 17, 75), (margin + 41, 75), (margin + 29, 95)):
        pen.ellipse((cx - 17, cy - 17, cx + 17, cy + 17), outline=WHITE, width=5)
    kicker = _font("bold", 30, font_dir)
    for i, line in enumerate(_lines(pen, card.kicker, kicker, SIZE[0] - 2 * margin - 80, 2)):
        pen.text((margin + 80, 55 + i * 38), line, font=kicker, fill=LIGHT)
    size = 64 if len(card.title) < 90 else 52
    title = _font("bold", size, font_dir)
    lines = _lines(pen, card.title, title, SIZE[0] - 2 * margin, 5 if size == 52 else 4)
    y = 170
    for line in lines:
        pen.text((margin, y), line, font=title, fill=WHITE)
        y += int(size * 1.22)
    if card.date:
        pen.text((margin, SIZE[1] - 90), card.date, font=_font("regular", 34, font_dir), fill=LIGHT)
    image.putpalette(palette(colour), "RGB")  # now a palette image
    out = io.BytesIO()
    # No text chunks, no time: the same bytes each time. zlib's default level, not `optimize`
    # (three times slower for 5% fewer bytes).
    image.save(out, format="PNG")
    return out.getvalue()


def _tools_digest(font_dir: Path) -> bytes:
    """What the drawing depends on besides the texts: the fonts, this code, Pillow's version."""
    import PIL
    digest = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode())
    for name in sorted(FONTS.values()):
        font = font_dir / name
        digest.update(font.read_bytes() if font.is_file() else b"")
    return digest.digest()


def images(cards: dict[str, Card], cache: Path, font_dir: Path = FONT_DIR) -> dict[str, Path]:
    """{image path: its file in the cache} for every card, drawn if not there yet. The cache's
    files are named by the texts and the tools: the same name is the same bytes, so a preview
    compares names, not thousands of images."""
    cache.mkdir(parents=True, exist_ok=True)
    tools = _tools_digest(font_dir)
    out, missing = {}, {}
    for path, card in cards.items():
        texts = json.dumps(card.__dict__, ensure_ascii=False, sort_keys=True).encode()
        out[path] = cached = cache / f"{hashlib.sha256(tools + texts).hexdigest()}.png"
        if not cached.is_file():
            missing[cached] = card
    # Threads, not processes: Pillow lets go of the interpreter while it compresses (most of a
    # card's time), so a clean clone's thousands of cards take every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for cached, png in zip(missing, pool.map(lambda card: draw(card, font_dir), missing.values()), strict=True):
            output.write_whole(cached, png)  # the name promises these bytes
    return out


def card(meta: dict, kicker: str = "", accent: str = "") -> Card:
    """A generated page's card, from the front matter render.py wrote for it."""
    return Card(title=" ".join(meta["title"].split()), kicker=kicker, date=meta.get("og_date", ""),
                accent=accent)

