"""Two chosen inspections: the themes raised in both, and what a later document says."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from ofstedmine.analysis.graph import document_chain
from ofstedmine.analysis.persistence._common import (
    _improved,
    _int_columns,
    _n_concern,
    _quote,
    _raises,
    as_graph,
)
from ofstedmine.analysis.persistence.verdicts import _concern, _latest_says

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

BOTH_COLUMNS = [
    "authority",
    "theme",
    "label",
    "group",
    "document_a",
    "date_a",
    "concern_a",
    "quote_a",
    "page_a",
    "document_b",
    "date_b",
    "concern_b",
    "quote_b",
    "page_b",
    "latest_document",
    "latest_date",
    "latest_says",
    "latest_concern",
    "latest_improved",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_improved_quote",
    "latest_improved_page",
]


def find_report(G: nx.MultiDiGraph, spec: str, *, authority: str | None = None) -> str:
    """The node id of a document named by node id, sha256 (or a prefix of 8+ hex
    digits) or ISO date (publication, time-order or fieldwork date; full
    inspections preferred when several documents share it)."""
    spec = str(spec).strip()
    for cand in (spec, f"doc:{spec}"):
        if cand in G and G.nodes[cand].get("type") == "document":
            return cand
    docs = [
        (n, d)
        for n, d in G.nodes(data=True)
        if d.get("type") == "document"
        and not d.get("secondary")
        and (authority is None or d.get("authority") == authority)
    ]
    hits = sorted(n for n, d in docs if d.get("document_id", "").startswith(spec.lower()))
    if not hits:
        fields = ("date", "published", "inspection_start", "inspection_end", "letter_date")
        hits = [n for n, d in docs if spec in (d.get(f) for f in fields)]
        hits.sort(key=lambda n: (G.nodes[n].get("kind") != "full_inspection", n))
    if not hits:
        raise KeyError(
            f"no document {spec!r}"
            + (f" of {authority!r}" if authority else "")
            + " in the graph: give a node id, a sha256 (prefix) or an ISO date"
        )
    return hits[0]


def concerns_in_both(
    source: Corpus | nx.MultiDiGraph,
    doc_a: str,
    doc_b: str,
    *,
    latest: str | None = None,
) -> pd.DataFrame:
    """Themes raised as concerns in two chosen documents, and what a later one says.

    Parameters
    ----------
    source
        A corpus or its theme graph.
    doc_a, doc_b
        The two documents (node id, sha256 prefix or ISO date; see
        :func:`find_report`), for example an authority's two inadequate
        inspections.
    latest
        The document to read each theme in; by default the authority's latest full
        inspection after ``doc_b``, else its latest document after ``doc_b``.

    Returns
    -------
    pandas.DataFrame
        One row per theme raised as a concern in both, columns
        :data:`BOTH_COLUMNS`: for each of the two documents its node id, date,
        number of concerns and first concern quote with page; for the latest
        document its node id, date and ``latest_says``:

        * ``still_a_concern``: concern findings, recommendations or mixed findings
          name the theme and nothing reports it improved;
        * ``improved``: strength findings (or findings with an improvement cue)
          name it and nothing raises it;
        * ``mixed``: both;
        * ``mentioned``: only neutral findings name it;
        * ``not_mentioned``: the document does not name it (also when there is no
          later document).

        with the counts and the first quote and page of each side.
    """
    G = as_graph(source)
    a = find_report(G, doc_a)
    auth = G.nodes[a].get("authority")
    b = find_report(G, doc_b, authority=auth)
    if _order(G, b) < _order(G, a):
        a, b = b, a
    chain = document_chain(G, auth)
    if latest is not None:
        last = find_report(G, latest, authority=auth)
    else:
        after = chain[chain.index(b) + 1 :] if b in chain else []
        full = [n for n in after if G.nodes[n].get("kind") == "full_inspection"]
        last = (full or after or [None])[-1]
    ea, eb = _raises(G, a), _raises(G, b)
    el = _raises(G, last) if last else {}
    rows = []
    for t in sorted(set(ea) & set(eb)):
        if not (_concern(ea[t]) and _concern(eb[t])):
            continue
        qa, qb = _quote(ea[t], "concern"), _quote(eb[t], "concern")
        dl = el.get(t)
        ql_bad = _quote(dl, "concern") if dl else None
        ql_good = _quote(dl, "praise") if dl else None
        tn = G.nodes[t]
        rows.append(
            {
                "authority": auth,
                "theme": tn.get("theme", t),
                "label": tn.get("label"),
                "group": tn.get("group"),
                "document_a": a,
                "date_a": G.nodes[a].get("date"),
                "concern_a": _n_concern(ea[t]),
                "quote_a": qa and qa["quote"],
                "page_a": qa and qa["page"],
                "document_b": b,
                "date_b": G.nodes[b].get("date"),
                "concern_b": _n_concern(eb[t]),
                "quote_b": qb and qb["quote"],
                "page_b": qb and qb["page"],
                "latest_document": last,
                "latest_date": G.nodes[last].get("date") if last else None,
                "latest_says": _latest_says(dl),
                "latest_concern": _n_concern(dl) if dl else 0,
                "latest_improved": _improved(dl),
                "latest_concern_quote": ql_bad and ql_bad["quote"],
                "latest_concern_page": ql_bad and ql_bad["page"],
                "latest_improved_quote": ql_good and ql_good["quote"],
                "latest_improved_page": ql_good and ql_good["page"],
            }
        )
    df = _int_columns(pd.DataFrame(rows, columns=BOTH_COLUMNS))
    for c in ("page_a", "page_b", "latest_concern", "latest_improved"):
        df[c] = df[c].astype("Int64")
    for c in ("date_a", "date_b", "latest_date"):
        df[c] = pd.to_datetime(df[c])
    df.attrs.update(document_a=a, document_b=b, latest=last)
    return df


def _order(G: nx.MultiDiGraph, node: str) -> tuple:
    d = G.nodes[node]
    return (d.get("date") or "9999-12-31", d.get("seq", 0))


def default_comparison(G: nx.MultiDiGraph, authority: str) -> tuple[str, str] | None:
    """The two inspections to compare by default: the last two full inspections
    graded inadequate overall; else the two full inspections before the latest;
    None when the authority has fewer full inspections than that."""
    chain = document_chain(G, authority)
    full = [n for n in chain if G.nodes[n].get("kind") == "full_inspection"]
    bad = [n for n in full if G.nodes[n].get("overall") == "inadequate"]
    if len(bad) >= 2:
        return bad[-2], bad[-1]
    if len(full) >= 3:
        return full[-3], full[-2]
    return None
