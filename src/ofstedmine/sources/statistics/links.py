"""The "Web link" ``HYPERLINK()`` formulas, read from ``content.xml``, and the ids they give.

pandas shows only a link's text, so the formulas are cut out of the ``.ods`` zip's
``content.xml``, one wanted sheet at a time (:func:`_read_links`). A link whose row
does not name the authority it sits beside is not trusted (:func:`_attach_links`).

>>> _link_target("https://reports.ofsted.gov.uk/provider/44/80449")
('urn', 80449)
>>> _link_target("https://reports.ofsted.gov.uk/provider/44/380")
('la_code', 380)
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ofstedmine.errors import StatisticsError

from .cells import _is_missing
from .identity import _resolve_identities, normalise_authority_name
from .paths import PathLike
from .workbook import _load, _Workbook

__all__ = ["read_la_codes"]


_T_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


_TABLE_START = re.compile(rb"<table:table\s[^>]*?table:name=\"([^\"]*)\"")


_ROOT_START = re.compile(rb"<office:document-content\b[^>]*>")


_HYPERLINK_URL = re.compile(r"HYPERLINK\(\s*(?:[A-Z.]+\()?\s*\"([^\"]+)\"")


_PROVIDER_ID = re.compile(r"/provider/\d+/(\d+)")


_LA_SLUG = re.compile(r"/local-authorities/([A-Za-z0-9-]+)")


def _link_target(url: str) -> tuple[str, Any] | None:
    """("urn", int), ("la_code", int) or ("slug", str) for a web link URL."""
    m = _PROVIDER_ID.search(url)
    if m:
        digits = m.group(1)
        return ("la_code", int(digits)) if len(digits) <= 3 else ("urn", int(digits))
    m = _LA_SLUG.search(url)
    return ("slug", m.group(1).lower()) if m else None


def _read_links(path: Path, sheets: Iterable[str]) -> dict[tuple[str, int, int], tuple]:
    st = path.stat()
    return _read_links_cached(
        str(path.resolve()), st.st_mtime_ns, st.st_size, tuple(sorted(set(sheets)))
    )


@functools.lru_cache(maxsize=16)
def _read_links_cached(
    path_str: str, mtime_ns: int, size: int, sheets: tuple[str, ...]
) -> dict[tuple[str, int, int], tuple]:
    """HYPERLINK targets of the named sheets: (sheet, row, col) -> (target, row texts).

    Only the ``<table:table>`` elements of the wanted sheets are cut out of
    ``content.xml`` and parsed, so the provider sheets (most of the 40 MB) are
    never parsed.
    """
    from lxml import etree

    try:
        with zipfile.ZipFile(path_str) as zf, zf.open("content.xml") as fh:
            data = fh.read()
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise StatisticsError(
            f"{Path(path_str).name}: cannot read content.xml for the HYPERLINK formulas ({exc})"
        ) from exc
    root = _ROOT_START.search(data)
    if root is None:
        raise StatisticsError(f"{Path(path_str).name}: content.xml has no document root")
    wanted = set(sheets)
    out: dict[tuple[str, int, int], tuple] = {}
    parser = etree.XMLParser(huge_tree=True, recover=True, resolve_entities=False, no_network=True)
    tag_row = f"{{{_T_NS}}}table-row"
    tag_cells = (f"{{{_T_NS}}}table-cell", f"{{{_T_NS}}}covered-table-cell")
    a_rows_rep = f"{{{_T_NS}}}number-rows-repeated"
    a_cols_rep = f"{{{_T_NS}}}number-columns-repeated"
    a_formula = f"{{{_T_NS}}}formula"
    for m in _TABLE_START.finditer(data):
        name = html.unescape(m.group(1).decode("utf-8", "replace"))
        if name not in wanted:
            continue
        end = data.find(b"</table:table>", m.start())
        if end < 0:
            continue
        doc = root.group(0) + data[m.start() : end + len(b"</table:table>")]
        doc += b"</office:document-content>"
        tree = etree.fromstring(doc, parser)
        r = 0
        for row in tree.iter(tag_row):
            rep = int(row.get(a_rows_rep, "1") or 1)
            c = 0
            links: list[tuple[int, tuple]] = []
            texts: list[str] = []
            for cell in row:
                if cell.tag not in tag_cells:
                    continue
                crep = int(cell.get(a_cols_rep, "1") or 1)
                formula = cell.get(a_formula)
                if formula and "HYPERLINK" in formula:
                    um = _HYPERLINK_URL.search(formula)
                    target = _link_target(um.group(1)) if um else None
                    if target is not None:
                        links.append((c, target))
                if len(texts) < 8:
                    texts.append(" ".join("".join(cell.itertext()).split()))
                c += crep
                if c > 64 and links:
                    break
            for col, target in links:
                out[(name, r, col)] = (target, tuple(texts))
            r += rep
    return out


def _attach_links(frames: list[pd.DataFrame], wbs: Sequence[_Workbook]) -> None:
    """Add ``link_kind``/``link_value`` columns from the HYPERLINK formulas, in place."""
    by_file = {wb.file: wb for wb in wbs}
    for df in frames:
        if df.empty:
            continue
        kinds: list[Any] = [None] * len(df)
        vals: list[Any] = [None] * len(df)
        for file, part in df.groupby("file", sort=False):
            wb = by_file[file]
            links = _read_links(Path(wb.path), part["sheet"].unique())
            for pos, (sheet, row, col, name) in zip(
                df.index.get_indexer(part.index),
                part[["sheet", "row", "web_col", "authority_name"]].itertuples(index=False),
                strict=True,
            ):
                if _is_missing(col):
                    continue
                hit = links.get((sheet, int(row), int(col)))
                if hit is None:
                    continue
                (kind, value), texts = hit
                key = normalise_authority_name(name)
                if not any(normalise_authority_name(t) == key for t in texts):
                    continue  # rows out of step: do not trust the link
                kinds[pos], vals[pos] = kind, value
        df["link_kind"] = kinds
        df["link_value"] = vals


def read_la_codes(paths: PathLike | Iterable[PathLike] | None = None) -> dict[int, int]:
    """Ofsted URN -> old three-digit LA code, read from the "Web link" formulas.

    The 2022 and 2023 releases (and the 2024 ILACS history sheet) link most
    authorities' pages by URN (``/provider/44/80449``), the 2024 and 2025 latest
    and in-year sheets by LA code (``/provider/44/380``). A link id of three
    digits is an LA code, a longer one a URN. The two are paired through the
    authority's normalised name across all the releases given: each sheet casts
    one vote for each (authority, id) it links (weight 2 for history and
    latest-inspection sheets, 1 for in-year sheets, whose links are most often out
    of step), an id belongs to the authority holding more than half of its votes,
    and an authority takes the id it owns with most votes. Only pairs where both
    ids are owned that way are returned, and the registry is not consulted. With
    the four releases of the corpus that is 102 authorities; the others are never
    linked by URN (or their code is disputed, e.g. 941 for both Northamptonshires).
    A single release that links by one kind of id only yields an empty mapping.

    Parameters
    ----------
    paths : path, folder, iterable of paths, or None
        The releases to read.

    Returns
    -------
    dict of int to int
        URN to LA code, e.g. ``{80449: 380, ...}``.
    """
    wbs = _load(paths)
    frames = [df for wb in wbs for df in (wb.inspections, wb.visits) if not df.empty]
    if not frames:
        return {}
    frames = [f.copy() for f in frames]
    _attach_links(frames, wbs)
    identities = _resolve_identities(frames)
    out: dict[int, int] = {}
    for urn, code in identities.values():  # each id has at most one owner
        if urn is not None and code is not None:
            out[int(urn)] = int(code)
    return dict(sorted(out.items()))
