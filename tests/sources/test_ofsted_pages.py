"""The readers of Ofsted's search and provider pages (pure: HTML in, records out)."""

from __future__ import annotations

import datetime as dt

import pytest
from _fakesite import Pub, Site

from ofstedmine.errors import MarkupChangedError
from ofstedmine.sources.ofsted import (
    kind_from_label,
    parse_listing_date,
    provider_url,
    read_provider_page,
    read_search_page,
    search_url,
)
from ofstedmine.types import DocumentKind

BASE = "https://reports.ofsted.gov.uk"


def _day(href: str, label: str, hidden: str, when: str = "2018-10-29") -> str:
    return (
        f'<li class="timeline__day"><p class="timeline__date"><time datetime="{when}">x</time></p>'
        f'<span class="event__title heading--sub"><a class="publication-link" href="{href}">'
        f'{label} <span class="nonvisual">{hidden}</span></a></span></li>'
    )


def _page(*days: str) -> str:
    return f'<html><body><ol class="timeline">{"".join(days)}</ol></body></html>'


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Children's services inspection", DocumentKind.FULL_INSPECTION),
        ("Children\u2019s services inspection", DocumentKind.FULL_INSPECTION),
        ("Single inspection of LA children's services", DocumentKind.FULL_INSPECTION),
        ("Children's services focused visit", DocumentKind.FOCUSED_VISIT),
        ("Monitoring visit", DocumentKind.MONITORING_VISIT),
        ("LA Monitoring visit", DocumentKind.MONITORING_VISIT),
        ("Joint area child protection inspection", DocumentKind.JTAI),
        ("Joint area review", DocumentKind.JOINT_AREA_REVIEW),
        ("Area SEND full inspection", DocumentKind.OTHER),
        ("", DocumentKind.OTHER),
        (None, DocumentKind.OTHER),
    ],
)
def test_kind_from_label(label, kind):
    assert kind_from_label(label) is kind


def test_urls():
    assert provider_url(80449) == f"{BASE}/provider/44/80449"
    url = search_url(start=0)
    assert url.startswith(f"{BASE}/search?q=&location=&lat=&lon=&radius=&level_1_types=3")
    assert "level_2_types%5B%5D=12&start=0&rows=100" in url


@pytest.mark.parametrize(
    ("hidden", "label"),
    [
        ("Children's services inspection, pdf - 29 October 2018", "Children's services inspection"),
        ("Children's services inspection, PDF - 29 October 2018", "Children's services inspection"),
        (
            "Children's services inspection,  pdf  -  29  October 2018",
            "Children's services inspection",
        ),
        (
            "Children's services inspection as pdf - 29 October 2018",
            "Children's services inspection",
        ),
    ],
)
def test_nonvisual_variants(hidden, label):
    html = _page(_day("https://files.ofsted.gov.uk/v1/file/50035108", label, hidden, when=""))
    (pub,) = read_provider_page(
        html, base_url=BASE + "/provider/44/80449", urn=80449, authority="bradford"
    )
    assert pub.published == dt.date(2018, 10, 29)
    assert pub.kind_label == label
    assert pub.kind is DocumentKind.FULL_INSPECTION
    assert pub.file_id == "50035108"
    assert pub.url == "https://files.ofsted.gov.uk/v1/file/50035108"
    assert (pub.urn, pub.authority, pub.source) == (80449, "bradford", "ofsted")


def test_old_host_and_relative_links_are_kept_as_printed():
    html = _page(
        _day(
            "https://files.api.ofsted.gov.uk/v1/file/2760660",
            "Joint area review",
            "Joint area review, pdf - 1 May 2009",
        ),
        _day("/v1/file/123", "Monitoring visit", "Monitoring visit, pdf - 3 June 2019"),
    )
    pubs = read_provider_page(html, base_url=BASE + "/provider/44/80449")
    assert [p.url for p in pubs] == [
        "https://files.api.ofsted.gov.uk/v1/file/2760660",
        f"{BASE}/v1/file/123",
    ]
    assert [p.kind for p in pubs] == [DocumentKind.JOINT_AREA_REVIEW, DocumentKind.MONITORING_VISIT]


def test_date_falls_back_to_the_timeline_date():
    html = _page(_day("/v1/file/9", "Monitoring visit", "odd text", when="2020-02-25"))
    (pub,) = read_provider_page(html, base_url=BASE)
    assert pub.published == dt.date(2020, 2, 25)


def test_visible_label_missing_uses_the_hidden_one():
    html = _page(_day("/v1/file/9", "", "Monitoring visit, pdf - 25 February 2020"))
    (pub,) = read_provider_page(html, base_url=BASE)
    assert pub.kind_label == "Monitoring visit"


def test_generated_provider_page_reads_back(site: Site):
    site.base = "http://127.0.0.1:1"
    pubs = read_provider_page(
        site.provider_page(80449), base_url=site.base + "/provider/44/80449", urn=80449
    )
    expected = sorted(site.providers[80449].pubs, key=lambda p: p.published, reverse=True)
    assert [p.published for p in pubs] == [p.published for p in expected]
    assert [p.file_id for p in pubs] == [p.file_id for p in expected]
    assert [p.kind_label for p in pubs] == [p.label for p in expected]


def test_no_timeline_names_the_element():
    with pytest.raises(MarkupChangedError, match=r"no ol\.timeline on provider page .*80449"):
        read_provider_page("<html><table></table></html>", base_url=f"{BASE}/provider/44/80449")


def test_timeline_without_links_names_the_element():
    html = '<ol class="timeline"><li class="timeline__day"><p>nothing</p></li></ol>'
    with pytest.raises(MarkupChangedError, match=r"a\.publication-link"):
        read_provider_page(html, base_url=BASE)


def test_no_date_anywhere_names_the_elements():
    html = _page(_day("/v1/file/9", "Monitoring visit", "no date here", when=""))
    with pytest.raises(MarkupChangedError, match=r"timeline__date"):
        read_provider_page(html, base_url=BASE)


def test_empty_timeline_is_not_an_error():
    assert read_provider_page('<ol class="timeline"></ol>', base_url=BASE) == []


def test_duplicate_links_once():
    day = _day("/v1/file/9", "Monitoring visit", "Monitoring visit, pdf - 3 June 2019")
    assert len(read_provider_page(_page(day, day), base_url=BASE)) == 1


def test_search_page(site: Site):
    site.base = BASE
    refs, nxt = read_search_page(site.search_page(0, 100), base_url=search_url())
    assert [r.name for r in refs] == ["Barnsley", "Birmingham", "Bradford"]
    assert refs[2].urn == 80449 and refs[2].url == f"{BASE}/provider/44/80449"
    assert nxt is not None and "start=3" in nxt
    refs, nxt = read_search_page(site.search_page(3, 100), base_url=nxt)
    assert [r.urn for r in refs] == [80451] and nxt is None


def test_search_page_changed():
    with pytest.raises(MarkupChangedError, match=r"li h3 a"):
        read_search_page("<html><div>results</div></html>", base_url=search_url())


def test_parse_listing_date():
    assert parse_listing_date("1 Sept 2021") == dt.date(2021, 9, 1)
    assert parse_listing_date("12 Feb 2021") == dt.date(2021, 2, 12)
    assert parse_listing_date("31/01/2023") == dt.date(2023, 1, 31)
    assert parse_listing_date("2023-02-30") is None


def test_pub_styles_cover_all_variants():
    # the fake site exercises every label variant the README lists
    styles = {p.style for prov in Site(None).providers.values() for p in prov.pubs}
    assert {"pdf", "PDF", "as pdf", "double"} <= styles
    assert isinstance(Pub("1", "x", dt.date(2020, 1, 1)).style, str)
