"""The framework read from each full inspection's text agrees with Ofsted's official
statistics wherever they record that inspection (matched by URN and publication
date within 120 days: the statistics misprint some dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from ofstedmine import parse
from ofstedmine.types import DocumentKind


def _official():
    from ofstedmine.sources.statistics import read_judgements

    df = read_judgements()
    df = df[df["published"].notna()]
    return df.drop_duplicates(["urn", "published", "framework"])[["urn", "published", "framework"]]


def _check(corpus_dir, rows):
    official = _official()
    checked, mismatches = 0, []
    for r in rows:
        if r["kind"] != "inspections" or not r["pages"]:
            continue
        pub = dt.date.fromisoformat(r["published"])
        cand = official[official["urn"] == int(r["urn"])]
        cand = cand[(cand["published"].dt.date - pub).abs() <= dt.timedelta(days=120)]
        if cand.empty:
            continue
        doc = parse(corpus_dir / r["path"])
        if doc.kind is not DocumentKind.FULL_INSPECTION:
            continue
        checked += 1
        if doc.framework.value not in set(cand["framework"]):
            mismatches.append((r["path"], doc.framework.value, sorted(set(cand["framework"]))))
    return checked, mismatches


@pytest.mark.corpus
def test_framework_agrees_with_statistics_slice(corpus_dir, manifest_rows):
    rows = [
        r
        for r in manifest_rows
        if r["urn"]
        in {"80449", "80573", "80477", "80567", "80480", "80418", "80511", "2637539", "80429"}
    ]
    checked, mismatches = _check(corpus_dir, rows)
    assert checked >= 20
    assert mismatches == []


@pytest.mark.slow
@pytest.mark.corpus
def test_framework_agrees_with_statistics_everywhere(corpus_dir, manifest_rows):
    checked, mismatches = _check(corpus_dir, manifest_rows)
    assert checked >= 400
    assert mismatches == []
