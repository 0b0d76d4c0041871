"""Node ids, each authority's chain in time order, and the ``next`` edges along it."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ofstedmine.types import Polarity

#: Cues that mark a finding as reporting improvement (matched case-insensitively).
_IMPROVED_CUE = re.compile(r"improv|progress|better|strengthen|stronger", re.IGNORECASE)


def node_id_of(document_id: str, part: int = 1, *, parts: int = 1) -> str:
    """The node id of a report: ``doc:<sha256>``, or ``doc:<sha256>#<part>``.

    >>> node_id_of("ab12", 2, parts=2)
    'doc:ab12#2'
    """
    return f"doc:{document_id}" if parts <= 1 else f"doc:{document_id}#{part}"


def authorities_of(G: nx.MultiDiGraph) -> set[str]:
    """The authorities of a graph's documents and events."""
    return {
        d["authority"]
        for _, d in G.nodes(data=True)
        if d.get("type") in ("document", "event") and d.get("authority")
    }


def document_chain(
    G: nx.MultiDiGraph,
    authority: str,
    *,
    events: bool = False,
    secondary: bool = False,
) -> list[str]:
    """The node ids of one authority's documents (and events) in time order.

    By default only the documents whose text is held and that are not secondary
    sources: the chain persistence counts runs along.
    """
    keep = []
    for n, d in G.nodes(data=True):
        if d.get("authority") != authority:
            continue
        is_doc = d.get("type") == "document" and (secondary or not d.get("secondary"))
        if is_doc or (events and d.get("type") == "event"):
            keep.append(n)
    return sorted(keep, key=lambda n: _order_key(G.nodes[n]))


def reports_improvement(polarity: Polarity | str, cues: Iterable[str]) -> bool:
    """Whether a finding reports improvement: a strength, or a mixed or neutral
    finding whose cues speak of improvement or progress. A concern never does
    (its improvement cue is negated: "has not improved").

    >>> reports_improvement("neutral", ["has improved"]), reports_improvement("concern", ["improved"])
    (True, False)
    """
    p = Polarity(polarity)
    if p is Polarity.STRENGTH:
        return True
    if p is Polarity.CONCERN:
        return False
    return any(_IMPROVED_CUE.search(c) for c in cues)


def _order_key(d: dict[str, Any]) -> tuple:
    # Undated nodes go last; on the same day events come before documents (a visit
    # happens before its letter); then corpus order.
    return (d.get("date") or "9999-12-31", 0 if d.get("type") == "event" else 1, d.get("seq", 0))


def _link_chains(G: nx.MultiDiGraph) -> None:
    for authority in sorted(authorities_of(G)):
        chain = document_chain(G, authority, events=True)
        for u, v in itertools.pairwise(chain):
            du, dv = G.nodes[u].get("date"), G.nodes[v].get("date")
            attrs: dict[str, Any] = {"authority": authority}
            if du and dv:
                attrs["days"] = (dt.date.fromisoformat(dv) - dt.date.fromisoformat(du)).days
            if dv:
                attrs["start"] = dv
            G.add_edge(u, v, key="next", type="next", **attrs)
