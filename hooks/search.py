"""Search: Pagefind indexes the finished site (site/pagefind/), read by the header's
search box (overrides/partials/search.html, assets/javascripts/search.js).

Measured at 1,000 posts (bench/search.py): Material's search downloads its whole
index, 4.5 MB, before the first result (3.1 s); Pagefind fetches 159 KB of chunks
(0.3 s). Material's search plugin stays on for /search/search_index.json, which the
contract promises to tools, but no page downloads it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_post_build(*, config: MkDocsConfig) -> None:
    # The pagefind[bin] package ships the binary, so this needs nothing but the venv.
    site_dir = os.path.abspath(config.site_dir)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent"],
        cwd=site_dir, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stderr or result.stdout}")
