"""Recommendations followed into later documents: known answers."""

from __future__ import annotations

import doctest

import pandas as pd

import ofstedmine.analysis.tracking as tracking_module
from ofstedmine.analysis.tracking import TRACKING_COLUMNS, TRACKING_STATUSES, track_recommendations
from tests.analysis.conftest import F, R, make_corpus, report

REC_DRIFT = R(
    "Reduce drift and delay in plans for children in need of help and protection.", "drift", page=9
)
REC_CARE = R(
    "Improve the quality and timeliness of health assessments for children in care.", "health"
)
REC_UNTHEMED = R("Strengthen the recording of management decisions on children's files.")


def _corpus(*later):
    return make_corpus([report("2018-10-29", REC_DRIFT, REC_CARE, REC_UNTHEMED), *later])


def _row(df, text):
    return df.set_index("text").loc[text.text]


def test_doctests():
    assert doctest.testmod(tracking_module).failed == 0


def test_latest_verdict_decides():
    df = track_recommendations(_corpus(
        report("2020-01-01", F("Drift and delay persist in plans for children in need.", "concern", "drift", page=4),
               kind="focused_visit"),
        report("2023-01-31", F("Plans for children in need are now progressed without drift or delay.", "strength", "drift", page=7)),
    ))  # fmt: skip
    assert list(df.columns) == TRACKING_COLUMNS
    assert set(df["status"]) <= set(TRACKING_STATUSES)
    row = _row(df, REC_DRIFT)
    assert row["status"] == "addressed"
    assert row["status_date"] == pd.Timestamp("2023-01-31") and row["status_page"] == 7
    assert row["status_quote"].startswith("Plans for children in need are now")
    assert row["n_later_documents"] == 2 and row["n_matched_documents"] == 2
    assert [e["polarity"] for e in row["evidence"]] == ["concern", "strength"]
    assert (
        row["page"] == 9 and row["themes"] == ("drift",) and row["list"] == "what_needs_to_improve"
    )
    assert row["index"] == 3 and row["kind"] == "full_inspection"


def test_still_raised_partly_addressed_and_not_mentioned():
    df = track_recommendations(_corpus(
        report("2023-01-31",
               F("Drift and delay remain in plans for children in need of protection.", "concern", "drift", page=3),
               F("Health assessments for children in care are more timely, though quality varies.", "mixed", "health", page=5)),
    ))  # fmt: skip
    assert _row(df, REC_DRIFT)["status"] == "still_raised"
    assert _row(df, REC_CARE)["status"] == "partly_addressed"
    unthemed = _row(df, REC_UNTHEMED)
    assert unthemed["status"] == "not_mentioned" and unthemed["evidence"] == ()
    assert pd.isna(unthemed["status_report"])


def test_only_findings_sharing_a_theme_match():
    df = track_recommendations(_corpus(
        report("2023-01-31", F("Drift and delay in plans for children in need of help has ended.", "strength", "visits")),
    ))  # fmt: skip
    assert _row(df, REC_DRIFT)["status"] == "not_mentioned"


def test_similarity_ranks_and_threshold_filters():
    df = track_recommendations(_corpus(
        report("2023-01-31",
               F("Drift and delay are noted in some plans.", "concern", "drift", page=2),
               F("Drift and delay in plans for children in need of help and protection are reduced.", "strength", "drift", page=3),
               F("Staff enjoy the new office.", "concern", "drift", page=4)),
    ), top=2)  # fmt: skip
    ev = _row(df, REC_DRIFT)["evidence"]
    assert [e["page"] for e in ev] == [3, 2]  # best first; the unrelated one is below 0.05
    assert ev[0]["similarity"] > ev[1]["similarity"] >= 0.05
    assert _row(df, REC_DRIFT)["status"] == "partly_addressed"  # a strength and a concern kept
    top1 = track_recommendations(_corpus(report("2023-01-31",
        F("Drift and delay are noted in some plans.", "concern", "drift", page=2),
        F("Drift and delay in plans for children in need of help and protection are reduced.", "strength", "drift", page=3))), top=1)  # fmt: skip
    assert _row(top1, REC_DRIFT)["status"] == "addressed"


def test_unthemed_recommendations_need_closer_wording():
    df = track_recommendations(_corpus(
        report("2023-01-31",
               F("The recording of management decisions on children's files is now strong.", "strength", "recording")),
    ))  # fmt: skip
    assert _row(df, REC_UNTHEMED)["status"] == "addressed"
    strict = track_recommendations(_corpus(report("2023-01-31",
        F("Management is stable.", "strength", "recording"))))  # fmt: skip
    assert _row(strict, REC_UNTHEMED)["status"] == "not_mentioned"


def test_neutral_matches_give_no_verdict():
    df = track_recommendations(_corpus(
        report("2023-01-31", F("Plans for children in need address drift and delay.", "neutral", "drift")),
    ))  # fmt: skip
    row = _row(df, REC_DRIFT)
    assert row["status"] == "not_mentioned" and len(row["evidence"]) == 1


def test_authority_filter_and_other_authorities_ignored():
    from ofstedmine.corpus import Corpus

    base = _corpus()
    other = make_corpus([report("2023-01-31", F("Drift and delay in plans for children in need of help remain.",
                                                "concern", "drift"), authority="leeds")])  # fmt: skip
    corpus = Corpus([*base.documents, *other.documents], [*base.extractions, *other.extractions])
    df = track_recommendations(corpus)
    assert set(df["status"]) == {"not_mentioned"} and set(df["authority"]) == {"bradford"}
    assert track_recommendations(corpus, authority="leeds").empty


def test_empty_and_no_findings():
    assert track_recommendations(_corpus()).shape[0] == 3
    assert (track_recommendations(_corpus())["n_later_documents"] == 0).all()
