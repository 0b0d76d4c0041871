"""The timeline plot: an authority's documents and dated events on one time axis.

Lanes hold inspections (coloured by overall grade), JTAI letters, visits
(monitoring and focused), DfE actions and governance changes. A filled marker is
a document whose text is held; a hollow one is a dated fact with no text (from
the official statistics or ``events.csv``). DfE notices and a trust's start are
also drawn as vertical lines across all lanes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofstedmine.viz._style import (
    GRADE_COLOURS,
    GRADE_ORDER,
    GRADE_SHORT,
    grade_colour,
    grade_key,
    kind_label,
    new_figure,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from ofstedmine.corpus import Corpus

from ofstedmine.types import TIMELINE_COLUMNS

__all__ = ["TIMELINE_FRAME_COLUMNS", "plot_timeline", "timeline_from_corpus", "with_grades"]

#: Columns of :func:`timeline_from_corpus`: those of
#: :func:`ofstedmine.sources.events.timeline` plus ``overall`` and ``framework``.
TIMELINE_FRAME_COLUMNS = [*TIMELINE_COLUMNS, "overall", "framework"]
_DOC_TO_EVENT = {
    "full_inspection": "inspection",
    "joint_area_review": "inspection",
    "lscb_review": "inspection",
    "monitoring_visit": "monitoring_visit",
    "focused_visit": "focused_visit",
    "jtai": "jtai",
    "dfe_direction": "dfe_direction",
    "dfe_improvement_notice": "dfe_improvement_notice",
}
_LANES = [
    ("Inspections", ("inspection",)),
    ("JTAI", ("jtai",)),
    ("Visits", ("monitoring_visit", "focused_visit")),
    ("DfE", ("dfe_improvement_notice", "dfe_direction", "dfe_announcement")),
    ("Governance", ("trust_go_live",)),
]
_MARKERS = {
    "inspection": ("o", 150),
    "jtai": ("s", 80),
    "monitoring_visit": ("v", 70),
    "focused_visit": ("^", 80),
    "dfe_improvement_notice": ("D", 60),
    "dfe_direction": ("D", 60),
    "dfe_announcement": ("d", 60),
    "trust_go_live": ("*", 200),
}
_KIND_COLOURS = {
    "jtai": "#6a3d9a",
    "monitoring_visit": "#1f78b4",
    "focused_visit": "#33a02c",
    "dfe_improvement_notice": "#e31a1c",
    "dfe_direction": "#b15928",
    "dfe_announcement": "#ff7f00",
    "trust_go_live": "#006d2c",
}
_VERTICAL = {"dfe_improvement_notice", "dfe_direction", "trust_go_live"}


def timeline_from_corpus(corpus: Corpus, *, authority: str | None = None) -> pd.DataFrame:
    """A timeline frame of a corpus: its documents (text held) and its events.

    The columns are those of :func:`ofstedmine.sources.events.timeline` plus
    ``overall`` (the document's overall grade) and ``framework``. An event whose
    ``document_id`` is a held document is shown once, as the document.

    >>> from ofstedmine.corpus import Corpus
    >>> list(timeline_from_corpus(Corpus()).columns) == TIMELINE_FRAME_COLUMNS
    True
    """
    import pandas as pd

    if authority is not None:
        corpus = corpus.filter(authority=authority)
    rows: list[dict[str, Any]] = []
    held = set()
    for doc, exs in corpus:
        held.add(doc.id)
        first = exs[0] if exs else None
        m = first.metadata if first else None
        kind = m.kind.value if m and m.kind.value != "other" else doc.kind.value
        framework = m.framework.value if m and m.framework.value != "none" else doc.framework.value
        pub = doc.publication
        rows.append(
            {
                "date": corpus.date_of(doc),
                "date_precision": "day",
                "kind": _DOC_TO_EVENT.get(kind, "publication"),
                "title": (pub.kind_label if pub and pub.kind_label else None)
                or kind_label(kind, framework),
                "authority": doc.authority or (m.authority if m else None),
                "source": "corpus",
                "text_held": True,
                "path": doc.source_name,
                "url": pub.url if pub else None,
                "document_id": doc.id,
                "themes": (),
                "overall": first.overall.value if first and first.overall else None,
                "framework": framework,
            }
        )
    for ev in corpus.events:
        if ev.document_id and ev.document_id in held:
            continue
        rows.append(
            {
                "date": ev.date,
                "date_precision": ev.date_precision.value,
                "kind": ev.kind.value,
                "title": ev.title,
                "authority": ev.authority,
                "source": ev.source,
                "text_held": bool(ev.document_id),
                "path": None,
                "url": ev.source_url,
                "document_id": ev.document_id,
                "themes": tuple(ev.themes),
                "overall": None,
                "framework": None,
            }
        )
    frame = pd.DataFrame(rows, columns=TIMELINE_FRAME_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["text_held"] = frame["text_held"].astype(bool)
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def with_grades(timeline: pd.DataFrame, judgements: pd.DataFrame | None) -> pd.DataFrame:
    """The timeline with ``overall`` (and ``framework``) filled from a judgements or
    documents frame, matched on ``document_id``."""
    df = timeline.copy()
    if "overall" not in df.columns:
        df["overall"] = None
    if "framework" not in df.columns:
        df["framework"] = None
    if judgements is None or len(judgements) == 0 or "document_id" not in judgements.columns:
        return df
    grade: dict[str, Any] = {}
    framework: dict[str, Any] = {}
    for rec in judgements.to_dict("records"):
        doc = rec.get("document_id")
        if not doc:
            continue
        if rec.get("framework") and doc not in framework:
            framework[doc] = rec["framework"]
        if grade_key(rec.get("overall")):
            grade.setdefault(doc, rec["overall"])
        if rec.get("area") == "overall" and grade_key(rec.get("grade")):
            grade.setdefault(doc, rec["grade"])
    df["overall"] = [
        o if grade_key(o) else grade.get(d) for o, d in zip(df["overall"], df["document_id"])
    ]
    df["framework"] = [
        f if isinstance(f, str) and f else framework.get(d)
        for f, d in zip(df["framework"], df["document_id"])
    ]
    return df


def plot_timeline(
    data: pd.DataFrame | Corpus,
    *,
    judgements: pd.DataFrame | None = None,
    authority: str | None = None,
    title: str | None = None,
    annotate: bool = True,
) -> Figure:
    """Draw an authority's documents and events on one time axis.

    Parameters
    ----------
    data
        A timeline frame (``ofstedmine.timeline(...)`` or
        :func:`timeline_from_corpus`) or a :class:`~ofstedmine.corpus.Corpus`.
    judgements
        A judgements or documents frame to colour inspections by overall grade
        (not needed when ``data`` has an ``overall`` column or is a corpus).
    authority
        Keep only this authority's rows (registry id as in the ``authority`` column).
    title
        Figure title.
    annotate
        Write the grade and date beside each inspection and label the trust's start.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2018-10-29", "2021-09-01"]),
    ...                    "kind": ["inspection", "dfe_direction"], "title": ["ILACS", "Direction"],
    ...                    "text_held": [True, False], "overall": ["inadequate", None]})
    >>> [t.get_text() for t in plot_timeline(tl).axes[0].get_yticklabels()]
    ['DfE', 'Inspections']
    """
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.lines import Line2D

    if not isinstance(data, pd.DataFrame):
        df = timeline_from_corpus(data, authority=authority)
    else:
        df = data
        if authority is not None and "authority" in df.columns:
            df = df[df["authority"].isna() | (df["authority"] == authority)]
    df = with_grades(df, judgements)
    df = df[df["date"].notna()].copy()
    df["date"] = pd.to_datetime(df["date"])
    if "text_held" not in df.columns:
        df["text_held"] = df.get("document_id", pd.Series(index=df.index)).notna()
    if "date_precision" not in df.columns:
        df["date_precision"] = "day"

    lanes = [(name, kinds) for name, kinds in _LANES if df["kind"].isin(kinds).any()]
    known = {k for _, kinds in _LANES for k in kinds}
    if (~df["kind"].isin(known)).any():
        lanes.append(("Other", tuple(sorted(set(df["kind"]) - known))))
    lane_of = {k: i for i, (_, kinds) in enumerate(lanes) for k in kinds}
    n = max(len(lanes), 1)
    fig = new_figure(12, 1.4 + 0.75 * n)
    ax = fig.add_subplot()

    for rec in df.to_dict("records"):
        kind = rec["kind"]
        y = n - 1 - lane_of.get(kind, n - 1)
        x = rec["date"]
        marker, size = _MARKERS.get(kind, ("o", 50))
        colour = (
            grade_colour(rec.get("overall"))
            if kind == "inspection"
            else _KIND_COLOURS.get(kind, "#555555")
        )
        held = bool(rec.get("text_held"))
        if rec.get("date_precision") in ("month", "year"):
            days = 30 if rec["date_precision"] == "month" else 365
            ax.plot([x, x + pd.Timedelta(days=days)], [y, y], color=colour, lw=4, alpha=0.35,
                    solid_capstyle="butt", zorder=2)  # fmt: skip
        if kind in _VERTICAL:
            style = "-" if kind == "trust_go_live" else (0, (4, 3))
            ax.axvline(x, color=colour, lw=1.4 if kind == "trust_go_live" else 0.9, ls=style,
                       alpha=0.6, zorder=1)  # fmt: skip
        ax.scatter([x], [y], marker=marker, s=size, zorder=3, linewidths=1.8,
                   facecolors=colour if held else "white", edgecolors=colour)  # fmt: skip
        if annotate and kind == "inspection":
            g = grade_key(rec.get("overall"))
            text = f"{kind_label('inspection', rec.get('framework'))}\n{GRADE_SHORT.get(g or '', 'no grade')}"
            ax.annotate(text, (x, y), xytext=(0, 12), textcoords="offset points", ha="center",
                        va="bottom", fontsize=7, color="#222222")  # fmt: skip
        if annotate and kind == "trust_go_live":
            ax.annotate(f"Trust from {x:%b %Y}", (x, y), xytext=(6, -14),
                        textcoords="offset points", fontsize=7, color=colour)  # fmt: skip

    ax.set_yticks(range(n))
    ax.set_yticklabels([name for name, _ in reversed(lanes)] or [""], fontsize=9)
    ax.set_ylim(-0.7, n - 0.2 + 0.6)
    if len(df):
        lo, hi = df["date"].min(), df["date"].max()
        pad = pd.Timedelta(days=max(120, int((hi - lo).days * 0.04)))
        ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not len(df):
        ax.text(0.5, 0.5, "nothing dated to show", transform=ax.transAxes, ha="center")

    handles = [
        Line2D([], [], marker="o", ls="", color="#555555", markerfacecolor="#555555",
               label="text held"),
        Line2D([], [], marker="o", ls="", color="#555555", markerfacecolor="white",
               markeredgewidth=1.8, label="date only (no text held)"),
    ]  # fmt: skip
    grades_seen = {grade_key(g) for g in df.get("overall", []) if grade_key(g)}
    for g in GRADE_ORDER:
        if g in grades_seen:
            handles.append(Line2D([], [], marker="o", ls="", color=GRADE_COLOURS[g],
                                  label=GRADE_SHORT[g]))  # fmt: skip
    for kind in ("monitoring_visit", "focused_visit", "jtai", "dfe_direction", "trust_go_live"):
        if (df["kind"] == kind).any():
            marker, _ = _MARKERS[kind]
            handles.append(Line2D([], [], marker=marker, ls="", color=_KIND_COLOURS[kind],
                                  label=kind_label(kind)))  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 6),
               fontsize=8, frameon=False)  # fmt: skip
    fig.suptitle(title or "Timeline", fontsize=11)
    return fig
