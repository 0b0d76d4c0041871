"""Reading one improvement list, block by block, from its heading to its end."""

from __future__ import annotations

from ofstedmine.extract.recommendations.headings import (
    _PARENT,
    _heading_as_printed,
    _is_heading,
    list_kind_of,
)
from ofstedmine.extract.recommendations.items import (
    _continues,
    _is_label,
    _Item,
    _List,
    _opens,
    _paragraph_item,
    _style_is_bullets,
)
from ofstedmine.extract.recommendations.layout import (
    _closing_follows,
    _first_on_page,
    _jtai_list_goes_on,
    _jtai_sub_heading,
    _looks_like_footnote,
    _more_items_follow,
    _resume_after_box,
    _topic_label,
)
from ofstedmine.extract.recommendations.patterns import (
    _CLOSING,
    _DASH,
    _FOOTNOTE_TEXT,
    _LETTERHEAD,
    _LETTERS,
    _NONE_ITEM,
    _NUMBER_PREFIX,
    _ONLY_DIGITS,
    _REFERENCE,
    _SECTION,
    _STOP_HEADING,
    _TERMINAL,
    _TIME_GROUP,
    _clean,
)
from ofstedmine.types import BlockKind, Document, DocumentKind, RecommendationList


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
