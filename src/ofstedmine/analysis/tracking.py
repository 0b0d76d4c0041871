"""Each recommendation followed into the same authority's later documents.

Matching
    For a recommendation of document *i*, every finding of each later document
    of the same authority's chain (text held; news and minutes left out) that
    shares a theme with it is a candidate; a recommendation with no theme takes
    every finding as a candidate. Candidates are ranked by the cosine similarity
    of TF-IDF vectors (word 1- and 2-grams, English stop words removed,
    sublinear term frequency, fitted on that authority's recommendations and
    findings) between the recommendation and the finding. A candidate is
    matched evidence when its similarity is at least ``min_similarity`` (0.05 by
    default: the shared theme already vouches for the match, and on Bradford's
    reports findings plainly about a recommendation's subject score 0.05 to 0.1
    when worded differently), or ``min_similarity_unthemed`` (0.25) for a
    recommendation with no theme, whose candidates have nothing else to vouch for
    them. The ``top`` best
    matches per later document are kept (3 by default).

Status
    Each later document with matched evidence gets a verdict from its kept
    matches: *addressed* when some report improvement (strength findings, or
    mixed or neutral ones with an improvement cue) and none is a concern;
    *still raised* when some are concerns and none reports improvement;
    *partly addressed* when both, or when a mixed finding is among them; no
    verdict when all are neutral. The recommendation's ``status`` is the verdict
    of the latest later document that has one (``addressed``,
    ``partly_addressed``, ``still_raised``), else ``not_mentioned``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ofstedmine.analysis.graph import iter_reports, reports_improvement
from ofstedmine.analysis.repeats import resolve_authority

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["TRACKING_COLUMNS", "TRACKING_STATUSES", "track_recommendations"]

TRACKING_STATUSES = ("addressed", "partly_addressed", "still_raised", "not_mentioned")
TRACKING_COLUMNS = [
    "authority",
    "document_id",
    "part",
    "report",
    "date",
    "kind",
    "list",
    "index",
    "text",
    "themes",
    "page",
    "status",
    "status_report",
    "status_date",
    "status_quote",
    "status_page",
    "n_later_documents",
    "n_matched_documents",
    "best_similarity",
    "evidence",
]


def track_recommendations(
    corpus: Corpus,
    *,
    authority: str | Iterable[str] | None = None,
    min_similarity: float = 0.05,
    min_similarity_unthemed: float = 0.25,
    top: int = 3,
) -> pd.DataFrame:
    """Follow each recommendation into later documents of its authority.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus`.
    authority
        One or more authorities (id, name or URN); all by default.
    min_similarity, min_similarity_unthemed, top
        See the module docstring.

    Returns
    -------
    pandas.DataFrame
        One row per recommendation, columns :data:`TRACKING_COLUMNS`:

        ===================  ===================================================
        authority            registry id
        document_id, part    the recommending report
        report               its graph node id
        date, kind           its date (Timestamp) and document kind
        list, index          the improvement list and 1-based position in it
        text, themes, page   the recommendation, its themes (tuple), its page
        status               ``addressed``, ``partly_addressed``,
                             ``still_raised`` or ``not_mentioned``
        status_report        node id of the document that decided the status
        status_date          its date (Timestamp)
        status_quote         its best-matching finding, and
        status_page          that finding's page
        n_later_documents    later documents in the chain
        n_matched_documents  later documents with matched evidence
        best_similarity      highest similarity of any matched finding
        evidence             tuple of dicts, time order then similarity:
                             ``report``, ``document_id``, ``date``, ``kind``,
                             ``page``, ``start``, ``end``, ``polarity``,
                             ``improved``, ``similarity``, ``quote``
        ===================  ===================================================

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> track_recommendations(Corpus()).shape[0]
    0
    """
    wanted = None
    if authority is not None:
        names = [authority] if isinstance(authority, (str, int)) else list(authority)
        wanted = {resolve_authority(n) for n in names}
    chains: dict[str, list[dict[str, Any]]] = {}
    for r in iter_reports(corpus):
        if r["secondary"] or (wanted is not None and r["authority"] not in wanted):
            continue
        chains.setdefault(r["authority"], []).append(r)
    rows: list[dict[str, Any]] = []
    for auth in sorted(chains, key=str):
        # iter_reports yields the corpus's time order, which is each chain's order
        chain = chains[auth]
        rows.extend(_track_chain(auth, chain, min_similarity, min_similarity_unthemed, top))
    df = pd.DataFrame(rows, columns=TRACKING_COLUMNS)
    for c in ("date", "status_date"):
        df[c] = pd.to_datetime(df[c])
    return df


def _track_chain(auth, chain, min_sim, min_sim_unthemed, top) -> list[dict[str, Any]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    recs = [(i, rec) for i, r in enumerate(chain) for rec in r["extraction"].recommendations]
    if not recs:
        return []
    finds = [(i, f) for i, r in enumerate(chain) for f in r["extraction"].findings]
    texts = [rec.text for _, rec in recs] + [f.text for _, f in finds]
    vec = TfidfVectorizer(
        ngram_range=(1, 2),
        stop_words="english",
        sublinear_tf=True,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b",
    )
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # no words at all
        X = None
    sims = (X[: len(recs)] @ X[len(recs) :].T).toarray() if X is not None and finds else None
    rows = []
    for ri, (i, rec) in enumerate(recs):
        r = chain[i]
        later = len(chain) - 1 - i
        evidence: list[dict[str, Any]] = []
        verdicts: list[tuple[int, str, dict]] = []
        for j in range(i + 1, len(chain)):
            matched = _matches(
                rec, finds, j, sims[ri] if sims is not None else None, min_sim, min_sim_unthemed
            )
            matched = matched[:top]
            if not matched:
                continue
            items = [_item(chain[j], f, s) for s, f in matched]
            evidence.extend(items)
            verdict = _verdict(items)
            if verdict:
                verdicts.append((j, verdict, items[0]))
        status, decider = "not_mentioned", None
        if verdicts:
            _, status, decider = verdicts[-1]
        rows.append(
            {
                "authority": auth,
                "document_id": r["document"].id,
                "part": r["extraction"].part,
                "report": r["node"],
                "date": r["date"],
                "kind": r["kind"],
                "list": rec.list.value,
                "index": rec.index,
                "text": rec.text,
                "themes": tuple(rec.themes),
                "page": rec.locator.page,
                "status": status,
                "status_report": decider["report"] if decider else None,
                "status_date": decider["date"] if decider else None,
                "status_quote": decider["quote"] if decider else None,
                "status_page": decider["page"] if decider else None,
                "n_later_documents": later,
                "n_matched_documents": len({e["report"] for e in evidence}),
                "best_similarity": max((e["similarity"] for e in evidence), default=None),
                "evidence": tuple(evidence),
            }
        )
    return rows


def _matches(rec, finds, j, sims, min_sim, min_sim_unthemed) -> list[tuple[float, Any]]:
    themes = set(rec.themes)
    floor = min_sim if themes else min_sim_unthemed
    out = []
    for k, (pos, f) in enumerate(finds):
        if pos != j or (themes and not themes & set(f.themes)):
            continue
        s = float(sims[k]) if sims is not None else 0.0
        if s >= floor:
            out.append((round(s, 4), f))
    out.sort(key=lambda x: (-x[0], x[1].locator.start))
    return out


def _item(r: dict[str, Any], f: Any, similarity: float) -> dict[str, Any]:
    return {
        "report": r["node"],
        "document_id": r["document"].id,
        "date": r["date"].isoformat() if r["date"] else None,
        "kind": r["kind"],
        "page": f.locator.page,
        "start": f.locator.start,
        "end": f.locator.end,
        "polarity": f.polarity.value,
        "improved": reports_improvement(f.polarity, f.cues),
        "similarity": similarity,
        "quote": f.text,
    }


def _verdict(items: list[dict[str, Any]]) -> str | None:
    pol = np.array([i["polarity"] for i in items])
    good = any(i["improved"] for i in items)
    bad = bool((pol == "concern").any())
    if (pol == "mixed").any() or (good and bad):
        return "partly_addressed"
    if good:
        return "addressed"
    if bad:
        return "still_raised"
    return None
