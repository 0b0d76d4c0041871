"""Cell values as the releases print them: blanks, text, header text, dates, grades.

Every other module of :mod:`ofstedmine.sources.statistics` reads a cell through
these helpers, so a blank is recognised one way (:func:`_is_missing`), header text
is compared in one normal form (:func:`_norm_header`), and a grade or a visit type
is decided in one place (:func:`normalise_grade`, :func:`event_kind_for`).

>>> _norm_header("The Local Authority (LA) name")
'local authority la name'
>>> _to_timestamp(45000)  # a spreadsheet serial number
Timestamp('2023-03-15 00:00:00')
>>> _int_or_none("380.0"), _int_or_none("n/a")
(380, None)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from ofstedmine.types import EventKind, Grade

__all__ = ["event_kind_for", "normalise_grade"]


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _norm_text(value: Any) -> str:
    """Lower-case text with punctuation turned into single spaces."""
    s = str(value).lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def _norm_header(value: Any) -> str:
    """A header cell as matching text: lower case, no punctuation, no leading "the"."""
    if _is_missing(value):
        return ""
    s = _norm_text(value)
    return s[4:] if s.startswith("the ") else s


def normalise_grade(label: Any) -> Grade | None:
    """The :class:`~ofstedmine.types.Grade` for a grade as worded in a release.

    Blank cells are None; the wording is read by
    :meth:`Grade.from_label <ofstedmine.types.Grade.from_label>`.

    Parameters
    ----------
    label : object
        The cell value, e.g. ``"Requires improvement to be good"``, ``"RI"``,
        ``"Good"``, ``"Adequate"``.

    Returns
    -------
    Grade or None
        None for empty cells and for non-grades ("-", "No full inspection").

    Examples
    --------
    >>> normalise_grade("Requires improvement to be good")
    <Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>
    >>> normalise_grade(" inadequate ") is Grade.INADEQUATE
    True
    >>> normalise_grade("No full inspection") is None
    True
    """
    if _is_missing(label):
        return None
    return Grade.from_label(label)


def event_kind_for(type_label: Any) -> EventKind:
    """The :class:`~ofstedmine.types.EventKind` for an "Inspection/Visit type" label.

    >>> event_kind_for("LA Monitoring visit").value
    'monitoring_visit'
    >>> event_kind_for("ILACS Short Inspection").value
    'inspection'
    """
    s = _norm_text(type_label) if not _is_missing(type_label) else ""
    if "monitoring" in s:
        return EventKind.MONITORING_VISIT
    if "focused" in s or "focussed" in s:
        return EventKind.FOCUSED_VISIT
    if "jtai" in s or "joint targeted" in s:
        return EventKind.JTAI
    if "inspection" in s:
        return EventKind.INSPECTION
    return EventKind.OTHER


def _to_timestamp(value: Any) -> pd.Timestamp | None:
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    if isinstance(value, dt.datetime | dt.date):
        return pd.Timestamp(value).normalize()
    if isinstance(value, int | float):  # a spreadsheet serial number
        if 10000 < value < 80000:
            return (pd.Timestamp("1899-12-30") + pd.Timedelta(days=float(value))).normalize()
        return None
    text = str(value).strip()
    if not text or not re.search(r"\d", text):
        return None
    ts = pd.to_datetime(text, dayfirst=True, errors="coerce")
    return None if pd.isna(ts) else pd.Timestamp(ts).normalize()


def _clean_text(value: Any) -> str | None:
    if _is_missing(value):
        return None
    s = " ".join(str(value).split())
    return s or None


def _int_or_none(value: Any) -> int | None:
    if _is_missing(value):
        return None
    m = re.fullmatch(r"\s*(\d+)(?:\.0+)?\s*", str(value))
    return int(m.group(1)) if m else None
