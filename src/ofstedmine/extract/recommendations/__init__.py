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

The package, by job: :mod:`~ofstedmine.extract.recommendations.headings` (list
headings), :mod:`~ofstedmine.extract.recommendations.reader` (reading a list),
:mod:`~ofstedmine.extract.recommendations.items` (items and their parts),
:mod:`~ofstedmine.extract.recommendations.layout` (page breaks, footnotes,
sub-headings) and :mod:`~ofstedmine.extract.recommendations.patterns` (the line
patterns they share).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ofstedmine.extract.findings as findings
from ofstedmine.extract.recommendations.headings import (
    _is_heading,
    _misplaced_start,
    list_kind_of,
)
from ofstedmine.extract.recommendations.items import _item_text
from ofstedmine.extract.recommendations.reader import _read_list
from ofstedmine.types import Document, DocumentKind, Recommendation

if TYPE_CHECKING:
    from ofstedmine.extract.codebook import Codebook

__all__ = ["extract_recommendations", "list_kind_of"]


def _themer(codebook: Any) -> Callable[[str], tuple[str, ...]]:
    """``themes_of`` of :mod:`ofstedmine.extract.findings` bound to a codebook."""
    return lambda text: tuple(findings.themes_of(text, codebook=codebook))


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
        The theme codebook for ``themes`` (the packaged one by default).
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
