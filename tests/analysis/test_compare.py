"""Known answers for analysis.compare on small synthetic corpora, and corpus checks."""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pandas as pd
import pytest

from ofstedmine.analysis.compare import (
    HISTORY_COLUMNS,
    authority_profiles,
    compare_authorities,
    distinguishing_themes,
    grade_prediction_study,
    grade_transitions,
    judgement_history,
    latest_grades,
    similar_authorities,
    theme_prevalence,
    transition_pairs,
    transitions_agreement,
    transitions_from_statistics,
)

from ._factory_compare import (
    f,
    graded_corpus,
    make_corpus,
    report,
    statistics_frame,
    transitions_corpus,
)

YORKSHIRE = ["leeds", "york", "kingston_upon_hull", "bradford", "kirklees", "wakefield",
             "calderdale", "barnsley", "doncaster", "rotherham"]  # fmt: skip


# ------------------------------------------------------------------ judgement history


def test_history_is_long_and_ordered():
    hist = judgement_history(transitions_corpus())
    assert list(hist.columns) == HISTORY_COLUMNS
    assert set(hist["status"]) == {"found"}
    bradford = hist[hist["authority"] == "bradford"]
    # four graded inspections; the focused visit has no judgements
    assert bradford.drop_duplicates("inspection")["sequence"].tolist() == [1, 2, 3, 4]
    assert bradford["date"].is_monotonic_increasing
    first = bradford[bradford["sequence"] == 1].set_index("area")["grade"]
    assert first["overall"] == "requires_improvement"
    assert bradford["region"].iloc[0] == "North East, Yorkshire and the Humber"


def test_history_keeps_not_judged_when_asked():
    hist = judgement_history(transitions_corpus(), found_only=False)
    row = hist[(hist["framework"] == "ilacs_2026") & (hist["area"] == "overall")]
    assert row["status"].tolist() == ["not_judged"]
    assert row["grade"].isna().all()


def test_latest_grades_flags_grades_older_than_the_latest_inspection():
    latest = latest_grades(transitions_corpus())
    b = latest[latest["authority"] == "bradford"].set_index("area")
    assert b.loc["overall", "grade"] == "good"  # from 2023: 2026 gives none
    assert not b.loc["overall", "from_latest_inspection"]
    assert b.loc["help_and_protection", "grade"] == "good"
    assert b.loc["help_and_protection", "from_latest_inspection"]
    wide = latest_grades(transitions_corpus(), wide=True).set_index("authority")
    assert wide.loc["bradford", "latest_framework"] == "ilacs_2026"
    assert "overall" in wide.loc["bradford", "stale_areas"]
    assert wide.loc["leeds", "stale_areas"] == ()


# ------------------------------------------------------------------------ transitions


def test_overall_transition_counts_and_matrix():
    counts, matrix = grade_transitions(transitions_corpus())
    got = {(r.framework_change, r.from_grade, r.to_grade): r.n for r in counts.itertuples()}
    assert got == {
        ("sif_to_ilacs_2018", "requires_improvement", "inadequate"): 1,
        ("sif_to_ilacs_2018", "good", "good"): 1,  # Leeds; the re-issue is not a pair
        ("ilacs_2018_to_ilacs_2023", "inadequate", "good"): 1,
    }
    assert counts.attrs["excluded"] == {"overall not judged under ilacs_2026": 1}
    assert list(matrix.index) == ["inadequate", "requires_improvement", "good", "outstanding"]
    assert matrix.to_numpy().sum() == 3
    assert matrix.loc["inadequate", "good"] == 1
    assert matrix.loc["requires_improvement", "inadequate"] == 1
    assert set(counts["change"]) == {"declined", "unchanged", "improved"}


def test_ilacs_2026_pairs_are_counted_per_area():
    counts, matrix = grade_transitions(transitions_corpus(), area="help_and_protection")
    got = {(r.framework_change, r.from_grade, r.to_grade): r.n for r in counts.itertuples()}
    assert got == {
        ("sif_to_ilacs_2018", "requires_improvement", "inadequate"): 1,
        ("ilacs_2018_to_ilacs_2023", "inadequate", "requires_improvement"): 1,
        ("ilacs_2023_to_ilacs_2026", "requires_improvement", "good"): 1,
        ("sif_to_ilacs_2018", "good", "requires_improvement"): 1,
    }
    assert counts.attrs["excluded"] == {}
    all_counts, all_matrix = grade_transitions(transitions_corpus(), area="all")
    assert set(all_counts["area"]) >= {"overall", "help_and_protection", "care_leavers"}
    assert all_matrix.index.names == ["area", "from_grade"]


def test_pairs_flag_area_changes_across_frameworks():
    pairs = transition_pairs(transitions_corpus())
    care = pairs[(pairs["authority"] == "bradford") & (pairs["area"] == "care_leavers")]
    step = care[care["to_framework"] == "ilacs_2023"].iloc[0]
    assert (step["from_area"], step["to_area"]) == ("in_care_and_care_leavers", "care_leavers")
    assert step["area_changed"] and step["comparable"]
    leaders = pairs[(pairs["area"] == "impact_of_leaders") & (pairs["from_framework"] == "sif")]
    assert leaders.set_index("authority").loc["bradford", "from_area"] == "sif_leadership"
    assert pairs.loc[~pairs["comparable"], "reason"].notna().all()
    assert pairs.loc[pairs["comparable"], "reason"].isna().all()


def test_unknown_area_family_is_an_error():
    with pytest.raises(ValueError, match="unknown area families"):
        grade_transitions(transitions_corpus(), area="overal")


def test_statistics_transitions_match_the_corpus():
    corpus = transitions_corpus()
    stats = statistics_frame(corpus)
    ours, our_matrix = grade_transitions(corpus)
    theirs, their_matrix = transitions_from_statistics(stats)
    pd.testing.assert_frame_equal(ours, theirs)
    pd.testing.assert_frame_equal(our_matrix, their_matrix)
    agreement = transitions_agreement(corpus, stats)
    assert agreement["in_statistics"].all()
    assert agreement["agree"].all()


def test_agreement_sees_a_disagreeing_grade():
    corpus = transitions_corpus()
    stats = statistics_frame(corpus)
    wrong = (stats["authority"] == "leeds") & (stats["area"] == "overall")
    wrong &= stats["framework"] == "sif"
    stats.loc[wrong, "grade"] = "outstanding"
    agreement = transitions_agreement(corpus, stats).set_index("authority")
    assert not agreement.loc["leeds", "agree"]
    assert agreement.loc["leeds", "stats_from_grade"] == "outstanding"


# ---------------------------------------------------------------------- prevalence


def _prevalence_corpus():
    return make_corpus([
        report("leeds", "2019-01-01", f("Plans drift for months.", "concern", "drift"),
               f("More drift is seen in reviews.", "concern", "drift"),
               f("Visits are regular and purposeful.", "strength", "visits"), filler=10),
        report("leeds", "2020-01-01", f("Visits happen often.", "strength", "visits"), filler=40),
        report("york", "2019-06-01", f("Some drift remains in plans.", "concern", "drift"),
               filler=20, grades={"overall": "good"}),
    ])  # fmt: skip


def test_prevalence_is_normalised_for_length_and_count():
    corpus = _prevalence_corpus()
    words = {d.id: len(re.findall(r"\w+", d.text)) for d in corpus.documents}
    leeds_words = sum(words[d.id] for d in corpus.documents if d.authority == "leeds")
    prev = theme_prevalence(corpus).set_index(["authority", "theme"])
    row = prev.loc[("leeds", "drift")]
    assert row["n_mentions"] == 2
    assert row["n_documents"] == 2 and row["n_documents_with_theme"] == 1
    assert row["share_of_documents"] == 0.5
    assert row["n_words"] == leeds_words
    assert row["per_10k_words"] == pytest.approx(2 * 10_000 / leeds_words)
    # strengths are not concerns: visits never counted, but the theme set is the concern one
    assert "visits" not in prev.index.get_level_values("theme")
    strengths = theme_prevalence(corpus, polarity="strength").set_index(["authority", "theme"])
    assert strengths.loc[("leeds", "visits"), "share_of_documents"] == 1.0
    assert strengths.loc[("york", "visits"), "n_mentions"] == 0  # zeros are kept


def test_prevalence_by_grade_and_region():
    corpus = _prevalence_corpus()
    by_grade = theme_prevalence(corpus, by="grade")
    assert set(by_grade["grade"]) == {"good"}  # only York's report has a grade
    by_region = theme_prevalence(corpus, by="region")
    assert set(by_region["region"]) == {"North East, Yorkshire and the Humber"}
    assert by_region.set_index("theme").loc["drift", "n_documents"] == 3
    with pytest.raises(ValueError, match="by must be"):
        theme_prevalence(corpus, by="colour")


# -------------------------------------------------------------------- log-odds ratio


def test_planted_themes_rank_at_the_ends():
    corpus = graded_corpus(YORKSHIRE)
    out = distinguishing_themes(corpus)
    assert out["unit"].iloc[0] == "planted_concern"
    assert out["unit"].iloc[-1] == "planted_strength"
    top, bottom = out.iloc[0], out.iloc[-1]
    assert top["z"] > 2 and top["favours"] == "a"
    assert bottom["z"] < -2 and bottom["favours"] == "b"
    neutral = out.set_index("unit").loc["common"]
    assert neutral["z"] == pytest.approx(0.0, abs=1e-9)
    assert out.attrs["n_reports_a"] == out.attrs["n_reports_b"] == 10
    ex = top["examples"][0]
    assert set(ex) == {"text", "document_id", "page", "authority"}
    assert ex["text"].startswith("Marked sentence")
    doc = corpus.document(ex["document_id"])
    assert doc.page_at(doc.text.index(ex["text"])) == ex["page"]


def test_log_odds_and_p_values_match_the_formulas():
    from scipy.stats import chi2_contingency

    corpus = graded_corpus(YORKSHIRE)
    out = distinguishing_themes(corpus).set_index("unit")
    counts = {"a": {}, "b": {}}
    for unit, r in out.iterrows():
        counts["a"][unit], counts["b"][unit] = r["count_a"], r["count_b"]
    na, nb = sum(counts["a"].values()), sum(counts["b"].values())
    background = {u: counts["a"][u] + counts["b"][u] for u in out.index}  # every report is a or b
    a0 = sum(background.values())
    u = "planted_concern"
    aw = background[u]
    ya, yb = counts["a"][u], counts["b"][u]
    delta = np.log((ya + aw) / (na + a0 - ya - aw)) - np.log((yb + aw) / (nb + a0 - yb - aw))
    assert out.loc[u, "log_odds"] == pytest.approx(delta)
    assert out.loc[u, "z"] == pytest.approx(delta / np.sqrt(1 / (ya + aw) + 1 / (yb + aw)))
    table = [[out.loc[u, "docs_a"], 10 - out.loc[u, "docs_a"]],
             [out.loc[u, "docs_b"], 10 - out.loc[u, "docs_b"]]]  # fmt: skip
    assert out.loc[u, "p_value"] == pytest.approx(chi2_contingency(table, correction=True)[1])
    assert (out["q_value"] >= out["p_value"] - 1e-12).all()
    # a prior of another strength: alpha_w = alpha0 * background share
    other = distinguishing_themes(corpus, alpha0=50.0).set_index("unit")
    aw = 50.0 * background[u] / a0
    delta = np.log((ya + aw) / (na + 50 - ya - aw)) - np.log((yb + aw) / (nb + 50 - yb - aw))
    assert other.loc[u, "log_odds"] == pytest.approx(delta)


def test_phrases_exclude_grade_words_and_find_planted_words():
    corpus = make_corpus([
        report(auth, f"2019-0{k + 1}-01",
               f("Inadequate oversight lets decisions drift unchecked." if k % 2 == 0
                 else "Supervision is reflective and timely.", "concern"),
               f("Records are kept in the case system.", "concern"),
               grades={"overall": "inadequate" if k % 2 == 0 else "good"})
        for k, auth in enumerate(YORKSHIRE[:8])
    ])  # fmt: skip
    out = distinguishing_themes(corpus, unit="phrase", min_count=2)
    assert "inadequate" not in set(out["unit"])
    assert out.iloc[0]["favours"] == "a"
    assert out.iloc[0]["unit"] in {"drift", "drift unchecked", "oversight", "decisions",
                                   "oversight lets", "lets", "lets decisions", "decisions drift",
                                   "unchecked"}  # fmt: skip
    # equal counts in groups of unequal size: near zero, well below the planted words
    assert abs(out.set_index("unit").loc["records", "z"]) < out.iloc[0]["z"] / 2


def test_distinguishing_needs_both_groups_and_findings():
    corpus = make_corpus([report("leeds", "2019-01-01", f("Plans drift.", "concern", "drift"),
                                 grades={"overall": "good"})])  # fmt: skip
    with pytest.raises(ValueError, match="both groups"):
        distinguishing_themes(corpus)
    bare = make_corpus([report("leeds", "2019-01-01", grades={"overall": "good"})])
    with pytest.raises(ValueError, match="findings=True"):
        distinguishing_themes(bare)
    with pytest.raises(ValueError, match="share grades"):
        distinguishing_themes(corpus, a="good", b="good")


# ---------------------------------------------------------------------- similarity


def _profile_corpus():
    def rep(auth, year, themes):
        fs = [f(f"A sentence {i} about {t} in {auth}.", "concern", t)
              for i, t in enumerate(themes)]  # fmt: skip
        return report(auth, f"{year}-03-01", *fs, filler=10)

    return make_corpus([
        rep("leeds", 2019, ["drift"] * 4 + ["plans"] * 2),
        rep("york", 2019, ["drift"] * 3 + ["plans"] * 2),  # Leeds's twin
        rep("york", 2020, ["drift"] * 1),
        rep("wakefield", 2019, ["health"] * 4 + ["plans"]),
        rep("bradford", 2019, ["voice"] * 3 + ["health"] * 2),
    ])  # fmt: skip


def test_nearest_peer_is_the_twin():
    corpus = _profile_corpus()
    near = similar_authorities(corpus, "Leeds", n=3)
    assert near["authority"].tolist()[0] == "york"
    assert near["similarity"].is_monotonic_decreasing
    assert near.iloc[0]["shared_themes"][0] == "drift"
    assert near.set_index("authority").loc["york", "n_documents"] == 2
    profiles = authority_profiles(corpus)
    assert profiles.loc["bradford", "drift"] == 0.0
    assert near.set_index("authority").loc["bradford", "similarity"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="no reports"):
        similar_authorities(corpus, "Cornwall")


# ------------------------------------------------------------------- prediction study


def test_prediction_study_runs_and_reports_the_baseline():
    corpus = graded_corpus(YORKSHIRE, per_authority=3)
    result = grade_prediction_study(corpus, n_splits=5)
    assert result["n_reports"] == 30 and result["n_authorities"] == 10
    assert result["class_counts"] == {"inadequate": 15, "good": 15}
    assert result["baseline_accuracy"] <= 0.5 + 1e-9
    assert result["accuracy"] >= 0.9  # the planted themes give the grade away
    assert result["macro_f1"] > result["baseline_macro_f1"]
    assert len(result["folds"]) == 5
    preds = result["predictions"]
    # GroupKFold: no authority is in two folds
    assert preds.groupby("authority")["fold"].nunique().max() == 1
    top = result["top_features"].set_index(["grade", "feature"])["coefficient"]
    assert top.loc[("inadequate", "planted_concern:concern")] > 0
    assert "sample" in result["caveat"] or "reports" in result["caveat"]


def test_prediction_study_drops_findings_that_state_the_grade():
    corpus = make_corpus([
        report(auth, f"20{18 + k % 3}-02-01",
               f(f"The service is judged {'inadequate' if k % 2 == 0 else 'good'} overall.",
                 "concern", "leak"),
               f(f"Families wait {'long' if k % 2 == 0 else 'briefly'} for help.", "concern", "wait"),
               grades={"overall": "inadequate" if k % 2 == 0 else "good"})
        for k, auth in enumerate(YORKSHIRE)
    ])  # fmt: skip
    result = grade_prediction_study(corpus, features="tfidf", n_splits=2)
    features = set(result["top_features"]["feature"])
    assert not features & {"inadequate", "good", "judged"}
    assert "service" not in features  # only in the leaking sentence, which is dropped
    themes = grade_prediction_study(corpus, features="themes", n_splits=2)
    assert not any(f.startswith("leak:") for f in themes["top_features"]["feature"])


def test_prediction_study_needs_two_grades():
    corpus = make_corpus([report(a, "2019-01-01", f("Plans drift.", "concern", "drift"),
                                 grades={"overall": "good"}) for a in YORKSHIRE[:3]])  # fmt: skip
    with pytest.raises(ValueError, match="two grades"):
        grade_prediction_study(corpus)


# ---------------------------------------------------------------- compare authorities


def test_compare_authorities_side_by_side():
    base = _profile_corpus()
    graded = transitions_corpus()
    corpus = make_corpus(
        [
            *[(d, base.extractions_of(d.id)) for d in base.documents],
            *[
                (d, graded.extractions_of(d.id))
                for d in graded.documents
                if d.authority == "bradford"
            ],
        ]
    )
    table = compare_authorities(corpus, ["Bradford", "Leeds"], peers=1, top=2)
    assert table["authority"].tolist()[:2] == ["bradford", "leeds"]
    assert "york" in table["authority"].tolist()  # Leeds's nearest peer
    rows = table.set_index("authority")
    assert rows.loc["york", "peer_of"] == "leeds"
    assert rows.loc["bradford", "overall"] == "good"
    assert rows.loc["bradford", "help_and_protection"] == "good"
    assert rows.loc["bradford", "latest_framework"] == "ilacs_2026"
    assert "overall" in rows.loc["bradford", "stale_areas"]
    assert rows.loc["leeds", "top_concerns"][0] == "drift"
    assert rows.loc["leeds", "concerns_ranked_by"] in ("persistence", "frequency")
    side = table.set_index("authority").T
    assert list(side.columns[:2]) == ["bradford", "leeds"]


# --------------------------------------------------------------------- real corpus


def _extraction_ready() -> bool:
    try:
        return importlib.util.find_spec("ofstedmine.extract.judgements") is not None
    except ImportError:
        return False


needs_extraction = pytest.mark.skipif(not _extraction_ready(),
                                      reason="ofstedmine.extract.judgements is not there yet")  # fmt: skip


@pytest.fixture(scope="module")
def bradford_corpus(corpus_dir):
    from ofstedmine.corpus import Corpus

    corpus = Corpus.from_manifest(corpus_dir / "manifest.csv", findings=False, cache=False,
                                  workers=1, where=lambda r: "/80449_" in r["path"])  # fmt: skip
    if not len(corpus):
        pytest.skip(f"extraction failed on every Bradford file: {corpus.failures[:1]}")
    return corpus


@pytest.fixture(scope="module")
def whole_corpus(corpus_dir):
    """Every file, with findings (several minutes): shared by the slow tests."""
    pytest.importorskip("ofstedmine.extract.findings")
    from ofstedmine.corpus import Corpus

    corpus = Corpus.from_manifest(corpus_dir / "manifest.csv", findings=True, cache=False)
    if not len(corpus):
        pytest.skip(f"extraction failed on every file: {corpus.failures[:1]}")
    return corpus


@pytest.mark.corpus
@needs_extraction
def test_bradford_overall_history(bradford_corpus):
    # Facts from the corpus README: RI (2014), inadequate (2018), inadequate (2023),
    # requires improvement (2026).
    hist = judgement_history(bradford_corpus)
    overall = hist[(hist["area"] == "overall") & (hist["kind"] == "full_inspection")]
    assert overall["grade"].tolist() == ["requires_improvement", "inadequate", "inadequate",
                                         "requires_improvement"]  # fmt: skip
    counts, matrix = grade_transitions(bradford_corpus)
    assert matrix.to_numpy().sum() == 3
    assert matrix.loc["requires_improvement", "inadequate"] == 1
    assert matrix.loc["inadequate", "inadequate"] == 1
    assert matrix.loc["inadequate", "requires_improvement"] == 1


@pytest.mark.corpus
@pytest.mark.slow
@needs_extraction
def test_every_current_authority_is_in_the_history(whole_corpus):
    from ofstedmine.authorities import all_authorities

    hist = judgement_history(whole_corpus)
    current = {a.id for a in all_authorities(current_only=True)}
    missing = current - set(hist["authority"])
    assert not missing, f"no judgement read for {sorted(missing)}"
    overall = hist[(hist["area"] == "overall")]
    per_authority = overall.groupby("authority")["inspection"].nunique()
    assert per_authority.min() >= 1


@pytest.mark.corpus
@pytest.mark.slow
@needs_extraction
def test_transitions_agree_with_the_official_statistics(whole_corpus, corpus_dir):
    from ofstedmine.sources.statistics import read_judgements

    stats = read_judgements(corpus_dir / "statistics")
    agreement = transitions_agreement(whole_corpus, stats)
    both = agreement[agreement["in_statistics"] & agreement["comparable"]]
    assert len(both) >= 100
    rate = both["agree"].mean()
    assert rate >= 0.9, both.loc[~both["agree"], ["authority", "from_date", "to_date",
                                                   "from_grade", "to_grade", "stats_from_grade",
                                                   "stats_to_grade"]].to_string()  # fmt: skip


@pytest.mark.corpus
@pytest.mark.slow
@needs_extraction
def test_findings_predict_the_grade_better_than_the_baseline(whole_corpus):
    result = grade_prediction_study(whole_corpus, features="themes")
    assert result["n_authorities"] >= 150
    assert result["n_reports"] >= 400
    assert result["accuracy"] > result["baseline_accuracy"] + 0.1
    assert result["macro_f1"] > result["baseline_macro_f1"] + 0.2
    features = set(result["top_features"]["feature"])
    assert not any(f.split(":")[0] in ("overall", "judgement") for f in features)
