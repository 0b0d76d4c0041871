"""Parse speed and memory: ofstedmine's parser beside two baselines, same files, one run.

    .venv/bin/python benchmarks/parse.py [--sample N] [--seed S] [--all]

Each method runs in its own fresh process over the same seeded sample of corpus
PDFs, so peak memory is that method's own. Baselines: pdfplumber's
``extract_text`` (what many scrapers use) and raw pypdfium2 ``get_text_range``
(the floor for getting text out of these PDFs). ``--all`` also times ofstedmine's
parser alone over every PDF in the corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import CORPUS, pdf_rows, seeded_sample  # noqa: E402

METHODS = ("pypdfium2_raw", "ofstedmine", "pdfplumber")


def run_method(method: str, paths: list[str]) -> dict:
    from _common import peak_rss_mb

    pages = 0
    t = time.perf_counter()
    if method == "ofstedmine":
        from ofstedmine.parse import parse

        for p in paths:
            pages += parse(p).n_pages
    elif method == "pdfplumber":
        import pdfplumber

        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
    elif method == "pypdfium2_raw":
        import pypdfium2

        for p in paths:
            pdf = pypdfium2.PdfDocument(p)
            for i in range(len(pdf)):
                pdf[i].get_textpage().get_text_range()
                pages += 1
            pdf.close()
    dt = time.perf_counter() - t
    return {
        "method": method,
        "files": len(paths),
        "pages": pages,
        "seconds": dt,
        "pages_per_s": pages / dt,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=20, help="PDFs in the seeded sample")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--all", action="store_true", help="also parse every corpus PDF")
    ap.add_argument("--_worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._worker:
        method, listing = args._worker
        print(json.dumps(run_method(method, json.loads(Path(listing).read_text()))))
        return
    rows = seeded_sample(args.sample, args.seed)
    paths = [str(CORPUS / r["path"]) for r in rows]
    listing = Path("build/bench-parse-files.json")
    listing.parent.mkdir(exist_ok=True)
    listing.write_text(json.dumps(paths))
    results = {}
    for m in METHODS:
        out = subprocess.run(
            [sys.executable, __file__, "--_worker", m, str(listing)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[m] = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"seeded sample: {len(paths)} PDFs, {results['ofstedmine']['pages']} pages (seed {args.seed})"
    )
    print(f"{'method':16} {'pages/s':>9} {'seconds':>8} {'peak MB':>8}")
    for m in METHODS:
        r = results[m]
        print(f"{m:16} {r['pages_per_s']:9.1f} {r['seconds']:8.2f} {r['peak_rss_mb']:8.0f}")
    ours = results["ofstedmine"]["pages_per_s"]
    print(f"ofstedmine / pdfplumber speed: {ours / results['pdfplumber']['pages_per_s']:.1f}x")
    print(
        f"ofstedmine / pypdfium2 raw:    {ours / results['pypdfium2_raw']['pages_per_s']:.2f}x "
        f"(raw pypdfium2 is the floor)"
    )
    if args.all:
        every = [str(CORPUS / r["path"]) for r in pdf_rows()]
        listing.write_text(json.dumps(every))
        out = subprocess.run(
            [sys.executable, __file__, "--_worker", "ofstedmine", str(listing)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"whole corpus, ofstedmine, one process: {r['files']} PDFs, {r['pages']} pages, "
            f"{r['seconds']:.1f} s, {r['pages_per_s']:.0f} pages/s, peak {r['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
