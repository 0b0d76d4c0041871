"""Similar authorities: each authority's findings profile (a row of theme rates) and
its nearest peers by cosine similarity.

Part of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import ofstedmine.authorities as _registry

from .themes import theme_prevalence

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["authority_profiles", "similar_authorities"]


def authority_profiles(
    corpus: Corpus,
    *,
    polarity: str | Sequence[str] | None = "concern",
    measure: str = "per_10k_words",
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Each authority's findings profile: a row of theme rates.

    Parameters
    ----------
    corpus, polarity, kinds
        As :func:`theme_prevalence` (``by="authority"``).
    measure
        ``"per_10k_words"`` (default) or ``"share_of_documents"``.

    Returns
    -------
    pandas.DataFrame
        Index ``authority``, one column per theme, rates as floats (0 where never
        raised); ``attrs["n_documents"]`` maps each authority to its report count.
    """
    prev = theme_prevalence(corpus, by="authority", polarity=polarity, kinds=kinds)
    if measure not in ("per_10k_words", "share_of_documents"):
        raise ValueError(f"measure must be per_10k_words or share_of_documents, not {measure!r}")
    table = prev.pivot(index="authority", columns="theme", values=measure).fillna(0.0)
    table.columns.name = None
    table.attrs["n_documents"] = prev.groupby("authority")["n_documents"].first().to_dict()
    return table


def similar_authorities(
    corpus: Corpus,
    authority: str,
    *,
    n: int = 5,
    polarity: str | Sequence[str] | None = "concern",
    measure: str = "per_10k_words",
    profiles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The authorities whose findings profile is closest to one authority's (cosine).

    Parameters
    ----------
    corpus
        A corpus built with findings.
    authority
        A name, id or URN the registry knows.
    n
        How many to return.
    polarity, measure
        As :func:`authority_profiles`.
    profiles
        Precomputed :func:`authority_profiles` (to compare many authorities cheaply).

    Returns
    -------
    pandas.DataFrame
        ``authority``, ``authority_name``, ``similarity`` (cosine, 0..1),
        ``n_documents`` and ``shared_themes`` (the three themes contributing most to
        the similarity), most similar first.
    """
    from sklearn.metrics.pairwise import cosine_similarity

    target = _registry.get(authority).id
    table = profiles if profiles is not None else authority_profiles(
        corpus, polarity=polarity, measure=measure)  # fmt: skip
    if target not in table.index:
        raise ValueError(f"{target} has no reports in the corpus")
    sims = cosine_similarity(table.loc[[target]].to_numpy(), table.to_numpy())[0]
    norms = np.linalg.norm(table.to_numpy(), axis=1)
    norms[norms == 0] = 1.0
    unit = table.to_numpy() / norms[:, None]
    me = unit[table.index.get_loc(target)]
    rows = []
    for i, auth in enumerate(table.index):
        if auth == target:
            continue
        contrib = me * unit[i]
        top = [table.columns[j] for j in np.argsort(-contrib)[:3] if contrib[j] > 0]
        a = _registry.lookup(auth)
        rows.append({"authority": auth, "authority_name": a.name if a else None,
                     "similarity": float(sims[i]),
                     "n_documents": table.attrs.get("n_documents", {}).get(auth),
                     "shared_themes": tuple(top)})  # fmt: skip
    out = pd.DataFrame(rows, columns=["authority", "authority_name", "similarity", "n_documents",
                                      "shared_themes"])  # fmt: skip
    return (
        out.sort_values(["similarity", "authority"], ascending=[False, True])
        .head(n)
        .reset_index(drop=True)
    )
