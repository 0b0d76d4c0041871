"""Labeller agreement on the locked test3 split of the findings labels.

Usage (from the project root)::

    python benchmarks/agreement.py label                  # print test3 sentences, no labels
    python benchmarks/agreement.py write --labels L.tsv   # index<TAB>polarity<TAB>themes -> jsonl
    python benchmarks/agreement.py score                  # second labelling vs stored labels
    python benchmarks/agreement.py score-pair test5       # a split's two blind labellings

``label`` re-parses the corpus (``$OFSTEDMINE_SHARED_CORPUS`` or ``../shared/corpus``)
and prints every test3 sentence with an index, in a fixed shuffled order, WITHOUT
the stored labels and without running the classifier, for a second person to
label blind. ``write`` turns that person's labels (index, polarity c/s/m/n or in
full, comma-separated theme ids) into ``corpora/eval/agreement_test3.jsonl``: facts
only (document sha256, span, sentence sha256, polarity, themes), no text.

``score`` compares the second labelling with the stored test3 labels in
``corpora/eval/findings_labels.jsonl``: polarity Cohen's kappa and raw agreement,
4-way and concern-vs-not (mixed counts as concern); themes as micro P/R/F1 with
the stored labels as the reference, and the mean per-sentence Jaccard index
(two empty sets count as 1).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from findings import LABELS, ROOT, SEED, _prf, verified_documents  # noqa: E402

AGREEMENT = ROOT / "corpora" / "eval" / "agreement_test3.jsonl"
POLARITIES = ("concern", "strength", "mixed", "neutral")


def _test3() -> list[dict]:
    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    recs = [r for r in rows if r["split"] == "test3"]
    recs.sort(key=lambda r: (r["path"], r["start"]))
    random.Random(SEED + 100).shuffle(recs)  # fixed order, not document by document
    return recs


def label() -> None:
    """Print each test3 sentence with its index; never the stored labels."""
    recs = _test3()
    texts = {p: doc.text for p, doc, _ in verified_documents(recs)}
    for i, r in enumerate(recs):
        print(f"[{i}] {' '.join(texts[r['path']][r['start'] : r['end']].split())}")


def write(labels_path: Path) -> None:
    """index<TAB>polarity<TAB>themes (scratch file) -> agreement_test3.jsonl (facts only)."""
    from ofstedmine.extract.codebook import load_codebook

    ids = set(load_codebook().ids)
    short = {"c": "concern", "s": "strength", "m": "mixed", "n": "neutral"}
    recs = _test3()
    out = {}
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        idx, pol, *rest = line.split("\t")
        pol = short.get(pol.strip(), pol.strip())
        if pol not in POLARITIES:
            sys.exit(f"{idx}: unknown polarity {pol!r}")
        themes = sorted({t.strip() for t in (rest[0].split(",") if rest else []) if t.strip()})
        bad = [t for t in themes if t not in ids]
        if bad:
            sys.exit(f"{idx}: unknown themes {bad}")
        r = recs[int(idx)]
        out[int(idx)] = {
            "doc": r["doc"],
            "start": r["start"],
            "end": r["end"],
            "sha256": r["sha256"],
            "polarity": pol,
            "themes": themes,
        }
    if len(out) != len(recs):
        sys.exit(
            f"{len(out)} labels for {len(recs)} sentences; missing {sorted(set(range(len(recs))) - set(out))}"
        )
    AGREEMENT.parent.mkdir(parents=True, exist_ok=True)
    with open(AGREEMENT, "w", encoding="utf-8") as fh:
        for row in sorted(out.values(), key=lambda x: (x["doc"], x["start"])):
            fh.write(json.dumps(row) + "\n")
    print(f"{len(out)} labels -> {AGREEMENT}")


def kappa(a: list[str], b: list[str]) -> tuple[float, float]:
    """Cohen's kappa and raw agreement of two label lists."""
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return ((po - pe) / (1 - pe) if pe < 1 else 1.0), po


def score() -> None:
    ref = {r["sha256"]: r for r in _test3()}
    mine = {}
    for x in AGREEMENT.read_text(encoding="utf-8").splitlines():
        if x.strip():
            r = json.loads(x)
            mine[r["sha256"]] = r
    missing = set(ref) - set(mine)
    if missing or set(mine) - set(ref):
        sys.exit(f"sentence sets differ: {len(missing)} missing, {len(set(mine) - set(ref))} extra")
    keys = sorted(ref)
    a = [ref[k]["polarity"] for k in keys]
    b = [mine[k]["polarity"] for k in keys]
    k4, p4 = kappa(a, b)

    def binary(xs: list[str]) -> list[str]:
        return ["concern" if x in ("concern", "mixed") else "not" for x in xs]

    k2, p2 = kappa(binary(a), binary(b))
    n = len(keys)
    print(f"test3: {n} sentences")
    print(f"stored labels  {dict(Counter(a))}")
    print(f"second labels  {dict(Counter(b))}")
    print(f"polarity 4-way           raw {p4:.3f}  kappa {k4:.3f}")
    print(f"concern vs not (mixed=c) raw {p2:.3f}  kappa {k2:.3f}")
    print("\nconfusion (rows stored, columns second)")
    print(" " * 10 + "".join(f"{p:>10}" for p in POLARITIES))
    conf = Counter(zip(a, b, strict=True))
    for p in POLARITIES:
        print(f"{p:>10}" + "".join(f"{conf[(p, q)]:>10}" for q in POLARITIES))
    # the second labelling scored as if it were a classifier against the stored labels
    tp = sum(x == "concern" and y == "concern" for x, y in zip(binary(a), binary(b), strict=True))
    fp = sum(x != "concern" and y == "concern" for x, y in zip(binary(a), binary(b), strict=True))
    fn = sum(x == "concern" and y != "concern" for x, y in zip(binary(a), binary(b), strict=True))
    cp, cr, cf = _prf(tp, fp, fn)
    print(f"concern, second vs stored as reference: P {cp:.3f}  R {cr:.3f}  F1 {cf:.3f}")
    ttp, tfp, tfn = Counter(), Counter(), Counter()
    jac = []
    for k in keys:
        g, m = set(ref[k]["themes"]), set(mine[k]["themes"])
        for t in g & m:
            ttp[t] += 1
        for t in m - g:
            tfp[t] += 1
        for t in g - m:
            tfn[t] += 1
        jac.append(len(g & m) / len(g | m) if g | m else 1.0)
    p, r, f = _prf(sum(ttp.values()), sum(tfp.values()), sum(tfn.values()))
    print(
        f"\nthemes micro (stored = reference)  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"
        f"   (stored {sum(ttp.values()) + sum(tfn.values())}, second {sum(ttp.values()) + sum(tfp.values())})"
    )
    print(f"themes per-sentence Jaccard mean   {sum(jac) / n:.3f}")
    print(f"theme sets identical               {sum(j == 1.0 for j in jac) / n:.3f}")
    print("\nper theme (stored = reference)         P     R     F1  stored second")
    for t in sorted(set(ttp) | set(tfp) | set(tfn)):
        tp_, fp_, fn_ = ttp[t], tfp[t], tfn[t]
        pp, rr, ff = _prf(tp_, fp_, fn_)
        print(f"  {t:<36} {pp:.2f}  {rr:.2f}  {ff:.2f}  {tp_ + fn_:>4} {tp_ + fp_:>4}")


def _theme_prf(ref: list[list[str]], other: list[list[str]]) -> tuple[float, float, float]:
    tp = sum(len(set(a) & set(b)) for a, b in zip(ref, other, strict=True))
    fp = sum(len(set(b) - set(a)) for a, b in zip(ref, other, strict=True))
    fn = sum(len(set(a) - set(b)) for a, b in zip(ref, other, strict=True))
    return _prf(tp, fp, fn)


def score_pair(split: str) -> None:
    """A split's two blind labellings, against each other and the adjudicated labels."""
    stored = {
        r["sha256"]: r
        for r in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())
        if r["split"] == split
    }
    path = ROOT / "corpora" / "eval" / f"agreement_{split}.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    if {r["sha256"] for r in rows} != set(stored):
        sys.exit(f"{path.name} and the {split} labels hold different sentences")

    def binary(xs: list[str]) -> list[str]:
        return ["concern" if x in ("concern", "mixed") else "not" for x in xs]

    first = [r["first"] for r in rows]
    second = [r["second"] for r in rows]
    final = [stored[r["sha256"]] for r in rows]
    print(f"{split}: {len(rows)} sentences, two blind labellings, disagreements adjudicated")
    for name, a, b in (
        ("first vs second", first, second),
        ("first vs adjudicated", final, first),
        ("second vs adjudicated", final, second),
    ):
        pa, pb = [x["polarity"] for x in a], [x["polarity"] for x in b]
        k4, p4 = kappa(pa, pb)
        k2, p2 = kappa(binary(pa), binary(pb))
        tp, tr, tf = _theme_prf([x["themes"] for x in a], [x["themes"] for x in b])
        print(
            f"  {name:<22} polarity raw {p4:.3f} kappa {k4:.3f}; concern-vs-not raw {p2:.3f}"
            f" kappa {k2:.3f}; themes micro P {tp:.3f} R {tr:.3f} F1 {tf:.3f}"
        )
    changed = sum(a != b for a, b in zip(first, second, strict=True))
    print(f"  sentences the two labellings differ on (polarity or themes): {changed}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("label")
    w = sub.add_parser("write")
    w.add_argument("--labels", type=Path, required=True)
    sub.add_parser("score")
    pair = sub.add_parser("score-pair", help="a split labelled twice: test4 to test18")
    pair.add_argument(
        "split",
        choices=(
            "test4",
            "test5",
            "test6",
            "test7",
            "test8",
            "test9",
            "test10",
            "test11",
            "test12",
            "test13",
            "test14",
            "test15",
            "test16",
            "test17",
            "test18",
        ),
    )
    args = ap.parse_args(argv)
    if args.cmd == "label":
        return label()
    if args.cmd == "write":
        return write(args.labels)
    if args.cmd == "score-pair":
        return score_pair(args.split)
    return score()


if __name__ == "__main__":
    main()
