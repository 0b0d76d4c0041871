"""events.csv reading and the merged timeline, on synthetic inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from _fakesite import make_pdf

from ofstedmine.sources.events import TIMELINE_COLUMNS, event_kind_of, read_events_csv, timeline
from ofstedmine.sources.store import Store
from ofstedmine.types import DocumentKind, EventKind, Publication

CSV = """date,authority,urn,kind,title,source_url,note
2018-12,Bradford,80449,dfe_improvement_notice,A made-up notice,,month only
2019-10,Bradford,80449,monitoring_visit,A made-up earlier visit,,month only
2020-02-25,Bradford,80449,monitoring_visit,A made-up visit,https://example.org/a,
2023,Bradford,80449,trust_go_live,A made-up handover,,
2021-05-01,Leeds,,monitoring_visit,Someone else's visit,,
2022-01-01,Bradford,80449,brand_new_kind,Something new,,
"""


@pytest.fixture
def events_csv(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_read_events_csv(events_csv: Path):
    events = read_events_csv(events_csv)
    del events[1]
    assert [(e.date, e.date_precision) for e in events[:3]] == [
        (dt.date(2018, 12, 1), "month"),
        (dt.date(2020, 2, 25), "day"),
        (dt.date(2023, 1, 1), "year"),
    ]
    assert [e.kind for e in events] == [
        EventKind.DFE_IMPROVEMENT_NOTICE,
        EventKind.MONITORING_VISIT,
        EventKind.TRUST_GO_LIVE,
        EventKind.MONITORING_VISIT,
        EventKind.OTHER,
    ]
    assert events[0].authority == "bradford" and events[3].authority == "leeds"
    assert events[1].source_url == "https://example.org/a" and events[0].note == "month only"
    assert {e.source for e in events} == {"events.csv"}


def test_bad_date_names_the_line(tmp_path: Path):
    path = tmp_path / "e.csv"
    path.write_text("date,authority,urn,kind,title,source_url,note\nsoon,Bradford,,x,y,,\n")
    with pytest.raises(ValueError, match="line 2"):
        read_events_csv(path)


def test_event_kind_of():
    assert event_kind_of(DocumentKind.FULL_INSPECTION) is EventKind.INSPECTION
    assert event_kind_of(DocumentKind.NEWS) is EventKind.PUBLICATION
    assert event_kind_of("ILACS") is EventKind.INSPECTION
    assert event_kind_of(None) is EventKind.OTHER


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    for kind, day, fid in [
        (DocumentKind.FULL_INSPECTION, dt.date(2023, 1, 31), "1"),
        (DocumentKind.MONITORING_VISIT, dt.date(2019, 12, 18), "2"),
    ]:
        pub = Publication(
            url=f"https://files.ofsted.gov.uk/v1/file/{fid}",
            authority="bradford",
            urn=80449,
            kind=kind,
            published=day,
            file_id=fid,
            kind_label="Monitoring visit" if fid == "2" else None,
        )
        store.put_bytes(make_pdf(f"made-up document {fid}"), pub, ext="pdf")
    return store


def _stats() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "authority": ["bradford", "bradford", "bradford", "leeds"],
            "authority_name": ["Bradford", "Bradford", "Bradford", "Leeds"],
            "urn": [80449, 80449, 80449, 80450],
            "event_kind": ["inspection", "monitoring_visit", "monitoring_visit", "inspection"],
            "visit_start": pd.to_datetime(["2022-11-21", "2021-04-28", "2024-05-22", "2022-01-01"]),
            "visit_end": pd.to_datetime(["2022-12-02", None, None, None]),
            "published": pd.to_datetime([None, None, "2024-07-12", None]),
            "themes": [None, "Theme A", "Theme B", None],
            "type_label": ["ILACS", "LA Monitoring visit", "LA Monitoring visit", "ILACS"],
        }
    )


def test_timeline_merges_and_dedupes(tmp_path: Path, events_csv: Path):
    frame = timeline("bradford", store=_store(tmp_path), statistics=_stats(), events=events_csv)
    assert list(frame.columns) == list(TIMELINE_COLUMNS)
    assert frame["date"].is_monotonic_increasing
    assert set(frame["authority"]) == {"bradford"}
    held = frame[frame["text_held"]]
    assert list(held["date"].dt.date) == [dt.date(2019, 12, 18), dt.date(2023, 1, 31)]
    inspection = held[held["kind"] == "inspection"].iloc[0]
    # the statistics' Nov 2022 inspection is the Jan 2023 report: shown once
    assert inspection["source"] == "store+statistics"
    assert "visit 21 Nov 2022 to 2 Dec 2022" in inspection["title"]
    assert not ((frame["kind"] == "inspection") & ~frame["text_held"]).any()
    # the Oct 2019 visit is the Dec 2019 letter; the Feb 2020 visit came after it
    letter = held[held["kind"] == "monitoring_visit"].iloc[0]
    assert letter["source"] == "store+events.csv"
    visits = frame[(frame["kind"] == "monitoring_visit") & ~frame["text_held"]]
    assert list(visits["date"].dt.date) == [
        dt.date(2020, 2, 25),
        dt.date(2021, 4, 28),
        dt.date(2024, 5, 22),
    ]
    assert visits.iloc[1]["themes"] == ("Theme A",)
    assert set(frame["date_precision"]) == {"day", "month", "year"}
    assert "trust_go_live" in set(frame["kind"]) and "other" in set(frame["kind"])
    assert all(p is None or Path(p).exists() for p in frame["path"])


def test_timeline_sources_are_optional(tmp_path: Path):
    frame = timeline("bradford", store=_store(tmp_path))
    assert len(frame) == 2 and frame["text_held"].all()
    empty = timeline("bradford")
    assert list(empty.columns) == list(TIMELINE_COLUMNS) and empty.empty
