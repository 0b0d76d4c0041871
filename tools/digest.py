"""Digests of what the pipeline says about a fixed set of 60 corpus documents.

Usage (from the project root)::

    python tools/digest.py --out /tmp/before.json       # before a redesign
    python tools/digest.py --compare /tmp/before.json   # after: what changed, by part

A redesign should leave behaviour unchanged: the digests of judgements, findings,
recommendations, persistence and the Bradford report's facts for the same 60 documents
(drawn with a fixed seed from the corpus manifest, Bradford's six always among them)
should be identical before and after, or every difference explained. Each part is a
sha256 over sorted facts (ids, spans, grades, labels, hashes of texts), so the digest
file holds no corpus text and can be kept anywhere. ``--compare`` also prints, per part,
how many facts differ, so a difference can be traced.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import CORPUS, pdf_rows  # noqa: E402

SEED = 18


def _h(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def facts() -> dict[str, list[str]]:
    from ofstedmine.analysis.graph import build_theme_graph
    from ofstedmine.analysis.persistence import verdict_table
    from ofstedmine.corpus import Corpus

    rows = pdf_rows()
    chosen = {r["path"] for r in rows if r["la"] == "bradford"}
    others = sorted(r["path"] for r in rows if r["path"] not in chosen)
    chosen |= set(random.Random(SEED).sample(others, 60 - len(chosen)))
    corpus = Corpus.from_manifest(
        CORPUS / "manifest.csv", where=lambda r: r["path"] in chosen, cache=False, progress=False
    )
    out: dict[str, list[str]] = {
        "judgements": [],
        "findings": [],
        "recommendations": [],
        "persistence": [],
        "report": [],
    }
    for doc, exs in corpus:
        for ex in exs:
            for j in ex.judgements:
                page = j.locator.page if j.locator else None
                out["judgements"].append(
                    f"{doc.id[:12]}|{ex.part}|{j.area.value}|{j.grade}|{j.status.value}|{page}"
                )
            for f in ex.findings:
                loc = f.locator
                out["findings"].append(
                    f"{doc.id[:12]}|{loc.start}|{loc.end}|{loc.page}|{f.polarity.value}|"
                    f"{','.join(f.themes)}|{f.confidence}|{f.position.value}|{f.leads_paragraph}"
                )
            for r in ex.recommendations:
                out["recommendations"].append(
                    f"{doc.id[:12]}|{r.list.value}|{r.index}|{r.locator.page}|{_h(r.text)}"
                )
    G = build_theme_graph(corpus)
    for auth in sorted(G.graph["authorities"]):
        for r in verdict_table(G, auth).to_dict("records"):
            out["persistence"].append(
                f"{auth}|{r['theme']}|{r['status']}|{r['still_a_concern']}|"
                f"{r['concern_documents']}|{r['praised_documents']}|{r['verdicts']}"
            )
    from ofstedmine.report.build import report_frames

    frames = report_frames(corpus.for_authority("bradford"), "bradford")
    for name in ("judgements", "persistence", "timeline", "tracking"):
        df = getattr(frames, name, None)
        if df is None:
            continue
        cols = [
            c for c in df.columns if df[c].map(lambda v: isinstance(v, str | int | float)).all()
        ]
        for rec in df[cols].astype(str).to_dict("records"):
            out["report"].append(f"{name}|" + _h(json.dumps(rec, sort_keys=True)))
    return {k: sorted(v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", type=Path)
    a = ap.parse_args(argv)
    now = facts()
    digest = {k: {"sha256": _h("\n".join(v)), "n": len(v)} for k, v in now.items()}
    if a.out:
        a.out.write_text(json.dumps({"digest": digest, "facts": now}, indent=1), encoding="utf-8")
    if a.compare:
        old = json.loads(a.compare.read_text(encoding="utf-8"))["facts"]
        for k in now:
            gone, new = set(old.get(k, ())) - set(now[k]), set(now[k]) - set(old.get(k, ()))
            same = "identical" if not gone and not new else f"{len(gone)} gone, {len(new)} new"
            print(f"{k:<16} {digest[k]['n']:>6} facts  {same}")
    else:
        for k, v in digest.items():
            print(f"{k:<16} {v['n']:>6} facts  {v['sha256']}")


if __name__ == "__main__":
    main()
