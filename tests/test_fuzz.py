"""Fuzzing: mutated real PDFs and HTML through parse() and extract() end in a result
or a typed error; never another exception, a crash or a hang. The default run
takes a small bounded sample; ``-m slow`` runs 1,000 cases."""

from __future__ import annotations

import pytest

from tools.fuzz import fuzz


@pytest.mark.corpus
def test_fuzz_sample(corpus_dir):
    report = fuzz(60, seed=11, timeout=60, corpus=corpus_dir)
    assert report["problems"] == [], report["problems"]
    assert sum(report["outcomes"].values()) == 60


@pytest.mark.slow
@pytest.mark.corpus
def test_fuzz_thousand_cases(corpus_dir):
    report = fuzz(1000, seed=7, timeout=60, corpus=corpus_dir)
    assert report["problems"] == [], report["problems"]
