"""Post cards rendered once per card for the whole build, their links made relative to each
page that shows them (careerblog_mkdocs.card_cache says how, and what the key holds).

A card shows some nine times a build (blog, archive, tag and author pages, related posts);
rendering partials/post-card.html and its hashtags and picture partials for each was the
largest part of the listing pages' templates. The output is the same bytes:
tests/test_serial_build.py compares the site with the serial build's, which renders every
card in full, and tests/test_card_cache.py varies each input of the key.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from careerblog_mkdocs import Session, serial_build
from careerblog_mkdocs.card_cache import keep_rendered


# Priority -120: last, with the environment every page is rendered with, before the worker forks.
@event_priority(-120)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    # The serial build is the reference (every card in full); the preview's cards change between rebuilds.
    if not serial_build() and not Session.serving:
        keep_rendered(env)
    return env
