"""Near-verbatim repeated findings: known pairs on synthetic corpora."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import ofstedmine.analysis.repeats as repeats_module
from ofstedmine.analysis.graph import build_theme_graph
from ofstedmine.analysis.repeats import REPEAT_COLUMNS, find_repeats, finding_rows
from ofstedmine.corpus import Corpus
from tests.analysis.conftest import F, make_corpus, report

SAME_1 = "In 23 cases managers had not reviewed the plans of children at risk of significant harm."
SAME_2 = "In 40 cases, managers had not reviewed the plans of children at risk of significant harm."
SAME_3 = "Managers had still not reviewed the plans of many children at risk of significant harm."
OTHER = (
    "Foster carers receive good training and report feeling well supported by their social workers."
)
PARAPHRASE = (
    "Oversight of plans for vulnerable children by team leaders was missing in a number of files."
)


def _corpus(**kw):
    return make_corpus([
        report("2018-10-29", F(SAME_1, "concern", "oversight", "plans", page=4), F(OTHER, "strength", "fostering")),
        report("2021-02-12", F(PARAPHRASE, "concern", "oversight", page=2), kind="focused_visit"),
        report("2023-01-31", F(SAME_2, "concern", "oversight", page=9)),
    ], **kw)  # fmt: skip


def test_doctests():
    assert doctest.testmod(repeats_module).failed == 0


def test_finds_the_near_verbatim_pair_only():
    df = find_repeats(_corpus())
    assert list(df.columns) == REPEAT_COLUMNS
    assert len(df) == 1
    row = df.iloc[0]
    assert row["score"] == row["cosine"] >= 0.9 and row["jaccard"] >= 0.8
    assert (row["quote_a"], row["quote_b"]) == (SAME_1, SAME_2)
    assert (row["page_a"], row["page_b"]) == (4, 9)
    assert row["date_a"] == pd.Timestamp("2018-10-29") and row["date_b"] == pd.Timestamp(
        "2023-01-31"
    )
    assert row["days_apart"] == 1555
    assert row["shared_themes"] == ("oversight",)
    assert row["polarity_a"] == row["polarity_b"] == "concern"
    assert row["report_a"].startswith("doc:") and len(row["document_a"]) == 64
    assert not row["boilerplate"] and row["method"] == "cosine"


def test_numbers_and_punctuation_are_ignored():
    assert find_repeats(_corpus()).iloc[0]["score"] == 1.0


def test_threshold_and_method():
    corpus = make_corpus([report("2018-01-01", F(SAME_1, "concern", "x")),
                          report("2019-01-01", F(SAME_3, "concern", "x"))])  # fmt: skip
    low = find_repeats(corpus, threshold=0.3)
    assert len(low) == 1
    score = low.iloc[0]["score"]
    assert 0.3 < score < 0.9
    assert find_repeats(corpus, threshold=score + 0.01).empty
    jac = find_repeats(_corpus(), method="jaccard")
    assert len(jac) == 1 and jac.iloc[0]["score"] == jac.iloc[0]["jaccard"]
    with pytest.raises(ValueError, match="method"):
        find_repeats(_corpus(), method="levenshtein")


def test_min_words_skips_short_sentences():
    corpus = make_corpus([report("2018-01-01", F("Plans are weak.", "concern", "plans")),
                          report("2019-01-01", F("Plans are weak.", "concern", "plans"))])  # fmt: skip
    assert find_repeats(corpus).empty
    assert len(find_repeats(corpus, min_words=3)) == 1


def test_pairs_within_one_document_are_ignored():
    corpus = make_corpus(
        [report("2018-01-01", F(SAME_1, "concern", "x"), F(SAME_2, "concern", "x"))]
    )
    assert find_repeats(corpus).empty


def test_chains_share_a_group():
    corpus = make_corpus([
        report("2018-01-01", F(SAME_1, "concern", "x")),
        report("2019-01-01", F(SAME_2, "concern", "x")),
        report("2020-01-01", F(SAME_3, "concern", "x")),
        report("2021-01-01", F(OTHER, "strength", "y")),
        report("2022-01-01", F(OTHER, "strength", "y")),
    ])  # fmt: skip
    df = find_repeats(corpus, threshold=0.5)
    groups = df.groupby("group")["quote_a"].apply(set)
    assert len(groups) == 2
    assert sorted(len(g) for g in df.groupby("group").groups.values()) == [1, 3]


def test_boilerplate_across_authorities():
    a = _corpus()
    b = make_corpus([report("2019-03-03", F(SAME_1, "concern", "oversight"), authority="leeds")])
    corpus = Corpus([*a.documents, *b.documents], [*a.extractions, *b.extractions])
    df = find_repeats(corpus)
    assert df["boilerplate"].tolist() == [True]
    assert find_repeats(corpus, authority="bradford")["boilerplate"].tolist() == [True]
    assert find_repeats(a)["boilerplate"].tolist() == [False]


def test_graph_input_matches_corpus_input():
    corpus = _corpus()
    a = find_repeats(corpus)
    b = find_repeats(build_theme_graph(corpus))
    cols = ["score", "report_a", "report_b", "page_a", "page_b", "quote_a", "quote_b"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    rows = finding_rows(build_theme_graph(corpus))
    assert rows.set_index("text").loc[SAME_1, "themes"] == ("oversight", "plans")


def test_secondary_sources_are_left_out():
    a = _corpus()
    news = make_corpus([report("2023-02-01", F(SAME_2, "concern", "oversight"), kind="news")])
    corpus = Corpus([*a.documents, *news.documents], [*a.extractions, *news.extractions])
    assert len(find_repeats(corpus)) == 1
