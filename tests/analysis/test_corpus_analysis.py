"""Graph, persistence, tracking and repeats on the real corpus: Bradford and two
other authorities with long chains (Middlesbrough and Luton: four inspections and
five focused-visit letters each).

Skipped when the shared corpus is absent or the findings extractor is not there
yet. Checks facts and sanity, never the reports' sentences.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.corpus

URNS = {"80449": "bradford", "80523": "middlesbrough", "80520": "luton"}
BRADFORD_INADEQUATE = ("2018-10-29", "2023-01-31")
BRADFORD_LATEST = "2026-05-21"


@pytest.fixture(scope="module")
def real_corpus(corpus_dir: Path, tmp_path_factory):
    if importlib.util.find_spec("ofstedmine.extract.findings") is None:
        pytest.skip("the findings extractor (ofstedmine.extract.findings) is not there yet")
    from ofstedmine.extract import findings as findings_module

    if not hasattr(findings_module, "extract_findings"):
        pytest.skip("ofstedmine.extract.findings has no extract_findings yet")
    from ofstedmine.corpus import Corpus
    from ofstedmine.sources.events import read_events_csv

    corpus = Corpus.from_manifest(
        corpus_dir / "manifest.csv",
        where=lambda r: r["urn"] in URNS,
        cache=tmp_path_factory.mktemp("cache"),
        progress=False,
    )
    if not any(f.themes for ex in corpus.extractions for f in ex.findings):
        pytest.skip("the extractor gives no themed findings yet")
    return corpus.with_events(read_events_csv(corpus_dir / "events.csv"))


@pytest.fixture(scope="module")
def real_graph(real_corpus):
    from ofstedmine.analysis.graph import build_theme_graph

    return build_theme_graph(real_corpus, cooccurrence=True)


def test_chains_are_in_time_order(real_graph):
    from ofstedmine.analysis.graph import document_chain

    for authority in URNS.values():
        chain = document_chain(real_graph, authority)
        assert len(chain) >= 6, authority
        dates = [real_graph.nodes[n]["date"] for n in chain]
        assert dates == sorted(dates)
    bradford = [real_graph.nodes[n]["date"] for n in document_chain(real_graph, "bradford")]
    assert bradford[0] == "2014-05-23" and bradford[-1] == BRADFORD_LATEST
    assert set(BRADFORD_INADEQUATE) <= set(bradford)


def test_bradford_events_sit_in_the_chain(real_graph):
    from ofstedmine.analysis.graph import document_chain

    chain = document_chain(real_graph, "bradford", events=True)
    kinds = [real_graph.nodes[n].get("kind") for n in chain]
    assert "trust_go_live" in kinds and "dfe_direction" in kinds
    dates = [real_graph.nodes[n]["date"] for n in chain]
    trust = dates[kinds.index("trust_go_live")]
    assert BRADFORD_INADEQUATE[1] < trust < BRADFORD_LATEST
    for u, v in zip(chain, chain[1:]):
        assert real_graph.has_edge(u, v, "next")


def test_evidence_points_into_the_text(real_corpus, real_graph):
    texts = {d.id: d for d in real_corpus.documents}
    checked = 0
    for u, _, k, d in real_graph.edges(keys=True, data=True):
        if k != "raises":
            continue
        doc = texts[real_graph.nodes[u]["document_id"]]
        for ev in d["evidence"][:3]:
            assert 1 <= ev["page"] <= doc.n_pages
            assert 0 <= ev["start"] < ev["end"] <= len(doc.text)
            assert doc.page_at(ev["start"]) == ev["page"]
            checked += 1
    assert checked > 50


def test_bradford_concerns_in_both_inadequate_inspections(real_graph):
    from ofstedmine.analysis.persistence import concerns_in_both, persistence_report

    both = concerns_in_both(real_graph, *BRADFORD_INADEQUATE)
    assert len(both) >= 1
    assert (both["latest_date"].dt.strftime("%Y-%m-%d") == BRADFORD_LATEST).all()
    assert set(both["latest_says"]) <= {
        "improved", "still_a_concern", "mixed", "mentioned", "not_mentioned"
    }  # fmt: skip
    assert both["page_a"].notna().all() and both["page_b"].notna().all()
    report = persistence_report(real_graph, "Bradford")
    compared = [real_graph.nodes[n]["date"] for n in report.attrs["compared"]]
    assert tuple(compared) == BRADFORD_INADEQUATE
    assert report.attrs["latest_date"] == BRADFORD_LATEST
    assert set(report.loc[report["in_both"], "theme"]) == set(both["theme"])


def test_persistence_is_sane(real_graph):
    from ofstedmine.analysis.persistence import STATUSES, persistence, persistence_matrix

    df = persistence(real_graph)
    assert set(df["authority"]) == set(URNS.values())
    assert set(df["status"]) <= set(STATUSES)
    assert (df["longest_run"] <= df["n_concern_documents"]).all()
    assert (df["n_concern_documents"] <= df["n_documents"]).all()
    raised = df[df["n_concern_documents"] > 0]
    assert (raised["first_raised"] <= raised["last_raised"]).all()
    assert df.loc[df["n_concern_documents"] == 0, "status"].eq("not_raised").all()
    assert raised["first_page"].notna().all()  # every raised theme has its evidence
    for authority in URNS.values():
        mine = df[df["authority"] == authority]
        assert (mine["n_concern_documents"] >= 3).any(), authority
        matrix = persistence_matrix(real_graph, authority=authority)
        assert matrix.shape[1] == mine["n_documents"].iloc[0]


def test_recommendations_are_followed(real_corpus):
    from ofstedmine.analysis.tracking import TRACKING_STATUSES, track_recommendations

    df = track_recommendations(real_corpus, authority="bradford")
    assert len(df) >= 10
    assert set(df["status"]) <= set(TRACKING_STATUSES)
    y2018 = df[df["date"].dt.year == 2018]
    assert (y2018["n_later_documents"] >= 3).all()
    assert (y2018["status"] != "no_evidence_found").any()
    latest = df[df["date"].dt.strftime("%Y-%m-%d") == BRADFORD_LATEST]
    assert len(latest) and (latest["status"] == "no_later_document").all()


def test_repeats_are_cross_document_and_ordered(real_graph):
    from ofstedmine.analysis.repeats import find_repeats

    df = find_repeats(real_graph)
    assert (df["report_a"] != df["report_b"]).all()
    assert (df["date_a"] <= df["date_b"]).all()
    assert (df["score"] >= 0.6).all()


def test_real_graph_round_trips_through_gexf(real_graph, tmp_path):
    from ofstedmine.io.graph import read_gexf, write_gexf

    write_gexf(real_graph, tmp_path / "g.gexf")
    back = read_gexf(tmp_path / "g.gexf")
    assert dict(back.nodes(data=True)) == dict(real_graph.nodes(data=True))
    assert back.number_of_edges() == real_graph.number_of_edges()
