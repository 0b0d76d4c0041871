"""Bounded fuzzing of parse() and extract() with mutated real PDFs and HTML pages.

    .venv/bin/python tools/fuzz.py --cases 1000 [--seed 7] [--timeout 30]

Each case is a mutation (bit flips, byte runs overwritten, truncation, chunk
duplication or deletion, splicing two files) of a corpus PDF or of an HTML page
(generated here, in the project's own words, or a seed news page). Cases run in
worker processes with a time limit (ofstedmine._pool), so a crash or hang inside
pdfium costs one case. Outcomes: ``ok``, ``typed`` (an OfstedmineError), ``bug``
(any other exception), ``crash`` (the worker died), ``timeout``. Anything but ok or
typed is a bug to fix with a regression test.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HTML_PAGES = [
    b"<html><head><meta charset='utf-8'><title>Notice</title></head><body><main>"
    b"<h1>Improvement notice issued to Anytown Council: June 2020</h1><p>The minister expects "
    b"the council to improve its services for children.</p><ul><li>appoint an adviser</li>"
    b"<li>report each quarter</li></ul><table><tr><td>a</td><td>b</td></tr></table></main></body></html>",
    b"<!DOCTYPE html><html><body><article><h2>Ofsted visit</h2><p>Inspectors said too many "
    b"children waited too long for help.</p><p>The council said it had plans.</p></article></body></html>",
]


def mutate(data: bytes, rng: random.Random, other: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(
            ["flip", "overwrite", "truncate", "duplicate", "delete", "splice", "insert"]
        )
        if not b:
            break
        i = rng.randrange(len(b))
        if op == "flip":
            for _ in range(rng.randint(1, 50)):
                j = rng.randrange(len(b))
                b[j] ^= 1 << rng.randrange(8)
        elif op == "overwrite":
            n = rng.randint(1, 512)
            b[i : i + n] = bytes(rng.randrange(256) for _ in range(min(n, len(b) - i)))
        elif op == "truncate":
            del b[i:]
        elif op == "duplicate":
            n = rng.randint(1, 4096)
            b[i:i] = b[i : i + n]
        elif op == "delete":
            del b[i : i + rng.randint(1, 4096)]
        elif op == "splice":
            j = rng.randrange(len(other)) if other else 0
            b[i:] = other[j:]
        elif op == "insert":
            b[i:i] = rng.choice(
                [
                    b"<script>",
                    b"(",
                    b")",
                    b"obj",
                    b"endstream",
                    b"\x00" * 64,
                    b"%%EOF",
                    b"<<",
                    b">>",
                    b"/Length 999999999",
                ]
            )
    return bytes(b)


def run_case(case: tuple[str, bytes]) -> tuple[str, str]:
    kind, data = case
    from ofstedmine.errors import OfstedmineError
    from ofstedmine.extract import extract_all
    from ofstedmine.parse import ParseSettings, parse

    try:
        doc = parse(data, kind=kind, settings=ParseSettings(max_pages=300))
        extract_all(doc)
        return "ok", ""
    except OfstedmineError as exc:
        return "typed", type(exc).__name__
    except Exception as exc:  # a bug
        return "bug", f"{type(exc).__name__}: {exc}"[:300]


def make_cases(n: int, seed: int, corpus: Path) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    pdfs = sorted(p for p in corpus.rglob("*.pdf") if p.stat().st_size < 600_000)
    pdfs = rng.sample(pdfs, min(25, len(pdfs))) if pdfs else []
    seeds = sorted((corpus.parent / "seeds").glob("*.txt"))
    html = list(HTML_PAGES) + [
        b"<html><body><p>" + s.read_bytes() + b"</p></body></html>" for s in seeds[:3]
    ]
    blobs = [p.read_bytes() for p in pdfs]
    cases = []
    for i in range(n):
        if blobs and i % 4 != 3:
            src, other = rng.choice(blobs), rng.choice(blobs)
            cases.append(("pdf", mutate(src, rng, other)))
        else:
            src, other = rng.choice(html), rng.choice(html)
            cases.append(("html", mutate(src, rng, other)))
    return cases


def fuzz(n: int, seed: int, timeout: float, corpus: Path, workers: int = 2) -> dict:
    from ofstedmine._pool import WorkerDied, WorkerTimedOut, run_resilient

    cases = make_cases(n, seed, corpus)
    outcomes: collections.Counter[str] = collections.Counter()
    problems = []
    t = time.monotonic()
    for i, result in run_resilient(run_case, cases, workers=workers, timeout=timeout):
        if isinstance(result, WorkerDied):
            status, detail = "crash", str(result)
        elif isinstance(result, WorkerTimedOut):
            status, detail = "timeout", str(result)
        elif isinstance(result, BaseException):
            status, detail = "bug", str(result)
        else:
            status, detail = result
        outcomes[status] += 1
        if status not in ("ok", "typed"):
            kind, data = cases[i]
            problems.append(
                {
                    "case": i,
                    "kind": kind,
                    "status": status,
                    "detail": detail,
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
            Path("build/fuzz").mkdir(parents=True, exist_ok=True)
            Path(f"build/fuzz/case-{i}.{kind}").write_bytes(data)
    return {
        "cases": n,
        "seed": seed,
        "seconds": round(time.monotonic() - t, 1),
        "outcomes": dict(outcomes),
        "problems": problems,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    report = fuzz(args.cases, args.seed, args.timeout, args.corpus)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
