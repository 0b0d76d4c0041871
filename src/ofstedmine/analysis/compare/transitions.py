"""Grade transitions between consecutive full inspections of the same authority, from
the reports or from the official statistics, and how the two agree.

The framework rules (which areas each framework judges, the area families compared
across frameworks, ILACS 2026 without an overall grade) are set out in the docstring
of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

import ofstedmine.authorities as _registry

from ._common import _RANK, GRADE_ORDER
from .history import _normalise_judgements

__all__ = [
    "AREA_FAMILIES",
    "JUDGED_AREAS",
    "TRANSITION_FRAMEWORKS",
    "grade_transitions",
    "transition_pairs",
    "transitions_agreement",
    "transitions_from_statistics",
]

TRANSITION_FRAMEWORKS = ("sif", "ilacs_2018", "ilacs_2023", "ilacs_2026")

#: The areas each framework judges.
JUDGED_AREAS: dict[str, frozenset[str]] = {
    "pre_sif_2013": frozenset({"pre_sif_overall"}),
    "sif": frozenset({"overall", "help_and_protection", "sif_children_looked_after",
                      "sif_adoption", "sif_care_leavers", "sif_leadership", "lscb"}),
    "ilacs_2018": frozenset({"overall", "impact_of_leaders", "help_and_protection",
                             "in_care_and_care_leavers"}),
    "ilacs_2023": frozenset({"overall", "impact_of_leaders", "help_and_protection",
                             "in_care", "care_leavers"}),
    "ilacs_2026": frozenset({"impact_of_leaders", "help_and_protection", "in_care",
                             "care_leavers"}),
}  # fmt: skip

#: Areas compared across frameworks; the first area a framework judges is its own.
AREA_FAMILIES: dict[str, tuple[str, ...]] = {
    "overall": ("overall", "pre_sif_overall"),
    "impact_of_leaders": ("impact_of_leaders", "sif_leadership"),
    "help_and_protection": ("help_and_protection",),
    "in_care": ("in_care", "in_care_and_care_leavers", "sif_children_looked_after"),
    "care_leavers": ("care_leavers", "in_care_and_care_leavers", "sif_care_leavers"),
    "adoption": ("sif_adoption",),
    "lscb": ("lscb",),
}

PAIR_COLUMNS = [
    "authority", "area", "from_inspection", "to_inspection", "from_date", "to_date",
    "from_framework", "to_framework", "framework_change", "from_area", "to_area",
    "area_changed", "from_grade", "to_grade", "from_rank", "to_rank", "change",
    "comparable", "reason",
]  # fmt: skip


def _inspections(corpus_or_frame: Any, frameworks: Sequence[str]) -> pd.DataFrame:
    """One row per full inspection: authority, inspection, date, framework, grades."""
    df = _normalise_judgements(corpus_or_frame)
    df = df[(df["kind"] == "full_inspection") & df["framework"].isin(frameworks)
            & df["authority"].notna()]  # fmt: skip
    rows = []
    for (auth, insp), g in df.groupby(["authority", "inspection"], sort=False):
        found = g[g["status"] == "found"]
        rows.append({
            "authority": auth, "inspection": insp, "date": g["date"].iloc[0],
            "framework": g["framework"].iloc[0],
            "grades": dict(zip(found["area"], found["grade"], strict=True)),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=["authority", "inspection", "date", "framework", "grades"])
    out = out.sort_values(["authority", "date", "inspection"], kind="stable").reset_index(drop=True)
    # A re-issued report of the same inspection (same framework, within 60 days) is one
    # inspection: keep the later issue.
    later = out.groupby("authority")["date"].shift(-1)
    same_next = (later - out["date"]).dt.days.le(60) & out["framework"].eq(
        out.groupby("authority")["framework"].shift(-1)
    )
    return out[~same_next].reset_index(drop=True)


def _area_for(framework: str, family: str) -> str | None:
    judged = JUDGED_AREAS.get(framework, frozenset())
    return next((a for a in AREA_FAMILIES[family] if a in judged), None)


def _grade_in(grades: dict[str, str], framework: str, family: str) -> tuple[str | None, str | None]:
    own = _area_for(framework, family)
    if own and grades.get(own):
        return own, grades[own]
    for area in AREA_FAMILIES[family]:  # read under another area of the family
        if grades.get(area):
            return area, grades[area]
    return own, None


def transition_pairs(
    corpus_or_frame: Any,
    *,
    frameworks: Sequence[str] = TRANSITION_FRAMEWORKS,
    areas: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Consecutive full inspections of each authority, compared area family by family.

    Parameters
    ----------
    corpus_or_frame
        As :func:`judgement_history`.
    frameworks
        The frameworks whose inspections take part (add ``"pre_sif_2013"`` to reach
        back before 2013).
    areas
        Area families (keys of :data:`AREA_FAMILIES`); all by default.

    Returns
    -------
    pandas.DataFrame
        One row per pair and family judged on at least one side: ``authority``,
        ``area`` (the family), ``from_/to_inspection``, ``from_/to_date``,
        ``from_/to_framework``, ``framework_change``, ``from_/to_area`` (the area each
        framework grades), ``area_changed``, ``from_/to_grade``, ``from_/to_rank``,
        ``change`` (``improved``/``declined``/``unchanged`` or None), ``comparable``
        (both grades present) and ``reason`` (why not, else None).
    """
    families = list(AREA_FAMILIES) if areas is None else list(areas)
    unknown = set(families) - set(AREA_FAMILIES)
    if unknown:
        raise ValueError(f"unknown area families {sorted(unknown)}; use {sorted(AREA_FAMILIES)}")
    insp = _inspections(corpus_or_frame, frameworks)
    rows = []
    for auth, g in insp.groupby("authority", sort=True):
        records = g.to_dict("records")
        for prev, cur in zip(records, records[1:]):
            for family in families:
                judged_prev = _area_for(prev["framework"], family)
                judged_cur = _area_for(cur["framework"], family)
                if not judged_prev and not judged_cur:
                    continue
                from_area, from_grade = _grade_in(prev["grades"], prev["framework"], family)
                to_area, to_grade = _grade_in(cur["grades"], cur["framework"], family)
                reason = None
                if not judged_prev or not judged_cur:
                    fw = prev["framework"] if not judged_prev else cur["framework"]
                    reason = f"{family} not judged under {fw}"
                elif from_grade is None or to_grade is None:
                    side = "earlier" if from_grade is None else "later"
                    reason = f"no {family} grade read in the {side} inspection"
                comparable = reason is None and from_grade is not None and to_grade is not None
                fr, tr = _RANK.get(from_grade), _RANK.get(to_grade)
                change = None
                if comparable:
                    change = "improved" if tr > fr else "declined" if tr < fr else "unchanged"
                rows.append({
                    "authority": auth, "area": family,
                    "from_inspection": prev["inspection"], "to_inspection": cur["inspection"],
                    "from_date": prev["date"], "to_date": cur["date"],
                    "from_framework": prev["framework"], "to_framework": cur["framework"],
                    "framework_change": "none" if prev["framework"] == cur["framework"]
                    else f"{prev['framework']}_to_{cur['framework']}",
                    "from_area": from_area, "to_area": to_area,
                    "area_changed": bool(from_area and to_area and from_area != to_area),
                    "from_grade": from_grade, "to_grade": to_grade,
                    "from_rank": fr, "to_rank": tr, "change": change,
                    "comparable": comparable, "reason": reason,
                })  # fmt: skip
    df = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    for column in ("from_rank", "to_rank"):
        df[column] = df[column].astype("Int64")
    df["comparable"] = df["comparable"].astype(bool)
    return df


def grade_transitions(
    corpus_or_frame: Any,
    *,
    area: str = "overall",
    frameworks: Sequence[str] = TRANSITION_FRAMEWORKS,
    by_framework_change: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How grades moved between consecutive full inspections of the same authority.

    See the :mod:`ofstedmine.analysis.compare` docstring for the framework rules (ILACS
    2026 has no overall grade: its pairs are left out of ``area="overall"`` and counted
    under the areas).

    Parameters
    ----------
    corpus_or_frame
        As :func:`judgement_history`.
    area
        An area family (:data:`AREA_FAMILIES`) or ``"all"``.
    frameworks
        As :func:`transition_pairs`.
    by_framework_change
        Count separately for each ``framework_change`` (``"none"``, ``"sif_to_ilacs_2018"``,
        ...).

    Returns
    -------
    counts : pandas.DataFrame
        ``area``, [``framework_change``], ``from_grade``, ``to_grade``, ``change``,
        ``n``: comparable pairs only. ``counts.attrs["excluded"]`` maps each reason a
        pair was left out to how many; ``counts.attrs["n_pairs"]`` is the number of
        pairs considered.
    matrix : pandas.DataFrame
        From-grade (rows) by to-grade (columns) counts, worst to best; with
        ``area="all"`` the rows are (area, from_grade).

    Examples
    --------
    >>> stats = pd.DataFrame({"authority": ["bradford"] * 3, "inspection_id": ["a", "b", "c"],
    ...     "framework": ["sif", "ilacs_2018", "ilacs_2023"], "area": ["overall"] * 3,
    ...     "grade": ["requires_improvement", "inadequate", "inadequate"],
    ...     "published": pd.to_datetime(["2014-05-23", "2018-10-29", "2023-01-31"]),
    ...     "inspection_start": pd.NaT})
    >>> counts, matrix = grade_transitions(stats)
    >>> counts[["framework_change", "from_grade", "to_grade", "n"]].values.tolist()
    [['ilacs_2018_to_ilacs_2023', 'inadequate', 'inadequate', 1], ['sif_to_ilacs_2018', 'requires_improvement', 'inadequate', 1]]
    >>> int(matrix.loc["requires_improvement", "inadequate"])
    1
    """
    families = None if area == "all" else [area]
    pairs = transition_pairs(corpus_or_frame, frameworks=frameworks, areas=families)
    comparable = pairs[pairs["comparable"]]
    keys = ["area", *(["framework_change"] if by_framework_change else []), "from_grade",
            "to_grade", "change"]  # fmt: skip
    counts = comparable.groupby(keys, dropna=False).size().rename("n").reset_index()
    counts = counts.sort_values(keys, kind="stable").reset_index(drop=True)
    counts.attrs["excluded"] = pairs.loc[~pairs["comparable"], "reason"].value_counts().to_dict()
    counts.attrs["n_pairs"] = len(pairs)
    present = set(comparable["from_grade"]) | set(comparable["to_grade"])
    grades = [g for g in GRADE_ORDER if g != "adequate" or g in present]
    if area == "all":
        matrix = pd.crosstab([comparable["area"], comparable["from_grade"]], comparable["to_grade"])
        matrix = matrix.reindex(columns=grades, fill_value=0)
    else:
        matrix = pd.crosstab(comparable["from_grade"], comparable["to_grade"])
        matrix = matrix.reindex(index=grades, columns=grades, fill_value=0)
    matrix.index.name = "from_grade" if area != "all" else matrix.index.name
    matrix.columns.name = "to_grade"
    return counts, matrix.astype(int)


def transitions_from_statistics(
    stats: pd.DataFrame,
    *,
    area: str = "overall",
    current_only: bool = True,
    **options: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`grade_transitions` computed from Ofsted's official statistics.

    Parameters
    ----------
    stats
        The frame of :func:`ofstedmine.sources.statistics.read_judgements`.
    area
        As :func:`grade_transitions`.
    current_only
        Keep the authorities that exist today (as the corpus does); False keeps the
        former ones too (old Dorset, Northamptonshire, Cumbria, ...).
    **options
        Passed to :func:`grade_transitions`.
    """
    if current_only:
        current = {a.id for a in _registry.all_authorities(current_only=True)}
        stats = stats[stats["authority"].isin(current)]
        if "authority_status" in stats:
            stats = stats[stats["authority_status"].fillna("current") == "current"]
    return grade_transitions(stats, area=area, **options)


def transitions_agreement(
    corpus_or_frame: Any,
    stats: pd.DataFrame,
    *,
    area: str = "overall",
    tolerance_days: int = 45,
) -> pd.DataFrame:
    """Pair by pair: the transitions read from reports beside the official statistics.

    An inspection in the corpus matches an inspection in the statistics of the same
    authority and framework family (SIF or ILACS) when their dates (publication, or
    fieldwork start) are within ``tolerance_days``. A corpus pair is *in both* when
    its two inspections match two consecutive inspections of the statistics.

    Returns
    -------
    pandas.DataFrame
        The corpus pairs of :func:`transition_pairs` for ``area`` (comparable or not),
        with ``stats_from_grade``, ``stats_to_grade``, ``in_statistics`` (both ends
        matched and consecutive there) and ``agree`` (the same two grades, a missing
        grade agreeing with a missing one; NA where not in the statistics).
    """
    ours = transition_pairs(corpus_or_frame, areas=[area])
    theirs = transition_pairs(stats, areas=[area])
    mine = _inspections(corpus_or_frame, TRANSITION_FRAMEWORKS)
    other = _inspections(stats, TRANSITION_FRAMEWORKS)
    match = _match_inspections(mine, other, tolerance_days)
    index = {(r.from_inspection, r.to_inspection): r for r in theirs.itertuples()}
    stats_from, stats_to, inside, agree = [], [], [], []
    for r in ours.itertuples():
        key = (match.get(r.from_inspection), match.get(r.to_inspection))
        t = index.get(key) if None not in key else None
        inside.append(t is not None)
        stats_from.append(t.from_grade if t is not None else None)
        stats_to.append(t.to_grade if t is not None else None)
        if t is None:
            agree.append(pd.NA)
        else:
            agree.append(_same(r.from_grade, t.from_grade) and _same(r.to_grade, t.to_grade))
    ours = ours.assign(stats_from_grade=stats_from, stats_to_grade=stats_to,
                       in_statistics=inside, agree=pd.array(agree, dtype="boolean"))  # fmt: skip
    return ours


def _same(a: Any, b: Any) -> bool:
    """Equal grades, counting two missing grades as equal."""
    return (pd.isna(a) and pd.isna(b)) or a == b


def _family(framework: str) -> str:
    return "ilacs" if framework.startswith("ilacs") else framework


def _match_inspections(mine: pd.DataFrame, other: pd.DataFrame, tolerance: int) -> dict[str, str]:
    out: dict[str, str] = {}
    by_auth = {a: g for a, g in other.groupby("authority")}
    for r in mine.itertuples():
        g = by_auth.get(r.authority)
        if g is None or pd.isna(r.date):
            continue
        g = g[g["framework"].map(_family) == _family(r.framework)]
        if g.empty:
            continue
        gap = (g["date"] - r.date).abs().dt.days
        best = gap.idxmin()
        if gap[best] <= tolerance:
            out[r.inspection] = g.at[best, "inspection"]
    return out
