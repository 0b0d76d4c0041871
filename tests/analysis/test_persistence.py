"""Persistence of themes: known answers on synthetic chains, then the real corpus."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmine.analysis.persistence as persistence_module
from ofstedmine.analysis.graph import build_theme_graph
from ofstedmine.analysis.persistence import (
    BOTH_COLUMNS,
    PERSISTENCE_COLUMNS,
    REPORT_COLUMNS,
    STATUSES,
    concerns_in_both,
    default_comparison,
    find_report,
    persistence,
    persistence_matrix,
    persistence_report,
    status_of,
)
from tests.analysis.conftest import F, R, make_corpus, report


def _by_theme(df):
    return df.set_index("theme")


def test_doctests():
    modules = [persistence_module] + [
        importlib.import_module(f"{persistence_module.__name__}.{m.name}")
        for m in pkgutil.iter_modules(persistence_module.__path__)
    ]
    results = [doctest.testmod(m) for m in modules]
    assert sum(r.attempted for r in results) > 0
    assert [r.failed for r in results] == [0] * len(results)


def test_columns_and_one_row_per_concern_theme(chain4):
    df = persistence(chain4)
    assert list(df.columns) == PERSISTENCE_COLUMNS
    raised = df[df["status"] != "not_raised"]
    assert sorted(raised["theme"]) == ["drift", "health", "leaders", "plans", "voice"]
    assert df.set_index("theme").loc["visits", "status"] == "not_raised"  # praised only
    assert set(df["status"]) <= set(STATUSES)
    assert str(df["first_raised"].dtype).startswith("datetime64")


def test_recurring_theme_raised_in_1_2_4(chain4):
    row = _by_theme(persistence(chain4)).loc["drift"]
    assert row["status"] == "persistent"  # three of four documents, the latest among them
    assert row["still_a_concern"]
    assert row["verdicts"] == ("concern", "concern", "none", "concern")
    assert (row["longest_run"], row["n_runs"], row["gaps"]) == (2, 2, (1,))
    assert row["concern_dates"] == ("2018-10-29", "2019-10-01", "2021-10-01")
    assert row["first_raised"] == pd.Timestamp("2018-10-29")
    assert row["last_raised"] == pd.Timestamp("2021-10-01")
    assert row["n_documents"] == 4 and row["n_after"] == 0
    # the quote is a finding, preferred over the recommendation on the same theme
    assert row["first_quote"].startswith("Work with some children drifts for months")
    assert row["first_page"] == 3 and row["last_page"] == 6
    assert row["first_document"] == chain4.documents[0].id
    assert row["last_document"] == chain4.documents[3].id


def test_raised_in_1_2_3_then_a_strength_is_resolved(chain4):
    row = _by_theme(persistence(chain4)).loc["plans"]
    assert row["status"] == "resolved"
    assert row["longest_run"] == 3 and row["n_runs"] == 1 and row["gaps"] == ()
    assert row["improved_later"] and row["improved_in"] == f"doc:{chain4.documents[3].id}"
    assert row["improved_quote"].startswith("Plans are now clear") and row["improved_page"] == 7


def test_other_statuses(chain4):
    df = _by_theme(persistence(chain4))
    assert df.loc["leaders", "status"] == "persistent" and df.loc["leaders", "longest_run"] == 4
    assert df.loc["voice", "status"] == "new"
    assert df.loc["health", "status"] == "no_longer_mentioned"  # silent in the two later
    assert not df.loc["health", "improved_later"] and df.loc["health", "n_after"] == 2
    assert not df.loc["health", "still_a_concern"] and not df.loc["plans", "still_a_concern"]


def test_raised_and_praised_in_the_latest_after_a_break_is_improving_but_still_raised():
    corpus = make_corpus([
        report("2019-01-01", F("Supervision is rare and ineffective for many workers.", "concern", "sup")),
        report("2019-06-01", F("Supervision records are kept.", "neutral", "sup")),
        report("2019-12-01", F("Supervision records are kept in files.", "neutral", "sup")),
        report("2020-06-01", F("Supervision is still irregular in some teams.", "concern", "sup"),
               F("Supervision is now regular in most teams.", "strength", "sup")),
    ])  # fmt: skip
    assert persistence(corpus)["status"].tolist() == ["improving_but_still_raised"]


def test_raised_in_most_documents_and_the_latest_is_persistent_even_when_praised():
    corpus = make_corpus([
        report("2019-01-01", F("Supervision is rare and ineffective for many workers.", "concern", "sup")),
        report("2020-01-01", F("Supervision is still irregular in some teams.", "concern", "sup"),
               F("Supervision is now regular in most teams.", "strength", "sup")),
    ])  # fmt: skip
    assert persistence(corpus)["status"].tolist() == ["persistent"]


def test_recommendations_count_as_concerns():
    corpus = make_corpus(
        [
            report("2019-01-01", R("Improve the timeliness of assessments.", "timeliness")),
            report("2020-01-01", R("Improve the timeliness of assessments further.", "timeliness")),
        ]
    )
    row = persistence(corpus).iloc[0]
    assert row["status"] == "persistent" and row["n_concern_documents"] == 2
    assert row["first_quote"] == "Improve the timeliness of assessments."


def test_mixed_counts_as_criticism_neutral_does_not():
    corpus = make_corpus([report("2019-01-01", F("Plans vary in quality.", "mixed", "plans"),
                                 F("Visits are recorded.", "neutral", "visits"))])  # fmt: skip
    df = _by_theme(persistence(corpus))
    assert df.loc["plans", "status"] == "new" and df.loc["visits", "status"] == "not_raised"


def test_repeated_wording_marks_the_theme(chain4):
    df = _by_theme(persistence(chain4))
    assert df.loc["drift", "repeated_wording"] and df.loc["drift", "n_repeats"] == 1
    assert not df.loc["plans", "repeated_wording"]


def test_secondary_sources_are_not_in_the_chain(chain4):
    from ofstedmine.corpus import Corpus

    news = make_corpus([report("2020-12-01", F("Children's wishes were ignored, a paper said.",
                                                "concern", "voice"), kind="news")])  # fmt: skip
    corpus = Corpus([*chain4.documents, *news.documents], [*chain4.extractions, *news.extractions])
    row = _by_theme(persistence(corpus)).loc["voice"]
    assert row["status"] == "new" and row["n_documents"] == 4


def test_authorities_are_kept_apart(chain4):
    from ofstedmine.corpus import Corpus

    other = make_corpus([report("2019-05-05", F("Drift is a concern here too, sadly.", "concern", "drift"),
                                authority="leeds")])  # fmt: skip
    corpus = Corpus(
        [*chain4.documents, *other.documents], [*chain4.extractions, *other.extractions]
    )
    df = persistence(corpus)
    assert set(df["authority"]) == {"bradford", "leeds"}
    leeds = df[df["authority"] == "leeds"].iloc[0]
    assert leeds["status"] == "new" and leeds["n_documents"] == 1
    assert set(persistence(corpus, authority="Leeds City Council")["authority"]) == {"leeds"}
    assert persistence(corpus, authority=80449)["authority"].unique().tolist() == ["bradford"]


def test_graph_and_corpus_give_the_same_answer(chain4):
    a = persistence(chain4)
    b = persistence(build_theme_graph(chain4, events=True, cooccurrence=True))
    pd.testing.assert_frame_equal(a, b)


def test_matrix_values(chain4):
    net = persistence_matrix(chain4)
    assert list(net.columns) == ["2018-10-29 full_inspection", "2019-10-01 focused_visit",
                                 "2020-10-01 focused_visit", "2021-10-01 full_inspection"]  # fmt: skip
    assert net.loc["drift"].tolist() == [-2, -1, 0, -1]  # a finding and a recommendation in 2018
    assert net.loc["plans"].tolist() == [-1, -1, -1, 1]
    assert net.loc["visits"].tolist() == [0, 0, 1, 0]
    cat = persistence_matrix(chain4, values="category")
    assert cat.loc["plans"].tolist() == ["concern", "concern", "concern", "strength"]
    assert cat.loc["health"].tolist() == ["none", "concern", "none", "none"]
    assert persistence_matrix(chain4, values="concern").loc["drift"].tolist() == [-2, -1, 0, -1]
    assert persistence_matrix(chain4, values="strength").loc["plans"].tolist() == [0, 0, 0, 1]
    assert [d["date"] for d in net.attrs["documents"]] == ["2018-10-29", "2019-10-01", "2020-10-01",
                                                           "2021-10-01"]  # fmt: skip
    with pytest.raises(ValueError, match="values must be"):
        persistence_matrix(chain4, values="odd")


def _three_inspections():
    return make_corpus([
        report("2018-10-29",
               F("Too many children wait too long for decisions about their future.", "concern", "drift", page=2),
               F("Managers rarely challenge poor plans for children.", "concern", "oversight", page=3),
               F("Early help is well coordinated.", "strength", "early_help", page=4),
               F("Caseloads are high in the assessment teams.", "concern", "caseloads", page=5),
               overall="inadequate"),
        report("2021-02-12", F("Some children still wait too long for decisions.", "concern", "drift"),
               kind="focused_visit"),
        report("2023-01-31",
               F("Children continue to wait too long for decisions about permanence.", "concern", "drift", page=3),
               F("Oversight by managers is inconsistent and often does not challenge drift.", "concern", "oversight", page=4),
               F("Caseloads remain too high for many social workers.", "concern", "caseloads", page=6),
               F("Workers speak warmly about the children they support.", "neutral", "voice", page=6),
               overall="inadequate"),
        report("2026-05-21",
               F("Decisions about permanence are now made without delay for most children.", "strength", "drift", page=5),
               F("Managerial oversight has improved but remains variable in some teams.", "mixed", "oversight", page=6, cues=("has improved",)),
               F("Managers still do not always challenge weak plans.", "concern", "oversight", page=6),
               overall="requires_improvement"),
    ])  # fmt: skip


def test_concerns_in_both_and_what_the_latest_says():
    corpus = _three_inspections()
    df = concerns_in_both(corpus, "2018-10-29", "2023-01-31")
    assert list(df.columns) == BOTH_COLUMNS
    rows = df.set_index("theme")
    assert sorted(rows.index) == ["caseloads", "drift", "oversight"]  # not early_help
    assert rows.loc["drift", "latest_says"] == "improved"
    assert rows.loc["drift", "latest_improved_page"] == 5
    assert rows.loc["oversight", "latest_says"] == "still_a_concern"  # mixed and a concern
    assert rows.loc["caseloads", "latest_says"] == "not_mentioned"
    assert rows.loc["drift", "page_a"] == 2 and rows.loc["drift", "page_b"] == 3
    assert rows.loc["drift", "quote_b"].startswith("Children continue to wait")
    assert rows.loc["drift", "latest_date"] == pd.Timestamp("2026-05-21")
    assert df.attrs["latest"] == f"doc:{corpus.documents[3].id}"
    # order of the two does not matter; documents may be named by id prefix
    swapped = concerns_in_both(corpus, corpus.documents[2].id[:10], corpus.documents[0].id)
    assert sorted(swapped["theme"]) == sorted(df["theme"])
    with pytest.raises(KeyError, match="no document"):
        concerns_in_both(corpus, "1999-01-01", "2023-01-31")


def test_concerns_in_both_with_no_later_document():
    corpus = _three_inspections()
    df = concerns_in_both(corpus, "2023-01-31", "2026-05-21")
    assert df.set_index("theme").loc["oversight", "latest_says"] == "not_mentioned"
    assert df.attrs["latest"] is None


def test_latest_says_still_a_concern_and_mentioned():
    corpus = make_corpus([
        report("2018-01-01", F("Plans are weak and unclear.", "concern", "plans"),
               F("Visits are late.", "concern", "visits"), overall="inadequate"),
        report("2020-01-01", F("Plans remain weak.", "concern", "plans"),
               F("Visits are still late.", "concern", "visits"), overall="inadequate"),
        report("2022-01-01", F("Plans are still weak.", "concern", "plans"),
               F("Visits happen.", "neutral", "visits")),
    ])  # fmt: skip
    rows = concerns_in_both(corpus, "2018-01-01", "2020-01-01").set_index("theme")
    assert rows.loc["plans", "latest_says"] == "still_a_concern"
    assert rows.loc["visits", "latest_says"] == "mentioned"


def test_persistence_report_compares_the_two_inadequate_inspections():
    corpus = _three_inspections()
    G = build_theme_graph(corpus)
    a, b = default_comparison(G, "bradford")
    assert (G.nodes[a]["date"], G.nodes[b]["date"]) == ("2018-10-29", "2023-01-31")
    df = persistence_report(corpus, "Bradford")
    assert list(df.columns) == REPORT_COLUMNS
    assert df["in_both"].tolist()[:3] == [True, True, True]
    assert df["theme"].tolist()[0] == "drift"  # in both and raised in three documents
    rows = df.set_index("theme")
    assert rows.loc["drift", "status"] == "resolved"
    assert rows.loc["oversight", "status"] == "persistent"  # 2018, 2023 and 2026 of four
    assert rows.loc["caseloads", "status"] == "no_longer_mentioned"  # silent since 2023
    assert rows.loc["caseloads", "latest_says"] == "not_mentioned"
    assert df.attrs["latest_date"] == "2026-05-21"
    assert df.attrs["compared"] == (a, b)


def test_persistence_report_without_two_inspections(chain4):
    df = persistence_report(chain4, "bradford")
    assert not df["in_both"].any() and df.attrs["compared"] is None
    assert persistence_report(chain4, "leeds").empty


def test_find_report_prefers_full_inspections():
    corpus = make_corpus([
        report("2020-01-01", F("A letter finding.", "concern", "x"), kind="focused_visit", seed="a"),
        report("2020-01-01", F("An inspection finding.", "concern", "x"), seed="b"),
    ])  # fmt: skip
    G = build_theme_graph(corpus)
    assert G.nodes[find_report(G, "2020-01-01")]["kind"] == "full_inspection"


@given(
    st.lists(st.sampled_from(["concern", "praise", "both", "absent", ""]), min_size=1, max_size=8)
)
def test_status_rule_properties(verdicts):
    status = status_of(verdicts)
    assert status in STATUSES
    raised = [i for i, v in enumerate(verdicts) if v in ("concern", "both")]
    still = verdicts[-1] in ("concern", "both")
    if not raised:
        assert status == "not_raised"
    elif still:
        assert status in ("new", "improving_but_still_raised", "persistent", "recurring")
        assert (status == "new") == (raised == [len(verdicts) - 1])
    else:
        assert status in ("resolved", "no_longer_raised", "no_longer_mentioned")
        assert (status == "resolved") == (verdicts[-1] == "praise")


# ------------------------------------------------- the document's verdict (LABELLING.md)


def _verdict(*findings, recs=()):
    corpus = make_corpus([report("2020-01-01", *findings, *recs)])
    G = build_theme_graph(corpus)
    return {G.nodes[v]["theme"]: d["verdict"] for _, v, k, d in G.edges(keys=True, data=True)
            if k == "raises"}  # fmt: skip


def test_one_passing_body_criticism_does_not_raise_two_do():
    one = _verdict(F("Some plans lack detail.", "concern", "plans", position="body"))
    two = _verdict(F("Some plans lack detail.", "concern", "plans", position="body"),
                   F("Plans are rarely reviewed.", "concern", "plans", position="body"))  # fmt: skip
    assert one == {"plans": "absent"} and two == {"plans": "concern"}


def test_summary_criticism_and_improvement_items_raise_alone():
    assert _verdict(F("Plans are weak.", "concern", "plans")) == {"plans": "concern"}
    assert _verdict(recs=[R("The quality of plans.", "plans")]) == {"plans": "concern"}


def test_praise_needs_a_summary_or_leading_position():
    assert _verdict(F("Plans are clear.", "strength", "plans", position="body")) == {
        "plans": "absent"
    }
    assert _verdict(F("Plans are clear.", "strength", "plans", position="body", leads=True)) == {
        "plans": "praise"
    }
    assert _verdict(F("Plans are clear.", "strength", "plans"),
                    F("Some plans are late.", "concern", "plans")) == {"plans": "both"}  # fmt: skip


def test_unconfident_findings_do_not_decide():
    assert _verdict(F("Plans are weak.", "concern", "plans", confidence=0.55)) == {
        "plans": "absent"
    }


def test_a_broad_theme_beside_a_specific_one_is_not_what_is_criticised():
    got = _verdict(F("Leaders know that plans are weak.", "concern",
                     "leadership_and_improvement", "plans"))  # fmt: skip
    assert got == {"leadership_and_improvement": "absent", "plans": "concern"}


def test_verdict_table_is_the_csv_contract():
    from ofstedmine.analysis.persistence import VERDICT_COLUMNS, verdict_table

    corpus = _three_inspections()
    df = verdict_table(corpus, "bradford")
    assert list(df.columns) == VERDICT_COLUMNS
    rows = df.set_index("theme")
    assert rows.loc["oversight", "still_a_concern"] and not rows.loc["drift", "still_a_concern"]
    assert rows.loc["drift", "concern_documents"] == "2018-10-29;2021-02-12;2023-01-31"
    assert rows.loc["drift", "praised_documents"] == "2026-05-21"
    assert rows.loc["drift", "first_raised"] == "2018-10-29"
    assert rows.loc["drift", "latest_praise_page"] == 5
    assert rows.loc["oversight", "latest_concern_quote"].startswith("Managers still do not")
    assert df["still_a_concern"].tolist() == sorted(df["still_a_concern"], reverse=True)
