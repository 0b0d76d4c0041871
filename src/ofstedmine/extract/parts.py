"""Split a file that holds several separately published reports into spans.

Almost every file holds one report, and :func:`split_reports` returns the whole
canonical text, ``[(0, len(text))]``. A few files hold two reports that Ofsted
published separately but filed together: in the corpus, Kingston upon Hull's 2015
file holds the SIF inspection of the local authority (published 3 February 2015)
followed by the review of the Local Safeguarding Children Board (published 10
February 2015), each with its own title page.

The rule
--------
A report's title page prints its fieldwork as a block that *begins* with
"Inspection date:" or "Inspection dates:", a few short title blocks above it
("Inspection of ...", "Review of ...", the authority or board's name). A later
block that begins that way starts a new report when

1. it lies past the first tenth of the text and at least 3,000 characters after
   the previous report's start (a report's own front page never repeats it), and
2. one of the up to four short blocks just above it (under 200 characters, not
   ending a sentence, not Ofsted's copyright or address boilerplate) is a title:
   it begins "Inspection of" or "Review of", or names a safeguarding children
   board or children's services.

The new report starts at the earliest of those contiguous short title blocks, so
its title (and a stray running header of its first page) belongs to it. Text
before it, including the first report's back-cover boilerplate, stays with the
first report. Spans are contiguous and cover the whole text.
"""

from __future__ import annotations

import re

from ofstedmine.types import Document

__all__ = ["split_reports"]

_DATES_BLOCK = re.compile(r"inspection\s+dates?\s*:", re.I)
_TITLE = re.compile(
    r"^(inspection of|review of)\b|safeguarding children(?:['\u2019]s)? (board|partnership)"
    r"|children['\u2019]s (social care )?services",
    re.I,
)
_BOILERPLATE = re.compile(r"crown copyright|www\.|piccadilly gate|ofsted\.gov\.uk|@", re.I)
_MIN_GAP = 3000
_LOOKBACK = 4
_SHORT = 200


def split_reports(document: Document) -> list[tuple[int, int]]:
    """Spans of ``document.text``, one per separately published report.

    See the module docstring for the rule. Spans are in order, contiguous and
    cover the whole text; a document with one report gives ``[(0, len(text))]``.

    >>> from ofstedmine import parse
    >>> split_reports(parse(b"Inspection of Anytown\\n\\nInspection dates: 1 to 5 May 2020", kind="text"))
    [(0, 56)]
    """
    text = document.text
    n = len(text)
    if not document.blocks:
        return [(0, n)]
    blocks = document.blocks
    starts: list[int] = [0]
    seen_first = False
    for i, b in enumerate(blocks):
        if not _DATES_BLOCK.match(text, b.start, b.end):
            continue
        if not seen_first:
            seen_first = True
            continue
        if b.start < 0.1 * n or b.start - starts[-1] < _MIN_GAP:
            continue
        start = _title_start(document, i)
        if start is not None and start - starts[-1] >= _MIN_GAP:
            starts.append(start)
    return [(a, b) for a, b in zip(starts, [*starts[1:], n], strict=True)]


def _title_start(document: Document, index: int) -> int | None:
    """The start of the title blocks above the dates block at ``index``, if any."""
    text = document.text
    earliest: int | None = None
    titled = False
    for j in range(index - 1, max(index - 1 - _LOOKBACK, -1), -1):
        blk = document.blocks[j]
        s = text[blk.start : blk.end].strip()
        if not s or len(s) >= _SHORT or s.endswith(".") or _BOILERPLATE.search(s):
            break
        earliest = blk.start
        if _TITLE.search(s):
            titled = True
    return earliest if titled else None
