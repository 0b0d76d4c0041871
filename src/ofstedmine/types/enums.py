"""The enums of the records: string enums whose values are the serialised form.

Every enum is a :class:`enum.StrEnum`, so a member equals its value (``Grade.GOOD ==
"good"``), prints as it (``str(Grade.GOOD) == "good"``) and serialises as it.

>>> str(DatePrecision.MONTH), SourceKind("govuk") is SourceKind.GOVUK
('month', True)
"""

from __future__ import annotations

import enum
import re

__all__ = [
    "Area",
    "BlockKind",
    "DatePrecision",
    "DocumentKind",
    "EventKind",
    "FindingPosition",
    "Framework",
    "Grade",
    "JudgementStatus",
    "Polarity",
    "RecommendationList",
    "SourceKind",
]


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


# Printed grade words (the first word of a label) and the words that may follow one.
_LABEL_WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "adequate": "adequate",
    "inadequate": "inadequate",
}
_LABEL_FOLLOWERS = frozenset({"overall", "grade", "judgement"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


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

    @classmethod
    def from_label(cls, text: str) -> Grade | None:
        """The grade a printed label names, or None when it names none.

        The one reader of grade wording, in a report ("Requires improvement to be
        good") or a statistics release ("RI", "Good overall"). Case, punctuation,
        ``&`` and line breaks are ignored; "requires improvement", "require
        improvement" and "RI" (optionally "... to be good") are requires
        improvement; "outstanding", "good", "adequate" and "inadequate" count alone
        or followed by "overall", "grade" or "judgement". Anything else ("Not
        judged", "No full inspection", "-", "Goodish") is None.

        Parameters
        ----------
        text : str
            The label as printed.

        Returns
        -------
        Grade or None

        Examples
        --------
        >>> Grade.from_label("Requires Improvement to be Good")
        <Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>
        >>> Grade.from_label("require\\nimprovement"), Grade.from_label(" inadequate ")
        (<Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>, <Grade.INADEQUATE: 'inadequate'>)
        >>> Grade.from_label("RI"), Grade.from_label("Good overall")
        (<Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>, <Grade.GOOD: 'good'>)
        >>> Grade.from_label("Not judged") is None, Grade.from_label("Goodish") is None
        (True, True)
        """
        s = " ".join(_NOT_ALNUM.sub(" ", str(text).lower().replace("&", " and ")).split())
        if not s:
            return None
        if s in {"ri", "r i"} or s.startswith(
            ("requires improvement", "require improvement", "ri to be good")
        ):
            return cls.REQUIRES_IMPROVEMENT
        words = s.split()
        value = _LABEL_WORDS.get(words[0])
        if value is not None and (len(words) == 1 or words[1] in _LABEL_FOLLOWERS):
            return cls(value)
        return None

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


#: The event each kind of document records (a full inspection is an inspection, ...):
#: one table for the timeline, the theme graph and the attribution of quotes.
EVENT_OF_DOCUMENT: dict[DocumentKind, EventKind] = {
    DocumentKind.FULL_INSPECTION: EventKind.INSPECTION,
    DocumentKind.JOINT_AREA_REVIEW: EventKind.INSPECTION,
    DocumentKind.MONITORING_VISIT: EventKind.MONITORING_VISIT,
    DocumentKind.FOCUSED_VISIT: EventKind.FOCUSED_VISIT,
    DocumentKind.JTAI: EventKind.JTAI,
    DocumentKind.DFE_DIRECTION: EventKind.DFE_DIRECTION,
    DocumentKind.DFE_IMPROVEMENT_NOTICE: EventKind.DFE_IMPROVEMENT_NOTICE,
}


class DatePrecision(_StrEnum):
    """How much of an :class:`~ofstedmine.types.Event` date is known.

    A month-precision date is stored as the first of its month, a year-precision
    date as 1 January.
    """

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class SourceKind(_StrEnum):
    """Where a :class:`~ofstedmine.types.Publication` was listed or found.

    ``Publication.source`` holds a member when the source is one of these, and keeps
    any other text as it is (a manifest's own provenance, such as the name of the
    tool that scraped a file).
    """

    OFSTED = "ofsted"  # Ofsted's provider pages
    GOVUK = "govuk"  # GOV.UK (DfE notices and directions)
    MIRROR = "mirror"  # a local mirror of the shared corpus
    LOCAL = "local"  # files given by path
    NEWS = "news"  # a news article
    SECONDARY = "secondary"  # a secondary source added to a corpus
    MANIFEST = "manifest"  # a manifest row that names no source

    @classmethod
    def coerce(cls, value: str) -> SourceKind | str:
        """The member whose value is ``value``, or ``value`` itself when none is.

        >>> SourceKind.coerce("ofsted"), SourceKind.coerce("JT-39/ofsted-ilacs-scrape-tool")
        (<SourceKind.OFSTED: 'ofsted'>, 'JT-39/ofsted-ilacs-scrape-tool')
        """
        member = cls._value2member_map_.get(value) if isinstance(value, str) else None
        return member if member is not None else value  # type: ignore[return-value]
