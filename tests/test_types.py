"""Records round-trip through dicts and JSON (property-based)."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from ofstedmine.types import (
    Area,
    Block,
    BlockKind,
    Document,
    DocumentKind,
    Event,
    EventKind,
    Extraction,
    Finding,
    Framework,
    Grade,
    Judgement,
    JudgementStatus,
    Locator,
    Metadata,
    Page,
    Polarity,
    Publication,
    Recommendation,
    RecommendationList,
    Section,
)

text = st.text(max_size=40)
small = st.integers(min_value=0, max_value=10_000)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
sha = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)

locators = st.builds(
    Locator,
    document_id=sha,
    page=st.integers(1, 500),
    start=small,
    end=small,
    section=st.tuples(text, text) | st.just(()),
    bbox=st.none() | st.tuples(*[st.floats(0, 1000, allow_nan=False)] * 4),
    url=st.none() | st.just("https://files.ofsted.gov.uk/v1/file/50035108"),
)
publications = st.builds(
    Publication,
    url=st.none() | st.just("https://example.org/a.pdf"),
    authority=st.none() | text,
    urn=st.none() | st.integers(1, 10**7),
    kind_label=st.none() | text,
    kind=st.none() | st.sampled_from(DocumentKind),
    published=st.none() | dates,
    file_id=st.none() | text,
    title=st.none() | text,
)
judgements = st.builds(
    Judgement,
    area=st.sampled_from(Area),
    grade=st.none() | st.sampled_from(Grade),
    status=st.sampled_from(JudgementStatus),
    label=st.none() | text,
    locator=st.none() | locators,
)
findings = st.builds(
    Finding,
    text=text,
    polarity=st.sampled_from(Polarity),
    locator=locators,
    themes=st.lists(text, max_size=3).map(tuple),
    cues=st.lists(text, max_size=3).map(tuple),
    quoted_from=st.none() | text,
)
recommendations = st.builds(
    Recommendation,
    text=text,
    list=st.sampled_from(RecommendationList),
    index=st.integers(1, 40),
    locator=locators,
    themes=st.lists(text, max_size=3).map(tuple),
    heading=st.none() | text,
)
metadata = st.builds(
    Metadata,
    authority=st.none() | text,
    kind=st.sampled_from(DocumentKind),
    framework=st.sampled_from(Framework),
    inspection_start=st.none() | dates,
    inspection_end=st.none() | dates,
    fieldwork=st.lists(st.tuples(dates, dates), max_size=2).map(tuple),
    lead_inspectors=st.lists(text, max_size=2).map(tuple),
)
extractions = st.builds(
    Extraction,
    document_id=sha,
    metadata=metadata,
    judgements=st.lists(judgements, max_size=4).map(tuple),
    recommendations=st.lists(recommendations, max_size=3).map(tuple),
    findings=st.lists(findings, max_size=3).map(tuple),
    warnings=st.lists(text, max_size=2).map(tuple),
    versions=st.dictionaries(text, text, max_size=3),
    part=st.integers(1, 3),
    span=st.none() | st.tuples(small, small),
)
documents = st.builds(
    Document,
    id=sha,
    text=text,
    pages=st.lists(
        st.builds(Page, number=st.integers(1, 99), start=small, end=small), max_size=3
    ).map(tuple),
    blocks=st.lists(
        st.builds(
            Block,
            kind=st.sampled_from(BlockKind),
            start=small,
            end=small,
            page=st.integers(1, 99),
            number=st.none() | text,
        ),
        max_size=3,
    ).map(tuple),
    sections=st.lists(
        st.builds(
            Section,
            heading=text,
            path=st.tuples(text),
            level=st.integers(1, 4),
            start=small,
            end=small,
            page=st.integers(1, 99),
        ),
        max_size=2,
    ).map(tuple),
    kind=st.sampled_from(DocumentKind),
    framework=st.sampled_from(Framework),
    publication=st.none() | publications,
)
events = st.builds(
    Event,
    date=dates,
    kind=st.sampled_from(EventKind),
    authority=st.none() | text,
    title=text,
    themes=st.lists(text, max_size=2).map(tuple),
)


def _roundtrip(record):
    data = json.loads(json.dumps(record.to_dict()))
    return type(record).from_dict(data)


@given(extractions)
def test_extraction_round_trips_through_json(ex):
    assert _roundtrip(ex) == ex


@given(documents)
def test_document_round_trips_through_json(doc):
    assert _roundtrip(doc) == doc


@given(events)
def test_event_round_trips_through_json(ev):
    assert _roundtrip(ev) == ev


@given(publications)
def test_publication_round_trips_through_json(pub):
    assert _roundtrip(pub) == pub


def test_grades_are_ordered_worst_to_best():
    assert sorted(
        [Grade.GOOD, Grade.INADEQUATE, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT]
    ) == [Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.OUTSTANDING]
    assert Grade.GOOD > Grade.REQUIRES_IMPROVEMENT
    assert Grade("good") == "good"  # values stay plain strings for pandas


def test_locate_gives_page_and_section():
    text = "Title\n\nFirst page words.\n\nSecond page words."
    pages = (Page(1, 0, 25), Page(2, 25, len(text)))
    sections = (Section("Title", ("Title",), 1, 0, len(text), 1),)
    doc = Document(
        id="0" * 64,
        text=text,
        pages=pages,
        sections=sections,
        publication=Publication(url="https://files.ofsted.gov.uk/v1/file/1"),
    )
    loc = doc.locate(text.index("Second"), len(text))
    assert (loc.page, loc.section) == (2, ("Title",))
    assert loc.page_url == "https://files.ofsted.gov.uk/v1/file/1#page=2"
    assert doc.locate(0).page == 1
