"""The tables the CLI and the HTML report print: the persistence report, the verdicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from ofstedmine.analysis.graph import authorities_of, document_chain
from ofstedmine.analysis.persistence._common import _int_columns, _quote, _raises, as_graph
from ofstedmine.analysis.persistence.comparison import (
    BOTH_COLUMNS,
    concerns_in_both,
    default_comparison,
    find_report,
)
from ofstedmine.analysis.persistence.frame import persistence
from ofstedmine.analysis.persistence.verdicts import _latest_says
from ofstedmine.analysis.repeats import resolve_authority

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

REPORT_COLUMNS = [
    "authority",
    "theme",
    "label",
    "status",
    "in_both",
    "latest_says",
    "n_concern_documents",
    "first_raised",
    "last_raised",
    "longest_run",
    "n_runs",
    "repeated_wording",
    "first_quote",
    "first_page",
    "last_quote",
    "last_page",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_improved_quote",
    "latest_improved_page",
]


#: The columns of ``ofstedmine persistence AUTHORITY --csv`` (a stable contract).
VERDICT_COLUMNS = [
    "theme",
    "label",
    "status",
    "still_a_concern",
    "concern_documents",
    "praised_documents",
    "first_raised",
    "last_raised",
    "first_concern_quote",
    "first_concern_page",
    "first_concern_link",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_concern_link",
    "latest_praise_quote",
    "latest_praise_page",
    "latest_praise_link",
    "trend",
    "verdicts",
]


def verdict_table(source: Corpus | nx.MultiDiGraph, authority: str) -> pd.DataFrame:
    """One authority's verdict on every theme its documents mention: the CSV contract.

    Columns :data:`VERDICT_COLUMNS`: ``still_a_concern`` a bool; ``concern_documents``
    and ``praised_documents`` the ISO publication dates of the documents raising /
    praising the theme, ``;``-separated; ``first_raised`` and ``last_raised`` ISO dates
    (empty when never raised); the first and latest concern and the latest praise, each
    as quote, page and link (``URL#page=N``); ``verdicts`` each chain document's
    verdict, ``;``-separated, in time order. Sorted: still a concern first, then by the
    number of documents raising it.

    >>> from ofstedmine.corpus import Corpus
    >>> list(verdict_table(Corpus(), "bradford").columns) == VERDICT_COLUMNS
    True
    """
    G = as_graph(source)
    auth = resolve_authority(authority)
    per = persistence(G, authority=auth)
    if not len(per):
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    chain = document_chain(G, auth)
    published = {
        G.nodes[c].get("date"): G.nodes[c].get("published") or G.nodes[c].get("date") for c in chain
    }

    def dates(values: tuple) -> str:
        return ";".join(published.get(d) or d for d in values if d)

    out = pd.DataFrame(
        {
            "theme": per["theme"],
            "label": per["label"],
            "status": per["status"],
            "still_a_concern": per["still_a_concern"].astype(bool),
            "concern_documents": per["concern_dates"].map(dates),
            "praised_documents": per["praised_documents"].map(dates),
            "first_raised": per["first_raised"].dt.strftime("%Y-%m-%d"),
            "last_raised": per["last_raised"].dt.strftime("%Y-%m-%d"),
            **{c: per[c] for c in VERDICT_COLUMNS[8:18]},
            "verdicts": per["verdicts"].map(";".join),
        }
    )
    out = out.assign(_n=per["n_concern_documents"].astype(int))
    out = out.sort_values(["still_a_concern", "_n", "theme"], ascending=[False, False, True])
    return out.drop(columns="_n").reset_index(drop=True)[VERDICT_COLUMNS]


def persistence_report(
    source: Corpus | nx.MultiDiGraph,
    authority: str,
    *,
    compare: tuple[str, str] | None = None,
    latest: str | None = None,
) -> pd.DataFrame:
    """The persistence table of one authority as the CLI and HTML report print it.

    Every theme the authority's documents raised as a concern, with its status
    (see :mod:`ofstedmine.analysis.persistence`), whether it was raised in both compared
    inspections (``in_both``; by default the last two inspections graded
    inadequate, see :func:`default_comparison`), and what the latest full
    inspection says of it (``latest_says``, as in :func:`concerns_in_both`),
    with quotes and pages. Rows: themes raised in both first, then by number of
    concern documents. ``df.attrs`` names the compared and latest documents.

    Columns: :data:`REPORT_COLUMNS`.

    >>> from ofstedmine.corpus import Corpus
    >>> list(persistence_report(Corpus(), "bradford").columns) == REPORT_COLUMNS
    True
    """
    G = as_graph(source)
    auth = resolve_authority(authority)
    per = persistence(G, authority=auth)
    if compare is None and auth in authorities_of(G):
        compare = default_comparison(G, auth)
    both = pd.DataFrame(columns=BOTH_COLUMNS)
    if compare is not None:
        both = concerns_in_both(G, compare[0], compare[1], latest=latest)
    chain = document_chain(G, auth) if auth in authorities_of(G) else []
    if latest is not None:
        last = find_report(G, latest, authority=auth)
    elif len(both):
        last = both.attrs.get("latest")
    else:
        full = [n for n in chain if G.nodes[n].get("kind") == "full_inspection"]
        last = (full or chain or [None])[-1]
    in_both = set(both["theme"])
    el = _raises(G, last) if last else {}
    out = per.copy()
    out["in_both"] = out["theme"].isin(in_both)
    says, cq, cp, iq, ip = [], [], [], [], []
    for t in out["theme"]:
        d = el.get(f"theme:{t}")
        bad = _quote(d, "concern") if d else None
        good = _quote(d, "praise") if d else None
        says.append(_latest_says(d))
        cq.append(bad and bad["quote"])
        cp.append(bad and bad["page"])
        iq.append(good and good["quote"])
        ip.append(good and good["page"])
    out["latest_says"] = says
    out["latest_concern_quote"], out["latest_concern_page"] = cq, cp
    out["latest_improved_quote"], out["latest_improved_page"] = iq, ip
    out = out.sort_values(
        ["in_both", "n_concern_documents", "theme"], ascending=[False, False, True]
    )
    out = _int_columns(out.reindex(columns=REPORT_COLUMNS).reset_index(drop=True))
    out.attrs.update(
        authority=auth,
        compared=tuple(compare) if compare else None,
        latest=last,
        latest_date=G.nodes[last].get("date") if last else None,
    )
    return out
