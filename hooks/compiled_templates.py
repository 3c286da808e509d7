"""Compiled templates kept between full builds, in .cache/templates (beside .cache/pictures).

Every `mkdocs build` compiles the ~60 templates its pages use (Material's and ours), 0.2 s
of the build's one-process start, and the build's worker process (hooks/parallel.py)
compiles again those first used after it is forked. Jinja's own file cache of compiled
code is checked against each template's source, so an edited template is compiled
afresh. The preview keeps its compiled templates in memory instead (hooks/preview.py).
Each environment also lists the theme's files without walking Material's 14,000 icons,
which MkDocs would not copy anyway (careerblog_mkdocs.theme_listing): 0.05 s.
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from careerblog_mkdocs import Session, project_root
from careerblog_mkdocs.theme_listing import list_templates_without_hidden


# Priority 100: before Material's search plugin makes its Jinja environment.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not Session.serving:
        folder = os.path.join(project_root(config), ".cache", "templates")
        os.makedirs(folder, exist_ok=True)
        _keep_compiled(config.theme, jinja2.FileSystemBytecodeCache(folder))
    return config


# ---


def _keep_compiled(theme, cache: jinja2.BytecodeCache) -> None:
    """MkDocs makes a new environment for each build and each plugin that asks: give each the cache."""
    make_env = getattr(theme.get_env, "makes_env", theme.get_env)

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = cache
        env.list_templates = list_templates_without_hidden(env)
        return env

    get_env.makes_env = make_env  # type: ignore[attr-defined]
    theme.get_env = get_env
