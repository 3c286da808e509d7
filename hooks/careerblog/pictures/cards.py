"""Link-preview cards: the 1200x630 picture a page shows when it is shared.

Drawn with Pillow from the brand colours, the logo, the page's title and the
site's name, with a post's hero on the right. The font is the vendored Inter,
laid out by Pillow's BASIC engine (RAQM depends on system libraries), so every
machine draws the same pixels. A card's file name carries the hash of all it is
drawn from, so a changed card gets a new URL (platforms cache by URL for days).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .encode import FONTS, load_upright

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = "1"  # bumped by hand when the drawing below changes
MARGIN = 72
HERO_WIDTH = 480
TITLE_SIZES = range(76, 39, -4)  # the largest size at which the title fits in MAX_LINES
MAX_LINES = 3
LOGO_HEIGHT = 72
SITE_NAME_SIZE = 30
BOLD = os.path.join(FONTS, "Inter-Bold.otf")
REGULAR = os.path.join(FONTS, "Inter-Regular.otf")


@dataclass(frozen=True)
class Art:
    """A picture drawn into a card: its file and the hash of its bytes."""

    full: str
    digest: str

    @property
    def is_svg(self) -> bool:
        return self.full.lower().endswith(".svg")


@dataclass(frozen=True)
class CardSpec:
    """Everything a card is drawn from."""

    name: str  # readable part of the file name, e.g. "blog-missed-your-interview"
    title: str
    site_name: str
    color: str  # "#rrggbb", checked in data/site.yml
    accent: str
    logo: Art | None = None
    hero: Art | None = None
    photo_only: bool = False  # a post's social_image: the picture alone, filling the card

    def key(self, stamp: str) -> str:
        drawn = {
            "title": self.title, "site": self.site_name, "color": self.color, "accent": self.accent,
            "logo": self.logo.digest if self.logo else None, "hero": self.hero.digest if self.hero else None,
            "photo_only": self.photo_only, "fonts": font_digest(), "version": CARD_VERSION, "libraries": stamp,
        }
        return hashlib.sha256(json.dumps(drawn, sort_keys=True).encode()).hexdigest()

    def path(self, key: str) -> str:
        """Where the card is published, given its ``key``: a new picture, a new name."""
        return f"assets/cards/{self.name}.{key[:12]}.jpg"


@lru_cache(maxsize=1)
def font_digest() -> str:
    digest = hashlib.sha256()
    for path in (BOLD, REGULAR):
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def file_digest(full: str) -> str:
    with open(full, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def draw_card(spec: CardSpec) -> bytes:
    """The card as a JPEG (4:4:4, so that the letters stay sharp)."""
    if spec.photo_only and spec.hero:
        return _jpeg(render_art(spec.hero, WIDTH, HEIGHT))
    card = Image.new("RGB", (WIDTH, HEIGHT), spec.color)
    text_right = WIDTH - MARGIN
    if spec.hero:
        card.paste(render_art(spec.hero, HERO_WIDTH, HEIGHT), (WIDTH - HERO_WIDTH, 0))
        text_right = WIDTH - HERO_WIDTH - MARGIN // 2
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=spec.accent)
    top = MARGIN
    if spec.logo:
        logo = render_logo(spec.logo, LOGO_HEIGHT)
        card.paste(logo, (MARGIN, top), logo)
    draw_title(draw, drawable(spec.title, BOLD), MARGIN, top + LOGO_HEIGHT + 40, text_right - MARGIN, HEIGHT - 190)
    site_font = load_font(REGULAR, SITE_NAME_SIZE)
    draw.text((MARGIN, HEIGHT - MARGIN - SITE_NAME_SIZE), drawable(spec.site_name, REGULAR), font=site_font, fill="#ffffff")
    return _jpeg(card)


def _jpeg(card: Image.Image) -> bytes:
    out = io.BytesIO()
    card.save(out, "JPEG", quality=88, subsampling=0, optimize=True)
    return out.getvalue()


def draw_title(draw: ImageDraw.ImageDraw, title: str, left: int, top: int, width: int, bottom: int) -> None:
    size, lines = fit_title(title, width, bottom - top)
    font = load_font(BOLD, size)
    for index, line in enumerate(lines):
        draw.text((left, top + index * round(size * 1.18)), line, font=font, fill="#ffffff")


def fit_title(title: str, width: int, height: int) -> tuple[int, list[str]]:
    """The largest size whose wrapped lines fit ``width`` x ``height``; at the smallest, the
    first MAX_LINES lines with an ellipsis."""
    for size in TITLE_SIZES:
        lines = wrap(title, load_font(BOLD, size), width)
        if len(lines) <= MAX_LINES and len(lines) * size * 1.18 <= height:
            return size, lines
    size = TITLE_SIZES[-1]
    font = load_font(BOLD, size)
    lines = wrap(title, font, width)[:MAX_LINES]
    last = lines[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    lines[-1] = last.rstrip(" ,.;:-") + "…"
    return size, lines


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words to lines no wider than ``width``; a word wider than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def render_art(art: Art, width: int, height: int) -> Image.Image:
    """The hero, filling width x height, cropped around its centre."""
    if art.is_svg:
        return _svg(art.full, width, height, crop=True).convert("RGB")
    upright = load_upright(art.full, width * 2)
    return ImageOps.fit(upright.convert("RGB"), (width, height), Image.Resampling.LANCZOS)


def render_logo(art: Art, height: int) -> Image.Image:
    if art.is_svg:
        return _svg(art.full, height * 8, height, crop=False)
    with Image.open(art.full) as image:
        image = ImageOps.exif_transpose(image).convert("RGBA")
    image.thumbnail((height * 8, height), Image.Resampling.LANCZOS)
    return image


def _svg(full: str, width: int, height: int, crop: bool) -> Image.Image:
    import pyvips  # imported late: only SVG art needs libvips, after encode set its environment

    with open(full, "rb") as handle:
        data = handle.read()
    if crop:
        image = pyvips.Image.thumbnail_buffer(data, width, height=height, crop="centre")
    else:
        image = pyvips.Image.thumbnail_buffer(data, width, height=height)
    image = image.colourspace("srgb")
    if not image.hasalpha():
        image = image.bandjoin(255)
    return Image.frombytes("RGBA", (image.width, image.height), image.write_to_memory())


def drawable(text: str, path: str) -> str:
    """``text`` without the characters the font has no letter for (an emoji, Chinese): the
    font would draw each as an empty box. The subset covers Latin, Greek and Cyrillic."""
    kept = "".join(character for character in text if has_glyph(path, character))
    return " ".join(kept.split()) if kept != text else text


@lru_cache(maxsize=4096)
def has_glyph(path: str, character: str) -> bool:
    # Pillow cannot list a font's characters; a missing one is drawn as the font's "notdef"
    # box, the same as a character no font has (U+10FFFD is for private use).
    return character.isspace() or _mask(path, character) != _mask(path, "\U0010fffd")


@lru_cache(maxsize=4096)
def _mask(path: str, character: str) -> tuple[tuple[int, int], bytes]:
    mask = load_font(path, 40).getmask(character)
    return mask.size, bytes(mask)


@lru_cache(maxsize=32)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
