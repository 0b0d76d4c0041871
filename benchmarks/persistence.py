"""Persistence verdicts against readers' references: cell accuracy and still-a-concern.

Usage (from the project root)::

    python benchmarks/persistence.py            # every reference, tuning and held out
    python benchmarks/persistence.py --cells    # also list each disagreeing cell (tuning only)

The references in ``corpora/eval/persistence/<authority>.csv`` are facts: for each of
an authority's last four held documents (sha256, path, publication date) and each of
the codebook's 36 themes, whether a reader, given only ``../shared/LABELLING.md``, the
theme list and the documents, judged the document to raise the theme as a concern
(``raised``) and to praise it (``praised``), with the pages of the deciding evidence.
The readers never saw the code or its output.

Three authorities are for tuning (``TUNING``: their disagreements may be read); the
others are held out and only their figures are printed. For each authority the
benchmark builds the corpus of those four documents from the mirror, reads each
document's verdict on each theme off the theme graph (``raises`` edges' ``verdict``)
and prints: cell accuracy, precision and recall of ``raised`` over the 144 cells;
the same over the cells of themes that either side marks raised at least once; and
still-a-concern agreement (the latest document raises it, or not) over the 36 themes.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import need_corpus  # noqa: E402

REFS = ROOT / "corpora" / "eval" / "persistence"
#: Authorities whose disagreements may be read while tuning; the rest are held out.
TUNING = ("sheffield", "lambeth", "wigan")


def read_reference(path: Path) -> dict:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    docs = sorted({(r["published"], r["path"], r["sha256"]) for r in rows})
    cells = {(r["theme"], r["sha256"]): r["raised"] == "yes" for r in rows}
    praised = {(r["theme"], r["sha256"]): r["praised"] == "yes" for r in rows}
    return {"authority": rows[0]["authority"], "docs": docs, "cells": cells, "praised": praised}


def predicted(ref: dict, corpus_root: Path) -> dict[tuple[str, str], str]:
    """(theme, sha256) -> the pipeline's verdict for the reference's documents."""
    from ofstedmine.analysis.graph import build_theme_graph
    from ofstedmine.corpus import Corpus

    paths = {p for _, p, _ in ref["docs"]}
    corpus = Corpus.from_manifest(
        corpus_root / "manifest.csv",
        where=lambda r: r["path"] in paths,
        progress=False,
        cache=False,
    )
    G = build_theme_graph(corpus, events=False)
    out = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k == "raises":
            out[(G.nodes[v]["theme"], G.nodes[u]["document_id"])] = d.get("verdict", "absent")
    return out


def score(ref: dict, pred: dict) -> dict:
    tp = fp = fn = tn = 0
    for (theme, sha), gold in ref["cells"].items():
        got = pred.get((theme, sha)) in ("concern", "both")
        tp += gold and got
        fp += got and not gold
        fn += gold and not got
        tn += not gold and not got
    latest = ref["docs"][-1][2]
    themes = {t for t, _ in ref["cells"]}
    still = sum(
        ref["cells"][(t, latest)] == (pred.get((t, latest)) in ("concern", "both")) for t in themes
    )
    n = tp + fp + fn + tn
    return {
        "acc": (tp + tn) / n,
        "p": tp / (tp + fp) if tp + fp else float("nan"),
        "r": tp / (tp + fn) if tp + fn else float("nan"),
        "still": still,
        "themes": len(themes),
        "gold": tp + fn,
        "pred": tp + fp,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", action="store_true", help="list the tuning references' misses")
    a = ap.parse_args(argv)
    root = need_corpus()
    print(
        f"{'authority':<18}{'set':<9}{'cells':>6}{'acc':>7}{'P':>7}{'R':>7}{'gold':>6}"
        f"{'pred':>6}{'still':>9}"
    )
    pooled = defaultdict(list)
    for path in sorted(REFS.glob("*.csv")):
        ref = read_reference(path)
        pred = predicted(ref, root)
        s = score(ref, pred)
        which = "tuning" if ref["authority"] in TUNING else "held-out"
        pooled[which].append(s)
        print(
            f"{ref['authority']:<18}{which:<9}{len(ref['cells']):>6}{s['acc']:>7.3f}"
            f"{s['p']:>7.3f}{s['r']:>7.3f}{s['gold']:>6}{s['pred']:>6}"
            f"{s['still']:>5}/{s['themes']}"
        )
        if a.cells and which == "tuning":
            for (theme, sha), gold in sorted(ref["cells"].items()):
                got = pred.get((theme, sha), "none")
                if gold != (got in ("concern", "both")):
                    doc = next(p for _, p, h in ref["docs"] if h == sha)
                    print(
                        f"    {theme:<34} {doc:<55} reader={'raised' if gold else 'not'}"
                        f" pipeline={got}"
                    )
    for which, scores in pooled.items():
        acc = sum(s["acc"] for s in scores) / len(scores)
        still = sum(s["still"] for s in scores)
        themes = sum(s["themes"] for s in scores)
        print(f"{which}: mean cell accuracy {acc:.3f}; still a concern {still}/{themes}")


if __name__ == "__main__":
    main()
