"""What a picture is and what will be made of it, from its header alone.

``inspect`` reads a file's header (format, size, EXIF orientation, frames)
without decoding its pixels, and refuses what the build cannot publish: a
missing file, a file that is not a picture, HEIC, or a header that claims
more than the limits (a decompression bomb claims 20000x20000 in 48 KB).
``plan_renditions`` then names every file the picture becomes, before any
encoding, so that pages can be written while the encoders work.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import warnings
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError

RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
# Formats a phone or an editor's tool may hand over that browsers cannot all show.
FOREIGN_SUFFIXES = {
    ".heic": "HEIC", ".heif": "HEIC", ".avif": "AVIF", ".tif": "TIFF", ".tiff": "TIFF",
    ".bmp": "BMP", ".psd": "Photoshop", ".raw": "camera RAW", ".dng": "camera RAW", ".cr2": "camera RAW",
}
PUBLISHED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
MAX_PIXELS = 50_000_000  # 50 megapixels: more than any phone camera writes
MAX_BYTES = 25 * 1024 * 1024  # 25 MB
WIDTHS = (480, 960, 1440)  # rendition widths, never more than the picture has
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
SUFFIX = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "gif": "gif"}
# Bumped by hand whenever the recipe below changes what the encoders are told.
PIPELINE_VERSION = "1"

# Pillow's own bomb guard raises at 2x its warning limit; ours (MAX_PIXELS, read from the
# header) speaks first, and Pillow's stays as a backstop far above it.
Image.MAX_IMAGE_PIXELS = 10 * MAX_PIXELS


class PictureError(Exception):
    """A picture the build cannot publish; the message says what to do."""


@dataclass(frozen=True)
class Picture:
    """A raster picture under docs/, as its header describes it."""

    source: str  # path under docs/
    format: str  # Pillow's name: JPEG, PNG, WEBP or GIF
    width: int  # after EXIF rotation
    height: int
    digest: str  # sha256 of the file's bytes
    animated: bool = False
    alpha: bool = False
    orientation: int = 1  # EXIF orientation, 1 = upright

    @property
    def fallback_format(self) -> str:
        """What browsers without AVIF and WebP get: PNG keeps transparency, GIF keeps animation."""
        if self.animated:
            return "gif"
        return "png" if self.alpha else "jpeg"


@dataclass(frozen=True)
class Rendition:
    source: str  # the picture's path under docs/
    format: str  # avif, webp, jpeg, png or gif
    width: int
    height: int
    path: str  # where it is published, relative to the site's root
    key: str  # cache key: source bytes, recipe, library versions

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class PicturePlan:
    picture: Picture
    renditions: tuple[Rendition, ...] = field(default=())

    def of_format(self, fmt: str) -> list[Rendition]:
        return [r for r in self.renditions if r.format == fmt]

    @property
    def fallback(self) -> Rendition:
        """The largest rendition in the fallback format: the <img src>."""
        return self.of_format(self.picture.fallback_format)[-1]

    def smallest_filling(self, css_pixels: int) -> Rendition:
        """The smallest fallback rendition at least ``css_pixels`` wide (or the largest)."""
        found = [r for r in self.of_format(self.picture.fallback_format) if r.width >= css_pixels]
        return found[0] if found else self.fallback


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER_SUFFIXES)


def is_foreign(path: str) -> bool:
    return os.path.splitext(path.lower())[1] in FOREIGN_SUFFIXES


def inspect(full: str, source: str, digest: str | None = None) -> Picture:
    """Read the header of the picture at ``full``; raise PictureError when it cannot be published."""
    name = posixpath.basename(source)
    kind = FOREIGN_SUFFIXES.get(os.path.splitext(name.lower())[1])
    if kind:
        raise PictureError(
            f"'{name}' is a {kind} file, which not every browser can show; "
            "export it as JPEG (photos) or PNG (drawings and screenshots)"
            + (" (on an iPhone: Settings > Camera > Formats > Most Compatible)" if kind == "HEIC" else "")
        )
    try:
        size = os.stat(full).st_size
    except FileNotFoundError:
        raise PictureError(f"'{name}' is not there; check the file name and the folder (paths are relative to this file)") from None
    if size > MAX_BYTES:
        raise PictureError(
            f"'{name}' is {size / 1024 / 1024:.1f} MB, over the limit of {MAX_BYTES // 1024 // 1024} MB; "
            "export it again smaller (a photo needs no more than 4000 pixels across)"
        )
    with open(full, "rb") as handle:
        head = handle.read(32)
        if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            raise PictureError(f"'{name}' is a HEIC picture named like another format; export it as JPEG")
        handle.seek(0)
        data = handle.read() if digest is None else b""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's bomb warning; our own limit speaks below
            with Image.open(full) as image:
                picture = _describe(image, source, name, digest or hashlib.sha256(data).hexdigest())
                _decode_small(image)
                return picture
    except PictureError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, Image.DecompressionBombError):
            raise PictureError(_too_large(name, error)) from None
        raise PictureError(f"'{name}' cannot be read: {_reason(error)}; export it again as JPEG or PNG") from None


def _describe(image: Image.Image, source: str, name: str, digest: str) -> Picture:
    fmt = image.format or ""
    if fmt not in PUBLISHED_FORMATS:
        raise PictureError(f"'{name}' is a {fmt or 'unknown'} picture; export it as JPEG (photos) or PNG (drawings and screenshots)")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PictureError(
            f"'{name}' is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels), over the limit of "
            f"{MAX_PIXELS // 1_000_000} megapixels; resize it (4000 pixels across is plenty)"
        )
    orientation = 1
    if fmt in ("JPEG", "WEBP", "PNG"):
        orientation = int(image.getexif().get(0x0112, 1) or 1)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    animated = fmt == "GIF" and getattr(image, "n_frames", 1) > 1
    return Picture(source, fmt, width, height, digest, animated, alpha and not animated, orientation)


def _decode_small(image: Image.Image) -> None:
    """Decode the pixels (a JPEG at an eighth of its size, which is quick) to find a damaged file
    now, with its page and line, rather than half-way through the encoders."""
    if image.format == "JPEG":
        image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
    image.load()


def _too_large(name: str, error: Exception) -> str:
    return f"'{name}' claims more than {MAX_PIXELS // 1_000_000} megapixels ({error}); resize it (4000 pixels across is plenty)"


def _reason(error: Exception) -> str:
    text = str(error).split(" - ")[0].strip() or type(error).__name__
    if isinstance(error, UnidentifiedImageError):
        return "its bytes are not JPEG, PNG, WebP or GIF"
    if "truncated" in text or "broken" in text or "EOF" in text:
        return "the file is cut short or damaged"
    return text.replace(os.sep, "/").split("/")[-1] if "/" in text else text


def rendition_widths(width: int) -> list[int]:
    """The widths to make: each of WIDTHS below the picture's, and its own up to the largest."""
    widths = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths


def plan_renditions(picture: Picture, stamp: str) -> PicturePlan:
    """Every file ``picture`` becomes; ``stamp`` names the library versions (encode.versions)."""
    stem = posixpath.splitext(picture.source)[0]
    renditions = []
    formats = ["webp", picture.fallback_format] if picture.animated else ["avif", "webp", picture.fallback_format]
    # An animated GIF keeps one size: re-sampling every frame at three widths costs more than it saves.
    widths = [picture.width] if picture.animated else rendition_widths(picture.width)
    for fmt in formats:
        for width in widths:
            height = max(1, round(picture.height * width / picture.width))
            key = hashlib.sha256(f"{PIPELINE_VERSION}|{stamp}|{picture.digest}|{fmt}|{width}x{height}".encode()).hexdigest()
            path = f"{stem}-{width}w.{key[:10]}.{SUFFIX[fmt]}"
            renditions.append(Rendition(picture.source, fmt, width, height, path, key))
    return PicturePlan(picture, tuple(renditions))
