"""One feed job checked and cleaned: kept as a snapshot record, or skipped with a reason.

Recruiters' HTML goes through nh3 (Ammonia's allow-list) down to paragraphs, lists,
emphasis and links; the plain text for cards, meta descriptions and search comes
from that cleaned HTML, never from the raw feed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import nh3

from ..jobs import PAY_MAX
from ..slugs import slugify
from .parse import FIELD_NAMES

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
TITLE_MAX = 150  # ATS titles run longer than the 90 characters asked of hand-written ones
DESCRIPTION_MAX = 60_000  # characters of cleaned HTML; a longer one is a broken export
SUMMARY_MAX = 300
ID_MAX = 80
# Indeed's jobtype words (and schema.org's own values) -> schema.org employmentType.
EMPLOYMENT_WORDS = {
    "fulltime": "FULL_TIME", "parttime": "PART_TIME", "contract": "CONTRACTOR", "contractor": "CONTRACTOR",
    "temporary": "TEMPORARY", "temp": "TEMPORARY", "seasonal": "TEMPORARY", "internship": "INTERN",
    "intern": "INTERN", "perdiem": "PER_DIEM", "volunteer": "VOLUNTEER", "temptohire": "TEMPORARY",
}


@dataclass(frozen=True)
class Skipped:
    reference: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"feed job {self.reference}: {self.field}: {self.message}"


def check_record(record: dict[str, str], number: int, form: str) -> tuple[dict | None, Skipped | None]:
    """The snapshot record of one feed job, or why it is skipped. ``number`` counts from 1."""
    names = FIELD_NAMES[form]
    reference = record["reference"]
    shown = reference or f"#{number} (no {names['reference']})"

    def skip(key: str, message: str) -> tuple[None, Skipped]:
        return None, Skipped(shown, names.get(key, key), message)

    if record.get("_error"):
        return skip("reference", record["_error"])
    if not reference:
        return skip("reference", "is missing; the ATS must give every job a reference number")
    job_id = slugify(reference)
    if not job_id or len(job_id) > ID_MAX:
        return skip("reference", "gives no usable id (letters or digits, at most 80)")
    title = " ".join(record["title"].split())
    if not title:
        return skip("title", "is missing")
    if len(title) > TITLE_MAX:
        return skip("title", f"is {len(title)} characters long; at most {TITLE_MAX}")
    url = record["url"]
    if not url.startswith("https://"):
        return skip("url", "is missing" if not url else f"'{url[:60]}' does not start with https://")
    if not record["city"] and not record["state"]:
        return skip("city", "city and state are both missing; readers look for work by place")
    posted = parse_date(record["date"])
    if posted is None:
        return skip("date", "is missing" if not record["date"] else f"'{record['date'][:40]}' is not a date")
    expires = parse_date(record["expires"]) if record["expires"] else None
    if record["expires"] and expires is None:
        return skip("expires", f"'{record['expires'][:40]}' is not a date")
    if expires is not None and expires < posted:
        return skip("expires", "is before the posting date")
    description = clean_html(record["description"])
    summary = plain_text(description)
    if not summary:
        return skip("description", "is missing or has no text once cleaned")
    if len(description) > DESCRIPTION_MAX:
        return skip("description", f"is {len(description)} characters long once cleaned; at most {DESCRIPTION_MAX}")
    pay = " ".join(record["salary"].split())
    if len(pay) > PAY_MAX:
        return skip("salary", f"is {len(pay)} characters long; at most {PAY_MAX}")
    return {
        "id": job_id,
        "reference": reference,
        "title": title,
        "url": url,
        "company": record["company"],
        "city": record["city"],
        "state": record["state"],
        "country": record["country"],
        "postalcode": record["postalcode"],
        "posted": posted.isoformat(),
        "expires": expires.isoformat() if expires else None,
        "employment_type": employment_type(record["jobtype"]),
        "jobtype": record["jobtype"],
        "category": record["category"],
        "pay": pay,
        "description": description,
        "summary": summary_of(summary),
    }, None


def clean_html(text: str) -> str:
    """Recruiters' HTML down to paragraphs, lists, emphasis and links; plain text becomes paragraphs."""
    if "<" not in text:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    cleaned = nh3.clean(
        text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer", strip_comments=True,
    )
    return cleaned.strip()


def plain_text(cleaned: str) -> str:
    """The words of cleaned HTML, for cards, meta descriptions and search."""
    spaced = re.sub(r"<(/p|br|/li)\b[^>]*>", " ", cleaned)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def summary_of(text: str) -> str:
    if len(text) <= SUMMARY_MAX:
        return text
    return text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def employment_type(words: str) -> str:
    """The first jobtype word the feed gives that schema.org knows; OTHER when none."""
    for word in re.split(r"[,/;|]", words):
        key = re.sub(r"[^a-z]", "", word.lower())
        if key in EMPLOYMENT_WORDS:
            return EMPLOYMENT_WORDS[key]
        if word.strip().upper().replace("-", "_") in EMPLOYMENT_WORDS.values():
            return word.strip().upper().replace("-", "_")
    return "OTHER"


def parse_date(text: str) -> datetime | None:
    """Indeed writes RFC 2822 dates (``Thu, 10 Dec 2026 22:49:39 GMT``); JSON-LD writes ISO 8601."""
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
