"""Deduplication: which records of several sheets and releases are one event.

Records are sorted newest release first (:func:`_sorted_records`) and grouped into
:class:`_Cluster` objects by :func:`_cluster_records`; the rule is set out in the
package docstring (:mod:`ofstedmine.sources.statistics`, "Deduplication").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pandas as pd

from .cells import _is_missing
from .workbook import _Workbook

_SHEET_PRIORITY = {"history_long": 3, "history_wide": 2, "latest": 1, "in_year": 0}


def _days(a: pd.Timestamp, b: pd.Timestamp) -> int:
    return abs(int((a - b) / pd.Timedelta(days=1)))


class _Cluster:
    __slots__ = ("group", "loose", "members", "published", "start")

    def __init__(self, rec: dict[str, Any], group: str, *, loose: bool) -> None:
        self.members = [rec]
        self.group = group
        self.loose = loose
        self.published = rec["published"]
        self.start = rec["inspection_start"]

    def add(self, rec: dict[str, Any]) -> None:
        self.members.append(rec)
        if self.published is None:
            self.published = rec["published"]
        if self.start is None:
            self.start = rec["inspection_start"]

    def score(self, rec: dict[str, Any], window: int = 200) -> float | None:
        """How well a record fits (lower is better), or None when it is another event.

        Strict: equal dates (within three days), or a start-only record and a
        publication-only one 0-``window`` days apart. Loose (inspections, which
        are years apart for one authority and framework family): also publication
        dates up to 120 days apart and start dates up to 30 days apart, since
        older releases sometimes misprint a date (days and months swapped).
        """
        pub, start = rec["published"], rec.get("inspection_start")
        if start is not None and self.start is not None:
            ds = _days(start, self.start)
            if ds > (30 if self.loose else 3):
                return None
        else:
            ds = None
        if pub is not None and self.published is not None:
            d = _days(pub, self.published)
            if d <= 3:
                return d
            if ds is not None and ds <= 3:
                return 5
            return 50 + d if self.loose and d <= 120 else None
        if ds is not None:
            return ds if ds <= 3 else 50 + ds
        if start is not None and self.published is not None:
            gap = int((self.published - start) / pd.Timedelta(days=1))
            return 10 + gap if 0 <= gap <= window else None
        if pub is not None and self.start is not None:
            gap = int((pub - self.start) / pd.Timedelta(days=1))
            return 10 + gap if 0 <= gap <= window else None
        return None


def _nan_to_none(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in records:
        for k, v in r.items():
            if not isinstance(v, str) and _is_missing(v):
                r[k] = None
    return records


def _cluster_records(
    records: list[dict[str, Any]],
    groups_of: Any,
    *,
    loose: bool,
) -> list[_Cluster]:
    """Group records (sorted newest first) that describe the same event.

    ``groups_of(rec)`` gives the groups (framework families, visit kinds) a record
    may belong to, the first being its own; a record joins the best-scoring
    cluster of the same authority in any of them, or starts a cluster of its own.
    A former authority that shares a current one's name is matched under the
    shared name, so a release that lists the old Dorset's history under the new
    Dorset does not double it.
    """
    clusters: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    ordered: list[_Cluster] = []
    for rec in records:
        base = rec["key"].removesuffix(" (former)")
        groups = groups_of(rec)
        best: tuple[float, _Cluster] | None = None
        for g in groups:
            for c in clusters[(base, g)]:
                sc = c.score(rec)
                if sc is not None and (best is None or sc < best[0]):
                    best = (sc, c)
        if best is None:
            c = _Cluster(rec, groups[0], loose=loose)
            clusters[(base, groups[0])].append(c)
            ordered.append(c)
        else:
            best[1].add(rec)
    return ordered


def _sorted_records(df: pd.DataFrame, wbs: Sequence[_Workbook]) -> list[dict[str, Any]]:
    rank = {wb.file: i for i, wb in enumerate(wbs)}  # 0 = newest release
    df = df.assign(
        _rank=df["file"].map(rank),
        _prio=df["kind"].map(_SHEET_PRIORITY).fillna(0),
    ).sort_values(["_rank", "_prio", "sheet", "row"], ascending=[True, False, True, True])
    return _nan_to_none(df.to_dict("records"))
