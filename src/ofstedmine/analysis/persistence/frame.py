"""The persistence frame: per authority and theme, where it is raised, runs, status."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ofstedmine.analysis.graph import document_chain
from ofstedmine.analysis.persistence._common import _authorities, _int_columns, _quote, as_graph
from ofstedmine.analysis.persistence.verdicts import (
    _balance,
    _concern,
    _legacy_verdict,
    _praise,
    _runs,
    _trend,
    status_of,
)
from ofstedmine.analysis.repeats import find_repeats

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

PERSISTENCE_COLUMNS = [
    "authority",
    "theme",
    "label",
    "group",
    "status",
    "still_a_concern",
    "trend",
    "verdicts",
    "praised_documents",
    "first_concern_quote",
    "first_concern_page",
    "first_concern_link",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_concern_link",
    "latest_praise_quote",
    "latest_praise_page",
    "latest_praise_link",
    "n_documents",
    "n_concern_documents",
    "concern_documents",
    "concern_dates",
    "first_raised",
    "first_kind",
    "last_raised",
    "last_kind",
    "longest_run",
    "n_runs",
    "gaps",
    "n_after",
    "improved_later",
    "improved_in",
    "repeated_wording",
    "n_repeats",
    "first_quote",
    "first_page",
    "first_document",
    "last_quote",
    "last_page",
    "last_document",
    "improved_quote",
    "improved_page",
    "improved_document",
]


def persistence(
    source: Corpus | nx.MultiDiGraph,
    *,
    authority: str | Iterable[str] | None = None,
    repeats: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per authority and theme: where it is raised as a concern, runs, gaps, status.

    Parameters
    ----------
    source
        A corpus or its theme graph.
    authority
        One or more authorities (id, name or URN); all by default.
    repeats
        Output of :func:`~ofstedmine.analysis.repeats.find_repeats` to use for
        ``repeated_wording``; computed from the graph when not given.

    Returns
    -------
    pandas.DataFrame
        One row per authority and theme raised as a concern at least once,
        columns :data:`PERSISTENCE_COLUMNS`:

        ===================  ==================================================
        authority            registry id
        theme, label, group  the theme's codebook id, label and group
        status               see :mod:`ofstedmine.analysis.persistence`
        n_documents          documents in the authority's chain
        n_concern_documents  documents raising the theme as a concern
        concern_documents    their node ids (tuple, time order)
        concern_dates        their dates (tuple of ISO strings)
        first_raised         date of the first (Timestamp) ...
        first_kind           ... and its document kind
        last_raised          date of the last concern, and
        last_kind            its kind
        longest_run          most consecutive chain documents raising it
        n_runs               number of such runs
        gaps                 tuple: documents not raising it between runs
        n_after              chain documents after the last concern
        improved_later       a document after the last concern reports it improved
        improved_in          node id of the first such document
        repeated_wording     a near-verbatim repeat on the theme, one side a concern
        n_repeats            number of such pairs
        first_quote ...      first concern quote in the first document, its page
                             and document id (sha256); ``last_*`` the same for
                             the last concern document; ``improved_*`` the first
                             improvement quote after the last concern
        ===================  ==================================================

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> persistence(Corpus()).shape[0]
    0
    """
    G = as_graph(source)
    if repeats is None:
        repeats = find_repeats(G, authority=authority)
    rows = []
    for auth in _authorities(G, authority):
        chain = document_chain(G, auth)
        for theme, by_pos in sorted(_theme_edges(G, chain).items()):
            row = _persistence_row(G, auth, theme, chain, by_pos, repeats)
            if row is not None:
                rows.append(row)
    df = pd.DataFrame(rows, columns=PERSISTENCE_COLUMNS)
    for c in ("first_raised", "last_raised"):
        df[c] = pd.to_datetime(df[c])
    return _int_columns(df)


def _theme_edges(G: nx.MultiDiGraph, chain: list[str]) -> dict[str, dict[int, dict]]:
    out: dict[str, dict[int, dict]] = {}
    for pos, node in enumerate(chain):
        for _, t, k, d in G.out_edges(node, keys=True, data=True):
            if k == "raises":
                out.setdefault(t, {})[pos] = d
    return out


def _persistence_row(G, auth, theme, chain, by_pos, repeats) -> dict[str, Any] | None:
    n = len(chain)
    verdicts = []
    for p in range(n):
        d = by_pos.get(p)
        verdicts.append(d.get("verdict", _legacy_verdict(d)) if d else "")
    concerns = [p for p in range(n) if _concern(by_pos.get(p))]
    praised = [p for p in range(n) if _praise(by_pos.get(p))]
    tnode = G.nodes[theme]
    tid = tnode.get("theme", theme.removeprefix("theme:"))
    dates = [G.nodes[c].get("date") for c in chain]
    row: dict[str, Any] = {
        "authority": auth,
        "theme": tid,
        "label": tnode.get("label"),
        "group": tnode.get("group"),
        "status": status_of(verdicts),
        "still_a_concern": bool(n) and verdicts[-1] in ("concern", "both"),
        "trend": _trend([_balance(by_pos.get(p)) for p in range(n)]),
        "verdicts": tuple(v or "none" for v in verdicts),
        "praised_documents": tuple(dates[p] for p in praised),
        "n_documents": n,
        "n_concern_documents": len(concerns),
        "concern_documents": tuple(chain[p] for p in concerns),
        "concern_dates": tuple(dates[p] for p in concerns),
    }
    runs = _runs(concerns)
    first = concerns[0] if concerns else None
    last = concerns[-1] if concerns else None
    later_good = [p for p in praised if last is not None and p > last]
    row.update(
        {
            "first_raised": dates[first] if first is not None else None,
            "first_kind": G.nodes[chain[first]].get("kind") if first is not None else None,
            "last_raised": dates[last] if last is not None else None,
            "last_kind": G.nodes[chain[last]].get("kind") if last is not None else None,
            "longest_run": max((len(r) for r in runs), default=0),
            "n_runs": len(runs),
            "gaps": tuple(b[0] - a[-1] - 1 for a, b in zip(runs, runs[1:])),
            "n_after": n - 1 - last if last is not None else None,
            "improved_later": bool(later_good),
            "improved_in": chain[later_good[0]] if later_good else None,
        }
    )
    mine = _repeats_on(repeats, auth, tid)
    row["repeated_wording"] = bool(len(mine))
    row["n_repeats"] = len(mine)
    latest_praise = praised[-1] if praised else None
    for prefix, pos, want in (
        ("first_concern", first, "concern"),
        ("latest_concern", last, "concern"),
        ("latest_praise", latest_praise, "praise"),
    ):
        ev = _quote(by_pos[pos], want) if pos is not None else None
        row[f"{prefix}_quote"] = ev["quote"] if ev else None
        row[f"{prefix}_page"] = ev["page"] if ev else None
        row[f"{prefix}_link"] = ev.get("url") if ev else None
    # the older names, kept for readers of earlier releases
    for old, new in (
        ("first", "first_concern"),
        ("last", "latest_concern"),
        ("improved", "latest_praise"),
    ):
        row[f"{old}_quote"] = row[f"{new}_quote"]
        row[f"{old}_page"] = row[f"{new}_page"]
    for old, pos in (("first", first), ("last", last), ("improved", latest_praise)):
        row[f"{old}_document"] = G.nodes[chain[pos]].get("document_id") if pos is not None else None
    return row


def _repeats_on(repeats: pd.DataFrame | None, auth: str, theme: str) -> pd.DataFrame:
    if repeats is None or not len(repeats):
        return pd.DataFrame()
    keep = (repeats["authority"] == auth) & ~repeats["boilerplate"].astype(bool)
    keep &= repeats["themes_a"].map(lambda t: theme in t)
    keep &= repeats["themes_b"].map(lambda t: theme in t)
    keep &= (repeats["polarity_a"] == "concern") | (repeats["polarity_b"] == "concern")
    return repeats[keep]
