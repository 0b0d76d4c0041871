"""What distinguishes reports of one grade from another: weighted log-odds with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008) over themes or phrases.

Part of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ofstedmine.types import Finding, Grade

from ._common import GRADE_WORDS, _keep, _polarities, _reports

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["distinguishing_themes"]


def _grade_set(value: str | Sequence[str]) -> frozenset[str]:
    values = [value] if isinstance(value, str) else list(value)
    out = frozenset(Grade(str(v)).value for v in values)
    return out


def _phrase_analyzer(ngram_range: tuple[int, int]):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    return CountVectorizer(
        ngram_range=ngram_range,
        lowercase=True,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]+\b",
        stop_words=sorted(ENGLISH_STOP_WORDS | GRADE_WORDS),
    ).build_analyzer()


def distinguishing_themes(
    corpus: Corpus,
    *,
    a: str | Sequence[str] = "inadequate",
    b: str | Sequence[str] = ("good", "outstanding"),
    unit: str = "theme",
    polarity: str | Sequence[str] | None = "concern",
    alpha0: float | None = None,
    min_count: int | None = None,
    n_examples: int = 3,
    ngram_range: tuple[int, int] = (1, 2),
) -> pd.DataFrame:
    """Themes (or phrases) that set reports graded ``a`` apart from reports graded ``b``.

    The score is the weighted log-odds ratio with an informative Dirichlet prior of
    Monroe, Colaresi and Quinn (2008, "Fightin' words", *Political Analysis* 16(4)),
    with the prior taken from the whole corpus (every report, whatever its grade):

    ``delta = log((y_a + α_w) / (n_a + α0 - y_a - α_w)) - log((y_b + α_w) / (n_b + α0 - y_b - α_w))``,
    ``var ≈ 1/(y_a + α_w) + 1/(y_b + α_w)``, ``z = delta / sqrt(var)``,

    where ``y`` counts a unit's mentions, ``n`` all mentions of the group and
    ``α_w = α0 · (background share of the unit)``. A positive ``z`` favours ``a``.
    Mentions cluster within reports, so ``p_value`` is not taken from the mention
    counts: it is a chi-square test (Yates-corrected, 1 d.f.) of how many reports of
    each group raise the unit at all; ``q_value`` is its Benjamini-Hochberg adjustment.

    Parameters
    ----------
    corpus
        A corpus built with findings.
    a, b
        Grades (values of :class:`~ofstedmine.types.Grade`) of the two groups, by
        each report's overall grade.
    unit
        ``"theme"`` (codebook themes of the findings) or ``"phrase"`` (word n-grams
        of the finding sentences, English stop words and :data:`GRADE_WORDS` removed).
    polarity
        Count only findings of this polarity (None: all).
    alpha0
        Prior strength; None uses the background counts themselves (α0 = all
        background mentions), as Monroe et al. do.
    min_count
        Leave out units with fewer mentions in ``a`` and ``b`` together (default 1 for
        themes, 5 for phrases).
    n_examples
        Example sentences per unit, from the group it favours.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``z`` (most ``a``-like first): ``unit``, ``count_a``, ``count_b``,
        ``docs_a``, ``docs_b`` (reports raising it), ``share_a``, ``share_b``,
        ``log_odds``, ``z``, ``p_value``, ``q_value``, ``favours`` (``"a"``/``"b"``)
        and ``examples`` (a tuple of dicts with ``text``, ``document_id``, ``page``,
        ``authority``). ``attrs`` holds ``n_reports_a``, ``n_reports_b``, ``a``, ``b``.
    """
    from scipy.stats import chi2

    if unit not in ("theme", "phrase"):
        raise ValueError(f"unit must be 'theme' or 'phrase', not {unit!r}")
    ga, gb = _grade_set(a), _grade_set(b)
    if ga & gb:
        raise ValueError(f"the groups share grades: {sorted(ga & gb)}")
    pols = _polarities(polarity)
    reports = _reports(corpus)
    if not any(r.findings for r in reports):
        raise ValueError("the corpus has no findings: build it with findings=True")
    analyzer = _phrase_analyzer(ngram_range) if unit == "phrase" else None

    def units_of(f: Finding) -> set[str]:
        return set(f.themes) if analyzer is None else set(analyzer(f.text))

    background: Counter = Counter()
    counts = {"a": Counter(), "b": Counter()}
    docs = {"a": Counter(), "b": Counter()}
    n_reports = {"a": 0, "b": 0}
    examples: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in reports:
        group = "a" if r.overall in ga else "b" if r.overall in gb else None
        seen: set[str] = set()
        for f in r.findings:
            if not _keep(f, pols):
                continue
            found = units_of(f)
            background.update(found)
            if group is None:
                continue
            counts[group].update(found)
            seen |= found
            for u in found:
                ex = examples.setdefault((group, u), [])
                if len(ex) < n_examples:
                    ex.append({"text": f.text, "document_id": f.locator.document_id,
                               "page": f.locator.page, "authority": r.authority})  # fmt: skip
        if group is not None:
            n_reports[group] += 1
            docs[group].update(seen)
    if not n_reports["a"] or not n_reports["b"]:
        raise ValueError(
            f"need reports in both groups; found {n_reports['a']} graded "
            f"{sorted(ga)} and {n_reports['b']} graded {sorted(gb)}"
        )
    threshold = min_count if min_count is not None else (1 if unit == "theme" else 5)
    units = sorted(u for u in set(counts["a"]) | set(counts["b"])
                   if counts["a"][u] + counts["b"][u] >= threshold)  # fmt: skip
    columns = ["unit", "count_a", "count_b", "docs_a", "docs_b", "share_a", "share_b",
               "log_odds", "z", "p_value", "q_value", "favours", "examples"]  # fmt: skip
    if not units:
        return pd.DataFrame(columns=columns)
    ya = np.array([counts["a"][u] for u in units], dtype=float)
    yb = np.array([counts["b"][u] for u in units], dtype=float)
    na, nb = sum(counts["a"].values()), sum(counts["b"].values())
    bg = np.array([background[u] for u in units], dtype=float)
    bg_total = float(sum(background.values()))
    a0 = bg_total if alpha0 is None else float(alpha0)
    aw = a0 * bg / bg_total
    delta = np.log((ya + aw) / (na + a0 - ya - aw)) - np.log((yb + aw) / (nb + a0 - yb - aw))
    z = delta / np.sqrt(1.0 / (ya + aw) + 1.0 / (yb + aw))
    da = np.array([docs["a"][u] for u in units], dtype=float)
    db = np.array([docs["b"][u] for u in units], dtype=float)
    p = _chi2_presence(da, n_reports["a"] - da, db, n_reports["b"] - db, chi2)
    favours = np.where(z >= 0, "a", "b")
    out = pd.DataFrame({
        "unit": units, "count_a": ya.astype(int), "count_b": yb.astype(int),
        "docs_a": da.astype(int), "docs_b": db.astype(int),
        "share_a": da / n_reports["a"], "share_b": db / n_reports["b"],
        "log_odds": delta, "z": z, "p_value": p, "q_value": _bh(p), "favours": favours,
        "examples": [tuple(examples.get((g, u), ())) for g, u in zip(favours, units)],
    })  # fmt: skip
    out = out.sort_values(["z", "unit"], ascending=[False, True]).reset_index(drop=True)
    out.attrs.update({"n_reports_a": n_reports["a"], "n_reports_b": n_reports["b"],
                      "a": sorted(ga), "b": sorted(gb), "unit": unit})  # fmt: skip
    return out


def _chi2_presence(a, b, c, d, chi2) -> np.ndarray:
    """Yates-corrected chi-square p-values of 2x2 tables [[a, b], [c, d]], vectorised."""
    n = a + b + c + d
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    diff = np.maximum(np.abs(a * d - b * c) - n / 2.0, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(margins > 0, n * diff**2 / margins, 0.0)
    return chi2.sf(stat, 1)


def _bh(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values."""
    m = len(p)
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out
