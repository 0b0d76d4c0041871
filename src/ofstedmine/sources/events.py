"""Dated events of an authority's chain, with or without a document.

:func:`read_events_csv` reads a hand-kept ``events.csv`` (``date, authority, urn,
kind, title, source_url, note``; ``YYYY-MM`` dates have month precision).
:func:`timeline` merges three sources into one dated sequence: documents held in a
:class:`~ofstedmine.sources.store.Store`, visits from Ofsted's official statistics,
and ``events.csv``. A statistics visit or a listed event that matches a held
document (same authority and kind, published within :data:`MATCH_DAYS` days) is
shown once, as the document, with ``text_held=True``.

Columns of the timeline frame:

=============== ==============================================================
date            pandas Timestamp (first day of the month/year when imprecise)
date_precision  ``day``, ``month`` or ``year``
kind            an :class:`~ofstedmine.types.EventKind` value
title           a short description
authority       registry id, e.g. ``bradford``
source          ``store``, ``statistics``, ``events.csv`` (``+``-joined when merged)
text_held       True when the store holds the document's text
path            the held file (absolute), else None
url             where the document or fact comes from, else None
document_id     sha256 of the held file, else None
themes          tuple of theme strings (from the statistics), possibly empty
=============== ==============================================================
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ofstedmine.types import (
    EVENT_OF_DOCUMENT,
    TIMELINE_COLUMNS,
    DatePrecision,
    DocumentKind,
    Event,
    EventKind,
    SourceKind,
)

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store, StoreEntry

__all__ = ["MATCH_DAYS", "TIMELINE_COLUMNS", "event_kind_of", "read_events_csv", "timeline"]

#: How far apart (days) a listed event and a held document's publication may be
#: and still be the same thing (inspection fieldwork to publication is ~8 weeks).
MATCH_DAYS = 120
_DOC_EVENT_KIND = EVENT_OF_DOCUMENT
_DOC_TITLE = {
    DocumentKind.FULL_INSPECTION: "Children's services inspection",
    DocumentKind.JOINT_AREA_REVIEW: "Joint area review",
    DocumentKind.MONITORING_VISIT: "Monitoring visit letter",
    DocumentKind.FOCUSED_VISIT: "Focused visit letter",
    DocumentKind.JTAI: "Joint targeted area inspection letter",
    DocumentKind.DFE_DIRECTION: "DfE direction",
    DocumentKind.DFE_IMPROVEMENT_NOTICE: "DfE improvement notice",
}
_VISIT_KINDS = {"inspection", "monitoring_visit", "focused_visit", "jtai"}
_KIND_ALIASES = {
    "full_inspection": EventKind.INSPECTION,
    "ilacs": EventKind.INSPECTION,
    "sif": EventKind.INSPECTION,
    "la_monitoring_visit": EventKind.MONITORING_VISIT,
    "direction": EventKind.DFE_DIRECTION,
    "improvement_notice": EventKind.DFE_IMPROVEMENT_NOTICE,
    "trust": EventKind.TRUST_GO_LIVE,
}


def event_kind_of(value: Any) -> EventKind:
    """An :class:`EventKind` from a kind as written (``"LA monitoring visit"`` too).

    >>> event_kind_of("LA Monitoring visit")
    <EventKind.MONITORING_VISIT: 'monitoring_visit'>
    >>> event_kind_of("something new")
    <EventKind.OTHER: 'other'>
    """
    if isinstance(value, EventKind):
        return value
    if isinstance(value, DocumentKind):
        return _DOC_EVENT_KIND.get(value, EventKind.PUBLICATION)
    key = re.sub(r"[^a-z0-9]+", "_", str(value or "").casefold()).strip("_")
    try:
        return EventKind(key)
    except ValueError:
        return _KIND_ALIASES.get(key, EventKind.OTHER)


def _parse_date(text: str) -> tuple[dt.date, str]:
    """``YYYY-MM-DD`` -> day, ``YYYY-MM`` -> month, ``YYYY`` -> year precision.

    >>> _parse_date("2018-12")
    (datetime.date(2018, 12, 1), 'month')
    """
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), "year"
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1), "month"
    return dt.date.fromisoformat(text[:10]), "day"


def _authority_id(name: str, urn: str | None) -> str:
    try:
        import ofstedmine.authorities as authorities

        for key in (urn, name):
            if key:
                found = authorities.lookup(int(key) if key.isdigit() else key)
                if found is not None:
                    return found.id
    except (ImportError, OSError):  # registry unavailable: fall back to a slug
        pass
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")


def read_events_csv(path: str | os.PathLike[str]) -> list[Event]:
    """The events of an ``events.csv`` file, in file order.

    Rows with an unreadable date raise ``ValueError`` naming the line.
    """
    events = []
    with open(path, newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            raw = (row.get("date") or "").strip()
            try:
                date, precision = _parse_date(raw)
            except ValueError:
                raise ValueError(f"{path}, line {line}: unreadable date {raw!r}") from None
            name = (row.get("authority") or "").strip()
            urn = (row.get("urn") or "").strip() or None
            events.append(
                Event(
                    date=date,
                    kind=event_kind_of(row.get("kind")),
                    authority=_authority_id(name, urn) if name or urn else None,
                    title=(row.get("title") or "").strip(),
                    date_precision=DatePrecision(precision),
                    source="events.csv",
                    source_url=(row.get("source_url") or "").strip() or None,
                    note=(row.get("note") or "").strip() or None,
                )
            )
    return events


# -------------------------------------------------------------------- timeline


def _row(**values: Any) -> dict[str, Any]:
    row = dict.fromkeys(TIMELINE_COLUMNS)
    row.update(values)
    return row


def _doc_row(entry: StoreEntry, store: Store) -> dict[str, Any]:
    own_label = entry.source in (SourceKind.OFSTED, SourceKind.GOVUK) and entry.kind_label
    title = entry.kind_label if own_label else _DOC_TITLE.get(entry.kind, "Publication")
    return _row(
        date=entry.published,
        date_precision="day",
        kind=event_kind_of(entry.kind).value,
        title=title,
        authority=entry.authority,
        source="store",
        text_held=True,
        path=str(store.path(entry)),
        url=entry.url,
        document_id=entry.sha256,
        themes=(),
        _published=entry.published,
    )


def _event_row(ev: Event, aid: str, default_source: str) -> dict[str, Any]:
    """A timeline row for an event without a held document of its own."""
    return _row(
        date=ev.date,
        date_precision=ev.date_precision.value,
        kind=ev.kind.value,
        title=ev.title,
        authority=aid,
        source=ev.source or default_source,
        text_held=bool(ev.document_id),
        path=None,
        url=ev.source_url,
        document_id=ev.document_id,
        themes=tuple(ev.themes),
    )


def _as_date(value: Any) -> dt.date | None:
    import pandas as pd

    if value is None or (not isinstance(value, str | Iterable) and pd.isna(value)):
        return None  # None, NaN, NaT (which is also a datetime)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


def _match(
    docs: list[dict[str, Any]],
    kind: str,
    when: dt.date | None,
    used: set[int],
    *,
    not_before: dt.date | None = None,
) -> dict[str, Any] | None:
    """The closest held document of ``kind`` published within MATCH_DAYS of ``when``."""
    if when is None:
        return None
    best, best_gap = None, None
    for doc in docs:
        if doc["kind"] != kind or id(doc) in used or doc["_published"] is None:
            continue
        if not_before is not None and doc["_published"] < not_before - dt.timedelta(days=7):
            continue  # a document cannot report a visit that has not happened
        gap = abs((doc["_published"] - when).days)
        if gap <= MATCH_DAYS and (best_gap is None or gap < best_gap):
            best, best_gap = doc, gap
    if best is not None:
        used.add(id(best))
    return best


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _merge_source(doc: dict[str, Any], source: str) -> None:
    if source not in doc["source"].split("+"):
        doc["source"] = f"{doc['source']}+{source}"


def _themes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(t.strip() for t in re.split(r"[;|]", value) if t.strip())
    if isinstance(value, Iterable):
        return tuple(str(t) for t in value if t is not None and str(t).strip())
    return ()


def _statistics_frame(statistics: Any) -> pd.DataFrame:
    import pandas as pd

    if isinstance(statistics, pd.DataFrame):
        return statistics
    from . import statistics as stats

    paths = [statistics] if isinstance(statistics, str | os.PathLike) else list(statistics)
    return stats.read_visits(paths)


def timeline(
    authority: Any,
    *,
    store: Store | str | os.PathLike[str] | None = None,
    statistics: Any = None,
    events: str | os.PathLike[str] | Sequence[Event] | None = None,
) -> pd.DataFrame:
    """One dated sequence of an authority's documents, visits and events.

    ``authority`` is a registry id or object; ``store`` a :class:`Store` or its
    root; ``statistics`` one or more ``.ods`` paths (read with
    ``ofstedmine.sources.statistics.read_visits``) or the frame they give;
    ``events`` an ``events.csv`` path or a list of :class:`Event`. Sources left
    as None are not used; held documents without a publication date are left out.
    Rows are in date order; see the module docstring for the columns.
    """
    import pandas as pd

    from .store import Store

    aid, urns = _authority_key(authority)
    docs: list[dict[str, Any]] = []
    if store is not None:
        store = store if isinstance(store, Store) else Store(store, offline=True)
        docs = [_doc_row(e, store) for e in store.entries(aid) if e.published]
    rows: list[dict[str, Any]] = list(docs)
    used: set[int] = set()
    if statistics is not None:
        rows += _statistics_rows(_statistics_frame(statistics), aid, urns, docs, used)
    if events is not None:
        listed = read_events_csv(events) if isinstance(events, str | os.PathLike) else events
        for ev in listed:
            if ev.authority != aid:
                continue
            visit = ev.kind.value in _VISIT_KINDS  # dated by the visit, not a publication
            doc = _match(docs, ev.kind.value, ev.date, used, not_before=ev.date if visit else None)
            if doc is not None:
                _merge_source(doc, "events.csv")
                continue
            rows.append(_event_row(ev, aid, "events.csv"))
    order = {k.value: i for i, k in enumerate(EventKind)}
    rows.sort(key=lambda r: (r["date"], order.get(r["kind"], 99), r["title"] or ""))
    frame = pd.DataFrame(
        [[r[c] for c in TIMELINE_COLUMNS] for r in rows],
        columns=list(TIMELINE_COLUMNS),
        dtype=object,  # missing paths/urls stay None, not NaN
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["text_held"] = frame["text_held"].astype(bool)
    return frame


def _authority_key(authority: Any) -> tuple[str, set[int]]:
    if not isinstance(authority, str):
        return authority.id, set(authority.urns)
    try:
        import ofstedmine.authorities as authorities

        found = authorities.get(authority)
        return found.id, set(found.urns)
    except Exception:  # noqa: BLE001 - an unregistered id still filters by name
        return authority, set()


def _statistics_rows(
    frame: pd.DataFrame,
    aid: str,
    urns: set[int],
    docs: list[dict[str, Any]],
    used: set[int],
) -> list[dict[str, Any]]:
    """Rows for the statistics visits, folding those that match held documents."""
    if frame is None or len(frame) == 0:
        return []
    mine = frame["authority"].astype(str) == aid
    if urns and "urn" in frame:
        mine |= frame["urn"].isin(list(urns))
    frame = frame[mine]
    keep = []
    for index, rec in frame.iterrows():
        kind = event_kind_of(rec.get("event_kind")).value
        start = _as_date(rec.get("visit_start"))
        end = _as_date(rec.get("visit_end"))
        when = _as_date(rec.get("published")) or end or start
        doc = _match(docs, kind, when, used, not_before=start)
        if doc is None:
            keep.append(index)
            continue
        _merge_source(doc, "statistics")
        doc["themes"] = tuple(dict.fromkeys([*doc["themes"], *_themes(rec.get("themes"))]))
        if start and end:
            doc["title"] = f"{doc['title']} (visit {_day(start)} to {_day(end)})"
        elif start:
            doc["title"] = f"{doc['title']} (visit from {_day(start)})"
    if not keep:
        return []
    from . import statistics as stats

    out = []
    for ev in stats.visits_to_events(frame.loc[keep]):
        out.append(_event_row(ev, aid, "statistics"))
    return out
