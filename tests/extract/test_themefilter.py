"""The trained theme filter: features, the shipped model, and where it applies."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from ofstedmine.extract.codebook import extend, load_codebook, parse_codebook
from ofstedmine.extract.findings import themes_of
from ofstedmine.extract.themefilter import (
    ThemeFilter,
    filter_features,
    load_theme_filter,
    sentence_bag,
    sentence_features,
)

MINE = b"""name: mine
version: '1'
themes:
  - id: young_carers
    label: Young carers
    group: practice
    definition: Children who care for a relative.
    patterns: [young carer]
"""


def _toy(
    weights: dict[str, float], threshold: float = 0.5, sentence: dict | None = None
) -> ThemeFilter:
    data = {
        "codebook": {"name": "toy", "version": "1"},
        "themes": ["a", "b"],
        "threshold": threshold,
        "intercept": 0.0,
        "weights": weights,
    }
    if sentence is not None:
        data["sentence"] = sentence
    return ThemeFilter._from_dict(data)


def test_features_name_theme_pattern_neighbours_and_company():
    lemmas = ["the", "partnership", "with", "police", "improve", "the", "front", "door"]
    matches = [(1, 2, "partnership_working"), (6, 8, "front_door")]
    f = filter_features(lemmas, matches, "partnership_working")
    assert f["t=partnership_working"] == 1.0
    assert f["t=partnership_working|p=partnership"] == 1.0
    assert f["t=partnership_working|with=front_door"] == 1.0
    assert f["t=partnership_working|L=the"] == 1.0
    assert f["t=partnership_working|R=police"] == 1.0
    assert f["t=partnership_working|rank=0"] == 1.0
    assert f["t=partnership_working|pos0"] == 1.0
    assert f["others=1"] == 1.0
    g = filter_features(lemmas, matches, "front_door")
    assert g["t=front_door|rank=1"] == 1.0 and g["t=front_door|pos3"] == 1.0
    assert filter_features(lemmas, matches, "front_door") == g  # deterministic
    # the sentence's content lemmas, paired with the theme; stop words left out
    assert f["t=partnership_working|b=police"] == 1.0
    assert f["t=partnership_working|b=improve"] == 1.0
    assert "t=partnership_working|b=the" not in f and "t=partnership_working|b=with" not in f


def test_sentence_bag_keeps_content_lemmas_only():
    assert sentence_bag(["The", "IRO", "visit", "a", "child", "'s", "home", "2", "."]) == {
        "iro",
        "visit",
        "child",
        "home",
    }


def test_probability_is_the_logistic_of_the_weighted_feature_sum():
    """The fast path (bag weights per theme) must equal the plain model over filter_features."""
    filt = load_theme_filter()
    lemmas = ["social", "worker", "visit", "child", "regularly", "and", "see", "they", "alone"]
    matches = [(0, 2, "workforce_stability"), (2, 4, "voice_of_the_child")]
    for theme in ("workforce_stability", "voice_of_the_child"):
        z = filt.intercept + sum(
            filt.weights.get(k, 0.0) * v for k, v in filter_features(lemmas, matches, theme).items()
        )
        assert filt.probability(lemmas, matches, theme) == pytest.approx(1 / (1 + math.exp(-z)))
    assert any("|b=" in k for k in filt.weights)  # the shipped model uses the bag


def test_keep_applies_weights_and_passes_unknown_themes():
    toy = _toy({"t=a": 2.0, "t=b": -2.0})
    matches = [(0, 1, "a"), (2, 3, "b"), (4, 5, "c")]
    assert toy.keep(["x", "y", "z", "w", "v"], matches) == {"a", "c"}
    assert toy.probability(["x"], [(0, 1, "a")], "a") == pytest.approx(1 / (1 + 2.718281828**-2))
    assert toy.keep(["x"], []) == set()


def test_threshold_decides():
    assert _toy({"t=a": 0.0}, threshold=0.5).keep(["x"], [(0, 1, "a")]) == {"a"}
    assert _toy({"t=a": 0.0}, threshold=0.6).keep(["x"], [(0, 1, "a")]) == set()


def test_shipped_model_matches_shipped_codebook():
    """Retrain (tools/train_theme_filter.py) whenever the codebook's patterns change."""
    filt = load_theme_filter()
    cb = load_codebook()
    assert filt.codebook_name == cb.name
    assert filt.codebook_version == cb.version, (
        "the codebook changed since the theme filter was trained: run "
        "python tools/train_theme_filter.py"
    )
    assert filt.themes <= set(cb.ids)
    assert 0.0 < filt.threshold < 1.0
    assert len(filt.weights) > 100


def test_shipped_model_holds_no_sentences():
    text = resources.files("ofstedmine").joinpath("data", "theme_filter.json").read_text("utf-8")
    data = json.loads(text)
    names = list(data["weights"]) + list(data["sentence"]["weights"])
    assert data["weights"] and data["sentence"]["weights"], "the shipped model has no weights"
    for name in names:
        # theme id, pattern lemmas, single lemmas or pairs of lemmas: never a sentence
        assert len(name.split()) <= 8, name


def test_broad_theme_beside_a_specific_one_is_dropped():
    # "leaders" as the subject of a sentence about missing children: the reader's
    # theme is the missing children, not leadership
    text = (
        "Senior leaders have ensured that return home interviews are offered to every "
        "child who goes missing."
    )
    mentioned = set(themes_of(text, theme_filter=False))
    about = set(themes_of(text))
    assert mentioned == {"leadership_and_improvement", "exploitation_and_missing"}
    assert about == {"exploitation_and_missing"}


def test_filter_keeps_a_lone_clear_theme():
    assert themes_of("Care leavers are well supported by their personal advisers.") == (
        "care_leavers",
    )


def test_filter_never_touches_another_codebook():
    mine = parse_codebook(MINE)
    assert not load_theme_filter().applies_to(mine.name)
    assert themes_of("Young carers are offered respite.", codebook=mine) == ("young_carers",)
    both = extend(load_codebook(), mine)
    assert load_theme_filter().applies_to(both.name)
    got = themes_of("Young carers are offered respite by partner agencies.", codebook=both)
    assert "young_carers" in got  # unknown to the filter: kept as matched


def test_caches_key_on_the_filter():
    from ofstedmine.extract import versions

    v = versions()
    assert v["theme_filter"] == load_theme_filter().version
    assert len(v["theme_filter"]) == 12


# ------------------------------------------------------------ the sentence model


def test_sentence_features_are_lemmas_pairs_and_matches():
    lemmas = ["The", "IRO", "visit", "the", "child", "before", "review", "."]
    f = sentence_features(lemmas, [(1, 2, "iro_and_cp_chairs")])
    assert {"w=iro", "w=visit", "w=child", "w=review"} <= set(f)
    assert "w=the" not in f and "w=before" not in f
    # a pair counts when either side is a content lemma; two stop words make none
    assert {"bi=the_iro", "bi=visit_the", "bi=child_before", "bi=review_."} <= set(f)
    assert "bi=the_the" not in f
    assert f["m=iro_and_cp_chairs"] == 1.0 and f["p=iro_and_cp_chairs|iro"] == 1.0
    assert sentence_features(lemmas, []) == {
        k: v for k, v in f.items() if k[:2] not in ("m=", "p=")
    }


def test_sentence_model_adds_an_unmatched_theme_and_averages_a_matched_one():
    sentence = {
        "intercepts": {"a": -3.0, "b": -3.0},
        "weights": {"w=visit": {"b": 4.0}, "m=a": {"a": 3.0}},
    }
    toy = _toy({"t=a": 0.0}, threshold=0.5, sentence=sentence)
    # no pattern matched "b", but the sentence model is sure of it
    assert toy.keep(["visit"], []) == {"b"}
    assert toy.sentence_probabilities(["visit"], [])["b"] == pytest.approx(1 / (1 + math.exp(-1)))
    # "a" matched: filter 0.5 and sentence model 0.5 average to 0.5, kept at 0.5
    assert toy.keep(["x"], [(0, 1, "a")]) == {"a"}
    # a sentence model that doubts the match pulls the mean under the threshold
    doubt = _toy({"t=a": 0.0}, threshold=0.5, sentence={**sentence, "weights": {}})
    assert doubt.keep(["x"], [(0, 1, "a")]) == set()
    # a theme unknown to both models is kept as matched
    assert toy.keep(["x"], [(0, 1, "c")]) == {"c"}


def test_shipped_sentence_model_scores_as_its_file_says():
    """sentence_probabilities must equal the logistic of the file's weights, read afresh."""
    text = resources.files("ofstedmine").joinpath("data", "theme_filter.json").read_text("utf-8")
    data = json.loads(text)["sentence"]
    filt = load_theme_filter()
    cases = [
        (
            ["leader", "do", "not", "know", "how", "many", "child", "be", "home", "educate"],
            [(0, 1, "leadership_and_improvement")],
        ),
        # repeated pairs and a pattern matched twice still count once each
        (
            ["social", "worker", "visit", "child", "and", "social", "worker", "visit", "child"],
            [(0, 2, "workforce_stability"), (5, 7, "workforce_stability")],
        ),
        (["The", "IRO", "_", "review", "care_plan", "."], [(1, 2, "iro_and_cp_chairs")]),
    ]
    assert len(data["intercepts"]) >= 30, "the file must hold a sentence model per theme"
    for lemmas, matches in cases:
        got = filt.sentence_probabilities(lemmas, matches)
        assert set(got) == set(data["intercepts"]) and len(got) >= 30
        names = sentence_features(lemmas, matches)
        for theme, b in data["intercepts"].items():
            z = b + sum(data["weights"].get(n, {}).get(theme, 0.0) for n in names)
            assert got[theme] == pytest.approx(1 / (1 + math.exp(-z)))


def test_a_theme_with_no_codebook_phrase_is_found():
    # none of the codebook's phrases for the voice of the child is in this sentence
    text = "Practitioners help children to talk about their worries and feelings."
    assert "voice_of_the_child" not in themes_of(text, theme_filter=False)
    assert "voice_of_the_child" in themes_of(text)


@pytest.mark.corpus
def test_fast_paths_equal_the_plain_models_on_real_sentences(corpus_dir, manifest_rows):
    """On every body sentence of two real reports: keep() equals the decision
    computed from the plain feature functions and the model file's weights."""
    from ofstedmine import parse
    from ofstedmine.extract.findings import _lemma_strings, body_sentences
    from ofstedmine.extract.nlp import THEME_SPANS_KEY, get_nlp

    filt = load_theme_filter()
    data = json.loads(
        resources.files("ofstedmine").joinpath("data", "theme_filter.json").read_text("utf-8")
    )
    sent = data["sentence"]

    def plain(lemmas, matches):
        found = {t for _, _, t in matches}
        names = sentence_features(lemmas, matches)
        ps = {}
        for t, b in sent["intercepts"].items():
            z = b + sum(sent["weights"].get(n, {}).get(t, 0.0) for n in names)
            ps[t] = 1 / (1 + math.exp(-z))
        out = {t for t, p in ps.items() if p >= filt.threshold and t not in found}
        for t in found:
            if t not in filt.themes:
                out.add(t)
                continue
            feats = filter_features(lemmas, matches, t)
            z = data["intercept"] + sum(data["weights"].get(k, 0.0) * v for k, v in feats.items())
            p = 1 / (1 + math.exp(-z))
            if t in ps:
                p = (p + ps[t]) / 2
            if p >= filt.threshold:
                out.add(t)
        return out

    paths = [r["path"] for r in manifest_rows if r["pages"]]
    picked = [p for p in paths if p.startswith("inspections/")][:1]
    picked += [p for p in paths if p.startswith("focused-visits/")][:1]
    nlp = get_nlp(None, codebook=load_codebook())
    n = 0
    for path in picked:
        for _, _, doc, (ts, te) in body_sentences(parse(corpus_dir / path), nlp):
            lemmas = _lemma_strings(doc)[ts:te]
            matches = [
                (s - ts, e - ts, t)
                for s, e, t in doc.user_data.get(THEME_SPANS_KEY, [])
                if ts <= s < te
            ]
            assert filt.keep(lemmas, matches) == plain(lemmas, matches), " ".join(lemmas)
            n += 1
    assert n > 100
