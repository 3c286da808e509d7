"""The page plan holds for what MkDocs builds: the same pages, one file per destination.

The plan itself (which files are pages, their URLs, clashes on any date, symbolic links)
is applied when content is loaded in on_config, by the loader `blog check` uses too. This
hook runs last, once posts are moved and generated pages added, and only verifies that
MkDocs' own file list agrees with that plan.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from careerblog.pages import BuiltFile, check_build
from careerblog.problems import ContentError
from careerblog_mkdocs import project_root, state_of


# Priority -100: last, once posts have their /blog/<slug>/ URLs and listings exist.
@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = project_root(config)
    built = [
        BuiltFile(f.src_uri, f.dest_uri, f.generated_by is not None, f.is_documentation_page())
        for f in files if f.inclusion.is_included()  # generated pages are still UNDEFINED, which counts as included
    ]
    shown_docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    shown_config = os.path.relpath(config.config_file_path, root).replace(os.sep, "/")
    problems = check_build(built, state_of(config).content.sources, shown_config, shown_docs)
    if problems:
        raise PluginError(ContentError(problems).render())
    return files
