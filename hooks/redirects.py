"""Earlier URLs (``aliases``): a redirect page at each, and ``/_redirects`` for hosts that read it.

The core (careerblog.redirects) plans them from the live URLs of MkDocs' own file
list; this hook only hands that list over and writes what comes back.
"""

from __future__ import annotations

import posixpath

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from careerblog.problems import ContentError
from careerblog.schema_org import absolute
from careerblog.redirects import collect_aliases, plan_redirects, render_redirects_file, taken_by_posts
from careerblog_mkdocs import project_root, shown_path, state_of

_KEY = "career_blog_redirects"


# Priority -90: after every hook that moves posts or adds generated pages (priority 0),
# before hooks/sources.py (-100), so that a clash names the alias's file and line.
@event_priority(-90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = state_of(config).content
    root = project_root(config)
    shown_docs = posixpath.relpath(config.docs_dir, root)
    taken = taken_by_posts(content, shown_docs)
    taken.update((_live_url(file), shown_path(file, config, root)) for file in files)
    redirects, problems = plan_redirects(taken, collect_aliases(content, shown_docs))
    if problems:
        raise PluginError(ContentError(problems).render())
    config[_KEY] = redirects
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    template = env.get_template("redirect.html")
    site_url = config.site_url or "/"
    for redirect in config[_KEY]:
        folder = posixpath.dirname(redirect.dest)
        view = {
            "href": _relative(redirect.target, folder),
            "canonical": absolute(site_url, redirect.target),
            "favicon": _relative(config.theme["favicon"], folder),
            "config": config,
        }
        files.append(File.generated(config, redirect.dest, content=template.render(**view)))
    files.append(File.generated(config, "_redirects", content=render_redirects_file(config[_KEY])))
    return env


# ---


def _live_url(file: File) -> str:
    return file.url if file.is_documentation_page() else file.dest_uri


def _relative(target: str, folder: str) -> str:
    # Relative, like every link of the site, so it works under any domain or path prefix.
    href = posixpath.relpath("/" + target, "/" + folder)
    return href + "/" if target.endswith("/") or not target else href
