"""One build's pictures: what pages show (views, card URLs) and the files written into the site.

Planned before the pages are written (names and sizes come from headers), made
after them: cache hits are copied, misses encoded on a fixed pool of workers.
"""

from __future__ import annotations

import os
import posixpath
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..content import Content
from ..problems import Problem
from .cache import PictureCache
from .cards import Art, CardSpec, draw_card, file_digest
from .encode import encode_picture, versions
from .plan import SUFFIX, PictureError, PicturePlan, Rendition, inspect, is_raster, plan_renditions
from .uses import check_uses, find_uses

# Two workers: the codecs release the GIL, and each runs one thread (same bytes everywhere).
WORKERS = 2
HERO_SIZES = "(min-width: 60em) 46rem, 100vw"
BODY_SIZES = "(min-width: 60em) 46rem, 100vw"
CARD_SIZES = "(min-width: 45em) 22rem, 100vw"
CARD_MIN_WIDTH = 480  # a listing card is at most ~22rem: its <img src> needs no more


@dataclass
class PictureSet:
    docs_dir: str
    site_dir: str
    cache: PictureCache
    plans: dict[str, PicturePlan] = field(default_factory=dict)  # pictures pages show, by source
    copies: dict[str, PicturePlan] = field(default_factory=dict)  # other raster files, cleaned
    cards: dict[str, tuple[CardSpec, str]] = field(default_factory=dict)  # published path -> (spec, key)
    unpublished: set[str] = field(default_factory=set)  # used only by drafts and the like: never published
    shared_cache: bool = False  # several projects use the cache (tests): never prune it
    _views: dict[tuple[str, str, int], dict] = field(default_factory=dict)
    _art_digests: dict[str, str] = field(default_factory=dict)  # SVG art read once per build

    @classmethod
    def open(cls, docs_dir: str, site_dir: str, cache_dir: str, shared_cache: bool = False) -> "PictureSet":
        return cls(docs_dir, site_dir, PictureCache(cache_dir, versions()), shared_cache=shared_cache)

    # --- planning

    def plan(self, content: Content, shown_docs: str, raster_files: list[str],
             texts: dict[str, str] | None = None) -> list[Problem]:
        """Check and plan every picture in use; ``raster_files`` are all raster files under docs/;
        ``texts``: pages' text by source, when known (``find_uses``)."""
        uses = find_uses(content, self.docs_dir, shown_docs, texts)
        pictures, problems = check_uses(uses, self.docs_dir, self.cache.known)
        published = {use.source for use in uses if use.published}
        for source, picture in pictures.items():
            self.cache.remember(os.path.join(self.docs_dir, source), picture)
            if source in published:
                self.plans[source] = plan_renditions(picture, self.cache.stamp)
            else:
                self.unpublished.add(source)
        for source in raster_files:
            if source not in self.plans and source not in self.unpublished:
                copy = self._plan_copy(source)
                if copy is not None:
                    self.copies[source] = copy
        return problems

    def _plan_copy(self, source: str) -> PicturePlan | None:
        """A raster file no page shows as a picture (a logo, an avatar, a download) is
        published at its own path, re-encoded at its own size without its metadata."""
        full = os.path.join(self.docs_dir, source)
        try:
            picture = self.cache.known(full) or inspect(full, source)
        except PictureError:
            # No page shows it, so no page line to name; unreadable, it cannot be cleaned either.
            self.unpublished.add(source)
            return None
        self.cache.remember(full, picture)
        fmt = {"WEBP": "webp", "GIF": "gif"}.get(picture.format, picture.fallback_format)
        if fmt == "jpeg" and picture.format == "PNG":
            fmt = "png"
        key = plan_renditions(picture, f"{self.cache.stamp}|copy|{fmt}").renditions[0].key
        return PicturePlan(picture, (Rendition(source, fmt, picture.width, picture.height, source, key),))

    def view(self, source: str, sizes: str = BODY_SIZES, min_width: int = 0) -> dict | None:
        """Template data for ``partials/picture.html``; paths from the site's root."""
        plan = self.plans.get(source)
        if plan is None:
            return None
        cached = self._views.get((source, sizes, min_width))
        if cached is not None:
            return cached
        picture = plan.picture
        fallback = plan.picture.fallback_format
        view = {
            "width": picture.width,
            "height": picture.height,
            "sizes": sizes,
            "src": (plan.smallest_filling(min_width) if min_width else plan.fallback).path,
            "srcset": [(r.path, r.width) for r in plan.of_format(fallback)],
            "type": plan.fallback.mime,
            "sources": [
                {"type": rs[0].mime, "srcset": [(r.path, r.width) for r in rs]}
                for rs in (plan.of_format("avif"), plan.of_format("webp")) if rs
            ],
        }
        self._views[(source, sizes, min_width)] = view
        return view

    def card(self, spec: CardSpec) -> str:
        """The published path of the page's link-preview card."""
        key = spec.key(self.cache.stamp)
        path = spec.path(key)
        self.cards[path] = (spec, key)
        return path

    def art(self, source: str | None) -> Art | None:
        """A picture under docs/ to draw into a card (SVG or raster), with its hash."""
        if not source:
            return None
        plan = self.plans.get(source)
        full = os.path.join(self.docs_dir, source)
        if plan is not None:
            return Art(full, plan.picture.digest)
        if source.lower().endswith(".svg") or is_raster(source):
            if full not in self._art_digests:
                self._art_digests[full] = file_digest(full)
            return Art(full, self._art_digests[full])
        return None

    # --- making

    def publish(self, draw_cards: bool = True) -> list[str]:
        """Write every planned file into the site; return the problems found while decoding.

        A full build then empties the cache of what it did not use (not the preview, which
        draws no cards, and not a cache that several projects share)."""
        jobs = []
        for plan in list(self.plans.values()) + list(self.copies.values()):
            missing = [r for r in plan.renditions if not self.cache.has(r.key, SUFFIX[r.format])]
            if missing:
                jobs.append((self._encode, plan, missing))
        if draw_cards:
            for spec, key in self.cards.values():
                if not self.cache.has(key, "jpg"):
                    jobs.append((self._draw, spec, key))
        problems: list[str] = []
        with ThreadPoolExecutor(WORKERS) as pool:
            for found in pool.map(lambda job: job[0](*job[1:]), jobs):
                if found:
                    problems.append(found)
        if problems:
            return problems
        for plan in list(self.plans.values()) + list(self.copies.values()):
            for r in plan.renditions:
                self.cache.publish(r.key, SUFFIX[r.format], os.path.join(self.site_dir, r.path))
        if draw_cards:
            for path, (_, key) in self.cards.items():
                self.cache.publish(key, "jpg", os.path.join(self.site_dir, path))
        self.cache.save()
        if draw_cards and not self.shared_cache:
            keep = {r.key for plan in list(self.plans.values()) + list(self.copies.values()) for r in plan.renditions}
            self.cache.prune(keep | {key for _, key in self.cards.values()})
        return []

    def _encode(self, plan: PicturePlan, missing: list) -> str | None:
        full = os.path.join(self.docs_dir, plan.picture.source)
        try:
            made = encode_picture(full, plan, missing)
        except PictureError as error:
            return f"{plan.picture.source}: {error}"
        for rendition in missing:
            self.cache.store(rendition.key, SUFFIX[rendition.format], made[rendition.key])
        return None

    def _draw(self, spec: CardSpec, key: str) -> str | None:
        try:
            data = draw_card(spec)
        except Exception as error:  # noqa: BLE001 - libvips raises its own Error for a broken SVG
            art = ", ".join(os.path.relpath(a.full, self.docs_dir) for a in (spec.logo, spec.hero) if a)
            return f"link-preview card for '{spec.title}': cannot draw {art or 'it'} ({str(error).strip().splitlines()[0]}); check that the picture opens in a browser"
        self.cache.store(key, "jpg", data)
        return None


def card_name(url: str) -> str:
    """A readable file name for a page's card: blog/missed-interview/ -> blog-missed-interview."""
    name = posixpath.splitext(url.strip("./"))[0].replace("/", "-")
    return name or "home"
