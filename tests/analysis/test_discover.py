"""Theme discovery: uncovered phrases, TF-IDF, NMF topics, a tidy frame."""

from __future__ import annotations

import pytest

from ofstedmine.analysis.discover import COLUMNS, covered_by_codebook, discover_themes
from ofstedmine.extract.codebook import load_codebook, parse_codebook
from ofstedmine.types import Locator


def _loc(doc: int, start: int = 0) -> Locator:
    return Locator(f"{doc:064d}", 1 + start // 100, start, start + 10)


def _corpus(n_docs: int = 12):
    """Two hidden topics the codebook does not know, plus phrases it does."""
    docs = {}
    for i in range(n_docs):
        if i % 2:
            phrases = ["young carer", "respite break", "carer card", "caring role"]
        else:
            phrases = [
                "digital access",
                "laptop scheme",
                "broadband voucher",
                "online safety lesson",
            ]
        phrases += ["strategy meeting", "care leaver", "pathway plan"]  # covered
        docs[f"doc{i}"] = [(p, _loc(i, k * 100)) for k, p in enumerate(phrases)]
    return docs


def test_covered_phrases_are_dropped():
    cb = load_codebook()
    assert covered_by_codebook("strategy meetings", cb)
    assert covered_by_codebook("timely strategy meeting", cb)
    assert covered_by_codebook("child sexual", cb)  # a fragment of a pattern
    assert not covered_by_codebook("laptop scheme", cb)
    frame = discover_themes(_corpus(), codebook=cb, n_topics=2, max_df=0.9)
    assert not set(frame["phrase"]) & {"strategy meeting", "care leaver", "pathway plan"}


def test_topics_separate_the_hidden_themes():
    frame = discover_themes(_corpus(), codebook=load_codebook(), n_topics=2, max_df=0.9)
    assert list(frame.columns) == list(COLUMNS)
    groups = [set(g["phrase"]) for _, g in frame.groupby("topic")]
    carers = {"young carer", "respite break", "carer card", "caring role"}
    digital = {"digital access", "laptop scheme", "broadband voucher", "online safety lesson"}
    assert sorted(groups, key=len) in ([carers, digital], [digital, carers])
    assert frame["rank"].min() == 1
    assert (frame["weight"] > 0).all()
    assert (frame["doc_frequency"] == 6).all()
    assert (frame["occurrences"] == 6).all()


def test_examples_are_locators():
    frame = discover_themes(_corpus(), codebook=load_codebook(), n_topics=2, max_df=0.9, examples=2)
    assert not frame.empty, "the corpus must yield phrases to check the examples of"
    for examples in frame["examples"]:
        assert 1 <= len(examples) <= 2
        assert all(isinstance(x, Locator) for x in examples)


def test_results_are_reproducible():
    a = discover_themes(_corpus(), codebook=load_codebook(), n_topics=2, max_df=0.9)
    b = discover_themes(_corpus(), codebook=load_codebook(), n_topics=2, max_df=0.9)
    assert a.drop(columns="examples").equals(b.drop(columns="examples"))


def test_pairs_are_accepted_as_well_as_a_mapping():
    pairs = list(_corpus().items())
    frame = discover_themes(pairs, codebook=load_codebook(), n_topics=2, max_df=0.9)
    assert len(frame) == 8


def test_rare_and_ubiquitous_phrases_are_left_out():
    docs = _corpus()
    docs["doc0"].append(("one-off phrase", _loc(0, 900)))
    for i, key in enumerate(docs):
        docs[key].append(("everywhere phrase", _loc(i, 950)))
    frame = discover_themes(docs, codebook=load_codebook(), n_topics=2, min_df=2, max_df=0.9)
    assert "one-off phrase" not in set(frame["phrase"])
    assert "everywhere phrase" not in set(frame["phrase"])


@pytest.mark.parametrize("docs", [{}, {"a": []}, {"a": [("strategy meeting", _loc(1))]}])
def test_too_little_text_gives_an_empty_frame(docs):
    frame = discover_themes(docs, codebook=load_codebook())
    assert frame.empty
    assert list(frame.columns) == list(COLUMNS)


def test_a_custom_codebook_changes_what_is_new():
    mine = parse_codebook(
        b"name: m\nversion: '1'\nthemes:\n- id: digital\n  label: Digital\n  group: practice\n"
        b"  definition: Digital inclusion.\n  patterns: [laptop scheme, digital access]\n"
    )
    frame = discover_themes(_corpus(), codebook=mine, n_topics=3, max_df=1.0)
    assert not {"laptop scheme", "digital access"} & set(frame["phrase"])
    assert "strategy meeting" in set(frame["phrase"])
