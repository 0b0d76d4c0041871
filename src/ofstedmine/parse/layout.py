"""Layout: positioned lines -> blocks -> one canonical text with pages and sections.

Decisions, in order:

1. **Running headers and footers** are lines in the top or bottom 9% of a page whose
   text, with digits folded, recurs on at least 40% of pages (and two or more);
   lone page numbers ("7", "Page 7 of 12") in those bands always go.
2. **Blocks** start at a bullet glyph (list item), a number like ``12.`` at the
   left margin (numbered paragraph), a change to or from heading style (bold, or
   larger than the body size), a vertical gap more than about half a line beyond the usual leading, a jump
   between columns, or a page break after a line that ends a sentence. A paragraph
   cut by a page break continues on the next page.
3. **Joining**: a line ending in a hyphen joins the next with no space, keeping the
   hyphen unless the document spells the word without it more often (see
   :func:`join_parts`); any other wrap becomes one space.
4. **Sections**: each heading opens a section that runs to the next heading of the
   same or a higher level; heading levels come from font size, largest first.

The same :func:`assemble` builds the text for HTML and plain-text sources.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ofstedmine.parse.pdf import SOFT_HYPHENS, Line, PdfPage
from ofstedmine.types import Block, BlockKind, Page, Section

__all__ = ["RawBlock", "assemble", "blocks_from_lines", "strip_running"]

BULLETS = "\uf06e\uf0b7\uf0a7\uf0d8\uf0fc\uf076\u25fc\u25aa\u25a0\u2022\u25cf\u25e6\u2023\u2043\u25cb\u27a2\u2013\u00b7\u25b6"
_BULLET_RE = re.compile(rf"^\s*[{BULLETS}]\s*")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,3})\.\s+(?=\S)")
_PAGE_NO_RE = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_TERMINAL = (".", "?", "!", ":", ";", "”", '"', ")")
_WS = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
PAGE_BREAK = "\f"


@dataclass
class RawBlock:
    """A block before assembly: its kind, lines of text, page and heading level."""

    kind: BlockKind
    page: int
    parts: list[str] = field(default_factory=list)
    level: int | None = None
    number: str | None = None
    # page of each part, so a block that crosses a page knows where the break is
    part_pages: list[int] = field(default_factory=list)
    x0: float = 0.0
    style: tuple = ()

    def add(self, text: str, page: int) -> None:
        self.parts.append(text)
        self.part_pages.append(page)


def _fold(text: str) -> str:
    return _WS.sub(" ", re.sub(r"\d+", "#", text)).strip().lower()


def strip_running(pages: Sequence[PdfPage]) -> list[list[Line]]:
    """Drop running headers, footers and page numbers; return the lines per page."""
    n = len(pages)
    band = {}
    counts: Counter[str] = Counter()
    for p in pages:
        h = p.height or 842.0
        seen = set()
        for ln in p.lines:
            if ln.top < 0.09 * h or ln.bottom > 0.91 * h:
                key = _fold(ln.text)
                band[(p.number, ln.top, ln.text)] = key
                seen.add(key)
        counts.update(seen)
    threshold = max(2, int(0.4 * n + 0.999))
    out = []
    for p in pages:
        kept = []
        for ln in p.lines:
            key = band.get((p.number, ln.top, ln.text))
            if key is not None and (
                _PAGE_NO_RE.match(ln.text) or (n >= 2 and counts[key] >= threshold and key)
            ):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _body_size(lines: Iterable[Line]) -> float:
    sizes = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 11.0


def _leading(pages_lines: Sequence[Sequence[Line]]) -> float:
    """The usual white space between the bottom of a line and the top of the next."""
    gaps = []
    for lines in pages_lines:
        for a, b in zip(lines, lines[1:]):
            d = b.top - a.bottom
            if -2 < d < 30:
                gaps.append(d)
    return statistics.median(gaps) if gaps else 2.0


def blocks_from_lines(pages: Sequence[PdfPage]) -> list[RawBlock]:
    """Group positioned lines into raw blocks (see the module docstring)."""
    pages_lines = strip_running(pages)
    all_lines = [ln for lines in pages_lines for ln in lines]
    if not all_lines:
        return []
    body = _body_size(all_lines)
    leading = _leading(pages_lines)
    left = Counter(round(ln.x0) for ln in all_lines).most_common(1)[0][0]
    heading_sizes = sorted({ln.size for ln in all_lines if ln.size > body + 1.0}, reverse=True)

    def is_heading(ln: Line) -> bool:
        t = ln.text.strip()
        if not t or len(t) > 160 or _BULLET_RE.match(t):
            return False
        return (ln.size > body + 1.0 or ln.bold) and any(c.isalpha() for c in t)

    def level_of(ln: Line) -> int:
        if ln.size in heading_sizes:
            return heading_sizes.index(ln.size) + 1
        return len(heading_sizes) + 1

    blocks: list[RawBlock] = []
    cur: RawBlock | None = None
    prev: Line | None = None
    for ln in all_lines:
        text = ln.text.strip()
        if not text:
            continue
        heading = is_heading(ln)
        bullet = _BULLET_RE.match(text)
        numbered = _NUMBERED_RE.match(text) if ln.x0 < left + 20 else None
        style = ("h", ln.size, ln.bold) if heading else ("b",)
        start = cur is None or prev is None
        if not start:
            assert prev is not None and cur is not None
            new_page = ln.page != prev.page
            ends = cur.parts[-1].rstrip().endswith(_TERMINAL)
            if bullet or numbered or style != cur.style:
                start = True
            elif new_page:
                start = ends or cur.kind is BlockKind.HEADING or text[:1].isupper() and ends
            elif ln.top < prev.top - 2 or ln.top - prev.bottom > leading + 0.45 * max(
                ln.size, body
            ):
                start = True
            elif abs(ln.x0 - prev.x0) > 90 and abs(ln.x0 - cur.x0) > 90:
                start = True  # a jump between table columns
            elif cur.kind is BlockKind.LIST_ITEM and ln.x0 < cur.x0 - 2 and ends:
                start = True  # back out of a list to the margin
        if start:
            if bullet:
                cur = RawBlock(BlockKind.LIST_ITEM, ln.page, x0=ln.x0, style=style)
                text = text[bullet.end() :]
            elif numbered:
                cur = RawBlock(
                    BlockKind.NUMBERED, ln.page, number=numbered.group(1), x0=ln.x0, style=style
                )
            elif heading:
                cur = RawBlock(
                    BlockKind.HEADING, ln.page, level=level_of(ln), x0=ln.x0, style=style
                )
            else:
                cur = RawBlock(BlockKind.PARAGRAPH, ln.page, x0=ln.x0, style=style)
            blocks.append(cur)
        assert cur is not None
        cur.add(text, ln.page)
        prev = ln
    for b in blocks:  # a long "heading" is bold body text
        if b.kind is BlockKind.HEADING and sum(map(len, b.parts)) > 220:
            b.kind, b.level = BlockKind.PARAGRAPH, None
    return blocks


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_TAIL = re.compile(r"([A-Za-z]+)$")
_HEAD_WORD = re.compile(r"^([A-Za-z]+)")


def vocabulary(parts: Iterable[str]) -> Counter[str]:
    """Lower-case word counts (hyphenated compounds kept whole) for de-hyphenation."""
    counts: Counter[str] = Counter()
    for part in parts:
        counts.update(w.lower() for w in _WORD.findall(part))
    return counts


def join_parts(parts: Sequence[str], vocab: Counter[str] | None = None) -> str:
    """Join wrapped lines into one string.

    A line ending in a hyphen (pdfium's soft-hyphen mark, or a plain ``-`` before a
    lower-case letter) is joined with no space. The hyphen is kept ("decision-making")
    unless the document spells the word without it more often than with it
    ("de-" + "tail" becomes "detail" when "detail" occurs elsewhere); Ofsted's reports
    are rarely hyphenated by the typesetter, so keeping it is the default.

    >>> join_parts(["decision\ufffe", "making panels", "are in place"])
    'decision-making panels are in place'
    >>> from collections import Counter
    >>> join_parts(["in some de-", "tail"], Counter({"detail": 3}))
    'in some detail'
    """
    out = ""
    for part in parts:
        part = _WS.sub(" ", part).strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        soft = out[-1] in SOFT_HYPHENS
        hard = out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower()
        if soft or hard:
            a = _TAIL.search(out[:-1])
            b = _HEAD_WORD.match(part)
            drop = False
            if vocab is not None and a and b:
                joined = (a.group(1) + b.group(1)).lower()
                hyphened = f"{a.group(1)}-{b.group(1)}".lower()
                drop = vocab[joined] > vocab[hyphened]
            out = out[:-1] + ("" if drop else "-") + part
        else:
            out += " " + part
    return re.sub(f"[{SOFT_HYPHENS}]", "-", out)


def assemble(
    raw: Sequence[RawBlock],
) -> tuple[str, tuple[Page, ...], tuple[Block, ...], tuple[Section, ...]]:
    """Lay raw blocks out as one canonical text; blocks are separated by a blank line.

    Returns the text, page spans, blocks and sections. A page's span starts at its
    first character in the text (a paragraph continued over a page break starts
    the next page mid-paragraph).
    """
    vocab = vocabulary(p for rb in raw for p in rb.parts)
    pieces: list[str] = []
    blocks: list[Block] = []
    page_first: dict[int, int] = {}
    pos = 0
    for rb in raw:
        if blocks:
            pieces.append("\n\n")
            pos += 2
        start = pos
        # offsets of each part, to know where a page break falls inside the block
        text = ""
        for i, part in enumerate(rb.parts):
            before = len(text)
            text = join_parts([text, part], vocab) if text else join_parts([part], vocab)
            page = rb.part_pages[i] if i < len(rb.part_pages) else rb.page
            if page not in page_first:
                gap = 0 if before == 0 else 1
                page_first[page] = start + min(before + gap, len(text))
        if not text:
            continue
        pieces.append(text)
        pos += len(text)
        blocks.append(Block(rb.kind, start, pos, rb.page, rb.number, rb.level))
    full = "".join(pieces)
    pages = _page_spans(page_first, len(full))
    return full, pages, tuple(blocks), _sections(full, blocks)


def _page_spans(page_first: dict[int, int], length: int) -> tuple[Page, ...]:
    if not page_first:
        return (Page(1, 0, length),)
    numbers = range(1, max(page_first) + 1)
    starts = {}
    nxt = length
    for n in reversed(numbers):  # blank pages take the start of the next page
        nxt = page_first.get(n, nxt)
        starts[n] = nxt
    out = []
    for n in numbers:
        end = starts.get(n + 1, length)
        out.append(Page(n, starts[n], max(starts[n], end)))
    return tuple(out)


def _sections(text: str, blocks: Sequence[Block]) -> tuple[Section, ...]:
    heads = [b for b in blocks if b.kind is BlockKind.HEADING]
    out = []
    stack: list[tuple[int, str]] = []
    for i, h in enumerate(heads):
        level = h.level or 1
        title = text[h.start : h.end]
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        end = len(text)
        for later in heads[i + 1 :]:
            if (later.level or 1) <= level:
                end = later.start
                break
        out.append(Section(title, tuple(t for _, t in stack), level, h.start, end, h.page))
    return tuple(out)
