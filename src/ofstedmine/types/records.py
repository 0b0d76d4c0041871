"""The frozen records that flow between the stages.

Every record is a frozen dataclass mixing in :class:`~ofstedmine.types._serialise._Record`,
so it has ``to_dict()`` / ``from_dict()`` that round-trip through JSON. Pages are
1-based; character spans index ``Document.text``.

>>> Event(dt.date(2021, 9, 1), EventKind.DFE_DIRECTION, "bradford", "Direction",
...       date_precision="month").date_precision
<DatePrecision.MONTH: 'month'>
>>> Publication(source="govuk").source, Publication(source="a scraper").source
(<SourceKind.GOVUK: 'govuk'>, 'a scraper')
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from ._serialise import _Record
from .enums import (
    Area,
    BlockKind,
    DatePrecision,
    DocumentKind,
    EventKind,
    FindingPosition,
    Framework,
    Grade,
    JudgementStatus,
    Polarity,
    RecommendationList,
    SourceKind,
)

__all__ = [
    "BBox",
    "Block",
    "Document",
    "EVIDENCE_THRESHOLD",
    "Event",
    "Extraction",
    "Finding",
    "Judgement",
    "Locator",
    "Metadata",
    "Page",
    "Publication",
    "Recommendation",
    "Section",
    "TIMELINE_COLUMNS",
]


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
    # a SourceKind when it is one (ofsted | govuk | mirror | local | news | secondary |
    # manifest), else the text as given (a manifest's provenance); typed str for msgspec
    source: str = SourceKind.OFSTED
    authority: str | None = None  # registry id, e.g. "bradford"
    urn: int | None = None
    kind_label: str | None = None  # the type label exactly as listed
    kind: DocumentKind | None = None
    published: dt.date | None = None
    file_id: str | None = None
    title: str | None = None

    def __post_init__(self) -> None:
        if type(self.source) is not SourceKind:
            object.__setattr__(self, "source", SourceKind.coerce(self.source))


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
    date_precision: DatePrecision = DatePrecision.DAY  # a str is read as DatePrecision
    source: str | None = None  # statistics | events.csv | store | govuk | ...
    source_url: str | None = None
    document_id: str | None = None  # set when the text is held
    themes: tuple[str, ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        if type(self.date_precision) is not DatePrecision:
            object.__setattr__(self, "date_precision", DatePrecision(self.date_precision))


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
