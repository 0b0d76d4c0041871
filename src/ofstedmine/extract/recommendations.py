"""Improvement lists, item by item.

Every improvement list a document prints is read, in document order:

* ILACS inspections: "What needs to improve" (also "What needs to improve?",
  "What needs to improve:", a footnote mark after it, or a heading that wraps
  onto a following line);
* ILACS focused-visit letters: "What needs to improve in this area of social work
  practice" and "Area(s) for priority action";
* SIF reports (2013-2018): "Recommendations" and "Areas for improvement", for the
  local authority and for the safeguarding board (LSCB) in Section 2, with their
  sub-groups "Priority and immediate action" / "Priority actions" /
  "Immediate action" and "Areas for improvement"; a parent heading "What does the
  local authority (the LSCB) need to improve?" holds the sub-groups, or the items
  themselves when it has none;
* JTAI letters: "Areas for improvement", "Areas for priority action" and "What
  needs to improve?"; their sub-headings (themes, agency names) are not items,
  whether set deeper than the list heading or at its own level, and the "Case
  study" / "Practice study" / "Places and spaces" that may follow is not part of
  the list.

Which list an item belongs to (:class:`~ofstedmine.types.RecommendationList`):
"What needs to improve …" is ``what_needs_to_improve``; "Areas for improvement"
and the SIF parent question are ``areas_for_improvement``; "Recommendations" is
``recommendations``; any priority / immediate action heading is
``priority_actions``. ``heading`` is the heading as printed (a trailing footnote
mark removed). A list whose heading is followed directly by a sub-group heading
(SIF "Recommendations" → "Priority and immediate action") gives its items to the
sub-group.

Reading a list (from the canonical text's blocks, never from the PDF):

1. The list runs from its heading to the next heading that is not one of its
   own (a deeper heading inside a JTAI list is a sub-heading; "Immediately:" /
   "Within three months:" time groups of the 2013 reports are too), to a
   section title even when the parser did not take it for a heading
   ("Findings", "Summary for children and young people", "The experiences and
   progress of …", "Inspection findings – …"), to a closing line ("Ofsted will
   take …", "Yours sincerely") or to a paragraph of prose after the items. The
   "Case study" / "Practice study" of a JTAI letter ends its list.
2. Items are numbered paragraphs ("12. Ensure …"; also "12.Ensure …") or bullet
   items. ``index`` is the printed number where there is one (SIF numbering runs
   on through a report, so the LSCB's list may start at 118), else the item's
   position in its list from 1. A short numbered line over bullets ("1. Help and
   protection") is a group title: the bullets are the items. A letter's list
   written without bullets or numbers (a 2018 focused-visit letter's paragraphs,
   a JTAI letter's paragraphs under agency sub-headings) has each whole
   paragraph for an item; paragraphs before the first bullet are an
   introduction, and so is a paragraph about the list itself ("The areas for
   improvement remain ...", a lead-in ending in ":").
3. Sub-items (bullets under a numbered item that ends with a colon, also
   "… by: (paragraph 150)"; dash lines "– …" under a bullet, whether the parser
   made them paragraphs or headings) are part of their item: each is appended
   after " – ".
4. A paragraph that continues an item (the item has no closing punctuation, the
   paragraph starts in lower case, or it is the first block of a new page and the
   list goes on after it, or, in a letter, its closing line comes next) is
   joined to the item with one space: items continue across page breaks, and a
   page number the PDF writes at the join ("... plans are sent to 13" + "the
   board ...") is dropped. In a JTAI letter a paragraph between bullets is the
   bullet's next paragraph; an unfinished item cut by a "Practice study" box
   drawn on its page goes on at the top of the next page. A framework reference
   set on a line of its own ("(Outcome 4, National Framework)") is joined to its
   item.
5. Not items: footnote marks and footnote texts, topic labels inside a list
   ("Quality of practice", as a paragraph or as a heading), "There are no
   priority actions." and the like, an introductory sentence before the first
   item, and Ofsted's address and telephone lines on a letter's first page.
6. A list heading that the PDF writes last on its page though it is drawn at the
   top (its numbered items come before it in the text) is read from the top of
   the page.

Text is otherwise word for word, with any trailing reference such as
"(outcome 3, national framework)" or "(paragraph 54)" as printed; whitespace is
collapsed and a footnote digit set on a word ("children2") is dropped. The
locator spans the item in ``Document.text`` from the first character after its
number or bullet to the end of its last part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ofstedmine.types import (
    Block,
    BlockKind,
    Document,
    DocumentKind,
    Recommendation,
    RecommendationList,
)

if TYPE_CHECKING:
    from ofstedmine.extract.codebook import Codebook

__all__ = ["extract_recommendations", "list_kind_of"]

_I = re.IGNORECASE
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


def _clean(text: str) -> str:
    return " ".join(text.split())


def _item_text(text: str) -> str:
    """An item's text: whitespace collapsed, footnote marks set on a word dropped."""
    return _GLUED_MARK.sub("", _clean(text))


def _heading_as_printed(text: str) -> str:
    text = _clean(text)
    return _HEADING_MARK.sub("", text).strip() or text


def _is_heading(document: Document, b: Block) -> bool:
    if b.kind is BlockKind.HEADING:
        return True
    # a list heading the parser took for body text (not bold in the PDF)
    t = document.block_text(b)
    return b.kind is BlockKind.PARAGRAPH and len(t) < 90 and list_kind_of(t) is not None


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


def _is_label(t: str) -> bool:
    """A short line without closing punctuation: a topic label, not a sentence."""
    return len(t) < 90 and not t.endswith(_TERMINAL + (":",))


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


def _read_list(
    document: Document,
    hi: int,
    i: int,
    kind: RecommendationList,
    first: int | None = None,
) -> tuple[list[_List], int]:
    """Read the list whose heading is block ``i``; return its lists and the next index.

    ``first`` is the block to start reading at when it is not the one after the
    heading (a heading that the PDF's text order puts after its items).
    """
    blocks = document.blocks
    head = blocks[i]
    lists = [_List(kind, _heading_as_printed(document.block_text(head)), head)]
    cur = lists[0]
    style: BlockKind | None = None  # NUMBERED or LIST_ITEM once the first item is read
    last: _Item | None = None
    k = i + 1 if first is None else first
    n = len(blocks) if first is None else i
    while k < n and blocks[k].start < hi:
        b = blocks[k]
        raw = document.block_text(b)
        t = _clean(raw)
        if _REFERENCE.match(t) and last is not None:
            last.add(t, b.end, " ", b)  # "(outcome 4, national framework)" set apart
            k += 1
            continue
        if _LETTERHEAD.search(t):
            k += 1  # Ofsted's address on a letter's first page
            continue
        if (
            b.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
            and len(t) < 160
            and _SECTION.match(t)
        ):
            break
        dash = _DASH.match(raw) if b.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) else None
        if dash and last is not None:
            last.add(_clean(raw[dash.end() :]), b.end, " \u2013 ", b)  # a sub-item
            k += 1
            continue
        if _is_heading(document, b):
            sub = list_kind_of(t)
            if sub is not None and not (_PARENT.match(t) and cur.items):
                # a sub-group (or a sibling list): a new list starts here
                if not cur.items and len(lists) == 1 and not _PARENT.match(cur.heading):
                    lists.pop()  # "Recommendations" → "Priority and immediate action"
                cur = _List(sub, _heading_as_printed(t), b)
                lists.append(cur)
                last, style = None, None
                k += 1
                continue
            if sub is not None:
                break
            if _STOP_HEADING.match(t):
                if (
                    last is not None
                    and document.kind in _LETTERS
                    and not last.text.rstrip().endswith(_TERMINAL + (":",))
                ):
                    resume = _resume_after_box(document, k, hi)
                    if resume is not None:
                        k = resume  # the item goes on after the box
                        continue
                break
            if _TIME_GROUP.match(t):
                # pre-SIF time groups ("Immediately:"): bullets below are the items
                if (
                    last is not None
                    and last.number is not None
                    and len(cur.items) == 1
                    and not _style_is_bullets(cur)
                ):
                    cur.items.pop()  # the numbered lead-in sentence is not an item
                last, style = None, BlockKind.LIST_ITEM
                k += 1
                continue
            deeper = (b.level or 99) > (head.level or 0)
            if deeper and cur.items and document.kind is DocumentKind.JTAI:
                last = None  # a JTAI sub-heading (a theme or an agency): not an item
                k += 1
                continue
            if deeper and not cur.items and document.kind is DocumentKind.JTAI:
                k += 1
                continue
            if document.kind is DocumentKind.JTAI and _jtai_sub_heading(document, k, hi):
                last = None  # a sub-heading set at the list heading's own level
                k += 1
                continue
            if _topic_label(document, k, t, style, last, hi):
                last = None  # a topic label the parser took for a heading ("Quality of practice")
                k += 1
                continue
            break
        if _ONLY_DIGITS.match(t):
            k += 1  # a footnote mark set on its own line
            continue
        if style is BlockKind.PARAGRAPH and b.kind in (BlockKind.NUMBERED, BlockKind.LIST_ITEM):
            cur.items = [it for it in cur.items if not it.paragraph]  # an introduction
            last, style = None, None
        numbered_para = b.kind is BlockKind.PARAGRAPH and style is BlockKind.NUMBERED
        if b.kind is BlockKind.NUMBERED or (numbered_para and _NUMBER_PREFIX.match(t)):
            m = _NUMBER_PREFIX.match(raw)
            off = m.end() if m else 0
            body = _clean(raw[off:])
            nxt = blocks[k + 1] if k + 1 < n else None
            if (
                len(body) < 80
                and not body.endswith(_TERMINAL + (":",))
                and nxt is not None
                and nxt.kind is BlockKind.LIST_ITEM
                and (style is not BlockKind.NUMBERED or not cur.items)
            ):
                # a numbered group title over bullet items ("1. Help and protection")
                last, style = None, BlockKind.LIST_ITEM
                k += 1
                continue
            if style is BlockKind.LIST_ITEM and cur.items:
                break  # numbered paragraphs after a bullet list: the report goes on
            if _NONE_ITEM.match(body):
                k += 1
                continue
            number = int(m.group(1)) if m else None
            last = _Item([body], b.start + off, b.end, number, [b])
            cur.items.append(last)
            style = BlockKind.NUMBERED
            k += 1
            continue
        if b.kind is BlockKind.LIST_ITEM:
            if _NONE_ITEM.match(t):
                k += 1
                continue
            if style is BlockKind.NUMBERED and last is not None:
                if last.open_colon or _opens(last.text):
                    last.open_colon = True
                    last.add(t, b.end, " \u2013 ", b)
                    k += 1
                    continue
                if last.text.rstrip().endswith(_TERMINAL):
                    break  # bullets after the numbered list: another part of the report
                last.add(t, b.end, " ", b)
                k += 1
                continue
            last = _Item([t], b.start, b.end, None, [b])
            cur.items.append(last)
            style = BlockKind.LIST_ITEM
            k += 1
            continue
        # a paragraph (or a table row)
        if _CLOSING.match(t):
            break
        if _FOOTNOTE_TEXT.match(t) and _looks_like_footnote(document, k):
            k += 1
            continue
        if _NONE_ITEM.match(t):
            k += 1
            continue
        para_list = document.kind in _LETTERS and style in (None, BlockKind.PARAGRAPH)
        if para_list and (last is None or not _continues(last, t)) and _paragraph_item(t):
            # a list written as paragraphs ("the whole paragraph under its
            # sub-heading"); if bullets follow, these were its introduction
            last = _Item([t], b.start, b.end, None, [b], paragraph=True)
            cur.items.append(last)
            style = BlockKind.PARAGRAPH
            k += 1
            continue
        if last is None:
            if not cur.items:
                k += 1  # an introduction or a topic label before the first item
                continue
            if _is_label(t):
                k += 1  # a topic label between groups of items
                continue
            break
        if last.open_colon and len(t) < 200 and t[:1].islower():
            last.add(t, b.end, " \u2013 ", b)
            k += 1
            continue
        if _continues(last, t):
            last.add(t, b.end, " ", b)
            k += 1
            continue
        if _is_label(t):
            last = None  # a topic label between groups of items
            k += 1
            continue
        if _first_on_page(document, blocks, k) and (
            _more_items_follow(document, k, hi, strict=False)
            or (document.kind in _LETTERS and _closing_follows(document, k, hi))
        ):
            # the item goes on over a page break (in a letter, perhaps its last
            # paragraph, just before the letter's closing)
            last.add(t, b.end, " ", b)
            k += 1
            continue
        if (
            document.kind is DocumentKind.JTAI
            and style is BlockKind.LIST_ITEM
            and not t.endswith(":")
            and _jtai_list_goes_on(document, k, hi)
        ):
            last.add(t, b.end, " ", b)  # a bullet's second paragraph
            k += 1
            continue
        break
    return [lst for lst in lists if lst.items or lst is lists[-1]], k


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


def _style_is_bullets(lst: _List) -> bool:
    return any(it.number is None for it in lst.items)


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


def _themer(codebook: Any) -> Callable[[str], tuple[str, ...]]:
    """``themes_of`` bound to a codebook, or a function giving no themes when the
    findings helpers are not installed."""
    try:
        from ofstedmine.extract.findings import themes_of
    except ImportError:  # pragma: no cover - the helpers ship with the package
        return lambda text: ()
    return lambda text: tuple(themes_of(text, codebook=codebook))


def extract_recommendations(
    document: Document,
    *,
    span: tuple[int, int] | None = None,
    codebook: Codebook | None = None,
    kind: DocumentKind | None = None,
) -> list[Recommendation]:
    """Every item of every improvement list in ``document`` (or in ``span`` of it).

    Parameters
    ----------
    document
        A parsed :class:`~ofstedmine.types.Document`.
    span
        ``(start, end)`` in ``document.text``: only lists whose heading starts in
        the span are read, and a list stops at the span's end (a file may hold two
        reports).
    codebook
        The theme codebook for ``themes`` (the packaged one by default). Without
        the findings helpers installed the themes are empty.
    kind
        The document kind from the metadata, when known; it only decides whether
        deeper headings inside a list are JTAI sub-headings.

    Examples
    --------
    >>> from ofstedmine import parse
    >>> text = ("What needs to improve\\n\\n\\u2022 The quality of plans.\\n"
    ...         "\\u2022 Supervision of staff.\\n\\nFindings\\n\\nSome text.")
    >>> doc = parse(text.encode("utf-8"), kind="text")
    >>> [(r.index, r.text) for r in extract_recommendations(doc)]
    [(1, 'The quality of plans.'), (2, 'Supervision of staff.')]
    """
    if kind is not None and kind is not document.kind:
        from dataclasses import replace

        document = replace(document, kind=kind)
    lo, hi = span if span is not None else (0, len(document.text))
    blocks = document.blocks
    themes_of: Callable[[str], tuple[str, ...]] | None = None
    out: list[Recommendation] = []
    seen: set[tuple[int, int]] = set()
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if b.start < lo or not _is_heading(document, b):
            k += 1
            continue
        if b.start >= hi:
            break
        lk = list_kind_of(document.block_text(b))
        if lk is None:
            k += 1
            continue
        misplaced = _misplaced_start(document, k, lo)
        if misplaced is not None:
            lists, _ = _read_list(document, hi, k, lk, first=misplaced)
            nxt = k + 1
        else:
            lists, nxt = _read_list(document, hi, k, lk)
        for lst in lists:
            for pos, item in enumerate(lst.items, start=1):
                key = (item.start, item.end)
                if key in seen:
                    continue
                seen.add(key)
                text = _item_text(item.text)
                if themes_of is None:
                    themes_of = _themer(codebook)
                out.append(
                    Recommendation(
                        text=text,
                        list=lst.kind,
                        index=item.number if item.number is not None else pos,
                        locator=document.locate(item.start, item.end),
                        themes=themes_of(text),
                        heading=lst.heading,
                    )
                )
        k = max(nxt, k + 1)
    return out
