"""reports.ofsted.gov.uk: search results -> provider pages -> :class:`Publication`.

The readers (:func:`read_search_page`, :func:`read_provider_page`) are pure: HTML
in, records out, :class:`~ofstedmine.errors.MarkupChangedError` naming the missing
element when the site's markup no longer matches. The fetchers
(:func:`search_authorities`, :func:`list_publications`) only add an
:class:`~ofstedmine.sources.http.HttpClient`.

>>> kind_from_label("Children's services focused visit")
<DocumentKind.FOCUSED_VISIT: 'focused_visit'>
>>> provider_url(80449)
'https://reports.ofsted.gov.uk/provider/44/80449'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from ..errors import MarkupChangedError
from ..types import DocumentKind, Publication, SourceKind

if TYPE_CHECKING:
    from .http import HttpClient

__all__ = [
    "OFSTED_BASE_URL",
    "ProviderRef",
    "kind_from_label",
    "list_publications",
    "parse_listing_date",
    "provider_url",
    "read_provider_page",
    "read_search_page",
    "search_authorities",
    "search_url",
]

OFSTED_BASE_URL = "https://reports.ofsted.gov.uk"
_SEARCH_QUERY = (
    "/search?q=&location=&lat=&lon=&radius=&level_1_types=3"
    "&level_2_types%5B%5D=12&start={start}&rows={rows}"
)
_PROVIDER_RE = re.compile(r"/provider/\d+/(\d+)/?$")
# "<type>, pdf - <D Month YYYY>", with "PDF", "as pdf" and stray spaces tolerated
_NONVISUAL_RE = re.compile(
    r"^(?P<label>.*?)\s*,?\s*(?:as\s+)?pdf\s*[-–]\s*(?P<date>\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})\s*$",
    re.IGNORECASE,
)

_KINDS: dict[str, DocumentKind] = {
    "children's services inspection": DocumentKind.FULL_INSPECTION,
    "single inspection of la children's services": DocumentKind.FULL_INSPECTION,
    "children's services focused visit": DocumentKind.FOCUSED_VISIT,
    "monitoring visit": DocumentKind.MONITORING_VISIT,
    "la monitoring visit": DocumentKind.MONITORING_VISIT,
    "joint area child protection inspection": DocumentKind.JTAI,
    "joint area review": DocumentKind.JOINT_AREA_REVIEW,
}


@dataclass(frozen=True)
class ProviderRef:
    """One search result: the provider's name as listed, its URN and page URL."""

    name: str
    urn: int
    url: str


def search_url(*, base_url: str = OFSTED_BASE_URL, start: int = 0, rows: int = 100) -> str:
    """The search for all local authority children's services, from result ``start``.

    >>> search_url(start=100).endswith("&start=100&rows=100")
    True
    """
    return base_url.rstrip("/") + _SEARCH_QUERY.format(start=start, rows=rows)


def provider_url(urn: int, *, base_url: str = OFSTED_BASE_URL) -> str:
    """The provider page of a URN (or of an old LA code)."""
    return f"{base_url.rstrip('/')}/provider/44/{int(urn)}"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").split())


def kind_from_label(label: str | None) -> DocumentKind:
    """The document kind for a type label as the site lists it (else ``OTHER``).

    >>> kind_from_label("LA Monitoring visit")
    <DocumentKind.MONITORING_VISIT: 'monitoring_visit'>
    >>> kind_from_label("Area SEND full inspection")
    <DocumentKind.OTHER: 'other'>
    """
    if not label:
        return DocumentKind.OTHER
    return _KINDS.get(_norm(label).casefold(), DocumentKind.OTHER)


def parse_listing_date(text: str) -> dt.date | None:
    """A date as the site prints it: ``29 October 2018``, ``29 Oct 2018`` or ISO.

    >>> parse_listing_date("29  October 2018")
    datetime.date(2018, 10, 29)
    >>> parse_listing_date("2018-10-29T00:00:00")
    datetime.date(2018, 10, 29)
    >>> parse_listing_date("sometime") is None
    True
    """
    text = _norm(text).replace(".", "")
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    text = re.sub(r"\bSept\b", "Sep", text, flags=re.IGNORECASE)
    for fmt in ("%d %B %Y", "%d %b %Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _soup(html: str | bytes) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml")


def read_search_page(html: str | bytes, *, base_url: str) -> tuple[list[ProviderRef], str | None]:
    """The providers listed on one search result page, and the next page's URL.

    ``base_url`` is the page's own URL (links are resolved against it).
    Raises :class:`MarkupChangedError` when no result links are found.
    """
    soup = _soup(html)
    refs: list[ProviderRef] = []
    seen: set[int] = set()
    for a in soup.select("li h3 a[href]"):
        url = urljoin(base_url, a["href"])
        m = _PROVIDER_RE.search(urlsplit(url).path)
        if not m:
            continue
        urn = int(m[1])
        if urn not in seen:
            seen.add(urn)
            refs.append(ProviderRef(_norm(a.get_text()), urn, url))
    if not refs:
        raise MarkupChangedError(
            f"no result links (li h3 a[href*='/provider/']) on search page {base_url}; "
            "the search page layout may have changed"
        )
    nxt = soup.select_one("ul.pagination li.next a[href]")
    return refs, (urljoin(base_url, nxt["href"]) if nxt else None)


def search_authorities(
    client: HttpClient,
    *,
    base_url: str = OFSTED_BASE_URL,
    rows: int = 100,
    max_pages: int = 50,
) -> list[ProviderRef]:
    """Every local authority children's services provider the site's search lists.

    Follows ``ul.pagination li.next`` links (at most ``max_pages``, never the same
    page twice).
    """
    url: str | None = search_url(base_url=base_url, rows=rows)
    seen_pages: set[str] = set()
    refs: dict[int, ProviderRef] = {}
    while url and url not in seen_pages and len(seen_pages) < max_pages:
        seen_pages.add(url)
        page_refs, url = read_search_page(client.get_text(url), base_url=url)
        for ref in page_refs:
            refs.setdefault(ref.urn, ref)
    return list(refs.values())


def _visible_text(a: Any) -> str:
    """The link text without its ``span.nonvisual`` part."""
    parts: list[str] = []
    for child in a.children:
        if getattr(child, "name", None) and "nonvisual" in (child.get("class") or []):
            continue
        parts.append(child.get_text() if hasattr(child, "get_text") else str(child))
    return _norm("".join(parts))


def read_provider_page(
    html: str | bytes,
    *,
    base_url: str,
    urn: int | None = None,
    authority: str | None = None,
) -> list[Publication]:
    """The publications listed on a provider page, newest first, as printed.

    ``base_url`` is the page's URL (relative links resolve against it); ``urn`` and
    ``authority`` (a registry id) are copied into each :class:`Publication`. The
    publication date comes from the link's ``span.nonvisual`` text, else from the
    day's ``p.timeline__date time``. Raises :class:`MarkupChangedError` naming the
    element that is missing.
    """
    soup = _soup(html)
    timeline = soup.select_one("ol.timeline")
    if timeline is None:
        raise MarkupChangedError(
            f"no ol.timeline on provider page {base_url}; the page layout has changed "
            "(update ofstedmine.sources.ofsted.read_provider_page)"
        )
    days = timeline.select("li.timeline__day")
    pubs: list[Publication] = []
    seen: set[str] = set()
    n_links = 0
    for day in days:
        time_el = day.select_one("p.timeline__date time")
        day_date = None
        if time_el is not None:
            day_date = parse_listing_date(time_el.get("datetime") or "") or parse_listing_date(
                time_el.get_text()
            )
        for a in day.select("span.event__title.heading--sub a.publication-link[href]"):
            n_links += 1
            url = urljoin(base_url, a["href"].strip())
            if url in seen:
                continue
            seen.add(url)
            hidden = a.select_one("span.nonvisual")
            label = _visible_text(a)
            published = None
            if hidden is not None:
                m = _NONVISUAL_RE.match(_norm(hidden.get_text()))
                if m:
                    published = parse_listing_date(m["date"])
                    label = label or _norm(m["label"])
            published = published or day_date
            if published is None:
                raise MarkupChangedError(
                    f"no publication date (span.nonvisual '<type>, pdf - <date>' or "
                    f"p.timeline__date > time) for {url} on provider page {base_url}"
                )
            file_id = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or None
            pubs.append(
                Publication(
                    url=url,
                    source=SourceKind.OFSTED,
                    authority=authority,
                    urn=urn,
                    kind_label=label or None,
                    kind=kind_from_label(label),
                    published=published,
                    file_id=file_id,
                    title=label or None,
                )
            )
    if days and n_links == 0:
        raise MarkupChangedError(
            f"no span.event__title.heading--sub a.publication-link in ol.timeline on "
            f"provider page {base_url}; the page layout has changed"
        )
    return pubs


def _authority(authority: Any) -> Any:
    if isinstance(authority, str):
        import ofstedmine.authorities as authorities

        return authorities.get(authority)
    return authority


def list_publications(
    client: HttpClient, authority: Any, *, base_url: str = OFSTED_BASE_URL
) -> list[Publication]:
    """Every publication on the provider pages of ``authority`` (object or registry key).

    Reads ``/provider/44/<urn>`` for each of the authority's URNs, newest first
    within each page, without duplicates.
    """
    auth = _authority(authority)
    pubs: list[Publication] = []
    seen: set[str] = set()
    for urn in auth.urns:
        url = provider_url(urn, base_url=base_url)
        for pub in read_provider_page(
            client.get_text(url), base_url=url, urn=urn, authority=auth.id
        ):
            if pub.url not in seen:
                seen.add(pub.url or "")
                pubs.append(pub)
    return pubs
