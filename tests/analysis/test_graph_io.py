"""Round trips of the theme graph through GraphML, GEXF and node-link JSON."""

from __future__ import annotations

import doctest
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ofstedmine.io.graph as graph_io
from ofstedmine.analysis.graph import build_theme_graph
from ofstedmine.corpus import Corpus
from ofstedmine.io.graph import (
    from_gephi_ready,
    read_gexf,
    read_graphml,
    read_node_link_json,
    to_gephi_ready,
    write_gexf,
    write_graphml,
    write_node_link_json,
)
from tests.analysis.conftest import F, event, make_corpus, report

FORMATS = {
    "graphml": (write_graphml, read_graphml),
    "gexf": (write_gexf, read_gexf),
    "json": (write_node_link_json, read_node_link_json),
}


@pytest.fixture
def full_graph(chain4):
    news = make_corpus([report("2018-11-05",
                               F("The report said plans drift.", "concern", "drift",
                                 quoted_from=chain4.documents[0].id),
                               F("Nobody knows where this came from.", "neutral",
                                 quoted_from="somewhere else"),
                               kind="news", seed="news")])  # fmt: skip
    corpus = Corpus([*chain4.documents, *news.documents], [*chain4.extractions, *news.extractions],
                    events=[event("2018-12", "dfe_improvement_notice", note="month only",
                                  source_url="https://example.org/n", themes=("a", "b"))])  # fmt: skip
    return build_theme_graph(corpus, cooccurrence=True)


def _edges(G):
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def test_doctests():
    assert doctest.testmod(graph_io).failed == 0


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_keeps_nodes_edges_and_attributes(full_graph, tmp_path, fmt):
    write, read = FORMATS[fmt]
    path = tmp_path / f"g.{fmt}"
    write(full_graph, path)
    H = read(path)
    assert isinstance(H, nx.MultiDiGraph)
    assert dict(H.nodes(data=True)) == dict(full_graph.nodes(data=True))
    assert _edges(H) == _edges(full_graph)
    ev = H.edges[next(iter(e for e in _edges(H) if e[2] == "raises"))]["evidence"]
    assert isinstance(ev, list) and isinstance(ev[0], dict) and isinstance(ev[0]["page"], int)
    if fmt != "gexf":  # GEXF keeps only the graph's name
        assert H.graph["authorities"] == ["bradford"]


def test_gexf_carries_time_attributes_for_gephi(full_graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(full_graph, path)
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    g = root.find("g:graph", ns)
    assert g.get("mode") == "dynamic" and g.get("timeformat") == "date"
    starts = {n.get("id"): n.get("start") for n in g.iter(f"{{{ns['g']}}}node")}
    assert starts["theme:voice"] == "2021-10-01"
    assert starts["event:bradford:2018-12-01:dfe_improvement_notice"] == "2018-12-01"
    edge_types = {e.get("type") for e in g.iter(f"{{{ns['g']}}}edge")}
    assert edge_types <= {None, "directed"}  # our types live in the edge_type attribute


def test_to_gephi_ready_flattens(full_graph):
    H = to_gephi_ready(full_graph)
    for _, d in H.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    for *_, d in H.edges(keys=True, data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
        if d.get("type") == "raises":
            assert "evidence_json" in d and "evidence" not in d
    back = from_gephi_ready(H)
    assert dict(back.nodes(data=True)) == dict(full_graph.nodes(data=True))
    assert _edges(back) == _edges(full_graph)


def test_readers_accept_simple_graphs(tmp_path):
    G = nx.DiGraph()
    G.add_edge("a", "b", type="next", days=3)
    assert len(FORMATS) >= 3, "graphml, gexf and json at least"
    for fmt, (write, read) in FORMATS.items():
        path = tmp_path / f"s.{fmt}"
        write(G, path)
        H = read(path)
        assert _edges(H) == {("a", "b", "next"): {"type": "next", "days": 3}}, fmt


_text = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
                max_size=20)  # fmt: skip
_scalar = st.one_of(_text.filter(lambda s: s.strip() == s and s), st.integers(-10**6, 10**6),
                    st.booleans())  # fmt: skip
_value = st.one_of(
    _scalar,
    st.lists(_scalar, max_size=4),
    st.dictionaries(st.sampled_from(["page", "quote", "n"]), _scalar, max_size=3),
)
# Names with a fixed meaning in GEXF or node-link JSON, or set by the tests.
_RESERVED = {"label", "start", "end", "id", "pid", "type", "weight", "key", "spells", "viz",
             "parents", "slices", "source", "target"}  # fmt: skip
_names = st.from_regex(r"[a-z][a-z_]{0,8}[a-z]", fullmatch=True).filter(
    lambda s: not s.endswith("_json") and s not in _RESERVED
)


@settings(max_examples=40, deadline=None)
@given(attrs=st.dictionaries(_names, _value, max_size=5))
def test_any_attribute_round_trips(tmp_path_factory, attrs):
    G = nx.MultiDiGraph()
    G.add_node("n1", label="one", **attrs)
    G.add_node("n2", label="two")
    G.add_edge("n1", "n2", key="raises", type="raises", **attrs)
    folder = tmp_path_factory.mktemp("rt")
    assert len(FORMATS) >= 3, "graphml, gexf and json at least"
    for fmt, (write, read) in FORMATS.items():
        write(G, folder / f"g.{fmt}")
        H = read(folder / f"g.{fmt}")
        assert dict(H.nodes(data=True)) == dict(G.nodes(data=True)), fmt
        assert _edges(H) == _edges(G), fmt


def test_node_link_refuses_reserved_names(tmp_path):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="quotes", source="news")
    with pytest.raises(ValueError, match="reserves"):
        write_node_link_json(G, tmp_path / "g.json")
