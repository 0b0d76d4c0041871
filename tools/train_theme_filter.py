"""Train the theme models (``src/ofstedmine/data/theme_filter.json``) from the labelled set.

Usage (from the project root; needs the corpus)::

    python tools/train_theme_filter.py       # train on all but the locked split, write the model
    python tools/train_theme_filter.py --cv  # grouped 5-fold cross-validation first (about 2 minutes)

Each labelled sentence of ``corpora/eval/findings_labels.jsonl`` is found again
in its re-parsed document (the sentence hash is checked), run through the rule
pipeline. Every theme the codebook matches in it becomes one training example
for the filter (kept if the labeller gave the sentence that theme), and the
sentence itself one example for each theme's sentence model (positive if the
labeller gave it that theme, matched or not). The locked test splits
(``LOCKED`` in ``benchmarks/findings.py``, now test15 to test18) are never read.
The model holds
feature names and weights only (see :mod:`ofstedmine.extract.themefilter`), never
sentence text.

Retrain whenever the codebook's patterns change: a test checks the shipped model
was trained with the shipped codebook's version.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

# the labels, the corpus, the locked split and the re-parse check are the benchmark's
from findings import CORPUS, LABELS, LOCKED, _prf, verified_documents  # noqa: E402

OUT = ROOT / "src" / "ofstedmine" / "data" / "theme_filter.json"
C = 0.5
THRESHOLD = 0.40
PRUNE = 0.05  # weights smaller than this are dropped from the model file
# the sentence model: one logistic regression per theme over sentence_features
SENTENCE_C = 10.0
SENTENCE_MIN_DF = 3  # features seen in fewer labelled sentences are left out
SENTENCE_PRUNE = 0.1
MIN_POSITIVES = 5  # a theme labelled fewer times gets no sentence model


def examples(labels: list[dict]) -> list[dict]:
    """Per labelled sentence: its lemmas, theme matches (token offsets) and gold themes."""
    from ofstedmine.extract.codebook import load_codebook
    from ofstedmine.extract.findings import body_sentences
    from ofstedmine.extract.nlp import THEME_SPANS_KEY, get_nlp

    nlp = get_nlp(None, codebook=load_codebook())
    out = []
    for _, doc, recs in verified_documents(labels):
        best: dict[int, tuple[int, dict]] = {}  # the body sentence overlapping each label most
        for start, end, sdoc, (ts, te) in body_sentences(doc, nlp):
            for rec in recs:
                ov = min(end, rec["end"]) - max(start, rec["start"])
                if ov > 0 and (rec["start"] not in best or ov > best[rec["start"]][0]):
                    matches = [
                        (ms - ts, me - ts, t)
                        for ms, me, t in sdoc.user_data.get(THEME_SPANS_KEY, [])
                        if ts <= ms < te
                    ]
                    lemmas = [t.lemma_ for t in sdoc[ts:te]]
                    best[rec["start"]] = (ov, {"lemmas": lemmas, "matches": matches})
        for rec in recs:
            if rec["start"] in best:
                out.append({**best[rec["start"]][1], "gold": set(rec["themes"]), "doc": rec["doc"]})
    return out


def design(rows: list[dict]) -> tuple[list[dict], list[bool], list[tuple[int, str]]]:
    """One example per (sentence, matched theme): features, gold, and (row index, theme)."""
    from ofstedmine.extract.themefilter import filter_features

    X, y, keys = [], [], []
    for i, r in enumerate(rows):
        for theme in dict.fromkeys(t for _, _, t in r["matches"]):
            X.append(filter_features(r["lemmas"], r["matches"], theme))
            y.append(theme in r["gold"])
            keys.append((i, theme))
    return X, y, keys


def fit(X: list[dict], y: list[bool]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=5000).fit(vec.fit_transform(X), y)
    model.coef_[0][abs(model.coef_[0]) < PRUNE] = 0.0  # as shipped: cross-validation sees the same
    return vec, model


def fit_sentence_model(rows: list[dict]) -> dict:
    """Per theme, a logistic regression over :func:`sentence_features` of every sentence.

    Returns the model file's ``sentence`` part: intercepts per theme, and
    weights as feature -> theme -> weight (pruned below ``SENTENCE_PRUNE``).
    """
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from ofstedmine.extract.themefilter import sentence_features

    feats = [sentence_features(r["lemmas"], r["matches"]) for r in rows]
    df = Counter(name for f in feats for name in f)
    feats = [{k: v for k, v in f.items() if df[k] >= SENTENCE_MIN_DF} for f in feats]
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    names = vec.get_feature_names_out()
    intercepts: dict[str, float] = {}
    weights: dict[str, dict[str, float]] = {}
    for theme in sorted({t for r in rows for t in r["gold"]}):
        y = [theme in r["gold"] for r in rows]
        if sum(y) < MIN_POSITIVES:
            continue
        model = LogisticRegression(C=SENTENCE_C, max_iter=5000).fit(X, y)
        intercepts[theme] = round(float(model.intercept_[0]), 4)
        for name, w in zip(names, model.coef_[0], strict=True):
            if abs(w) >= SENTENCE_PRUNE:
                weights.setdefault(name, {})[theme] = round(float(w), 4)
    return {
        "intercepts": intercepts,
        "weights": {k: dict(sorted(v.items())) for k, v in sorted(weights.items())},
    }


def train(rows: list[dict]) -> dict:
    """The model file's content (without its metadata) trained on ``rows``."""
    X, y, _ = design(rows)
    vec, model = fit(X, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= PRUNE
    }
    return {
        "themes": sorted({f.split("|")[0][2:] for f in weights if f.startswith("t=")}),
        "threshold": THRESHOLD,
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
        "sentence": fit_sentence_model(rows),
    }


def _score(rows: list[dict], predicted: list[set[str]]) -> tuple[float, float, float]:
    tp = sum(len(r["gold"] & p) for r, p in zip(rows, predicted, strict=True))
    fp = sum(len(p - r["gold"]) for r, p in zip(rows, predicted, strict=True))
    fn = sum(len(r["gold"] - p) for r, p in zip(rows, predicted, strict=True))
    return _prf(tp, fp, fn)


def cross_validate(rows: list[dict]) -> None:
    """Grouped 5-fold CV of the shipped decision (ThemeFilter.keep), and of the filter alone."""
    from sklearn.model_selection import GroupKFold

    from ofstedmine.extract.themefilter import ThemeFilter

    groups = [r["doc"] for r in rows]
    full: list[set[str]] = [set() for _ in rows]
    filter_only: list[set[str]] = [set() for _ in rows]
    for train_idx, test_idx in GroupKFold(5).split(rows, groups=groups):
        data = train([rows[i] for i in train_idx])
        data["codebook"] = {"name": "cv", "version": "cv"}
        both = ThemeFilter._from_dict(data)
        alone = ThemeFilter._from_dict({k: v for k, v in data.items() if k != "sentence"})
        for i in test_idx:
            r = rows[i]
            full[i] = both.keep(r["lemmas"], r["matches"])
            filter_only[i] = alone.keep(r["lemmas"], r["matches"])
    rules = [{t for _, _, t in r["matches"]} for r in rows]
    print(f"grouped 5-fold CV over {len(rows)} sentences (micro P / R / F1)")
    for name, pred in (
        ("codebook matches only", rules),
        ("with the filter", filter_only),
        ("filter + sentence model", full),
    ):
        p, r, f = _score(rows, pred)
        print(f"  {name:<24} {p:.3f} / {r:.3f} / {f:.3f}")


def main(argv: list[str] | None = None) -> None:
    import sklearn

    from ofstedmine.extract.codebook import load_codebook

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate before training")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS} (set OFSTEDMINE_SHARED_CORPUS)")
    labels = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    labels = [r for r in labels if r["split"] not in LOCKED and r.get("themes_labelled", True)]
    rows = examples(labels)
    print(f"{len(rows)} labelled sentences found again ({len(labels)} rows read)")
    if args.cv:
        cross_validate(rows)
    data = train(rows)
    cb = load_codebook()
    splits = sorted({r["split"] for r in labels})
    data = {
        "codebook": {"name": cb.name, "version": cb.version},
        **data,
        "meta": {
            "trained_on": f"{len(rows)} sentences; splits {', '.join(splits)}",
            "model": (
                f"scikit-learn {sklearn.__version__}: filter LogisticRegression(C={C}), "
                f"sentence model LogisticRegression(C={SENTENCE_C}) per theme"
            ),
            "rebuild": "python tools/train_theme_filter.py",
        },
    }
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    n_sentence = sum(len(v) for v in data["sentence"]["weights"].values())
    print(f"{len(data['weights'])} filter and {n_sentence} sentence-model weights -> {args.out}")


if __name__ == "__main__":
    main()
