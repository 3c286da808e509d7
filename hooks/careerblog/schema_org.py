"""Structured data (schema.org, as JSON-LD) for posts, the organization and jobs.

Plain dictionaries: templates serialize them with ``tojson``, which escapes
``<``, ``>`` and ``&`` so that no value can close the script element.
"""

from __future__ import annotations

from .content import Content
from .listings import iso_date
from .models import Job, Post, Salary, Settings


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
        # Full moments with the site's offset: a date alone would be read as midnight UTC.
        "datePublished": iso_date(post.date, True),
        "dateModified": iso_date(post.updated or post.date, True),
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
    """Google's job search reads this; only job pages carry it, never listings.

    Country and currency come from data/site.yml; without them the address has no country
    and the pay is left to the description.
    """
    city, _, region = job.location.partition(",")
    if job.from_feed:  # the feed's own address, not the location facet it is grouped under
        city, region = job.city, job.region
    address = {"@type": "PostalAddress", "addressLocality": city.strip(), "addressRegion": region.strip()}
    country = (job.country if job.from_feed else "") or settings.country
    if country:
        address["addressCountry"] = country
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        # A feed job's description is the recruiter's HTML after nh3, the same safe text as its page.
        "description": job.description_html or job.description,
        "datePosted": job.posted.isoformat(),
        "validThrough": job.valid_through.replace(microsecond=0).isoformat(),
        "employmentType": job.employment_type,
        "hiringOrganization": organization(settings, site_url),
        "jobLocation": {"@type": "Place", "address": address},
        "url": absolute(site_url, job.url),
        "directApply": False,
    }
    if job.salary and settings.currency:
        data["baseSalary"] = base_salary(job.salary, settings.currency)
    return data


def base_salary(salary: Salary, currency: str) -> dict:
    """A MonetaryAmount: 18 to 20 USD per HOUR."""
    value: dict = {"@type": "QuantitativeValue", "unitText": salary.unit}
    if salary.high is not None:
        value.update(minValue=salary.low, maxValue=salary.high)
    else:
        value["value"] = salary.low
    return {"@type": "MonetaryAmount", "currency": currency, "value": value}
