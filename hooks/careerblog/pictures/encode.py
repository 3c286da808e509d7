"""Turning a picture into its renditions: decode once, upright, sRGB, no metadata.

Every encoder runs with one thread, so that a laptop and CI write the same
bytes (AVIF with two threads differs from AVIF with one).
"""

from __future__ import annotations

import io
import os
from importlib import metadata
import warnings

from PIL import Image, ImageCms, ImageOps, ImageSequence, features

from .plan import PicturePlan, PictureError, Rendition

FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")
# libvips (used for SVG heroes in cards) reads these when it loads: one worker thread, and
# only the vendored font for SVG text; a system without fonts would otherwise draw squares.
os.environ["VIPS_CONCURRENCY"] = "1"
os.environ["FONTCONFIG_FILE"] = os.path.join(FONTS, "fonts.conf")

# Quality settings chosen for photos at phone sizes: AVIF speed 8 costs a ninth of speed 6
# for files some 10 % larger; WebP method 4 is libwebp's default trade.
SETTINGS = {
    "avif": {"quality": 60, "speed": 8, "max_threads": 1, "subsampling": "4:2:0"},
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
    "png": {"optimize": False, "compress_level": 9},
    "gif": {"optimize": False},
}
_PIL_FORMAT = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG", "png": "PNG", "gif": "GIF"}
_SRGB = ImageCms.createProfile("sRGB")


def versions() -> str:
    """The codec and library versions whose output the cache may reuse."""
    parts = [f"Pillow {Image.__version__}"]
    for name in ("jpg", "libjpeg_turbo", "webp", "avif", "zlib", "freetype2"):
        parts.append(f"{name} {features.version(name)}")
    # libvips and librsvg (SVG art in cards) come in the pyvips-binary wheel; its version names
    # them without loading the library.
    parts.append(f"pyvips-binary {_distribution_version('pyvips-binary')}")
    return ", ".join(parts)


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def encode_picture(full: str, plan: PicturePlan, wanted: list[Rendition]) -> dict[str, bytes]:
    """Encode the ``wanted`` renditions of the picture at ``full``: rendition key -> bytes."""
    try:
        if plan.picture.animated:
            return {r.key: _encode_animation(full, r) for r in wanted}
        image = load_upright(full, max(r.width for r in wanted))
        return {r.key: _encode_still(image, r) for r in wanted}
    except PictureError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise PictureError(f"'{os.path.basename(full)}' is damaged ({error}); export it again") from None


def load_upright(full: str, largest: int) -> Image.Image:
    """Decode the picture, upright and in sRGB, at no less than ``largest`` pixels across.

    JPEGs decode at a reduced scale when that is still large enough (``draft``): a
    4000-pixel photo for a 1440 rendition decodes at 2000, four times less work.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(full) as image:
            sideways = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            upright_width = image.height if sideways else image.width
            if image.format == "JPEG" and largest < upright_width:
                scale = largest / upright_width
                image.draft(None, (max(1, int(image.width * scale)), max(1, int(image.height * scale))))
            image.load()
            icc = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
    return to_srgb(upright, icc)


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Colours in sRGB, the only space every browser assumes; transparency kept."""
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    if image.mode == "P":
        converted = image.convert("RGBA")
        alpha = converted.getchannel("A") if "transparency" in image.info else None
        image = converted
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            base = image.convert("CMYK" if image.mode == "CMYK" else "RGB")
            image = ImageCms.profileToProfile(base, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            image = image.convert("RGB")  # a broken profile: the numbers as they are
    else:
        image = image.convert("RGB")
    if alpha is not None:
        image.putalpha(alpha)
    image.info = {}
    return image


def _encode_still(image: Image.Image, rendition: Rendition) -> bytes:
    resized = image if image.width == rendition.width else image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    if rendition.format == "jpeg" and resized.mode != "RGB":
        resized = resized.convert("RGB")
    resized.info = {}  # no EXIF, XMP, ICC or comment reaches the site
    out = io.BytesIO()
    resized.save(out, _PIL_FORMAT[rendition.format], **SETTINGS[rendition.format])
    return out.getvalue()


def _encode_animation(full: str, rendition: Rendition) -> bytes:
    """Every frame, with its duration, and nothing else from the original file."""
    with Image.open(full) as image:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            converted = frame.convert("RGBA")
            converted.info = {}  # a GIF's comment and application blocks stay behind
            frames.append(converted)
        loop = image.info.get("loop", 0)
    out = io.BytesIO()
    options = dict(SETTINGS[rendition.format], save_all=True, append_images=frames[1:], duration=durations, loop=loop)
    if rendition.format == "webp":
        options.update(lossless=False)
    frames[0].save(out, _PIL_FORMAT[rendition.format], **options)
    return out.getvalue()
