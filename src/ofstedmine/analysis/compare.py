"""Authorities side by side: judgement histories, grade transitions, theme prevalence,
what distinguishes inadequate from good reports, similar authorities, and how well the
text of a report predicts its grade.

Pure functions over a :class:`~ofstedmine.corpus.Corpus` or its tidy frames (and the
official statistics frame of :func:`ofstedmine.sources.statistics.read_judgements`);
no file or network access.

A *report* is one extraction: a file holding two reports counts twice. Its words are
the ``\\w+`` tokens of its text (its part of the file when the file holds several).

Framework changes
-----------------
Grades are compared between *consecutive full inspections* of the same authority
(SIF, ILACS 2018, ILACS 2023 and ILACS 2026; the pre-2013 inspections used another
scale and are left out unless asked for). Areas are compared within families
(:data:`AREA_FAMILIES`): SIF leadership with ILACS "impact of leaders", SIF children
looked after with ILACS children in care, and the 2018 combined "children in care and
care leavers" grade with both the 2023 "children in care" and "care leavers" grades
(``area_changed`` flags these). Every pair carries ``framework_change``
(``"none"`` or e.g. ``"ilacs_2018_to_ilacs_2023"``). ILACS 2026 gives no overall
effectiveness grade: a pair with a 2026 inspection on either side is *not comparable*
for ``overall`` (``reason`` says so) and is left out of the overall counts and matrix;
its four area grades are compared as usual, so ask for
``grade_transitions(..., area="help_and_protection")`` (or ``area="all"``) to see them.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ofstedmine import authorities as _registry
from ofstedmine.types import Area, Finding, Grade

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = [
    "AREA_FAMILIES",
    "CAVEAT",
    "GRADE_WORDS",
    "HISTORY_COLUMNS",
    "JUDGED_AREAS",
    "TRANSITION_FRAMEWORKS",
    "authority_profiles",
    "compare_authorities",
    "distinguishing_themes",
    "grade_prediction_study",
    "grade_transitions",
    "judgement_history",
    "latest_grades",
    "similar_authorities",
    "theme_prevalence",
    "transition_pairs",
    "transitions_agreement",
    "transitions_from_statistics",
]

log = logging.getLogger(__name__)

GRADE_ORDER = [g.value for g in Grade]  # worst to best, "adequate" in second place
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

#: Words that name a grade or the act of grading; removed from text features.
GRADE_WORDS = frozenset({
    "inadequate", "requires", "require", "required", "improvement", "improvements",
    "good", "outstanding", "adequate", "judgement", "judgements", "judgment", "judged",
    "grade", "graded", "grades", "effectiveness",
})  # fmt: skip

HISTORY_COLUMNS = [
    "authority", "authority_name", "region", "inspection", "document_id", "part", "kind",
    "framework", "date", "published", "inspection_start", "sequence", "area", "grade",
    "grade_rank", "status", "label", "page", "source",
]  # fmt: skip

PAIR_COLUMNS = [
    "authority", "area", "from_inspection", "to_inspection", "from_date", "to_date",
    "from_framework", "to_framework", "framework_change", "from_area", "to_area",
    "area_changed", "from_grade", "to_grade", "from_rank", "to_rank", "change",
    "comparable", "reason",
]  # fmt: skip

_WORD = re.compile(r"\w+")
_RANK = {g.value: g.rank for g in Grade}


# ------------------------------------------------------------------ judgement history


def _is_corpus(obj: Any) -> bool:
    return hasattr(obj, "documents") and hasattr(obj, "judgements")


def _normalise_judgements(obj: Any) -> pd.DataFrame:
    """Any judgement source as HISTORY_COLUMNS (sequence left empty)."""
    if _is_corpus(obj):
        df = obj.judgements()
        source = "corpus"
    elif isinstance(obj, pd.DataFrame):
        df = obj
        source = None
    else:
        raise TypeError(f"expected a Corpus or a judgements DataFrame, not {type(obj).__name__}")
    df = df.copy()
    if "inspection" in df and "sequence" in df:  # already a history
        return df.reindex(columns=HISTORY_COLUMNS)
    if "inspection_id" in df:  # the official statistics
        df["inspection"] = df["inspection_id"].astype(str)
        df["document_id"] = None
        df["part"] = pd.NA
        df["kind"] = "full_inspection"
        df["status"] = np.where(df["grade"].notna(), "found", "not_found")
        df["date"] = pd.to_datetime(df["published"]).fillna(pd.to_datetime(df["inspection_start"]))
        df["label"] = df.get("grade_label")
        df["page"] = pd.NA
        source = "statistics"
    elif "document_id" in df:
        df["inspection"] = df["document_id"].astype(str) + ":" + df["part"].astype(str)
        source = source or "corpus"
    else:
        raise ValueError(
            "a judgements frame needs 'document_id' and 'part' (corpus.judgements()) "
            "or 'inspection_id' (sources.statistics.read_judgements())"
        )
    if "grade_rank" not in df:
        df["grade_rank"] = df["grade"].map(_RANK)
    df["source"] = source
    names, regions = {}, {}
    for auth in df["authority"].dropna().unique():
        a = _registry.lookup(str(auth))
        names[auth] = a.name if a else None
        regions[auth] = a.region if a else None
    given = df["authority_name"] if "authority_name" in df else pd.Series(None, index=df.index)
    df["authority_name"] = df["authority"].map(names).fillna(given)
    df["region"] = df["authority"].map(regions)
    df = df.reindex(columns=HISTORY_COLUMNS)
    for column in ("date", "published", "inspection_start"):
        df[column] = pd.to_datetime(df[column])
    df["grade_rank"] = df["grade_rank"].astype("Int64")
    return df


def _with_sequence(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values(["authority", "date", "inspection"], kind="stable", na_position="last")
    first = df.drop_duplicates(["authority", "inspection"])[["authority", "inspection"]].copy()
    first["sequence"] = first.groupby("authority", dropna=False).cumcount() + 1
    df = df.drop(columns="sequence").merge(first, on=["authority", "inspection"], how="left")
    df["sequence"] = df["sequence"].astype("Int64")
    return df.reindex(columns=HISTORY_COLUMNS).reset_index(drop=True)


def judgement_history(corpus_or_frame: Any, *, found_only: bool = True) -> pd.DataFrame:
    """Every authority's judgements in time order, one row per inspection and area.

    Parameters
    ----------
    corpus_or_frame
        A :class:`~ofstedmine.corpus.Corpus`, its ``judgements()`` frame, or the
        official statistics (:func:`ofstedmine.sources.statistics.read_judgements`).
    found_only
        Keep only the areas with a grade read (``status == "found"``); False also
        keeps areas a framework does not judge or a grade that was not read.

    Returns
    -------
    pandas.DataFrame
        :data:`HISTORY_COLUMNS`: ``authority`` (registry id), ``authority_name``,
        ``region`` (from the registry), ``inspection`` (``<document_id>:<part>`` or
        the statistics' ``inspection_id``), ``document_id``, ``part``, ``kind``,
        ``framework``, ``date`` (the corpus order date, the publication date for the
        statistics), ``published``, ``inspection_start``, ``sequence`` (1 for an
        authority's first inspection in the frame), ``area``, ``grade``,
        ``grade_rank`` (1 inadequate .. 4 outstanding), ``status``, ``label``
        (Ofsted's wording), ``page`` of the evidence, ``source`` (``corpus`` or
        ``statistics``). Sorted by authority, date, inspection.

    Examples
    --------
    >>> stats = pd.DataFrame({"authority": ["bradford"] * 2, "inspection_id": ["a", "b"],
    ...     "framework": ["sif", "ilacs_2018"], "area": ["overall"] * 2,
    ...     "grade": ["requires_improvement", "inadequate"],
    ...     "published": pd.to_datetime(["2014-05-23", "2018-10-29"]),
    ...     "inspection_start": pd.NaT})
    >>> judgement_history(stats)[["authority_name", "sequence", "grade"]].values.tolist()
    [['Bradford', 1, 'requires_improvement'], ['Bradford', 2, 'inadequate']]
    """
    df = _normalise_judgements(corpus_or_frame)
    if found_only:
        df = df[df["status"] == "found"]
    return _with_sequence(df)


def latest_grades(corpus_or_frame: Any, *, wide: bool = False) -> pd.DataFrame:
    """Each authority's latest grade in every area it has been judged in.

    The latest grade of an area comes from the most recent inspection that graded
    it, which is not always the authority's latest inspection (an ILACS 2026
    inspection gives no overall grade, so the overall grade shown is the previous
    one): ``from_latest_inspection`` says which.

    Parameters
    ----------
    corpus_or_frame
        As :func:`judgement_history`.
    wide
        Return one row per authority, one column per area (the grade), plus
        ``latest_date``, ``latest_framework`` and ``stale_areas`` (the areas whose
        grade predates the latest inspection).

    Returns
    -------
    pandas.DataFrame
        Long: ``authority``, ``authority_name``, ``region``, ``area``, ``grade``,
        ``grade_rank``, ``date``, ``framework``, ``inspection``,
        ``from_latest_inspection``.

    Examples
    --------
    >>> stats = pd.DataFrame({"authority": ["bradford"] * 3, "inspection_id": ["a", "a", "b"],
    ...     "framework": ["ilacs_2023", "ilacs_2023", "ilacs_2026"],
    ...     "area": ["overall", "in_care", "in_care"],
    ...     "grade": ["inadequate", "inadequate", "good"],
    ...     "published": pd.to_datetime(["2023-01-31", "2023-01-31", "2026-08-01"]),
    ...     "inspection_start": pd.NaT})
    >>> latest_grades(stats)[["area", "grade", "from_latest_inspection"]].values.tolist()
    [['overall', 'inadequate', False], ['in_care', 'good', True]]
    """
    hist = judgement_history(corpus_or_frame)
    hist = hist[hist["grade"].notna() & hist["authority"].notna()]
    last_inspection = hist.groupby("authority")["sequence"].transform("max")
    latest = hist.sort_values(["authority", "area", "sequence"]).drop_duplicates(
        ["authority", "area"], keep="last"
    )
    latest = latest.assign(
        from_latest_inspection=latest["sequence"] == last_inspection[latest.index]
    )
    latest = latest.assign(_order=latest["area"].map(_area_order)).sort_values(
        ["authority", "_order"]
    )
    cols = ["authority", "authority_name", "region", "area", "grade", "grade_rank", "date",
            "framework", "inspection", "from_latest_inspection"]  # fmt: skip
    latest = latest[cols].reset_index(drop=True)
    if not wide:
        return latest
    table = latest.pivot(index="authority", columns="area", values="grade")
    table = table[sorted(table.columns, key=_area_order)]
    newest = (
        hist.sort_values("sequence")
        .drop_duplicates("authority", keep="last")
        .set_index("authority")
    )
    table.insert(0, "latest_framework", newest["framework"])
    table.insert(0, "latest_date", newest["date"])
    stale = latest[~latest["from_latest_inspection"]].groupby("authority")["area"].agg(tuple)
    table["stale_areas"] = stale.reindex(table.index).map(
        lambda v: v if isinstance(v, tuple) else ()
    )
    table.columns.name = None
    return table.reset_index()


def _area_order(area: str) -> int:
    values = [a.value for a in Area]
    return values.index(area) if area in values else len(values)


# ------------------------------------------------------------------------ transitions


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

    See the module docstring for the framework rules (ILACS 2026 has no overall grade:
    its pairs are left out of ``area="overall"`` and counted under the areas).

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


# ------------------------------------------------------------------------ reports


@dataclass(frozen=True, slots=True)
class _Report:
    document_id: str
    part: int
    authority: str | None
    kind: str
    framework: str
    date: Any
    overall: str | None
    n_words: int
    findings: tuple[Finding, ...]
    judgement_spans: tuple[tuple[int, int], ...]


def _reports(corpus: Corpus, kinds: Sequence[str] | None = None) -> list[_Report]:
    out = []
    for doc, exs in corpus:
        date = corpus.date_of(doc)
        for ex in exs:
            m = ex.metadata
            kind = (m.kind or doc.kind).value
            if kinds is not None and kind not in kinds:
                continue
            lo, hi = ex.span if ex.span else (0, len(doc.text))
            out.append(_Report(
                document_id=doc.id, part=ex.part, authority=m.authority or doc.authority,
                kind=kind, framework=(m.framework or doc.framework).value, date=date,
                overall=ex.overall.value if ex.overall else None,
                n_words=len(_WORD.findall(doc.text, lo, hi)), findings=ex.findings,
                judgement_spans=tuple((j.locator.start, j.locator.end)
                                      for j in ex.judgements if j.locator),
            ))  # fmt: skip
    return out


def _polarities(polarity: str | Sequence[str] | None) -> frozenset[str] | None:
    if polarity is None:
        return None
    values = [polarity] if isinstance(polarity, str) else list(polarity)
    return frozenset(str(v) for v in values)


def _keep(f: Finding, polarities: frozenset[str] | None) -> bool:
    return polarities is None or f.polarity.value in polarities


def _group_key(report: _Report, by: str) -> Any:
    if by == "authority":
        return report.authority
    if by == "region":
        a = _registry.lookup(report.authority) if report.authority else None
        return (a.region if a else None) or "unknown"
    if by == "grade":
        return report.overall
    if by == "year":
        return report.date.year if report.date else None
    if by in ("kind", "framework"):
        return getattr(report, by)
    if by == "all":
        return "all"
    raise ValueError(
        f"by must be authority, region, grade, year, kind, framework or all, not {by!r}"
    )


# ----------------------------------------------------------------- theme prevalence


def theme_prevalence(
    corpus: Corpus,
    *,
    by: str = "authority",
    polarity: str | Sequence[str] | None = "concern",
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How often each theme is raised, per group, normalised for length and count.

    Parameters
    ----------
    corpus
        A corpus built with findings.
    by
        ``"authority"``, ``"region"`` (the registry's region), ``"grade"`` (the
        report's own overall grade; reports without one are left out), ``"year"``,
        ``"kind"``, ``"framework"`` or ``"all"``.
    polarity
        Count findings of this polarity (or these polarities); None counts all.
    kinds
        Only reports of these kinds (e.g. ``["full_inspection"]``); all by default.

    Returns
    -------
    pandas.DataFrame
        One row per group and theme (every theme seen in the selection, zeros
        included): ``<by>``, ``theme``, ``n_mentions`` (findings raising it),
        ``n_documents_with_theme``, ``n_documents`` (reports in the group),
        ``n_words`` (words in the group's reports), ``per_10k_words`` (mentions per
        10,000 words) and ``share_of_documents`` (share of the group's reports that
        raise it at least once).
    """
    pols = _polarities(polarity)
    totals: dict[Any, list[int]] = {}
    mentions: Counter = Counter()
    with_theme: Counter = Counter()
    themes: set[str] = set()
    for r in _reports(corpus, kinds):
        key = _group_key(r, by)
        if key is None:
            continue
        t = totals.setdefault(key, [0, 0])
        t[0] += 1
        t[1] += r.n_words
        here = Counter(th for f in r.findings if _keep(f, pols) for th in f.themes)
        for th, n in here.items():
            mentions[key, th] += n
            with_theme[key, th] += 1
        themes |= set(here)
    rows = []
    for key in sorted(totals, key=str):
        n_docs, n_words = totals[key]
        for th in sorted(themes):
            m = mentions[key, th]
            rows.append({
                by: key, "theme": th, "n_mentions": m, "n_documents_with_theme": with_theme[key, th],
                "n_documents": n_docs, "n_words": n_words,
                "per_10k_words": 1e4 * m / n_words if n_words else np.nan,
                "share_of_documents": with_theme[key, th] / n_docs,
            })  # fmt: skip
    columns = [by, "theme", "n_mentions", "n_documents_with_theme", "n_documents", "n_words",
               "per_10k_words", "share_of_documents"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


# -------------------------------------------------------------- distinguishing themes


def _grade_set(value: str | Sequence[str]) -> frozenset[str]:
    values = [value] if isinstance(value, str) else list(value)
    out = frozenset(Grade(str(v)).value for v in values)
    return out


def _phrase_analyzer(ngram_range: tuple[int, int]):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    return CountVectorizer(
        ngram_range=ngram_range,
        lowercase=True,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]+\b",
        stop_words=sorted(ENGLISH_STOP_WORDS | GRADE_WORDS),
    ).build_analyzer()


def distinguishing_themes(
    corpus: Corpus,
    *,
    a: str | Sequence[str] = "inadequate",
    b: str | Sequence[str] = ("good", "outstanding"),
    unit: str = "theme",
    polarity: str | Sequence[str] | None = "concern",
    alpha0: float | None = None,
    min_count: int | None = None,
    n_examples: int = 3,
    ngram_range: tuple[int, int] = (1, 2),
) -> pd.DataFrame:
    """Themes (or phrases) that set reports graded ``a`` apart from reports graded ``b``.

    The score is the weighted log-odds ratio with an informative Dirichlet prior of
    Monroe, Colaresi and Quinn (2008, "Fightin' words", *Political Analysis* 16(4)),
    with the prior taken from the whole corpus (every report, whatever its grade):

    ``delta = log((y_a + α_w) / (n_a + α0 - y_a - α_w)) - log((y_b + α_w) / (n_b + α0 - y_b - α_w))``,
    ``var ≈ 1/(y_a + α_w) + 1/(y_b + α_w)``, ``z = delta / sqrt(var)``,

    where ``y`` counts a unit's mentions, ``n`` all mentions of the group and
    ``α_w = α0 · (background share of the unit)``. A positive ``z`` favours ``a``.
    Mentions cluster within reports, so ``p_value`` is not taken from the mention
    counts: it is a chi-square test (Yates-corrected, 1 d.f.) of how many reports of
    each group raise the unit at all; ``q_value`` is its Benjamini-Hochberg adjustment.

    Parameters
    ----------
    corpus
        A corpus built with findings.
    a, b
        Grades (values of :class:`~ofstedmine.types.Grade`) of the two groups, by
        each report's overall grade.
    unit
        ``"theme"`` (codebook themes of the findings) or ``"phrase"`` (word n-grams
        of the finding sentences, English stop words and :data:`GRADE_WORDS` removed).
    polarity
        Count only findings of this polarity (None: all).
    alpha0
        Prior strength; None uses the background counts themselves (α0 = all
        background mentions), as Monroe et al. do.
    min_count
        Leave out units with fewer mentions in ``a`` and ``b`` together (default 1 for
        themes, 5 for phrases).
    n_examples
        Example sentences per unit, from the group it favours.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``z`` (most ``a``-like first): ``unit``, ``count_a``, ``count_b``,
        ``docs_a``, ``docs_b`` (reports raising it), ``share_a``, ``share_b``,
        ``log_odds``, ``z``, ``p_value``, ``q_value``, ``favours`` (``"a"``/``"b"``)
        and ``examples`` (a tuple of dicts with ``text``, ``document_id``, ``page``,
        ``authority``). ``attrs`` holds ``n_reports_a``, ``n_reports_b``, ``a``, ``b``.
    """
    from scipy.stats import chi2

    if unit not in ("theme", "phrase"):
        raise ValueError(f"unit must be 'theme' or 'phrase', not {unit!r}")
    ga, gb = _grade_set(a), _grade_set(b)
    if ga & gb:
        raise ValueError(f"the groups share grades: {sorted(ga & gb)}")
    pols = _polarities(polarity)
    reports = _reports(corpus)
    if not any(r.findings for r in reports):
        raise ValueError("the corpus has no findings: build it with findings=True")
    analyzer = _phrase_analyzer(ngram_range) if unit == "phrase" else None

    def units_of(f: Finding) -> set[str]:
        return set(f.themes) if analyzer is None else set(analyzer(f.text))

    background: Counter = Counter()
    counts = {"a": Counter(), "b": Counter()}
    docs = {"a": Counter(), "b": Counter()}
    n_reports = {"a": 0, "b": 0}
    examples: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in reports:
        group = "a" if r.overall in ga else "b" if r.overall in gb else None
        seen: set[str] = set()
        for f in r.findings:
            if not _keep(f, pols):
                continue
            found = units_of(f)
            background.update(found)
            if group is None:
                continue
            counts[group].update(found)
            seen |= found
            for u in found:
                ex = examples.setdefault((group, u), [])
                if len(ex) < n_examples:
                    ex.append({"text": f.text, "document_id": f.locator.document_id,
                               "page": f.locator.page, "authority": r.authority})  # fmt: skip
        if group is not None:
            n_reports[group] += 1
            docs[group].update(seen)
    if not n_reports["a"] or not n_reports["b"]:
        raise ValueError(
            f"need reports in both groups; found {n_reports['a']} graded "
            f"{sorted(ga)} and {n_reports['b']} graded {sorted(gb)}"
        )
    threshold = min_count if min_count is not None else (1 if unit == "theme" else 5)
    units = sorted(u for u in set(counts["a"]) | set(counts["b"])
                   if counts["a"][u] + counts["b"][u] >= threshold)  # fmt: skip
    columns = ["unit", "count_a", "count_b", "docs_a", "docs_b", "share_a", "share_b",
               "log_odds", "z", "p_value", "q_value", "favours", "examples"]  # fmt: skip
    if not units:
        return pd.DataFrame(columns=columns)
    ya = np.array([counts["a"][u] for u in units], dtype=float)
    yb = np.array([counts["b"][u] for u in units], dtype=float)
    na, nb = sum(counts["a"].values()), sum(counts["b"].values())
    bg = np.array([background[u] for u in units], dtype=float)
    bg_total = float(sum(background.values()))
    a0 = bg_total if alpha0 is None else float(alpha0)
    aw = a0 * bg / bg_total
    delta = np.log((ya + aw) / (na + a0 - ya - aw)) - np.log((yb + aw) / (nb + a0 - yb - aw))
    z = delta / np.sqrt(1.0 / (ya + aw) + 1.0 / (yb + aw))
    da = np.array([docs["a"][u] for u in units], dtype=float)
    db = np.array([docs["b"][u] for u in units], dtype=float)
    p = _chi2_presence(da, n_reports["a"] - da, db, n_reports["b"] - db, chi2)
    favours = np.where(z >= 0, "a", "b")
    out = pd.DataFrame({
        "unit": units, "count_a": ya.astype(int), "count_b": yb.astype(int),
        "docs_a": da.astype(int), "docs_b": db.astype(int),
        "share_a": da / n_reports["a"], "share_b": db / n_reports["b"],
        "log_odds": delta, "z": z, "p_value": p, "q_value": _bh(p), "favours": favours,
        "examples": [tuple(examples.get((g, u), ())) for g, u in zip(favours, units)],
    })  # fmt: skip
    out = out.sort_values(["z", "unit"], ascending=[False, True]).reset_index(drop=True)
    out.attrs.update({"n_reports_a": n_reports["a"], "n_reports_b": n_reports["b"],
                      "a": sorted(ga), "b": sorted(gb), "unit": unit})  # fmt: skip
    return out


def _chi2_presence(a, b, c, d, chi2) -> np.ndarray:
    """Yates-corrected chi-square p-values of 2x2 tables [[a, b], [c, d]], vectorised."""
    n = a + b + c + d
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    diff = np.maximum(np.abs(a * d - b * c) - n / 2.0, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(margins > 0, n * diff**2 / margins, 0.0)
    return chi2.sf(stat, 1)


def _bh(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values."""
    m = len(p)
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


# ------------------------------------------------------------------ similar authorities


def authority_profiles(
    corpus: Corpus,
    *,
    polarity: str | Sequence[str] | None = "concern",
    measure: str = "per_10k_words",
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Each authority's findings profile: a row of theme rates.

    Parameters
    ----------
    corpus, polarity, kinds
        As :func:`theme_prevalence` (``by="authority"``).
    measure
        ``"per_10k_words"`` (default) or ``"share_of_documents"``.

    Returns
    -------
    pandas.DataFrame
        Index ``authority``, one column per theme, rates as floats (0 where never
        raised); ``attrs["n_documents"]`` maps each authority to its report count.
    """
    prev = theme_prevalence(corpus, by="authority", polarity=polarity, kinds=kinds)
    if measure not in ("per_10k_words", "share_of_documents"):
        raise ValueError(f"measure must be per_10k_words or share_of_documents, not {measure!r}")
    table = prev.pivot(index="authority", columns="theme", values=measure).fillna(0.0)
    table.columns.name = None
    table.attrs["n_documents"] = prev.groupby("authority")["n_documents"].first().to_dict()
    return table


def similar_authorities(
    corpus: Corpus,
    authority: str,
    *,
    n: int = 5,
    polarity: str | Sequence[str] | None = "concern",
    measure: str = "per_10k_words",
    profiles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The authorities whose findings profile is closest to one authority's (cosine).

    Parameters
    ----------
    corpus
        A corpus built with findings.
    authority
        A name, id or URN the registry knows.
    n
        How many to return.
    polarity, measure
        As :func:`authority_profiles`.
    profiles
        Precomputed :func:`authority_profiles` (to compare many authorities cheaply).

    Returns
    -------
    pandas.DataFrame
        ``authority``, ``authority_name``, ``similarity`` (cosine, 0..1),
        ``n_documents`` and ``shared_themes`` (the three themes contributing most to
        the similarity), most similar first.
    """
    from sklearn.metrics.pairwise import cosine_similarity

    target = _registry.get(authority).id
    table = profiles if profiles is not None else authority_profiles(
        corpus, polarity=polarity, measure=measure)  # fmt: skip
    if target not in table.index:
        raise ValueError(f"{target} has no reports in the corpus")
    sims = cosine_similarity(table.loc[[target]].to_numpy(), table.to_numpy())[0]
    norms = np.linalg.norm(table.to_numpy(), axis=1)
    norms[norms == 0] = 1.0
    unit = table.to_numpy() / norms[:, None]
    me = unit[table.index.get_loc(target)]
    rows = []
    for i, auth in enumerate(table.index):
        if auth == target:
            continue
        contrib = me * unit[i]
        top = [table.columns[j] for j in np.argsort(-contrib)[:3] if contrib[j] > 0]
        a = _registry.lookup(auth)
        rows.append({"authority": auth, "authority_name": a.name if a else None,
                     "similarity": float(sims[i]),
                     "n_documents": table.attrs.get("n_documents", {}).get(auth),
                     "shared_themes": tuple(top)})  # fmt: skip
    out = pd.DataFrame(rows, columns=["authority", "authority_name", "similarity", "n_documents",
                                      "shared_themes"])  # fmt: skip
    return (
        out.sort_values(["similarity", "authority"], ascending=[False, True])
        .head(n)
        .reset_index(drop=True)
    )


# --------------------------------------------------------------- grade prediction study

_JUDGEMENT_HEADING = re.compile(r"\bjudge?ments?\b|\bgrades?\b", re.IGNORECASE)
_GRADE_NAMED = re.compile(r"\b(inadequate|requires? improvement|outstanding|good|adequate)\b",
                          re.IGNORECASE)  # fmt: skip
# Ofsted's own descriptor of an inadequate service, which restates the grade.
_GRADE_DESCRIPTOR = re.compile(r"\b(widespread|serious),? (and|or) (serious|widespread)\b",
                               re.IGNORECASE)  # fmt: skip
_GRADING_CUE = re.compile(
    r"\b(judge?ments?|judged|grade[ds]?|effectiveness|rated)\b", re.IGNORECASE
)

CAVEAT = (
    "A few hundred reports from about 150 authorities, split by authority, with four "
    "unevenly used grades (inadequate and outstanding are each about one report in "
    "six, so each test fold holds only a dozen or so of them): the scores move by "
    "several points between folds and splits, and a few points of difference between "
    "two feature sets is within that noise. Judgement sentences and tables, sentences "
    "that name a grade while grading, Ofsted's inadequate descriptor and grade words "
    "are removed, but text still echoes the grade (a report on an inadequate service "
    "says 'poor' and 'weak'): read the result as how far findings track the grade, "
    "not as a model for predicting inspections. Reports of one authority at different "
    "dates are not independent, which is why folds are grouped by authority."
)


def _leaks(f: Finding, report: _Report) -> bool:
    """Whether a finding states or sits in the grading (excluded from features)."""
    loc = f.locator
    if any(s < loc.end and loc.start < e for s, e in report.judgement_spans):
        return True
    if any(_JUDGEMENT_HEADING.search(h) for h in loc.section):
        return True
    if _GRADE_DESCRIPTOR.search(f.text):
        return True
    return bool(_GRADE_NAMED.search(f.text) and _GRADING_CUE.search(f.text))


def grade_prediction_study(
    corpus: Corpus,
    *,
    features: str = "themes",
    n_splits: int = 5,
    C: float = 1.0,
    top: int = 10,
    frameworks: Sequence[str] = ("sif", "ilacs_2018", "ilacs_2023"),
    merge_outstanding: bool = False,
) -> dict[str, Any]:
    """How well the findings of a report predict its overall grade.

    Logistic regression (class-balanced) on each full inspection report's findings,
    cross-validated with :class:`sklearn.model_selection.GroupKFold` grouped by
    authority (no authority is in both training and test folds), beside a baseline
    that always predicts the training folds' most common grade.

    Leakage: findings that overlap a judgement's evidence, sit under a heading about
    judgements or grades, name a grade while grading ("judged to be inadequate") or
    use Ofsted's descriptor of an inadequate service ("widespread or serious
    failures") are dropped, and :data:`GRADE_WORDS` are removed from text features.

    Caveat: the sample is small (a few hundred reports from about 150 authorities;
    inadequate and outstanding are each about one report in six), so the scores vary
    by several points between folds, and words such as "poor" or "weak" still echo
    the grade; see ``result["caveat"]`` and :data:`CAVEAT`.

    Parameters
    ----------
    corpus
        A corpus built with findings.
    features
        ``"themes"``: counts of each (theme, polarity) per 10,000 words, log1p and
        standardised; ``"tfidf"``: TF-IDF of word 1-2-grams of the kept finding
        sentences (fitted inside each fold).
    n_splits
        Folds (at most the number of authorities).
    C
        Inverse regularisation strength.
    top
        Features listed per grade in ``top_features``.
    frameworks
        Frameworks whose reports take part (ILACS 2026 gives no overall grade).
    merge_outstanding
        Count outstanding as good (fewer, fuller classes).

    Returns
    -------
    dict
        ``features``, ``n_reports``, ``n_authorities``, ``class_counts``,
        ``n_splits``, ``accuracy``, ``macro_f1``, ``baseline_accuracy``,
        ``baseline_macro_f1`` (pooled over out-of-fold predictions), ``folds`` (per
        fold scores), ``top_features`` (``grade``, ``feature``, ``coefficient`` from
        a fit on all reports), ``predictions`` (one row per report) and ``caveat``.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import FunctionTransformer, make_pipeline
    from sklearn.preprocessing import StandardScaler

    if features not in ("themes", "tfidf"):
        raise ValueError(f"features must be 'themes' or 'tfidf', not {features!r}")
    reports = [r for r in _reports(corpus, ["full_inspection"])
               if r.framework in frameworks and r.overall and r.authority]  # fmt: skip
    kept = [[f for f in r.findings if not _leaks(f, r)] for r in reports]
    if not any(kept):
        raise ValueError("no findings to learn from: build the corpus with findings=True")
    y = np.array([r.overall for r in reports])
    if merge_outstanding:
        y = np.where(y == "outstanding", "good", y)
    groups = np.array([r.authority for r in reports])
    classes = [g for g in GRADE_ORDER if g in set(y)]
    n_groups = len(set(groups))
    k = min(n_splits, n_groups)
    if len(classes) < 2 or k < 2:
        raise ValueError(f"need at least two grades and two authorities; have {len(classes)} "
                         f"grades and {n_groups} authorities")  # fmt: skip

    if features == "themes":
        dicts = []
        for r, fs in zip(reports, kept):
            c = Counter(f"{th}:{f.polarity.value}" for f in fs for th in f.themes)
            dicts.append({key: 1e4 * v / max(r.n_words, 1) for key, v in c.items()})
        X: Any = dicts

        def model():
            return make_pipeline(
                DictVectorizer(sparse=False),
                FunctionTransformer(np.log1p),
                StandardScaler(),
                LogisticRegression(C=C, class_weight="balanced", max_iter=5000),
            )
    else:
        X = np.array([" ".join(f.text for f in fs) for fs in kept], dtype=object)
        stop = sorted(ENGLISH_STOP_WORDS | GRADE_WORDS)

        def model():
            return make_pipeline(
                TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=20000,
                                sublinear_tf=True, stop_words=stop,
                                token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]+\b"),
                LogisticRegression(C=C, class_weight="balanced", max_iter=5000))  # fmt: skip

    def take(idx):
        return [X[i] for i in idx] if isinstance(X, list) else X[idx]

    predicted = np.empty(len(y), dtype=object)
    baseline = np.empty(len(y), dtype=object)
    fold_of = np.zeros(len(y), dtype=int)
    folds = []
    for fold, (train, test) in enumerate(GroupKFold(n_splits=k).split(np.zeros(len(y)), y, groups)):
        majority = Counter(y[train]).most_common(1)[0][0]
        if len(set(y[train])) < 2:
            pred = np.full(len(test), majority, dtype=object)
        else:
            pred = model().fit(take(train), y[train]).predict(take(test))
        predicted[test], baseline[test], fold_of[test] = pred, majority, fold
        folds.append({
            "fold": fold, "n_test": len(test), "n_authorities": len(set(groups[test])),
            "accuracy": accuracy_score(y[test], pred),
            "macro_f1": f1_score(y[test], pred, labels=classes, average="macro", zero_division=0),
            "baseline_accuracy": accuracy_score(y[test], baseline[test]),
            "baseline_macro_f1": f1_score(y[test], baseline[test], labels=classes,
                                          average="macro", zero_division=0),
        })  # fmt: skip

    full = model().fit(X, y)
    clf = full[-1]
    names = full[0].get_feature_names_out()
    coef = clf.coef_ if len(clf.classes_) > 2 else np.vstack([-clf.coef_[0], clf.coef_[0]])
    top_rows = []
    for grade, row in zip(clf.classes_, coef):
        for j in np.argsort(-row)[:top]:
            top_rows.append({"grade": grade, "feature": names[j], "coefficient": float(row[j])})

    def score(pred):
        return (
            accuracy_score(y, pred),
            f1_score(y, pred, labels=classes, average="macro", zero_division=0),
        )

    acc, f1 = score(predicted)
    base_acc, base_f1 = score(baseline)
    return {
        "features": features,
        "n_reports": len(y),
        "n_authorities": n_groups,
        "class_counts": {c: int((y == c).sum()) for c in classes},
        "n_splits": k,
        "accuracy": float(acc),
        "macro_f1": float(f1),
        "baseline_accuracy": float(base_acc),
        "baseline_macro_f1": float(base_f1),
        "folds": pd.DataFrame(folds),
        "top_features": pd.DataFrame(top_rows, columns=["grade", "feature", "coefficient"]),
        "predictions": pd.DataFrame(
            {
                "document_id": [r.document_id for r in reports],
                "part": [r.part for r in reports],
                "authority": groups,
                "date": pd.to_datetime([r.date for r in reports]),
                "framework": [r.framework for r in reports],
                "grade": y,
                "predicted": predicted.astype(str),
                "baseline": baseline.astype(str),
                "fold": fold_of,
            }
        ),  # fmt: skip
        "caveat": CAVEAT,
    }


# ---------------------------------------------------------------- compare authorities


def _top_concerns(corpus: Corpus, authority: str, top: int) -> tuple[tuple[str, ...], str]:
    """The authority's most persistent concern themes, and where the ranking came from."""
    sub = corpus.filter(authority=authority)
    try:
        from ofstedmine.analysis.persistence import persistence
    except ImportError:
        persistence = None
    if persistence is not None:
        ranked = _rank_persistence(persistence, sub, authority)
        if ranked is not None:
            return tuple(ranked[:top]), "persistence"
    mentions: Counter = Counter()
    documents: Counter = Counter()
    for r in _reports(sub):
        here = Counter(th for f in r.findings if f.polarity.value == "concern" for th in f.themes)
        mentions.update(here)
        documents.update(set(here))
    ranked = sorted(mentions, key=lambda th: (-documents[th], -mentions[th], th))
    return tuple(ranked[:top]), "frequency"


def _rank_persistence(persistence: Any, sub: Corpus, authority: str) -> list[str] | None:
    """Concern themes ranked by the persistence table.

    Still open first (status persistent or recurring, then new, then improving or
    resolved), then by how many documents raise it, then by the longest run.
    """
    try:
        table = persistence(sub, authority=authority)
    except Exception:  # another module's API may change: fall back, but say so
        log.warning("analysis.persistence.persistence failed; ranking concerns by frequency",
                    exc_info=True)  # fmt: skip
        return None
    needed = {"theme", "status", "n_concern_documents", "longest_run"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        return None
    if "authority" in table:
        table = table[table["authority"] == authority]
    open_first = {"persistent": 0, "recurring": 0, "new": 1}
    table = table.assign(_open=table["status"].map(open_first).fillna(2))
    table = table.sort_values(["_open", "n_concern_documents", "longest_run", "theme"],
                              ascending=[True, False, False, True])  # fmt: skip
    return list(dict.fromkeys(table["theme"]))


def compare_authorities(
    corpus: Corpus,
    authorities: Iterable[str],
    *,
    peers: int = 0,
    top: int = 5,
) -> pd.DataFrame:
    """Authorities side by side: latest grades and top persistent concerns.

    Parameters
    ----------
    corpus
        A corpus (findings are needed for the concerns and for ``peers``).
    authorities
        Names, ids or URNs.
    peers
        Also add each authority's ``peers`` most similar authorities
        (:func:`similar_authorities`).
    top
        Concern themes listed per authority: ranked by
        :func:`ofstedmine.analysis.persistence.persistence` where that module is
        present, else by how many reports raise each as a concern.

    Returns
    -------
    pandas.DataFrame
        One row per authority: ``authority``, ``authority_name``, ``region``,
        ``peer_of`` and ``similarity`` (for added peers), ``n_documents``,
        ``first_date``, ``last_date``, ``latest_inspection`` (date) and
        ``latest_framework``, one column per judgement area graded for any of them
        holding the latest grade in that area, ``stale_areas`` (areas graded before the latest inspection),
        ``top_concerns`` (tuple of theme ids) and ``concerns_ranked_by``. Transpose
        (``df.set_index("authority").T``) for a side-by-side view.
    """
    ids = list(dict.fromkeys(_registry.get(a).id for a in authorities))
    if not ids:
        raise ValueError("name at least one authority")
    entries: list[tuple[str, str | None, float | None]] = [(i, None, None) for i in ids]
    if peers > 0:
        profiles = authority_profiles(corpus)
        for i in ids:
            if i not in profiles.index:
                continue
            near = similar_authorities(corpus, i, n=peers, profiles=profiles)
            entries += [(p, i, s) for p, s in zip(near["authority"], near["similarity"])]
    seen: set[str] = set()
    entries = [e for e in entries if not (e[0] in seen or seen.add(e[0]))]
    latest = latest_grades(corpus, wide=True).set_index("authority")
    docs = corpus.documents_frame()
    chosen = latest.reindex([e[0] for e in entries])
    areas = [
        c
        for c in latest.columns
        if c not in ("latest_date", "latest_framework", "stale_areas") and chosen[c].notna().any()
    ]
    rows = []
    for auth, peer_of, sim in entries:
        a = _registry.get(auth)
        mine = docs[docs["authority"] == auth]
        grades = latest.loc[auth] if auth in latest.index else None
        concerns, ranked_by = _top_concerns(corpus, auth, top)
        row = {
            "authority": auth, "authority_name": a.name, "region": a.region,
            "peer_of": peer_of, "similarity": sim, "n_documents": mine["document_id"].nunique(),
            "first_date": mine["date"].min(), "last_date": mine["date"].max(),
            "latest_inspection": grades["latest_date"] if grades is not None else pd.NaT,
            "latest_framework": grades["latest_framework"] if grades is not None else None,
        }  # fmt: skip
        for area in areas:
            value = grades[area] if grades is not None else None
            row[area] = value if isinstance(value, str) else None
        row["stale_areas"] = grades["stale_areas"] if grades is not None else ()
        row["top_concerns"] = concerns
        row["concerns_ranked_by"] = ranked_by
        rows.append(row)
    return pd.DataFrame(rows)
