"""Shared colours, labels and the figure factory of the plots.

Figures are built with :class:`matplotlib.figure.Figure` and an Agg canvas, never
through :mod:`matplotlib.pyplot`: no global figure list, no backend switch, nothing
left behind in the caller's session.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Colour of each grade (worst to best), and of "no grade".
GRADE_COLOURS: dict[str, str] = {
    "inadequate": "#b2182b",
    "adequate": "#f1c232",
    "requires_improvement": "#e69f00",
    "good": "#4dac26",
    "outstanding": "#1b7837",
    "none": "#9e9e9e",
}
#: Short printed form of each grade.
GRADE_SHORT: dict[str, str] = {
    "inadequate": "Inadequate",
    "adequate": "Adequate",
    "requires_improvement": "Requires impr.",
    "good": "Good",
    "outstanding": "Outstanding",
}
#: Grades in order, worst first.
GRADE_ORDER = ("inadequate", "adequate", "requires_improvement", "good", "outstanding")
#: Colour of each polarity of a finding.
POLARITY_COLOURS: dict[str, str] = {
    "concern": "#c0392b",
    "strength": "#2166ac",
    "mixed": "#7b3294",
    "neutral": "#8c8c8c",
}
_FRAMEWORK_SHORT = {
    "pre_sif_2013": "pre-SIF",
    "sif": "SIF",
    "ilacs_2018": "ILACS",
    "ilacs_2023": "ILACS 2023",
    "ilacs_2026": "ILACS 2026",
}
_KIND_SHORT = {
    "full_inspection": "Inspection",
    "inspection": "Inspection",
    "jtai": "JTAI",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "joint_area_review": "Joint area review",
    "lscb_review": "LSCB review",
    "dfe_direction": "DfE direction",
    "dfe_improvement_notice": "Improvement notice",
    "dfe_announcement": "DfE announcement",
    "trust_go_live": "Trust go-live",
    "news": "News",
    "council_minutes": "Council minutes",
}


def grade_key(value: Any) -> str | None:
    """A grade value as a colour key (``None`` when missing or unknown)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(getattr(value, "value", value)).strip().lower().replace(" ", "_")
    if text.startswith("requires_improvement"):
        return "requires_improvement"
    return text if text in GRADE_COLOURS and text != "none" else None


def grade_colour(value: Any) -> str:
    """The colour of a grade (grey when there is none)."""
    return GRADE_COLOURS[grade_key(value) or "none"]


def kind_label(kind: Any, framework: Any = None) -> str:
    """A short label for a document or event kind, e.g. ``"ILACS"`` or ``"JTAI"``."""
    k = str(getattr(kind, "value", kind) or "")
    f = str(getattr(framework, "value", framework) or "")
    if k in ("full_inspection", "inspection") and f in _FRAMEWORK_SHORT:
        return _FRAMEWORK_SHORT[f]
    return _KIND_SHORT.get(k, k.replace("_", " ").capitalize() or "Document")


def as_date(value: Any) -> dt.date | None:
    """A date from a date, datetime, Timestamp or ISO string; ``None`` if missing."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def new_figure(width: float, height: float) -> Figure:
    """A Figure on its own Agg canvas (no pyplot, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    # Notebooks show a figure by its PNG, with no pyplot and no inline backend.
    fig._repr_png_ = lambda: figure_png(fig)  # type: ignore[attr-defined]
    return fig


def figure_png(fig: Figure, *, dpi: int = 110) -> bytes:
    """The figure rendered as PNG bytes.

    >>> fig = new_figure(2, 1)
    >>> figure_png(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def figure_data_uri(fig: Figure, *, dpi: int = 110) -> str:
    """The figure as a ``data:image/png;base64,...`` URI, for self-contained HTML."""
    import base64

    return "data:image/png;base64," + base64.b64encode(figure_png(fig, dpi=dpi)).decode("ascii")
