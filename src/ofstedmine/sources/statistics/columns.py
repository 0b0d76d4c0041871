"""Header rows to columns: what kind of table a header row starts, and where each column is.

Two layouts occur. A *flat* table (latest inspections, in-year inspections and
visits, the long ILACS history) has one column per field; :func:`map_columns`
finds them by their normalised header text, using the known wordings of
``ofstedmine/data/statistics_columns.json``, a versioned data file read once at
import (:data:`COLUMNS_VERSION`). A *wide* history table has one row per authority
and a group of columns per inspection ("SIF overall effectiveness", "Second ILACS
inspection publication date", ...); :func:`_wide_fields` reads each header into
(group, field) pairs. :func:`_classify` tells the kinds apart.

>>> map_columns(["Local authority name", "Inspection date", "Inspection/Visit type",
...              "Visit Theme"], "in_year")
{'authority_name': 0, 'inspection_date': 1, 'type': 2, 'theme': 3}
>>> _wide_fields(_norm_header("Second ILACS framework publication date"))
[('ilacs2', 'published')]
>>> _classify(["Web link", "Local authority name", "Inspection date", "Overall effectiveness"])
'latest'
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from importlib import resources
from typing import Any

import pandas as pd

from ofstedmine.errors import StatisticsError

from .cells import _is_missing, _norm_header

__all__ = ["COLUMNS_VERSION", "map_columns"]

#: The package data file holding the flat tables' header wordings.
COLUMNS_FILE = "statistics_columns.json"


def _read_tables() -> dict[str, Any]:
    """The contents of :data:`COLUMNS_FILE` (read once, when this module is imported)."""
    text = resources.files("ofstedmine").joinpath("data", COLUMNS_FILE).read_text(encoding="utf-8")
    return json.loads(text)


_TABLES = _read_tables()

#: The version of :data:`COLUMNS_FILE`; bumped on any change to its tables.
COLUMNS_VERSION: str = str(_TABLES["version"])


#: Known header wordings (normalised, see :func:`_norm_header`) of the columns the
#: reader needs from the "flat" tables (latest, in-year and long history tables).
_FLAT_VARIANTS: dict[str, tuple[str, ...]] = {
    name: tuple(variants) for name, variants in _TABLES["flat_variants"].items()
}


_LABELS: dict[str, str] = dict(_TABLES["labels"])


#: Columns each kind of flat table must have; a tuple means "one of these".
_REQUIRED: dict[str, tuple[str | tuple[str, ...], ...]] = {
    kind: tuple(tuple(need) if isinstance(need, list) else need for need in needs)
    for kind, needs in _TABLES["required"].items()
}


_GRADE_SLOTS = ("overall", "leaders", "help", "in_care", "care_leavers", "adoption", "lscb")


def map_columns(
    headers: Sequence[Any] | pd.DataFrame | pd.Series,
    kind: str,
    *,
    source: str = "<memory>",
    sheet: str = "<sheet>",
) -> dict[str, int]:
    """Map a flat table's header cells to the reader's column names.

    Parameters
    ----------
    headers : sequence, Series or DataFrame
        The header cells, or a frame whose column labels are the headers.
    kind : {"latest", "in_year", "history_long"}
        The kind of table, which decides the columns that must be present.
    source, sheet : str
        The file and sheet, named in the error message.

    Returns
    -------
    dict
        Reader column name (``authority_name``, ``inspection_date``, ``type``,
        ``overall``, ...) to the 0-based position of its column.

    Raises
    ------
    StatisticsError
        When a needed column is absent; the message names the file, the sheet and
        the column.
    """
    if kind not in _REQUIRED:
        raise ValueError(f"unknown table kind {kind!r}; expected one of {sorted(_REQUIRED)}")
    if isinstance(headers, pd.DataFrame):
        cells: list[Any] = list(headers.columns)
    else:
        cells = list(headers)
    lookup: dict[str, str] = {}
    for name, variants in _FLAT_VARIANTS.items():
        for v in variants:
            lookup.setdefault(v, name)
    mapping: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = lookup.get(_norm_header(cell))
        if name is not None and name not in mapping:
            mapping[name] = i
    for need in _REQUIRED[kind]:
        options = need if isinstance(need, tuple) else (need,)
        if not any(o in mapping for o in options):
            wanted = " or ".join(repr(_LABELS.get(o, o)) for o in options)
            raise StatisticsError(
                f"{source}: sheet {sheet!r}: column {wanted} not found in the header row "
                f"(found: {', '.join(repr(str(c)) for c in cells if not _is_missing(c))}); "
                "the release layout may have changed, add the new wording to _FLAT_VARIANTS"
            )
    return mapping


_WIDE_PREFIX = re.compile(r"^single inspection of la children s services sif\s+")


_WIDE_SCHEME = re.compile(
    r"^(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+)?"
    r"(sif re inspection|sif|ilacs framework|ilacs)\s+(.*)$"
)


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}


def _wide_field_name(rest: str) -> str | None:
    if rest.startswith("publication date") or rest == "published":
        return "published"
    if rest.startswith("inspection date") or rest.startswith("inspection start date"):
        return "inspection_date"
    if rest.startswith("inspection type") or rest == "type":
        return "type"
    if rest.startswith(("overall effectiveness", "overall judgement")):
        return "overall"
    if "impact of leaders" in rest or "leadership management and governance" in rest:
        return "leaders"
    if "need help and protection" in rest:
        return "help"
    if "adoption" in rest:
        return "adoption"
    if "care leavers" in rest and "children in care and care leavers" not in rest:
        return "care_leavers"
    if "children in care" in rest or "children looked after" in rest:
        return "in_care"
    return None


def _wide_fields(header: str) -> list[tuple[str, str]]:
    """(group, field) pairs one wide-history header feeds; empty when it feeds none."""
    h = _WIDE_PREFIX.sub("", header)
    if not h:
        return []
    if h.startswith("lscb"):
        return [("sif1", "lscb")] if "overall" in h or "effectiveness" in h else []
    if "slac" in h or "safeguarding and looked after children" in h:
        re_insp = "re inspection" in h
        if h.endswith("publication date"):
            if not re_insp:
                return [("slac_safeguarding", "published"), ("slac_looked_after", "published")]
            return [
                (
                    "slac_re_safeguarding" if "safeguarding" in h else "slac_re_looked_after",
                    "published",
                )
            ]
        if "oe" in h.split() or "overall" in h:
            looked_after = "looked after" in h
            if re_insp:
                return [
                    ("slac_re_looked_after" if looked_after else "slac_re_safeguarding", "overall")
                ]
            return [("slac_looked_after" if looked_after else "slac_safeguarding", "overall")]
        return []
    for abbr, group in (("cpri", "cpri"), ("cpi", "cpi"), ("tlac", "tlac")):
        if abbr in h.split():
            if h.endswith("publication date"):
                return [(group, "published")]
            if "overall" in h or "oe" in h.split():
                return [(group, "overall")]
            return []
    m = _WIDE_SCHEME.match(h)
    if not m:
        return []
    ordinal, scheme, rest = m.groups()
    field = _wide_field_name(rest)
    if field is None:
        return []
    if scheme == "sif re inspection":
        group = "sif_re"
    elif scheme == "sif":
        group = f"sif{_ORDINALS.get(ordinal or 'first', 1)}"
    else:
        group = f"ilacs{_ORDINALS.get(ordinal or 'first', 1)}"
    return [(group, field)]


_PRE_SIF_TYPES = {
    "slac_safeguarding": "SLAC safeguarding",
    "slac_looked_after": "SLAC looked after children",
    "slac_re_safeguarding": "SLAC re-inspection safeguarding",
    "slac_re_looked_after": "SLAC re-inspection looked after children",
    "cpi": "Child protection inspection",
    "cpri": "Child protection re-inspection",
    "tlac": "Targeted looked after children inspection",
}


def _map_wide_columns(
    headers: Sequence[Any], *, source: str, sheet: str
) -> tuple[int, dict[str, dict[str, int]]]:
    """(name column, {group: {field: column}}) for a wide history table."""
    name_col = None
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for i, cell in enumerate(headers):
        h = _norm_header(cell)
        if h in _FLAT_VARIANTS["authority_name"] and name_col is None:
            name_col = i
            continue
        for group, field in _wide_fields(h):
            groups[group].setdefault(field, i)
    if name_col is None:
        raise StatisticsError(
            f"{source}: sheet {sheet!r}: column 'Local authority name' not found in the "
            "history table's header row"
        )
    for group, fields in groups.items():
        if "published" not in fields and "inspection_date" not in fields:
            label = _PRE_SIF_TYPES.get(group, group.upper())
            raise StatisticsError(
                f"{source}: sheet {sheet!r}: column '{label} publication date' not found "
                "(the history table has grades for it but no date)"
            )
    return name_col, dict(groups)


def _is_wide(headers: Sequence[Any]) -> bool:
    n = 0
    for cell in headers:
        fields = _wide_fields(_norm_header(cell))
        if fields:
            n += 1
    return n >= 3


def _classify(headers: Sequence[Any]) -> str | None:
    """The kind of an LA table from its header cells, or None when it is not one."""
    norm = [_norm_header(c) for c in headers]
    if not any(h in _FLAT_VARIANTS["authority_name"] for h in norm):
        return None
    if "provision type" in norm:  # a provider table ("Local authority" is a column there)
        return None
    if _is_wide(headers):
        return "history_wide"
    if any("visit" in h.split() for h in norm if h != "web link"):
        return "in_year"
    if any(h in _FLAT_VARIANTS["type"] for h in norm):
        return "history_long"
    if any(h in _FLAT_VARIANTS["overall"] for h in norm):
        return "latest"
    return None
