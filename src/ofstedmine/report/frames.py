"""The frames a report shows, computed once per authority.

:func:`report_frames` gathers, for one authority, the documents, judgements and
timeline, the theme graph, and the frames of each analysis (persistence,
recommendation tracking, repeats, the heatmap matrix, secondary sources) into a
:class:`ReportFrames`. One analysis failing does not sink the report: its error is
kept in ``ReportFrames.errors`` and shown in its section.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ofstedmine.report._html import fmt_date

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from ofstedmine.corpus import Corpus

__all__ = ["ReportFrames", "report_frames"]

# The report's logger keeps the name it had when this code lived in report/build.py.
log = logging.getLogger("ofstedmine.report.build")


@dataclass
class ReportFrames:
    """Everything a report shows, as frames (and the theme graph)."""

    authority: str
    authority_name: str
    documents: pd.DataFrame
    judgements: pd.DataFrame
    timeline: pd.DataFrame
    graph: nx.MultiDiGraph
    persistence: pd.DataFrame | None = None
    tracking: pd.DataFrame | None = None
    repeats: pd.DataFrame | None = None
    matrix: pd.DataFrame | None = None
    secondary: pd.DataFrame | None = None
    urls: dict[str, str] = field(default_factory=dict)  # document id -> source URL
    labels: dict[str, str] = field(default_factory=dict)  # document id -> "ILACS, 29 Oct 2018"
    errors: dict[str, str] = field(default_factory=dict)  # frame name -> error message


def _attempt(errors: dict[str, str], name: str, fn: Callable[[], Any]) -> Any:
    """Run one analysis; a failure is shown in its section, not raised."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - one analysis must not sink the report
        log.warning("report: %s failed: %s", name, exc, exc_info=True)
        errors[name] = f"{type(exc).__name__}: {exc}"
        return None


def _authority(authority: Any) -> tuple[str, str]:
    import ofstedmine.authorities as authorities

    if hasattr(authority, "id") and hasattr(authority, "name"):
        return authority.id, authority.name
    found = authorities.lookup(authority)
    if found is not None:
        return found.id, found.name
    return str(authority), str(authority).replace("_", " ").title()


def report_frames(
    corpus: Corpus, authority: Any, *, timeline: pd.DataFrame | None = None
) -> ReportFrames:
    """Compute every frame the report of one authority shows.

    ``timeline`` is a frame from :func:`ofstedmine.timeline` (documents held,
    statistics visits, ``events.csv``); by default one is made from the corpus's
    documents and events.
    """
    from ofstedmine.analysis.graph import build_theme_graph
    from ofstedmine.viz.timeline import timeline_from_corpus, with_grades

    aid, name = _authority(authority)
    sub = corpus.filter(authority=aid) if _registered(aid) else _by_id(corpus, aid)
    documents = sub.documents_frame()
    judgements = sub.judgements()
    tl = timeline if timeline is not None else timeline_from_corpus(sub)
    if "authority" in tl.columns:
        tl = tl[tl["authority"].isna() | (tl["authority"] == aid)]
    tl = with_grades(tl, documents)
    G = build_theme_graph(sub)
    errors: dict[str, str] = {}
    frames = ReportFrames(aid, name, documents, judgements, tl, G, errors=errors)
    for doc in sub.documents:
        if doc.publication and doc.publication.url:
            frames.urls[doc.id] = doc.publication.url
    from ofstedmine.viz._style import kind_label

    for rec in documents.to_dict("records"):
        frames.labels.setdefault(
            rec["document_id"],
            f"{kind_label(rec['kind'], rec['framework'])}, {fmt_date(rec['date'])}",
        )

    frames.secondary = _attempt(errors, "secondary", lambda: _secondary_frame(sub, frames))

    def _repeats():
        from ofstedmine.analysis.repeats import find_repeats

        return find_repeats(G, authority=aid)

    frames.repeats = _attempt(errors, "repeats", _repeats)

    def _persistence():
        from ofstedmine.analysis.persistence import persistence, persistence_report

        rep = persistence_report(G, aid)
        per = persistence(G, authority=aid, repeats=frames.repeats)
        extra = ["theme", "first_document", "last_document", "improved_document",
                 "improved_in", "concern_dates", "n_documents", "n_repeats"]  # fmt: skip
        merged = rep.merge(per[[c for c in extra if c in per.columns]], on="theme", how="left")
        merged.attrs.update(rep.attrs)
        return merged

    frames.persistence = _attempt(errors, "persistence", _persistence)

    def _tracking():
        from ofstedmine.analysis.tracking import track_recommendations

        return track_recommendations(sub, authority=aid)

    frames.tracking = _attempt(errors, "recommendations", _tracking)

    def _matrix():
        from ofstedmine.analysis.persistence import persistence_matrix
        from ofstedmine.viz.heatmap import balance_matrix

        concern = persistence_matrix(G, authority=aid, values="concern")
        strength = persistence_matrix(G, authority=aid, values="strength")
        return balance_matrix(concern, strength)

    frames.matrix = _attempt(errors, "heatmap", _matrix)
    return frames


def _registered(aid: str) -> bool:
    import ofstedmine.authorities as authorities

    return authorities.lookup(aid) is not None


def _by_id(corpus: Corpus, aid: str) -> Corpus:
    from ofstedmine.corpus import Corpus

    docs = [d for d in corpus.documents if d.authority == aid]
    ids = {d.id for d in docs}
    return Corpus(docs, [e for e in corpus.extractions if e.document_id in ids],
                  events=[e for e in corpus.events if e.authority == aid])  # fmt: skip


def _secondary_frame(corpus: Corpus, frames: ReportFrames) -> pd.DataFrame:
    """One row per quotation in a news article or council minutes: when, where,
    what it quotes (a document of the chain, or a dated event without text)."""
    import pandas as pd

    from ofstedmine.types import DocumentKind

    events = {f"event:{e.kind.value}:{e.date.isoformat()}": e for e in corpus.events}
    rows = []
    for doc, exs in corpus:
        if doc.kind not in (DocumentKind.NEWS, DocumentKind.COUNCIL_MINUTES):
            continue
        for ex in exs:
            for f in ex.findings:
                target = f.quoted_from
                if not target:
                    continue
                if target in frames.labels or any(k.startswith(target) for k in frames.labels):
                    key = next(k for k in frames.labels if k.startswith(target))
                    what = frames.labels[key]
                else:
                    ev = events.get(target)
                    what = (
                        f"{ev.title} ({fmt_date(ev.date, ev.date_precision)}; no text held)"
                        if ev
                        else target.replace("event:", "").replace("_", " ").replace(":", ", ")
                    )
                rows.append({
                    "date": corpus.date_of(doc), "kind": doc.kind.value,
                    "source": Path(doc.source_name or doc.id[:12]).name, "quotes": what,
                    "text": f.text, "polarity": f.polarity.value,
                })  # fmt: skip
    return pd.DataFrame(rows, columns=["date", "kind", "source", "quotes", "text", "polarity"])
