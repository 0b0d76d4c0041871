"""Blind labelling to ``../shared/LABELLING.md``: write the readers' packets, merge their labels.

Usage (from the project root)::

    python tools/labelling.py relabel --out /tmp/lab/train --parts 6
    python tools/labelling.py draw --out /tmp/lab/test19 --split test19 --seed 19
    python tools/labelling.py merge --packets /tmp/lab/train --labels A.tsv [B.tsv ...]

A *packet* is a scratch file OUTSIDE the project (it holds corpus text): one line per
sentence with a key, the heading above it, the sentence before it and the sentence.
A reader given only ``LABELLING.md`` and the packet writes ``key<TAB>label`` lines
(``c`` concern, ``s`` strength, ``n`` neutral, ``m`` mixed). Nothing in a packet says
what the classifier or an earlier labelling made of the sentence.

``relabel`` packs every sentence of ``corpora/eval/findings_labels.jsonl`` for a fresh
reading; ``merge --field polarity_v2`` writes the readers' label beside the old one, so
the difference between the project's old guide and ``LABELLING.md`` can be counted.
``draw`` samples body sentences uniformly per document family (full inspections 2018
on, full inspections 2013-2017, focused-visit letters, JTAI letters) from sentences
never labelled, letters from documents never sampled; ``merge --split NAME`` adds them
to the labelled set as a new split.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from findings import CORPUS, LABELS, sentence_hash  # noqa: E402

#: document family -> (corpus folder, rule on the publication date "YYYY-MM-DD")
FAMILIES = {
    "inspection_2018_on": ("inspections", lambda d: d >= "2018-06"),
    "inspection_2013_2017": ("inspections", lambda d: d < "2018-06"),
    "focused_visit": ("focused-visits", lambda d: True),
    "jtai": ("jtai", lambda d: True),
}


def family_of(path: str, published: str) -> str | None:
    """The reporting family of a corpus file, from its folder and publication date."""
    for fam, (folder, rule) in FAMILIES.items():
        if path.startswith(folder + "/") and published[:4].isdigit() and rule(published):
            return fam
    return None


def _manifest() -> dict[str, dict[str, str]]:
    with open(CORPUS / "manifest.csv", newline="", encoding="utf-8") as fh:
        return {r["path"]: r for r in csv.DictReader(fh)}


def _context(doc, sents: list[tuple[int, int]]) -> dict[int, tuple[str, str]]:
    """start -> (heading above, previous body sentence) for each body sentence."""
    out = {}
    prev = ""
    for start, end in sents:
        loc = doc.locate(start, end)
        heading = " > ".join(loc.section[-2:]) if loc.section else ""
        out[start] = (heading, prev)
        prev = doc.text[start:end]
    return out


def _body(doc, nlp) -> list[tuple[int, int]]:
    from ofstedmine.extract.findings import body_sentences

    return [(s, e) for s, e, *_ in body_sentences(doc, nlp)]


def _write_packets(records: list[dict], out: Path, parts: int, seed: int) -> None:
    if out.resolve().is_relative_to(ROOT):
        sys.exit("write packets outside the project: they hold corpus text")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rng.shuffle(records)
    (out / "facts.jsonl").write_text(
        "".join(
            json.dumps({k: v for k, v in r.items() if k not in ("text", "prev", "heading")}) + "\n"
            for r in records
        ),
        encoding="utf-8",
    )
    for p in range(parts):
        chunk = records[p::parts]
        with open(out / f"packet_{p + 1}.txt", "w", encoding="utf-8") as fh:
            for r in chunk:
                fh.write(
                    f"### {r['key']}\nHEADING: {r['heading'] or '(none)'}\n"
                    f"BEFORE: {r['prev'] or '(start of section)'}\nSENTENCE: {r['text']}\n\n"
                )
    print(f"{len(records)} sentences in {parts} packets -> {out}")


def relabel(out: Path, parts: int) -> None:
    from ofstedmine.extract.nlp import get_nlp
    from ofstedmine.parse import parse

    nlp = get_nlp()
    labels = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    by_path = defaultdict(list)
    for r in labels:
        by_path[r["path"]].append(r)
    records = []
    for path, recs in sorted(by_path.items()):
        doc = parse(CORPUS / path)
        ctx = _context(doc, _body(doc, nlp))
        for r in recs:
            text = doc.text[r["start"] : r["end"]]
            if sentence_hash(text) != r["sha256"]:
                sys.exit(f"{path}@{r['start']}: sentence moved")
            heading, prev = ctx.get(r["start"], ("", ""))
            records.append(
                {
                    "key": f"{r['doc'][:10]}:{r['start']}",
                    "doc": r["doc"],
                    "start": r["start"],
                    "text": text,
                    "prev": prev,
                    "heading": heading,
                }
            )
    _write_packets(records, out, parts, seed=1)


def draw(out: Path, split: str, seed: int, per_family: dict[str, int], per_doc: int) -> None:
    """Uniform body sentences per family, never labelled; letters from unsampled files."""
    from ofstedmine.extract.nlp import get_nlp
    from ofstedmine.parse import parse

    nlp = get_nlp()
    labels = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    seen_docs = {r["path"] for r in labels}
    seen = {(r["doc"], r["start"]) for r in labels}
    manifest = _manifest()
    rng = random.Random(seed)
    records = []
    for fam, n in per_family.items():
        pool = sorted(
            p for p, r in manifest.items() if r["pages"] and family_of(p, r["published"]) == fam
        )
        fresh = [p for p in pool if p not in seen_docs]
        rng.shuffle(fresh)
        rest = [p for p in pool if p in seen_docs]
        rng.shuffle(rest)
        # letters: documents never sampled first; inspections: almost all are sampled
        order = fresh + rest
        got = 0
        for path in order:
            if got >= n:
                break
            try:
                doc = parse(CORPUS / path)
            except Exception:
                continue
            sents = [s for s in _body(doc, nlp) if (doc.id, s[0]) not in seen]
            if len(sents) < per_doc:
                continue
            ctx = _context(doc, _body(doc, nlp))
            for start, end in sorted(rng.sample(sents, min(per_doc, n - got))):
                heading, prev = ctx[start]
                text = doc.text[start:end]
                records.append(
                    {
                        "key": f"{doc.id[:10]}:{start}",
                        "doc": doc.id,
                        "path": path,
                        "stratum": fam,
                        "split": split,
                        "page": doc.page_at(start),
                        "start": start,
                        "end": end,
                        "sha256": sentence_hash(text),
                        "text": text,
                        "prev": prev,
                        "heading": heading,
                    }
                )
                got += 1
    print(Counter(r["stratum"] for r in records))
    _write_packets(records, out, 1, seed=seed)


_SHORT = {"c": "concern", "s": "strength", "m": "mixed", "n": "neutral"}


def read_labels(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, lab = line.split("\t")[:2]
        lab = _SHORT.get(lab.strip().lower()[:1])
        if lab is None:
            sys.exit(f"{path}: bad label on {key!r}")
        out[key.strip()] = lab
    return out


def merge(
    packets: Path, label_files: list[Path], *, field: str, split: str | None, agreement: Path | None
) -> None:
    facts = [json.loads(x) for x in (packets / "facts.jsonl").read_text().splitlines()]
    readings = [read_labels(p) for p in label_files]
    missing = [f["key"] for f in facts if not any(f["key"] in r for r in readings)]
    if missing:
        sys.exit(f"{len(missing)} sentences unlabelled, e.g. {missing[:3]}")
    final = {}
    for f in facts:
        # later files win: the adjudication is passed last
        for r in readings:
            if f["key"] in r:
                final[f["key"]] = r[f["key"]]
    if agreement is not None:
        with open(agreement, "w", encoding="utf-8") as fh:
            for f in facts:
                fh.write(
                    json.dumps(
                        {
                            "doc": f["doc"],
                            "start": f["start"],
                            "labels": [r.get(f["key"]) for r in readings],
                        }
                    )
                    + "\n"
                )
    rows = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    index = {(r["doc"], r["start"]): r for r in rows}
    changed = Counter()
    if split is None:
        for f in facts:
            r = index[(f["doc"], f["start"])]
            old = r["polarity"]
            r[field] = final[f["key"]]
            if old != r[field]:
                changed[(old, r[field])] += 1
        print(f"{sum(changed.values())} of {len(facts)} changed:")
        for (a, b), n in changed.most_common():
            print(f"  {a:>8} -> {b:<8} {n}")
    else:
        for f in facts:
            rec = {
                k: f[k]
                for k in ("doc", "path", "stratum", "split", "page", "start", "end", "sha256")
            }
            rec["split"] = split
            rec["polarity"] = final[f["key"]]
            rec["polarity_v2"] = final[f["key"]]
            rec["themes"] = []
            rec["themes_labelled"] = False  # polarity only: no reader gave themes
            index[(f["doc"], f["start"])] = rec
        rows = list(index.values())
    rows = sorted(index.values(), key=lambda r: (r["path"], r["start"]))
    with open(LABELS, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    print(f"{len(rows)} labels -> {LABELS}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("relabel")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--parts", type=int, default=6)
    d = sub.add_parser("draw")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--split", required=True)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--per-doc", type=int, default=4)
    d.add_argument(
        "--sizes",
        default="inspection_2018_on=200,inspection_2013_2017=120,focused_visit=160,jtai=120",
    )
    m = sub.add_parser("merge")
    m.add_argument("--packets", type=Path, required=True)
    m.add_argument("--labels", type=Path, nargs="+", required=True)
    m.add_argument("--field", default="polarity_v2")
    m.add_argument("--split")
    m.add_argument("--agreement", type=Path)
    a = ap.parse_args(argv)
    if a.cmd == "relabel":
        relabel(a.out, a.parts)
    elif a.cmd == "draw":
        sizes = {k: int(v) for k, v in (x.split("=") for x in a.sizes.split(","))}
        draw(a.out, a.split, a.seed, sizes, a.per_doc)
    else:
        merge(a.packets, a.labels, field=a.field, split=a.split, agreement=a.agreement)


if __name__ == "__main__":
    main()
