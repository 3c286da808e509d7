"""The organization's look from data/site.yml: logo, favicon and brand colours."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from careerblog_mkdocs import state_of


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    logo = state_of(config).content.settings.organization.logo
    if logo:
        # Material reads both from the theme config; an editor sets them once, in site.yml.
        config.theme["logo"] = logo
        config.theme["favicon"] = logo
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    brand = state_of(config).content.settings.brand
    env.globals["brand"] = {"color": brand.color, "accent": brand.accent}
    return env
