"""Monitoring visits, focused visits and inspections of the in-year sheets.

:func:`read_visits` gives them as a frame, one row per visit however many releases
list it; :func:`visits_to_events` turns that frame into
:class:`~ofstedmine.types.Event` records for the timeline.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd

from ofstedmine.types import DatePrecision, Event, EventKind

from .cache import _disk_cached, _file_keys
from .cells import _is_missing, event_kind_for
from .identity import _add_identity, _resolve_identities
from .links import _attach_links
from .matching import _cluster_records, _sorted_records
from .paths import PathLike
from .workbook import _release_tables

__all__ = ["read_visits", "visits_to_events"]


_VISIT_COLUMNS = [
    "authority_name",
    "authority",
    "urn",
    "la_code",
    "event_kind",
    "visit_start",
    "visit_end",
    "published",
    "themes",
    "type_label",
    "release",
    "sheet",
    "sources",
]


@functools.lru_cache(maxsize=8)
def _visits_cached(files: tuple[tuple[str, int, int], ...], with_la_codes: bool) -> tuple:
    wbs, recs_df, visits_df = _release_tables(files)
    if visits_df.empty:
        return pd.DataFrame(columns=_VISIT_COLUMNS), {}, {}
    if with_la_codes:
        _attach_links([visits_df, recs_df], wbs)
    identities = _resolve_identities([visits_df, recs_df])
    records = _sorted_records(visits_df, wbs)
    names: dict[str, str] = {}
    for r in records:
        names.setdefault(r["key"], r["authority_name"])
    for r in records:
        r["inspection_start"] = r["visit_start"]
    rows = []
    for cl in _cluster_records(records, lambda r: [r["event_kind"]], loose=False):
        head = cl.members[0]
        themes = next((m["themes"] for m in cl.members if m.get("themes")), None)
        rows.append(
            {
                "key": head["key"],
                "authority_name": names[head["key"]],
                "event_kind": head["event_kind"],
                "visit_start": cl.start,
                "visit_end": None,
                "published": cl.published,
                "themes": themes,
                "type_label": head["type_label"],
                "release": head["file"],
                "sheet": head["sheet"],
                "sources": "; ".join(
                    dict.fromkeys(f"{m['file']}:{m['sheet']}" for m in cl.members)
                ),
            }
        )
    return pd.DataFrame(rows), identities, names


def read_visits(
    paths: PathLike | Iterable[PathLike] | None = None,
    *,
    with_la_codes: bool = True,
    cache: bool | PathLike | None = None,
) -> pd.DataFrame:
    """Every monitoring visit, focused visit and inspection listed in the in-year sheets.

    The in-year sheets cover April 2021 to March 2025 (and a few earlier events a
    release added late). Events listed by several releases appear once (same
    authority, kind and start date within three days; the newest release wins).

    Parameters
    ----------
    paths : path, folder, iterable of paths, or None
        The releases to read; None reads every ``.ods`` in
        :func:`default_statistics_dir`.
    with_la_codes : bool, default True
        Read the "Web link" formulas to fill ``urn`` and ``la_code``.

    Returns
    -------
    pandas.DataFrame
        Columns ``authority_name``, ``authority`` (registry id or None), ``urn``,
        ``la_code`` (nullable Int64), ``event_kind``
        (:class:`~ofstedmine.types.EventKind` value), ``visit_start``,
        ``visit_end`` (NaT: not published), ``published`` (only the 2025 release
        gives it), ``themes`` (the visit theme as printed, ``"; "``-joined if
        several; None for inspections), ``type_label`` (as printed, e.g. "LA
        Monitoring visit"), ``release``, ``sheet`` and ``sources``.

    Raises
    ------
    StatisticsError
        When a file is missing or unreadable or lacks a needed column.
    """
    keys = _file_keys(paths)
    return _disk_cached(
        "visits", keys, with_la_codes, cache, lambda: _read_visits_uncached(keys, with_la_codes)
    )


def _read_visits_uncached(keys, with_la_codes: bool) -> pd.DataFrame:
    df, identities, names = _visits_cached(keys, with_la_codes)
    if df.empty:
        return pd.DataFrame(columns=_VISIT_COLUMNS)
    df = _add_identity(df.copy(), identities, names)
    for c in ("visit_start", "visit_end", "published"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    df = df.sort_values(["authority_name", "visit_start", "event_kind"], kind="stable")
    return df[_VISIT_COLUMNS].reset_index(drop=True)


def visits_to_events(df: pd.DataFrame) -> list[Event]:
    """The rows of :func:`read_visits` as :class:`~ofstedmine.types.Event` records.

    Parameters
    ----------
    df : pandas.DataFrame
        A frame with :func:`read_visits`'s columns (``authority`` may be absent).

    Returns
    -------
    list of Event
        One event per row with a start date, dated by ``visit_start`` (day
        precision), ``source="statistics"``, the registry id as ``authority`` and
        the themes split on ``"; "``.
    """
    events: list[Event] = []
    for row in df.to_dict("records"):
        start = row.get("visit_start")
        if _is_missing(start):
            continue
        kind_value = row.get("event_kind")
        try:
            kind = EventKind(kind_value)
        except ValueError:
            kind = event_kind_for(row.get("type_label"))
        themes_text = row.get("themes")
        themes = (
            tuple(t.strip() for t in str(themes_text).split(";") if t.strip())
            if not _is_missing(themes_text)
            else ()
        )
        label = row.get("type_label") or kind.value.replace("_", " ")
        name = row.get("authority_name")
        title = f"{label}: {name}" if not _is_missing(name) else str(label)
        if themes:
            title += f" ({'; '.join(themes)})"
        authority = row.get("authority")
        published = row.get("published")
        note_parts = []
        if not _is_missing(published):
            note_parts.append(f"published {pd.Timestamp(published).date().isoformat()}")
        if not _is_missing(row.get("release")):
            note_parts.append(f"statistics release {row['release']}")
        events.append(
            Event(
                date=pd.Timestamp(start).date(),
                kind=kind,
                authority=None if _is_missing(authority) else str(authority),
                title=title,
                date_precision=DatePrecision.DAY,
                source="statistics",
                themes=themes,
                note="; ".join(note_parts) or None,
            )
        )
    return events
