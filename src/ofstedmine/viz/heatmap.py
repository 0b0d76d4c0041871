"""The persistence heatmap: themes down the side, documents across in time order.

Each cell says how a document raised a theme: as a concern (red, ``!``), a
strength (blue, ``+``), both (purple, ``±``) or neutrally (grey, ``·``); blank
when the document does not raise it. A strip along the top carries each
document's overall grade.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ofstedmine.viz._style import (
    GRADE_COLOURS,
    GRADE_SHORT,
    POLARITY_COLOURS,
    as_date,
    grade_key,
    kind_label,
    new_figure,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "CodedMatrix",
    "balance_matrix",
    "coded_matrix",
    "plot_persistence_heatmap",
    "theme_labels",
]

#: Cell codes of :func:`coded_matrix`.
NONE, CONCERN, STRENGTH, MIXED, NEUTRAL = 0, 1, 2, 3, 4
_BALANCE_OF = {"concern": -1.0, "strength": 1.0, "improved": 1.0, "mixed": 0.0}
_GLYPH = {CONCERN: "!", STRENGTH: "+", MIXED: "±", NEUTRAL: "·"}
_COLOUR = {
    CONCERN: POLARITY_COLOURS["concern"],
    STRENGTH: POLARITY_COLOURS["strength"],
    MIXED: POLARITY_COLOURS["mixed"],
    NEUTRAL: "#bdbdbd",
}
_HEX = re.compile(r"^(?:doc:)?([0-9a-f]{8,64})(?:#(\d+))?$")
_DOC_KEYS = ("document_id", "document", "report", "node", "column", "doc")


class CodedMatrix(NamedTuple):
    """A persistence matrix reduced to what the heatmap draws."""

    rows: list[Any]
    columns: list[Any]
    codes: Any  # int array: NONE, CONCERN, STRENGTH, MIXED, NEUTRAL
    intensity: Any  # float array 0..1: how much the document says (paler = less)
    balance: Any  # float array -1 (all concern) .. +1 (all strength); NaN if none


def _cell(value: Any) -> tuple[float, float]:
    """(volume, balance) of one matrix cell; balance is NaN for a neutral mention."""
    nan = float("nan")
    if value is None or isinstance(value, float) and math.isnan(value):
        return 0.0, nan
    if isinstance(value, Mapping):
        c = float(value.get("concern", 0) or 0) + float(value.get("recommendations", 0) or 0)
        s = float(value.get("strength", 0) or 0)
        m = float(value.get("mixed", 0) or 0)
        n = float(value.get("neutral", 0) or 0)
        if c + s + m == 0:
            return (n, nan) if n else (0.0, nan)
        return c + s + m, (s - c) / (c + s + m)
    if isinstance(value, bool):
        return (1.0, -1.0) if value else (0.0, nan)
    if isinstance(value, (int, float)) or type(value).__name__.startswith(("int", "float")):
        v = float(value)
        if math.isnan(v) or v == 0:
            return 0.0, nan
        # persistence_matrix(values="net"): strength minus concern.
        return abs(v), (1.0 if v > 0 else -1.0)
    text = str(getattr(value, "value", value)).strip().lower()
    if not text or text in ("nan", "none", "<na>", "nat"):
        return 0.0, nan
    return 1.0, _BALANCE_OF.get(text, nan)


def _code(volume: float, balance: float) -> int:
    if volume <= 0:
        return NONE
    if math.isnan(balance):
        return NEUTRAL
    if balance <= -1 / 3:
        return CONCERN
    if balance >= 1 / 3:
        return STRENGTH
    return MIXED


def coded_matrix(matrix: pd.DataFrame) -> CodedMatrix:
    """Rows, columns, cell codes, intensities and balances of a persistence matrix.

    Accepts the wide theme × document frame of
    :func:`ofstedmine.analysis.persistence.persistence_matrix` (cells: polarity
    strings as ``values="category"`` gives, or signed counts as ``values="net"``
    gives: strength positive, concern negative), the frame of
    :func:`balance_matrix` (dicts of counts per polarity), booleans meaning
    concern, or a long frame with ``theme``, a document column (``document_id``,
    ``report``, ...) and ``polarity`` (and optionally ``count``).

    A cell's balance runs from -1 (only concern) to +1 (only strength); its code
    is concern below -1/3, strength above +1/3, mixed between.

    >>> import pandas as pd
    >>> coded_matrix(pd.DataFrame({"d1": ["concern", None]}, index=["a", "b"])).codes.tolist()
    [[1], [0]]
    """
    import numpy as np

    df = matrix
    if "theme" in df.columns and "polarity" in df.columns:
        doc_col = next((c for c in _DOC_KEYS if c in df.columns), None)
        if doc_col is not None:
            df = _pivot_long(df, doc_col)
    rows = list(df.index)
    cols = list(df.columns)
    volume = np.zeros((len(rows), len(cols)), dtype=float)
    balance = np.full((len(rows), len(cols)), np.nan)
    for i, (_, row) in enumerate(df.iterrows()):
        for j, value in enumerate(row.tolist()):
            volume[i, j], balance[i, j] = _cell(value)
    codes = (
        np.vectorize(_code, otypes=[int])(volume, balance) if volume.size else volume.astype(int)
    )
    top = volume.max() if volume.size else 0.0
    # Square root: a document that says ten times more is not ten times darker.
    intensity = np.sqrt(volume / top) if top > 0 else volume
    return CodedMatrix(rows, cols, codes, intensity, balance)


def balance_matrix(concern: pd.DataFrame, strength: pd.DataFrame) -> pd.DataFrame:
    """Theme × document cells of ``{"concern": c, "strength": s}`` from the
    ``values="concern"`` and ``values="strength"`` matrices of
    :func:`~ofstedmine.analysis.persistence.persistence_matrix`, so the heatmap can
    show the balance of each cell and how much was said.

    >>> import pandas as pd
    >>> m = balance_matrix(pd.DataFrame({"d": [-2]}, index=["t"]), pd.DataFrame({"d": [1]}, index=["t"]))
    >>> m.loc["t", "d"]
    {'concern': 2, 'strength': 1}
    """
    import pandas as pd

    strength = strength.reindex(index=concern.index, columns=concern.columns, fill_value=0)
    out = pd.DataFrame(index=concern.index, columns=concern.columns, dtype=object)
    for t in concern.index:
        for c in concern.columns:
            out.at[t, c] = {
                "concern": abs(int(concern.at[t, c])),
                "strength": int(strength.at[t, c]),
            }
    out.attrs.update(concern.attrs)
    return out


def _pivot_long(df: pd.DataFrame, doc_col: str) -> pd.DataFrame:
    import pandas as pd

    order = list(dict.fromkeys(df[doc_col].tolist()))
    if "date" in df.columns:
        dates = df.groupby(doc_col, sort=False)["date"].min()
        order = sorted(
            order,
            key=lambda d: (
                pd.Timestamp(dates.get(d)) if pd.notna(dates.get(d)) else pd.Timestamp.max
            ),
        )
    cells: dict[tuple[Any, Any], dict[str, float]] = {}
    for rec in df.to_dict("records"):
        key = (rec["theme"], rec[doc_col])
        acc = cells.setdefault(key, {})
        p = str(rec.get("polarity") or "neutral")
        acc[p] = acc.get(p, 0.0) + float(rec.get("count", 1) or 1)
    themes = list(dict.fromkeys(df["theme"].tolist()))
    wide = pd.DataFrame(index=themes, columns=order, dtype=object)
    for (t, d), acc in cells.items():
        wide.at[t, d] = acc
    return wide


def theme_labels(themes: Sequence[Any]) -> dict[Any, str]:
    """Codebook labels of theme ids (ids not in the codebook keep their id in words)."""
    labels: dict[str, str] = {}
    try:
        from ofstedmine.extract.codebook import load_codebook

        labels = {t.id: t.label for t in load_codebook().themes}
    except Exception:  # noqa: BLE001 - labels are a nicety; the ids still say it
        labels = {}
    out = {}
    for t in themes:
        key = str(t).removeprefix("theme:")
        out[t] = labels.get(key) or key.replace("_", " ").capitalize()
    return out


def _columns_info(
    columns: Sequence[Any], judgements: Any, described: Sequence[Mapping[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Per column: ``label`` (tick text), ``grade`` (grade key or None), ``date``.

    ``described`` is ``persistence_matrix(...).attrs["documents"]``: per column its
    graph node id, date and kind."""
    import pandas as pd

    info = []
    by_doc: dict[tuple[str, int], dict[str, Any]] = {}
    if isinstance(judgements, pd.DataFrame) and "document_id" in judgements.columns:
        by_doc = _doc_facts(judgements)
    meta = {m.get("column"): m for m in described if isinstance(m, Mapping)}
    for col in columns:
        parts = col if isinstance(col, tuple) else (col,)
        described_col = meta.get(col)
        if described_col and described_col.get("node"):
            parts = (described_col["node"], *parts)
        facts: dict[str, Any] = {}
        if isinstance(judgements, Mapping):
            got = judgements.get(col)
            if got is None:
                got = next((judgements[p] for p in parts if p in judgements), None)
            if isinstance(got, Mapping):
                facts = dict(got)
            elif got is not None:
                facts = {"grade": got}
        elif by_doc:
            for p in parts:
                hexed = _HEX.match(str(p))
                if not hexed:
                    continue
                key, part = hexed.group(1), int(hexed.group(2) or 1)
                hits = [v for (d, pt), v in by_doc.items() if d.startswith(key) and pt == part]
                hits = hits or [v for (d, _), v in by_doc.items() if d.startswith(key)]
                if hits:
                    facts = hits[0]
                    break
        if described_col:
            known = {k: v for k, v in facts.items() if v is not None}
            facts = {"date": described_col.get("date"), "kind": described_col.get("kind"), **known}
        date = as_date(facts.get("date"))
        if date is None:
            date = next((as_date(p) for p in parts if as_date(p) is not None), None)
        label = facts.get("label")
        if not label:
            head = date.strftime("%b %Y") if date else _short(parts[0])
            kind = facts.get("kind")
            label = f"{head}\n{kind_label(kind, facts.get('framework'))}" if kind else head
        info.append({"label": str(label), "grade": grade_key(facts.get("grade")), "date": date})
    return info


def _short(value: Any) -> str:
    text = str(value)
    m = _HEX.match(text)
    if m:
        return m.group(1)[:8] + (f"#{m.group(2)}" if m.group(2) else "")
    return text if len(text) <= 18 else text[:17] + "…"


def _doc_facts(frame: pd.DataFrame) -> dict[tuple[str, int], dict[str, Any]]:
    """(document_id, part) -> grade, date, kind, framework from a judgements or
    documents frame."""
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for rec in frame.to_dict("records"):
        doc = str(rec.get("document_id") or "")
        if not doc:
            continue
        part = rec.get("part")
        key = (doc, int(part) if part is not None and not _isnan(part) else 1)
        facts = out.setdefault(
            key,
            {
                "date": rec.get("date", rec.get("published")),
                "kind": rec.get("kind"),
                "framework": rec.get("framework"),
                "grade": None,
            },
        )
        if "overall" in rec and grade_key(rec.get("overall")):
            facts["grade"] = rec["overall"]
        if rec.get("area") == "overall" and grade_key(rec.get("grade")):
            facts["grade"] = rec["grade"]
    return out


def _isnan(v: Any) -> bool:
    try:
        return bool(v != v)
    except (TypeError, ValueError):
        return False


def plot_persistence_heatmap(
    matrix_df: pd.DataFrame,
    *,
    judgements: pd.DataFrame | Mapping[Any, Any] | None = None,
    title: str | None = None,
    labels: Mapping[Any, str] | None = None,
    max_themes: int | None = 40,
    order: str = "concern",
    glyphs: bool = True,
) -> Figure:
    """Draw a theme × document persistence matrix, documents in time order.

    Parameters
    ----------
    matrix_df
        Themes as rows and documents as columns, in time order: the output of
        ``ofstedmine.analysis.persistence.persistence_matrix`` (``values=
        "category"`` or ``"net"``), of :func:`balance_matrix` (concern and
        strength counts per cell: the most telling), or a long frame (see
        :func:`coded_matrix`). Each cell is coloured on a scale from red (only
        concern) through purple (both) to blue (only strength), paler when the
        document says less, and marked ``!``, ``±`` or ``+``; grey ``·`` is a
        neutral mention, blank is no mention.
    judgements
        Grades for the strip along the top: a judgements or documents frame
        (``corpus.judgements()``, ``corpus.documents_frame()``) matched to the
        columns by document id, or a mapping column -> grade (or -> dict with
        ``grade``, ``label``, ``date``).
    title
        Figure title.
    labels
        Row labels by theme id (default: the codebook's labels).
    max_themes
        Keep the themes marked in most documents (None keeps all).
    order
        ``"concern"``: themes raised as a concern in most documents first;
        ``"label"``: alphabetical; ``"given"``: as in ``matrix_df``.
    glyphs
        Print ``!``, ``+``, ``±``, ``·`` in marked cells (readable in grey print).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"d1": ["concern", None], "d2": ["concern", "strength"]},
    ...                  index=["caseloads", "drift_and_delay"])
    >>> fig = plot_persistence_heatmap(m, judgements={"d1": "inadequate", "d2": "good"})
    >>> len(fig.axes) >= 2
    True
    """
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap, to_rgba
    from matplotlib.patches import Patch

    coded = coded_matrix(matrix_df)
    rows, cols = coded.rows, coded.columns
    codes, intensity, balance = coded.codes, coded.intensity, coded.balance
    names = dict(labels) if labels is not None else theme_labels(rows)
    idx = list(range(len(rows)))
    if max_themes is not None and len(rows) > max_themes:
        idx = sorted(np.argsort(-(codes > 0).sum(axis=1), kind="stable")[:max_themes].tolist())
    if order == "concern":
        idx.sort(key=lambda i: (-int((codes[i] == CONCERN).sum()), -int((codes[i] == MIXED).sum()),
                                names.get(rows[i], str(rows[i]))))  # fmt: skip
    elif order == "label":
        idx.sort(key=lambda i: names.get(rows[i], str(rows[i])))
    rows = [rows[i] for i in idx]
    codes, intensity, balance = codes[idx], intensity[idx], balance[idx]
    info = _columns_info(cols, judgements, matrix_df.attrs.get("documents") or ())
    n_rows, n_cols = max(len(rows), 1), max(len(cols), 1)
    width = min(max(4.5 + 0.6 * n_cols, 7.0), 22.0)
    height = min(max(2.2 + 0.3 * n_rows, 3.5), 30.0)
    fig = new_figure(width, height)
    grid = fig.add_gridspec(2, 1, height_ratios=[0.9, max(n_rows, 2)], hspace=0.02)
    ax_top = fig.add_subplot(grid[0])
    ax = fig.add_subplot(grid[1], sharex=ax_top)

    scale = LinearSegmentedColormap.from_list(
        "concern_strength", [_COLOUR[CONCERN], _COLOUR[MIXED], _COLOUR[STRENGTH]]
    )
    rgba = np.ones((n_rows, n_cols, 4))
    for i in range(len(rows)):
        for j in range(len(cols)):
            code = codes[i, j]
            if code == NONE:
                continue
            if code == NEUTRAL:
                base = np.array(to_rgba(_COLOUR[NEUTRAL]))
            else:
                base = np.array(scale((float(balance[i, j]) + 1) / 2))
            alpha = 0.45 + 0.55 * float(intensity[i, j])
            rgba[i, j] = base * alpha + np.ones(4) * (1 - alpha)
            rgba[i, j, 3] = 1.0
    ax.imshow(rgba, aspect="auto", interpolation="nearest")
    ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.grid(which="minor", color="#e0e0e0", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    if glyphs and len(rows) * len(cols) <= 2500:
        for i in range(len(rows)):
            for j in range(len(cols)):
                code = codes[i, j]
                if code != NONE:
                    dark = intensity[i, j] > 0.5 and code != NEUTRAL
                    ax.text(j, i, _GLYPH[code], ha="center", va="center", fontsize=8,
                            color="white" if dark else "#333333")  # fmt: skip
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([names.get(r, str(r)) for r in rows], fontsize=8)
    ax.set_xticks(range(len(cols)))
    ax.set_xticklabels([c["label"] for c in info], fontsize=8, rotation=0)
    if not rows:
        ax.text(0.5, 0.5, "no themes raised", transform=ax.transAxes, ha="center", va="center")

    # The grade strip.
    strip = np.ones((1, n_cols, 4))
    for j, c in enumerate(info):
        strip[0, j] = to_rgba(GRADE_COLOURS[c["grade"] or "none"], 1.0 if c["grade"] else 0.25)
    ax_top.imshow(strip, aspect="auto", interpolation="nearest")
    for j, c in enumerate(info):
        text = GRADE_SHORT.get(c["grade"] or "", "no grade")
        ax_top.text(j, 0, text, ha="center", va="center", fontsize=7,
                    color="white" if c["grade"] else "#555555",
                    rotation=90 if n_cols > 14 else 0)  # fmt: skip
    ax_top.set_yticks([0])
    ax_top.set_yticklabels(["overall grade"], fontsize=8)
    ax_top.tick_params(axis="x", which="both", bottom=False, labelbottom=False)
    for side in ("top", "right", "left", "bottom"):
        ax_top.spines[side].set_visible(False)

    legend = [
        Patch(facecolor=_COLOUR[CONCERN], label="! mostly concern"),
        Patch(facecolor=_COLOUR[MIXED], label="± both"),
        Patch(facecolor=_COLOUR[STRENGTH], label="+ mostly strength"),
        Patch(facecolor=_COLOUR[NEUTRAL], label="· neutral mention"),
    ]
    fig.legend(handles=legend, loc="outside lower center", ncol=4, fontsize=8, frameon=False,
               title="paler: fewer findings", title_fontsize=7)  # fmt: skip
    fig.suptitle(title or "Themes raised, document by document", fontsize=11)
    return fig
