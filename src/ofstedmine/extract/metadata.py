"""Facts about one report: authority, kind, framework, dates, inspectors, areas.

Everything is read from the report's part of the canonical text (``span``), so a
file holding two reports gives each its own metadata.

Authority
    The registry (:mod:`ofstedmine.authorities`) is asked for the first authority
    named in the report's title, then in its opening; failing that the parser's
    ``document.authority``, then the file's corpus folder (``80449_bradford``).
Kind and framework
    :func:`ofstedmine.parse.classify.classify_text` on the part's text. A part
    that is an inspection of a local safeguarding children board on its own
    (Hull's 2015 file) is an ``lscb_review`` even though its title begins
    "Inspection of the effectiveness of ..." rather than "Review of ...".
Inspection dates
    Full inspections print "Inspection date(s): <dates>" on the title page.
    Letters give the visit's dates in their first sentence ("This letter
    summarises the findings of the focused visit to X on 19 and 20 February
    2020"); JTAI letters say "This inspection took place from 23 to 27 May 2022"
    or begin "Between 27 February and 3 March 2017, ...". :func:`parse_periods`
    reads every form seen (see its doctests): ranges written with "to", "until"
    or any dash, months and years given once for both ends, abbreviated months,
    ``d/m/yyyy``, day lists ("19 and 20 February") and fieldwork split over two
    periods joined by "and". ``inspection_start`` is the first day of the first
    period, ``inspection_end`` the last day of the last; ``fieldwork`` lists the
    periods.

    A letter's dates are read as a whole date phrase, never stopping at its
    first year ("from 27 June 2022 to 1 July 2022", "Between 8 October 2018 and
    12 October 2018, ..."), in every form its sentence may take: "took place
    between/from/on ...", "was carried out in the week commencing ...", "w/c 12
    March 2018" (that Monday to Friday), ordinal days ("3rd", "the 3rd of
    December"), ranges across months and years. A phrase printed without a year
    ("Between 16 May and 20 May", "on 30 and 31 January") takes the letter
    date's year, or the year before when the visit would otherwise come after
    the letter. A range printed over a year whose ends are days apart in the
    later year ("24 October 2022 to 25 October 2023") is read in the later year,
    with a warning.
Publication and letter dates
    ``published`` is the printed "Report published:" / "Published:" date, or
    else the listing's publication date (``document.publication.published``)
    when the document came with one. ``letter_date`` is the date line at the
    top of a letter: "3 July 2018", also "3rd July 2018", "Tuesday 3 July 2018",
    "Date: 3 July 2018", "July 3, 2018" or "03/07/2018"; a year mistyped with a
    digit too many ("20205") is read as the earliest year it can be that is not
    before the visit, with a warning.
Inspectors
    ``lead_inspectors`` are the names after "Lead inspector(s):" (anywhere in the
    report: SIF reports print it in the inspection-team section near the end),
    "Lead inspector on site:" or the pre-2014 "Reporting inspector"; for letters
    the explicitly named lead ("lead inspector Ceri Evans") or else the
    signatory. Names lose "HMI", "His/Her Majesty's Inspector", "Senior HMI"
    and similar. ``inspectors`` are all inspectors named: leads, deputy leads,
    team inspectors, and those a letter names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable

from ofstedmine.types import Document, DocumentKind, Framework, Metadata

__all__ = ["extract_metadata", "parse_date", "parse_periods", "split_names"]

_I = re.IGNORECASE
_APOS = "['\u2019]"
_APOSC = "'\u2019"

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2500\u2212"
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


# ----------------------------------------------------------------------- dates


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


# ------------------------------------------------------------------- inspectors

_ROLE = re.compile(
    rf",?\s*\(?\b(?:senior\s+|lead\s+|deputy\s+lead\s+|team\s+)?(?:his|her)\s+majesty{_APOS}s\s+inspectors?\b\)?"
    rf"|,?\s*\(?\b(?:senior\s+)?HMIs?\b\)?\.?"
    rf"|,?\s*\(?\b(?:ofsted|additional|contracted|seconded|social care regulatory|regulatory)\s+inspectors?\b\)?"
    rf"|,?\s*\((?:AI|OI|SCRI)\)"
    rf"|,?\s*\b(?:lead|deputy lead|team|shadow)\s+inspectors?\b"
    rf"|,?\s*\bsenior\b(?=\s*(?:,|$))",
    _I,
)
_NAME_WORD = re.compile(
    rf"^(?:[A-Z\u00c0-\u00de][\w\u00c0-\u024f{_APOSC}.\-]*|[A-Z]\.?|(?:de|van|von|der|le|la|du|da|di|del|bin|al|mc)|O[{_APOSC}][A-Z][\w\-]*)$"
)


def split_names(text: str) -> list[str]:
    """Inspectors' names from a printed list, roles and titles removed.

    >>> split_names("Rebecca Quested, His Majesty\u2019s Inspector, and Matthew Reed, His Majesty\u2019s Inspector")
    ['Rebecca Quested', 'Matthew Reed']
    >>> split_names("Donna Marriott HMI, Linda Steele HMI and Ros Walker (AI)")
    ['Donna Marriott', 'Linda Steele', 'Ros Walker']
    """
    s = _ROLE.sub(",", text)
    s = re.sub(r"\s+", " ", s)
    out: list[str] = []
    for part in re.split(r",|;|&|\band\b|\bwith\b|\.(?=\s|$)", s):
        name = part.strip(" .:-\u2013()")
        name = re.sub(r"^(?:and|the|inspectors?|were|was|are)\s+", "", name, flags=_I).strip()
        name = re.sub(r"^(?:mr|mrs|ms|miss|dr)\.?\s+", "", name, flags=_I)
        words = name.split()
        if not 2 <= len(words) <= 5:
            continue
        if not all(_NAME_WORD.match(w) for w in words):
            continue
        if not words[0][0].isupper() or not words[-1][0].isupper():
            continue
        if re.search(
            r"\b(Ofsted|Children|Council|Services?|Inspectorate|Care|Quality|Commission|Police|Probation|Board)\b",
            name,
        ):
            continue
        if name not in out:
            out.append(name)
    return out


# case-sensitive alternatives and no look-behind: these run over whole reports
_LEAD = re.compile(
    r"\b(?P<role>[Ll]ead\s+[Ii]nspectors?(?:\s+on\s+site)?|[Rr]eporting\s+[Ii]nspector"
    r"|LEAD\s+INSPECTORS?|REPORTING\s+INSPECTOR)\b\s*[:\-\u2013]?\s*"
)
_TEAM = re.compile(
    r"\b(?:[Dd]eputy\s+[Ll]ead\s+[Ii]nspector|[Tt]eam\s+[Ii]nspectors?|[Ss]hadow\s+[Ii]nspectors?"
    r"|[Ii]nspectors?)\s*:\s*"
)


def _near_inspector(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` (a phrase ending in "inspector(s)" and a separator)
    found by looking only around each "nspector" of the text: much faster over a
    whole report than running the pattern everywhere."""
    out: list[re.Match[str]] = []
    seen: set[int] = set()
    for needle in ("nspector", "NSPECTOR"):
        i = text.find(needle)
        while i >= 0:
            m = pattern.search(text, max(0, i - 30), min(len(text), i + 40))
            while m is not None and m.end() <= i:
                m = pattern.search(text, m.end(), min(len(text), i + 40))
            if m is not None and m.start() not in seen:
                out.append(m)
                seen.add(m.start())
            i = text.find(needle, i + 8)
    out.sort(key=lambda m: m.start())
    return out


def _line_after(text: str, pos: int, limit: int = 260) -> str:
    """Text from pos to the end of its block; a list that ends in "," or "and"
    continues into the next block."""
    end = text.find("\n\n", pos)
    end = len(text) if end < 0 else end
    s = text[pos : min(end, pos + limit)]
    if re.search(r"(,|\band)\s*$", s) and end < len(text):
        end2 = text.find("\n\n", end + 2)
        end2 = len(text) if end2 < 0 else end2
        s = s + " " + text[end + 2 : min(end2, end + 2 + limit)]
    return s


def _cut_name_field(s: str) -> str:
    """A names field ends where the next printed field starts."""
    return re.split(
        r"\b(?:report author|age group|published|inspection dates?|deputy lead|team inspectors?"
        r"|quality assurance|report published|lead inspector)\b",
        s,
        maxsplit=1,
        flags=_I,
    )[0]


def _lead_inspectors(text: str, kind: DocumentKind) -> list[str]:
    leads: list[str] = []
    for m in _near_inspector(_LEAD, text):
        role = m.group("role").lower()
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if "deputy" in before or re.search(r"[a-z] $", before):
            continue  # a deputy, or words running into it in a sentence
        # "Lead inspector: X" (a field) or "Reporting inspector X HMI" (pre-2014)
        if (
            ":" not in text[m.start() : m.end()]
            and "reporting" not in role
            and "on site" not in role
        ):
            # "lead inspector Ceri Evans and team inspector ..." inside a letter sentence
            if kind in (DocumentKind.FULL_INSPECTION, DocumentKind.LSCB_REVIEW):
                continue
            if not re.match(r"[A-Z]", text[m.end() : m.end() + 1]):
                continue
            names = split_names(
                re.split(r"\band\s+team\b|\.|\bteam\b", _line_after(text, m.end()), maxsplit=1)[0]
            )
            for n in names[:1]:
                if n not in leads:
                    leads.append(n)
            continue
        field = _cut_name_field(_line_after(text, m.end()))
        for n in split_names(field):
            if n not in leads:
                leads.append(n)
        if leads and kind is not DocumentKind.FULL_INSPECTION:
            break
    return leads


_LETTER_INSPECTORS = re.compile(
    rf"(?:the\s+inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was)"
    rf"|(?:his|her)\s+majesty{_APOS}s\s+inspectors?\s+(?:\(HMIs?\)\s+)?(?:for\s+this\s+visit\s+)?(?:were|was)"
    rf"|(?:the\s+visit\s+was\s+)?(?:conducted|carried\s+out|undertaken)\s+by"
    rf"|(?:this\s+)?visit\s+was\s+led\s+by"
    rf"|inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was))\s*:?\s*(?P<names>[^.]{{3,400}})",
    _I,
)
_SIGNATURE = re.compile(
    rf"your?s?\s+(?:sincerely|faithfully),?\s+(?P<name>[^\n]{{3,80}}?)\s*(?:\n\n)?\s*(?:senior\s+)?(?:his|her)\s+majesty{_APOS}s\s+inspector",
    _I,
)


def _letter_people(text: str) -> tuple[list[str], list[str]]:
    """(leads, inspectors) of a letter."""
    inspectors: list[str] = []
    leads: list[str] = []
    m = _LETTER_INSPECTORS.search(text[:6000])
    if m:
        names_text = m.group("names")
        lead_m = re.search(r"\blead\s+inspector\s+(?P<n>[A-Z][^,;]*?)(?=\s+and\b|,|$)", names_text)
        if lead_m:
            leads.extend(split_names(lead_m.group("n")))
        inspectors.extend(split_names(names_text))
    sig = None
    for sm in _SIGNATURE.finditer(text):
        sig = sm
    if sig:
        signed = split_names(sig.group("name"))
        if signed and not leads:
            leads.append(signed[0])
        for n in signed[:1]:
            if n not in inspectors:
                inspectors.append(n)
    if not leads:
        leads = _lead_inspectors(text, DocumentKind.FOCUSED_VISIT)
    if not leads and inspectors:
        leads = inspectors[:1]
    for n in leads:
        if n not in inspectors:
            inspectors.insert(0, n)
    return leads, inspectors


def _team(text: str) -> list[str]:
    out: list[str] = []
    for m in _near_inspector(_TEAM, text):
        if re.match(r"inspectors?\s*:", m.group(0), _I) and not re.search(
            r"team|shadow", text[max(0, m.start() - 10) : m.start()], _I
        ):
            continue
        for n in split_names(_cut_name_field(_line_after(text, m.end(), 400))):
            if n not in out:
                out.append(n)
    return out


# ----------------------------------------------------------------------- helpers

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
_TITLE_RE = re.compile(
    r"^(?:inspection of|review of|focused visit|monitoring visit|joint targeted area inspection"
    r"|joint inspection|joint area review|inspection of local authority)",
    _I,
)
_LSCB_TITLE = re.compile(r"effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+board", _I)


def _blocks_in(document: Document, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    a, b = span
    return [
        (blk.start, blk.end, document.text[blk.start : blk.end])
        for blk in document.blocks
        if blk.start >= a and blk.end <= b
    ]


def _title(blocks: list[tuple[int, int, str]]) -> str | None:
    for _, _, s in blocks[:15]:
        # (a running header left on a first page ends in its page number)
        if _TITLE_RE.match(s) and len(s) < 300 and not re.search(r"\s\d{1,3}$", s):
            return re.sub(r"\s+", " ", s).strip()
    for _, _, s in blocks[:3]:
        if 3 < len(s) < 200:
            return re.sub(r"\s+", " ", s).strip()
    return None


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


def _areas_covered(text: str, blocks: list[tuple[int, int, str]], kind: DocumentKind) -> list[str]:
    out: list[str] = []
    # monitoring letters: "Areas covered by the visit" then the list
    for k, (_, _, s) in enumerate(blocks):
        if re.match(r"areas?\s+covered(\s+by\s+(the|this)\s+visit)?\s*:?\s*$", s.strip(), _I):
            for _, _, item in blocks[k + 1 : k + 15]:
                it = item.strip()
                if re.match(r"(headline findings|findings|overview|summary)", it, _I):
                    break
                if len(it) > 400:
                    if out:
                        break
                    continue
                if (
                    re.search(r"following areas|areas? of (concern|priority)|:$", it, _I)
                    and not out
                ):
                    continue
                out.append(re.sub(r"\s+", " ", it).rstrip(".;,"))
            return out
    m = re.search(
        r"(?:inspectors|this\s+visit|the\s+visit)\s+(?:looked\s+at|focused\s+on|evaluated|considered|reviewed)\s+"
        r"(?P<what>[^.]{5,400}?)(?P<focus>,?\s*with\s+a\s+(?:particular\s+)?focus\s+on\s*:?)?\s*(?:\.|\n\n|$)",
        text[:8000],
        _I,
    )
    if m:
        what = re.sub(
            rf"^the\s+local\s+authority{_APOS}s\s+arrangements\s+for\s+",
            "",
            m.group("what"),
            flags=_I,
        )
        out.append(re.sub(r"\s+", " ", what).strip(" ,;:"))
        if m.group("focus"):
            for start, _, item in blocks:
                if start < m.end():
                    continue
                it = item.strip()
                if len(it) > 300 or re.match(
                    r"(this visit|the visit|inspectors|headline findings|overview)", it, _I
                ):
                    break
                out.append(re.sub(r"\s+", " ", it).rstrip(".;,"))
    elif kind is DocumentKind.JTAI:
        j = re.search(
            r"multi-agency\s+response\s+to\s+(?P<what>[^.]{3,200}?)(?:\s+in\s+[A-Z][^.]*)?\.",
            text[:6000],
        )
        if j:
            out.append(re.sub(r"\s+", " ", j.group("what")).strip())
    return out


def _authority(
    document: Document, title: str | None, head: str
) -> tuple[str | None, str | None, int | None]:
    try:
        import ofstedmine.authorities as authorities
    except ImportError:  # pragma: no cover - the registry always ships
        return document.authority, None, None
    found = None
    try:
        for text in (title or "", head):
            hits = authorities.find_in_text(text, limit=1) if text else []
            if hits:
                found = hits[0]
                break
        if found is None:
            for key in _fallback_keys(document):
                found = authorities.lookup(key)
                if found is not None:
                    break
    except Exception:  # registry data problems must not stop extraction
        found = None
    if found is None:
        return document.authority, None, None
    return found.id, found.name, found.urn


def _fallback_keys(document: Document) -> Iterable[str]:
    if document.authority:
        yield document.authority
    pub = document.publication
    if pub is not None and pub.urn:
        yield str(pub.urn)
    if document.source_name:
        m = re.search(r"(\d{5,7}_[a-z0-9\-]+)[/\\][^/\\]+$", document.source_name)
        if m:
            yield m.group(1)


# ------------------------------------------------------------------------- main


def extract_metadata(document: Document, *, span: tuple[int, int], warnings: list[str]) -> Metadata:
    """Metadata of the report at ``span`` of ``document`` (see the module docstring).

    Missing facts a report of its kind should print are noted in ``warnings``.

    >>> from ofstedmine import parse
    >>> doc = parse(b"Inspection of Anytown children's services\\n\\nInspection dates: 3 to 7 June and 17 to 21 June 2019\\n\\nLead inspector: Ann Example, His Majesty's Inspector", kind="text")
    >>> w = []
    >>> m = extract_metadata(doc, span=(0, len(doc.text)), warnings=w)
    >>> m.inspection_start, m.inspection_end, len(m.fieldwork), m.lead_inspectors
    (datetime.date(2019, 6, 3), datetime.date(2019, 6, 21), 2, ('Ann Example',))
    """
    from ofstedmine.parse.classify import classify_text

    a, b = span
    text = document.text[a:b]
    blocks = _blocks_in(document, span)
    kind, framework = classify_text(text, media_type=document.media_type)
    title = _title(blocks)
    if (
        kind in (DocumentKind.OTHER, DocumentKind.FULL_INSPECTION)
        and _LSCB_TITLE.search(title or text[:400])
        and framework is not Framework.SIF
    ):
        kind, framework = DocumentKind.LSCB_REVIEW, Framework.NONE
    letter = kind in (DocumentKind.FOCUSED_VISIT, DocumentKind.MONITORING_VISIT, DocumentKind.JTAI)
    authority, name, urn = _authority(document, title, text[:1500])
    if authority is None:
        warnings.append("no local authority was recognised in the report")

    if letter:
        letter_date = _letter_date(blocks)
        ref = letter_date
        if ref is None and document.publication is not None:
            ref = document.publication.published
        periods = _slipped_year(_letter_periods(text, kind, ref), warnings)
        if letter_date is None and periods:
            letter_date = _letter_date(blocks, periods[-1][1], warnings)  # a mistyped year
        if letter_date is None:
            warnings.append("no letter date was found at the top of the letter")
    else:
        periods = _inspection_periods(text)
        letter_date = None
    if not periods and kind is not DocumentKind.OTHER:
        warnings.append("no inspection or visit dates were found")
    if letter_date is not None and periods and letter_date < periods[-1][1]:
        warnings.append(
            f"the letter is dated {letter_date.isoformat()}, before the visit ended "
            f"({periods[-1][1].isoformat()}): the printed date looks wrong"
        )

    published = _printed_published(text) if not letter else None
    if published is None and document.publication is not None:
        published = document.publication.published

    if letter:
        leads, inspectors = _letter_people(
            text,
        )
    else:
        leads = _lead_inspectors(text, kind)
        inspectors = list(leads)
        for n in _team(text):
            if n not in inspectors:
                inspectors.append(n)
    if not leads and kind not in (DocumentKind.OTHER, DocumentKind.JTAI):
        # JTAI letters are signed by the inspectorates, not by a lead inspector
        warnings.append("no lead inspector is named")

    areas = _areas_covered(text, blocks, kind) if letter else []
    if letter and not areas and kind is not DocumentKind.JTAI:
        warnings.append("the letter does not say which areas the visit looked at")

    return Metadata(
        authority=authority,
        authority_name=name,
        urn=urn,
        kind=kind,
        framework=framework,
        inspection_start=periods[0][0] if periods else None,
        inspection_end=periods[-1][1] if periods else None,
        fieldwork=tuple(periods),
        letter_date=letter_date,
        published=published,
        lead_inspectors=tuple(leads),
        inspectors=tuple(inspectors),
        areas_covered=tuple(areas),
        title=title,
    )
