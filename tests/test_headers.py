"""What hosts are told (contract section 11): /_headers and the policy in each page's <meta>.
The browser tests (test_browser.py) serve the site with these headers and fail on any violation."""

from __future__ import annotations

import base64
import hashlib
import re

from careerblog.headers import add_meta_policy, content_security_policy, inline_script_hashes
from sitebuild import Site, build_site


def sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def headers_of(site: Site) -> dict[str, str]:
    lines = (site.root / "_headers").read_text().splitlines()
    assert "/*" in lines
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def html_pages(site: Site):
    return sorted(p for p in site.root.rglob("*.html") if "pagefind" not in p.parts)


def test_only_scripts_a_browser_runs_are_hashed():
    html = ('<script>run()</script><script type="module">mod()</script><script src="a.js"></script>'
            '<script type="application/ld+json">{"a": 1}</script><script id="__config" type="application/json">{}</script>')
    assert inline_script_hashes(html) == {sha("run()"), sha("mod()")}


def test_the_meta_policy_leaves_out_what_a_meta_cannot_carry():
    header = directives(content_security_policy({sha("x")}, "https://forms.example/f/1"))
    meta = directives(content_security_policy({sha("x")}, "https://forms.example/f/1", meta=True))
    assert header["frame-ancestors"] == ["'none'"] and "frame-ancestors" not in meta
    assert header["form-action"] == meta["form-action"] == ["https://forms.example/f/1"]
    page = add_meta_policy('<html><head>\n<meta charset="utf-8"><title>x</title></head></html>', "default-src 'self'")
    assert page.index('charset') < page.index('http-equiv="Content-Security-Policy"') < page.index("<title>")


def test_headers_carry_a_strict_policy_and_the_other_security_headers(site):
    headers = headers_of(site)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]  # data/site.yml names no form endpoint: no form on the site
    assert not [s for values in policy.values() for s in values if s.startswith(("http:", "https:", "*"))]


def test_every_inline_script_of_every_page_is_allowed_by_hash(site):
    allowed = set(directives(headers_of(site)["Content-Security-Policy"])["script-src"])
    seen = set()
    for path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        seen |= inline_script_hashes(html)
        if "http-equiv=\"refresh\"" in html:
            continue  # a redirect page: no script, nothing to allow
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, path
        page_policy = directives(meta.group(1).replace("&#39;", "'"))
        assert inline_script_hashes(html) <= set(page_policy["script-src"]), path
        assert "frame-ancestors" not in page_policy
    assert seen and seen <= allowed


def test_a_script_added_later_is_covered_without_listing_it(buildable, tmp_path):
    # Anything a template, a hook or an editor's page adds is read from the built page.
    script = "document.documentElement.dataset.cbAdded = 'yes'"
    buildable.write("docs/contact.md", (buildable.root / "docs/contact.md").read_text() + f"\n<script>{script}</script>\n")
    buildable.write("data/site.yml", (buildable.root / "data/site.yml").read_text().replace(
        "  # endpoint: https://formspree.io/f/<your-form-id>", "  endpoint: https://formspree.io/f/abcd1234"))
    site = Site(build_site(buildable.root, tmp_path / "site"))
    policy = directives(headers_of(site)["Content-Security-Policy"])
    assert sha(script) in policy["script-src"]
    assert sha(script) in site.html("/contact/").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert sha(script) not in site.html("/blog/").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert policy["form-action"] == ["https://formspree.io/f/abcd1234"]
