"""An improvement list and its items, and how an item's parts are joined.

A paragraph carries an item on when the item has no closing punctuation or the
paragraph starts in lower case; sub-items are appended after " – ".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ofstedmine.extract.recommendations.patterns import (
    _ABOUT_THE_LIST,
    _CLOSING,
    _GLUED_MARK,
    _LEADS_IN,
    _PAGE_NUMBER_AT_END,
    _TERMINAL,
    _clean,
)
from ofstedmine.types import Block, RecommendationList


@dataclass
class _Item:
    parts: list[str]
    start: int
    end: int
    number: int | None
    blocks: list[Block] = field(default_factory=list)
    open_colon: bool = False  # ends with ":" (takes sub-items)
    paragraph: bool = False  # a whole paragraph (a list written without bullets)

    @property
    def text(self) -> str:
        return self.parts[-1]

    def add(self, text: str, end: int, sep: str, block: Block) -> None:
        prev = self.parts[-1]
        if self.blocks and block.page > self.blocks[-1].page:
            # the next page's number, which the PDF writes at the end of this page's text
            m = _PAGE_NUMBER_AT_END.search(prev)
            if m and int(m.group(1)) in (block.page, self.blocks[-1].page):
                prev = prev[: m.start()]
        self.parts.append(_join(prev, text, sep))
        self.end = end
        self.blocks.append(block)


@dataclass
class _List:
    kind: RecommendationList
    heading: str
    heading_block: Block
    items: list[_Item] = field(default_factory=list)


def _join(a: str, b: str, sep: str) -> str:
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if sep == " " and a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].islower():
        return a + b  # a word broken at a page edge
    return a + sep + b


def _item_text(text: str) -> str:
    """An item's text: whitespace collapsed, footnote marks set on a word dropped."""
    return _GLUED_MARK.sub("", _clean(text))


def _is_label(t: str) -> bool:
    """A short line without closing punctuation: a topic label, not a sentence."""
    return len(t) < 90 and not t.endswith(_TERMINAL + (":",))


def _continues(last: _Item, t: str) -> bool:
    """Whether paragraph text ``t`` carries on item ``last`` (the item has no
    closing punctuation, or the paragraph starts in lower case)."""
    return not last.text.rstrip().endswith(_TERMINAL + (":",)) or t[:1].islower()


def _paragraph_item(t: str) -> bool:
    """Whether a paragraph can be an item of a list written as paragraphs."""
    return not _is_label(t) and not _ABOUT_THE_LIST.search(t) and not _CLOSING.match(t)


def _opens(text: str) -> bool:
    """Whether an item's text leads into sub-items ("… by:", "… by: (paragraph 150)")."""
    text = text.rstrip()
    return text.endswith(":") or bool(_LEADS_IN.search(text))


def _style_is_bullets(lst: _List) -> bool:
    return any(it.number is None for it in lst.items)
