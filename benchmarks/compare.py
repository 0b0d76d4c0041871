"""National figures from analysis.compare on the real corpus.

    .venv/bin/python benchmarks/compare.py [--no-findings] [--workers N] [--cache DIR]

Prints: the authorities covered by the extracted judgement history; full inspections
per authority (distribution); overall grade transitions between consecutive full
inspections read from the reports beside those computed from Ofsted's official
statistics, and pair by pair where both hold the pair (agreement); the ILACS 2026
pairs counted per area; and the grade-prediction study (cross-validated accuracy and
macro-F1 beside the majority-class baseline, for theme and TF-IDF features). Facts
and counts only: no report text is printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import need_corpus  # noqa: E402


def _section(title: str) -> None:
    print(f"\n## {title}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-findings", action="store_true",
                        help="judgements only (fast); skips the prediction study")  # fmt: skip
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--cache", default=None, help="cache folder (default: no cache)")
    args = parser.parse_args()

    import pandas as pd

    from ofstedmine.analysis import compare
    from ofstedmine.authorities import all_authorities
    from ofstedmine.corpus import Corpus
    from ofstedmine.sources.statistics import read_judgements

    pd.set_option("display.width", 120)
    corpus_dir = need_corpus()
    findings = not args.no_findings
    started = time.perf_counter()
    corpus = Corpus.from_manifest(corpus_dir / "manifest.csv", findings=findings,
                                  cache=args.cache or False, workers=args.workers,
                                  progress=False)  # fmt: skip
    built = time.perf_counter() - started
    print(f"# analysis.compare on the national corpus\n\ncorpus: {corpus!r}, built in {built:.0f} s "
          f"(findings={findings}); {len(corpus.failures)} files not read")  # fmt: skip

    _section("Coverage")
    hist = compare.judgement_history(corpus)
    current = {a.id for a in all_authorities(current_only=True)}
    covered = current & set(hist["authority"])
    print(f"current authorities with a judgement read: {len(covered)} of {len(current)}")
    if current - covered:
        print("missing:", ", ".join(sorted(current - covered)))
    full = hist[hist["kind"] == "full_inspection"].drop_duplicates("inspection")
    print(f"full inspections with a grade read: {len(full)} "
          f"({full['framework'].value_counts().sort_index().to_dict()})")  # fmt: skip
    graded = full[full["framework"] != "pre_sif_2013"]
    per = graded.groupby("authority").size()
    dist = per.value_counts().sort_index()
    print("SIF/ILACS inspections per authority (inspections: authorities): "
          + ", ".join(f"{k}: {v}" for k, v in dist.items()))  # fmt: skip
    print(f"min {per.min()}, median {per.median():g}, max {per.max()}")

    _section("Overall grade transitions: reports vs official statistics")
    stats = read_judgements(corpus_dir / "statistics")
    ours, our_matrix = compare.grade_transitions(corpus)
    theirs, their_matrix = compare.transitions_from_statistics(stats)
    print(f"from the reports: {our_matrix.to_numpy().sum()} comparable pairs of "
          f"{ours.attrs['n_pairs']}; left out: {ours.attrs['excluded']}")  # fmt: skip
    print(our_matrix.to_string(), "\n")
    print(f"from the statistics (current authorities, to March 2025): "
          f"{their_matrix.to_numpy().sum()} pairs")  # fmt: skip
    print(their_matrix.to_string(), "\n")
    by_change = pd.concat(
        {"reports": ours.groupby("framework_change")["n"].sum(),
         "statistics": theirs.groupby("framework_change")["n"].sum()}, axis=1
    ).fillna(0).astype(int)  # fmt: skip
    print("pairs by framework change:\n" + by_change.to_string(), "\n")

    agreement = compare.transitions_agreement(corpus, stats)
    both = agreement[agreement["in_statistics"] & agreement["comparable"]]
    n_agree = int(both["agree"].sum())
    print(f"pairs in both: {len(both)}; same two grades: {n_agree} "
          f"({n_agree / max(len(both), 1):.1%}); pairs only in the reports: "
          f"{int((~agreement['in_statistics']).sum())} (inspections after March 2025 or "
          "pairs the statistics do not hold)")  # fmt: skip
    grades = ["inadequate", "requires_improvement", "good", "outstanding"]
    both_matrix = pd.crosstab(both["from_grade"], both["to_grade"])
    both_matrix = both_matrix.reindex(index=grades, columns=grades, fill_value=0)
    print("pairs in both, as read from the reports:\n" + both_matrix.to_string())
    if n_agree < len(both):
        cols = ["authority", "from_date", "to_date", "from_grade", "to_grade",
                "stats_from_grade", "stats_to_grade"]  # fmt: skip
        print("disagreements:\n" + both.loc[~both["agree"].astype(bool), cols].to_string())

    _section("ILACS 2026 (no overall grade): transitions per area")
    pairs = compare.transition_pairs(corpus)
    new = pairs[(pairs["to_framework"] == "ilacs_2026") & pairs["comparable"]]
    if new.empty:
        print("no pair ends in an ILACS 2026 inspection")
    else:
        print(new.groupby(["area", "change"]).size().unstack(fill_value=0).to_string())

    _section("Grade prediction study")
    if not findings:
        print("skipped (--no-findings)")
        return
    for features in ("themes", "tfidf"):
        t = time.perf_counter()
        try:
            result = compare.grade_prediction_study(corpus, features=features)
        except ValueError as exc:
            print(f"{features}: not run ({exc})")
            continue
        print(f"{features}: {result['n_reports']} reports, {result['n_authorities']} authorities, "
              f"{result['n_splits']}-fold GroupKFold by authority, classes "
              f"{result['class_counts']} ({time.perf_counter() - t:.0f} s)")  # fmt: skip
        print(f"  accuracy {result['accuracy']:.3f} (baseline {result['baseline_accuracy']:.3f}); "
              f"macro-F1 {result['macro_f1']:.3f} (baseline {result['baseline_macro_f1']:.3f})")  # fmt: skip
        folds = result["folds"]
        print(f"  per fold accuracy {folds['accuracy'].min():.3f}-{folds['accuracy'].max():.3f}, "
              f"macro-F1 {folds['macro_f1'].min():.3f}-{folds['macro_f1'].max():.3f}")  # fmt: skip
        top = result["top_features"].groupby("grade").head(3)
        for grade, g in top.groupby("grade", sort=False):
            print(f"  top features for {grade}: {', '.join(g['feature'])}")
    print(f"\ncaveat: {compare.CAVEAT}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
