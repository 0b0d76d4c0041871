"""Train the theme filter (``src/ofstedmine/data/theme_filter.json``) from the labelled set.

Usage (from the project root; needs the corpus)::

    python tools/train_theme_filter.py       # train on all but the locked split, write the model
    python tools/train_theme_filter.py --cv  # grouped 5-fold cross-validation first

Each labelled sentence of ``corpora/eval/findings_labels.jsonl`` is found again
in its re-parsed document (the sentence hash is checked), run through the rule
pipeline, and every theme the codebook matches in it becomes one training
example: kept if the labeller gave the sentence that theme. The locked test splits
(``LOCKED`` in ``benchmarks/findings.py``, now test13 and test14) are never read.
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


def _score(rows: list[dict], predicted: list[set[str]]) -> tuple[float, float, float]:
    tp = sum(len(r["gold"] & p) for r, p in zip(rows, predicted, strict=True))
    fp = sum(len(p - r["gold"]) for r, p in zip(rows, predicted, strict=True))
    fn = sum(len(r["gold"] - p) for r, p in zip(rows, predicted, strict=True))
    return _prf(tp, fp, fn)


def cross_validate(rows: list[dict]) -> None:
    from sklearn.model_selection import GroupKFold

    groups = [r["doc"] for r in rows]
    predicted: list[set[str]] = [set() for _ in rows]
    for train, test in GroupKFold(5).split(rows, groups=groups):
        X, y, _ = design([rows[i] for i in train])
        vec, model = fit(X, y)
        Xt, _, keys = design([rows[i] for i in test])
        if not Xt:
            continue
        for (j, theme), p in zip(keys, model.predict_proba(vec.transform(Xt))[:, 1], strict=True):
            if p >= THRESHOLD:
                predicted[test[j]].add(theme)
    rules = [{t for _, _, t in r["matches"]} for r in rows]
    print(f"grouped 5-fold CV over {len(rows)} sentences (micro P / R / F1)")
    for name, pred in (("codebook matches only", rules), ("with the filter", predicted)):
        p, r, f = _score(rows, pred)
        print(f"  {name:<22} {p:.3f} / {r:.3f} / {f:.3f}")


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
    labels = [r for r in labels if r["split"] not in LOCKED]
    rows = examples(labels)
    print(f"{len(rows)} labelled sentences found again ({len(labels)} rows read)")
    if args.cv:
        cross_validate(rows)
    X, y, _ = design(rows)
    vec, model = fit(X, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= PRUNE
    }
    cb = load_codebook()
    splits = sorted({r["split"] for r in labels})
    data = {
        "codebook": {"name": cb.name, "version": cb.version},
        "themes": sorted({f.split("|")[0][2:] for f in weights if f.startswith("t=")}),
        "threshold": THRESHOLD,
        "intercept": round(float(model.intercept_[0]), 4),
        "meta": {
            "trained_on": f"{len(rows)} sentences, {len(X)} matched themes; splits {', '.join(splits)}",
            "model": f"scikit-learn {sklearn.__version__} LogisticRegression(C={C})",
            "rebuild": "python tools/train_theme_filter.py",
        },
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
