"""The headings that open an improvement list, and which list each opens."""

from __future__ import annotations

import re

from ofstedmine.extract.recommendations.patterns import _I, _clean
from ofstedmine.types import Block, BlockKind, Document, RecommendationList

_FOOTMARK = r"(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\d{1,2})?"
_END = rf"(?:\s*[?:.])?{_FOOTMARK}\s*$"  # a footnote mark is set on the word: "improve?1"

#: (pattern on the whole heading text, list kind), first match wins.
_LIST_HEADINGS: tuple[tuple[re.Pattern[str], RecommendationList], ...] = (
    (
        re.compile(
            rf"^what needs to improve(?:\s+in (?:this|these) areas? of (?:social work )?practice)?{_END}",
            _I,
        ),
        RecommendationList.WHAT_NEEDS_TO_IMPROVE,
    ),
    (re.compile(rf"^areas? for priority action{_END}", _I), RecommendationList.PRIORITY_ACTIONS),
    (
        re.compile(
            rf"^(?:priority and immediate actions?|priority actions?|immediate actions?){_END}", _I
        ),
        RecommendationList.PRIORITY_ACTIONS,
    ),
    (re.compile(rf"^areas? for improvement{_END}", _I), RecommendationList.AREAS_FOR_IMPROVEMENT),
    (re.compile(rf"^recommendations{_END}", _I), RecommendationList.RECOMMENDATIONS),
    (
        re.compile(rf"^what does the .{{1,60}}? need to improve{_END}", _I),
        RecommendationList.AREAS_FOR_IMPROVEMENT,
    ),
)
_PARENT = re.compile(r"^what does the ", _I)
_HEADING_MARK = re.compile(rf"(?<=[?:a-z]){_FOOTMARK}\s*$")


def list_kind_of(heading: str) -> RecommendationList | None:
    """The list kind a heading opens, or None if it opens no improvement list.

    >>> list_kind_of("What needs to improve?").value
    'what_needs_to_improve'
    >>> list_kind_of("Recommendations 8") is None  # a contents line
    True
    """
    text = " ".join(heading.split())
    if len(text) > 120:
        return None
    for pattern, kind in _LIST_HEADINGS:
        if pattern.match(text):
            return kind
    return None


def _heading_as_printed(text: str) -> str:
    text = _clean(text)
    return _HEADING_MARK.sub("", text).strip() or text


def _is_heading(document: Document, b: Block) -> bool:
    if b.kind is BlockKind.HEADING:
        return True
    # a list heading the parser took for body text (not bold in the PDF)
    t = document.block_text(b)
    return b.kind is BlockKind.PARAGRAPH and len(t) < 90 and list_kind_of(t) is not None


def _misplaced_start(document: Document, k: int, lo: int) -> int | None:
    """Where the items of a list heading printed out of text order begin, if it is.

    Some PDFs draw a heading at the top of a page but write it last in the page's
    content stream, so the parser's text puts it at the foot of the page, after
    the numbered paragraphs it heads (and before the next page's text). When a list
    heading is the last block of its page and that page opens with a numbered
    paragraph, the list is read from the page's first block.
    """
    blocks = document.blocks
    b = blocks[k]
    if k + 1 < len(blocks) and blocks[k + 1].page == b.page:
        return None
    j = k
    while j > 0 and blocks[j - 1].page == b.page and blocks[j - 1].start >= lo:
        j -= 1
    if j == k or blocks[j].kind is not BlockKind.NUMBERED:
        return None
    if j > 0 and blocks[j - 1].kind is BlockKind.NUMBERED:
        return None  # the page goes on from a numbered run: the heading is not out of place
    return j
