"""Frozen records and enums that flow between the stages.

Every record is a frozen dataclass with ``to_dict()`` / ``from_dict()`` that
round-trip through JSON: enums become their string values, dates ISO strings,
tuples lists. Pages are 1-based; character spans index ``Document.text``.

The enums are in :mod:`~ofstedmine.types.enums`, the records in
:mod:`~ofstedmine.types.records` and the serialisation they share in
:mod:`~ofstedmine.types._serialise`; every name is importable from here.

>>> loc = Locator(document_id="ab" * 32, page=3, start=10, end=42, section=("Summary",))
>>> Locator.from_dict(loc.to_dict()) == loc
True
"""

from __future__ import annotations

from ._serialise import _checked as _checked
from ._serialise import _dump as _dump
from ._serialise import _field_loaders as _field_loaders
from ._serialise import _hints_of as _hints_of
from ._serialise import _identity as _identity
from ._serialise import _load as _load
from ._serialise import _loader as _loader
from ._serialise import _Record as _Record
from .enums import EVENT_OF_DOCUMENT as EVENT_OF_DOCUMENT
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
from .enums import _StrEnum as _StrEnum
from .records import EVIDENCE_THRESHOLD as EVIDENCE_THRESHOLD
from .records import TIMELINE_COLUMNS as TIMELINE_COLUMNS
from .records import BBox as BBox
from .records import (
    Block,
    Document,
    Event,
    Extraction,
    Finding,
    Judgement,
    Locator,
    Metadata,
    Page,
    Publication,
    Recommendation,
    Section,
)

__all__ = [
    "Area",
    "Block",
    "BlockKind",
    "DatePrecision",
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
    "SourceKind",
]
