"""Material's navigation (the tabs and the sidebar's site navigation) rendered once for
all the pages that show it the same way, instead of once per page.

Material renders the whole navigation into every page (partials/tabs.html and
partials/nav.html), 0.6 ms a page, the largest part of a post's template after its
body. A page that is not in the navigation (posts, tag, author, archive and job pages:
all but a handful) gets the same navigation as any other such page, except for its
links, which MkDocs makes relative to the page. So the HTML is kept by the links it
holds as this page would write them: pages in the same folder depth share it. Pages in
the navigation, whose own entry is marked active and shows their table of contents,
render it as usual. Measured with the pages of 1,000 posts rendered again in one process
(best of 5): 0.25 ms a page less, a tenth of a post's time. The output is the same
bytes: tests/test_serial_build.py compares the site with the serial build's
(CAREERBLOG_SERIAL_BUILD=1), which renders the navigation of every page in full.

Material's settings for its scripts (base.html's ``config`` block: JSON with ten
translations, each a macro call) are the same on every page but for the base URL and the
search worker's link: rendered once per pair (tests/test_navigation_cache.py).

Material's header (partials/header.html: the logo, the site's name, the palette and the
search box, 0.18 ms a page) is the same on every page but for its link home and the page's
title: rendered once per base URL and link, the title filled in for each page
(tests/test_navigation_cache.py).
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from careerblog_mkdocs import serial_build
from careerblog_mkdocs.navigation_cache import keep_block_rendered, keep_rendered, keep_rendered_but_title

_PARTIALS = ("partials/nav.html", "partials/tabs.html")


# Priority -120: last, with the environment every page is rendered with.
@event_priority(-120)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if not serial_build():  # the serial build is the reference: it renders every page's in full
        for name in _PARTIALS:
            keep_rendered(env.get_template(name), config)
        keep_block_rendered(env.get_template("base.html"), "config")
        keep_rendered_but_title(env.get_template("partials/header.html"))
    return env
