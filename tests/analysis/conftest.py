"""A factory of small synthetic corpora for the analysis tests.

Sentences here are made up for the tests; none comes from a real report.

>>> corpus = make_corpus([
...     report("2018-10-29", F("Plans for children drift without review.", "concern", "drift")),
... ])
>>> len(corpus)
1
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import pytest

from ofstedmine.corpus import Corpus
from ofstedmine.types import (
    Area,
    Document,
    DocumentKind,
    Event,
    EventKind,
    Extraction,
    Finding,
    FindingPosition,
    Framework,
    Grade,
    Judgement,
    JudgementStatus,
    Locator,
    Metadata,
    Page,
    Polarity,
    Publication,
    Recommendation,
    RecommendationList,
)


@dataclass(frozen=True)
class F:
    """A finding to place in a synthetic report.

    It stands in the document's summary by default (``position="summary"``), so that
    one finding alone decides the document's verdict on its themes; pass
    ``position="body"`` for a sentence of the body (two criticisms there raise a
    theme, one does not), ``leads=True`` for one that opens its paragraph, and a
    ``confidence`` below the evidence threshold for a finding too uncertain to count.
    """

    text: str
    polarity: str
    themes: tuple[str, ...] | str = ()
    page: int = 1
    cues: tuple[str, ...] = ()
    quoted_from: str | None = None
    position: str = "summary"
    leads: bool = False
    confidence: float | None = None

    def __init__(self, text, polarity, *themes, page=1, cues=(), quoted_from=None,
                 position="summary", leads=False, confidence=None):  # fmt: skip
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "polarity", polarity)
        object.__setattr__(self, "themes", tuple(themes))
        object.__setattr__(self, "page", page)
        object.__setattr__(self, "cues", tuple(cues))
        object.__setattr__(self, "quoted_from", quoted_from)
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "leads", leads)
        object.__setattr__(self, "confidence", confidence)


@dataclass(frozen=True)
class R:
    """A recommendation to place in a synthetic report."""

    text: str
    themes: tuple[str, ...] = ()
    page: int = 1

    def __init__(self, text, *themes, page=1):
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "themes", tuple(themes))
        object.__setattr__(self, "page", page)


@dataclass
class Spec:
    """One synthetic report (or several parts of one file)."""

    published: str | None
    items: list[Any] = field(default_factory=list)
    authority: str = "bradford"
    kind: str = "full_inspection"
    overall: str | None = None
    grades: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    parts: int = 1
    seed: str = ""
    inspection_start: str | None = None


def report(published, *items, **options) -> Spec:
    """A report spec: publication date, findings (F) and recommendations (R)."""
    return Spec(published, list(items), **options)


def _document(spec: Spec) -> tuple[Document, list[Extraction]]:
    # Lay the sentences out in page order, one page per distinct page number.
    chunks: list[tuple[int, Any, int, int]] = []
    text, pages = "", []
    parts = [
        [it for k, it in enumerate(spec.items) if k % spec.parts == p] for p in range(spec.parts)
    ]
    flat = [(p, it) for p, items in enumerate(parts) for it in items]
    for number in sorted({it.page for _, it in flat} | {1}):
        start = len(text)
        for p, it in flat:
            if it.page == number:
                s = len(text)
                text += it.text + " "
                chunks.append((p, it, s, s + len(it.text)))
        pages.append(Page(number, start, len(text)))
    sha = hashlib.sha256(
        f"{spec.seed}|{spec.authority}|{spec.published}|{text}".encode()
    ).hexdigest()
    date = dt.date.fromisoformat(spec.published) if spec.published else None
    kind = DocumentKind(spec.kind)
    pub = Publication(url=spec.url, authority=spec.authority, kind=kind, published=date)
    doc = Document(
        id=sha,
        text=text,
        pages=tuple(pages),
        kind=kind,
        authority=spec.authority,
        framework=Framework.ILACS_2018 if kind is DocumentKind.FULL_INSPECTION else Framework.NONE,
        publication=pub,
        source_name=f"{spec.seed}{spec.published}",
    )
    exs = []
    for p in range(spec.parts):
        findings, recs = [], []
        for q, it, s, e in chunks:
            if q != p:
                continue
            loc = Locator(sha, it.page, s, e, ("Section",))
            if isinstance(it, F):
                findings.append(
                    Finding(
                        it.text,
                        Polarity(it.polarity),
                        loc,
                        themes=it.themes,
                        cues=it.cues,
                        quoted_from=it.quoted_from,
                        position=FindingPosition(it.position),
                        leads_paragraph=it.leads,
                        confidence=it.confidence,
                    )
                )
            else:
                recs.append(
                    Recommendation(
                        it.text,
                        RecommendationList.WHAT_NEEDS_TO_IMPROVE,
                        len(recs) + 1,
                        loc,
                        themes=it.themes,
                    )
                )
        judgements = []
        if spec.overall:
            judgements.append(Judgement(Area.OVERALL, Grade(spec.overall), JudgementStatus.FOUND))
        for area, grade in spec.grades.items():
            judgements.append(Judgement(Area(area), Grade(grade), JudgementStatus.FOUND))
        start = dt.date.fromisoformat(spec.inspection_start) if spec.inspection_start else None
        meta = Metadata(
            authority=spec.authority,
            kind=kind,
            published=date,
            inspection_start=start,
            framework=doc.framework,
        )
        exs.append(
            Extraction(
                sha,
                meta,
                judgements=tuple(judgements),
                findings=tuple(findings),
                recommendations=tuple(recs),
                part=p + 1,
            )
        )
    return doc, exs


def make_corpus(specs: list[Spec], events: list[Event] = ()) -> Corpus:
    """A Corpus of synthetic reports (and events)."""
    docs, exs = [], []
    for spec in specs:
        d, e = _document(spec)
        docs.append(d)
        exs.extend(e)
    return Corpus(docs, exs, events=events)


def event(date: str, kind: str, authority: str = "bradford", **options) -> Event:
    """An event without text."""
    precision = options.pop("date_precision", "day")
    if len(date) == 7:  # YYYY-MM
        date, precision = f"{date}-01", "month"
    return Event(
        dt.date.fromisoformat(date),
        EventKind(kind),
        authority,
        options.pop("title", kind.replace("_", " ")),
        date_precision=precision,
        source=options.pop("source", "test"),
        **options,
    )


@pytest.fixture
def chain4() -> Corpus:
    """See :func:`chain4_corpus`."""
    return chain4_corpus()


def chain4_corpus() -> Corpus:
    """Four Bradford documents a year apart, used by several tests.

    Theme ``drift``: concern in 1, 2, 4 (persistent: most documents, and the latest).
    ``plans``: concern in 1, 2, 3 and a strength in 4 (resolved). ``voice``: concern
    in 4 only (new). ``leaders``: concern in 1..4 (persistent). ``health``: concern in
    2 only, silent after (no longer mentioned). ``visits``: a strength in 3 only (not
    raised).
    """
    return make_corpus(
        [
            report(
                "2018-10-29",
                F(
                    "Work with some children drifts for months before anyone acts on the risk.",
                    "concern",
                    "drift",
                    page=3,
                ),
                F(
                    "Many plans are vague and are not reviewed often enough by managers.",
                    "concern",
                    "plans",
                    page=4,
                ),
                F(
                    "Senior leaders have not understood the scale of weak frontline practice.",
                    "concern",
                    "leaders",
                    page=2,
                ),
                R("Reduce delay in the help offered to children at risk of harm.", "drift"),
                overall="inadequate",
                grades={"help_and_protection": "inadequate"},
            ),
            report(
                "2019-10-01",
                F(
                    "Delay continues for too many children whose needs are escalating.",
                    "concern",
                    "drift",
                    page=2,
                ),
                F(
                    "Plans are still generic and rarely say who will do what by when.",
                    "concern",
                    "plans",
                    page=2,
                ),
                F(
                    "Health assessments for children in care are frequently late.",
                    "concern",
                    "health",
                    page=5,
                ),
                F(
                    "Leaders still lack a clear picture of the quality of practice.",
                    "concern",
                    "leaders",
                    page=1,
                ),
                kind="focused_visit",
            ),
            report(
                "2020-10-01",
                F(
                    "Plans remain weak and do not help families understand what must change.",
                    "concern",
                    "plans",
                    page=2,
                ),
                F(
                    "Leaders have yet to secure consistent oversight of casework.",
                    "concern",
                    "leaders",
                    page=1,
                ),
                F("Visits to children are regular and purposeful.", "strength", "visits", page=3),
                kind="focused_visit",
            ),
            report(
                "2021-10-01",
                F(
                    "Work with some children drifts for many months before anyone acts on the risk.",
                    "concern",
                    "drift",
                    page=6,
                ),
                F(
                    "Plans are now clear, specific and regularly reviewed.",
                    "strength",
                    "plans",
                    page=7,
                ),
                F(
                    "Children's wishes are not recorded or considered in their plans.",
                    "concern",
                    "voice",
                    page=8,
                ),
                F(
                    "Leaders do not yet have reliable information about practice.",
                    "concern",
                    "leaders",
                    page=2,
                ),
                overall="requires_improvement",
            ),
        ]
    )
