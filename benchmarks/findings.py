"""Accuracy and speed of sentence-level findings on the real corpus.

Usage (from the project root)::

    python benchmarks/findings.py                 # evaluate: polarity, themes, words/s
    python benchmarks/findings.py --no-model      # skip the statistical pipeline
    python benchmarks/findings.py sample --out /tmp/sample.jsonl   # redraw the sample
    python benchmarks/findings.py build --sample S.jsonl --labels L.tsv   # write labels

The labelled set ``corpora/eval/findings_labels.jsonl`` holds facts only: the
document's sha256, the file's path in the corpus, the page, the sentence's
character span in ``Document.text``, the sha256 of the normalised sentence
(lower case, white space collapsed), the stratum, the split (drawn by
document; see ``SPLITS``) and the labels (polarity and theme ids). No sentence
text. ``test11`` and ``test12`` (batches 19 and 20, 240 new sentences from 60
documents each) are the locked
test sets: labelled blind by two people and adjudicated before any classifier
output on them was seen, scored only with ``--locked``. Every other split has been
read for tuning (``test2`` to ``test10`` were locked splits in earlier rounds,
each scored once before its errors were read); the theme filter
(``tools/train_theme_filter.py``) is trained on all of them, so their theme
scores are in-sample; its cross-validated figure is printed by
``tools/train_theme_filter.py --cv``.
The sentences are found again by re-parsing each document and checking the hash.

``sample`` draws documents per stratum (SIF, ILACS 2018, ILACS 2023, ILACS 2026,
focused-visit letters, JTAI letters) with a fixed seed, then body sentences per
document (the same selection ``extract_findings`` reads: no headings, tables,
contents, context data or boilerplate), and writes them, with their text, to a
scratch file OUTSIDE the project for a person to label.

The corpus folder is ``$OFSTEDMINE_SHARED_CORPUS`` or ``../shared/corpus``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("OFSTEDMINE_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
LABELS = ROOT / "corpora" / "eval" / "findings_labels.jsonl"
SEED = 20240917
#: The locked splits: labelled blind, never tuned on, scored only with --locked.
LOCKED = ("test20",)
#: Every split, in the order labelled, with what it has been used for.
SPLITS = {
    "dev": "batches 1-4, rules tuned on it",
    "heldout": "batches 1-3, scores read during development",
    "test2": "batch 5, locked in round 5, tuned on since round 6",
    "test3": "batch 7, locked in round 6, tuned on since round 7",
    "batch9": "below-good inspections and focused visits, tuned on in round 7",
    "batch10": "tuned on in round 7",
    "batch11": "scored fresh in round 7, then tuned on",
    "test4": "locked in round 7 (two blind labellings, adjudicated), tuned on since round 8",
    "test5": "locked in round 8 (two blind labellings, adjudicated), tuned on since round 9",
    "test6": "locked in round 9 (two blind labellings, adjudicated), tuned on since round 10",
    "test7": "locked in round 10 (two blind labellings, adjudicated), tuned on since round 11",
    "test8": "locked in round 11 (two blind labellings, adjudicated), tuned on since round 12",
    "test9": "locked in round 11 (two blind labellings, adjudicated), tuned on since round 12",
    "batch18": "training batch of round 12 (one labelling)",
    "test10": "locked in round 12 (two blind labellings, adjudicated), tuned on since round 13",
    "test11": "locked in round 13 (two blind labellings, adjudicated), tuned on since round 14",
    "test12": "locked in round 13 (two blind labellings, adjudicated), tuned on since round 14",
    "batch23": "training batch of round 14 (one labelling)",
    "batch24": "training batch of round 14 (one labelling)",
    **{f"batch{b}": "training batch of round 14 (one labelling)" for b in (25, 26, 27, 28)},
    "test13": "locked in round 14 (two blind labellings, adjudicated), tuned on since round 15",
    "test14": "locked in round 14 (two blind labellings, adjudicated), tuned on since round 15",
    **{f"batch{b}": "training batch of round 15 (one labelling)" for b in (31, 32)},
    "test15": "locked in round 15 (two blind labellings, adjudicated), tuned on since round 16",
    "test16": "locked in round 15 (two blind labellings, adjudicated), tuned on since round 16",
    "test17": "locked in round 15 (second reading), tuned on since round 16",
    "test18": "locked in round 15 (second reading), tuned on since round 16",
    "test19": "locked in round 16 (uniform body sentences by family, two blind readings to "
    "LABELLING.md, adjudicated; polarity only), scored once, then tuned on",
    "batch35": "training batch of round 16: JTAI letters and 2013-2017 inspections (one reading)",
    "test20": "LOCKED: uniform body sentences by family, two blind readings to LABELLING.md, "
    "adjudicated; polarity only; scored once (round 16)",
}

# stratum -> (corpus folder, first year, last year, frameworks accepted, documents, sentences each)
STRATA = {
    "sif": ("inspections", 2014, 2018, {"sif"}, 11, 7),
    "ilacs_2018": ("inspections", 2018, 2023, {"ilacs_2018"}, 11, 7),
    "ilacs_2023": ("inspections", 2023, 2025, {"ilacs_2023"}, 9, 7),
    "ilacs_2026": ("inspections", 2026, 2026, {"ilacs_2023", "ilacs_2026", "ilacs_2018"}, 6, 7),
    "focused_visit": ("focused-visits", 2018, 2026, None, 8, 6),
    "jtai": ("jtai", 2017, 2026, None, 5, 6),
}


def normalise(text: str) -> str:
    """Lower case, white space collapsed: what the sentence hash is taken over."""
    return " ".join(text.lower().split())


def sentence_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _manifest() -> list[dict[str, str]]:
    with open(CORPUS / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------- sample


# strata drawn by the grades a report's first pages show
_GRADED = {"inadequate": ("inadequate",), "below_good": ("inadequate", "requires improvement")}


def _counts(*n_docs: int) -> dict[str, tuple]:
    """STRATA with these document counts (in STRATA's order), four sentences each."""
    return {k: (*v[:4], n, 4) for (k, v), n in zip(STRATA.items(), n_docs)}


_LOCKED_DRAW = _counts(14, 14, 12, 6, 12, 2)
_TRAINING_DRAW = _counts(20, 20, 16, 6, 16, 4)

# batch -> (split, strata, which documents may be drawn); batches 1-3, 5 and 6 draw
# STRATA from unlabelled documents into dev / held-out (test2 was named by hand).
_BATCHES: dict[int, tuple[str | None, dict[str, tuple], str]] = {
    4: ("dev", {"inadequate": ("inspections", 2014, 2026, None, 30, 4)}, "fresh"),
    7: ("test3", _counts(9, 9, 8, 6, 8), "fresh_then_dev_only"),  # no JTAI left unlabelled
    8: ("test4", _counts(14, 14, 12, 4, 16), "fresh_then_dev_only"),
    9: (
        "batch9",
        {
            "below_good": ("inspections", 2014, 2026, None, 40, 4),
            "focused_visit": STRATA["focused_visit"][:4] + (40, 4),
        },
        "fresh",
    ),
    10: ("batch10", _counts(25, 25, 20, 0, 20), "fresh"),
    11: ("batch11", _counts(24, 24, 20, 8, 20, 4), "outside_test4"),
    # locked splits from batch 12 on: 240 new sentences from any document
    **{
        b: (split, _LOCKED_DRAW, "any")
        for b, split in zip(
            (12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 29, 30, 33, 34),
            (f"test{n}" for n in range(5, 19)),
            strict=True,
        )
    },
    # training batches, labelled once
    **{b: (f"batch{b}", _TRAINING_DRAW, "any") for b in (18, 23, 24, 25, 26, 27, 28, 31, 32)},
}


def sample(
    out: Path, seed: int = SEED, *, batch: int = 1, exclude: list[Path] | None = None
) -> None:
    """Draw the labelling sample (text included) into a scratch file.

    Batch 1 is the first draw; batches 2 and 3 (seed + 1, seed + 2) draw further
    documents, none of them labelled already, with four sentences each. Batch 4
    enriches the development split only: four sentences from each of 30 further
    full inspections whose judgement table shows "Inadequate" (criticism is
    rarer than praise in a random draw); none of it is held out. Batches 7 to 34 are
    set out in ``_BATCHES``: the locked splits test3 and test4 (new documents, falling
    back to documents labelled only in dev when a stratum runs short), training
    batches 9 to 11, 18, 23 to 28, 31 and 32, and the locked splits test5 to test18 (new sentences from any
    document).
    """
    from ofstedmine.extract.findings import body_sentences
    from ofstedmine.extract.nlp import get_nlp
    from ofstedmine.parse import parse

    if out.resolve().is_relative_to(ROOT):
        sys.exit("write the sample outside the project: it holds corpus text")
    nlp = get_nlp()
    seed = seed + (batch - 1)
    rng = random.Random(seed)
    rows = _manifest()
    records = []
    seen_docs = set()
    dev_only: set[str] = set()  # documents labelled in dev and in no other split
    if batch > 1 and LABELS.exists():
        old = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
        seen_docs = {r["doc"] for r in old}
        not_dev = {r["doc"] for r in old if r["split"] != "dev"}
        dev_only = seen_docs - not_dev
    labelled = {(r["doc"], r["start"]) for r in old} if batch > 1 and LABELS.exists() else set()
    elsewhere: set[str] = set()  # documents drawn into another sample, not yet labelled
    for other in exclude or ():
        elsewhere |= {json.loads(x)["doc"] for x in other.read_text().splitlines() if x.strip()}
    seen_docs |= elsewhere
    split_name, strata, rule = _BATCHES.get(batch, (None, STRATA, "fresh"))
    for stratum, (folder, y0, y1, frameworks, n_docs, n_sents) in strata.items():
        if batch > 1:
            n_sents = 4
        pool = [
            r
            for r in rows
            if r["path"].startswith(folder + "/")
            and r["published"][:4].isdigit()
            and y0 <= int(r["published"][:4]) <= y1
            and r["pages"]
        ]
        pool.sort(key=lambda r: r["path"])
        rng.shuffle(pool)
        docs = []
        # which documents may not be drawn, tried in turn until the stratum is full;
        # labelled sentences are never redrawn, whatever the rule
        passes = {
            "fresh": (seen_docs,),
            "fresh_then_dev_only": (seen_docs, seen_docs - dev_only),
            "outside_test4": ({r["doc"] for r in old if r["split"] == "test4"},),
            "any": (elsewhere,),
        }[rule]
        for excluded in passes:
            for r in pool:
                if len(docs) == n_docs:
                    break
                try:
                    doc = parse(CORPUS / r["path"])
                except Exception:
                    continue
                if frameworks is not None and doc.framework.value not in frameworks:
                    continue
                if stratum in _GRADED and not any(
                    w in doc.text[:2500].lower() for w in _GRADED[stratum]
                ):
                    continue
                if doc.id in excluded or any(d.id == doc.id for _, d, _ in docs):
                    continue
                if any(rec["doc"] == doc.id for rec in records):
                    continue
                sents = [s for s in body_sentences(doc, nlp) if (doc.id, s[0]) not in labelled]
                if len(sents) < n_sents:
                    continue
                docs.append((r, doc, sents))
        heldout = set(rng.sample(range(len(docs)), k=round(len(docs) / 3))) if batch < 4 else set()
        for i, (r, doc, sents) in enumerate(docs):
            for start, end, *_ in sorted(rng.sample(sents, n_sents), key=lambda x: x[0]):
                text = doc.text[start:end]
                records.append(
                    {
                        "doc": doc.id,
                        "path": r["path"],
                        "stratum": stratum,
                        "split": split_name or ("heldout" if i in heldout else "dev"),
                        "page": doc.page_at(start),
                        "start": start,
                        "end": end,
                        "sha256": sentence_hash(text),
                        "text": text,
                    }
                )
    rng2 = random.Random(seed + 1)
    order = list(range(len(records)))
    rng2.shuffle(order)  # label in a shuffled order, not document by document
    with open(out, "w", encoding="utf-8") as fh:
        for k, i in enumerate(order):
            fh.write(
                json.dumps({"key": k + 1000 * (batch - 1), **records[i]}, ensure_ascii=False) + "\n"
            )
    print(f"{len(records)} sentences from {len({r['doc'] for r in records})} documents -> {out}")


def build(sample_path: Path, labels_path: Path) -> None:
    """Merge a person's labels (key<TAB>polarity<TAB>themes) with the sample's facts."""
    from ofstedmine.extract.codebook import load_codebook

    ids = set(load_codebook().ids)
    short = {"c": "concern", "s": "strength", "m": "mixed", "n": "neutral"}
    labels = {}
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, pol, *rest = line.split("\t")
        themes = [t for t in (rest[0].split(",") if rest else []) if t.strip()]
        bad = [t for t in themes if t.strip() not in ids]
        if bad:
            sys.exit(f"key {key}: unknown themes {bad}")
        labels[int(key)] = (short.get(pol.strip(), pol.strip()), sorted(t.strip() for t in themes))
    out = []
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["key"] not in labels:
            continue
        pol, themes = labels[rec["key"]]
        rec.pop("text")
        out.append(
            {
                **{
                    k: rec[k]
                    for k in ("doc", "path", "stratum", "split", "page", "start", "end", "sha256")
                },
                "polarity": pol,
                "themes": themes,
            }
        )
    if LABELS.exists():  # keep earlier batches' labels
        have = {(r["doc"], r["start"]) for r in out}
        for x in LABELS.read_text(encoding="utf-8").splitlines():
            old = json.loads(x) if x.strip() else None
            if old and (old["doc"], old["start"]) not in have:
                out.append(old)
    out.sort(key=lambda r: (r["path"], r["start"]))
    LABELS.parent.mkdir(parents=True, exist_ok=True)
    with open(LABELS, "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec) + "\n")
    print(f"{len(out)} labels -> {LABELS}")


# ------------------------------------------------------------------- evaluate


def gold_polarity(rec: dict) -> str:
    """The reader's polarity by ``../shared/LABELLING.md`` (``polarity_v2``; the older
    guide's ``polarity`` where a sentence has not been read again)."""
    return rec.get("polarity_v2") or rec["polarity"]


def family(rec: dict) -> str:
    """The reporting family: full inspections 2018 on / 2013-2017, focused visits, JTAI."""
    if rec["path"].startswith("focused-visits/"):
        return "focused_visit"
    if rec["path"].startswith("jtai/"):
        return "jtai"
    year = rec["path"].rsplit("/", 1)[-1][:7]
    return "inspection_2018_on" if year >= "2018-06" else "inspection_2013_2017"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def verified_documents(labels: list[dict]) -> Iterator[tuple[str, Any, list[dict]]]:
    """Each labelled file re-parsed, in path order, with its label rows.

    Stops if a file's sha256 or a labelled sentence's hash has moved: the labels
    would no longer say what they were given for.
    """
    from ofstedmine.parse import parse

    by_doc = defaultdict(list)
    for rec in labels:
        by_doc[rec["path"]].append(rec)
    for path, recs in sorted(by_doc.items()):
        doc = parse(CORPUS / path)
        if doc.id != recs[0]["doc"]:
            sys.exit(f"{path}: the file changed (sha256 differs from the labelled one)")
        for rec in recs:
            if sentence_hash(doc.text[rec["start"] : rec["end"]]) != rec["sha256"]:
                sys.exit(f"{path}@{rec['start']}: sentence hash differs (parser output changed)")
        yield path, doc, recs


def _predict(
    labels: list[dict], model: str | None, *, theme_filter: bool = True
) -> tuple[dict, float, int]:
    """Predictions per (doc, start) and the pure extraction time and word count."""
    from ofstedmine.extract.codebook import load_codebook
    from ofstedmine.extract.findings import extract_findings

    cb = load_codebook()
    preds = {}
    elapsed, words = 0.0, 0
    for _, doc, recs in verified_documents(labels):
        t = time.perf_counter()
        found = extract_findings(doc, codebook=cb, model=model, theme_filter=theme_filter)
        elapsed += time.perf_counter() - t
        words += len(doc.text.split())
        for rec in recs:
            best = None
            for f in found:  # the finding that overlaps the labelled sentence most
                ov = min(f.locator.end, rec["end"]) - max(f.locator.start, rec["start"])
                if ov > 0 and (best is None or ov > best[0]):
                    best = (ov, f)
            f = best[1] if best else None
            preds[(rec["doc"], rec["start"])] = (
                f.polarity.value if f else "neutral",
                sorted(f.themes) if f else [],
            )
    return preds, elapsed, words


def evaluate(labels: list[dict], preds: dict, title: str) -> dict:
    counts = Counter()
    theme_tp, theme_fp, theme_fn = Counter(), Counter(), Counter()
    for rec in labels:
        pol, themes = preds[(rec["doc"], rec["start"])]
        gold = gold_polarity(rec)
        gold_c = gold in ("concern", "mixed")
        pred_c = pol in ("concern", "mixed")
        counts["c_tp"] += gold_c and pred_c
        counts["c_fp"] += pred_c and not gold_c
        counts["c_fn"] += gold_c and not pred_c
        gold_s, pred_s = gold == "strength", pol == "strength"
        counts["s_tp"] += gold_s and pred_s
        counts["s_fp"] += pred_s and not gold_s
        counts["s_fn"] += gold_s and not pred_s
        counts["exact"] += pol == gold
        if not rec.get("themes_labelled", True):
            continue  # polarity only: readers gave no themes
        g, p = set(rec["themes"]), set(themes)
        for t in g & p:
            theme_tp[t] += 1
        for t in p - g:
            theme_fp[t] += 1
        for t in g - p:
            theme_fn[t] += 1
    n = len(labels)
    c = _prf(counts["c_tp"], counts["c_fp"], counts["c_fn"])
    s = _prf(counts["s_tp"], counts["s_fp"], counts["s_fn"])
    micro = _prf(sum(theme_tp.values()), sum(theme_fp.values()), sum(theme_fn.values()))
    print(f"\n== {title}: {n} sentences, {len({r['doc'] for r in labels})} documents")
    print(
        f"concern (incl. mixed)  P {c[0]:.3f}  R {c[1]:.3f}  F1 {c[2]:.3f}"
        f"   (gold {counts['c_tp'] + counts['c_fn']})"
    )
    print(
        f"strength               P {s[0]:.3f}  R {s[1]:.3f}  F1 {s[2]:.3f}"
        f"   (gold {counts['s_tp'] + counts['s_fn']})"
    )
    print(f"polarity exact (4-way) {counts['exact'] / n:.3f}")
    print(
        f"themes micro           P {micro[0]:.3f}  R {micro[1]:.3f}  F1 {micro[2]:.3f}"
        f"   (gold {sum(theme_tp.values()) + sum(theme_fn.values())})"
    )
    return {
        "concern": c,
        "strength": s,
        "micro": micro,
        "tp": theme_tp,
        "fp": theme_fp,
        "fn": theme_fn,
        "n": n,
    }


def per_theme(result: dict, title: str) -> None:
    print(f"\nper theme ({title})".ljust(38) + "P      R      F1   gold")
    themes = sorted(set(result["tp"]) | set(result["fp"]) | set(result["fn"]))
    for t in themes:
        p, r, f = _prf(result["tp"][t], result["fp"][t], result["fn"][t])
        print(f"  {t:<36} {p:.2f}   {r:.2f}   {f:.2f}   {result['tp'][t] + result['fn'][t]}")


def throughput(
    model: str | None, paths: list[str], *, theme_filter: bool = True
) -> tuple[float, int]:
    """Words per second of ``extract_findings`` alone over parsed documents."""
    from ofstedmine.extract.codebook import load_codebook
    from ofstedmine.extract.findings import extract_findings
    from ofstedmine.extract.nlp import get_nlp
    from ofstedmine.parse import parse

    cb = load_codebook()
    docs = [parse(CORPUS / p) for p in paths]
    get_nlp(model, codebook=cb)  # build once, outside the timing
    extract_findings(docs[0], codebook=cb, model=model, theme_filter=theme_filter)
    words = sum(len(d.text.split()) for d in docs)
    t = time.perf_counter()
    for d in docs:
        extract_findings(d, codebook=cb, model=model, theme_filter=theme_filter)
    return words / (time.perf_counter() - t), words


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd")
    s = sub.add_parser("sample")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--seed", type=int, default=SEED)
    s.add_argument("--batch", type=int, default=1)
    s.add_argument(
        "--exclude", type=Path, action="append", help="a sample whose documents not to draw"
    )
    sp = sub.add_parser("speed", help="words/s side by side with a previous release")
    sp.add_argument("--against", default="b063918", help="git revision of the release")
    sp.add_argument("--docs", type=int, default=60)
    sp.add_argument("--rounds", type=int, default=5)
    b = sub.add_parser("build")
    b.add_argument("--sample", type=Path, required=True)
    b.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--no-model", action="store_true", help="skip the statistical pipeline")
    ap.add_argument(
        "--locked", action="store_true", help="also score the locked split (once, at the end)"
    )
    ap.add_argument(
        "--no-filter", action="store_true", help="keep every matched theme (no trained filter)"
    )
    ap.add_argument("--speed-docs", type=int, default=60, help="documents for words/s")
    ap.add_argument(
        "--errors", type=Path, help="write disagreements (with text) to this scratch file"
    )
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        return sample(args.out, args.seed, batch=args.batch, exclude=args.exclude)
    if args.cmd == "build":
        return build(args.sample, args.labels)
    if args.cmd == "speed":
        return speed(args.against, args.docs, args.rounds)
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS} (set OFSTEDMINE_SHARED_CORPUS)")
    labels = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    if not args.locked:  # the locked split is neither predicted nor scored unless asked
        labels = [r for r in labels if r["split"] not in LOCKED]
    use_filter = not args.no_filter
    preds, elapsed, words = _predict(labels, None, theme_filter=use_filter)
    by_split = defaultdict(list)
    for r in labels:
        by_split[r["split"]].append(r)
    for split, note in SPLITS.items():
        if by_split.get(split):
            evaluate(by_split[split], preds, f"{split} ({note})")
    locked = [r for r in labels if r["split"] in LOCKED]
    fresh = None
    if locked:
        fresh = evaluate(locked, preds, f"locked splits pooled ({', '.join(LOCKED)})")
    tuning = [r for r in labels if r["split"] not in LOCKED]
    allres = evaluate(
        tuning, preds, "all but the locked splits (themes in-sample: the theme models learned them)"
    )
    if fresh is not None:
        per_theme(fresh, "locked splits")
    else:  # the models were trained on these: a check of the pipeline, not an estimate
        per_theme(allres, "in-sample")
    for scope, rows in (("locked", locked), ("all scored", labels)):
        if not rows:
            continue
        print(f"\nby family ({scope}): concern P / R, strength P / R")
        for name in ("inspection_2018_on", "inspection_2013_2017", "focused_visit", "jtai"):
            recs = [r for r in rows if family(r) == name]
            if not recs:
                continue
            t = Counter()
            for r in recs:
                g, p = gold_polarity(r), preds[(r["doc"], r["start"])][0]
                gc, pc = g in ("concern", "mixed"), p in ("concern", "mixed")
                t["ctp"] += gc and pc
                t["cfp"] += pc and not gc
                t["cfn"] += gc and not pc
                t["stp"] += g == "strength" and p == "strength"
                t["sfp"] += p == "strength" and g != "strength"
                t["sfn"] += g == "strength" and p != "strength"
            cp, cr, _ = _prf(t["ctp"], t["cfp"], t["cfn"])
            sp, sr, _ = _prf(t["stp"], t["sfp"], t["sfn"])
            print(
                f"  {name:<22} n={len(recs):<5} concern {cp:.3f} / {cr:.3f}"
                f"   strength {sp:.3f} / {sr:.3f}"
            )
    if args.errors:  # every split but the locked one
        _write_errors(args.errors, tuning, preds)

    rows = [r for r in _manifest() if r["pages"]]
    rng = random.Random(SEED)
    speed_paths = [r["path"] for r in rng.sample(rows, args.speed_docs)]
    if use_filter:  # alternate with and without the filter, three times each: load-fair
        on, off = [], []
        for _ in range(3):
            wps, n = throughput(None, speed_paths, theme_filter=True)
            on.append(wps)
            off.append(throughput(None, speed_paths, theme_filter=False)[0])
        wps, wps0 = sorted(on)[1], sorted(off)[1]
    else:
        wps, n = throughput(None, speed_paths, theme_filter=False)
    print(
        f"\nrule pipeline: {wps:,.0f} words/s over {n:,} words ({args.speed_docs} documents,"
        f" extraction only, parsing excluded; theme filter {'on' if use_filter else 'off'};"
        " median of 3)"
    )
    if use_filter:
        print(
            f"same documents, runs alternated, without the theme filter: {wps0:,.0f} words/s"
            f" (the filter costs {1 - wps / wps0:.0%})"
        )
    if not args.no_model:
        from ofstedmine.errors import ExtractionError

        try:
            spreds, _, _ = _predict(labels, "en_core_web_sm", theme_filter=use_filter)
        except ExtractionError as exc:
            print(f"statistical pipeline skipped: {exc}")
        else:
            for split in ("heldout", *LOCKED):
                if by_split.get(split):
                    evaluate(by_split[split], spreds, f"{split}, statistical pipeline")
            evaluate(labels, spreds, "all, statistical pipeline")
            wps, n = throughput("en_core_web_sm", speed_paths[:15], theme_filter=use_filter)
            print(f"statistical pipeline: {wps:,.0f} words/s over {n:,} words (15 documents)")


_SPEED_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from ofstedmine.extract.codebook import load_codebook
from ofstedmine.extract.findings import extract_findings
from ofstedmine.extract.nlp import get_nlp
from ofstedmine.parse import parse
paths = json.loads(sys.argv[2])
cb = load_codebook()
docs = [parse(p) for p in paths]
get_nlp(None, codebook=cb)
extract_findings(docs[0], codebook=cb)
words = sum(len(d.text.split()) for d in docs)
t = time.perf_counter()
for d in docs:
    extract_findings(d, codebook=cb)
print(json.dumps({"words": words, "seconds": time.perf_counter() - t}))
"""


def speed(against: str, n_docs: int, rounds: int) -> None:
    """Words/s of extract_findings, this checkout and a previous release side by side.

    Each round times both in fresh processes, in alternating order, on the same
    documents (parsing excluded), so a slow moment of the machine falls on both.
    """
    import subprocess
    import tarfile
    import tempfile

    rows = [r for r in _manifest() if r["pages"]]
    paths = [str(CORPUS / r["path"]) for r in random.Random(SEED).sample(rows, n_docs)]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "prev.tar"
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", "-o", str(archive), against, "src"], check=True
        )
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        trees = {"this checkout": str(ROOT / "src"), f"release {against}": str(Path(tmp) / "src")}
        got: dict[str, list[float]] = {k: [] for k in trees}
        for i in range(rounds):
            order = list(trees) if i % 2 == 0 else list(reversed(trees))
            for name in order:
                out = subprocess.run(
                    [sys.executable, "-c", _SPEED_CHILD, trees[name], json.dumps(paths)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                r = json.loads(out.strip().splitlines()[-1])
                got[name].append(r["words"] / r["seconds"])
                words = r["words"]
    print(
        f"extract_findings words/s, {n_docs} documents ({words:,} words), {rounds} rounds "
        "alternated, parsing excluded"
    )
    for name, v in got.items():
        v = sorted(v)
        print(
            f"  {name:<22} median {v[len(v) // 2]:>9,.0f}   min {v[0]:>9,.0f}   max {v[-1]:>9,.0f}"
        )
    names = list(got)
    a, b = (sorted(got[n])[len(got[n]) // 2] for n in names)
    print(f"  ratio {names[0]} / {names[1]}: {a / b:.2f}")


def _write_errors(path: Path, labels: list[dict], preds: dict) -> None:
    """Disagreements with their text, for a person to read (never inside the project)."""
    if path.resolve().is_relative_to(ROOT):
        sys.exit("write errors outside the project: they hold corpus text")
    texts = {p: doc.text for p, doc, _ in verified_documents(labels)}
    with open(path, "w", encoding="utf-8") as fh:
        for r in labels:
            pol, themes = preds[(r["doc"], r["start"])]
            if pol == gold_polarity(r) and sorted(themes) == sorted(r["themes"]):
                continue
            fh.write(
                json.dumps(
                    {
                        "split": r["split"],
                        "gold": gold_polarity(r),
                        "pred": pol,
                        "gold_t": r["themes"],
                        "pred_t": themes,
                        "text": texts[r["path"]][r["start"] : r["end"]],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
