"""Frozen records and enums that flow between the stages.

Every record is a frozen dataclass with ``to_dict()`` / ``from_dict()`` that
round-trip through JSON: enums become their string values, dates ISO strings,
tuples lists. Pages are 1-based; character spans index ``Document.text``.

>>> loc = Locator(document_id="ab" * 32, page=3, start=10, end=42, section=("Summary",))
>>> Locator.from_dict(loc.to_dict()) == loc
True
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import enum
import functools
import types as _pytypes
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar

__all__ = [
    "Area",
    "Block",
    "BlockKind",
    "Document",
    "DocumentKind",
    "Event",
    "EventKind",
    "Extraction",
    "Finding",
    "FindingPosition",
    "Framework",
    "Grade",
    "Judgement",
    "JudgementStatus",
    "Locator",
    "Metadata",
    "Page",
    "Polarity",
    "Publication",
    "Recommendation",
    "RecommendationList",
    "Section",
]


# --------------------------------------------------------------------------- enums


class _StrEnum(enum.StrEnum):
    def __str__(self) -> str:  # "good", not "Grade.GOOD"
        return self.value


class DocumentKind(_StrEnum):
    """What a document is."""

    FULL_INSPECTION = "full_inspection"
    LSCB_REVIEW = "lscb_review"
    MONITORING_VISIT = "monitoring_visit"
    FOCUSED_VISIT = "focused_visit"
    JTAI = "jtai"
    JOINT_AREA_REVIEW = "joint_area_review"
    DFE_DIRECTION = "dfe_direction"
    DFE_IMPROVEMENT_NOTICE = "dfe_improvement_notice"
    NEWS = "news"
    COUNCIL_MINUTES = "council_minutes"
    OTHER = "other"


class Framework(_StrEnum):
    """The inspection framework a document was written under."""

    PRE_SIF_2013 = "pre_sif_2013"
    SIF = "sif"
    ILACS_2018 = "ilacs_2018"
    ILACS_2023 = "ilacs_2023"
    ILACS_2026 = "ilacs_2026"
    NONE = "none"


class Grade(_StrEnum):
    """An Ofsted grade, ordered from worst to best.

    >>> Grade.INADEQUATE < Grade.REQUIRES_IMPROVEMENT < Grade.GOOD < Grade.OUTSTANDING
    True
    """

    INADEQUATE = "inadequate"
    ADEQUATE = "adequate"  # pre-SIF scale only
    REQUIRES_IMPROVEMENT = "requires_improvement"
    GOOD = "good"
    OUTSTANDING = "outstanding"

    @property
    def rank(self) -> int:
        """1 (inadequate) to 4 (outstanding); adequate ranks with requires improvement."""
        return {
            "inadequate": 1,
            "adequate": 2,
            "requires_improvement": 2,
            "good": 3,
            "outstanding": 4,
        }[self.value]

    def _cmp(self, other: object) -> int:
        if not isinstance(other, Grade):
            return NotImplemented  # type: ignore[return-value]
        order = list(Grade)
        return order.index(self) - order.index(other)

    # str defines the rich comparisons, so all four are spelled out here.
    def __lt__(self, other: object) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c < 0

    def __le__(self, other: object) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c <= 0

    def __gt__(self, other: object) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c > 0

    def __ge__(self, other: object) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c >= 0

    __hash__ = str.__hash__


class Area(_StrEnum):
    """A judgement area. Ids are stable across frameworks where the area is the same."""

    OVERALL = "overall"
    IMPACT_OF_LEADERS = "impact_of_leaders"
    HELP_AND_PROTECTION = "help_and_protection"
    IN_CARE_AND_CARE_LEAVERS = "in_care_and_care_leavers"
    IN_CARE = "in_care"
    CARE_LEAVERS = "care_leavers"
    SIF_CHILDREN_LOOKED_AFTER = "sif_children_looked_after"
    SIF_ADOPTION = "sif_adoption"
    SIF_CARE_LEAVERS = "sif_care_leavers"
    SIF_LEADERSHIP = "sif_leadership"
    LSCB = "lscb"
    PRE_SIF_OVERALL = "pre_sif_overall"
    PRE_SIF_CAPACITY_TO_IMPROVE = "pre_sif_capacity_to_improve"
    PRE_SIF_OUTCOMES = "pre_sif_outcomes"
    PRE_SIF_QUALITY_OF_PROVISION = "pre_sif_quality_of_provision"
    PRE_SIF_LEADERSHIP = "pre_sif_leadership"
    PRE_SIF_HEALTH = "pre_sif_health"
    PRE_SIF_SAFETY = "pre_sif_safety"
    PRE_SIF_ENJOYING_AND_ACHIEVING = "pre_sif_enjoying_and_achieving"
    PRE_SIF_POSITIVE_CONTRIBUTION = "pre_sif_positive_contribution"
    PRE_SIF_ECONOMIC_WELLBEING = "pre_sif_economic_wellbeing"
    PRE_SIF_EQUALITY_AND_DIVERSITY = "pre_sif_equality_and_diversity"


class JudgementStatus(_StrEnum):
    FOUND = "found"
    NOT_JUDGED = "not_judged"  # the framework does not judge this area
    NOT_FOUND = "not_found"  # the framework judges it but no grade was read
    AMBIGUOUS = "ambiguous"  # conflicting grades were read


class Polarity(_StrEnum):
    CONCERN = "concern"
    STRENGTH = "strength"
    MIXED = "mixed"
    NEUTRAL = "neutral"


class FindingPosition(_StrEnum):
    """Where a finding stands in its document: how salient it is."""

    SUMMARY = "summary"  # summary, headline, key or main findings, key strengths
    IMPROVEMENT_LIST = "improvement_list"  # an item of what needs to improve / priority actions
    BODY = "body"


class BlockKind(_StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    NUMBERED = "numbered"  # a numbered paragraph ("12. Children ...")
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


class RecommendationList(_StrEnum):
    WHAT_NEEDS_TO_IMPROVE = "what_needs_to_improve"
    AREAS_FOR_IMPROVEMENT = "areas_for_improvement"
    RECOMMENDATIONS = "recommendations"
    PRIORITY_ACTIONS = "priority_actions"


class EventKind(_StrEnum):
    INSPECTION = "inspection"
    MONITORING_VISIT = "monitoring_visit"
    FOCUSED_VISIT = "focused_visit"
    JTAI = "jtai"
    DFE_IMPROVEMENT_NOTICE = "dfe_improvement_notice"
    DFE_DIRECTION = "dfe_direction"
    DFE_ANNOUNCEMENT = "dfe_announcement"
    TRUST_GO_LIVE = "trust_go_live"
    PUBLICATION = "publication"
    OTHER = "other"


# ------------------------------------------------------------------ serialisation


class _Record:
    """Mixin: ``to_dict``/``from_dict`` driven by the dataclass type hints."""

    _hints: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready values."""
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Rebuild a record from :meth:`to_dict` output (unknown keys are ignored)."""
        kwargs = {}
        for name, load in _field_loaders(cls):
            if name in data:
                value = data[name]
                kwargs[name] = None if value is None else load(value)
        return cls(**kwargs)


@functools.cache
def _field_loaders(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = _hints_of(cls)
    return tuple((f.name, _loader(hints[f.name])) for f in dataclasses.fields(cls))


@functools.cache
def _loader(hint: Any):
    """A function that loads one JSON value as ``hint`` (compiled once per hint;
    the same rules as :func:`_load`, which stays the reference)."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _loader(args[0])
            if inner is _identity:
                return tuple
            return lambda v: tuple(None if x is None else inner(x) for x in v)
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint
        if hint is str or hint is int or hint is bool:
            return _checked(hint)
        if issubclass(hint, _Record):
            return lambda v: v if isinstance(v, hint) else hint.from_dict(v)
    return lambda v: _load(hint, v)


def _identity(v: Any) -> Any:
    return v


def _checked(kind: type):
    def load(v: Any) -> Any:
        if type(v) is not kind and not isinstance(v, kind):
            raise TypeError(f"expected {kind.__name__}, got {type(v).__name__}")
        return v

    return load


@functools.cache
def _hints_of(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _dump(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, _pytypes.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        last: Exception | None = None
        for a in args:
            try:
                return _load(a, value)
            except (TypeError, ValueError, KeyError) as exc:
                last = exc
        raise TypeError(f"cannot load {value!r} as {hint}") from last
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        return tuple(_load(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        kt, vt = typing.get_args(hint)
        return {_load(kt, k): _load(vt, v) for k, v in value.items()}
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint(value)
        if hint is dt.datetime:
            return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        if hint is dt.date:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        if issubclass(hint, _Record):
            return value if isinstance(value, hint) else hint.from_dict(value)
        if hint is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, hint):
            raise TypeError(f"expected {hint.__name__}, got {type(value).__name__}")
    return value


# ------------------------------------------------------------------------ records

#: The columns of a timeline frame (``ofstedmine.timeline``): one row per document held
#: or dated event, in time order.
TIMELINE_COLUMNS = (
    "date",
    "date_precision",
    "kind",
    "title",
    "authority",
    "source",
    "text_held",
    "path",
    "url",
    "document_id",
    "themes",
)

#: Findings shown as evidence of their polarity (report, persistence, search labels,
#: feeds) need at least this ``confidence``; see ``docs/accuracy-findings.md``.
EVIDENCE_THRESHOLD = 0.6

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True, slots=True)
class Publication(_Record):
    """Where a document comes from, as a listing shows it.

    ``file_id`` is the last path segment of the file URL (Ofsted's file id).
    """

    url: str | None = None
    source: str = "ofsted"  # ofsted | govuk | mirror | local | news | ...
    authority: str | None = None  # registry id, e.g. "bradford"
    urn: int | None = None
    kind_label: str | None = None  # the type label exactly as listed
    kind: DocumentKind | None = None
    published: dt.date | None = None
    file_id: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Locator(_Record):
    """Where a piece of evidence sits: document, 1-based page, span, section path."""

    document_id: str
    page: int
    start: int
    end: int
    section: tuple[str, ...] = ()
    bbox: BBox | None = None
    url: str | None = None  # source URL with #page=N when known

    @property
    def page_url(self) -> str | None:
        """The source URL pointing at the page (``URL#page=N``), when a URL is known."""
        return f"{self.url.split('#')[0]}#page={self.page}" if self.url else None


@dataclass(frozen=True, slots=True)
class Page(_Record):
    """One page: its 1-based number and its span in the canonical text."""

    number: int
    start: int
    end: int
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True, slots=True)
class Block(_Record):
    """A layout block: heading, paragraph, numbered paragraph, list item or table row.

    ``start``/``end`` index the canonical text; ``number`` is the printed paragraph
    or list number, if any; ``level`` is the heading level (1 = top).
    """

    kind: BlockKind
    start: int
    end: int
    page: int
    number: str | None = None
    level: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True)
class Section(_Record):
    """A heading and the span of text it governs, with its heading path."""

    heading: str
    path: tuple[str, ...]
    level: int
    start: int
    end: int
    page: int


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """A parsed document: one canonical text, with pages, blocks and sections.

    ``id`` is the sha256 of the source bytes. ``blocks`` are in reading order and
    cover the text; ``text[block.start:block.end]`` is a block's text. Running
    headers, footers and page numbers are removed; line wraps and hyphenation
    are joined.
    """

    id: str
    text: str
    pages: tuple[Page, ...]
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    kind: DocumentKind = DocumentKind.OTHER
    framework: Framework = Framework.NONE
    authority: str | None = None
    publication: Publication | None = None
    source_name: str | None = None
    media_type: str = "application/pdf"
    parser_version: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def n_pages(self) -> int:
        return len(self.pages)

    def block_text(self, block: Block) -> str:
        """The text of one block."""
        return self.text[block.start : block.end]

    def page_at(self, offset: int) -> int:
        """The 1-based page holding a character offset."""
        starts = [p.start for p in self.pages]
        i = bisect.bisect_right(starts, offset) - 1
        return self.pages[max(i, 0)].number if self.pages else 1

    def section_at(self, offset: int) -> tuple[str, ...]:
        """The heading path of the innermost section holding a character offset."""
        best: tuple[str, ...] = ()
        for s in self.sections:
            if s.start <= offset < s.end and len(s.path) >= len(best):
                best = s.path
        return best

    def locate(self, start: int, end: int | None = None) -> Locator:
        """A :class:`Locator` for a character span (``end`` defaults to ``start``)."""
        if not 0 <= start <= len(self.text):
            raise IndexError(f"offset {start} outside the document (0..{len(self.text)})")
        end = start if end is None else end
        url = self.publication.url if self.publication else None
        return Locator(self.id, self.page_at(start), start, end, self.section_at(start), None, url)

    def _repr_html_(self) -> str:
        from html import escape

        pub = self.publication.published if self.publication else None
        return (
            f"<b>Document</b> {escape(self.source_name or self.id[:12])}: "
            f"{escape(str(self.kind))}, {escape(str(self.framework))}, "
            f"authority {escape(str(self.authority))}, published {pub}, "
            f"{self.n_pages} pages, {len(self.blocks)} blocks, {len(self.text):,} characters"
        )


@dataclass(frozen=True, slots=True)
class Judgement(_Record):
    """One judgement area's grade, with Ofsted's wording and the evidence."""

    area: Area
    grade: Grade | None
    status: JudgementStatus
    label: str | None = None  # Ofsted's wording, e.g. "Requires improvement to be good"
    locator: Locator | None = None


@dataclass(frozen=True, slots=True)
class Recommendation(_Record):
    """One item of an improvement list, word for word, without its number/bullet."""

    text: str
    list: RecommendationList
    index: int  # 1-based position in its list
    locator: Locator
    themes: tuple[str, ...] = ()
    heading: str | None = None  # the list's heading as printed


@dataclass(frozen=True, slots=True)
class Finding(_Record):
    """One judged sentence (or improvement item): its polarity, themes and place.

    ``confidence`` is the polarity model's probability of ``polarity`` (None where
    only the rules judged, as for secondary sources); ``position`` says whether it
    stands in a summary, an improvement list or the body, and ``leads_paragraph``
    whether it opens its paragraph. ``recommendation`` is the 0-based position in
    ``Extraction.recommendations`` of the item this finding is.
    """

    text: str
    polarity: Polarity
    locator: Locator
    themes: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()  # the hedge/negation/praise cues the rules found
    quoted_from: str | None = None  # for secondary sources: what is quoted, if known
    confidence: float | None = None
    position: FindingPosition = FindingPosition.BODY
    leads_paragraph: bool = False
    recommendation: int | None = None

    @property
    def is_evidence(self) -> bool:
        """Confident enough to be shown as evidence of its polarity."""
        return self.confidence is None or self.confidence >= EVIDENCE_THRESHOLD


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """Something dated, with or without a document."""

    date: dt.date
    kind: EventKind
    authority: str | None
    title: str
    date_precision: str = "day"  # day | month | year
    source: str | None = None  # statistics | events.csv | store | govuk | ...
    source_url: str | None = None
    document_id: str | None = None  # set when the text is held
    themes: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata(_Record):
    """Facts about a document read from its text."""

    authority: str | None = None
    authority_name: str | None = None
    urn: int | None = None
    kind: DocumentKind = DocumentKind.OTHER
    framework: Framework = Framework.NONE
    inspection_start: dt.date | None = None
    inspection_end: dt.date | None = None
    fieldwork: tuple[tuple[dt.date, dt.date], ...] = ()
    letter_date: dt.date | None = None
    published: dt.date | None = None
    lead_inspectors: tuple[str, ...] = ()
    inspectors: tuple[str, ...] = ()
    areas_covered: tuple[str, ...] = ()
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction(_Record):
    """What was extracted from one report of a document."""

    document_id: str
    metadata: Metadata
    judgements: tuple[Judgement, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    findings: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)
    part: int = 1  # which report of the file (a file may hold two)
    span: tuple[int, int] | None = None  # the part's span in Document.text

    def judgement(self, area: Area | str) -> Judgement | None:
        """The judgement for one area, or None if the extraction has none."""
        area = Area(area)
        return next((j for j in self.judgements if j.area is area), None)

    @property
    def overall(self) -> Grade | None:
        j = self.judgement(Area.OVERALL)
        return j.grade if j else None

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(str(j.area))}</td><td>{escape(str(j.grade or ''))}</td>"
            f"<td>{escape(str(j.status))}</td></tr>"
            for j in self.judgements
        )
        m = self.metadata
        return (
            f"<b>Extraction</b> {escape(str(m.authority_name or m.authority))} "
            f"{escape(str(m.kind))} ({escape(str(m.framework))}), "
            f"{m.inspection_start}–{m.inspection_end}; {len(self.findings)} findings, "
            f"{len(self.recommendations)} recommendations"
            f"<table><tr><th>area</th><th>grade</th><th>status</th></tr>{rows}</table>"
        )
