"""GOV.UK notice readers (pure) and shape tolerance."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from ofstedmine.errors import MarkupChangedError
from ofstedmine.sources.govuk import (
    content_url,
    council_matches,
    notice_from_result,
    read_notice_content,
    read_notice_title,
    search_url,
)
from ofstedmine.types import DocumentKind

BRADFORD = SimpleNamespace(
    id="bradford",
    name="Bradford",
    urn=80449,
    urns=(80449,),
    aliases=(
        "City of Bradford Metropolitan District Council",
        "Bradford Children and Families Trust",
    ),
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Direction issued to Bradford Council: February 2022",
            ("direction", "Bradford Council", dt.date(2022, 2, 1)),
        ),
        (
            "Improvement notice issued to Bradford City Council: December 2018",
            ("improvement notice", "Bradford City Council", dt.date(2018, 12, 1)),
        ),
        ("Direction issued to Bradford Council", ("direction", "Bradford Council", None)),
        (
            "Statutory direction issued to Bradford Council - Sept 2021",
            ("direction", "Bradford Council", dt.date(2021, 9, 1)),
        ),
        ("Academy funding guidance", None),
    ],
)
def test_read_notice_title(title, expected):
    assert read_notice_title(title) == expected


@pytest.mark.parametrize(
    ("council", "names", "ok"),
    [
        ("City of Bradford Metropolitan District Council", ["Bradford"], True),
        ("Bradford City Council", ["Bradford"], True),
        ("Kingston upon Hull City Council", ["Kingston upon Hull"], True),
        ("Royal Borough of Windsor & Maidenhead", ["Windsor and Maidenhead"], True),
        ("North Northamptonshire Council", ["Northamptonshire"], False),
        ("Bradfield Parish Council", ["Bradford"], False),
        ("", ["Bradford"], False),
    ],
)
def test_council_matches(council, names, ok):
    assert council_matches(council, names) is ok


def test_urls():
    assert "filter_organisations=department-for-education" in search_url("x")
    assert content_url("/government/publications/a") == (
        "https://www.gov.uk/api/content/government/publications/a"
    )
    assert content_url("/api/content/a", base_url="http://h") == "http://h/api/content/a"


def test_notice_from_result():
    pub = notice_from_result(
        {
            "title": "Direction issued to Bradford City Council: February 2022",
            "link": "/government/publications/direction-bradford",
            "public_timestamp": "2022-02-09T09:30:00Z",
        },
        BRADFORD,
    )
    assert pub is not None
    assert pub.kind is DocumentKind.DFE_DIRECTION
    assert pub.published == dt.date(2022, 2, 9)
    assert pub.url == "https://www.gov.uk/government/publications/direction-bradford"
    assert (pub.source, pub.authority, pub.file_id) == ("govuk", "bradford", "direction-bradford")


def test_notice_from_result_tolerates_junk():
    assert notice_from_result("nonsense", BRADFORD) is None
    assert notice_from_result({"title": None, "link": "/x"}, BRADFORD) is None
    assert (
        notice_from_result({"title": "Direction issued to Leeds: May 2020", "link": "/x"}, BRADFORD)
        is None
    )
    pub = notice_from_result(
        {"title": "Improvement notice issued to Bradford Council: December 2018", "link": "/y"},
        BRADFORD,
    )
    assert pub.published == dt.date(2018, 12, 1)  # month from the title when no timestamp
    assert pub.kind is DocumentKind.DFE_IMPROVEMENT_NOTICE


def test_content_with_attachments():
    c = read_notice_content(
        {
            "title": "Improvement notice issued to Bradford City Council: December 2018",
            "public_updated_at": "2018-12-14T12:00:00+00:00",
            "details": {
                "body": "",
                "attachments": [
                    {
                        "url": "/media/abc/notice.pdf",
                        "title": "Notice",
                        "content_type": "application/pdf",
                    },
                    {
                        "url": "https://www.gov.uk/x.html",
                        "title": "HTML",
                        "content_type": "text/html",
                    },
                    {"title": "no url"},
                ],
            },
        },
        base_url="https://www.gov.uk",
    )
    assert c.updated == dt.date(2018, 12, 14)
    assert c.body_html is None
    assert [a.is_pdf for a in c.attachments] == [True, False]
    assert c.attachments[0].url == "https://www.gov.uk/media/abc/notice.pdf"


def test_content_with_body_parts_and_documents():
    c = read_notice_content(
        {
            "details": {
                "body": [
                    {"content_type": "text/govspeak", "content": "x"},
                    {"content_type": "text/html", "content": "<p>Our words.</p>"},
                ],
                "documents": [
                    '<div><a href="https://assets.publishing.service.gov.uk/a/b.pdf">'
                    "The direction</a></div>",
                    42,
                ],
            }
        }
    )
    assert c.body_html == "<p>Our words.</p>"
    assert c.attachments[0].url.endswith("/a/b.pdf") and c.attachments[0].is_pdf
    assert c.title is None and c.updated is None


def test_content_not_an_object():
    with pytest.raises(MarkupChangedError):
        read_notice_content(["not", "a", "dict"])
