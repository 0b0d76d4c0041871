"""Where the quotations and sentences of a secondary source are in its text.

A quotation is text between curly or straight double quotes, or between single quotes
(an apostrophe inside a word is not a quote mark); a paragraph that opens a quotation
and does not close it continues into the next paragraph that opens with a quote mark.
See :mod:`ofstedmine.extract.quotes` for the whole rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ofstedmine.types import Document

_OPEN_D = "\u201c\u201e"
_CLOSE_D = "\u201d"
_OPEN_S = "\u2018"
_CLOSE_S = "\u2019"
_SENT_END = re.compile(r"(?<=[.!?])[\u201d\u2019\"')\]]*\s+(?=[\u201c\u2018\"'(\[]?[A-Z0-9])")


@dataclass
class _Quote:
    """One quotation: its pieces (``start``, ``end`` in the text, marks excluded)."""

    pieces: list[tuple[int, int]] = field(default_factory=list)
    double: bool = True
    _texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self._texts)

    def add(self, text: str, start: int, end: int) -> None:
        if end > start:
            self.pieces.append((start, end))
            self._texts.append(text[start:end])


def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{-\u2013\u2014:") and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _paragraph_quotes(text: str, start: int, end: int, carry: _Quote | None):
    """Quotations in one paragraph; returns (closed quotes, quote still open)."""
    out: list[_Quote] = []
    cur = carry
    piece_start = start if carry is not None else None
    i = start
    while i < end:
        c = text[i]
        if cur is not None and cur.double:
            if c in _CLOSE_D or (c == '"' and _is_close(text, i)):
                cur.add(text, piece_start, i)
                out.append(cur)
                cur, piece_start = None, None
            elif (c in _OPEN_D or c == '"') and i == piece_start:
                piece_start = i + 1  # the continuation paragraph's own opening mark
        elif cur is not None:  # single quotes
            if (c == _CLOSE_S or c == "'") and _is_close(text, i):
                cur.add(text, piece_start, i)
                out.append(cur)
                cur, piece_start = None, None
        elif c in _OPEN_D or (c == '"' and _is_open(text, i)):
            cur, piece_start = _Quote(double=True), i + 1
        elif (c == _OPEN_S or c == "'") and _is_open(text, i):
            close = _single_close(text, i + 1, end)
            if close is not None:
                q = _Quote(double=False)
                q.add(text, i + 1, close)
                out.append(q)
                i = close
        i += 1
    if cur is not None:
        cur.add(text, piece_start, end)
        if not cur.double:
            out.append(cur)
            cur = None
    return out, cur


def _single_close(text: str, i: int, end: int) -> int | None:
    for j in range(i, min(end, i + 300)):
        c = text[j]
        if c in _OPEN_D or c in _CLOSE_D or c == '"':
            return None
        if (c == _CLOSE_S or c == "'") and _is_close(text, j):
            nxt = text[j + 1] if j + 1 < len(text) else " "
            if text[j - 1].isalpha() and nxt == "s":
                continue
            return j
    return None


def quote_spans(document: Document) -> list[list[tuple[int, int]]]:
    """The quotations of a document: for each, its pieces' spans in ``document.text``.

    >>> from ofstedmine import parse
    >>> doc = parse(b'The report says: \\xe2\\x80\\x9cChildren wait too long.\\xe2\\x80\\x9d', kind="text")
    >>> [[doc.text[a:b] for a, b in q] for q in quote_spans(doc)]
    [['Children wait too long.']]
    """
    return [q.pieces for q in _quotes(document)]


def _quotes(document: Document) -> list[_Quote]:
    text = document.text
    blocks = document.blocks or ()
    spans = [(b.start, b.end) for b in blocks] or [(0, len(text))]
    out: list[_Quote] = []
    carry: _Quote | None = None
    for k, (a, b) in enumerate(spans):
        para = text[a:b].strip()
        if carry is not None:
            opens = para[:1] in _OPEN_D + '"'
            if not opens:
                nxt = (
                    text[spans[k + 1][0] : spans[k + 1][1]].lstrip()[:1]
                    if k + 1 < len(spans)
                    else ""
                )
                if (
                    len(para) < 100
                    and not para.endswith((".", "!", "?", ":"))
                    and nxt in _OPEN_D + '"'
                ):
                    continue  # a link or a cross-heading inside a long quotation
                out.append(carry)
                carry = None
        lead = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        found, carry = _paragraph_quotes(text, lead, b, carry)
        out.extend(found)
    if carry is not None:
        out.append(carry)
    out.sort(key=lambda q: q.pieces[0][0] if q.pieces else 0)
    return [q for q in out if q.pieces]


def _sentences(document: Document) -> list[tuple[int, int]]:
    text = document.text
    spans = [(b.start, b.end) for b in document.blocks] or [(0, len(text))]
    out = []
    for a, b in spans:
        pos = a
        for m in _SENT_END.finditer(text, a, b):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, b))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _block_of(document: Document, offset: int) -> int | None:
    for i, b in enumerate(document.blocks):
        if b.start <= offset < b.end:
            return i
    return None
