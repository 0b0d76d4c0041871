"""Table rows to raw records: one per inspection (per group of a wide row), one per visit.

The records are plain dicts holding where they came from (``file``, ``sheet``,
``kind``, ``row``, ``web_col``), the authority as printed and its matching key, the
dates and the grade labels as printed. They are matched into inspections and
visits later (:mod:`~ofstedmine.sources.statistics.matching`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ofstedmine.types import EventKind

from .cells import (
    _clean_text,
    _int_or_none,
    _norm_header,
    _norm_text,
    _to_timestamp,
    event_kind_for,
    normalise_grade,
)
from .columns import _FLAT_VARIANTS, _GRADE_SLOTS, _PRE_SIF_TYPES, _map_wide_columns
from .identity import normalise_authority_name


def _mark_former(records: list[dict[str, Any]]) -> None:
    """Give a former authority that shares its name with a current one its own key."""
    current: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in records:
        if not r["former"]:
            current[(r["file"], r["sheet"])].add(r["name_key"])
    for r in records:
        if r["former"] and r["name_key"] in current[(r["file"], r["sheet"])]:
            r["key"] = f"{r['name_key']} (former)"
        else:
            r["key"] = r["name_key"]


def _base_record(row_index: int, name: str, ctx: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "file": ctx["file"],
        "sheet": ctx["sheet"],
        "kind": ctx["kind"],
        "table_index": ctx["table_index"],
        "row": row_index,
        "authority_name": name,
        "name_key": normalise_authority_name(name),
        "former": ctx["table_index"] > 0,
        "web_col": ctx.get("web_col"),
        "urn_col": None,
        "la_code_col": None,
    }


def _parse_flat(
    body: pd.DataFrame, mapping: Mapping[str, int], ctx: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    kind = ctx["kind"]
    ctx = {**ctx, "web_col": mapping.get("web_link")}
    inspections: list[dict[str, Any]] = []
    visits: list[dict[str, Any]] = []
    col = {k: body.columns[v] for k, v in mapping.items() if v < len(body.columns)}

    def cell(row: pd.Series, key: str) -> Any:
        return row[col[key]] if key in col else None

    for idx, row in body.iterrows():
        name = _clean_text(cell(row, "authority_name"))
        if not name or name.lower().startswith(("table ", "total", "england")):
            continue
        rec = _base_record(int(idx), name, ctx)
        status = _norm_text(cell(row, "status")) if "status" in col else ""
        if status and status != "current":
            rec["former"] = True
        rec["urn_col"] = _int_or_none(cell(row, "urn"))
        rec["la_code_col"] = _int_or_none(cell(row, "la_code"))
        start = _to_timestamp(cell(row, "inspection_date"))
        published = _to_timestamp(cell(row, "published"))
        type_label = _clean_text(cell(row, "type"))
        slots = {s: _clean_text(cell(row, s)) for s in _GRADE_SLOTS if s in col}
        has_grade = any(normalise_grade(v) is not None for v in slots.values())
        if kind == "in_year":
            if start is None and published is None:
                continue
            visits.append(
                {
                    **rec,
                    "event_kind": event_kind_for(type_label).value,
                    "visit_start": start,
                    "published": published,
                    "themes": _clean_text(cell(row, "theme")),
                    "type_label": type_label,
                }
            )
            if event_kind_for(type_label) is not EventKind.INSPECTION or not has_grade:
                continue
        elif not has_grade or (start is None and published is None):
            continue
        family, flexible = "ilacs", False
        if type_label and re.search(r"\bsif\b|single inspection", type_label.lower()):
            family = "sif"
        elif not (type_label and "ilacs" in type_label.lower()):
            # No type (a latest-inspection table): SIF or ILACS is decided when the
            # record is matched with the history; unmatched, by date (first SIF
            # inspections ended in 2017, SIF re-inspections ran into 2018).
            flexible = True
            if (start is not None and start < pd.Timestamp("2018-01-01")) or (
                start is None and published is not None and published < pd.Timestamp("2018-03-01")
            ):
                family = "sif"
        inspections.append(
            {
                **rec,
                "family": family,
                "flexible": flexible,
                "group": family,
                "inspection_type": type_label,
                "inspection_start": start,
                "published": published,
                **{s: slots.get(s) for s in _GRADE_SLOTS},
            }
        )
    return inspections, visits


def _parse_wide(
    body: pd.DataFrame, headers: Sequence[Any], ctx: dict[str, Any]
) -> list[dict[str, Any]]:
    name_col, groups = _map_wide_columns(headers, source=ctx["file"], sheet=ctx["sheet"])
    web_col = next(
        (i for i, c in enumerate(headers) if _norm_header(c) in _FLAT_VARIANTS["web_link"]), None
    )
    ctx = {**ctx, "web_col": web_col}
    out: list[dict[str, Any]] = []
    values = body.to_numpy(dtype=object)
    for pos, idx in enumerate(body.index):
        row = values[pos]
        name = _clean_text(row[name_col]) if name_col < len(row) else None
        if not name or name.lower().startswith(("table ", "total", "england")):
            continue
        base = _base_record(int(idx), name, ctx)
        for group, fields in groups.items():
            got = {f: (row[c] if c < len(row) else None) for f, c in fields.items()}
            slots = {s: _clean_text(got.get(s)) for s in _GRADE_SLOTS if s in got}
            if not any(normalise_grade(v) is not None for v in slots.values()):
                continue
            start = _to_timestamp(got.get("inspection_date"))
            published = _to_timestamp(got.get("published"))
            if start is None and published is None:
                continue
            if group in _PRE_SIF_TYPES:
                family, type_label = "pre_sif", _PRE_SIF_TYPES[group]
            elif group.startswith("sif"):
                family = "sif"
                type_label = "SIF re-inspection" if group == "sif_re" else "SIF"
            else:
                family, type_label = "ilacs", _clean_text(got.get("type"))
            out.append(
                {
                    **base,
                    "family": family,
                    "flexible": False,
                    "group": group,
                    "inspection_type": type_label,
                    "inspection_start": start,
                    "published": published,
                    **{s: slots.get(s) for s in _GRADE_SLOTS},
                }
            )
    return out
