"""The blocks around a list's items, and whether the list goes on after one.

Page breaks and page numbers, footnotes, the letterhead, JTAI sub-headings, topic
labels, and the case-study box that may cut an item.
"""

from __future__ import annotations

from collections.abc import Sequence

from ofstedmine.extract.recommendations.headings import list_kind_of
from ofstedmine.extract.recommendations.items import _is_label, _Item
from ofstedmine.extract.recommendations.patterns import (
    _CLOSING,
    _DASH,
    _FOOTNOTE_TEXT,
    _JTAI_SECTION,
    _LETTERHEAD,
    _NUMBER_PREFIX,
    _ONLY_DIGITS,
    _SECTION,
    _STOP_HEADING,
    _clean,
)
from ofstedmine.types import Block, BlockKind, Document


def _first_on_page(document: Document, blocks: Sequence[Block], k: int) -> bool:
    """Whether block ``k`` opens its page (page numbers set before it aside)."""
    j = k - 1
    while (
        j >= 0
        and blocks[j].page == blocks[k].page
        and _ONLY_DIGITS.match(document.block_text(blocks[j]))
    ):
        j -= 1
    return j >= 0 and blocks[k].page > blocks[j].page


def _skippable(document: Document, k: int) -> bool:
    """Page numbers, footnote texts and the letterhead between a list's blocks."""
    t = _clean(document.block_text(document.blocks[k]))
    return bool(
        _ONLY_DIGITS.match(t)
        or _LETTERHEAD.search(t)
        or (_FOOTNOTE_TEXT.match(t) and _looks_like_footnote(document, k))
    )


def _jtai_sub_heading(document: Document, k: int, hi: int) -> bool:
    """Whether heading ``k`` inside a JTAI list is a sub-heading (a theme or an
    agency: "Leadership and management", "Health") whatever its level: a short
    title, not a section of the letter, with the list's text after it."""
    t = _clean(document.block_text(document.blocks[k]))
    if len(t) > 120 or t.endswith((".", ":")) or _STOP_HEADING.match(t) or _SECTION.match(t):
        return False
    if _JTAI_SECTION.match(t):
        return False
    if _CLOSING.match(t) or list_kind_of(t) is not None:
        return False
    j = _next_content(document, k, hi)
    if j is None:
        return False
    nxt = document.blocks[j]
    if nxt.kind in (BlockKind.LIST_ITEM, BlockKind.NUMBERED):
        return True
    nt = _clean(document.block_text(nxt))
    return nxt.kind is BlockKind.PARAGRAPH and not _is_label(nt) and not _CLOSING.match(nt)


def _next_content(document: Document, k: int, hi: int) -> int | None:
    """The next block after ``k`` that is not a page number, footnote or letterhead."""
    blocks = document.blocks
    j = k + 1
    while j < len(blocks) and blocks[j].start < hi and _skippable(document, j):
        j += 1
    return j if j < len(blocks) and blocks[j].start < hi else None


def _jtai_list_goes_on(document: Document, k: int, hi: int) -> bool:
    """Whether a JTAI bullet list goes on after paragraph ``k``: another bullet (or a
    sub-heading over bullets) comes before the list's end, perhaps after more
    paragraphs of the same item."""
    j = k
    for _ in range(4):
        nj = _next_content(document, j, hi)
        if nj is None:
            return False
        b = document.blocks[nj]
        if b.kind in (BlockKind.LIST_ITEM, BlockKind.NUMBERED):
            return True
        t = _clean(document.block_text(b))
        if b.kind is BlockKind.HEADING:
            return _jtai_sub_heading(document, nj, hi) and (
                (nn := _next_content(document, nj, hi)) is not None
                and document.blocks[nn].kind in (BlockKind.LIST_ITEM, BlockKind.NUMBERED)
            )
        if _CLOSING.match(t) or _SECTION.match(t) or _is_label(t) or t.endswith(":"):
            return False
        j = nj
    return False


def _resume_after_box(document: Document, k: int, hi: int) -> int | None:
    """Where an item interrupted by a case-study box goes on, if it does.

    A JTAI letter may draw a "Practice study" box at the top of a page while its
    text comes after the list's first lines on that page; the unfinished item goes
    on at the top of the next page, in lower case.
    """
    blocks = document.blocks
    page = blocks[k].page
    j = k + 1
    while j < len(blocks) and blocks[j].page == page:
        j += 1
    while j < len(blocks) and _ONLY_DIGITS.match(document.block_text(blocks[j])):
        j += 1
    if j >= len(blocks) or blocks[j].start >= hi or blocks[j].page != page + 1:
        return None
    t = _clean(document.block_text(blocks[j]))
    if blocks[j].kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and t[:1].islower():
        return j
    return None


def _topic_label(
    document: Document, k: int, t: str, style: BlockKind | None, last: _Item | None, hi: int
) -> bool:
    """Whether heading ``k`` labels a group of items inside a list (SIF topic labels)."""
    if len(t) > 80 or t.endswith((".", ":")) or k + 1 >= len(document.blocks):
        return False
    nxt = document.blocks[k + 1]
    if nxt.start >= hi or nxt.kind is not BlockKind.NUMBERED:
        return False
    if style not in (None, BlockKind.NUMBERED):
        return False
    m = _NUMBER_PREFIX.match(document.block_text(nxt))
    if last is None or last.number is None:
        return style is None  # before the first item: "Quality of practice", "1. …"
    return m is not None and int(m.group(1)) == last.number + 1


def _looks_like_footnote(document: Document, k: int) -> bool:
    """A footnote text ("1 The areas for improvement …") at the foot of a page."""
    blocks = document.blocks
    b = blocks[k]
    if k + 1 >= len(blocks):
        return True
    nxt = blocks[k + 1]
    return nxt.page > b.page or bool(_FOOTNOTE_TEXT.match(document.block_text(nxt)))


def _closing_follows(document: Document, k: int, hi: int) -> bool:
    """Whether a letter's closing line ("Ofsted will take ...") comes next after ``k``."""
    j = _next_content(document, k, hi)
    return j is not None and bool(_CLOSING.match(_clean(document.block_text(document.blocks[j]))))


def _more_items_follow(document: Document, k: int, hi: int, strict: bool = True) -> bool:
    """Whether the list goes on after block ``k`` (an item comes before any heading)."""
    blocks = document.blocks
    for b in blocks[k + 1 : k + 4]:
        if b.start >= hi:
            return False
        if b.kind in (BlockKind.NUMBERED, BlockKind.LIST_ITEM):
            return True
        if b.kind is BlockKind.HEADING:
            return not strict and list_kind_of(document.block_text(b)) is not None
        if not strict and _DASH.match(document.block_text(b)):
            return True
    return not strict and k + 1 >= len(blocks)
