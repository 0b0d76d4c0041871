"""Every framework's judgement areas and grades, with the evidence.

Which areas
-----------
One :class:`~ofstedmine.types.Judgement` per area the report's framework judges,
in the order below, and none of another framework's areas:

============  ================================================================
framework     areas
============  ================================================================
ILACS 2018    overall, impact_of_leaders, help_and_protection,
              in_care_and_care_leavers
ILACS 2023    overall, impact_of_leaders, help_and_protection, in_care,
              care_leavers
ILACS 2026    the same five; overall is always ``not_judged`` (the April 2026
              reform dropped the overall effectiveness grade)
SIF           overall, help_and_protection, sif_children_looked_after,
              sif_adoption, sif_care_leavers, sif_leadership, lscb
pre-SIF 2013  pre_sif_overall, pre_sif_capacity_to_improve, pre_sif_outcomes,
              pre_sif_quality_of_provision, pre_sif_leadership (the looked after
              children services inspections of 2013)
LSCB review   lscb
============  ================================================================

Letters (focused visits, monitoring visits, JTAIs) and other documents carry no
judgements: the list is empty.

How a grade is read
-------------------
A grade is read only where the report states it as a judgement: a block that
*begins* with the area's label (optionally numbered, "2.1 Adoption performance")
and *ends* with the grade, label and grade possibly spread over two or three
blocks when the PDF wraps them ("Requires" / "Improvement"). Between them only a
colon, a dash or a verb ("is", "are", "is that it", "is judged to be") may stand.
This reads the judgement table of the front page, the section headings of the
body ("The experiences and progress of children in care: good") and the
pre-2014 "Grade 4 (inadequate)" lines, and never a sentence of prose such as
"... since the inspection in 2023, when overall effectiveness was judged to be
inadequate", which does not end in the grade.

The SIF overall judgement is a sentence of the front page in several forms: "The
overall judgement is requires improvement", "The overall judgement is that
children's services are inadequate", "Children's services in X require
improvement to be good", "... are good".

The first statement of an area (the front-page table; for the 2013 reports the
section heading) gives the grade and its locator. If another statement of the
same area gives a different grade, the judgement is ``ambiguous`` (the first
grade is kept) and a warning names both. An area the framework judges with no
statement is ``not_found``; "Not judged" printed for an area (the City of
London's adoption performance) is ``not_judged``. The LSCB is ``not_judged``
when the report does not include an LSCB review (SIF re-inspections, and
Hull's 2015 file whose LSCB review is a separate report in the same file).

``label`` is the grade as printed, white space collapsed ("Requires improvement
to be good", "Requires Improvement", "require improvement to be good").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ofstedmine.types import (
    Area,
    BlockKind,
    Document,
    DocumentKind,
    Framework,
    Grade,
    Judgement,
    JudgementStatus,
    Metadata,
)

__all__ = ["AREAS", "extract_judgements", "grade_of"]

_I = re.IGNORECASE
_APOS = "['\u2019]"

#: The areas each framework judges, in report order.
AREAS: dict[Framework, tuple[Area, ...]] = {
    Framework.ILACS_2018: (
        Area.OVERALL,
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.IN_CARE_AND_CARE_LEAVERS,
    ),
    Framework.ILACS_2023: (
        Area.OVERALL,
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.IN_CARE,
        Area.CARE_LEAVERS,
    ),
    Framework.ILACS_2026: (
        Area.OVERALL,
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.IN_CARE,
        Area.CARE_LEAVERS,
    ),
    Framework.SIF: (
        Area.OVERALL,
        Area.HELP_AND_PROTECTION,
        Area.SIF_CHILDREN_LOOKED_AFTER,
        Area.SIF_ADOPTION,
        Area.SIF_CARE_LEAVERS,
        Area.SIF_LEADERSHIP,
        Area.LSCB,
    ),
    Framework.PRE_SIF_2013: (
        Area.PRE_SIF_OVERALL,
        Area.PRE_SIF_CAPACITY_TO_IMPROVE,
        Area.PRE_SIF_OUTCOMES,
        Area.PRE_SIF_QUALITY_OF_PROVISION,
        Area.PRE_SIF_LEADERSHIP,
    ),
}

GRADE = (
    r"(?:requires?\s+improvement\s+to\s+be\s+good|requires?\s+improvement"
    r"|not\s+judged|inadequate|outstanding|adequate|good)"
)
_GRADE_RE = re.compile(rf"^{GRADE}$", _I)


def grade_of(label: str) -> Grade | None:
    """The :class:`Grade` of a printed grade ("Requires Improvement" -> requires_improvement);
    :meth:`Grade.from_label <ofstedmine.types.Grade.from_label>` reads it.

    >>> grade_of("Requires improvement to be good"), grade_of("require improvement"), grade_of("Not judged")
    (<Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>, <Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>, None)
    """
    return Grade.from_label(label)


# A statement: block start, optional paragraph number, label, connector, grade,
# block end (a full stop, a closing bracket, "Grade 4" or a footnote digit may follow).
# (statements are matched only where a block starts: see _hits)
_START = r"(?:\d{1,2}(?:\.\d{1,2})?\.?\s+)?"
_CONNECT = (
    r"\s*(?:[:|\-\u2013\u2014]\s*)?"
    r"(?:(?:is|are)\s+(?:judged\s+(?:to\s+be\s+|as\s+)?|that\s+(?:it|they)\s+(?:is\s+|are\s+)?)?"
    r"|(?:grade\s+\d\s*\(\s*))?"
)
_END = r"(?P<tail>\s*\)?(?:\s*grade\s+\d)?\s*\.?\s*(?:\d{1,2})?)(?=\s*\n\n|\s*$)"

_EXP = r"(?:the\s+)?experiences?\s+and\s+progress\s+of\s+"
_GRADED = r"(?:the\s+graded\s+judge?ments?\s+(?:for|about|on|of)\s+(?:the\s+)?)?"
_LSCB = (
    r"(?:the\s+effectiveness\s+of\s+)?(?:the\s+)?(?:[A-Z][\w&\u2019'\-]*\s+){0,5}?"
    r"(?:local\s+safeguarding\s+children(?:\s+board)?|safeguarding\s+children\s+board)(?:\s*\([^)\n]{1,25}\))?"
    r"|(?:the\s+effectiveness\s+of\s+)?the\s+LSCB"
)

_LABELS: dict[Framework, dict[Area, str]] = {
    Framework.ILACS_2018: {
        Area.OVERALL: r"overall\s+effectiveness",
        Area.IMPACT_OF_LEADERS: r"(?:the\s+)?impact\s+of\s+leaders\s+on\s+social\s+work\s+practice(?:\s+with\s+children\s+and\s+families)?",
        Area.HELP_AND_PROTECTION: _EXP + r"children\s+who\s+need\s+help\s+and\s+protection",
        Area.IN_CARE_AND_CARE_LEAVERS: _EXP + r"children\s+in\s+care\s+and\s+care\s+leavers",
    },
    Framework.SIF: {
        Area.HELP_AND_PROTECTION: r"(?:the\s+experiences\s+and\s+progress\s+of\s+)?children\s+who\s+need\s+help\s+and\s+protection",
        Area.SIF_CHILDREN_LOOKED_AFTER: r"(?:the\s+experiences\s+and\s+progress\s+of\s+)?children\s+looked\s+after\s+and\s+achieving\s+permanence",
        Area.SIF_ADOPTION: _GRADED + r"adoption\s+performance",
        Area.SIF_CARE_LEAVERS: _GRADED
        + r"(?:the\s+)?experiences?\s+and\s+progress\s+of\s+care\s+leavers",
        Area.SIF_LEADERSHIP: r"leadership,?\s+management\s+and\s+governance",
        Area.LSCB: _LSCB,
    },
    Framework.PRE_SIF_2013: {
        Area.PRE_SIF_OVERALL: r"overall\s+effectiveness(?:\s+of\s+services\s+for\s+looked\s+after\s+children(?:\s+and\s+young\s+people)?)?",
        Area.PRE_SIF_CAPACITY_TO_IMPROVE: r"capacity\s+to\s+improve",
        Area.PRE_SIF_OUTCOMES: r"outcomes\s+for\s+looked\s+after\s+children(?:\s+and\s+young\s+people)?",
        Area.PRE_SIF_QUALITY_OF_PROVISION: r"quality\s+of\s+provision",
        Area.PRE_SIF_LEADERSHIP: r"leadership\s+and\s+management",
    },
}
_ILACS_NEW = {
    Area.OVERALL: r"overall\s+effectiveness",
    Area.IMPACT_OF_LEADERS: _LABELS[Framework.ILACS_2018][Area.IMPACT_OF_LEADERS],
    Area.HELP_AND_PROTECTION: _LABELS[Framework.ILACS_2018][Area.HELP_AND_PROTECTION],
    Area.IN_CARE: _EXP + r"children\s+in\s+care",
    # "children care leavers" is a misprint of Bradford's 2026 report
    Area.CARE_LEAVERS: _EXP + r"(?:children\s+)?care\s+leavers",
}
_LABELS[Framework.ILACS_2023] = _ILACS_NEW
_LABELS[Framework.ILACS_2026] = dict(_ILACS_NEW)

_SIF_OVERALL = re.compile(
    _START + rf"(?:the\s+overall\s+judge?ment\s+is\s+(?:that\s+)?"
    rf"(?:(?:the\s+)?children{_APOS}s\s+services?(?:\s+(?:in|for|provided\s+by|of)\s+[^.\n]{{1,100}}?)?\s+)?"
    rf"|children{_APOS}s\s+services?(?:\s+(?:in|for|provided\s+by|of)\s+[^.\n]{{1,100}}?)?\s+)"
    rf"(?:are\s+|is\s+)?(?P<grade>{GRADE})" + _END,
    _I,
)

_STATEMENTS: dict[tuple[Framework, Area], re.Pattern[str]] = {}
_TABLE_ROWS: dict[tuple[Framework, Area], re.Pattern[str]] = {}

# The front page ends at the first of these headings (or 5,000 characters in).
_FRONT_END = re.compile(
    r"\n\n(?:contents|executive summary|summary of (?:key )?findings|what needs to improve|"
    r"\d\s+ofsted produces this report|the local authority\n)",
    _I,
)


def _table_row(framework: Framework, area: Area) -> re.Pattern[str]:
    """A label and its grade anywhere on the front page: the fallback for a
    judgement table whose rows the PDF layout ran together into one block."""
    key = (framework, area)
    pat = _TABLE_ROWS.get(key)
    if pat is None:
        label = _LABELS[framework][area]
        pat = re.compile(
            rf"(?<![\w-])(?P<label>{label}){_CONNECT}(?P<grade>{GRADE})(?![\w-])(?!\s+(?:to\s+be|and|or|because|if|in|at|for|with|that)\b)",
            _I,
        )
        _TABLE_ROWS[key] = pat
    return pat


def _front(text: str) -> str:
    m = _FRONT_END.search(text, 150)
    end = m.start() if m else len(text)
    return text[: min(end, 5000)]


def _statement(framework: Framework, area: Area) -> re.Pattern[str]:
    key = (framework, area)
    pat = _STATEMENTS.get(key)
    if pat is None:
        label = _LABELS[framework][area]
        pat = re.compile(
            _START + rf"(?P<label>{label}){_CONNECT}(?P<grade>{GRADE})" + _END,
            _I,
        )
        _STATEMENTS[key] = pat
    return pat


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # of the grade, in the part's text
    end: int
    label: str
    grade: Grade | None  # None for "Not judged"


def _block_starts(text: str) -> list[int]:
    """Where the blocks of a part's text begin (blocks are joined by a blank line)."""
    starts = [0]
    i = text.find("\n\n")
    while i >= 0:
        starts.append(i + 2)
        i = text.find("\n\n", i + 2)
    return starts


def _hits(
    pattern: re.Pattern[str], text: str, quoted: _Quoted, starts: list[int] | None = None
) -> list[_Hit]:
    """Statements of ``pattern``: matched at block starts when ``starts`` is given
    (the pattern is anchored there anyway; trying only those positions is fast),
    else searched anywhere."""
    if starts is None:
        found = list(pattern.finditer(text))
    else:
        found = [m for m in (pattern.match(text, i) for i in starts) if m]
    out = []
    for m in found:
        if quoted(m.start()):
            continue
        label = re.sub(r"\s+", " ", m.group("grade")).strip()
        out.append(_Hit(m.start("grade"), m.end("grade"), label, grade_of(label)))
    return out


# A list of an earlier inspection's grades ("Previous Ofsted inspections ... The
# judgements for the local authority were: - Overall effectiveness: Inadequate")
_QUOTING = re.compile(
    r"previous|previously|last\s+inspection|earlier\s+inspection|judgements?\s+(?:for|of|about)\s+the\s+"
    r"(?:local\s+authority|lscb)\s+(?:were|was)|(?:was|were)\s+judged",
    _I,
)


_GRADED_LINE = re.compile(rf"\b{GRADE}\W{{0,3}}$", _I)


class _Quoted:
    """Tells whether a statement quotes an earlier inspection's grades: the
    heading above it, or a lead-in line ending in a colon between that heading
    and it, speaks of a previous or last inspection."""

    def __init__(self, document: Document, offset: int, end: int) -> None:
        self.document = document
        self.offset = offset
        self.starts = [blk.start for blk in document.blocks]
        self.first = bisect.bisect_left(self.starts, offset)
        self.end = end

    def __call__(self, pos: int) -> bool:
        blocks = self.document.blocks
        if not blocks:
            return False
        i = bisect.bisect_right(self.starts, self.offset + pos) - 1
        if i < self.first:
            return False
        text = self.document.text
        own_heading = blocks[i].kind is BlockKind.HEADING
        for j in range(i - 1, max(i - 12, self.first - 1), -1):
            blk = blocks[j]
            s = text[blk.start : blk.end].strip()
            heading = blk.kind is BlockKind.HEADING
            if (heading or s.endswith(":")) and _QUOTING.search(s):
                return True
            if _GRADED_LINE.search(s) and len(s) < 250:
                continue  # another row of the same list
            if heading or own_heading:
                # a section heading stating its own grade is quoted only when
                # the line just above it introduces a list of earlier grades
                return False
        return False


def _areas_for(metadata: Metadata) -> tuple[Framework, tuple[Area, ...]]:
    if metadata.kind is DocumentKind.LSCB_REVIEW:
        return Framework.SIF, (Area.LSCB,)
    if metadata.kind is not DocumentKind.FULL_INSPECTION:
        return metadata.framework, ()
    return metadata.framework, AREAS.get(metadata.framework, ())


_LSCB_REVIEWED = re.compile(
    r"(?:review|inspection)\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+board",
    _I,
)


def extract_judgements(
    document: Document,
    metadata: Metadata,
    *,
    span: tuple[int, int],
    warnings: list[str],
) -> list[Judgement]:
    """The judgements of the report at ``span`` (see the module docstring).

    >>> from ofstedmine import parse
    >>> from ofstedmine.extract.metadata import extract_metadata
    >>> doc = parse(b"Inspection of Anytown local authority children's services\\n\\nJudgement Grade\\n\\n"
    ...             b"The impact of leaders on social work practice with children and families\\n\\nGood\\n\\n"
    ...             b"The experiences and progress of children who need help and protection\\n\\nRequires\\n\\nimprovement to be good\\n\\n"
    ...             b"The experiences and progress of children in care and care leavers\\n\\nGood\\n\\n"
    ...             b"Overall effectiveness Good", kind="text")
    >>> w = []
    >>> meta = extract_metadata(doc, span=(0, len(doc.text)), warnings=w)
    >>> [(j.area.value, j.grade.value) for j in extract_judgements(doc, meta, span=(0, len(doc.text)), warnings=w)]
    [('overall', 'good'), ('impact_of_leaders', 'good'), ('help_and_protection', 'requires_improvement'), ('in_care_and_care_leavers', 'good')]
    """
    framework, areas = _areas_for(metadata)
    if not areas:
        return []
    a, b = span
    text = document.text[a:b]
    quoted = _Quoted(document, a, b)
    starts = _block_starts(text)
    out: list[Judgement] = []
    for area in areas:
        if framework is Framework.ILACS_2026 and area is Area.OVERALL:
            out.append(Judgement(area, None, JudgementStatus.NOT_JUDGED))
            continue
        if framework is Framework.SIF and area is Area.OVERALL:
            hits = _hits(_SIF_OVERALL, text, quoted, starts)
        else:
            hits = _hits(_statement(framework, area), text, quoted, starts)
            if not hits and area in _LABELS.get(framework, {}):
                hits = _hits(_table_row(framework, area), _front(text), quoted)
        if area is Area.LSCB and metadata.kind is DocumentKind.FULL_INSPECTION:
            reviewed = bool(_LSCB_REVIEWED.search(text[:1500]))
            if not hits and not reviewed:
                warnings.append(
                    "lscb: not judged: this report does not include a review of the Local "
                    "Safeguarding Children Board (a re-inspection, or the review was published separately)"
                )
                out.append(Judgement(area, None, JudgementStatus.NOT_JUDGED))
                continue
        out.append(_judge(document, a, area, hits, warnings))
    return out


def _judge(
    document: Document, offset: int, area: Area, hits: list[_Hit], warnings: list[str]
) -> Judgement:
    if not hits:
        warnings.append(f"{area.value}: no grade was found")
        return Judgement(area, None, JudgementStatus.NOT_FOUND)
    first = hits[0]
    locator = document.locate(offset + first.start, offset + first.end)
    if first.grade is None:
        return Judgement(area, None, JudgementStatus.NOT_JUDGED, first.label, locator)
    others = sorted(
        {h.grade.value for h in hits[1:] if h.grade is not None and h.grade is not first.grade}
    )
    if others:
        pages = sorted(
            {document.page_at(offset + h.start) for h in hits if h.grade is not first.grade}
        )
        warnings.append(
            f"{area.value}: conflicting grades: {first.grade.value} (page "
            f"{locator.page}) and {', '.join(others)} (page {', '.join(map(str, pages))})"
        )
        return Judgement(area, first.grade, JudgementStatus.AMBIGUOUS, first.label, locator)
    return Judgement(area, first.grade, JudgementStatus.FOUND, first.label, locator)
