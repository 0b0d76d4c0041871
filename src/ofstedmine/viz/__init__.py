"""viz: plots and the interactive theme graph.

Every plot function builds its own :class:`matplotlib.figure.Figure` on an Agg
canvas (pyplot is never used, so nothing leaks into the caller's session) and
returns it; save it with ``fig.savefig(...)`` or show it in a notebook.

``plot_persistence_heatmap(matrix_df, *, judgements=None, title=None)``
    themes × documents in time order, concern and strength told apart, each
    document's overall grade along the top.
``plot_timeline(timeline_df_or_corpus, ...)``
    documents, grades and dated events (DfE notices, a trust's start, monitoring
    visits); filled markers where the text is held, hollow where it is not.
``plot_national_grades(judgements_df)``
    grade distribution by year and by framework.
``interactive_graph_html(G, path=None) -> str``
    the theme graph as one self-contained offline HTML page.
``figure_png(fig)``, ``figure_data_uri(fig)``
    a figure as PNG bytes or a ``data:`` URI.

Matplotlib is imported on first use, not when this package is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "figure_data_uri",
    "figure_png",
    "interactive_graph_html",
    "plot_national_grades",
    "plot_persistence_heatmap",
    "plot_timeline",
    "timeline_from_corpus",
]

_LAZY = {
    "figure_data_uri": "ofstedmine.viz._style",
    "figure_png": "ofstedmine.viz._style",
    "interactive_graph_html": "ofstedmine.viz.graph_html",
    "plot_national_grades": "ofstedmine.viz.national",
    "plot_persistence_heatmap": "ofstedmine.viz.heatmap",
    "plot_timeline": "ofstedmine.viz.timeline",
    "timeline_from_corpus": "ofstedmine.viz.timeline",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'ofstedmine.viz' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover
    from ofstedmine.viz._style import figure_data_uri, figure_png
    from ofstedmine.viz.graph_html import interactive_graph_html
    from ofstedmine.viz.heatmap import plot_persistence_heatmap
    from ofstedmine.viz.national import plot_national_grades
    from ofstedmine.viz.timeline import plot_timeline, timeline_from_corpus
