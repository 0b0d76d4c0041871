"""Every real PDF parses or fails with a typed error; kinds agree with the folders.

The whole corpus runs with ``-m slow``; the default run takes a seeded slice that
covers every folder and era, plus every file the corpus README names as odd.
"""

from __future__ import annotations

import random

import pytest

from ofstedmine import errors, parse
from ofstedmine.types import DocumentKind, Framework

FOLDER_KIND = {
    "inspections": DocumentKind.FULL_INSPECTION,
    "focused-visits": DocumentKind.FOCUSED_VISIT,
    "jtai": DocumentKind.JTAI,
    "joint-area-review": DocumentKind.JOINT_AREA_REVIEW,
}

# The exceptions the corpus README names, each with what it really is.
HTML_SAVED_AS_PDF = {
    "inspections/80429_birmingham/2012-10-19.pdf",
    "inspections/80431_blackpool/2012-07-13.pdf",
    "inspections/80490_bromley/2012-08-17.pdf",
    "inspections/80543_rotherham/2012-08-10.pdf",
}
LSCB_REVIEW = "inspections/80567_surrey/2015-08-03.pdf"
TWO_REPORTS = "inspections/80477_kingston-upon-hull/2015-"  # prefix: the published date


def _slice(rows, n=40):
    rng = random.Random(20261122)
    odd = [
        r
        for r in rows
        if r["path"] in HTML_SAVED_AS_PDF
        or r["path"] == LSCB_REVIEW
        or r["path"].startswith(TWO_REPORTS)
        or r["published"].startswith("2013")
    ]
    by_folder = {}
    for r in rows:
        by_folder.setdefault(r["path"].split("/")[0], []).append(r)
    picked = list(odd)
    for _folder, items in sorted(by_folder.items()):
        picked += rng.sample(items, min(len(items), max(2, n * len(items) // len(rows))))
    return list({r["path"]: r for r in picked}.values())


def _check(corpus_dir, row):
    path = corpus_dir / row["path"]
    try:
        doc = parse(path)
    except errors.OfstedmineError as exc:
        assert str(path) in str(exc), "a typed error must name the file"
        assert row["path"] in HTML_SAVED_AS_PDF, f"{row['path']}: unexpected {exc!r}"
        assert isinstance(exc, errors.NotAPdfError)
        return None
    assert row["path"] not in HTML_SAVED_AS_PDF
    expected = FOLDER_KIND[row["path"].split("/")[0]]
    if row["path"] == LSCB_REVIEW:
        expected = DocumentKind.LSCB_REVIEW
    assert doc.kind is expected, f"{row['path']}: {doc.kind} != {expected}"
    if row["pages"]:
        assert doc.n_pages == int(row["pages"])
    assert doc.id == row["sha256"]
    assert doc.text.strip()
    return doc


@pytest.mark.corpus
def test_representative_slice_parses(corpus_dir, manifest_rows):
    for row in _slice(manifest_rows):
        _check(corpus_dir, row)


@pytest.mark.slow
@pytest.mark.corpus
def test_every_corpus_pdf_parses_or_fails_typed(corpus_dir, manifest_rows):
    failures = 0
    for row in manifest_rows:
        if _check(corpus_dir, row) is None:
            failures += 1
    assert failures == len(HTML_SAVED_AS_PDF)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("path", "kind", "framework"),
    [
        ("inspections/80449_bradford/2014-05-23.pdf", DocumentKind.FULL_INSPECTION, Framework.SIF),
        (
            "inspections/80449_bradford/2018-10-29.pdf",
            DocumentKind.FULL_INSPECTION,
            Framework.ILACS_2018,
        ),
        # published in 2023 but inspected in 2022: the combined care judgement of 2018
        (
            "inspections/80449_bradford/2023-01-31.pdf",
            DocumentKind.FULL_INSPECTION,
            Framework.ILACS_2018,
        ),
        # published after the April 2026 reform but inspected before it: still 2023 rules
        (
            "inspections/80449_bradford/2026-05-21.pdf",
            DocumentKind.FULL_INSPECTION,
            Framework.ILACS_2023,
        ),
        # inspected after the reform: no overall effectiveness row
        (
            "inspections/80573_trafford/2026-08-03.pdf",
            DocumentKind.FULL_INSPECTION,
            Framework.ILACS_2026,
        ),
        # SIF re-inspections that mention monitoring visits on their first page
        (
            "inspections/80480_lancashire/2018-08-17.pdf",
            DocumentKind.FULL_INSPECTION,
            Framework.SIF,
        ),
        ("inspections/80567_surrey/2018-05-16.pdf", DocumentKind.FULL_INSPECTION, Framework.SIF),
        (LSCB_REVIEW, DocumentKind.LSCB_REVIEW, Framework.NONE),
        ("jtai/80449_bradford/2017-04-21.pdf", DocumentKind.JTAI, Framework.NONE),
        (
            "focused-visits/80449_bradford/2021-02-12.pdf",
            DocumentKind.FOCUSED_VISIT,
            Framework.NONE,
        ),
        (
            "joint-area-review/80498_haringey/2009-07-03.pdf",
            DocumentKind.JOINT_AREA_REVIEW,
            Framework.NONE,
        ),
    ],
)
def test_hard_cases_by_name(corpus_dir, path, kind, framework):
    doc = parse(corpus_dir / path)
    assert (doc.kind, doc.framework) == (kind, framework)


@pytest.mark.corpus
def test_pre_sif_2013_reports_are_on_the_old_framework(corpus_dir, manifest_rows):
    rows = [
        r for r in manifest_rows if r["kind"] == "inspections" and r["published"].startswith("2013")
    ]
    assert len(rows) == 4
    for r in rows:
        assert parse(corpus_dir / r["path"]).framework is Framework.PRE_SIF_2013, r["path"]


@pytest.mark.corpus
@pytest.mark.parametrize("path", sorted(HTML_SAVED_AS_PDF))
def test_html_saved_as_pdf_is_named(corpus_dir, path):
    with pytest.raises(errors.NotAPdfError, match="HTML page"):
        parse(corpus_dir / path)
