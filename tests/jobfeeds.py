"""Job feeds made by the tests, and a real HTTP server on 127.0.0.1 that serves them.

``FeedServer`` answers each path from a table the test fills in: a body with an ETag
(and 304 to a matching If-None-Match), an HTTP status, or a pause longer than the
client's timeout. It records every request's headers, so tests can see the retry and
the conditional GET.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests' build date is 27 November 2026; feed jobs were posted the days before.
POSTED = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)


def feed_job(number: int, **changes) -> dict:
    """One job as the ATS knows it; ``changes`` override fields (None leaves one out)."""
    cities = [("Dorchester", "MA"), ("Baltimore", "MD"), ("Towson", "MD"), ("Worcester", "MA")]
    categories = ["Warehouse", "Light Industrial", "Construction", "Office"]
    city, state = cities[number % len(cities)]
    job = {
        "referencenumber": f"LMX-{number:05d}",
        "title": f"Warehouse Associate {number}",
        "date": POSTED - timedelta(hours=number % 200),
        "url": f"https://jobs.example.test/apply/LMX-{number:05d}",
        "company": "LaborMAX",
        "city": city, "state": state, "country": "US", "postalcode": "02125",
        "description": f"<p>Pick and pack orders, <strong>weekly pay</strong>.</p><ul><li>First shift</li><li>Job {number}</li></ul>",
        "salary": "$18-20/hr",
        "jobtype": "fulltime" if number % 3 else "temporary",
        "category": categories[number % len(categories)],
    }
    job.update(changes)
    return {k: v for k, v in job.items() if v is not None}


def indeed_xml(jobs: list[dict]) -> bytes:
    """Indeed's XML job feed, text in CDATA as ATS exports write it."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<source>\n<publisher>LaborMAX</publisher>\n'
             '<publisherurl>https://www.labormax.com/</publisherurl>\n']
    for job in jobs:
        parts.append("<job>")
        for key, value in job.items():
            if isinstance(value, datetime):
                value = format_datetime(value, usegmt=True)
            text = str(value).replace("]]>", "]]]]><![CDATA[>")
            parts.append(f"<{key}><![CDATA[{text}]]></{key}>")
        parts.append("</job>\n")
    parts.append("</source>\n")
    return "".join(parts).encode()


def jobposting_json(jobs: list[dict]) -> bytes:
    """The same jobs as a JSON list of schema.org JobPosting objects."""
    postings = []
    for job in jobs:
        posting = {
            "@context": "https://schema.org", "@type": "JobPosting",
            "identifier": {"@type": "PropertyValue", "name": "LaborMAX", "value": job.get("referencenumber")},
            "title": job.get("title"),
            "datePosted": job["date"].isoformat() if isinstance(job.get("date"), datetime) else job.get("date"),
            "url": job.get("url"),
            "hiringOrganization": {"@type": "Organization", "name": job.get("company")},
            "jobLocation": {"@type": "Place", "address": {
                "@type": "PostalAddress", "addressLocality": job.get("city"), "addressRegion": job.get("state"),
                "postalCode": job.get("postalcode"), "addressCountry": job.get("country")}},
            "description": job.get("description"),
            "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                           "value": {"@type": "QuantitativeValue", "minValue": 18, "maxValue": 20, "unitText": "HOUR"}},
            "employmentType": "FULL_TIME" if job.get("jobtype") == "fulltime" else "TEMPORARY",
            "occupationalCategory": job.get("category"),
        }
        postings.append({k: v for k, v in posting.items() if v is not None})
    return json.dumps(postings, indent=1).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<source><job><referencenumber>LOL-1</referencenumber><title>&lol9;</title></job></source>
"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    delay: float = 0.0  # seconds before answering: longer than the client's timeout makes one
    content_type: str = "application/xml"
    last_modified: str = "Fri, 27 Nov 2026 06:00:00 GMT"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)  # (path, headers) of every request

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict]:
        return [headers for p, headers in self.requests if p == path]

    def __enter__(self) -> "FeedServer":
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                owner.requests.append((self.path, dict(self.headers)))
                route = owner.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.status != 200:
                    self.send_error(route.status)
                    return
                if self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.send_header("ETag", route.etag)
                self.send_header("Last-Modified", route.last_modified)
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:  # keep the test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def feed_settings(url: str, form: str = "indeed-xml", **extra: str) -> str:
    """The ``feed:`` block to append under ``jobs:`` in data/site.yml."""
    lines = [
        "  feed:", f"    url: {url}", f"    format: {form}",
        "    job_types:", "      Warehouse: warehouse", "      Light Industrial: temp", "      Construction: construction",
        "    locations:", '      "Dorchester, MA": "Boston, MA"', '      "Towson, MD": "Baltimore, MD"',
    ]
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def add_feed(project, url: str, form: str = "indeed-xml", **extra: str) -> None:
    """Give the project copy's data/site.yml a jobs.feed block."""
    site = project.root / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    anchor = "  job_type_param: type\n"
    assert anchor in text
    site.write_text(text.replace(anchor, anchor + feed_settings(url, form, **extra), 1), encoding="utf-8")
