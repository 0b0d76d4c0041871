"""The synthetic corpora of tests/viz/conftest.py, for the report tests."""

from __future__ import annotations

from tests.viz.conftest import synthetic_corpus, synthetic_multi_corpus  # noqa: F401
