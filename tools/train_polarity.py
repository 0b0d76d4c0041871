"""Train, cross-validate and score the sentence-polarity model (``data/polarity_model.json``).

Usage (from the project root)::

    python tools/train_polarity.py --cv                   # grouped 5-fold CV on the training rows
    python tools/train_polarity.py --write                # train on them, write the model file
    python tools/train_polarity.py --score test19         # score a locked split (once)

The labels are ``polarity_v2`` of ``corpora/eval/findings_labels.jsonl``: every sentence
read again blind to ``../shared/LABELLING.md`` (``tools/labelling.py``). Rows of the
locked splits (``--hold``) are never trained on. Features come from
:func:`ofstedmine.extract.findings.judged_sentences`, exactly as the pipeline reads them.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from findings import LABELS, verified_documents  # noqa: E402
from labelling import family_of  # noqa: E402

CLASSES = ("concern", "mixed", "neutral", "strength")
CACHE = Path("/tmp/ofstedmine_polarity_inputs.pkl")


def load_rows(field: str) -> list[dict]:
    rows = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    for r in rows:
        r["gold"] = r.get(field) or r["polarity"]
    return rows


def featurise(rows: list[dict], *, refresh: bool = False) -> dict[tuple[str, int], list[str]]:
    """(doc, start) -> features, from the pipeline's own sentence reader.

    What the reader gives (text, the rules' verdict and cues, heading, the previous
    sentence's verdict) is cached in /tmp; the features are computed from it each run
    by :func:`~ofstedmine.extract.polarity_model.sentence_features`, as the pipeline does.
    """
    from ofstedmine.extract.findings import judged_sentences
    from ofstedmine.extract.nlp import get_nlp
    from ofstedmine.extract.polarity_model import sentence_features

    cache = {}
    if CACHE.exists() and not refresh:
        cache = pickle.loads(CACHE.read_bytes())
    todo = [r for r in rows if (r["doc"], r["start"]) not in cache]
    if todo:
        nlp = get_nlp()
        for _, doc, recs in verified_documents(todo):
            by_start = {x.start: x for x in judged_sentences(doc, nlp)}
            for r in recs:
                x = by_start.get(r["start"])
                cache[(r["doc"], r["start"])] = (
                    (x.text, x.rule, x.cues, x.heading, x.previous) if x else None
                )
        CACHE.write_bytes(pickle.dumps(cache))
    return {
        k: sentence_features(v[0], v[1], v[2], heading=v[3], previous=v[4]) if v else None
        for k, v in cache.items()
    }


def fit(X_rows: list[list[str]], y: list[str], *, C: float, min_count: int):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in X_rows for f in set(feats))
    keep = {f for f, n in counts.items() if n >= min_count}
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats in X_rows])
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X, y)
    return vec, clf


def fit_calibration(rows: list[dict], preds: list[tuple[str, float]]) -> dict:
    """Isotonic map from the raw confidence to how often it is right (CV output).

    Right means the same class, concern and mixed counted together (as in P and R).
    Stored as at most 20 (raw, calibrated) points, interpolated linearly.
    """
    import numpy as np
    from sklearn.isotonic import IsotonicRegression

    conf = np.array([c for _, c in preds])
    right = np.array(
        [
            p == r["gold"] or (p in ("concern", "mixed") and r["gold"] in ("concern", "mixed"))
            for r, (p, _) in zip(rows, preds)
        ],
        dtype=float,
    )
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(conf, right)
    xs = np.quantile(conf, np.linspace(0, 1, 20))
    xs = np.unique(np.round(xs, 3))
    return {"x": [float(x) for x in xs], "y": [round(float(v), 4) for v in iso.predict(xs)]}


def to_model(
    vec,
    clf,
    *,
    threshold: float,
    prune: float,
    version: str,
    guard: float = 0.7,
    calibration: dict | None = None,
) -> dict:
    import numpy as np

    W = clf.coef_.T  # features x classes
    keep = np.abs(W).max(axis=1) >= prune
    names = [n for n, k in zip(vec.get_feature_names_out(), keep) if k]
    import hashlib

    weights = [[round(float(v), 4) for v in row] for row in W[keep]]
    digest = hashlib.sha256(json.dumps([names, weights, threshold, guard]).encode()).hexdigest()
    return {
        "version": f"{version}.{digest[:8]}",
        "classes": list(clf.classes_),
        "features": names,
        "weights": weights,
        "intercept": [round(float(v), 4) for v in clf.intercept_],
        "concern_threshold": threshold,
        "neutral_guard": guard,
        **({"calibration": calibration} if calibration else {}),
    }


def decide(model, feats):
    from ofstedmine.extract.polarity_model import PolarityModel

    m = PolarityModel.from_json(json.dumps(model))
    return [(p.value, c) for p, c in m.predict(feats)]


def report(rows: list[dict], preds: list[tuple[str, float]], title: str) -> dict:
    groups = defaultdict(list)
    for r, p in zip(rows, preds):
        groups["all"].append((r, p))
        groups[family_of(r["path"], _published(r["path"])) or "other"].append((r, p))
    print(f"\n== {title}")
    print(
        f"{'family':<22}{'n':>5}{'gold c':>8}{'c P':>7}{'c R':>7}{'gold s':>8}{'s P':>7}"
        f"{'s R':>7}{'acc4':>7}"
    )
    out = {}
    for fam, items in sorted(groups.items(), key=lambda kv: kv[0] != "all"):
        t = Counter()
        for r, (p, _) in items:
            gc, pc = r["gold"] in ("concern", "mixed"), p in ("concern", "mixed")
            gs, ps = r["gold"] == "strength", p == "strength"
            t["ctp"] += gc and pc
            t["cfp"] += pc and not gc
            t["cfn"] += gc and not pc
            t["stp"] += gs and ps
            t["sfp"] += ps and not gs
            t["sfn"] += gs and not ps
            t["ok"] += p == r["gold"]

        def ratio(a, b):
            return a / b if b else float("nan")

        cp, cr = ratio(t["ctp"], t["ctp"] + t["cfp"]), ratio(t["ctp"], t["ctp"] + t["cfn"])
        sp, sr = ratio(t["stp"], t["stp"] + t["sfp"]), ratio(t["stp"], t["stp"] + t["sfn"])
        print(
            f"{fam:<22}{len(items):>5}{t['ctp'] + t['cfn']:>8}{cp:>7.3f}{cr:>7.3f}"
            f"{t['stp'] + t['sfn']:>8}{sp:>7.3f}{sr:>7.3f}{t['ok'] / len(items):>7.3f}"
        )
        out[fam] = (cp, cr, sp, sr)
    return out


_MANIFEST: dict[str, str] = {}


def _published(path: str) -> str:
    if not _MANIFEST:
        import csv

        from findings import CORPUS

        with open(CORPUS / "manifest.csv", newline="", encoding="utf-8") as fh:
            _MANIFEST.update({r["path"]: r["published"] for r in csv.DictReader(fh)})
    return _MANIFEST.get(path, "")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--field", default="polarity_v2")
    ap.add_argument("--hold", default="test21", help="locked splits, never trained on")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--score", help="a locked split to score with the shipped model")
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--threshold", type=float, default=0.55)
    ap.add_argument("--prune", type=float, default=0.02)
    ap.add_argument(
        "--guard",
        type=float,
        default=0.7,
        help="a strength with no rule cue needs this probability",
    )
    ap.add_argument("--refresh", action="store_true")
    a = ap.parse_args(argv)
    rows = load_rows(a.field)
    hold = set(a.hold.split(","))
    feats = featurise(rows, refresh=a.refresh)
    rows = [r for r in rows if feats.get((r["doc"], r["start"])) is not None]
    train = [r for r in rows if r["split"] not in hold]
    print(f"{len(train)} training rows; gold {Counter(r['gold'] for r in train)}")
    calibration = None
    if a.cv or a.write:  # the calibration of the shipped confidence is fitted on CV output
        from sklearn.model_selection import GroupKFold

        X = [feats[(r["doc"], r["start"])] for r in train]
        y = [r["gold"] for r in train]
        groups = [r["doc"] for r in train]
        preds: list = [None] * len(train)
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            vec, clf = fit([X[i] for i in tr], [y[i] for i in tr], C=a.C, min_count=a.min_count)
            model = to_model(
                vec, clf, threshold=a.threshold, prune=a.prune, version="cv", guard=a.guard
            )
            for i, p in zip(te, decide(model, [X[i] for i in te])):
                preds[i] = p
        report(train, preds, f"grouped 5-fold CV, C={a.C}, threshold={a.threshold}")
        rules = [(feats[(r["doc"], r["start"])][0].split("=")[1], 1.0) for r in train]
        report(train, rules, "the rules alone, same rows")
        # calibration of the concern probability
        bins = defaultdict(lambda: [0, 0])
        for r, (p, c) in zip(train, preds):
            b = min(int(c * 10), 9)
            bins[b][0] += 1
            bins[b][1] += p == r["gold"] or (
                p in ("concern", "mixed") and r["gold"] in ("concern", "mixed")
            )
        print("\nconfidence  n   right")
        for b in sorted(bins):
            n, ok = bins[b]
            print(f"  {b / 10:.1f}-{(b + 1) / 10:.1f} {n:>5} {ok / n:.3f}")
        calibration = fit_calibration(train, preds)
        print("calibrated (isotonic, on these CV confidences):")
        for x, y in zip(calibration["x"], calibration["y"]):
            print(f"  raw {x:.3f} -> {y:.3f}")
    if a.write:
        vec, clf = fit(
            [feats[(r["doc"], r["start"])] for r in train],
            [r["gold"] for r in train],
            C=a.C,
            min_count=a.min_count,
        )
        from ofstedmine.extract import EXTRACTOR_VERSION

        model = to_model(
            vec,
            clf,
            calibration=calibration,
            threshold=a.threshold,
            prune=a.prune,
            guard=a.guard,
            version=f"{EXTRACTOR_VERSION}.{len(train)}",
        )
        out = ROOT / "src" / "ofstedmine" / "data" / "polarity_model.json"
        out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
        print(f"{len(model['features'])} features -> {out} ({out.stat().st_size:,} bytes)")
    if a.score:
        from ofstedmine.extract.polarity_model import load_polarity_model

        test = [r for r in rows if r["split"] == a.score]
        m = load_polarity_model()
        preds = [(p.value, c) for p, c in m.predict([feats[(r["doc"], r["start"])] for r in test])]
        report(test, preds, f"{a.score}: the shipped model")
        rules = [(feats[(r["doc"], r["start"])][0].split("=")[1], 1.0) for r in test]
        report(test, rules, f"{a.score}: the rules alone")


if __name__ == "__main__":
    main()
