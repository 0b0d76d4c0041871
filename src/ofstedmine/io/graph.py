"""Write and read the theme graph as GraphML, GEXF and node-link JSON.

GraphML and GEXF hold only strings, numbers and booleans, so on the way out
(:func:`to_gephi_ready`):

* an attribute whose value is a list, tuple or dict is written as a JSON string
  under its name plus the suffix ``_json`` (``evidence`` -> ``evidence_json``,
  ``themes`` -> ``themes_json``); names ending in ``_json`` are reserved for this;
* ``None`` values are left out; dates become ISO strings;
* the graph is marked ``mode="dynamic"`` with ``timeformat="date"``, and every dated
  node and edge keeps its ``start`` (an ISO date): Gephi's timeline reads these.
  GEXF files carry them as the ``start`` attributes of ``<node>`` and ``<edge>``.

In GEXF the words ``type``, ``weight``, ``label`` and ``id`` of an edge have fixed
meanings, so the edge's ``type`` (``next``, ``raises``, ...) is written as the
attribute ``edge_type`` and its key as ``edge_key``; :func:`read_gexf` puts both
back. GEXF keeps no graph attributes beyond the name.

The readers (:func:`read_graphml`, :func:`read_gexf`, :func:`read_node_link_json`)
decode every ``*_json`` attribute back to lists and dicts and always return a
:class:`networkx.MultiDiGraph` whose edge keys are the edge types, so a graph from
:func:`~ofstedmine.analysis.graph.build_theme_graph` comes back equal, node for
node and edge for edge.

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph()
>>> G.add_node("theme:a", type="theme", label="A", aliases=["x", "y"])
>>> path = os.path.join(tempfile.mkdtemp(), "g.graphml")
>>> write_graphml(G, path)
>>> read_graphml(path).nodes["theme:a"]["aliases"]
['x', 'y']
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import networkx as nx

__all__ = [
    "JSON_SUFFIX",
    "from_gephi_ready",
    "read_gexf",
    "read_graphml",
    "read_node_link_json",
    "to_gephi_ready",
    "write_gexf",
    "write_graphml",
    "write_node_link_json",
]

#: Suffix of attribute names that hold a JSON-encoded list or dict.
JSON_SUFFIX = "_json"
_GEXF_RESERVED = {"type": "edge_type"}

PathLike = str | os.PathLike[str]


def _flat(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _encode(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple, dict, set)):
            value = sorted(v) if isinstance(v, set) else v
            out[f"{k}{JSON_SUFFIX}"] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            out[k] = _flat(v)
    return out


def _decode(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k.endswith(JSON_SUFFIX) and isinstance(v, str):
            out[k[: -len(JSON_SUFFIX)]] = json.loads(v)
        else:
            out[k] = v
    return out


def to_gephi_ready(G: nx.Graph) -> nx.MultiDiGraph:
    """A copy of a graph that GraphML and GEXF can hold (see the module docstring).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("n", start="2018-10-29", tags=["a"], missing=None)
    >>> dict(to_gephi_ready(G).nodes["n"])
    {'start': '2018-10-29', 'tags_json': '["a"]'}
    """
    H = nx.MultiDiGraph()
    H.graph.update(_encode(G.graph))
    H.graph["mode"] = "dynamic"
    H.graph["timeformat"] = "date"
    for n, d in G.nodes(data=True):
        H.add_node(n, **_encode(d))
    for u, v, k, d in _edges(G):
        H.add_edge(u, v, key=k, **_encode(d))
    return H


def from_gephi_ready(G: nx.Graph) -> nx.MultiDiGraph:
    """Undo :func:`to_gephi_ready`: decode ``*_json`` attributes; drop the
    ``mode``/``timeformat`` graph marks and the readers' bookkeeping."""
    H = nx.MultiDiGraph()
    graph = {
        k: v
        for k, v in G.graph.items()
        if k not in ("mode", "timeformat", "node_default", "edge_default")
    }
    H.graph.update(_decode(graph))
    for n, d in G.nodes(data=True):
        H.add_node(n, **_decode(d))
    for u, v, k, d in _edges(G):
        H.add_edge(u, v, key=k, **_decode(d))
    return H


def _edges(G: nx.Graph):
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, d.get("type", 0), d


# --------------------------------------------------------------------- GraphML


def write_graphml(G: nx.Graph, path: PathLike) -> None:
    """Write a graph as GraphML (lists and dicts as ``*_json`` strings)."""
    nx.write_graphml(to_gephi_ready(G), os.fspath(path))


def read_graphml(path: PathLike) -> nx.MultiDiGraph:
    """Read GraphML written by :func:`write_graphml`, decoding ``*_json`` attributes."""
    return from_gephi_ready(nx.read_graphml(os.fspath(path), force_multigraph=True))


# ------------------------------------------------------------------------ GEXF


def write_gexf(G: nx.Graph, path: PathLike) -> None:
    """Write a graph as GEXF 1.2 with ``start`` dates for Gephi's timeline.

    Edge ``type`` is written as ``edge_type`` and the edge key as ``edge_key``
    (GEXF reserves ``type`` for directed/undirected).
    """
    H = to_gephi_ready(G)
    out = nx.MultiDiGraph()
    out.graph.update({k: H.graph[k] for k in ("name", "mode") if k in H.graph})
    out.add_nodes_from(H.nodes(data=True))
    for u, v, k, d in H.edges(keys=True, data=True):
        data = {_GEXF_RESERVED.get(a, a): b for a, b in d.items()}
        data["edge_key"] = str(k)
        out.add_edge(u, v, key=k, **data)
    nx.write_gexf(out, os.fspath(path))


def read_gexf(path: PathLike) -> nx.MultiDiGraph:
    """Read GEXF written by :func:`write_gexf`, restoring edge types and keys."""
    raw = nx.read_gexf(os.fspath(path))
    back = {v: k for k, v in _GEXF_RESERVED.items()}
    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in raw.graph.items() if k == "name"})
    H.add_nodes_from(raw.nodes(data=True))
    for u, v, k, d in _edges(raw):
        data = {back.get(a, a): b for a, b in d.items() if a != "id"}
        key = data.pop("edge_key", k)
        H.add_edge(u, v, key=key, **data)
    return from_gephi_ready(H)


# -------------------------------------------------------------- node-link JSON


def write_node_link_json(G: nx.Graph, path: PathLike, *, indent: int | None = None) -> None:
    """Write a graph as node-link JSON (``nodes`` and ``edges``; lists stay lists).

    The format reserves the node attribute ``id`` and the edge attributes
    ``source``, ``target`` and ``key``; a graph using them raises ``ValueError``.
    """
    clash = {"id"} & {k for _, d in G.nodes(data=True) for k in d}
    clash |= {"source", "target", "key"} & {k for *_, d in G.edges(data=True) for k in d}
    if clash:
        raise ValueError(
            f"node-link JSON reserves the attribute names {sorted(clash)}: rename them first"
        )
    data = nx.node_link_data(G, edges="edges")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=indent, default=_flat)


def read_node_link_json(path: PathLike) -> nx.MultiDiGraph:
    """Read node-link JSON written by :func:`write_node_link_json`."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    edges = "edges" if "edges" in data else "links"
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    return from_gephi_ready(G)
