"""The career blog's content core: models, rules and indexes, with no MkDocs import.

Hooks under ``hooks/`` adapt it to MkDocs; the tests and editor tools use it directly.
"""

from .content import Content, load_content
from .problems import ContentError, Problem
from .publishing import build_time

__all__ = ["Content", "ContentError", "Problem", "build_time", "load_content"]
