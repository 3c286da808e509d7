"""Share links (contract section 7, ``[data-share]``): plain links to each platform's own
share page, carrying the page's URL and title. No platform's script, no request from the
page: the reader's click is the only thing that reaches the platform.
"""

from __future__ import annotations

from urllib.parse import quote

# id, visible name, accessible name, link; {url} and {title} are filled in percent-encoded.
PLATFORMS = (
    ("linkedin", "LinkedIn", "Share on LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("facebook", "Facebook", "Share on Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("x", "X", "Share on X", "https://x.com/intent/post?url={url}&text={title}"),
    ("whatsapp", "WhatsApp", "Share on WhatsApp", "https://wa.me/?text={title}%20{url}"),
    ("email", "Email", "Share by email", "mailto:?subject={title}&body={url}"),
)


def share_links(url: str, title: str) -> list[dict]:
    """One link per platform: id, visible name, accessible name and href."""
    # %20 rather than '+' for spaces: mail programs show a '+' as it is.
    encoded = {"url": quote(url, safe=""), "title": quote(title, safe="")}
    return [
        {"id": platform, "name": name, "label": label, "href": pattern.format(**encoded)}
        for platform, name, label, pattern in PLATFORMS
    ]
