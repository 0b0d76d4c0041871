"""The statistics frames read back from the Parquet disk cache unchanged."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.mark.corpus
def test_disk_cache_round_trips(corpus_dir, tmp_path):
    from ofstedmine.sources import statistics

    files = sorted((corpus_dir / "statistics").glob("*.ods"))
    assert files
    for read in (statistics.read_visits, statistics.read_judgements):
        fresh = read(files)
        read(files, cache=tmp_path)  # writes
        assert any((tmp_path / "statistics").glob("*.parquet"))
        pd.testing.assert_frame_equal(read(files, cache=tmp_path), fresh)
