"""Keyword-in-context search: hit positions, context, polarity, filters, and a check
against a plain-text scan of the real corpus."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pandas as pd
import pytest

from ofstedmine.analysis.search import SEARCH_COLUMNS, search, search_counts
from ofstedmine.corpus import Corpus
from ofstedmine.extract.kwic import compile_query, find_matches

from ._factory_compare import f, make_corpus, report


def _corpus() -> Corpus:
    return make_corpus([
        report("leeds", "2019-03-01",
               f("Care leavers do not get advice about housing soon enough.", "concern", "housing"),
               f("Personal advisers know their care leaver well.", "strength", "advisers"),
               filler=6, per_page=3),
        report("york", "2021-06-01",
               f("Plans for care leavers are detailed and current.", "strength", "plans"),
               grades={"overall": "good"}),
        report("york", "2022-06-01", kind="focused_visit"),
    ])  # fmt: skip


def _plain_text(text: str) -> Corpus:
    from ofstedmine.parse import parse

    return Corpus([parse(text.encode(), kind="text")])


# ------------------------------------------------------------------ synthetic corpora


def test_hits_carry_positions_context_and_finding_polarity():
    corpus = _corpus()
    hits = search(corpus, "care leavers", lemma=False, window=20)
    assert list(hits.columns) == SEARCH_COLUMNS
    assert len(hits) == 2
    for row in hits.itertuples():
        doc = corpus.document(row.document_id)
        assert doc.text[row.start : row.end].lower() == "care leavers"
        assert row.match == doc.text[row.start : row.end]
        left = doc.text[max(0, row.start - 20) : row.start]
        assert row.left == re.sub(r"\s", " ", left) and len(row.left) == len(left)
        assert row.right == re.sub(r"\s", " ", doc.text[row.end : row.end + 20])
        assert row.page == doc.page_at(row.start)
        assert row.url.endswith(f"#page={row.page}")
    leeds = hits[hits["authority"] == "leeds"].iloc[0]
    assert leeds["sentence"] == "Care leavers do not get advice about housing soon enough."
    assert (leeds["polarity"], leeds["polarity_source"]) == ("concern", "finding")
    york = hits[hits["authority"] == "york"].iloc[0]
    assert york["polarity"] == "strength" and york["kind"] == "full_inspection"
    assert hits["date"].is_monotonic_increasing


def test_lemma_matching_finds_a_superset():
    corpus = _corpus()
    exact = search(corpus, "care leavers", lemma=False)
    lemma = search(corpus, "care leavers")
    assert set(zip(exact["document_id"], exact["start"])) < set(
        zip(lemma["document_id"], lemma["start"])
    )
    extra = lemma[~lemma["start"].isin(exact["start"])]
    assert extra["match"].tolist() == ["care leaver"]
    assert extra["polarity"].tolist() == ["strength"]


def test_sentence_and_polarity_outside_findings():
    text = "Leaders meet weekly. Drift and delay persist for some children! Other text follows."
    hits = search(_plain_text(text), "drift and delay", window=8)
    row = hits.iloc[0]
    assert (row["start"], row["end"]) == (21, 36)
    assert row["sentence"] == "Drift and delay persist for some children!"
    assert row["left"] == text[13:21] and row["right"] == text[36:44]
    # no finding holds the hit: polarity comes from extract.findings.polarity_of
    assert row["polarity_source"] in ("computed", None)
    if row["polarity_source"] is None:
        assert row["polarity"] is None
    else:
        assert row["polarity"] in ("concern", "strength", "mixed", "neutral")


def test_phrase_matches_across_line_breaks_and_double_spaces():
    text = "Care\nleavers first. Then care  leavers again. Not careleavers or care-leavers."
    spans = find_matches(text, "care leavers", lemma=False)
    assert [text[s:e] for s, e in spans] == ["Care\nleavers", "care  leavers"]


def test_token_patterns_and_several_phrases():
    text = "Delays are common; plans drift. Drift and delay remain."
    pattern = [{"LEMMA": "drift"}, {"LOWER": "and", "OP": "?"}, {"LEMMA": "delay", "OP": "?"}]
    spans = find_matches(text, pattern)
    assert [text[s:e] for s, e in spans] == ["drift", "Drift and delay"]
    spans = find_matches(text, ["delay", "plans drift"], lemma=True)
    assert [text[s:e] for s, e in spans] == ["Delays", "plans drift", "delay"]
    several = find_matches(text, [[{"LOWER": "plans"}], [{"LOWER": "remain"}]])
    assert [text[s:e] for s, e in several] == ["plans", "remain"]


def test_pre_check_never_hides_a_match():
    q = compile_query("child", lemma=True)
    assert q.could_match("The CHILDREN were seen.")
    assert not q.could_match("Nothing relevant here.")
    assert q.matches("The CHILDREN were seen.") == [(4, 12)]


def test_bad_queries_are_errors():
    with pytest.raises(ValueError):
        compile_query("")
    with pytest.raises(ValueError):
        compile_query([])
    with pytest.raises(ValueError, match="mixture"):
        compile_query(["care", [{"LOWER": "x"}]])
    with pytest.raises(ValueError, match="invalid Matcher pattern"):
        compile_query([{"NOT_AN_ATTRIBUTE": "x"}])
    with pytest.raises(ValueError, match="window"):
        search(_corpus(), "care", window=-1)


def test_filters():
    corpus = _corpus()
    assert set(search(corpus, "care leaver", authority="York")["authority"]) == {"york"}
    assert set(search(corpus, "care leaver", since=2020)["authority"]) == {"york"}
    assert set(search(corpus, "care leaver", until="2019-12-31")["authority"]) == {"leeds"}
    assert search(corpus, "care leaver", kind="focused_visit").empty
    empty = search(corpus, "no such words")
    assert empty.empty and list(empty.columns) == SEARCH_COLUMNS


def test_search_counts_per_authority_and_year():
    corpus = _corpus()
    hits = search(corpus, "care leaver")
    counts = search_counts(hits)
    got = counts.set_index(["authority", "year"])
    assert got.loc[("leeds", 2019), "n_hits"] == 2
    assert got.loc[("leeds", 2019), "n_concern"] == 1
    assert got.loc[("leeds", 2019), "n_strength"] == 1
    assert got.loc[("york", 2021), "n_documents"] == 1
    full = search_counts(hits, corpus=corpus).set_index(["authority", "year"])
    assert full.loc[("york", 2022), "n_hits"] == 0  # the focused visit, searched, no hit
    assert full.loc[("york", 2022), "n_documents_searched"] == 1
    assert full.loc[("leeds", 2019), "hits_per_document"] == 2.0


def test_analysis_modules_do_not_import_spacy():
    code = ("import sys, ofstedmine.analysis.search, ofstedmine.analysis.compare; "
            "assert 'spacy' not in sys.modules, 'spacy imported'")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)


# ----------------------------------------------------------------------- real corpus


def _parsed(corpus_dir, rows) -> Corpus:
    from ofstedmine.corpus import publication_from_row
    from ofstedmine.errors import OfstedmineError
    from ofstedmine.parse import parse

    docs = []
    for row in rows:
        try:
            docs.append(parse(corpus_dir / row["path"], publication=publication_from_row(row)))
        except OfstedmineError:
            continue  # the "report not found" pages saved as .pdf
    return Corpus(docs)


def _scan(corpus: Corpus, phrase: str) -> set[tuple[str, int, int]]:
    words = [re.escape(w) for w in phrase.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
    return {(d.id, m.start(), m.end()) for d in corpus.documents for m in pattern.finditer(d.text)}


def _check_against_scan(corpus: Corpus, phrase: str, lemma_phrase: str) -> None:
    exact = search(corpus, phrase, lemma=False)
    got = set(zip(exact["document_id"], exact["start"].astype(int), exact["end"].astype(int)))
    want = _scan(corpus, phrase)
    assert want, "the phrase should occur in the slice"
    assert not want - got, f"missed: {sorted(want - got)[:5]}"
    assert not got - want, f"invented: {sorted(got - want)[:5]}"
    lemma = search(corpus, lemma_phrase, lemma=True)
    found = set(zip(lemma["document_id"], lemma["start"].astype(int), lemma["end"].astype(int)))
    assert want <= found
    assert _scan(corpus, lemma_phrase) <= found


@pytest.fixture(scope="module")
def manifest(corpus_dir):
    with open(corpus_dir / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.corpus
def test_search_matches_a_plain_text_scan_on_a_slice(corpus_dir, manifest):
    rows = [r for r in manifest if "/80449_" in r["path"] or "/80557_" in r["path"]]
    corpus = _parsed(corpus_dir, rows)
    _check_against_scan(corpus, "care leavers", "care leaver")
    _check_against_scan(corpus, "management oversight", "management oversight")
    hits = search(corpus, "care leavers")
    assert (hits["page"] >= 1).all() and hits["authority"].notna().all()
    assert isinstance(search_counts(hits), pd.DataFrame)


@pytest.mark.corpus
@pytest.mark.slow
def test_search_matches_a_plain_text_scan_everywhere(corpus_dir, manifest):
    corpus = _parsed(corpus_dir, manifest)
    _check_against_scan(corpus, "care leavers", "care leaver")
    _check_against_scan(corpus, "drift and delay", "drift and delay")
