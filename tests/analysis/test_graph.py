"""The theme graph on synthetic corpora: nodes, chains, evidence, events, quotes."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import networkx as nx
import pytest

import ofstedmine.analysis.graph as graph_module
from ofstedmine.analysis.graph import (
    GRAPH_SCHEMA,
    build_theme_graph,
    document_chain,
    node_id_of,
    reports_improvement,
)
from ofstedmine.extract.codebook import load_codebook
from tests.analysis.conftest import F, R, event, make_corpus, report


def _doc(G, date):
    return next(
        n for n, d in G.nodes(data=True) if d.get("type") == "document" and d["date"] == date
    )


def test_doctests():
    modules = [graph_module] + [
        importlib.import_module(f"{graph_module.__name__}.{m.name}")
        for m in pkgutil.iter_modules(graph_module.__path__)
    ]
    results = [doctest.testmod(m) for m in modules]
    assert sum(r.attempted for r in results) > 0
    assert [r.failed for r in results] == [0] * len(results)


def test_node_types_and_document_attributes(chain4):
    G = build_theme_graph(chain4)
    assert isinstance(G, nx.MultiDiGraph) and G.graph["schema"] == GRAPH_SCHEMA
    types = [d["type"] for _, d in G.nodes(data=True)]
    assert types.count("document") == 4
    assert {n for n, d in G.nodes(data=True) if d["type"] == "theme"} == {
        "theme:drift", "theme:plans", "theme:leaders", "theme:health", "theme:visits", "theme:voice"
    }  # fmt: skip
    first = G.nodes[_doc(G, "2018-10-29")]
    assert first["kind"] == "full_inspection" and first["framework"] == "ilacs_2018"
    assert first["overall"] == "inadequate"
    assert first["grade_help_and_protection"] == "inadequate"
    assert first["authority"] == "bradford" and first["authority_name"] == "Bradford"
    assert first["start"] == first["date"] == first["published"] == "2018-10-29"
    assert first["text_held"] is True and first["secondary"] is False
    assert first["n_findings"] == 3 and first["n_recommendations"] == 1
    assert _doc(G, "2018-10-29") == node_id_of(first["document_id"])
    assert G.graph["authorities"] == ["bradford"]


def test_no_none_values_anywhere(chain4):
    G = build_theme_graph(chain4, cooccurrence=True)
    assert G.number_of_nodes() > 0 and G.number_of_edges() > 0, "nothing to check"
    for _, d in G.nodes(data=True):
        assert None not in d.values()
    for *_, d in G.edges(keys=True, data=True):
        assert None not in d.values()


def test_documents_linked_in_time_order_with_days(chain4):
    G = build_theme_graph(chain4)
    chain = document_chain(G, "bradford")
    assert [G.nodes[n]["date"] for n in chain] == [
        "2018-10-29",
        "2019-10-01",
        "2020-10-01",
        "2021-10-01",
    ]
    nxt = [(u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == "next"]
    assert len(nxt) == 3
    for u, v, d in nxt:
        assert chain.index(v) == chain.index(u) + 1
        assert d["type"] == "next" and d["authority"] == "bradford"
    assert G.edges[chain[0], chain[1], "next"]["days"] == 337


def test_raises_edge_counts_polarity_and_evidence():
    corpus = make_corpus([report(
        "2020-01-10",
        F("Supervision of social workers is infrequent and does not challenge drift.", "concern", "supervision", "drift", page=2),
        F("Supervision is now regular and reflective for most workers in the team.", "strength", "supervision", page=3),
        F("Supervision records are kept on the case file.", "neutral", "supervision", page=3),
        F("Some supervision has improved, though gaps remain in the front door.", "mixed", "supervision", page=4, cues=("improved",)),
        R("Ensure supervision is regular and challenges drift in plans.", "supervision", page=4),
    )])  # fmt: skip
    G = build_theme_graph(corpus)
    doc = _doc(G, "2020-01-10")
    e = G.edges[doc, "theme:supervision", "raises"]
    assert (e["concern"], e["strength"], e["neutral"], e["mixed"]) == (1, 1, 1, 1)
    assert e["count"] == 4 and e["recommendations"] == 1
    assert e["improved"] == 2  # the strength, and the mixed finding with its cue
    assert e["polarity"] == "mixed"
    assert [ev["page"] for ev in e["evidence"]] == [2, 3, 3, 4, 4]
    ev = e["evidence"][0]
    assert set(ev) == {"page", "start", "end", "section", "quote", "polarity", "source", "improved",
                       "position", "leads"}  # fmt: skip
    assert ev["quote"].startswith("Supervision of social workers")
    assert ev["section"] == "Section" and ev["source"] == "finding"
    assert e["evidence"][-1]["source"] == "recommendation"
    text = corpus.documents[0].text
    assert text[ev["start"] : ev["end"]] == ev["quote"]
    assert G.edges[doc, "theme:drift", "raises"]["polarity"] == "concern"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([F("Plans lack detail.", "concern", "p")], "concern"),
        ([R("Improve plans.", "p")], "concern"),
        ([F("Plans are detailed.", "strength", "p")], "strength"),
        ([F("Plans vary.", "mixed", "p")], "mixed"),
        ([F("Plans exist.", "neutral", "p")], "neutral"),
        ([F("Plans lack detail.", "concern", "p"), F("Plans are kept.", "strength", "p")], "mixed"),
    ],
)
def test_dominant_polarity(items, expected):
    G = build_theme_graph(make_corpus([report("2020-01-01", *items)]))
    assert G.edges[_doc(G, "2020-01-01"), "theme:p", "raises"]["polarity"] == expected


def test_min_count_drops_thin_edges():
    corpus = make_corpus([report("2020-01-01",
                                 F("Drift is common.", "concern", "drift"),
                                 F("Drift persists.", "concern", "drift"),
                                 F("Plans are weak.", "concern", "plans"))])  # fmt: skip
    G = build_theme_graph(corpus, min_count=2)
    assert "theme:drift" in G and "theme:plans" not in G


def test_cooccurrence_weights():
    corpus = make_corpus([
        report("2020-01-01", F("Drift and weak plans go together.", "concern", "drift", "plans"),
               F("Plans drift again.", "concern", "plans", "drift")),
        report("2021-01-01", F("Plans drift and supervision is weak.", "concern", "drift", "plans", "supervision")),
    ])  # fmt: skip
    G = build_theme_graph(corpus, cooccurrence=True)
    e = G.edges["theme:drift", "theme:plans", "cooccurs"]
    assert e == {"type": "cooccurs", "weight": 3.0, "documents": 2}
    assert G.edges["theme:drift", "theme:supervision", "cooccurs"]["weight"] == 1.0
    assert not any(k == "cooccurs" for *_, k in build_theme_graph(corpus).edges(keys=True))
    G2 = build_theme_graph(corpus, cooccurrence=True, min_count=2)
    assert not G2.has_edge("theme:drift", "theme:supervision", "cooccurs")


def test_events_join_the_chain_and_held_ones_are_not_repeated(chain4):
    events = [
        event("2019-02-01", "monitoring_visit"),
        event("2018-12", "dfe_improvement_notice", title="Notice"),
        event("2021-08-20", "inspection", source="statistics"),  # the held 2021 report
        event("2020-01-01", "monitoring_visit", authority="leeds"),
    ]  # fmt: skip
    corpus = chain4.with_events(events)
    G = build_theme_graph(corpus)
    ev = {n: d for n, d in G.nodes(data=True) if d["type"] == "event"}
    assert len(ev) == 3
    notice = G.nodes["event:bradford:2018-12-01:dfe_improvement_notice"]
    assert notice["date_precision"] == "month" and notice["text_held"] is False
    assert notice["label"] == "Notice" and notice["themes"] == []
    chain = document_chain(G, "bradford", events=True)
    kinds = [G.nodes[n]["type"] for n in chain]
    assert kinds == ["document", "event", "event", "document", "document", "document"]
    assert [G.nodes[n]["date"] for n in chain] == sorted(G.nodes[n]["date"] for n in chain)
    assert G.has_edge(chain[0], "event:bradford:2018-12-01:dfe_improvement_notice", "next")
    assert "event:leeds:2020-01-01:monitoring_visit" in G  # its own chain, alone
    assert not build_theme_graph(corpus, events=False).has_node(chain[1])


def test_event_with_document_id_is_the_document(chain4):
    held = chain4.documents[0].id
    corpus = chain4.with_events([event("2018-09-01", "inspection", document_id=held)])
    G = build_theme_graph(corpus)
    assert not any(d["type"] == "event" for _, d in G.nodes(data=True))


def test_multi_part_documents_get_part_ids():
    corpus = make_corpus([report("2015-06-01", F("Drift is common in part one.", "concern", "drift"),
                                 F("Plans are weak in part two.", "concern", "plans"), parts=2)])  # fmt: skip
    G = build_theme_graph(corpus)
    docs = sorted(n for n, d in G.nodes(data=True) if d["type"] == "document")
    assert [n.rsplit("#", 1)[1] for n in docs] == ["1", "2"]
    assert G.has_edge(docs[0], "theme:drift", "raises") and G.has_edge(
        docs[1], "theme:plans", "raises"
    )
    assert G.has_edge(docs[0], docs[1], "next")


def test_secondary_sources_quote_documents_and_events(chain4):
    target = chain4.documents[0]
    news = make_corpus([
        report("2018-11-05",
               F("The report said work with children drifted.", "concern", "drift", quoted_from=target.id[:12]),
               F("It found plans were vague.", "concern", "plans", quoted_from="Ofsted inspection published 2018-10-29"),
               F("The notice told the council to improve.", "neutral", quoted_from="improvement notice 2018-12"),
               F("A source said something unknown.", "neutral", quoted_from="a letter from 1999"),
               kind="news", seed="news"),
    ])  # fmt: skip
    corpus = chain4.with_events([event("2018-12", "dfe_improvement_notice")])
    from ofstedmine.corpus import Corpus

    corpus = Corpus([*chain4.documents, *news.documents], [*chain4.extractions, *news.extractions],
                    events=corpus.events)  # fmt: skip
    G = build_theme_graph(corpus)
    n = _doc(G, "2018-11-05")
    assert G.nodes[n]["kind"] == "news" and G.nodes[n]["secondary"] is True
    q = G.edges[n, node_id_of(target.id), "quotes"]
    assert q["count"] == 2 and [e["page"] for e in q["evidence"]] == [1, 1]
    assert G.has_edge(n, "event:bradford:2018-12-01:dfe_improvement_notice", "quotes")
    assert G.nodes[n]["unresolved_quotes"] == ["a letter from 1999"]
    assert n not in document_chain(G, "bradford")
    assert n in document_chain(G, "bradford", secondary=True)
    assert not any(k == "next" and n in (u, v) for u, v, k in G.edges(keys=True))


def test_theme_nodes_dated_and_counted(chain4):
    G = build_theme_graph(chain4)
    assert G.nodes["theme:voice"]["start"] == "2021-10-01"
    assert G.nodes["theme:plans"]["n_documents"] == 4
    assert G.nodes["theme:drift"]["label"]


def test_custom_codebook_labels_reach_the_theme_nodes(tmp_path, chain4):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nversion: '1'\nthemes:\n"
        "  - id: drift\n    label: Drift and delay\n    group: practice\n"
        "    definition: Children's plans drift.\n    patterns: [drift]\n",
        encoding="utf-8",
    )
    G = build_theme_graph(chain4, codebook=load_codebook(path))
    assert G.nodes["theme:drift"]["label"] == "Drift and delay"
    assert G.nodes["theme:drift"]["group"] == "practice"
    # a theme the codebook does not hold: its id in words, no group
    assert G.nodes["theme:plans"]["label"] == "Plans" and "group" not in G.nodes["theme:plans"]
    # by default the packaged codebook, which has no theme "drift"
    assert build_theme_graph(chain4).nodes["theme:drift"]["label"] == "Drift"
    cb = load_codebook()
    theme = cb.themes[0]
    one = make_corpus([report("2018-10-29", F("Something is wrong.", "concern", theme.id))])
    node = build_theme_graph(one).nodes[f"theme:{theme.id}"]
    assert (node["label"], node["group"]) == (theme.label, theme.group)


@pytest.mark.parametrize(
    ("polarity", "cues", "expected"),
    [("strength", (), True), ("concern", ("improved",), False), ("mixed", ("made progress",), True),
     ("neutral", ("reported",), False)],
)  # fmt: skip
def test_reports_improvement(polarity, cues, expected):
    assert reports_improvement(polarity, cues) is expected


def test_empty_corpus():
    from ofstedmine.corpus import Corpus

    G = build_theme_graph(Corpus(), cooccurrence=True)
    assert G.number_of_nodes() == 0 and G.graph["authorities"] == []


def _news_quoting(chain4, events, *dated_quotes):
    """chain4 with events and one invented news item per (date, quoted_from)."""
    from ofstedmine.corpus import Corpus

    news = make_corpus([
        report(day, F(f"An invented article quoted the watchdog ({k}).", "neutral", quoted_from=value),
               kind="news", seed=f"news{k}")
        for k, (day, value) in enumerate(dated_quotes)
    ])  # fmt: skip
    return build_theme_graph(Corpus([*chain4.documents, *news.documents],
                                    [*chain4.extractions, *news.extractions], events=events))  # fmt: skip


def _quoted(G, date):
    n = _doc(G, date)
    return [v for _, v, k in G.out_edges(n, keys=True) if k == "quotes"]


def test_quote_of_an_event_id_goes_to_the_held_document_that_stands_for_it(chain4):
    # a visit whose letter (the 2019-10-01 focused visit) is held: no event node
    G = _news_quoting(chain4, [event("2019-09-05", "focused_visit")],
                      ("2019-11-01", "event:focused_visit:2019-09-05"))  # fmt: skip
    assert "event:bradford:2019-09-05:focused_visit" not in G
    assert _quoted(G, "2019-11-01") == [_doc(G, "2019-10-01")]


def test_quote_of_a_month_or_year_takes_the_latest_by_the_article(chain4):
    visits = [event(d, "monitoring_visit") for d in ("2021-03-01", "2021-11-20", "2022-01-10")]
    G = _news_quoting(chain4, visits, ("2021-12-01", "monitoring visit 2021"),
                      ("2021-06-01", "monitoring_visit 2021"),
                      ("2022-03-01", "event:dfe_improvement_notice:2022-01-12"))  # fmt: skip
    assert _quoted(G, "2021-12-01") == ["event:bradford:2021-11-20:monitoring_visit"]
    assert _quoted(G, "2021-06-01") == ["event:bradford:2021-03-01:monitoring_visit"]
    assert G.nodes[_doc(G, "2022-03-01")]["unresolved_quotes"] == [
        "event:dfe_improvement_notice:2022-01-12"
    ]  # no such notice: not the visit of another kind two days before


def test_quote_of_the_latest_of_a_kind(chain4):
    G = _news_quoting(chain4, [], ("2020-12-01", "the latest focused visit"),
                      ("2020-12-02", "the most recent inspection"))  # fmt: skip
    assert _quoted(G, "2020-12-01") == [_doc(G, "2020-10-01")]
    assert _quoted(G, "2020-12-02") == [_doc(G, "2018-10-29")]  # 2021-10-01 is later
