"""Bradford's whole chain, from the corpus mirror: the 2014 SIF to the 2026 Trust-era
inspection, the events without text (monitoring visits from the statistics,
events.csv: improvement notice, directions, the Trust's start) and the seed news
articles linked to what they quote."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bradford(corpus_dir, seeds_dir, tmp_path_factory):
    from ofstedmine.pipeline import authority_corpus

    store = tmp_path_factory.mktemp("store")
    corpus, timeline = authority_corpus(
        "bradford",
        store=store,
        mirror=corpus_dir,
        cache=False,
        workers=2,
        secondary=ROOT / "corpora" / "secondary_sources.csv",
    )
    return corpus, timeline


@pytest.mark.corpus
def test_chain_documents_and_events(bradford):
    corpus, timeline = bradford
    held = [
        (str(corpus.date_of(d)), d.kind.value)
        for d in corpus.documents
        if d.kind.value not in ("news", "council_minutes")
    ]
    assert held == [
        ("2014-05-23", "full_inspection"),
        ("2017-04-21", "jtai"),
        ("2018-10-29", "full_inspection"),
        ("2021-02-12", "focused_visit"),
        ("2023-01-31", "full_inspection"),
        ("2026-05-21", "full_inspection"),
    ]
    kinds = {(str(e.date), e.kind.value) for e in corpus.events}
    for fact in [
        ("2018-12-01", "dfe_improvement_notice"),
        ("2021-09-01", "dfe_direction"),
        ("2022-02-09", "dfe_direction"),
        ("2023-04-01", "trust_go_live"),
        ("2021-04-28", "monitoring_visit"),
        ("2023-11-08", "monitoring_visit"),
        ("2025-02-11", "monitoring_visit"),
    ]:
        assert fact in kinds, fact
    assert timeline["text_held"].sum() == 6


@pytest.mark.corpus
def test_news_quotes_link_to_what_they_quote(bradford):
    from ofstedmine import build_theme_graph

    corpus, _ = bradford
    G = build_theme_graph(corpus)
    quotes = {(G.nodes[u]["date"], v) for u, v, k in G.edges(keys=True) if k == "quotes"}
    report_2023 = next(
        d
        for d in corpus.documents
        if str(corpus.date_of(d)) == "2023-01-31" and d.kind.value == "full_inspection"
    )
    targets = {v for _, v in quotes}
    assert any(report_2023.id in t for t in targets)  # 001 quotes the 2023 report
    assert any("dfe_direction" in t and "2021-09" in t for t in targets)  # 004: the notice
    assert any("monitoring_visit" in t and "2023-11-08" in t for t in targets)  # 002
    report_2018 = next(d for d in corpus.documents if str(corpus.date_of(d)) == "2018-10-29")
    assert any(report_2018.id in t for t in targets)  # 000 quotes a phrase only 2018 holds


@pytest.mark.corpus
def test_persistence_table_names_concerns_of_both_inadequate_inspections(bradford):
    from ofstedmine import build_theme_graph
    from ofstedmine.analysis.persistence import persistence_report

    corpus, _ = bradford
    table = persistence_report(build_theme_graph(corpus), "bradford")
    both = table[table["in_both"]]
    assert len(both) >= 5
    assert set(both["latest_says"]) <= {
        "improved",
        "still_a_concern",
        "mixed",
        "not_mentioned",
        "mentioned",
    }
    # every row carries its evidence: quotes with pages
    assert both["first_quote"].str.len().gt(20).all()
    assert both["first_page"].notna().all() and both["last_page"].notna().all()
    assert table.attrs  # names the compared and latest documents
