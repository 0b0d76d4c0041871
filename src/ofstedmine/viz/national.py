"""National grade distribution: how many authorities got each grade, by year and
by framework."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ofstedmine.viz._style import (
    GRADE_COLOURS,
    GRADE_ORDER,
    GRADE_SHORT,
    grade_key,
    kind_label,
    new_figure,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["grade_counts", "plot_national_grades"]

_FRAMEWORKS = ("pre_sif_2013", "sif", "ilacs_2018", "ilacs_2023", "ilacs_2026")
_DATE_COLUMNS = ("date", "published", "inspection_end", "inspection_start")


def grade_counts(
    judgements: pd.DataFrame, *, areas: Sequence[str] = ("overall",), by: str = "year"
) -> pd.DataFrame:
    """Counts of each grade by ``year`` or ``framework`` (rows) for the given areas.

    Takes a judgements frame with ``area``, ``grade`` and a date column (``date``,
    ``published`` or ``inspection_start``): ``corpus.judgements()`` or the
    official statistics' ``read_judgements()``.

    >>> import pandas as pd
    >>> j = pd.DataFrame({"area": ["overall"] * 3, "grade": ["good", "inadequate", "good"],
    ...                   "date": pd.to_datetime(["2019-01-01", "2019-05-01", "2020-01-01"])})
    >>> grade_counts(j).loc[2019, "good"]
    np.int64(1)
    """
    import pandas as pd

    df = judgements
    if "area" in df.columns:
        df = df[df["area"].isin(list(areas))]
    df = df.assign(_grade=[grade_key(g) for g in df["grade"]])
    df = df[df["_grade"].notna()]
    if by == "year":
        date_col = next((c for c in _DATE_COLUMNS if c in df.columns), None)
        if date_col is None:
            raise ValueError("the judgements frame has no date column (date, published, ...)")
        dates = pd.to_datetime(df[date_col])
        for c in _DATE_COLUMNS:  # fill from the other date columns where empty
            if c in df.columns and c != date_col:
                dates = dates.fillna(pd.to_datetime(df[c]))
        df = df.assign(_key=dates.dt.year)
        df = df[df["_key"].notna()]
        df["_key"] = df["_key"].astype(int)
    elif by == "framework":
        df = df.assign(_key=df["framework"].astype(str))
    else:
        raise ValueError(f"by must be 'year' or 'framework', not {by!r}")
    table = pd.crosstab(df["_key"], df["_grade"])
    cols = [g for g in GRADE_ORDER if g in table.columns]
    table = table.reindex(columns=cols, fill_value=0)
    if by == "year" and len(table):  # show the years with no grade too
        table = table.reindex(
            range(int(table.index.min()), int(table.index.max()) + 1), fill_value=0
        )
    if by == "framework":
        order = [f for f in _FRAMEWORKS if f in table.index] + sorted(
            set(table.index) - set(_FRAMEWORKS)
        )
        table = table.reindex(order)
    table.index.name = by
    table.columns.name = "grade"
    return table


def plot_national_grades(
    judgements_df: pd.DataFrame,
    *,
    areas: Sequence[str] = ("overall",),
    title: str | None = None,
    share: bool = False,
) -> Figure:
    """Grade distribution by year (stacked bars) and by framework (shares).

    Parameters
    ----------
    judgements_df
        A judgements frame: ``corpus.judgements()`` or
        ``ofstedmine.sources.statistics.read_judgements()``.
    areas
        Judgement areas counted (default the overall effectiveness grade).
    title
        Figure title.
    share
        Plot each year's shares instead of counts.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> j = pd.DataFrame({"area": ["overall"] * 2, "grade": ["good", "inadequate"],
    ...                   "framework": ["sif", "ilacs_2018"],
    ...                   "date": pd.to_datetime(["2015-01-01", "2019-05-01"])})
    >>> len(plot_national_grades(j).axes)
    2
    """
    import numpy as np
    from matplotlib.patches import Patch

    by_year = grade_counts(judgements_df, areas=areas, by="year")
    has_fw = "framework" in judgements_df.columns
    by_fw = grade_counts(judgements_df, areas=areas, by="framework") if has_fw else None
    fig = new_figure(12, 4.6)
    grid = fig.add_gridspec(1, 2, width_ratios=[3, 1.3])
    ax = fig.add_subplot(grid[0])
    ax_fw = fig.add_subplot(grid[1])

    years = list(by_year.index)
    bottom = np.zeros(len(years))
    totals = by_year.sum(axis=1).to_numpy() if len(years) else np.zeros(0)
    for g in by_year.columns:
        values = by_year[g].to_numpy(dtype=float)
        if share:
            values = np.divide(values, totals, out=np.zeros_like(values), where=totals > 0)
        ax.bar(years, values, bottom=bottom, color=GRADE_COLOURS[g], width=0.8,
               edgecolor="white", linewidth=0.5)  # fmt: skip
        bottom += values
    if years:
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], rotation=90 if len(years) > 12 else 0,
                           fontsize=8)  # fmt: skip
    else:
        ax.text(0.5, 0.5, "no grades", transform=ax.transAxes, ha="center")
    ax.set_ylabel("share of inspections" if share else "inspections published")
    if not share:
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("By year", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    if by_fw is not None and len(by_fw):
        shares = by_fw.div(by_fw.sum(axis=1), axis=0).fillna(0)
        left = np.zeros(len(shares))
        ys = np.arange(len(shares))
        for g in shares.columns:
            values = shares[g].to_numpy(dtype=float)
            ax_fw.barh(ys, values, left=left, color=GRADE_COLOURS[g], edgecolor="white",
                       linewidth=0.5)  # fmt: skip
            left += values
        ax_fw.set_yticks(ys)
        ax_fw.set_yticklabels(
            [f"{kind_label('inspection', f)} (n={int(by_fw.loc[f].sum())})" for f in shares.index],
            fontsize=8,
        )
        ax_fw.invert_yaxis()
        ax_fw.set_xlim(0, 1)
        ax_fw.set_xlabel("share")
    else:
        ax_fw.text(0.5, 0.5, "no framework column", transform=ax_fw.transAxes, ha="center")
        ax_fw.set_axis_off()
    ax_fw.set_title("By framework", fontsize=10)
    for side in ("top", "right"):
        ax_fw.spines[side].set_visible(False)

    seen = [g for g in GRADE_ORDER if g in by_year.columns]
    fig.legend(handles=[Patch(color=GRADE_COLOURS[g], label=GRADE_SHORT[g]) for g in seen],
               loc="outside lower center", ncol=max(len(seen), 1), fontsize=8, frameon=False)  # fmt: skip
    area_text = ", ".join(a.replace("_", " ") for a in areas)
    fig.suptitle(title or f"Grades of local authority children's services ({area_text})",
                 fontsize=11)  # fmt: skip
    return fig
