"""Theme prevalence: how often each theme is raised per authority, region, grade,
year, kind or framework, normalised for report length and count.

Part of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

import ofstedmine.authorities as _registry

from ._common import _keep, _polarities, _Report, _reports

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["theme_prevalence"]


def _group_key(report: _Report, by: str) -> Any:
    if by == "authority":
        return report.authority
    if by == "region":
        a = _registry.lookup(report.authority) if report.authority else None
        return (a.region if a else None) or "unknown"
    if by == "grade":
        return report.overall
    if by == "year":
        return report.date.year if report.date else None
    if by in ("kind", "framework"):
        return getattr(report, by)
    if by == "all":
        return "all"
    raise ValueError(
        f"by must be authority, region, grade, year, kind, framework or all, not {by!r}"
    )


def theme_prevalence(
    corpus: Corpus,
    *,
    by: str = "authority",
    polarity: str | Sequence[str] | None = "concern",
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How often each theme is raised, per group, normalised for length and count.

    Parameters
    ----------
    corpus
        A corpus built with findings.
    by
        ``"authority"``, ``"region"`` (the registry's region), ``"grade"`` (the
        report's own overall grade; reports without one are left out), ``"year"``,
        ``"kind"``, ``"framework"`` or ``"all"``.
    polarity
        Count findings of this polarity (or these polarities); None counts all.
    kinds
        Only reports of these kinds (e.g. ``["full_inspection"]``); all by default.

    Returns
    -------
    pandas.DataFrame
        One row per group and theme (every theme seen in the selection, zeros
        included): ``<by>``, ``theme``, ``n_mentions`` (findings raising it),
        ``n_documents_with_theme``, ``n_documents`` (reports in the group),
        ``n_words`` (words in the group's reports), ``per_10k_words`` (mentions per
        10,000 words) and ``share_of_documents`` (share of the group's reports that
        raise it at least once).
    """
    pols = _polarities(polarity)
    totals: dict[Any, list[int]] = {}
    mentions: Counter = Counter()
    with_theme: Counter = Counter()
    themes: set[str] = set()
    for r in _reports(corpus, kinds):
        key = _group_key(r, by)
        if key is None:
            continue
        t = totals.setdefault(key, [0, 0])
        t[0] += 1
        t[1] += r.n_words
        here = Counter(th for f in r.findings if _keep(f, pols) for th in f.themes)
        for th, n in here.items():
            mentions[key, th] += n
            with_theme[key, th] += 1
        themes |= set(here)
    rows = []
    for key in sorted(totals, key=str):
        n_docs, n_words = totals[key]
        for th in sorted(themes):
            m = mentions[key, th]
            rows.append({
                by: key, "theme": th, "n_mentions": m, "n_documents_with_theme": with_theme[key, th],
                "n_documents": n_docs, "n_words": n_words,
                "per_10k_words": 1e4 * m / n_words if n_words else np.nan,
                "share_of_documents": with_theme[key, th] / n_docs,
            })  # fmt: skip
    columns = [by, "theme", "n_mentions", "n_documents_with_theme", "n_documents", "n_words",
               "per_10k_words", "share_of_documents"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
