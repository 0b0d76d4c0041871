"""What a line of an improvement list is: the patterns the list reader tries.

Section titles and closing lines that end a list, time groups, "There are no priority
actions.", framework references, bullets and dashes, footnotes, page numbers and the
letterhead, shared by :mod:`~ofstedmine.extract.recommendations.headings`,
:mod:`~ofstedmine.extract.recommendations.items`,
:mod:`~ofstedmine.extract.recommendations.layout` and
:mod:`~ofstedmine.extract.recommendations.reader`.
"""

from __future__ import annotations

import re

from ofstedmine.types import DocumentKind

_I = re.IGNORECASE

_STOP_HEADING = re.compile(
    r"^(?:case|practice) stud(?:y|ies)\b|^next steps\b|^places and spaces\b", _I
)
#: Section titles that end a list even when the parser did not take them for headings.
_SECTION = re.compile(
    r"^(?:(?:main |headline )?findings|(?:key |multi-agency )?strengths|context|next steps|"
    r"summary for children and young people|"
    r"inspection findings\b.*|information about this (?:inspection|local authority area)|"
    r"the (?:local authority|lscb)[\u2019']s strengths|key strengths and weaknesses\b.*|"
    r"inspection judgements? about\b.*|the experiences and progress of\b.*|"
    r"the impact of leaders\b.*|executive summary)\s*:?$",
    _I,
)
_TIME_GROUP = re.compile(
    r"^(?:immediately|within (?:\w+|\d+) (?:days?|weeks?|months?))\b.{0,30}:?$", _I
)
_CLOSING = re.compile(
    r"^(?:ofsted will take|yours sincerely|if you have any|next steps|"
    r"the (?:director of children['\u2019]s services|local authority) should (?:prepare|send))",
    _I,
)
_NONE_ITEM = re.compile(
    r"^(?:(?:there (?:are|were|is) no|the inspection did not (?:find|identify) any|no)\b"
    r"[^.]{0,40}?\b(?:priority|immediate|areas? (?:for|of) improvement|recommendations)\b"
    r"[^.]{0,40}|none)\.?$",
    _I,
)
_REFERENCE = re.compile(
    r"^\((?:(?:outcomes?|enablers?|principles?)\s+[\d, and&]+,?\s*)+national framework\)\.?$", _I
)
_LEADS_IN = re.compile(r":\s*\((?:paragraphs?|pages?)\b[^)]*\)\.?$", _I)
_LETTERHEAD = re.compile(
    r"^ofsted\s.{0,80}\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$|^t\s*0300\b|\btextphone\b|"
    r"\benquiries@ofsted\.gov\.uk\b|\bwww\.gov\.uk/ofsted\b|^piccadilly gate\b",
    _I,
)
_NUMBER_PREFIX = re.compile(r"^\s*\(?(\d{1,3})[.)](?:\s+|(?=[A-Z\u2018\u201c]))")
_DASH = re.compile(r"^\s*(?:[\u2010-\u2015\u2212\-\uf02d\u0336\u2043]|o\s)\s*")
_GLUED_MARK = re.compile(r"(?:(?<=[a-z]{3})|(?<=[\u2019)]))\d{1,2}(?=[\s,.;:]|$)")
_FOOTNOTE_TEXT = re.compile(r"^\d{1,2}\s+\S")
_ONLY_DIGITS = re.compile(r"^\s*\d{1,3}\s*$")
_PAGE_NUMBER_AT_END = re.compile(r"(?<=[a-z,])\s+(\d{1,3})\s*$")
#: A paragraph about the list rather than an item of it ("The areas for improvement
#: are unchanged ...", "The following areas need attention:").
_ABOUT_THE_LIST = re.compile(
    r"^(?:the\s+)?(?:(?:following|main|key|previous|same|other)\s+)?"
    r"(?:areas?\s+(?:for|of)\s+(?:improvement|priority action|development)|recommendations"
    r"|priority actions)\b|:$",
    _I,
)
#: Sections of a JTAI letter that are never sub-headings of its list.
_JTAI_SECTION = re.compile(
    r"^(?:summary|overview|introduction|background|conclusions?|evaluation|about this"
    r"|joint targeted area inspection)\b",
    _I,
)
#: Letters whose improvement lists may be written as paragraphs (no bullets).
_LETTERS = (DocumentKind.JTAI, DocumentKind.FOCUSED_VISIT, DocumentKind.MONITORING_VISIT)
_TERMINAL = (".", "?", "!", ";", ")", "\u201d", '"', "\u2019")


def _clean(text: str) -> str:
    return " ".join(text.split())
