"""The dates an article prints: its own date, and the days, months and years it names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ofstedmine.types import Document

_I = re.IGNORECASE
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:\s+(\d{4}))?",
    _I,
)
_DATE_RES = (
    # 16 September 2021, 13th Dec 2023
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"),
    # September 16, 2021
    re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
)
_RELATIVE = re.compile(
    r"\b(?:(?:earlier\s+)?(this|last)\s+(week|month|year)(?:['\u2019]s)?|(today|yesterday))\b"
    r"(?:['\u2019]s)?",
    _I,
)
_YEAR_RE = re.compile(r"(?<![\d/\u2013-])\b((?:19|20)\d{2})\b(?!\s*[/\u2013-]\s*\d)")


def _article_date(document: Document) -> dt.date | None:
    pub = document.publication
    if pub is not None and pub.published:
        return pub.published
    return next(_full_dates(document.text[:600]), None)


def _full_dates(text: str) -> Iterator[dt.date]:
    """The dates printed with day, month and year in a text ("8 November 2023")."""
    for rx in _DATE_RES:
        for m in rx.finditer(text):
            g = m.groups()
            day, month, year = (g[0], g[1], g[2]) if g[0].isdigit() else (g[1], g[0], g[2])
            mon = _month_no(month)
            if mon:
                try:
                    yield dt.date(int(year), mon, int(day))
                except ValueError:
                    continue


def _month_no(name: str) -> int | None:
    name = name.casefold()[:3]
    for i, m in enumerate(_MONTHS, start=1):
        if m.startswith(name):
            return i
    return None


def _months_named(text: str, ref: dt.date | None) -> list[tuple[int, int]]:
    """(year, month) pairs named in a text; a bare month takes the year before ``ref``."""
    out = []
    for m in _MONTH_RE.finditer(text):
        word = m.group(1)
        if word.casefold() == "may" and not m.group(2) and not word[0].isupper():
            continue  # the verb
        if not word[0].isupper():
            continue
        mon = _month_no(word)
        if mon is None:
            continue
        if m.group(2):
            out.append((int(m.group(2)), mon))
        elif ref is not None:
            out.append((ref.year if mon <= ref.month else ref.year - 1, mon))
    return out


def _published_by(document: Document, when: dt.date | None) -> bool:
    """Whether a document was published on or before ``when``; True when either
    date is unknown."""
    pub = document.publication.published if document.publication else None
    return when is None or pub is None or pub <= when


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    n = day.year * 12 + day.month - 1 + months
    return n // 12, n % 12 + 1


def _when_words(
    text: str, when: dt.date | None
) -> tuple[list[dt.date], list[tuple[int, int]], list[int]]:
    """The days, months and years a text names; "last month", "this year", "today"
    count from ``when`` (and are ignored without it)."""
    months: list[tuple[int, int]] = []
    years: list[int] = []

    def relative(m: re.Match) -> str:
        if when is not None:
            which, unit, day = (
                (m.group(1) or "").casefold(),
                (m.group(2) or "").casefold(),
                m.group(3),
            )
            if day:
                d = when - dt.timedelta(days=1 if day.casefold() == "yesterday" else 0)
                months.append((d.year, d.month))
            elif unit == "year":
                years.append(when.year - (which == "last"))
            elif unit == "month":
                months.append(_shift_month(when, -(which == "last")))
            else:
                d = when - dt.timedelta(days=7 if which == "last" else 0)
                months.append((d.year, d.month))
        return " "

    text = _RELATIVE.sub(relative, text)
    days = list(_full_dates(text))
    months += _months_named(text, when)
    years += [int(y) for y in _YEAR_RE.findall(_MONTH_RE.sub(" ", text))]
    return days, months, years
