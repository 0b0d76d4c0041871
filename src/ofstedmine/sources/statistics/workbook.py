"""Opening a release: its sheets, cover sheet, header rows and tables.

A workbook is read once per file version (path, modification time and size) with
``pandas.read_excel(..., engine="calamine", header=None)``; every sheet is scanned
for header rows (:func:`_header_rows`), each table found is classified and parsed
into raw records, and the result is kept as a :class:`_Workbook`.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ofstedmine.errors import StatisticsError

from .cells import _clean_text, _is_missing, _norm_header, _norm_text, _to_timestamp
from .columns import _classify, map_columns
from .paths import PathLike, _resolve_paths
from .records import _mark_former, _parse_flat, _parse_wide

__all__ = ["list_releases"]


_LEAD_MARKERS = frozenset(
    {"web link", "local authority name", "local authority", "urn", "la code", "la name"}
)


_HEADER_MARKERS = frozenset(
    {"web link", "local authority name", "urn", "la code", "local authority area code"}
)


def _header_rows(raw: pd.DataFrame) -> list[int]:
    """Rows of a raw sheet that look like a table's header row.

    A header row holds "Local authority name", or two of "Web link", "URN", "LA
    code" and "Local authority area code". Only rows with one of those words in
    their first three cells are examined, which keeps the 3,600-row provider
    sheets cheap.
    """
    if raw.empty:
        return []
    values = raw.to_numpy(dtype=object)
    rows: list[int] = []
    for i in range(values.shape[0]):
        lead = values[i, :3]
        if not any(isinstance(v, str) and _norm_header(v) in _LEAD_MARKERS for v in lead):
            continue
        norm = {_norm_header(v) for v in values[i] if isinstance(v, str)}
        if "local authority name" in norm or len(norm & _HEADER_MARKERS) >= 2:
            rows.append(int(raw.index[i]))
    return rows


@dataclass(frozen=True)
class _Table:
    sheet: str
    kind: str
    index: int  # 0 for the first table of the sheet
    header_row: int
    n_rows: int


@dataclass(frozen=True)
class _Workbook:
    path: str
    file: str
    title: str | None
    published: pd.Timestamp | None
    period: str | None
    sheets: tuple[str, ...]
    tables: tuple[_Table, ...]
    inspections: pd.DataFrame  # raw inspection records, one per (row, group)
    visits: pd.DataFrame  # raw visit records, one per in-year row


def _is_external_sheet(name: str) -> bool:
    # cached external links: "'https://...'#Sheet" or "'file://...'#Sheet"
    return name.startswith("'") or "://" in name


def _cover_info(raw: pd.DataFrame) -> tuple[str | None, pd.Timestamp | None, str | None]:
    title = published = period = None
    if raw.empty:
        return None, None, None
    first = raw.iloc[0].dropna()
    if len(first) and not _norm_text(first.iloc[0]).startswith("cover sheet"):
        title = _clean_text(first.iloc[0])
    for _, row in raw.iterrows():
        cells = [c for c in row.tolist() if not _is_missing(c)]
        if len(cells) < 2:
            continue
        key = _norm_text(cells[0])
        if key.startswith("published on") or key in {"published", "publication date"}:
            published = _to_timestamp(cells[1])
        elif key.startswith("period covered"):
            period = _clean_text(cells[1])
        elif key.startswith("policy area") and title is None:
            title = _clean_text(cells[1])
    return title, published, period


def _release_order(wb: _Workbook) -> tuple:
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", wb.file)]
    return (wb.published or pd.Timestamp.min, max(years, default=0), wb.file)


def _read_workbook(path: Path) -> _Workbook:
    try:
        st = path.stat()
    except OSError as exc:
        raise StatisticsError(f"{path}: cannot read the statistics file ({exc})") from exc
    return _read_workbook_cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=16)
def _read_workbook_cached(path_str: str, mtime_ns: int, size: int) -> _Workbook:
    path = Path(path_str)
    try:
        with pd.ExcelFile(path, engine="calamine") as xl:
            names = [s for s in xl.sheet_names if not _is_external_sheet(s)]
            raws = pd.read_excel(xl, sheet_name=names, header=None)
    except Exception as exc:  # calamine raises its own error types
        raise StatisticsError(f"{path.name}: cannot be read as a spreadsheet ({exc})") from exc
    title = published = period = None
    for name in names:
        if _norm_text(name) in {"cover", "cover sheet"}:
            title, published, period = _cover_info(raws[name])
            break
    tables: list[_Table] = []
    inspections: list[dict[str, Any]] = []
    visits: list[dict[str, Any]] = []
    for sheet in names:
        raw = raws[sheet]
        header_rows = _header_rows(raw)
        t_index = 0
        for n, hr in enumerate(header_rows):
            end = header_rows[n + 1] if n + 1 < len(header_rows) else len(raw)
            headers = raw.iloc[hr].tolist()
            kind = _classify(headers)
            if kind is None:
                continue
            body = raw.iloc[hr + 1 : end]
            ctx = {"file": path.name, "sheet": sheet, "kind": kind, "table_index": t_index}
            if kind == "history_wide":
                recs = _parse_wide(body, headers, ctx)
                inspections.extend(recs)
            else:
                mapping = map_columns(headers, kind, source=path.name, sheet=sheet)
                recs_i, recs_v = _parse_flat(body, mapping, ctx)
                inspections.extend(recs_i)
                visits.extend(recs_v)
            tables.append(_Table(sheet, kind, t_index, hr, len(body)))
            t_index += 1
    _mark_former(inspections)
    _mark_former(visits)
    return _Workbook(
        path=path_str,
        file=path.name,
        title=title,
        published=published,
        period=period,
        sheets=tuple(names),
        tables=tuple(tables),
        inspections=pd.DataFrame(inspections),
        visits=pd.DataFrame(visits),
    )


def _load(paths: PathLike | Iterable[PathLike] | None) -> list[_Workbook]:
    wbs = [_read_workbook(p) for p in _resolve_paths(paths)]
    return sorted(wbs, key=_release_order, reverse=True)  # newest first


def list_releases(folder: PathLike | Iterable[PathLike] | None = None) -> pd.DataFrame:
    """The statistics releases in a folder, newest first.

    Parameters
    ----------
    folder : path, folder, iterable of paths, or None
        None means :func:`default_statistics_dir`.

    Returns
    -------
    pandas.DataFrame
        Columns ``file``, ``path``, ``title`` (cover sheet title), ``published``
        (cover sheet "Published on" date), ``period`` (cover sheet "Period
        covered"), ``sheets`` (all sheet names, ``"; "``-joined, without the empty
        external-link sheets), ``judgement_sheets``, ``latest_sheets`` and
        ``visit_sheets`` (the sheets this module reads, by role).
    """
    rows = []
    for wb in _load(folder):
        by_kind: dict[str, list[str]] = defaultdict(list)
        for t in wb.tables:
            if t.sheet not in by_kind[t.kind]:
                by_kind[t.kind].append(t.sheet)
        rows.append(
            {
                "file": wb.file,
                "path": wb.path,
                "title": wb.title,
                "published": wb.published,
                "period": wb.period,
                "sheets": "; ".join(wb.sheets),
                "judgement_sheets": "; ".join(by_kind["history_wide"] + by_kind["history_long"]),
                "latest_sheets": "; ".join(by_kind["latest"]),
                "visit_sheets": "; ".join(by_kind["in_year"]),
            }
        )
    df = pd.DataFrame(rows)
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"]).astype("datetime64[ns]")
    return df


def _release_tables(
    files: tuple[tuple[str, int, int], ...],
) -> tuple[list[_Workbook], pd.DataFrame, pd.DataFrame]:
    """The releases (newest first), and their inspections and visits as one frame each.

    A frame is empty when no release has that table; the judgement history and the
    visit list both read the other table too, to fill gaps.
    """
    wbs = sorted((_read_workbook_cached(*f) for f in files), key=_release_order, reverse=True)
    ins = [wb.inspections for wb in wbs if not wb.inspections.empty]
    vis = [wb.visits for wb in wbs if not wb.visits.empty]
    return (
        wbs,
        pd.concat(ins, ignore_index=True) if ins else pd.DataFrame(),
        pd.concat(vis, ignore_index=True) if vis else pd.DataFrame(),
    )
