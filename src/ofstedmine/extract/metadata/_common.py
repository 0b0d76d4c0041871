"""Month names, dashes and apostrophes the metadata readers share, and a report's blocks."""

from __future__ import annotations

import re

from ofstedmine.types import Document

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


def _blocks_in(document: Document, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    a, b = span
    return [
        (blk.start, blk.end, document.text[blk.start : blk.end])
        for blk in document.blocks
        if blk.start >= a and blk.end <= b
    ]
