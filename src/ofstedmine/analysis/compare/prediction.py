"""The grade prediction study: how well the findings of a report predict its overall
grade, cross-validated by authority beside a majority-class baseline.

Part of :mod:`ofstedmine.analysis.compare`; import the functions from there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ofstedmine.types import Finding

from ._common import GRADE_ORDER, GRADE_WORDS, _Report, _reports

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = ["CAVEAT", "grade_prediction_study"]

_JUDGEMENT_HEADING = re.compile(r"\bjudge?ments?\b|\bgrades?\b", re.IGNORECASE)
_GRADE_NAMED = re.compile(r"\b(inadequate|requires? improvement|outstanding|good|adequate)\b",
                          re.IGNORECASE)  # fmt: skip
# Ofsted's own descriptor of an inadequate service, which restates the grade.
_GRADE_DESCRIPTOR = re.compile(r"\b(widespread|serious),? (and|or) (serious|widespread)\b",
                               re.IGNORECASE)  # fmt: skip
_GRADING_CUE = re.compile(
    r"\b(judge?ments?|judged|grade[ds]?|effectiveness|rated)\b", re.IGNORECASE
)

CAVEAT = (
    "A few hundred reports from about 150 authorities, split by authority, with four "
    "unevenly used grades (inadequate and outstanding are each about one report in "
    "six, so each test fold holds only a dozen or so of them): the scores move by "
    "several points between folds and splits, and a few points of difference between "
    "two feature sets is within that noise. Judgement sentences and tables, sentences "
    "that name a grade while grading, Ofsted's inadequate descriptor and grade words "
    "are removed, but text still echoes the grade (a report on an inadequate service "
    "says 'poor' and 'weak'): read the result as how far findings track the grade, "
    "not as a model for predicting inspections. Reports of one authority at different "
    "dates are not independent, which is why folds are grouped by authority."
)


def _leaks(f: Finding, report: _Report) -> bool:
    """Whether a finding states or sits in the grading (excluded from features)."""
    loc = f.locator
    if any(s < loc.end and loc.start < e for s, e in report.judgement_spans):
        return True
    if any(_JUDGEMENT_HEADING.search(h) for h in loc.section):
        return True
    if _GRADE_DESCRIPTOR.search(f.text):
        return True
    return bool(_GRADE_NAMED.search(f.text) and _GRADING_CUE.search(f.text))


def grade_prediction_study(
    corpus: Corpus,
    *,
    features: str = "themes",
    n_splits: int = 5,
    C: float = 1.0,
    top: int = 10,
    frameworks: Sequence[str] = ("sif", "ilacs_2018", "ilacs_2023"),
    merge_outstanding: bool = False,
) -> dict[str, Any]:
    """How well the findings of a report predict its overall grade.

    Logistic regression (class-balanced) on each full inspection report's findings,
    cross-validated with :class:`sklearn.model_selection.GroupKFold` grouped by
    authority (no authority is in both training and test folds), beside a baseline
    that always predicts the training folds' most common grade.

    Leakage: findings that overlap a judgement's evidence, sit under a heading about
    judgements or grades, name a grade while grading ("judged to be inadequate") or
    use Ofsted's descriptor of an inadequate service ("widespread or serious
    failures") are dropped, and :data:`GRADE_WORDS` are removed from text features.

    Caveat: the sample is small (a few hundred reports from about 150 authorities;
    inadequate and outstanding are each about one report in six), so the scores vary
    by several points between folds, and words such as "poor" or "weak" still echo
    the grade; see ``result["caveat"]`` and :data:`CAVEAT`.

    Parameters
    ----------
    corpus
        A corpus built with findings.
    features
        ``"themes"``: counts of each (theme, polarity) per 10,000 words, log1p and
        standardised; ``"tfidf"``: TF-IDF of word 1-2-grams of the kept finding
        sentences (fitted inside each fold).
    n_splits
        Folds (at most the number of authorities).
    C
        Inverse regularisation strength.
    top
        Features listed per grade in ``top_features``.
    frameworks
        Frameworks whose reports take part (ILACS 2026 gives no overall grade).
    merge_outstanding
        Count outstanding as good (fewer, fuller classes).

    Returns
    -------
    dict
        ``features``, ``n_reports``, ``n_authorities``, ``class_counts``,
        ``n_splits``, ``accuracy``, ``macro_f1``, ``baseline_accuracy``,
        ``baseline_macro_f1`` (pooled over out-of-fold predictions), ``folds`` (per
        fold scores), ``top_features`` (``grade``, ``feature``, ``coefficient`` from
        a fit on all reports), ``predictions`` (one row per report) and ``caveat``.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import FunctionTransformer, make_pipeline
    from sklearn.preprocessing import StandardScaler

    if features not in ("themes", "tfidf"):
        raise ValueError(f"features must be 'themes' or 'tfidf', not {features!r}")
    reports = [r for r in _reports(corpus, ["full_inspection"])
               if r.framework in frameworks and r.overall and r.authority]  # fmt: skip
    kept = [[f for f in r.findings if not _leaks(f, r)] for r in reports]
    if not any(kept):
        raise ValueError("no findings to learn from: build the corpus with findings=True")
    y = np.array([r.overall for r in reports])
    if merge_outstanding:
        y = np.where(y == "outstanding", "good", y)
    groups = np.array([r.authority for r in reports])
    classes = [g for g in GRADE_ORDER if g in set(y)]
    n_groups = len(set(groups))
    k = min(n_splits, n_groups)
    if len(classes) < 2 or k < 2:
        raise ValueError(f"need at least two grades and two authorities; have {len(classes)} "
                         f"grades and {n_groups} authorities")  # fmt: skip

    if features == "themes":
        dicts = []
        for r, fs in zip(reports, kept):
            c = Counter(f"{th}:{f.polarity.value}" for f in fs for th in f.themes)
            dicts.append({key: 1e4 * v / max(r.n_words, 1) for key, v in c.items()})
        X: Any = dicts

        def model():
            return make_pipeline(
                DictVectorizer(sparse=False),
                FunctionTransformer(np.log1p),
                StandardScaler(),
                LogisticRegression(C=C, class_weight="balanced", max_iter=5000),
            )
    else:
        X = np.array([" ".join(f.text for f in fs) for fs in kept], dtype=object)
        stop = sorted(ENGLISH_STOP_WORDS | GRADE_WORDS)

        def model():
            return make_pipeline(
                TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=20000,
                                sublinear_tf=True, stop_words=stop,
                                token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]+\b"),
                LogisticRegression(C=C, class_weight="balanced", max_iter=5000))  # fmt: skip

    def take(idx):
        return [X[i] for i in idx] if isinstance(X, list) else X[idx]

    predicted = np.empty(len(y), dtype=object)
    baseline = np.empty(len(y), dtype=object)
    fold_of = np.zeros(len(y), dtype=int)
    folds = []
    for fold, (train, test) in enumerate(GroupKFold(n_splits=k).split(np.zeros(len(y)), y, groups)):
        majority = Counter(y[train]).most_common(1)[0][0]
        if len(set(y[train])) < 2:
            pred = np.full(len(test), majority, dtype=object)
        else:
            pred = model().fit(take(train), y[train]).predict(take(test))
        predicted[test], baseline[test], fold_of[test] = pred, majority, fold
        folds.append({
            "fold": fold, "n_test": len(test), "n_authorities": len(set(groups[test])),
            "accuracy": accuracy_score(y[test], pred),
            "macro_f1": f1_score(y[test], pred, labels=classes, average="macro", zero_division=0),
            "baseline_accuracy": accuracy_score(y[test], baseline[test]),
            "baseline_macro_f1": f1_score(y[test], baseline[test], labels=classes,
                                          average="macro", zero_division=0),
        })  # fmt: skip

    full = model().fit(X, y)
    clf = full[-1]
    names = full[0].get_feature_names_out()
    coef = clf.coef_ if len(clf.classes_) > 2 else np.vstack([-clf.coef_[0], clf.coef_[0]])
    top_rows = []
    for grade, row in zip(clf.classes_, coef):
        for j in np.argsort(-row)[:top]:
            top_rows.append({"grade": grade, "feature": names[j], "coefficient": float(row[j])})

    def score(pred):
        return (
            accuracy_score(y, pred),
            f1_score(y, pred, labels=classes, average="macro", zero_division=0),
        )

    acc, f1 = score(predicted)
    base_acc, base_f1 = score(baseline)
    return {
        "features": features,
        "n_reports": len(y),
        "n_authorities": n_groups,
        "class_counts": {c: int((y == c).sum()) for c in classes},
        "n_splits": k,
        "accuracy": float(acc),
        "macro_f1": float(f1),
        "baseline_accuracy": float(base_acc),
        "baseline_macro_f1": float(base_f1),
        "folds": pd.DataFrame(folds),
        "top_features": pd.DataFrame(top_rows, columns=["grade", "feature", "coefficient"]),
        "predictions": pd.DataFrame(
            {
                "document_id": [r.document_id for r in reports],
                "part": [r.part for r in reports],
                "authority": groups,
                "date": pd.to_datetime([r.date for r in reports]),
                "framework": [r.framework for r in reports],
                "grade": y,
                "predicted": predicted.astype(str),
                "baseline": baseline.astype(str),
                "fold": fold_of,
            }
        ),  # fmt: skip
        "caveat": CAVEAT,
    }
