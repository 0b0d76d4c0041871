"""Where a report prints its dates: visit periods, the letter date, the publication date."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from ofstedmine.extract.metadata._common import _I, _MONTHS, DASHES, MONTH
from ofstedmine.extract.metadata.dates import parse_date, parse_periods
from ofstedmine.types import DocumentKind

_DATES_FIELD = re.compile(r"\binspection\s+dates?\b\s*[:\-\u2013]?\s*", _I)
_DATES_END = re.compile(
    r"\b(?:report(?:ing)?\s+(?:published|inspector)|lead\s+inspector|age\s+group|published)\b|\n\n",
    _I,
)
_PUBLISHED = re.compile(r"\b(?:report\s+)?published\s*:?\s*", _I)
# A printed date phrase: days, months and years joined by "and", commas, "to" or
# dashes ("16 and 20 October 2017", "8 October 2018 and 12 October 2018", "27 June
# 2022 to 1 July 2022", "29 and 30 September, and 1 October 2020", "3rd-7th
# December", "16 May to 20 May"), matched greedily so that it never stops at the
# first year and never runs into the words after it.
_PDAY = r"(?<![\d/])(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?![\d/])(?:\s+of)?"
_PONE = (
    rf"(?:\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b"
    rf"|{_PDAY}(?:\s+{MONTH}(?![a-z])(?:,?\s+(?:19|20)\d{{2}}(?!\d))?)?)"
)
_PJOIN = rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+(?:to|until|till|through)\s+|\s*[{DASHES}]\s*)"
_VISIT_PHRASE = re.compile(
    r"\b(?P<lead>from|between|on|during|w/[cb]|(?:in\s+)?(?:the\s+)?week\s+(?:commencing|beginning|starting|of))"
    rf"\s+(?:(?:mon(?:day)?),?\s+)?(?P<dates>{_PONE}(?:{_PJOIN}{_PONE})*)",
    _I,
)
_HAS_MONTH = re.compile(rf"\b{MONTH}(?![a-z])|\d/\d", _I)
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z\u2018\u201c(])|\n\n")
_LETTER_VISIT = re.compile(
    r"this\s+letter\s+summarises\s+the\s+findings\s+of\s+(?:a|the|our)\s+", _I
)
#: the sentence of a JTAI letter that dates the inspection ("This inspection took
#: place from ...", "The inspection took place between ...", "... was carried out in
#: the week commencing ..."), or a letter body that opens with the dates
#: ("Between 16 May and 20 May, Ofsted, ...").
_JTAI_DATES = re.compile(
    r"\b(?:took\s+place|(?:was|were)\s+(?:carried\s+out|undertaken|conducted|held|on\s+site)"
    r"|inspectors\s+(?:visited|were\s+on\s+site))\b"
    r"|(?:^|\n\n)\s*(?=(?:between|from|during|in\s+the\s+week|the\s+week|w/c)\b)",
    _I,
)


def _inspection_periods(text: str) -> list[tuple[dt.date, dt.date]]:
    for m in _DATES_FIELD.finditer(text[:8000]):
        tail = text[m.end() : m.end() + 220]
        end = _DATES_END.search(tail)
        field = tail[: end.start()] if end else tail
        if not re.search(r"\d", field):
            # the dates may sit in the next block (a two-column title page)
            field = tail[:160]
            end = _DATES_END.search(field[2:])
        periods = parse_periods(field)
        if periods:
            return periods
    return []


def _phrase_periods(
    window: str, ref: dt.date | None, *, first_only: bool = False
) -> list[tuple[dt.date, dt.date]]:
    """The periods of the first date phrase (with a month) in ``window``.

    Dates printed without a year take the year of ``ref`` (the letter's date),
    or the year before when that would put the visit after the letter.
    """
    for m in _VISIT_PHRASE.finditer(window):
        dates = m.group("dates")
        if not _HAS_MONTH.search(dates):
            if first_only:
                return []
            continue
        phrase = m.group(0)
        periods = parse_periods(phrase)
        if ref is not None and not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", phrase):
            periods = parse_periods(phrase, year=ref.year)
            if periods and periods[-1][1] > ref:
                periods = parse_periods(phrase, year=ref.year - 1)
        if periods or first_only:
            return periods
    return []


def _sentence(text: str, start: int, limit: int = 500) -> str:
    end = _SENTENCE_END.search(text, start, min(len(text), start + limit))
    return text[start : end.start() if end else min(len(text), start + limit)]


def _letter_periods(
    text: str, kind: DocumentKind, ref: dt.date | None = None
) -> list[tuple[dt.date, dt.date]]:
    """A letter's visit periods: from its "This letter summarises the findings of
    the ... visit to X on <dates>" sentence, else (JTAI letters) from the sentence
    that dates the inspection, else an "Inspection dates:" field."""
    head = text[:8000]
    m = _LETTER_VISIT.search(head)
    if m:
        periods = _phrase_periods(_sentence(head, m.end()), ref)
        if periods:
            return periods
    if kind is DocumentKind.JTAI or m is None:
        for j in _JTAI_DATES.finditer(head, 0, 4000):  # near the top, not in the findings
            periods = _phrase_periods(_sentence(head, j.end(), 300), ref, first_only=True)
            if periods:
                return periods
    return _inspection_periods(text)


def _slipped_year(
    periods: list[tuple[dt.date, dt.date]], warnings: list[str]
) -> list[tuple[dt.date, dt.date]]:
    """A letter's visit printed over a year ("24 October 2022 to 25 October 2023")
    whose ends are days apart in the later year: the first year is a slip."""
    out = []
    for a, b in periods:
        if (b - a).days > 300 and a.year < b.year:
            with contextlib.suppress(ValueError):
                a2 = a.replace(year=b.year)
                if 0 <= (b - a2).days <= 31:
                    warnings.append(
                        f"the visit is printed as {a.isoformat()} to {b.isoformat()}: "
                        f"read as starting {a2.isoformat()}"
                    )
                    a = a2
        out.append((a, b))
    return out


_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)"
_LETTER_DATE_LINE = re.compile(
    rf"(?:date(?:d)?\s*:?\s*)?{_WEEKDAY}?(?:the\s+)?"
    rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{MONTH})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)(?![a-z]),?\s+(?P<y>\d{{4,5}})"
    rf"|(?:date(?:d)?\s*:?\s*)?(?P<sd>\d{{1,2}})/(?P<sm>\d{{1,2}})/(?P<sy>\d{{4}})",
    _I,
)


def _letter_date_of(
    m: re.Match[str], visit_end: dt.date | None, warnings: list[str]
) -> dt.date | None:
    if m.group("sd"):
        with contextlib.suppress(ValueError):
            return dt.date(int(m.group("sy")), int(m.group("sm")), int(m.group("sd")))
        return None
    day = int(m.group("d") or m.group("d2"))
    month = _MONTHS[(m.group("m") or m.group("m2"))[:3].lower()]
    y = m.group("y")
    if len(y) == 5 and visit_end is None:
        return None  # read once the visit's dates are known
    if len(y) == 5:
        # a mistyped year ("20205"): the one digit too many is dropped, keeping the
        # earliest year that is not before the visit
        years = sorted({int(y[:i] + y[i + 1 :]) for i in range(5)} & set(range(1990, 2100)))
        if visit_end is not None:
            years = [x for x in years if x >= visit_end.year]
        if not years:
            return None
        warnings.append(f"the letter's printed year {y} was read as {years[0]}")
        y = str(years[0])
    with contextlib.suppress(ValueError):
        return dt.date(int(y), month, day)
    return None


def _letter_date(
    blocks: list[tuple[int, int, str]],
    visit_end: dt.date | None = None,
    warnings: list[str] | None = None,
) -> dt.date | None:
    """The date line at the top of a letter ("3 July 2018", also "3rd July 2018",
    "Tuesday 3 July 2018", "Date: 3 July 2018", "July 3, 2018", "03/07/2018")."""
    warnings = [] if warnings is None else warnings
    for _, _, s in blocks[:12]:
        st = " ".join(s.split()).rstrip(".")
        if len(st) <= 40:
            m = _LETTER_DATE_LINE.fullmatch(st)
            if m:
                return _letter_date_of(m, visit_end, warnings)
    # a date line merged with the address block
    for _, _, s in blocks[:6]:
        m = _LETTER_DATE_LINE.match(s.lstrip())
        if m and not (m.group("y") and len(m.group("y")) == 5):
            return _letter_date_of(m, visit_end, warnings)
    return None


def _printed_published(text: str) -> dt.date | None:
    for m in _PUBLISHED.finditer(text[:8000]):
        before = text[max(0, m.start() - 30) : m.start()].lower()
        if "date of" in before:
            continue
        d = parse_date(text[m.end() : m.end() + 40])
        if d is not None and re.match(r"\s*\d", text[m.end() : m.end() + 5]):
            return d
    return None
