"""GOV.UK: the Department for Education's direction and improvement notices.

:func:`find_notices` asks the GOV.UK Search API for publications titled
"Direction issued to <Council>: <Month YYYY>" or "Improvement notice issued to
<Council>: <Month YYYY>"; :func:`fetch_notice` reads the page from the Content API
and stores the attached PDF, or else the HTML body. The JSON shapes are read
tolerantly (missing keys, a body given as a list of typed parts, attachments in
``details.attachments`` or as HTML snippets in ``details.documents``).

>>> read_notice_title("Direction issued to Bradford City Council: February 2022")
('direction', 'Bradford City Council', datetime.date(2022, 2, 1))
>>> council_matches("City of Bradford Metropolitan District Council", ["Bradford"])
True
>>> council_matches("North Northamptonshire Council", ["Northamptonshire"])
False
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urljoin, urlsplit

from ..errors import MarkupChangedError, OfflineError
from ..types import DocumentKind, Publication, SourceKind

if TYPE_CHECKING:
    from .http import HttpClient
    from .store import Store, StoreResult

__all__ = [
    "GOVUK_BASE_URL",
    "Attachment",
    "NoticeContent",
    "content_url",
    "council_matches",
    "fetch_notice",
    "find_all_notices",
    "find_notices",
    "notice_from_result",
    "read_notice_content",
    "read_notice_title",
    "search_url",
]

GOVUK_BASE_URL = "https://www.gov.uk"
_TITLE_RE = re.compile(
    r"^\s*(?:statutory\s+)?(?P<what>direction|improvement\s+notice)s?\s+(?:issued\s+)?to\s+"
    r"(?P<council>.+?)(?:\s*[:,\u2013-]\s*(?P<month>[A-Za-z]+\s+\d{4}))?\s*$",
    re.IGNORECASE,
)
_GENERIC_WORDS = {
    "city",
    "of",
    "metropolitan",
    "district",
    "borough",
    "county",
    "council",
    "london",
    "royal",
    "the",
    "mbc",
    "cc",
    "unitary",
    "authority",
}
_KIND_OF = {
    "direction": (DocumentKind.DFE_DIRECTION, "Direction"),
    "improvement notice": (DocumentKind.DFE_IMPROVEMENT_NOTICE, "Improvement notice"),
}


@dataclass(frozen=True)
class Attachment:
    """A file attached to a GOV.UK publication."""

    url: str
    title: str | None = None
    content_type: str | None = None

    @property
    def is_pdf(self) -> bool:
        return "pdf" in (self.content_type or "").lower() or urlsplit(
            self.url
        ).path.lower().endswith(".pdf")


@dataclass(frozen=True)
class NoticeContent:
    """What the Content API says about one publication page."""

    title: str | None
    updated: dt.date | None
    body_html: str | None
    attachments: tuple[Attachment, ...] = ()


def search_url(query: str, *, base_url: str = GOVUK_BASE_URL, count: int = 50) -> str:
    """A Search API URL for ``query`` among the DfE's publications.

    >>> search_url("direction issued to Bradford", base_url="https://www.gov.uk")[:52]
    'https://www.gov.uk/api/search.json?q=direction+issue'
    """
    params = {
        "q": query,
        "filter_organisations": "department-for-education",
        "count": str(count),
    }
    return f"{base_url.rstrip('/')}/api/search.json?{urlencode(params)}"


def content_url(link: str, *, base_url: str = GOVUK_BASE_URL) -> str:
    """The Content API URL of a page (a path such as ``/government/publications/x``
    or a full www.gov.uk URL).

    >>> content_url("https://www.gov.uk/government/publications/x")
    'https://www.gov.uk/api/content/government/publications/x'
    """
    path = urlsplit(link).path or "/"
    if path.startswith("/api/content/"):
        path = path[len("/api/content") :]
    return f"{base_url.rstrip('/')}/api/content{path if path.startswith('/') else '/' + path}"


def _month_start(text: str | None) -> dt.date | None:
    if not text:
        return None
    text = re.sub(r"^Sept\b", "Sep", text.strip(), flags=re.IGNORECASE)
    for fmt in ("%B %Y", "%b %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _iso_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
        return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def read_notice_title(title: str) -> tuple[str, str, dt.date | None] | None:
    """``(what, council, month)`` from a notice's title, or None if it is not one.

    ``what`` is ``"direction"`` or ``"improvement notice"``; ``month`` is the first
    day of the month named after the colon, if any.
    """
    m = _TITLE_RE.match(" ".join(title.split()))
    if not m:
        return None
    what = " ".join(m["what"].lower().split())
    return what, m["council"].strip(), _month_start(m["month"])


def _core(name: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", name.casefold().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in _GENERIC_WORDS)


def council_matches(council: str, names: Iterable[str]) -> bool:
    """Whether a council as named in a title is the authority with one of ``names``.

    Generic words ("City of", "Metropolitan District", "Council", ...) are ignored;
    the rest must be equal, so "North Northamptonshire" is not "Northamptonshire".
    """
    core = _core(council)
    return bool(core) and any(core == _core(n) for n in names if n)


def _names(authority: Any) -> list[str]:
    names = [authority.name]
    for attr in ("aliases", "names"):
        extra = getattr(authority, attr, None) or ()
        names.extend(n for n in extra if isinstance(n, str))
    return names


def _is_authority(council: str, authority: Any) -> bool:
    if council_matches(council, _names(authority)):
        return True
    try:  # the registry knows printed variants ("Hull", "Bristol, City of", trusts)
        import ofstedmine.authorities as authorities

        found = authorities.lookup(council)
    except Exception:  # noqa: BLE001 - no registry: the name match above decides
        return False
    return found is not None and found.id == authority.id


def notice_from_result(
    result: Any, authority: Any, *, base_url: str = GOVUK_BASE_URL
) -> Publication | None:
    """A :class:`Publication` for one search result about ``authority``, or None."""
    if not isinstance(result, dict):
        return None
    title = result.get("title")
    link = result.get("link") or result.get("_id")
    if not isinstance(title, str) or not isinstance(link, str) or not link:
        return None
    read = read_notice_title(title)
    if read is None or not _is_authority(read[1], authority):
        return None
    kind, label = _KIND_OF[read[0]]
    published = _iso_date(result.get("public_timestamp")) or read[2]
    slug = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
    return Publication(
        url=urljoin(base_url.rstrip("/") + "/", link),
        source=SourceKind.GOVUK,
        authority=authority.id,
        urn=getattr(authority, "urn", None),
        kind_label=label,
        kind=kind,
        published=published,
        file_id=slug or None,
        title=" ".join(title.split()),
    )


_PHRASES = ("Direction issued to", "Improvement notice issued to")


def _results(data: Any) -> list[Any]:
    results = data.get("results") if isinstance(data, dict) else None
    return results if isinstance(results, list) else []


def _oldest_first(pubs: Iterable[Publication]) -> list[Publication]:
    return sorted(pubs, key=lambda p: (p.published or dt.date.min, p.url or ""))


def find_notices(
    client: HttpClient, authority: Any, *, base_url: str = GOVUK_BASE_URL
) -> list[Publication]:
    """The DfE direction and improvement notices GOV.UK lists for ``authority``.

    ``authority`` is a registry object or key. Results are matched on their
    title; oldest first.
    """
    if isinstance(authority, str):
        import ofstedmine.authorities as authorities

        authority = authorities.get(authority)
    found: dict[str, Publication] = {}
    for what in _PHRASES:
        data = client.get_json(search_url(f"{what} {authority.name}", base_url=base_url))
        for result in _results(data):
            pub = notice_from_result(result, authority, base_url=base_url)
            if pub is not None and pub.url not in found:
                found[pub.url or ""] = pub
    return _oldest_first(found.values())


def find_all_notices(
    client: HttpClient, *, base_url: str = GOVUK_BASE_URL, count: int = 1000
) -> dict[str, list[Publication]]:
    """Every authority's notices from two searches: registry id -> publications.

    Cheaper than :func:`find_notices` per authority when fetching them all; the
    council in each title is matched to the registry.
    """
    import ofstedmine.authorities as authorities

    found: dict[str, dict[str, Publication]] = {}
    for what in _PHRASES:
        for result in _results(client.get_json(search_url(what, base_url=base_url, count=count))):
            read = (
                read_notice_title(result.get("title") or "") if isinstance(result, dict) else None
            )
            auth = authorities.lookup(read[1]) if read else None
            pub = notice_from_result(result, auth, base_url=base_url) if auth else None
            if pub is not None:
                found.setdefault(auth.id, {}).setdefault(pub.url or "", pub)
    return {aid: _oldest_first(pubs.values()) for aid, pubs in found.items()}


def _body_html(body: Any) -> str | None:
    if isinstance(body, str):
        return body
    if isinstance(body, list):  # [{"content_type": "text/html", "content": "..."}]
        for part in body:
            if isinstance(part, dict) and "html" in str(part.get("content_type", "")):
                content = part.get("content")
                if isinstance(content, str):
                    return content
    return None


def read_notice_content(data: Any, *, base_url: str = GOVUK_BASE_URL) -> NoticeContent:
    """The title, date, HTML body and attachments of a Content API answer (pure)."""
    if not isinstance(data, dict):
        raise MarkupChangedError("GOV.UK Content API answer is not a JSON object")
    details = data.get("details") if isinstance(data.get("details"), dict) else {}
    attachments: list[Attachment] = []
    for item in details.get("attachments") or ():
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            attachments.append(
                Attachment(
                    urljoin(base_url.rstrip("/") + "/", item["url"]),
                    item.get("title") if isinstance(item.get("title"), str) else None,
                    item.get("content_type") if isinstance(item.get("content_type"), str) else None,
                )
            )
    documents = [d for d in details.get("documents") or () if isinstance(d, str)]
    if documents:
        from bs4 import BeautifulSoup

        for snippet in documents:
            for a in BeautifulSoup(snippet, "lxml").select("a[href]"):
                url = urljoin(base_url.rstrip("/") + "/", a["href"])
                if all(att.url != url for att in attachments):
                    attachments.append(Attachment(url, " ".join(a.get_text().split()) or None))
    body = _body_html(details.get("body"))
    return NoticeContent(
        title=data.get("title") if isinstance(data.get("title"), str) else None,
        updated=_iso_date(data.get("public_updated_at")) or _iso_date(data.get("updated_at")),
        body_html=body if body and body.strip() else None,
        attachments=tuple(attachments),
    )


def _wrap_html(title: str, url: str | None, body: str) -> bytes:
    head = f"<title>{html.escape(title)}</title>"
    if url:
        head += f'<link rel="canonical" href="{html.escape(url)}">'
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"{head}</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n"
    )
    return page.encode("utf-8")


def fetch_notice(
    client: HttpClient | None,
    publication: Publication,
    store: Store,
    *,
    base_url: str = GOVUK_BASE_URL,
) -> list[StoreResult]:
    """Store a notice: its attached PDF(s), or else its HTML body as ``.html``.

    Offline (or with a mirror, which holds no notices) only what the store
    already holds is returned. Raises :class:`~ofstedmine.errors.MarkupChangedError`
    when the page has neither a body nor a PDF attachment.
    """
    if store.offline or store.mirror is not None or client is None:
        held = store.find(publication)
        if held is not None:
            from .store import StoreResult

            return [StoreResult("unchanged", held)]
        raise OfflineError(
            f"notice {publication.url} is not in the store and the network is not in use"
        )
    content = read_notice_content(
        client.get_json(content_url(publication.url or "", base_url=base_url)),
        base_url=base_url,
    )
    title = content.title or publication.title or publication.file_id or "notice"
    pdfs = [a for a in content.attachments if a.is_pdf]
    if pdfs:
        results = []
        for att in pdfs:
            segment = urlsplit(att.url).path.rstrip("/").rsplit("/", 1)[-1]
            stem = segment[:-4] if segment.lower().endswith(".pdf") else segment
            pub = Publication(
                url=att.url,
                source=SourceKind.GOVUK,
                authority=publication.authority,
                urn=publication.urn,
                kind_label=publication.kind_label,
                kind=publication.kind,
                published=publication.published or content.updated,
                file_id=stem or publication.file_id,
                title=att.title or title,
            )
            results.append(store.fetch(pub, client))
        return results
    if content.body_html:
        data = _wrap_html(title, publication.url, content.body_html)
        return [store.put_bytes(data, publication, ext="html")]
    raise MarkupChangedError(
        f"GOV.UK content for {publication.url} has no details.body and no PDF in "
        "details.attachments or details.documents; the Content API shape may have changed"
    )
