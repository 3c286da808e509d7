"""What hosts are told (contract section 11): ``/_headers`` with a Content-Security-Policy,
and the same policy in a ``<meta http-equiv>`` for hosts that send no custom headers.

The policy allows the site's own origin only. Inline scripts (Material's, and any a
template adds later) are allowed by the SHA-256 of their text, read from the built
pages, so no script needs ``'unsafe-inline'`` and nothing has to be listed by hand.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from typing import Iterable

# An inline <script> and its text as the browser hashes it (up to the first "</script").
# The text is matched as runs without "<" and single "<" not starting "</script": the same
# match as a lazy ``(.*?)`` before the end tag, in half the time (it tried the end tag at
# every character; 0.07 s a pass over the pages at 1,000 posts).
_SCRIPT = re.compile(r"<script\b([^>]*)>((?:[^<]++|<(?!/script\s*>))*+)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Types a browser runs; JSON-LD and Material's JSON configuration are data, not scripts.
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript"})
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)

HEADERS_FILE = "_headers"
# Directives a <meta> cannot carry: browsers ignore them there (CSP3, section 3.3).
_HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")
OTHER_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    # Nothing on the site needs these; a script that got in could not use them either.
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    ("X-Frame-Options", "DENY"),  # frame-ancestors 'none', for browsers older than CSP 2
)


def inline_script_hashes(html: str) -> set[str]:
    """``'sha256-...'`` sources for every inline script a browser would run in ``html``."""
    hashes = set()
    for attributes, text in _SCRIPT.findall(html):
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _SCRIPT_TYPES:
            continue
        hashes.add(_script_hash(text))
    return hashes


@functools.lru_cache(maxsize=4096)
def _script_hash(text: str) -> str:
    # Pages share the theme's few scripts: each distinct text is hashed once.
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str], form_endpoint: str | None, *, meta: bool = False) -> str:
    """The policy: the site's own origin only, scripts by hash, forms to the contact endpoint.

    ``'wasm-unsafe-eval'`` lets Pagefind's search run its WebAssembly; it allows
    compiling WebAssembly only, not JavaScript's eval.
    """
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *sorted(script_hashes)]),
        # Material sets element styles from its scripts and our templates carry a <style>;
        # styles cannot run code, so they stay allowed inline.
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:"]),  # Material's icons are data: SVGs in its CSS
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", [form_endpoint] if form_endpoint else ["'none'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives if not (meta and name in _HEADER_ONLY))


def add_meta_policy(html: str, policy: str) -> str:
    """``html`` with the policy as its first <meta> after the charset, before any script runs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{_attribute(policy)}">'
    match = _HEAD.search(html)
    if match is None:
        return html
    return f"{html[:match.end()]}\n    {tag}{html[match.end():]}"


def render_headers_file(policy: str) -> str:
    """``/_headers`` (Netlify and Cloudflare Pages syntax): every path gets the same headers."""
    lines = ["# Security headers for every page; written by the build (hooks/headers.py).", "/*",
             f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS]
    return "\n".join(lines) + "\n"


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
