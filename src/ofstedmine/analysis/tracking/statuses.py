"""A later finding's verdict on a recommendation, and the statuses it decides.

See the package docstring (:mod:`ofstedmine.analysis.tracking`, "Status").
"""

from __future__ import annotations

import re
from typing import Any

from ofstedmine.analysis.graph import reports_improvement

__all__ = ["TRACKING_STATUSES", "reports_progress"]

TRACKING_STATUSES = (
    "addressed",
    "partly_addressed",
    "still_raised",
    "mentioned",
    "no_evidence_found",
    "no_later_document",
)


def _verdict(polarity: str, improved: bool, names_aspect: bool = True) -> str | None:
    """A finding's verdict on the recommendation it is evidence for.

    >>> [_verdict(p, False) for p in ("strength", "concern", "mixed", "neutral")]
    ['addressed', 'still_raised', 'still_raised', None]
    >>> _verdict("mixed", True), _verdict("neutral", True), _verdict("concern", True)
    ('partly_addressed', 'addressed', 'partly_addressed')
    >>> _verdict("strength", True, names_aspect=False) is None  # praise of a nearby aspect
    True
    """
    if polarity in ("mixed", "concern"):
        return "partly_addressed" if improved else "still_raised"
    if polarity == "strength" or improved:
        return "addressed" if names_aspect else None
    return None


def _item(r: dict[str, Any], f: Any, got: tuple, progress: bool) -> dict[str, Any]:
    score, sim, shared_terms, shared_themes, same_section, shared_aspects, names_lead, cover = got
    polarity = f.polarity.value
    if polarity == "concern":
        improved = progress  # "is stronger, ... but remains": a shortfall after progress
    else:
        improved = bool(reports_improvement(f.polarity, f.cues)) or progress
    return {
        "report": r["node"],
        "document_id": r["document"].id,
        "date": r["date"].isoformat() if r["date"] else None,
        "kind": r["kind"],
        "page": f.locator.page,
        "start": f.locator.start,
        "end": f.locator.end,
        "section": tuple(f.locator.section),
        "polarity": polarity,
        "confidence": f.confidence,
        "improved": improved,
        "verdict": _verdict(polarity, improved, names_lead),
        "score": score,
        "similarity": sim,
        "shared_terms": tuple(sorted(shared_terms)),
        "shared_themes": tuple(sorted(shared_themes)),
        "shared_aspects": shared_aspects,
        "aspect_coverage": cover,
        "names_aspect": names_lead,
        "same_section": bool(same_section),
        "quote": f.text,
    }


#: Progress reported in a sentence's own words ("is substantially stronger",
#: "has improved", "some improvement"), whatever its polarity.
_PROGRESS = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:(?:now|also|since|recently|significantly|substantially|"
    r"considerably|markedly|greatly|much|further|steadily|notably|clearly|been)\s+)*"
    r"(?:improved|strengthened|progressed|accelerated)|"
    r"(?:is|are|was|were|has been|have been|has become|have become|is becoming|are becoming)"
    r"\s+(?:now\s+)?(?:(?:substantially|significantly|"
    r"considerably|much|markedly|far|notably|increasingly|noticeably|clearly)\s+)?"
    r"(?:stronger|better|improved|improving|strengthened|more\s+(?:timely|effective|consistent|"
    r"robust|focused|purposeful|regular|thorough|responsive|rigorous|established))|"
    r"improvements?\s+(?:has|have|had)\s+been|"
    r"(?:some|recent|notable|significant|considerable|substantial|good|clear|steady|marked|"
    r"further|demonstrable|sustained|real)\s+(?:improvements?|progress)|"
    r"progress\s+(?:has|have)\s+been\s+made|(?:is|are)\s+improving)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:not|no|little|limited|insufficient|slow|yet to|too early|lack of|without|"
    r"any|minimal)\b(?:\W+\w+){0,2}\W*$",
    re.I,
)


def reports_progress(text: str) -> bool:
    """Whether a sentence reports progress in its own words (un-negated).

    >>> reports_progress("The offer is substantially stronger, yet referrals stay high.")
    True
    >>> reports_progress("Despite some improvements, plans are not reviewed.")
    True
    >>> reports_progress("There has been no significant improvement in plans.")
    False
    >>> reports_progress("Plans have not improved and remain weak.")
    False
    """
    t = text.replace("’", "'")
    return any(not _NEGATION.search(t[: m.start()]) for m in _PROGRESS.finditer(t))
