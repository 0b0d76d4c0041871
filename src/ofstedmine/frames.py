"""Tidy pandas DataFrames of a corpus (the corpus stage's views: ``Corpus.judgements()``
and the rest call these). Every column is described in ``docs/data-dictionary.md``; a
test checks the two agree. Writing them out (CSV, Parquet, graphs) is :mod:`ofstedmine.io`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from ofstedmine.types import Document, Event, Extraction

__all__ = [
    "DOCUMENT_COLUMNS",
    "Frames",
    "EVENT_COLUMNS",
    "FINDING_COLUMNS",
    "JUDGEMENT_COLUMNS",
    "RECOMMENDATION_COLUMNS",
    "documents_frame",
    "events_frame",
    "findings_frame",
    "judgements_frame",
    "recommendations_frame",
]

DOCUMENT_COLUMNS = [
    "document_id",
    "part",
    "authority",
    "authority_name",
    "urn",
    "kind",
    "framework",
    "date",
    "published",
    "inspection_start",
    "inspection_end",
    "letter_date",
    "lead_inspectors",
    "overall",
    "n_pages",
    "n_findings",
    "n_recommendations",
    "source_name",
    "url",
]
JUDGEMENT_COLUMNS = [
    "document_id",
    "part",
    "authority",
    "authority_name",
    "urn",
    "kind",
    "framework",
    "date",
    "published",
    "inspection_start",
    "inspection_end",
    "area",
    "grade",
    "grade_rank",
    "status",
    "label",
    "page",
    "start",
    "end",
    "url",
]
FINDING_COLUMNS = [
    "document_id",
    "part",
    "authority",
    "kind",
    "framework",
    "date",
    "finding",
    "text",
    "polarity",
    "themes",
    "cues",
    "confidence",
    "position",
    "leads_paragraph",
    "recommendation",
    "evidence",
    "page",
    "section",
    "start",
    "end",
    "quoted_from",
    "url",
]
RECOMMENDATION_COLUMNS = [
    "document_id",
    "part",
    "authority",
    "kind",
    "framework",
    "date",
    "list",
    "index",
    "text",
    "themes",
    "heading",
    "page",
    "start",
    "end",
    "url",
]
EVENT_COLUMNS = [
    "date",
    "date_precision",
    "kind",
    "authority",
    "title",
    "source",
    "source_url",
    "document_id",
    "themes",
    "note",
]


class Frames:
    """The tidy frames of a collection of documents and their extractions.

    :class:`~ofstedmine.corpus.Corpus` is one: it gives the documents (iteration), their
    time-order dates (``date_of``) and its ``events``; these methods turn them into the
    frames of ``docs/data-dictionary.md``. The frames stage depends on nothing above it.
    """

    events: tuple[Event, ...] = ()

    def __iter__(self) -> Iterator[tuple[Document, list[Extraction]]]:
        raise NotImplementedError

    def date_of(self, document: Document) -> dt.date | None:
        raise NotImplementedError

    def documents_frame(self) -> pd.DataFrame:
        """One row per report (a file holding two reports gives two rows)."""
        return documents_frame(self)

    def judgements(self) -> pd.DataFrame:
        """One row per report and judgement area (tidy); see docs/data-dictionary.md."""
        return judgements_frame(self)

    def findings(self, *, explode: bool = False) -> pd.DataFrame:
        """One row per finding (``explode=True``: one per finding and theme)."""
        return findings_frame(self, explode=explode)

    def recommendations(self) -> pd.DataFrame:
        """One row per recommendation item."""
        return recommendations_frame(self)

    def events_frame(self) -> pd.DataFrame:
        """The events attached to the corpus, one row each."""
        return events_frame(self.events)


def _ts(d: Any) -> Any:
    return pd.Timestamp(d) if d is not None else pd.NaT


def _context(corpus: Frames) -> Iterable[tuple[Any, Extraction, dict[str, Any]]]:
    for doc, exs in corpus:
        date = corpus.date_of(doc)
        for ex in exs:
            m = ex.metadata
            yield (
                doc,
                ex,
                {
                    "document_id": doc.id,
                    "part": ex.part,
                    "authority": m.authority or doc.authority,
                    "kind": (m.kind or doc.kind).value,
                    "framework": (m.framework or doc.framework).value,
                    "date": _ts(date),
                },
            )


def _typed(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    df = df.reindex(columns=columns)
    for c in ("date", "published", "inspection_start", "inspection_end", "letter_date"):
        if c in df:
            df[c] = pd.to_datetime(df[c])
    for c in (
        "part",
        "urn",
        "page",
        "start",
        "end",
        "index",
        "grade_rank",
        "n_pages",
        "n_findings",
        "n_recommendations",
        "finding",
    ):
        if c in df:
            df[c] = df[c].astype("Int64")
    return df


def documents_frame(corpus: Frames) -> pd.DataFrame:
    """One row per report: who, what, when, the overall grade and counts."""
    rows = []
    for doc, ex, base in _context(corpus):
        m = ex.metadata
        rows.append(
            {
                **base,
                "authority_name": m.authority_name,
                "urn": m.urn,
                "published": _ts(
                    m.published or (doc.publication.published if doc.publication else None)
                ),
                "inspection_start": _ts(m.inspection_start),
                "inspection_end": _ts(m.inspection_end),
                "letter_date": _ts(m.letter_date),
                "lead_inspectors": "; ".join(m.lead_inspectors),
                "overall": ex.overall.value if ex.overall else None,
                "n_pages": doc.n_pages,
                "n_findings": len(ex.findings),
                "n_recommendations": len(ex.recommendations),
                "source_name": doc.source_name,
                "url": doc.publication.url if doc.publication else None,
            }
        )
    return _typed(pd.DataFrame(rows), DOCUMENT_COLUMNS)


def judgements_frame(corpus: Frames) -> pd.DataFrame:
    """One row per report and judgement area, with the evidence's page and span."""
    rows = []
    for doc, ex, base in _context(corpus):
        m = ex.metadata
        for j in ex.judgements:
            loc = j.locator
            rows.append(
                {
                    **base,
                    "authority_name": m.authority_name,
                    "urn": m.urn,
                    "published": _ts(
                        m.published or (doc.publication.published if doc.publication else None)
                    ),
                    "inspection_start": _ts(m.inspection_start),
                    "inspection_end": _ts(m.inspection_end),
                    "area": j.area.value,
                    "grade": j.grade.value if j.grade else None,
                    "grade_rank": j.grade.rank if j.grade else None,
                    "status": j.status.value,
                    "label": j.label,
                    "page": loc.page if loc else None,
                    "start": loc.start if loc else None,
                    "end": loc.end if loc else None,
                    "url": loc.page_url if loc else None,
                }
            )
    return _typed(pd.DataFrame(rows), JUDGEMENT_COLUMNS)


def findings_frame(corpus: Frames, *, explode: bool = False) -> pd.DataFrame:
    """One row per finding; ``explode=True`` gives one row per finding and theme
    (findings without a theme keep one row with an empty theme)."""
    rows = []
    for _doc, ex, base in _context(corpus):
        for i, f in enumerate(ex.findings):
            loc = f.locator
            rows.append(
                {
                    **base,
                    "finding": i,
                    "text": f.text,
                    "polarity": f.polarity.value,
                    "themes": f.themes,
                    "cues": f.cues,
                    "confidence": f.confidence,
                    "position": f.position.value,
                    "leads_paragraph": f.leads_paragraph,
                    "recommendation": f.recommendation,
                    "evidence": f.is_evidence,
                    "page": loc.page,
                    "section": " > ".join(loc.section),
                    "start": loc.start,
                    "end": loc.end,
                    "quoted_from": f.quoted_from,
                    "url": loc.page_url,
                }
            )
    df = _typed(pd.DataFrame(rows), FINDING_COLUMNS)
    if explode:
        df = df.assign(theme=df["themes"].map(lambda t: list(t) or [""])).explode("theme")
        df = df.reset_index(drop=True)
    return df


def recommendations_frame(corpus: Frames) -> pd.DataFrame:
    """One row per recommendation item, word for word, with its list and index."""
    rows = []
    for _doc, ex, base in _context(corpus):
        for r in ex.recommendations:
            loc = r.locator
            rows.append(
                {
                    **base,
                    "list": r.list.value,
                    "index": r.index,
                    "text": r.text,
                    "themes": r.themes,
                    "heading": r.heading,
                    "page": loc.page,
                    "start": loc.start,
                    "end": loc.end,
                    "url": loc.page_url,
                }
            )
    return _typed(pd.DataFrame(rows), RECOMMENDATION_COLUMNS)


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """One row per event."""
    rows = [
        {
            "date": _ts(e.date),
            "date_precision": e.date_precision.value,
            "kind": e.kind.value,
            "authority": e.authority,
            "title": e.title,
            "source": e.source,
            "source_url": e.source_url,
            "document_id": e.document_id,
            "themes": e.themes,
            "note": e.note,
        }
        for e in events
    ]
    return _typed(pd.DataFrame(rows), EVENT_COLUMNS)
