"""The shared corpus as a mirror, and Bradford's timeline from it (facts only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ofstedmine.sources.events import timeline
from ofstedmine.sources.fetch import fetch
from ofstedmine.sources.store import Store

pytestmark = pytest.mark.corpus

HELD = {  # Bradford's documents in the corpus: publication date -> kind
    dt.date(2014, 5, 23): "inspection",
    dt.date(2017, 4, 21): "jtai",
    dt.date(2018, 10, 29): "inspection",
    dt.date(2021, 2, 12): "focused_visit",
    dt.date(2023, 1, 31): "inspection",
    dt.date(2026, 5, 21): "inspection",
}
STATS_VISITS = [  # monitoring visits in the official statistics (April 2021 on)
    dt.date(2021, 4, 28),
    dt.date(2021, 9, 7),
    dt.date(2022, 2, 2),
    dt.date(2022, 7, 27),
    dt.date(2023, 7, 18),
    dt.date(2023, 11, 8),
    dt.date(2024, 2, 27),
    dt.date(2024, 5, 22),
    dt.date(2025, 2, 11),
]


@pytest.fixture(scope="module")
def bradford_store(corpus_dir: Path, tmp_path_factory) -> Store:
    root = tmp_path_factory.mktemp("mirror-store")
    summary = fetch("bradford", store=root, mirror=corpus_dir, progress=False)
    assert summary.ok, summary.failed
    assert len(summary.new) == 6
    return Store(root)


def test_mirror_fills_the_store(bradford_store: Store, corpus_dir: Path):
    entries = bradford_store.entries("bradford")
    assert {e.published for e in entries} == set(HELD)
    assert {e.source for e in entries} == {"mirror"}
    by_date = {e.published: e for e in entries}
    assert by_date[dt.date(2018, 10, 29)].file_id == "50035108"
    assert by_date[dt.date(2018, 10, 29)].url == "https://files.ofsted.gov.uk/v1/file/50035108"
    assert by_date[dt.date(2017, 4, 21)].file_id == "ccd71e5d2a24"
    assert bradford_store.verify().clean
    again = fetch("bradford", store=bradford_store.root, mirror=corpus_dir, progress=False)
    assert not again.new and len(again.unchanged) == 6


def test_bradford_timeline(bradford_store: Store, corpus_dir: Path):
    stats = sorted((corpus_dir / "statistics").glob("*.ods"))
    frame = timeline(
        "bradford", store=bradford_store, statistics=stats, events=corpus_dir / "events.csv"
    )
    assert frame["date"].is_monotonic_increasing
    held = frame[frame["text_held"]]
    assert dict(zip(held["date"].dt.date, held["kind"])) == HELD
    assert held["path"].map(lambda p: Path(p).exists()).all()
    # the statistics' November 2022 inspection is the January 2023 report, shown once
    assert not ((frame["kind"] == "inspection") & ~frame["text_held"]).any()
    assert "statistics" in held[held["date"] == "2023-01-31"]["source"].iloc[0]
    visits = frame[(frame["kind"] == "monitoring_visit") & ~frame["text_held"]]
    from_stats = visits[visits["source"] == "statistics"]
    assert list(from_stats["date"].dt.date) == STATS_VISITS
    assert from_stats["themes"].map(len).min() >= 1
    listed = frame[frame["source"] == "events.csv"]
    assert len(listed) == 8 and not listed["text_held"].any()
    assert {"dfe_improvement_notice", "dfe_direction", "trust_go_live"} <= set(listed["kind"])
    assert listed[listed["kind"] == "dfe_improvement_notice"]["date_precision"].iloc[0] == "month"
