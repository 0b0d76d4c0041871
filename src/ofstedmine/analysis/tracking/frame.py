"""The tracking frame: each recommendation followed into the later documents of
its authority (:func:`track_recommendations`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from ofstedmine.analysis.graph import iter_reports
from ofstedmine.analysis.repeats import resolve_authority
from ofstedmine.analysis.tracking.scoring import (
    _AspectStems,
    _boost_keys,
    _score,
    is_method_sentence,
)
from ofstedmine.analysis.tracking.statuses import _item, reports_progress
from ofstedmine.analysis.tracking.subjects import _theme_topics, section_topic
from ofstedmine.extract.aspects import aspect_of
from ofstedmine.extract.lexicon import content_words, stems
from ofstedmine.extract.subjects import load_subjects

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["TRACKING_COLUMNS", "track_recommendations"]

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
    "subject_terms",
    "subject_words",
    "subject_aspects",
    "page",
    "status",
    "status_report",
    "status_date",
    "status_quote",
    "status_page",
    "status_polarity",
    "status_confidence",
    "n_later_documents",
    "n_matched_documents",
    "best_score",
    "best_similarity",
    "evidence",
]


def track_recommendations(
    corpus: Corpus,
    *,
    authority: str | Iterable[str] | None = None,
    min_score: float = 0.25,
    min_score_unthemed: float = 0.35,
    top: int = 1,
) -> pd.DataFrame:
    """Follow each recommendation, by its subject, into later documents of its authority.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus`.
    authority
        One or more authorities (id, name or URN); all by default.
    min_score, min_score_unthemed, top
        See the package docstring (:mod:`ofstedmine.analysis.tracking`).

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
        subject_terms        the parties/processes it names (tuple of term ids
                             of :func:`~ofstedmine.extract.subjects.load_subjects`)
        subject_words        its content words, most distinctive first (up to 8)
        subject_aspects      its aspect keys
                             (:func:`~ofstedmine.extract.aspects.aspect_of`),
                             the lead first, then the other keys, then the
                             weak ones
        status               one of
                             :data:`~ofstedmine.analysis.tracking.TRACKING_STATUSES`
        status_report        node id of the document that decided the status
        status_date          its date (Timestamp)
        status_quote         its best evidence, and that finding's
        status_page          page,
        status_polarity      polarity and
        status_confidence    confidence (None where only rules judged)
        n_later_documents    later documents in the chain
        n_matched_documents  later documents with evidence
        best_score           highest score of any evidence
        best_similarity      highest content-word similarity of any evidence
        evidence             tuple of dicts, time order then score:
                             ``report``, ``document_id``, ``date``, ``kind``,
                             ``page``, ``start``, ``end``, ``section``,
                             ``polarity``, ``confidence``, ``improved``,
                             ``verdict``, ``score``, ``similarity``,
                             ``shared_terms``, ``shared_themes``,
                             ``shared_aspects`` (the aspect keys it names),
                             ``aspect_coverage``, ``names_aspect`` (it
                             names the lead), ``same_section``, ``quote``
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
        rows.extend(_track_chain(auth, chains[auth], min_score, min_score_unthemed, top))
    df = pd.DataFrame(rows, columns=TRACKING_COLUMNS)
    for c in ("date", "status_date"):
        df[c] = pd.to_datetime(df[c])
    return df


def _track_chain(auth, chain, min_score, min_score_unthemed, top) -> list[dict[str, Any]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    recs = [(i, rec) for i, r in enumerate(chain) for rec in r["extraction"].recommendations]
    if not recs:
        return []
    table = load_subjects()
    finds = [(i, f) for i, r in enumerate(chain) for f in r["extraction"].findings]
    rec_words = [content_words(rec.text) for _, rec in recs]
    texts = [" ".join(w) for w in rec_words] + [" ".join(content_words(f.text)) for _, f in finds]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # no words at all
        X = None
    aspects = [aspect_of(rec.text) for _, rec in recs]
    sims = None
    if X is not None and finds:
        R = _boost_keys(X[: len(recs)], vec.get_feature_names_out(), aspects)
        sims = (R @ X[len(recs) :].T).toarray()
    idf = dict(zip(vec.get_feature_names_out(), vec.idf_, strict=True)) if X is not None else {}
    find_info = [
        (
            set(table.find(f.text)),
            section_topic(f.locator.section),
            stems(f.text),
            is_method_sentence(f.text),
            reports_progress(f.text),
        )
        for _, f in finds
    ]
    stem_df = Counter(st for info in find_info for st in info[2])
    n_finds = len(finds)

    def stem_idf(st: str) -> float:  # as TfidfVectorizer's smoothed idf
        return math.log((1 + n_finds) / (1 + stem_df.get(st, 0))) + 1

    by_doc: dict[int, list[int]] = {}
    for k, (pos, _) in enumerate(finds):
        by_doc.setdefault(pos, []).append(k)
    theme_topics = _theme_topics()
    rows = []
    for ri, (i, rec) in enumerate(recs):
        r = chain[i]
        terms = table.find(rec.text)
        aspect = aspects[ri]
        topics = {theme_topics[t] for t in rec.themes if t in theme_topics}
        if (t := section_topic(rec.locator.section)) is not None:
            topics.add(t)
        rec_info = (set(rec.themes), set(terms), topics, _AspectStems.of(aspect, stem_idf))
        floor = min_score if rec.themes else min_score_unthemed
        evidence: list[dict[str, Any]] = []
        verdicts: list[dict[str, Any]] = []
        for j in range(i + 1, len(chain)):
            scored = []
            for k in by_doc.get(j, ()):
                f = finds[k][1]
                sim = float(sims[ri, k]) if sims is not None else 0.0
                got = _score(rec_info, f, find_info[k], sim)
                if got is not None and got[0] >= floor:
                    scored.append((got, f, find_info[k][4]))
            scored.sort(key=lambda x: (-x[0][0], -x[0][1], x[1].locator.start))
            items = [_item(chain[j], f, got, progress) for got, f, progress in scored[:top]]
            evidence.extend(items)
            if items and items[0]["verdict"]:
                verdicts.append(items[0])
        if verdicts:
            decider = verdicts[-1]
            status = decider["verdict"]
        elif evidence:
            decider, status = evidence[-1], "mentioned"
        else:
            decider = None
            status = "no_evidence_found" if i + 1 < len(chain) else "no_later_document"
        words = sorted(dict.fromkeys(rec_words[ri]), key=lambda w: -idf.get(w, 0.0))
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
                "subject_terms": terms,
                "subject_words": tuple(words[:8]),
                "subject_aspects": aspect.lead
                + tuple(k for k in (*aspect.keys, *aspect.weak) if k not in aspect.lead),
                "page": rec.locator.page,
                "status": status,
                "status_report": decider["report"] if decider else None,
                "status_date": decider["date"] if decider else None,
                "status_quote": decider["quote"] if decider else None,
                "status_page": decider["page"] if decider else None,
                "status_polarity": decider["polarity"] if decider else None,
                "status_confidence": decider["confidence"] if decider else None,
                "n_later_documents": len(chain) - 1 - i,
                "n_matched_documents": len({e["report"] for e in evidence}),
                "best_score": max((e["score"] for e in evidence), default=None),
                "best_similarity": max((e["similarity"] for e in evidence), default=None),
                "evidence": tuple(evidence),
            }
        )
    return rows
