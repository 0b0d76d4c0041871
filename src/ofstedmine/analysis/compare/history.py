"""Judgement histories: every authority's grades in time order, and its latest grade
in each area (:func:`judgement_history`, :func:`latest_grades`).

Part of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import ofstedmine.authorities as _registry
from ofstedmine.types import Area

from ._common import _RANK

__all__ = ["HISTORY_COLUMNS", "judgement_history", "latest_grades"]

HISTORY_COLUMNS = [
    "authority", "authority_name", "region", "inspection", "document_id", "part", "kind",
    "framework", "date", "published", "inspection_start", "sequence", "area", "grade",
    "grade_rank", "status", "label", "page", "source",
]  # fmt: skip


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
