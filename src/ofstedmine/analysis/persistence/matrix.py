"""The theme by document table of an authority's chain, ready for a heatmap."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ofstedmine.analysis.graph import document_chain
from ofstedmine.analysis.persistence._common import _authorities, _n_concern, as_graph

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus


def persistence_matrix(
    source: Corpus | nx.MultiDiGraph,
    *,
    authority: str | Iterable[str] | None = None,
    values: str = "net",
) -> pd.DataFrame:
    """Theme by document (time order) table, ready for a heatmap.

    ``values``:

    * ``"net"``: strength findings minus concerns (concern findings and
      recommendations) on the theme in the document: ``+n`` mostly praised,
      ``-n`` mostly criticised, 0 when balanced or absent;
    * ``"concern"``: minus the number of concerns; ``"strength"``: the number of
      strength findings;
    * ``"category"``: the ``raises`` edge's polarity (``concern``, ``strength``,
      ``mixed``, ``neutral``) or ``"none"``.

    Rows are theme ids (sorted), columns short document labels (``"<date>
    <kind>"``, the authority first when there are several). ``df.attrs
    ["documents"]`` lists each column's node id, authority, date and kind.

    >>> from ofstedmine.corpus import Corpus
    >>> persistence_matrix(Corpus()).shape
    (0, 0)
    """
    if values not in ("net", "concern", "strength", "category"):
        raise ValueError(f"values must be net, concern, strength or category, not {values!r}")
    G = as_graph(source)
    auths = _authorities(G, authority)
    columns, meta, cells = [], [], {}
    for auth in auths:
        for node in document_chain(G, auth):
            d = G.nodes[node]
            label = f"{d.get('date', '?')} {d.get('kind', '')}".strip()
            if len(auths) > 1:
                label = f"{auth} {label}"
            while label in columns:
                label += "'"
            columns.append(label)
            meta.append(
                {
                    "column": label,
                    "node": node,
                    "authority": auth,
                    "date": d.get("date"),
                    "kind": d.get("kind"),
                }
            )
            for _, t, k, e in G.out_edges(node, keys=True, data=True):
                if k == "raises":
                    cells[G.nodes[t].get("theme", t), label] = e
    themes = sorted({t for t, _ in cells})
    fill: Any = "none" if values == "category" else 0
    df = pd.DataFrame(fill, index=pd.Index(themes, name="theme"), columns=columns)
    for (t, c), e in cells.items():
        if values == "category":
            df.loc[t, c] = e.get("polarity", "neutral")
        elif values == "net":
            df.loc[t, c] = e.get("strength", 0) - _n_concern(e)
        elif values == "concern":
            df.loc[t, c] = -_n_concern(e)
        else:
            df.loc[t, c] = e.get("strength", 0)
    if values != "category":
        df = df.astype(int)
    df.attrs["documents"] = meta
    return df
