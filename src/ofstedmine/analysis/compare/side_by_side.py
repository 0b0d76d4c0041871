"""Authorities side by side: latest grades, top persistent concerns and, optionally,
each authority's nearest peers (:func:`compare_authorities`).

Part of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

import ofstedmine.authorities as _registry

from ._common import _reports
from .history import latest_grades
from .peers import authority_profiles, similar_authorities

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["compare_authorities"]

# The package's logger, as before the split into modules.
log = logging.getLogger("ofstedmine.analysis.compare")


def _top_concerns(corpus: Corpus, authority: str, top: int) -> tuple[tuple[str, ...], str]:
    """The authority's most persistent concern themes, and where the ranking came from."""
    sub = corpus.filter(authority=authority)
    try:
        from ofstedmine.analysis.persistence import persistence
    except ImportError:
        persistence = None
    if persistence is not None:
        ranked = _rank_persistence(persistence, sub, authority)
        if ranked is not None:
            return tuple(ranked[:top]), "persistence"
    mentions: Counter = Counter()
    documents: Counter = Counter()
    for r in _reports(sub):
        here = Counter(th for f in r.findings if f.polarity.value == "concern" for th in f.themes)
        mentions.update(here)
        documents.update(set(here))
    ranked = sorted(mentions, key=lambda th: (-documents[th], -mentions[th], th))
    return tuple(ranked[:top]), "frequency"


def _rank_persistence(persistence: Any, sub: Corpus, authority: str) -> list[str] | None:
    """Concern themes ranked by the persistence table.

    Still open first (status persistent or recurring, then new, then improving or
    resolved), then by how many documents raise it, then by the longest run.
    """
    try:
        table = persistence(sub, authority=authority)
    except Exception:  # another module's API may change: fall back, but say so
        log.warning("analysis.persistence.persistence failed; ranking concerns by frequency",
                    exc_info=True)  # fmt: skip
        return None
    needed = {"theme", "status", "n_concern_documents", "longest_run"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        return None
    if "authority" in table:
        table = table[table["authority"] == authority]
    open_first = {"persistent": 0, "recurring": 0, "new": 1}
    table = table.assign(_open=table["status"].map(open_first).fillna(2))
    table = table.sort_values(["_open", "n_concern_documents", "longest_run", "theme"],
                              ascending=[True, False, False, True])  # fmt: skip
    return list(dict.fromkeys(table["theme"]))


def compare_authorities(
    corpus: Corpus,
    authorities: Iterable[str],
    *,
    peers: int = 0,
    top: int = 5,
) -> pd.DataFrame:
    """Authorities side by side: latest grades and top persistent concerns.

    Parameters
    ----------
    corpus
        A corpus (findings are needed for the concerns and for ``peers``).
    authorities
        Names, ids or URNs.
    peers
        Also add each authority's ``peers`` most similar authorities
        (:func:`similar_authorities`).
    top
        Concern themes listed per authority: ranked by
        :func:`ofstedmine.analysis.persistence.persistence` where that module is
        present, else by how many reports raise each as a concern.

    Returns
    -------
    pandas.DataFrame
        One row per authority: ``authority``, ``authority_name``, ``region``,
        ``peer_of`` and ``similarity`` (for added peers), ``n_documents``,
        ``first_date``, ``last_date``, ``latest_inspection`` (date) and
        ``latest_framework``, one column per judgement area graded for any of them
        holding the latest grade in that area, ``stale_areas`` (areas graded before the latest inspection),
        ``top_concerns`` (tuple of theme ids) and ``concerns_ranked_by``. Transpose
        (``df.set_index("authority").T``) for a side-by-side view.
    """
    ids = list(dict.fromkeys(_registry.get(a).id for a in authorities))
    if not ids:
        raise ValueError("name at least one authority")
    entries: list[tuple[str, str | None, float | None]] = [(i, None, None) for i in ids]
    if peers > 0:
        profiles = authority_profiles(corpus)
        for i in ids:
            if i not in profiles.index:
                continue
            near = similar_authorities(corpus, i, n=peers, profiles=profiles)
            entries += [(p, i, s) for p, s in zip(near["authority"], near["similarity"])]
    seen: set[str] = set()
    entries = [e for e in entries if not (e[0] in seen or seen.add(e[0]))]
    latest = latest_grades(corpus, wide=True).set_index("authority")
    docs = corpus.documents_frame()
    chosen = latest.reindex([e[0] for e in entries])
    areas = [
        c
        for c in latest.columns
        if c not in ("latest_date", "latest_framework", "stale_areas") and chosen[c].notna().any()
    ]
    rows = []
    for auth, peer_of, sim in entries:
        a = _registry.get(auth)
        mine = docs[docs["authority"] == auth]
        grades = latest.loc[auth] if auth in latest.index else None
        concerns, ranked_by = _top_concerns(corpus, auth, top)
        row = {
            "authority": auth, "authority_name": a.name, "region": a.region,
            "peer_of": peer_of, "similarity": sim, "n_documents": mine["document_id"].nunique(),
            "first_date": mine["date"].min(), "last_date": mine["date"].max(),
            "latest_inspection": grades["latest_date"] if grades is not None else pd.NaT,
            "latest_framework": grades["latest_framework"] if grades is not None else None,
        }  # fmt: skip
        for area in areas:
            value = grades[area] if grades is not None else None
            row[area] = value if isinstance(value, str) else None
        row["stale_areas"] = grades["stale_areas"] if grades is not None else ()
        row["top_concerns"] = concerns
        row["concerns_ranked_by"] = ranked_by
        rows.append(row)
    return pd.DataFrame(rows)
