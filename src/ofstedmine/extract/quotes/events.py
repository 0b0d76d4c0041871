"""What a quotation may come from: held documents and dated events, by kind.

:func:`_targets` lists the held documents and events of the article's authority that
could be quoted; :func:`_pick_event` and :func:`_synthetic` give the event of the last
steps of the attribution rule (see :mod:`ofstedmine.extract.quotes`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ofstedmine.extract.quotes.dates import _months_named
from ofstedmine.types import EVENT_OF_DOCUMENT, Document, Event, EventKind

_I = re.IGNORECASE

_KINDS_OF = {
    "direction": (EventKind.DFE_DIRECTION,),
    "notice": (EventKind.DFE_IMPROVEMENT_NOTICE,),
    "dfe": (EventKind.DFE_DIRECTION, EventKind.DFE_IMPROVEMENT_NOTICE),
    "letter": (EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT),
    "report": (
        EventKind.INSPECTION,
        EventKind.MONITORING_VISIT,
        EventKind.FOCUSED_VISIT,
        EventKind.JTAI,
    ),
    "ofsted": (
        EventKind.INSPECTION,
        EventKind.MONITORING_VISIT,
        EventKind.FOCUSED_VISIT,
        EventKind.JTAI,
    ),
}


def _family(who: str, phrase: str, sentence: str, article: str) -> str:
    words = f"{phrase} {sentence}".casefold()
    if who == "dfe":
        if "direction" in words:
            return "direction"
        if "improvement notice" in words:
            return "notice"
        if "direction" in article.casefold():
            return "direction"
        return "notice" if "improvement notice" in article.casefold() else "dfe"
    if re.search(r"\b(letter|visit|monitoring)\b", words):
        return "letter"
    if re.search(r"\b(report|inspection|judg\w+|rated)\b", words):
        return "report"
    return "ofsted"


_EVENT_WORDS = {
    "direction": r"\bdirection\b",
    "notice": r"\bnotice\b",
    "dfe": r"\b(?:notice|direction)\b",
    "letter": r"\b(?:visit|letter)\b",
    "report": r"\b(?:visit|inspection|report|letter)\b",
    "ofsted": r"\b(?:visit|inspection|report|letter)\b",
}


def _event_months(
    text: str, sentences: Sequence[tuple[int, int]], when: dt.date | None, family: str
) -> list[tuple[int, int]]:
    """Months the article names in sentences about the event (else any it names)."""
    rx = re.compile(_EVENT_WORDS[family], _I)
    about = [
        m for s, e in sentences if rx.search(text[s:e]) for m in _months_named(text[s:e], when)
    ]
    return about or _months_named(text, when)


def _same_authority(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    norm = lambda s: re.sub(r"[^a-z0-9]+", "", s.casefold())  # noqa: E731
    return norm(a) == norm(b) or norm(a).startswith(norm(b)) or norm(b).startswith(norm(a))


def _event_id(event: Event) -> str:
    return event.document_id or f"event:{event.kind.value}:{event.date.isoformat()}"


def _pick_event(
    events: Sequence[Event],
    kinds: tuple[EventKind, ...],
    authority: str | None,
    when: dt.date | None,
    months: list[tuple[int, int]],
) -> Event | None:
    cands = [e for e in events if e.kind in kinds and _same_authority(e.authority, authority)]
    if when is not None:
        cands = [e for e in cands if e.date <= when]
    if not cands:
        return None
    named = [e for e in cands if (e.date.year, e.date.month) in months]
    if when is None and not named:
        return None  # neither the article's date nor a named month anchors the choice
    pool = named or cands
    return max(pool, key=lambda e: e.date)


def _synthetic(
    kinds: tuple[EventKind, ...], months: list[tuple[int, int]], article: str, when: dt.date | None
) -> str | None:
    if not months:
        return None
    low = article.casefold()
    kind = kinds[0]
    visit = re.search(r"\bvisit\b", low) and not re.search(r"\binspection\b", low)
    if EventKind.FOCUSED_VISIT in kinds and "focused visit" in low:
        kind = EventKind.FOCUSED_VISIT
    elif EventKind.MONITORING_VISIT in kinds and ("monitoring visit" in low or visit):
        kind = EventKind.MONITORING_VISIT
    elif EventKind.INSPECTION in kinds:
        kind = EventKind.INSPECTION
    if when is not None:
        months = [m for m in months if m <= (when.year, when.month)] or months
    year, month = max(months)
    return f"event:{kind.value}:{dt.date(year, month, 1).isoformat()}"


_DOC_EVENT = EVENT_OF_DOCUMENT


@dataclass(frozen=True)
class _Target:
    """A held document or dated event that a quotation may come from."""

    ref: str  # what ``quoted_from`` gets
    kind: EventKind
    date: dt.date  # when it happened: the visit, else the publication
    available: dt.date  # when it could first be quoted
    published: dt.date | None = None  # a held document's publication
    precision: str = "day"


def _targets(
    documents: Sequence[Document],
    events: Sequence[Event],
    authority: str | None,
    when: dt.date | None,
) -> list[_Target]:
    """The held documents and events of the article's authority dated on or before
    ``when`` (all of them when it is unknown). An event that a held document stands
    for (its ``document_id``, or the same kind published up to 120 days after it)
    is that document, dated by the event."""
    held: list[_Target] = []
    for d in documents:
        kind = _DOC_EVENT.get(d.kind)
        pub = d.publication.published if d.publication else None
        if kind is None or pub is None or not _same_authority(d.authority, authority):
            continue
        if when is None or pub <= when:
            held.append(_Target(d.id, kind, pub, pub, pub))
    index = {t.ref: i for i, t in enumerate(held)}
    taken: set[int] = set()
    out: list[_Target] = []
    for e in events:
        if not _same_authority(e.authority, authority) or (when is not None and e.date > when):
            continue
        i = index.get(e.document_id) if e.document_id else None
        if i is None and not e.document_id:
            near = [
                (abs((t.available - e.date).days), j)
                for j, t in enumerate(held)
                if j not in taken and t.kind is e.kind and -7 <= (t.available - e.date).days <= 120
            ]
            i = min(near)[1] if near else None
        if i is not None and i not in taken:
            taken.add(i)
            held[i] = replace(held[i], date=e.date, precision=e.date_precision)
            continue
        out.append(_Target(_event_id(e), e.kind, e.date, e.date, precision=e.date_precision))
    return held + out
