"""The "Get in touch" form on posts and on /contact/, posting to the endpoint in data/site.yml."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from careerblog_mkdocs import state_of


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    settings = state_of(config).content.settings
    contact, org = settings.contact, settings.organization
    env.globals["contact"] = {
        "endpoint": contact.endpoint,
        "heading": contact.heading,
        "intro": contact.intro,
        "consent": contact.consent,
        "email": org.email,
        "phone": org.phone,
        "organization": org.name,
    }
    return env
