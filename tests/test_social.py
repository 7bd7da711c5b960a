"""Share images: every page has one, in its language, drawn the same way on every build."""
from __future__ import annotations

import json
import re
import shutil
import struct

from conftest import ROOT, SITE_URL, build, copy_project, reader_pages
from microsite.content.model import LANGS
from microsite.pages import social
from microsite.pages.paths import split_lang

OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')
OG_TITLE = re.compile(r'<meta property="og:title" content="([^"]+)">')


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_every_page_has_its_share_image_in_its_language(built):
    staged = ROOT / ".build/stage"  # one plain tree per language
    checked, kazakh = 0, 0
    for path in sorted(reader_pages(built)):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(built).as_posix()
        lang = "ru" if rel.startswith("ru/") else "kk"
        match = OG_IMAGE.search(html)
        assert match, f"{rel}: no og:image"
        address = match.group(1)
        assert address.startswith(SITE_URL + f"assets/social/{lang}/"), f"{rel}: {address}"
        image = built / address[len(SITE_URL):]
        assert image.is_file(), f"{rel}: {address} is missing"
        data = image.read_bytes()
        assert png_size(data) == social.SIZE
        # The image says what the staged page's front matter says, in the page's language.
        source = image.relative_to(built / "assets/social" / lang).with_suffix(".md").as_posix()
        page = (staged / lang / source).read_text(encoding="utf-8")
        card = social.card(json.loads(page.split("\n", 2)[1]))  # render.front_matter: JSON on line 2
        assert card.title in OG_TITLE.search(html).group(1).replace("&#34;", '"').replace("&quot;", '"') \
            or card.title.replace('"', "&#34;") in html, rel
        kazakh += lang == "kk" and any(ch in card.title for ch in social.KAZAKH)
        checked += 1
    assert checked > 50 and kazakh > 5, (checked, kazakh)


def test_the_image_is_the_drawing_of_the_page_language_texts(built):
    kk = (built / "assets/social/kk/statements/kgi-declaration.png").read_bytes()
    ru = (built / "assets/social/ru/statements/kgi-declaration.png").read_bytes()
    assert kk != ru
    card = social.Card("Қазақстанның Азаматтық бастамалар коалициясының Декларациясы",
                       "АБК", "2019 жылғы 28 тамыз")
    assert social.draw(card) == kk


def test_the_card_shows_its_texts_on_the_coalition_colour():
    """Decoded, not compared with itself: the background is the coalition's colour, the title's
    letters white, the kicker's a lighter shade of it, and a longer title covers more."""
    import io

    from PIL import Image

    def pixels(card):
        image = Image.open(io.BytesIO(social.draw(card))).convert("RGB")
        assert image.size == social.SIZE
        return image

    card = social.Card("Мәлімдеме", "Коалиция", "2019 жылғы 28 тамыз", accent="#8a1c2b")
    image = pixels(card)
    assert image.getpixel((5, 5)) == (0x8A, 0x1C, 0x2B)  # a corner: the background
    title = image.crop((80, 170, 1120, 260)).getcolors(1 << 16)
    assert max(title)[1] == (0x8A, 0x1C, 0x2B) and (255, 255, 255) in {c for _n, c in title}
    kicker = {c for _n, c in image.crop((160, 55, 700, 95)).getcolors(1 << 16)}
    assert (255, 255, 255) not in kicker and any(min(c) > 200 for c in kicker)  # lighter, not white
    plain = pixels(social.Card("Мәлімдеме")).getpixel((5, 5))
    assert plain == social.BACKGROUND

    def covered(text):
        return sum(n for n, c in pixels(social.Card(text)).crop((80, 170, 1120, 630)).getcolors(1 << 16)
                   if c != social.BACKGROUND)

    assert covered("Мәлімдеме " * 6) > 3 * covered("Мәлімдеме")


def test_two_builds_draw_the_same_bytes(tmp_path):
    project = copy_project(tmp_path)
    first = build(project, project / "one", SITE_URL)
    assert first.returncode == 0, first.stderr
    shutil.rmtree(project / ".build/social")  # draw everything again, not from the cache
    second = build(project, project / "two", SITE_URL)
    assert second.returncode == 0, second.stderr
    one = sorted((project / "one/assets/social").rglob("*.png"))
    assert len(one) > 50
    for image in one:
        rel = image.relative_to(project / "one")
        assert (project / "two" / rel).read_bytes() == image.read_bytes(), rel


def test_a_missing_font_is_named_not_a_traceback(tmp_path):
    import pytest
    from microsite.content.errors import ContentError
    with pytest.raises(ContentError, match="fonts-dejavu-core"):
        social.draw(social.Card("x"), font_dir=tmp_path)


def test_image_path():
    assert social.image_path("coalitions/kgi/index.md", "ru") == "assets/social/ru/coalitions/kgi/index.png"
    assert split_lang("index.kk.md") == ("index.md", "kk") and LANGS == ("kk", "ru")
