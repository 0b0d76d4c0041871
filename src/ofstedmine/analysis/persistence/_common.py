"""Helpers shared by the persistence tables: the graph, authorities, edges, quotes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from ofstedmine.analysis.graph import authorities_of, build_theme_graph
from ofstedmine.analysis.repeats import resolve_authority

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus


def as_graph(source: Corpus | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The theme graph of a corpus (built without events), or the graph itself."""
    if isinstance(source, nx.Graph):
        return source
    return build_theme_graph(source, events=False)


def _int_columns(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        counted = c.endswith("_page") or c.startswith(("page_", "n_", "concern_"))
        if counted and c not in ("concern_documents", "concern_dates"):
            df[c] = df[c].astype("Int64")
    return df


def _authorities(G: nx.MultiDiGraph, authority: str | Iterable[str] | None) -> list[str]:
    present = authorities_of(G)
    if authority is None:
        return sorted(present)
    names = [authority] if isinstance(authority, (str, int)) else list(authority)
    return sorted({resolve_authority(n) for n in names} & present)


def _improved(d: dict | None) -> int:
    return d.get("improved", 0) if d else 0


def _n_concern(d: dict) -> int:
    return d.get("concern", 0) + d.get("recommendations", 0)


def _raises(G: nx.MultiDiGraph, node: str) -> dict[str, dict]:
    return {t: d for _, t, k, d in G.out_edges(node, keys=True, data=True) if k == "raises"}


# a criticism in the summary reads better as evidence than an improvement item (an
# instruction), which reads better than a sentence of the body
_SALIENCE = {"summary": 3, "improvement_list": 2, "body": 0}


def _confident(ev: dict, polarities: tuple[str, ...]) -> bool:
    from ofstedmine.types import EVIDENCE_THRESHOLD

    conf = ev.get("confidence")
    return ev.get("polarity") in polarities and (conf is None or conf >= EVIDENCE_THRESHOLD)


#: A quote shown as evidence is taken from findings at least this confident when the
#: document has any (the verdict itself counts every finding at the evidence threshold).
QUOTE_CONFIDENCE = 0.75


def _quote(d: dict, want: str) -> dict | None:
    """The most salient confident evidence of a kind: ``concern`` (concern or mixed
    findings and improvement items) or ``praise`` (strength findings).

    The strongest first: findings of confidence at least :data:`QUOTE_CONFIDENCE`
    when there are any (else those at the evidence threshold); among them salience (a
    summary sentence, then an improvement item, then a sentence that leads its
    paragraph), then confidence, then text order.
    """
    polarities = ("strength",) if want == "praise" else ("concern", "mixed")
    found = [ev for ev in d.get("evidence", ()) if _confident(ev, polarities)]
    if not found:
        return None
    strong = [ev for ev in found if (ev.get("confidence") or 1.0) >= QUOTE_CONFIDENCE]
    found = strong or found

    def rank(ev: dict) -> tuple:
        return (
            -_SALIENCE.get(ev.get("position", "body"), 0)
            - (1 if ev.get("leads") and ev.get("position", "body") == "body" else 0),
            ev.get("polarity") == "mixed",
            -(ev.get("confidence") or 0),
            ev.get("start", 0),
        )

    return min(found, key=rank)
