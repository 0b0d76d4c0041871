"""The judgement history: one row per (inspection, judgement area), 2009 onwards.

:func:`read_judgements` matches the inspection records of every release into
inspections, decides each one's framework (:func:`framework_for`) and gives each
graded slot its :class:`~ofstedmine.types.Area` (:data:`_SLOT_AREAS`).

>>> framework_for("ilacs", {"overall": "Good", "care_leavers": "Good"}).value
'ilacs_2023'
>>> framework_for("ilacs", {"overall": "Good"}, inspection_start=dt.date(2022, 11, 21)).value
'ilacs_2018'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ofstedmine.types import Area, Framework

from .cache import _disk_cached, _file_keys
from .cells import _is_missing, normalise_grade
from .columns import _GRADE_SLOTS, _PRE_SIF_TYPES
from .identity import _add_identity, _resolve_identities
from .links import _attach_links
from .matching import _cluster_records, _sorted_records
from .paths import PathLike
from .workbook import _release_tables

__all__ = ["framework_for", "read_judgements"]


def framework_for(
    family: str,
    grades: Mapping[str, Any],
    *,
    inspection_start: pd.Timestamp | dt.date | None = None,
    published: pd.Timestamp | dt.date | None = None,
) -> Framework:
    """Decide an inspection's framework from the areas graded and the dates.

    The rule:

    * pre-SIF inspections (SLAC, child protection, looked after children
      inspections, 2009-2013) are ``pre_sif_2013``;
    * SIF inspections (fieldwork before 2018; their rows grade adoption, care
      leavers, leadership and the LSCB) are ``sif``;
    * an ILACS inspection with no overall effectiveness grade from 2026 on is
      ``ilacs_2026``;
    * an ILACS inspection with a separate care leavers grade, or with fieldwork from
      1 January 2023, or published from April 2023, is ``ilacs_2023``;
    * any other ILACS inspection is ``ilacs_2018`` (one "children in care and care
      leavers" grade). Bradford's November 2022 inspection, published January 2023,
      is ``ilacs_2018``.

    Parameters
    ----------
    family : {"pre_sif", "sif", "ilacs"}
        Which history columns (or which era of dates) the inspection came from.
    grades : mapping
        Slot name (``overall``, ``care_leavers``, ...) to grade label or None.
    inspection_start, published : date, optional
        Fieldwork start and publication dates.

    Returns
    -------
    Framework
    """
    if family == "pre_sif":
        return Framework.PRE_SIF_2013
    if family == "sif":
        return Framework.SIF
    start = pd.Timestamp(inspection_start) if inspection_start is not None else None
    pub = pd.Timestamp(published) if published is not None else None
    when = start if start is not None else pub
    graded = {k for k, v in grades.items() if normalise_grade(v) is not None}
    if "overall" not in graded and when is not None and when >= pd.Timestamp("2026-01-01"):
        return Framework.ILACS_2026
    if "care_leavers" in graded:
        return Framework.ILACS_2023
    if start is not None and start >= pd.Timestamp("2023-01-01"):
        return Framework.ILACS_2023
    if start is None and pub is not None and pub >= pd.Timestamp("2023-04-01"):
        return Framework.ILACS_2023
    return Framework.ILACS_2018


_SLOT_AREAS: dict[Framework, dict[str, Area]] = {
    Framework.PRE_SIF_2013: {"overall": Area.PRE_SIF_OVERALL},
    Framework.SIF: {
        "overall": Area.OVERALL,
        "help": Area.HELP_AND_PROTECTION,
        "in_care": Area.SIF_CHILDREN_LOOKED_AFTER,
        "adoption": Area.SIF_ADOPTION,
        "care_leavers": Area.SIF_CARE_LEAVERS,
        "leaders": Area.SIF_LEADERSHIP,
        "lscb": Area.LSCB,
    },
    Framework.ILACS_2018: {
        "overall": Area.OVERALL,
        "leaders": Area.IMPACT_OF_LEADERS,
        "help": Area.HELP_AND_PROTECTION,
        "in_care": Area.IN_CARE_AND_CARE_LEAVERS,
    },
    Framework.ILACS_2023: {
        "overall": Area.OVERALL,
        "leaders": Area.IMPACT_OF_LEADERS,
        "help": Area.HELP_AND_PROTECTION,
        "in_care": Area.IN_CARE,
        "care_leavers": Area.CARE_LEAVERS,
    },
}


_SLOT_AREAS[Framework.ILACS_2026] = dict(_SLOT_AREAS[Framework.ILACS_2023])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_JUDGEMENT_COLUMNS = [
    "authority_name",
    "authority",
    "urn",
    "la_code",
    "inspection_id",
    "inspection_type",
    "inspection_start",
    "inspection_end",
    "published",
    "framework",
    "area",
    "grade",
    "grade_label",
    "authority_status",
    "release",
    "sheet",
    "sources",
]


@functools.lru_cache(maxsize=8)
def _judgements_cached(files: tuple[tuple[str, int, int], ...], with_la_codes: bool) -> tuple:
    wbs, recs_df, visits_df = _release_tables(files)
    if recs_df.empty:
        return pd.DataFrame(columns=_JUDGEMENT_COLUMNS), {}, {}
    if with_la_codes:
        _attach_links([recs_df, visits_df], wbs)
    identities = _resolve_identities([recs_df, visits_df])
    records = _sorted_records(recs_df, wbs)
    names: dict[str, str] = {}
    status: dict[str, str] = {}
    for r in records:  # newest first
        names.setdefault(r["key"], r["authority_name"])
        status.setdefault(r["key"], "former" if r["former"] else "current")
    rows: list[dict[str, Any]] = []

    def groups_of(rec: dict[str, Any]) -> list[str]:
        if rec["family"] == "pre_sif":
            return [rec["group"]]
        if rec["flexible"]:
            return [rec["family"], "ilacs" if rec["family"] == "sif" else "sif"]
        return [rec["family"]]

    for cl in _cluster_records(records, groups_of, loose=True):
        family = "pre_sif" if cl.group in _PRE_SIF_TYPES else cl.group
        key = next((m["key"] for m in cl.members if m["key"].endswith("(former)")), None)
        key = key or cl.members[0]["key"]
        head = {**cl.members[0], "family": family, "key": key}
        slots: dict[str, str | None] = {}
        for s in _GRADE_SLOTS:
            slots[s] = next(
                (m[s] for m in cl.members if normalise_grade(m.get(s)) is not None), None
            )
        inspection_type = next(
            (m["inspection_type"] for m in cl.members if m.get("inspection_type")), None
        )
        if head["family"] == "sif" and any(m["group"] == "sif_re" for m in cl.members):
            inspection_type = "SIF re-inspection"
        if inspection_type is None:
            inspection_type = "SIF" if head["family"] == "sif" else "ILACS"
        fw = framework_for(head["family"], slots, inspection_start=cl.start, published=cl.published)
        when = cl.published if cl.published is not None else cl.start
        type_part = _slug(head["group"]) if head["family"] == "pre_sif" else fw.value
        sources = "; ".join(dict.fromkeys(f"{m['file']}:{m['sheet']}" for m in cl.members))
        base = {
            "key": head["key"],
            "authority_name": names[head["key"]],
            "inspection_type": inspection_type,
            "inspection_start": cl.start,
            "inspection_end": None,
            "published": cl.published,
            "framework": fw.value,
            "authority_status": status[head["key"]],
            "release": head["file"],
            "sheet": head["sheet"],
            "sources": sources,
            "_when": when,
            "_type": type_part,
        }
        for slot, area in _SLOT_AREAS[fw].items():
            label = slots.get(slot)
            grade = normalise_grade(label)
            if grade is None:
                continue
            rows.append({**base, "area": area.value, "grade": grade.value, "grade_label": label})
    return pd.DataFrame(rows), identities, names


def _finish_judgements(
    df: pd.DataFrame, identities: Mapping[str, tuple[Any, Any]], names: Mapping[str, str]
) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=_JUDGEMENT_COLUMNS)
    df = _add_identity(df.copy(), identities, names)
    ident = [
        str(u) if not _is_missing(u) else _slug(k)
        for u, k in zip(df["urn"], df["key"], strict=True)
    ]
    when = pd.to_datetime(df["_when"])
    df["inspection_id"] = [
        f"{i}:{t}:{w.date().isoformat() if not pd.isna(w) else 'undated'}"
        for i, t, w in zip(ident, df["_type"], when, strict=True)
    ]
    for c in ("inspection_start", "inspection_end", "published"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    area_order = {a.value: i for i, a in enumerate(Area)}
    df = df.assign(_area=df["area"].map(area_order))
    df = df.sort_values(["authority_name", "_when", "inspection_id", "_area"], kind="stable")
    return df[_JUDGEMENT_COLUMNS].reset_index(drop=True)


def read_judgements(
    paths: PathLike | Iterable[PathLike] | None = None,
    *,
    with_la_codes: bool = True,
    cache: bool | PathLike | None = None,
) -> pd.DataFrame:
    """Every authority's inspection judgements, one row per (inspection, area).

    Parameters
    ----------
    paths : path, folder, iterable of paths, or None
        The releases to read; None reads every ``.ods`` in
        :func:`default_statistics_dir`.
    with_la_codes : bool, default True
        Read the ``HYPERLINK()`` formulas of the "Web link" column from
        ``content.xml`` to fill ``urn`` and ``la_code`` (see the module docstring).
        With False only the registry (if present) supplies URNs and LA codes
        (without it both columns are empty); the read is a little faster.

    Returns
    -------
    pandas.DataFrame
        Columns ``authority_name`` (as printed in the newest release), ``authority``
        (registry id or None), ``urn`` and ``la_code`` (nullable Int64),
        ``inspection_id`` (``<urn>:<framework or pre-SIF type>:<date>``),
        ``inspection_type`` ("ILACS Standard Inspection", "SIF", "SLAC
        safeguarding", ...), ``inspection_start``, ``inspection_end`` (always NaT:
        no release gives it), ``published`` (datetimes, NaT where absent),
        ``framework`` (:class:`~ofstedmine.types.Framework` value, see
        :func:`framework_for`), ``area`` (:class:`~ofstedmine.types.Area` value),
        ``grade`` (:class:`~ofstedmine.types.Grade` value), ``grade_label`` (as
        printed), ``authority_status`` ("current"/"former"), ``release`` (file
        name), ``sheet`` and ``sources`` (every ``file:sheet`` that lists the
        inspection). Each inspection appears once, however many releases list it.

    Notes
    -----
    Pre-SIF inspections have one overall grade per service inspected; each is a row
    with area ``pre_sif_overall`` and its own ``inspection_type`` (a SLAC inspection
    gives two: safeguarding and looked after children). The LSCB review grade is
    attached to the first SIF inspection. The pre-SIF grades are printed on the
    current four-point wording, so "adequate" does not occur in these releases.

    Raises
    ------
    StatisticsError
        When a file is missing or unreadable or lacks a needed column.
    """
    keys = _file_keys(paths)

    def compute() -> pd.DataFrame:
        df, identities, names = _judgements_cached(keys, with_la_codes)
        return _finish_judgements(df, identities, names)

    return _disk_cached("judgements", keys, with_la_codes, cache, compute)
