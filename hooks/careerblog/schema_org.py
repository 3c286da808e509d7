"""Structured data (schema.org, as JSON-LD) for posts, the organization and jobs.

Plain dictionaries: templates serialize them with ``tojson``, which escapes
``<``, ``>`` and ``&`` so that no value can close the script element.
"""

from __future__ import annotations

import re

from .content import Content
from .listings import iso_date
from .models import Job, Post, Settings


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL (``blog/x/``) made absolute against ``site_url``."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def organization(settings: Settings, site_url: str, kind: str = "Organization") -> dict:
    org = settings.organization
    data: dict = {"@type": kind, "name": org.name, "url": org.url or site_url}
    if org.logo:
        data["logo"] = absolute(site_url, org.logo)
    if org.email:
        data["email"] = org.email
    if org.phone:
        data["telephone"] = org.phone
    return data


def employment_agency(settings: Settings, site_url: str) -> dict:
    """The organization behind the blog, for the home page."""
    return {"@context": "https://schema.org", **organization(settings, site_url, "EmploymentAgency")}


def blog_posting(post: Post, content: Content, site_url: str) -> dict:
    url = absolute(site_url, post.url)
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.description,
        "datePublished": iso_date(post.date, post.has_time),
        "dateModified": iso_date(post.updated or post.date, post.has_time if post.updated is None else True),
        "author": [
            {"@type": "Person", "name": content.authors[a].name, "url": absolute(site_url, content.authors[a].url)}
            for a in post.authors
        ],
        "publisher": organization(content.settings, site_url),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "keywords": [content.tags[t].name for t in post.tags],
    }
    if post.image:
        data["image"] = absolute(site_url, post.image.src)
    return data


def breadcrumbs(trail: list[tuple[str, str]], site_url: str) -> dict:
    """``trail``: (name, site-relative URL) from the home page down to the page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(site_url, url)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def job_posting(job: Job, settings: Settings, site_url: str) -> dict:
    """Google's job search reads this; only job pages carry it, never listings."""
    city, _, region = job.location.partition(",")
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "datePosted": job.posted.date().isoformat(),
        "validThrough": job.valid_through.replace(microsecond=0).isoformat(),
        "employmentType": job.employment_type,
        "hiringOrganization": organization(settings, site_url),
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city.strip(),
                "addressRegion": region.strip(),
                "addressCountry": "US",
            },
        },
        "url": absolute(site_url, job.url),
        "directApply": False,
    }
    salary = parse_pay(job.pay)
    if salary:
        data["baseSalary"] = salary
    return data


def parse_pay(pay: str) -> dict | None:
    """``"$18-20/hr"`` -> a MonetaryAmount with minValue 18, maxValue 20 per HOUR."""
    match = re.match(r"^\$\s*([\d,.]+)\s*(?:-|–|to)?\s*\$?\s*([\d,.]+)?\s*/\s*(hr|hour|yr|year|wk|week|mo|month|day)\b", pay.strip(), re.I)
    if not match:
        return None
    unit = {"hr": "HOUR", "hour": "HOUR", "yr": "YEAR", "year": "YEAR", "wk": "WEEK", "week": "WEEK",
            "mo": "MONTH", "month": "MONTH", "day": "DAY"}[match.group(3).lower()]
    low = float(match.group(1).replace(",", ""))
    high = float(match.group(2).replace(",", "")) if match.group(2) else None
    value: dict = {"@type": "QuantitativeValue", "unitText": unit}
    if high is not None:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low
    return {"@type": "MonetaryAmount", "currency": "USD", "value": value}
