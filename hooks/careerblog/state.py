"""What the hooks share during one build: the content snapshot and the pages planned from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .content import Content
from .listings import Listing

# The key under which the hooks keep the state in MkDocs' config: one object per
# build, created in on_config, so nothing leaks from one build into the next.
STATE_KEY = "career_blog"


@dataclass
class BuildState:
    content: Content
    listings: dict[str, Listing] = field(default_factory=dict)  # by generated source path
    guide_pages: dict[str, str] = field(default_factory=dict)  # generated source path -> guide id
    job_pages: dict[str, str] = field(default_factory=dict)  # generated source path -> job id ("" for /jobs/)
    # Filled in on_env, when every page's title is final: guide id -> pages that embed it.
    embedded_in: dict[str, list[dict]] = field(default_factory=dict)
