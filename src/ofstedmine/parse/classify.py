"""What a document is: its kind and, for inspections, its framework.

Decided from the text, never from the year: reports published after a framework
change can still be written under the old one. Only the opening of the document
(its first ~6,000 characters) is read, where every kind names itself.

Framework rules for full inspections (first match wins):

* ``pre_sif_2013``: "looked after children services" or "safeguarding and looked
  after children" inspections (the older scale with "adequate");
* ``sif``: "services for children in need of help and protection, children looked
  after and care leavers" (including re-inspections);
* ``ilacs_2026``: the ILACS judgement table with separate children-in-care and
  care-leaver rows and no "Overall effectiveness" row (the April 2026 reform);
* ``ilacs_2023``: separate "children in care" and "care leavers" judgements;
* ``ilacs_2018``: the combined "children in care and care leavers" judgement.
"""

from __future__ import annotations

import re

from ofstedmine.types import Document, DocumentKind, Framework

__all__ = ["classify", "classify_text"]

_I = re.IGNORECASE
_APOS = "['\u2019]"
_HEAD = 6000

_FOCUSED = re.compile(r"focused visit", _I)
_MONITORING = re.compile(r"monitoring visit", _I)
_JTAI = re.compile(r"joint targeted area inspection|joint inspection of the multi-agency", _I)
_JAR = re.compile(
    r"joint area review|inspection of progress made in the provision of safeguarding", _I
)
_LETTER = re.compile(r"this letter summarises|dear (mr|mrs|ms|miss|dr)\b", _I)
_DIRECTION = re.compile(r"\bdirection (issued )?(to|under)\b|statutory direction|hereby direct", _I)
_NOTICE = re.compile(r"improvement notice", _I)
_SIF = re.compile(
    r"children in need of help and\s+protection,?\s+children looked\s+after\s+and\s+care\s+leavers",
    _I,
)
_PRESIF = re.compile(
    r"inspection of (safeguarding and )?looked after children|looked after children services|safeguarding and looked after children services",
    _I,
)
_LSCB_ONLY = re.compile(
    r"(review|inspection) of the effectiveness of the local safeguarding children\s+board", _I
)
_ILACS = re.compile(
    rf"children{_APOS}s social care services|children{_APOS}s services\s+inspection dates|local authority children{_APOS}s\s+(social care )?services|inspection of .{{0,120}}children{_APOS}s services",
    _I,
)
_OVERALL = re.compile(r"overall\s+effectiveness", _I)
_CIC_AND_CL = re.compile(r"children in care and\s+care leavers", _I)
_CARE_LEAVERS_ROW = re.compile(r"progress of\s+(children\s+)?care\s+leavers", _I)
_MINUTES = re.compile(
    r"\bminutes of\b|\bagenda item\b|^\s*(resolved|recommended)\s*[-:\u2013]", _I | re.M
)
_OFFICIAL_OPENING = re.compile(
    r"\s*(\S[^\n]{0,120}\n+)?\s*(re-?inspection of|inspection of|joint targeted area inspection|"
    r"joint area review|focused visit to|monitoring visit to|review of)\b",
    _I,
)
_OFSTED = re.compile(r"\bofsted\b", _I)


def classify_text(
    text: str, *, media_type: str = "application/pdf"
) -> tuple[DocumentKind, Framework]:
    """Kind and framework of a document from its canonical text.

    >>> classify_text("Focused visit to Anytown children's services. This letter summarises the findings of a focused visit")
    (<DocumentKind.FOCUSED_VISIT: 'focused_visit'>, <Framework.NONE: 'none'>)
    """
    head = text[:_HEAD]
    opening = head[:1500]
    if media_type != "application/pdf":
        if _DIRECTION.search(opening) and re.search(
            r"secretary of state|department for education", head, _I
        ):
            return DocumentKind.DFE_DIRECTION, Framework.NONE
        if _NOTICE.search(opening) and re.search(
            r"secretary of state|department for education|minister", head, _I
        ):
            return DocumentKind.DFE_IMPROVEMENT_NOTICE, Framework.NONE
        # A page or text file is an Ofsted document only if it opens like one; news
        # articles mention "children's social care services" in their first lines too.
        official = bool(_OFFICIAL_OPENING.match(head)) and any(
            p.search(head[:300])
            for p in (_JTAI, _JAR, _SIF, _PRESIF, _ILACS, _FOCUSED, _MONITORING)
        )
        if not official and not _LETTER.search(head):
            if _MINUTES.search(head[:3000]):
                return DocumentKind.COUNCIL_MINUTES, Framework.NONE
            return (
                DocumentKind.NEWS if _OFSTED.search(text) else DocumentKind.OTHER
            ), Framework.NONE
    title = head[:400]
    if _SIF.search(title):
        return DocumentKind.FULL_INSPECTION, Framework.SIF
    if _PRESIF.search(title):
        return DocumentKind.FULL_INSPECTION, Framework.PRE_SIF_2013
    table = _judgement_table(head)
    if table is not None and (
        _ILACS.search(head[:1500]) or re.search(r"\binspection of\b", title, _I)
    ):
        return DocumentKind.FULL_INSPECTION, _ilacs_framework(table)
    if _JTAI.search(head[:1500]):
        return DocumentKind.JTAI, Framework.NONE
    if _JAR.search(title):
        return DocumentKind.JOINT_AREA_REVIEW, Framework.NONE
    letter = head[:3000]
    if _FOCUSED.search(letter) and (_LETTER.search(letter) or _FOCUSED.search(title)):
        return DocumentKind.FOCUSED_VISIT, Framework.NONE
    if _MONITORING.search(letter) and (_LETTER.search(letter) or _MONITORING.search(title)):
        return DocumentKind.MONITORING_VISIT, Framework.NONE
    if _LSCB_ONLY.search(title):
        return DocumentKind.LSCB_REVIEW, Framework.NONE
    if _ILACS.search(title):
        return DocumentKind.FULL_INSPECTION, _ilacs_framework(table or head[:2500])
    if _DIRECTION.search(opening):
        return DocumentKind.DFE_DIRECTION, Framework.NONE
    if _NOTICE.search(opening):
        return DocumentKind.DFE_IMPROVEMENT_NOTICE, Framework.NONE
    return DocumentKind.OTHER, Framework.NONE


def _judgement_table(head: str) -> str | None:
    """The ILACS judgement table: from "Judgement Grade" to the first long paragraph."""
    m = re.search(r"judgements?\s+grade", head[:3000], _I)
    if not m:
        return None
    out = []
    for block in head[m.end() :].split("\n\n"):
        if len(block) > 160:
            break
        out.append(block)
    return "\n\n".join(out)


def _ilacs_framework(table: str) -> Framework:
    if _CIC_AND_CL.search(table):
        return Framework.ILACS_2018
    if _CARE_LEAVERS_ROW.search(table) or re.search(r"care\s+leavers", table, _I):
        return Framework.ILACS_2023 if _OVERALL.search(table) else Framework.ILACS_2026
    return Framework.ILACS_2018


def classify(document: Document) -> tuple[DocumentKind, Framework]:
    """Kind and framework of a parsed document (see the module docstring).

    >>> from ofstedmine import parse
    >>> classify(parse(b"Joint targeted area inspection of Anytown", kind="text"))[0].value
    'jtai'
    """
    return classify_text(document.text, media_type=document.media_type)
