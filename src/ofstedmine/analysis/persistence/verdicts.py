"""A document's verdict on a theme (from its ``raises`` edge), and a theme's status.

The rules are in the docstring of :mod:`ofstedmine.analysis.persistence`.
"""

from __future__ import annotations

from ofstedmine.analysis.persistence._common import _confident

STATUSES = (
    "new",
    "improving_but_still_raised",
    "persistent",
    "recurring",
    "resolved",
    "no_longer_raised",
    "no_longer_mentioned",
    "not_raised",
)


def _concern(d: dict | None) -> bool:
    return bool(d) and d.get("verdict", _legacy_verdict(d)) in ("concern", "both")


def _praise(d: dict | None) -> bool:
    return bool(d) and d.get("verdict", _legacy_verdict(d)) in ("praise", "both")


def _legacy_verdict(d: dict) -> str:
    # a graph written before edges carried verdicts: its counts, by the same rule
    from ofstedmine.analysis.graph import document_verdict

    return document_verdict(d)


def _latest_says(d: dict | None) -> str:
    if not d:
        return "not_mentioned"
    return {"both": "mixed", "concern": "still_a_concern", "praise": "improved"}.get(
        d.get("verdict", _legacy_verdict(d)), "mentioned"
    )


def _balance(d: dict | None) -> float | None:
    """Confident strength minus confident concern findings, over all, from -1 to +1."""
    if not d:
        return None
    good = sum(1 for ev in d.get("evidence", ()) if _confident(ev, ("strength",)))
    bad = sum(1 for ev in d.get("evidence", ()) if _confident(ev, ("concern", "mixed")))
    return (good - bad) / (good + bad) if good + bad else 0.0


def _runs(positions: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for p in positions:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def status_of(verdicts: list[str]) -> str:
    """The status of a theme from its documents' verdicts, in chain order.

    Each verdict is ``concern``, ``praise``, ``both`` or ``absent`` (the theme is
    mentioned without being raised or praised), or ``""`` where the document has
    no finding on the theme. The rules are in the docstring of
    :mod:`ofstedmine.analysis.persistence`.

    >>> status_of(["concern", "concern", "absent", "concern"])
    'persistent'
    >>> status_of(["concern", "", "", "concern"]), status_of(["concern", "praise"])
    ('recurring', 'resolved')
    >>> status_of(["concern", "", "", "both"]), status_of(["concern", ""])
    ('improving_but_still_raised', 'no_longer_mentioned')
    >>> status_of(["", "", "concern"]), status_of(["absent", "praise"])
    ('new', 'not_raised')
    """
    raised = [i for i, v in enumerate(verdicts) if v in ("concern", "both")]
    if not raised:
        return "not_raised"
    latest = verdicts[-1]
    n = len(verdicts)
    if latest in ("concern", "both"):
        if raised == [n - 1]:
            return "new"
        if len(raised) * 2 > n - raised[0]:
            return "persistent"  # LABELLING.md: raised in most documents, and the latest
        if latest == "both":
            return "improving_but_still_raised"
        return "recurring"
    if latest == "praise":
        return "resolved"
    return "no_longer_raised" if latest == "absent" else "no_longer_mentioned"


def _trend(balances: list[float | None]) -> str | None:
    seen = [b for b in balances if b is not None]
    if len(seen) < 2:
        return None
    delta = seen[-1] - seen[0]
    return "better" if delta > 0.25 else "worse" if delta < -0.25 else "steady"
