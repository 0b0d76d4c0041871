"""What an article's words say of the document or event a quotation is from.

:func:`_describe` reads a kind, months, years, "the latest ..." and an ordinal ("the
Trust's second monitoring visit") from words outside the quote marks;
:func:`_described` picks the held document or event they describe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ofstedmine.extract.quotes.dates import _RELATIVE, _when_words
from ofstedmine.extract.quotes.events import _Target
from ofstedmine.types import EventKind

_I = re.IGNORECASE

#: Months by which a report's publication may follow the visit an article dates it by.
_REPORT_LAG = 3


@dataclass
class _Desc:
    """What an article's words say of the document or event a quotation is from."""

    kinds: tuple[EventKind, ...] = ()
    months: list[tuple[int, int]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    latest: bool = False
    ordinal: int | None = None
    since: str = ""  # the "since …" clause an ordinal counts from
    trust: bool = False  # "the Trust's second visit": counted from the trust's start


_NOUN = r"(?:monitoring\s+visit|focused\s+visit|visit|inspection|letter|report|judgement)s?\b"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL_RE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
    rf"\b(?:\W+\w+){{0,2}}?\W+{_NOUN}",
    _I,
)
_TRUST_BEFORE = re.compile(r"\btrust(?:['\u2019]s|s['\u2019])?\s+$", _I)
_LATEST_RE = re.compile(
    rf"\b(?:latest|most\s+recent|newest|last)\b(?:\W+\w+){{0,2}}?\W+{_NOUN}"
    rf"|\bnew\W+(?:ofsted\W+)?{_NOUN}",
    _I,
)
_SINCE = re.compile(r"\bsince\b[^.;:!?]*", _I)
_KIND_NOUNS = (
    (
        re.compile(r"\bjoint\s+targeted(?:\s+area)?(?:\s+inspections?)?|\bjtais?\b", _I),
        EventKind.JTAI,
    ),
    (re.compile(r"\bmonitoring\b", _I), EventKind.MONITORING_VISIT),
    (re.compile(r"\bfocused\s+visits?\b", _I), EventKind.FOCUSED_VISIT),
    (
        re.compile(r"\bimprovement\s+notices?|\bnotices?\s+to\s+improve\b", _I),
        EventKind.DFE_IMPROVEMENT_NOTICE,
    ),
    (re.compile(r"\bdirections?\b", _I), EventKind.DFE_DIRECTION),
    (re.compile(r"\binspections?\b", _I), EventKind.INSPECTION),
)
_VISIT_NOUN = re.compile(r"\b(?:visit|letter)s?\b", _I)


def _describe(text: str, when: dt.date | None) -> _Desc:
    """The kind and date an article's words give (outside the quote marks): months
    ("in November", "last month"), years ("in 2018"), "the latest report", an
    ordinal ("the Trust's second monitoring visit") and what it counts from."""
    since = ""
    m = _SINCE.search(text)
    if m:
        since, text = m.group(0), text[: m.start()] + " " + text[m.end() :]
    _, months, years = _when_words(text, when)
    plain = _RELATIVE.sub(" ", text)
    o = _ORDINAL_RE.search(plain)
    ordinal = None
    if o:
        word = o.group(1).casefold()
        ordinal = _ORDINALS.get(word) or int(re.match(r"\d+", word).group(0))
    kinds: list[EventKind] = []
    rest = text
    for rx, kind in _KIND_NOUNS:
        if rx.search(rest):
            kinds.append(kind)
            rest = rx.sub(" ", rest)
    if not kinds and _VISIT_NOUN.search(rest):
        kinds = [EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT]
    return _Desc(
        kinds=tuple(kinds),
        months=months,
        years=years,
        latest=bool(_LATEST_RE.search(plain)),
        ordinal=ordinal,
        since=since if ordinal else "",
        trust=bool(o and _TRUST_BEFORE.search(plain[: o.start()])),
    )


def _merge(descs: Iterable[_Desc]) -> _Desc:
    """One description of an article's sentences about an event."""
    out = _Desc()
    for d in descs:
        out.months += [m for m in d.months if m not in out.months]
        out.years += [y for y in d.years if y not in out.years]
        out.latest = out.latest or d.latest
        if out.ordinal is None and d.ordinal is not None:
            out.ordinal, out.since, out.trust = d.ordinal, d.since, d.trust
    return out


def _latest_of(targets: Sequence[_Target], kind: EventKind) -> dt.date | None:
    dates = [t.date for t in targets if t.kind is kind]
    return max(dates) if dates else None


def _anchor(desc: _Desc, targets: Sequence[_Target], when: dt.date | None) -> dt.date | None:
    """What an ordinal counts from: the dates and events its "since …" clause names,
    the trust's start for "the Trust's …", else the latest inspection."""
    dates: list[dt.date] = []
    if desc.since:
        days, months, years = _when_words(desc.since, when)
        dates += days
        dates += [dt.date(y, m, 1) - dt.timedelta(days=1) for y, m in months]
        for y in years:
            insp = [t.date for t in targets if t.kind is EventKind.INSPECTION and t.date.year == y]
            dates.append(max(insp) if insp else dt.date(y, 1, 1) - dt.timedelta(days=1))
        if re.search(r"\b(?:judged|inspect\w*|rated|graded|inadequate)\b", desc.since, _I):
            dates.append(_latest_of(targets, EventKind.INSPECTION))
        if re.search(r"\btrust\b", desc.since, _I):
            dates.append(_latest_of(targets, EventKind.TRUST_GO_LIVE))
    if desc.trust:
        dates.append(_latest_of(targets, EventKind.TRUST_GO_LIVE))
    dates = [d for d in dates if d is not None]
    if not dates:
        dates = [d for d in (_latest_of(targets, EventKind.INSPECTION),) if d is not None]
    return max(dates) if dates else None


def _month_gap(t: _Target, months: Sequence[tuple[int, int]]) -> int | None:
    """How well a target fits the months named: 0 for a date in one of them; for a
    held report, the months its publication came after the named month (up to
    :data:`_REPORT_LAG`: "the inspection in November", published in January)."""
    gaps = []
    for y, m in months:
        if t.precision == "year":
            gaps.append(1 if t.date.year == y else None)
        elif (t.date.year, t.date.month) == (y, m):
            gaps.append(0)
        elif t.published is not None:
            k = (t.published.year - y) * 12 + t.published.month - m
            gaps.append(k if 0 <= k <= _REPORT_LAG else None)
    gaps = [g for g in gaps if g is not None]
    return min(gaps) if gaps else None


_SENTENCE_ORDER = ("ordinal", "months", "years", "latest")
_CONTEXT_ORDER = ("months", "ordinal", "years", "latest")


def _choose(
    desc: _Desc,
    pool: Sequence[_Target],
    targets: Sequence[_Target],
    when: dt.date | None,
    order: Sequence[str],
) -> _Target | None:
    if not pool:
        return None
    for step in order:
        if step == "ordinal" and desc.ordinal and when is not None:
            anchor = _anchor(desc, targets, when)
            seq = sorted(
                (t for t in pool if anchor is None or t.date > anchor), key=lambda t: t.date
            )
            if len(seq) >= desc.ordinal:
                return seq[desc.ordinal - 1]
        elif step == "months" and desc.months:
            scored = [
                (g, -t.date.toordinal(), i)
                for i, t in enumerate(pool)
                if (g := _month_gap(t, desc.months)) is not None
            ]
            if scored:
                return pool[min(scored)[2]]
        elif step == "years" and desc.years:
            hits = [
                t
                for t in pool
                if t.date.year in desc.years or (t.published and t.published.year in desc.years)
            ]
            if hits:
                return max(hits, key=lambda t: t.date)
        elif step == "latest" and desc.latest and when is not None:
            return max(pool, key=lambda t: (t.available, t.date))
    return None


def _described(
    desc: _Desc,
    kinds: tuple[EventKind, ...],
    targets: Sequence[_Target],
    when: dt.date | None,
    order: Sequence[str],
) -> _Target | None:
    """The target a description picks: of the kinds the words name (within the
    speaker's), else of any of the speaker's kinds."""
    named = tuple(k for k in kinds if k in desc.kinds)
    for ks in dict.fromkeys((named, kinds)):
        if ks:
            hit = _choose(desc, [t for t in targets if t.kind in ks], targets, when, order)
            if hit is not None:
                return hit
    return None
