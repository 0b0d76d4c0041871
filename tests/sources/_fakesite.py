"""A small stand-in for reports.ofsted.gov.uk, its file server and GOV.UK's APIs.

Served by a real ``ThreadingHTTPServer`` on 127.0.0.1 (ephemeral port). The pages
are generated here from facts (URNs, dates, labels, file ids) in the markup the
corpus README describes; the words are our own. PDFs are the real corpus files
when the corpus is present, else small PDFs generated here. Faults are scripted
per path: each request to the path takes the next action from its queue.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit


def make_pdf(text: str, *, pad: int = 0) -> bytes:
    """A minimal one-page PDF showing ``text`` (valid xref, our own words).

    ``pad`` adds an unused stream of that many bytes, to stand in for a real
    report's size when the corpus is absent.
    """
    stream = f"BT /F1 12 Tf 72 720 Td ({text.replace('(', '[').replace(')', ']')}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if pad:
        objects.append(f"<< /Length {pad} >>\nstream\n{'0' * pad}\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


@dataclass
class Pub:
    """One listed publication: facts only."""

    file_id: str
    label: str
    published: dt.date
    corpus_path: str | None = None  # relative to the corpus folder
    style: str = "pdf"  # pdf | PDF | as pdf | double (double space)
    href: str | None = None  # override: relative or absolute link


@dataclass
class Provider:
    urn: int
    name: str
    pubs: list[Pub] = field(default_factory=list)


# Facts from the corpus manifest (dates, file ids, paths); no document text.
def default_providers() -> list[Provider]:
    csi, fv, jtai = (
        "Children's services inspection",
        "Children's services focused visit",
        "Joint area child protection inspection",
    )
    bradford = Provider(
        80449,
        "Bradford",
        [
            Pub("50302265", csi, dt.date(2026, 5, 21), "inspections/80449_bradford/2026-05-21.pdf"),
            Pub(
                "50206434",
                csi,
                dt.date(2023, 1, 31),
                "inspections/80449_bradford/2023-01-31.pdf",
                style="PDF",
            ),
            Pub(
                "8c4dcc660328",
                fv,
                dt.date(2021, 2, 12),
                "focused-visits/80449_bradford/2021-02-12.pdf",
            ),
            Pub(
                "50035108", csi, dt.date(2018, 10, 29), "inspections/80449_bradford/2018-10-29.pdf"
            ),
            Pub(
                "ccd71e5d2a24",
                jtai,
                dt.date(2017, 4, 21),
                "jtai/80449_bradford/2017-04-21.pdf",
                style="double",
            ),
            Pub("90000001", "Area SEND full inspection", dt.date(2016, 3, 1)),  # not fetched
            Pub(
                "50004264",
                "Single inspection of LA children's services",
                dt.date(2014, 5, 23),
                "inspections/80449_bradford/2014-05-23.pdf",
                style="as pdf",
            ),
        ],
    )
    barnsley = Provider(
        80426,
        "Barnsley",
        [
            Pub(
                "50231520", csi, dt.date(2023, 10, 27), "inspections/80426_barnsley/2023-10-27.pdf"
            ),
            Pub("f07db8a4ddb0", jtai, dt.date(2022, 7, 18), "jtai/80426_barnsley/2022-07-18.pdf"),
            Pub(
                "50038886", csi, dt.date(2018, 11, 19), "inspections/80426_barnsley/2018-11-19.pdf"
            ),
        ],
    )
    wakefield = Provider(
        80451,
        "Wakefield",
        [
            Pub(
                "50282475", csi, dt.date(2025, 7, 18), "inspections/80451_wakefield/2025-07-18.pdf"
            ),
            Pub(
                "d3ad15866143",
                fv,
                dt.date(2023, 5, 9),
                "focused-visits/80451_wakefield/2023-05-09.pdf",
            ),
            Pub(
                "2760660",
                csi,
                dt.date(2016, 9, 20),
                "inspections/80451_wakefield/2016-09-20.pdf",
                href="/v1/file/2760660",
            ),  # a relative link
        ],
    )
    birmingham = Provider(
        80429,
        "Birmingham",
        [
            Pub(
                "50214110", csi, dt.date(2023, 4, 18), "inspections/80429_birmingham/2023-04-18.pdf"
            ),
            Pub(
                "0733da625459",
                fv,
                dt.date(2020, 3, 13),
                "focused-visits/80429_birmingham/2020-03-13.pdf",
            ),
        ],
    )
    return [bradford, barnsley, wakefield, birmingham]


@dataclass
class Hit:
    """One request the server saw."""

    t: float
    path: str
    query: str
    headers: dict[str, str]
    status: int | None = None


class Site:
    """State of the fake site; tests change it while the server runs."""

    LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"

    def __init__(self, corpus: Path | None) -> None:
        self.corpus = corpus
        self.providers = {p.urn: p for p in default_providers()}
        self.page_size = 3
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.faults: dict[str, list[str]] = {}
        self.broken_layout: set[int] = set()
        self.extra_files: dict[str, bytes] = {}
        self.hits: list[Hit] = []
        self.sent: dict[str, int] = {}  # bytes of body sent per path (drip)
        self.lock = threading.Lock()
        self.base = ""  # set when the server starts
        self._bytes: dict[str, bytes] = {}
        self.notice_pdf = make_pdf("Improvement notice: a made-up test notice for Bradford.")

    # ----------------------------------------------------------- content

    def file_bytes(self, file_id: str) -> bytes | None:
        if file_id in self.extra_files:
            return self.extra_files[file_id]
        if file_id in self._bytes:
            return self._bytes[file_id]
        for prov in self.providers.values():
            for pub in prov.pubs:
                if pub.file_id == file_id and pub.corpus_path is not None:
                    path = self.corpus / pub.corpus_path if self.corpus else None
                    if path is not None and path.exists():
                        data = path.read_bytes()
                    else:
                        data = make_pdf(
                            f"Synthetic stand-in for file {file_id} of {prov.name}.",
                            pad=200_000 + len(self._bytes),  # distinct sizes and hashes
                        )
                    self._bytes[file_id] = data
                    return data
        return None

    def add_pub(self, urn: int, pub: Pub, data: bytes) -> None:
        with self.lock:
            self.providers[urn].pubs.insert(0, pub)
            self.extra_files[pub.file_id] = data

    def next_fault(self, path: str) -> str | None:
        with self.lock:
            queue = self.faults.get(path)
            return queue.pop(0) if queue else None

    def files_hits(self) -> list[Hit]:
        return [h for h in self.hits if h.path.startswith("/v1/file/")]

    def search_page(self, start: int, rows: int) -> str:
        provs = sorted(self.providers.values(), key=lambda p: p.name)
        size = max(1, min(rows, self.page_size))
        page = provs[start : start + size]
        items = "\n".join(
            f'<li class="search-result"><h3><a href="/provider/44/{p.urn}">{html.escape(p.name)}'
            f"</a></h3><p>Local authority children's services, URN {p.urn}</p></li>"
            for p in page
        )
        nav = '<li class="previous"><a href="#">Previous</a></li>' if start else ""
        if start + size < len(provs):
            q = urlencode({"q": "", "level_1_types": 3, "start": start + size, "rows": rows})
            nav += f'<li class="next"><a href="/search?{q}">Next page</a></li>'
        return (
            "<!DOCTYPE html><html><head><title>Find an inspection report</title></head><body>"
            f'<main><p>{len(provs)} results</p><ul class="results-list">{items}</ul>'
            f'<nav><ul class="pagination">{nav}</ul></nav></main></body></html>'
        )

    def provider_page(self, urn: int) -> str | None:
        prov = self.providers.get(urn)
        if prov is None:
            return None
        if urn in self.broken_layout:  # a redesign: the timeline became a table
            rows = "".join(f"<tr><td>{p.label}</td></tr>" for p in prov.pubs)
            return f"<html><body><h1>{prov.name}</h1><table>{rows}</table></body></html>"
        days = []
        for pub in sorted(prov.pubs, key=lambda p: p.published, reverse=True):
            when = f"{pub.published.day} {pub.published:%B %Y}"
            hidden = {
                "pdf": f"{pub.label}, pdf - {when}",
                "PDF": f"{pub.label}, PDF - {when}",
                "as pdf": f"{pub.label} as pdf - {when}",
                "double": f"{pub.label},  pdf  - {when}",
            }[pub.style]
            href = pub.href or f"{self.base}/v1/file/{pub.file_id}"
            days.append(
                '<li class="timeline__day">'
                f'<p class="timeline__date"><time datetime="{pub.published.isoformat()}">{when}'
                '</time></p><div class="event">'
                f'<span class="event__title heading--sub"><a class="publication-link" '
                f'href="{html.escape(href)}" target="_blank">{html.escape(pub.label)} '
                f'<span class="nonvisual">{html.escape(hidden)}</span></a></span></div></li>'
            )
        return (
            f"<!DOCTYPE html><html><head><title>{prov.name}</title></head><body>"
            f"<h1>{prov.name}</h1><p>Local authority children's services. URN: {urn}</p>"
            f'<h2>Reports</h2><ol class="timeline">{"".join(days)}</ol></body></html>'
        )

    # GOV.UK: our own short notice texts.
    NOTICES = [
        {
            "title": "Direction issued to Bradford City Council: February 2022",
            "link": "/government/publications/direction-issued-to-bradford-city-council-feb-2022",
            "public_timestamp": "2022-02-09T09:30:00Z",
            "body": "<p>This is a test direction written for ofstedmine's tests. It tells the "
            "council to cooperate with a children's services commissioner.</p>",
        },
        {
            "title": "Improvement notice issued to Bradford City Council: December 2018",
            "link": "/government/publications/improvement-notice-bradford-dec-2018",
            "public_timestamp": "2018-12-14T12:00:00+00:00",
            "attachment": "/assets/bradford-improvement-notice.pdf",
        },
        {
            "title": "Direction issued to Bradfield Parish Council: May 2020",  # not ours
            "link": "/government/publications/direction-bradfield-parish",
            "public_timestamp": "2020-05-01T00:00:00Z",
            "body": "<p>Unrelated.</p>",
        },
    ]

    def govuk_search(self, q: str) -> dict:
        words = q.casefold().split()
        results = [
            {k: n[k] for k in ("title", "link", "public_timestamp")}
            for n in self.NOTICES
            if all(w in n["title"].casefold() for w in words)
        ]
        results.append({"title": "Academy funding guidance", "link": "/guidance/x"})
        return {"results": results, "total": len(results)}

    def govuk_content(self, path: str) -> dict | None:
        for n in self.NOTICES:
            if n["link"] == path:
                details: dict = {}
                if "body" in n:
                    details["body"] = n["body"]
                if "attachment" in n:
                    details["body"] = ""
                    details["attachments"] = [
                        {
                            "url": self.base + n["attachment"],
                            "title": "Improvement notice",
                            "content_type": "application/pdf",
                        }
                    ]
                return {
                    "title": n["title"],
                    "public_updated_at": n["public_timestamp"],
                    "details": details,
                }
        return None


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm
            # and delayed ACKs stall each response by ~40 ms
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args) -> None:  # quiet
            pass

        def _hit(self) -> Hit:
            parts = urlsplit(self.path)
            hit = Hit(time.monotonic(), parts.path, parts.query, dict(self.headers.items()))
            with site.lock:
                site.hits.append(hit)
            return hit

        def _send(self, hit: Hit, status: int, body: bytes, ctype: str, **headers: str) -> None:
            hit.status = status
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: C901 - a router
            hit = self._hit()
            path = hit.path
            fault = site.next_fault(path)
            if fault is not None and self._fault(hit, fault):
                return
            if path == "/robots.txt":
                return self._send(hit, 200, site.robots.encode(), "text/plain")
            if path == "/search":
                q = parse_qs(hit.query)
                start = int(q.get("start", ["0"])[0])
                rows = int(q.get("rows", ["100"])[0])
                return self._page(hit, site.search_page(start, rows))
            if path.startswith("/provider/44/"):
                page = site.provider_page(int(path.rsplit("/", 1)[-1]))
                if page is None:
                    return self._send(hit, 404, b"<html>Not found</html>", "text/html")
                return self._page(hit, page)
            if path.startswith(("/v1/file/", "/private/file/")):
                data = site.file_bytes(path.rsplit("/", 1)[-1])
                if data is None:
                    return self._send(hit, 404, b"<html>No such file</html>", "text/html")
                return self._file(hit, data)
            if path == "/assets/bradford-improvement-notice.pdf":
                return self._file(hit, site.notice_pdf)
            if path == "/loop/a":
                return self._send(hit, 302, b"", "text/plain", Location="/loop/b")
            if path == "/loop/b":
                return self._send(hit, 302, b"", "text/plain", Location=f"{site.base}/loop/a")
            if path == "/api/search.json":
                q = parse_qs(hit.query).get("q", [""])[0]
                return self._json(hit, site.govuk_search(q))
            if path.startswith("/api/content/"):
                data = site.govuk_content(path[len("/api/content") :])
                if data is None:
                    return self._send(hit, 404, b"{}", "application/json")
                return self._json(hit, data)
            return self._send(hit, 404, b"<html>Not found</html>", "text/html")

        def _page(self, hit: Hit, text: str, ctype: str = "text/html; charset=utf-8") -> None:
            body = text.encode("utf-8")
            etag = f'"p-{hashlib.sha256(body).hexdigest()[:16]}"'
            if self.headers.get("If-None-Match") == etag:
                hit.status = 304
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(hit, 200, body, ctype, ETag=etag)

        def _json(self, hit: Hit, data: dict) -> None:
            self._page(hit, json.dumps(data), "application/json")

        def _file(self, hit: Hit, data: bytes) -> None:
            etag = f'"f-{hashlib.sha256(data).hexdigest()[:16]}"'
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = inm == etag if inm else False
            if not inm and ims:
                try:
                    fresh = parsedate_to_datetime(ims) >= parsedate_to_datetime(site.LAST_MODIFIED)
                except (TypeError, ValueError):
                    fresh = False
            if fresh:
                hit.status = 304
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", site.LAST_MODIFIED)
                self.end_headers()
                return
            self._send(
                hit, 200, data, "application/pdf", ETag=etag, Last_Modified=site.LAST_MODIFIED
            )

        def _fault(self, hit: Hit, fault: str) -> bool:
            """Act out a scripted fault; True when the response is done."""
            kind, _, arg = fault.partition(":")
            if kind == "ok":
                return False
            if kind == "sleep":  # answer late (after the client's read timeout)
                time.sleep(float(arg))
                return False
            if kind == "reset":
                hit.status = -1
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True
                return True
            if kind == "status":
                code, _, retry_after = arg.partition(":")
                extra = {"Retry-After": retry_after} if retry_after else {}
                self._send(hit, int(code), b"<html>Try again</html>", "text/html", **extra)
                return True
            if kind == "redirect":
                self._send(hit, 302, b"", "text/plain", Location=arg)
                return True
            if kind == "html":  # an error page where a PDF should be
                page = (
                    b"<!DOCTYPE html><html><body><h1>Sorry, something went wrong</h1></body></html>"
                )
                self._send(hit, 200, page, "application/pdf")
                return True
            data = site.file_bytes(hit.path.rsplit("/", 1)[-1]) or b""
            if kind == "truncate":  # promise more than we send, then hang up
                hit.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(data) + 1000))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.close_connection = True
                return True
            if kind == "nolength":  # no Content-Length: the body ends when we close
                hit.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Connection", "close")
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(data * int(arg or 1))
                self.close_connection = True
                return True
            if kind == "drip":  # slowly: chunk bytes every delay seconds
                chunk, delay, *how = arg.split(",")
                hit.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                if how == ["nolength"]:  # the body ends when we close
                    self.send_header("Connection", "close")
                else:
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                step = int(chunk)
                try:
                    for i in range(0, len(data), step):
                        self.wfile.write(data[i : i + step])
                        self.wfile.flush()
                        with site.lock:
                            site.sent[hit.path] = site.sent.get(hit.path, 0) + step
                        time.sleep(float(delay))
                except OSError:
                    pass
                self.close_connection = True
                return True
            if kind == "length":  # lie about Content-Length: length:<delta>[:<hold>[:keep]]
                delta, _, rest = arg.partition(":")
                hold, _, keep = rest.partition(":")
                hit.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(data) + int(delta)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(data)  # all of it, whatever was announced
                    self.wfile.flush()
                    time.sleep(float(hold or 0))  # a server that keeps the socket open
                self.close_connection = keep != "keep"  # keep: serve the next request on it
                return True
            if kind == "resetmid":  # part of the body, then a TCP reset (RST)
                hit.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(data[: int(len(data) * float(arg or 0.5))])
                    self.wfile.flush()
                    time.sleep(0.05)  # let the client read what was sent
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.connection.close()
                self.close_connection = True
                return True
            if kind == "disposition":  # the file, with a server-chosen file name
                hit.status = 200
                self._send(
                    hit,
                    200,
                    data,
                    "application/pdf",
                    Content_Disposition=f'attachment; filename="{arg}"',
                )
                return True
            raise ValueError(f"unknown fault {fault!r}")

    return Handler


class FakeServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``base`` is its URL."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(site))
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.httpd.handle_error = lambda request, address: None  # quiet on resets
        host, port = self.httpd.server_address[:2]
        self.base = f"http://{host}:{port}"
        site.base = self.base
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def http_date(when: dt.datetime) -> str:
    return format_datetime(when.astimezone(dt.UTC), usegmt=True)
