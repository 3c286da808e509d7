"""Pictures made on the spot for tests, the seed and the benchmarks: nothing is downloaded.

``render_scene`` draws a photo-like scene (a window-lit interview room: sky,
city, desk, laptop, soft focus and sensor grain) so that encoders meet what a
phone photo gives them. The other makers build the awkward cases a real editor
brings: a portrait stored sideways with a GPS position, CMYK, transparency,
animation, a decompression bomb, a damaged file.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def render_scene(width: int, height: int, seed: int = 7) -> Image.Image:
    """A photo-like RGB scene, the same for the same arguments."""
    rng = random.Random(seed)
    w, h = 600, round(600 * height / width)
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    horizon = int(h * 0.55)
    for y in range(h):  # sky to warm haze, then a floor in shadow
        t = y / max(1, horizon)
        color = (int(120 + 110 * t), int(165 + 60 * t), int(225 - 40 * t)) if y < horizon else (92 - (y - horizon) // 6, 74 - (y - horizon) // 8, 60)
        draw.line([(0, y), (w, y)], fill=color)
    for _ in range(26):  # the city through the window
        bw, bh = rng.randint(20, 60), rng.randint(60, horizon - 20)
        x = rng.randint(-20, w)
        shade = rng.randint(70, 120)
        draw.rectangle([x, horizon - bh, x + bw, horizon], fill=(shade, shade + 8, shade + 20))
        for wy in range(horizon - bh + 6, horizon - 6, 9):
            for wx in range(x + 4, x + bw - 4, 8):
                if rng.random() < 0.4:
                    draw.rectangle([wx, wy, wx + 3, wy + 4], fill=(250, 226, 160))
    image = image.filter(ImageFilter.GaussianBlur(2.2))  # the background out of focus
    draw = ImageDraw.Draw(image)
    frame = (58, 44, 36)
    for x in (0, w // 3, 2 * w // 3, w - 8):  # window frame
        draw.rectangle([x, 0, x + 8, horizon + 10], fill=frame)
    draw.rectangle([0, horizon + 4, w, horizon + 14], fill=frame)
    desk_top = int(h * 0.72)
    draw.polygon([(0, desk_top), (w, desk_top - 12), (w, h), (0, h)], fill=(142, 98, 62))
    for i in range(0, w, 7):  # wood grain
        draw.line([(i, desk_top), (i + rng.randint(-30, 30), h)], fill=(132 + rng.randint(-8, 8), 90, 56), width=2)
    lx, ly = int(w * 0.38), desk_top - int(h * 0.2)
    draw.polygon([(lx, ly), (lx + int(w * 0.28), ly - 6), (lx + int(w * 0.28), desk_top - 10), (lx, desk_top - 4)], fill=(48, 52, 60))
    draw.polygon([(lx + 6, ly + 6), (lx + int(w * 0.28) - 6, ly), (lx + int(w * 0.28) - 6, desk_top - 16), (lx + 6, desk_top - 10)], fill=(176, 206, 232))
    draw.polygon([(lx - 20, desk_top - 4), (lx + int(w * 0.28) + 10, desk_top - 10), (lx + int(w * 0.3) + 20, desk_top + 14), (lx - 34, desk_top + 20)], fill=(70, 74, 82))
    cx = int(w * 0.78)
    draw.rectangle([cx, desk_top - 46, cx + 30, desk_top - 6], fill=(236, 236, 230))  # a mug
    draw.ellipse([cx + 24, desk_top - 38, cx + 42, desk_top - 18], outline=(236, 236, 230), width=5)
    draw.rectangle([int(w * 0.1), desk_top - 8, int(w * 0.26), desk_top], fill=(245, 245, 240))  # papers
    big = image.resize((width, height), Image.Resampling.BICUBIC)
    glow = Image.new("L", (width, height), 0)
    ImageDraw.Draw(glow).ellipse([-width // 3, -height // 2, width // 2, height // 2], fill=90)
    big = Image.composite(Image.new("RGB", (width, height), (255, 236, 200)), big, glow.filter(ImageFilter.GaussianBlur(width // 12)))
    grain = Image.effect_noise((width, height), 10).convert("RGB")  # sensor grain, as cameras have
    return Image.blend(big, grain, 0.06)


def exif_with(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        # 39°17'N 76°36'W: Baltimore, where a phone would have written it.
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 17.0, 0.0), 3: "W", 4: (76.0, 36.0, 0.0)})
    return exif


def sideways_portrait(path: Path, long_side: int = 1600) -> Path:
    """A portrait photo stored as landscape pixels with EXIF orientation 6, and a GPS position."""
    portrait = render_scene(long_side * 3 // 4, long_side)
    stored = portrait.transpose(Image.Transpose.ROTATE_90)  # what the sensor wrote
    stored.save(path, "JPEG", quality=85, exif=exif_with(orientation=6, gps=True))
    return path


def photo(path: Path, width: int = 1600, height: int = 1200, **exif) -> Path:
    render_scene(width, height).save(path, "JPEG", quality=85, exif=exif_with(**exif))
    return path


def cmyk_jpeg(path: Path) -> Path:
    """A print-shop CMYK JPEG: left half pure red in CMYK terms (0% C, 100% M, 100% Y)."""
    image = Image.new("CMYK", (800, 500), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([0, 0, 399, 499], fill=(0, 255, 255, 0))
    image.save(path, "JPEG", quality=90)
    return path


def transparent_png(path: Path) -> Path:
    image = Image.new("RGBA", (640, 400), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([120, 40, 520, 360], fill=(31, 58, 104, 255))
    image.save(path, "PNG")
    return path


def animated_gif(path: Path, frames: int = 4) -> Path:
    images = []
    for index in range(frames):
        frame = Image.new("RGB", (320, 200), (240, 240, 240))
        ImageDraw.Draw(frame).rectangle([20 + index * 60, 60, 80 + index * 60, 140], fill=(184, 82, 10))
        images.append(frame)
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=120, loop=0, comment=b"made by a phone")
    return path


def bomb_png(path: Path, side: int = 20000) -> Path:
    """A small PNG whose header claims side x side pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\x00" * (side // 8 + 1) * 64, 9)  # a few rows; the rest is missing
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    return path


def damaged_jpeg(path: Path) -> Path:
    """A photo cut short, as an interrupted upload leaves it."""
    out = io.BytesIO()
    render_scene(800, 600).save(out, "JPEG", quality=85)
    path.write_bytes(out.getvalue()[: len(out.getvalue()) // 3])
    return path


def make_photo_project(root: Path) -> Path:
    """The real project plus a post with a phone photo as its hero (stored sideways, with
    GPS), a CMYK JPEG, a transparent PNG and an animated GIF in its body, and a post with
    a social_image."""
    from sitebuild import copy_real_project

    copy_real_project(root)
    images = root / "docs/blog/images"
    sideways_portrait(images / "first-day.jpg")
    cmyk_jpeg(images / "print-flyer.jpg")
    transparent_png(images / "badge.png")
    animated_gif(images / "steps.gif")
    photo(images / "share-me.jpg", 1400, 900, gps=True)
    # An avatar is shown as it is (40x40), not as a <picture>: published as a clean copy.
    photo(images / "authors/erin.jpg", 200, 200, gps=True)
    authors = root / "data/authors.yml"
    authors.write_text(authors.read_text().replace("blog/images/authors/erin-helms.svg", "blog/images/authors/erin.jpg"))
    (root / "docs/blog/posts/2026-11-02-first-day.md").write_text(
        "---\n"
        "title: \"Your First Day on a New Job\"\n"
        "date: 2026-11-02\n"
        "authors: [erin-helms]\n"
        "tags: [InterviewTips]\n"
        "description: \"What to bring, when to arrive and who to ask on the first day of a new job, from our recruiters.\"\n"
        "image:\n"
        "  src: ../images/first-day.jpg\n"
        "  alt: \"A desk by a window with a laptop and a mug\"\n"
        "---\n\n"
        "Arrive ten minutes early.\n\n"
        "![A flyer printed in red](../images/print-flyer.jpg)\n\n"
        "![The company badge](../images/badge.png \"Your badge\")\n\n"
        "!!! tip\n\n    ![Four steps to the front desk][steps]\n\n"  # by reference, in an admonition
        "```text\n![not an image](../images/in-code.jpg)\n```\n\n"
        "Write it as:\n\n    ![not an image either](../images/in-indented-code.jpg)\n\n"
        "[steps]: ../images/steps.gif\n",
        encoding="utf-8",
    )
    (root / "docs/blog/posts/2026-11-03-share-me.md").write_text(
        "---\n"
        "title: \"Five Questions to Ask Your Recruiter\"\n"
        "date: 2026-11-03\n"
        "authors: [erin-helms]\n"
        "tags: [InterviewTips]\n"
        "description: \"The questions that tell you most about a temp job before you take it, and how to ask them.\"\n"
        "social_image: ../images/share-me.jpg\n"
        "---\n\nAsk about the schedule first.\n",
        encoding="utf-8",
    )
    photo(images / "draft-photo.jpg", 800, 600)
    (root / "docs/blog/posts/2026-11-04-draft.md").write_text(
        "---\n"
        "title: \"A Draft With a Photo\"\n"
        "date: 2026-11-04\n"
        "draft: true\n"
        "authors: [erin-helms]\n"
        "description: \"Not ready yet: neither this post nor its photo may appear anywhere on the site.\"\n"
        "image: {src: ../images/draft-photo.jpg, alt: \"A desk seen from the door\"}\n"
        "---\n\nSoon.\n",
        encoding="utf-8",
    )
    return root
