"""Reading a printed dates string: :func:`parse_date` and :func:`parse_periods`."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from ofstedmine.extract.metadata._common import _I, _MONTHS, DASHES, MONTH

_DATE_TOKEN = re.compile(
    rf"(?P<slash>\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b)"
    rf"|(?P<year>\b(?:19|20)\d{{2}}\b)"
    rf"|(?P<day>\b\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<month>\b{MONTH}(?![a-z]))"
    rf"|(?P<range>\bto\b|\buntil\b|\btill\b|\bthrough\b|[{DASHES}])"
    rf"|(?P<list>\band\b|,|&)",
    _I,
)
_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})(?![a-z]),?\s+((?:19|20)\d{{2}})\b", _I
)
#: "w/c 12 March 2018", "week commencing", "week beginning (on)", "the week of"
_WEEK_OF = re.compile(
    r"\b(?:w/[cb]|w\.c\.|(?:the\s+)?week\s+(?:commencing|beginning|starting|of))\b\.?\s*:?\s*(?:on\s+)?"
    r"(?:(?:mon(?:day)?)\s*,?\s*)?(?:the\s+)?",
    _I,
)


def parse_date(text: str) -> dt.date | None:
    """The first full date ("17 August 2018", "01 Sept 2014", "1/06/2015") in text.

    >>> parse_date("Report published: 17 August 2018")
    datetime.date(2018, 8, 17)
    >>> parse_date("4 Sept. 2014"), parse_date("25/06/2015"), parse_date("no date")
    (datetime.date(2014, 9, 4), datetime.date(2015, 6, 25), None)
    """
    m = _DATE.search(text)
    slash = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text)
    if slash and (m is None or slash.start() < m.start()):
        try:
            return dt.date(int(slash.group(3)), int(slash.group(2)), int(slash.group(1)))
        except ValueError:
            return None
    if m is None:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    except ValueError:
        return None


def parse_periods(text: str, *, year: int | None = None) -> list[tuple[dt.date, dt.date]]:
    """The date periods written in a short dates string, in order.

    Months and years given only at the end apply to the days before them; a
    range is written with "to", "until" or a dash; "and" or a comma between
    single days joins consecutive days into one period and otherwise starts a
    new one; "and" between ranges starts a new period. Days may be ordinals
    ("3rd", "the 3rd of December"). "w/c 12 March 2018" (also "w/b", "week
    commencing", "week beginning", "the week of") is that working week, Monday
    to Friday. ``year`` is the year of dates printed without one (a letter's
    "from 16 May to 20 May"); without it such dates are not read.

    >>> parse_periods("12 to 23 January 2026")
    [(datetime.date(2026, 1, 12), datetime.date(2026, 1, 23))]
    >>> parse_periods("18 Feb 2014 \u2013 12 March 2014")
    [(datetime.date(2014, 2, 18), datetime.date(2014, 3, 12))]
    >>> parse_periods("21 November \u2013 2 December 2022")
    [(datetime.date(2022, 11, 21), datetime.date(2022, 12, 2))]
    >>> parse_periods("3 to 7 June and 17 to 21 June 2019")
    [(datetime.date(2019, 6, 3), datetime.date(2019, 6, 7)), (datetime.date(2019, 6, 17), datetime.date(2019, 6, 21))]
    >>> parse_periods("19 and 20 February 2020")
    [(datetime.date(2020, 2, 19), datetime.date(2020, 2, 20))]
    >>> parse_periods("30 December 2019 to 3 January 2020")
    [(datetime.date(2019, 12, 30), datetime.date(2020, 1, 3))]
    >>> parse_periods("between 27 February and 3 March 2017")
    [(datetime.date(2017, 2, 27), datetime.date(2017, 3, 3))]
    >>> parse_periods("1/06/2015 \u2013 25/06/2015")
    [(datetime.date(2015, 6, 1), datetime.date(2015, 6, 25))]
    >>> parse_periods("w/c 12 March 2018")
    [(datetime.date(2018, 3, 12), datetime.date(2018, 3, 16))]
    >>> parse_periods("16 May to 20 May", year=2016)
    [(datetime.date(2016, 5, 16), datetime.date(2016, 5, 20))]
    """
    # "between 13 October and 15 October 2020": that "and" is a range
    text = re.sub(r"\bbetween\s+(.*?)\s+and\s+", r"\1 to ", text, count=1, flags=_I)
    weeks = [m.end() for m in _WEEK_OF.finditer(text)]
    items: list[list] = []  # [day, month, year, connector-before, starts-a-week]
    connector: str | None = None
    for m in _DATE_TOKEN.finditer(text):
        kind = m.lastgroup
        tok = m.group(0)
        week = any(0 <= m.start() - w <= 4 for w in weeks)
        if kind == "slash":
            d, mo, y = (int(x) for x in tok.split("/"))
            items.append([d, mo, y + 2000 if y < 100 else y, connector, week])
            connector = None
        elif kind == "day":
            items.append([int(m.group("day")), None, None, connector, week])
            connector = None
        elif kind == "month":
            if items and items[-1][1] is None and items[-1][2] is None and connector is None:
                items[-1][1] = _MONTHS[tok[:3].lower()]
        elif kind == "year":
            if items and items[-1][2] is None and connector is None:
                items[-1][2] = int(tok)
        elif kind == "range":
            if items:
                connector = "range"
        elif kind == "list" and items and connector != "range":
            connector = "list"
    if not items:
        return []
    # months and years flow leftwards from the day that carries them
    nxt_month = nxt_year = None
    for it in reversed(items):
        if it[1] is None:
            it[1] = nxt_month
        if it[2] is None:
            it[2] = nxt_year
        nxt_month, nxt_year = it[1], it[2]
    if year is not None:
        for it in items:
            if it[2] is None and it[1] is not None:
                it[2] = year
    dates: list[dt.date | None] = []
    for d, mo, y, _, _ in items:
        try:
            dates.append(dt.date(y, mo, d) if mo and y else None)
        except ValueError:
            dates.append(None)
    periods: list[tuple[dt.date, dt.date]] = []
    i = 0
    while i < len(items):
        a = dates[i]
        if a is None:
            i += 1
            continue
        if i + 1 < len(items) and items[i + 1][3] == "range" and dates[i + 1] is not None:
            b = dates[i + 1]
            if b < a and items[i][2] == items[i + 1][2]:  # "30 December to 3 January 2020"
                with contextlib.suppress(ValueError):  # 29 February
                    a = a.replace(year=a.year - 1)
            periods.append((a, b) if a <= b else (b, a))
            i += 2
            continue
        if items[i][4]:
            periods.append((a, a + dt.timedelta(days=4)))  # "w/c 12 March 2018"
        elif periods and items[i][3] == "list" and 0 <= (a - periods[-1][1]).days <= 1:
            periods[-1] = (periods[-1][0], a)  # "19 and 20 February"
        else:
            periods.append((a, a))
        i += 1
    return periods
