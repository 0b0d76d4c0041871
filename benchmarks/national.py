"""The whole corpus end to end: parse, extract (judgements + findings), theme graph.

    .venv/bin/python benchmarks/national.py [--workers N] [--baseline-sample N]

Runs cold (empty cache folder) and warm (same cache) per stage, printing pages/s,
words/s, wall time and peak memory (the summed peak resident memory of the main
process and its worker processes), beside the pdfplumber-only and pypdfium2-only
baselines measured in the same run on a fixed seeded sample, as ratios.
Also: one authority's report (Bradford) from the warm cache.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import CORPUS, need_corpus  # noqa: E402


class MemorySampler:
    """Samples the summed RSS of this process and its children every 50 ms."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def run_national(cache_dir: str, workers: int | None) -> dict:
    import ofstedmine
    from ofstedmine.analysis.graph import build_theme_graph

    out: dict = {}
    with MemorySampler() as mem:
        t0 = time.perf_counter()
        corpus = ofstedmine.Corpus.from_manifest(
            CORPUS / "manifest.csv", cache=cache_dir, workers=workers, progress=False
        )
        t1 = time.perf_counter()
        graph = build_theme_graph(corpus)
        t2 = time.perf_counter()
    pages = sum(d.n_pages for d in corpus.documents)
    words = sum(len(d.text.split()) for d in corpus.documents)
    out.update(
        files=len(corpus.documents) + len(corpus.failures),
        documents=len(corpus.documents),
        failures=len(corpus.failures),
        pages=pages,
        words=words,
        findings=sum(len(e.findings) for e in corpus.extractions),
        parse_extract_s=t1 - t0,
        graph_s=t2 - t1,
        total_s=t2 - t0,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        peak_mb=mem.peak / 2**20,
    )
    return out


def bradford_report(cache_dir: str) -> float:
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ofstedmine.cli",
            "report",
            "bradford",
            "--mirror",
            str(CORPUS),
            "--cache",
            cache_dir,
            "--store",
            str(Path(cache_dir) / "store"),
            "-o",
            "build/bench-bradford.html",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--baseline-sample", type=int, default=20)
    ap.add_argument("--keep-cache", action="store_true")
    args = ap.parse_args()
    need_corpus()
    cache = tempfile.mkdtemp(prefix="ofstedmine-bench-")
    try:
        cold = run_national(cache, args.workers)
        warm = run_national(cache, args.workers)
        base = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).parent / "parse.py"),
                "--sample",
                str(args.baseline_sample),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        try:
            report_s = bradford_report(cache)
            report_s2 = bradford_report(cache)
        except subprocess.CalledProcessError as exc:
            report_s = report_s2 = float("nan")
            print("report failed:", exc.stderr.decode()[-500:] if exc.stderr else exc)
    finally:
        if not args.keep_cache:
            shutil.rmtree(cache, ignore_errors=True)
    print(
        f"corpus: {cold['files']} files, {cold['documents']} documents parsed, "
        f"{cold['failures']} typed failures, {cold['pages']:,} pages, {cold['words']:,} words, "
        f"{cold['findings']:,} findings"
    )
    print(
        f"{'run':6} {'parse+extract s':>16} {'graph s':>8} {'total s':>8} {'pages/s':>8} "
        f"{'words/s':>9} {'peak MB':>8}"
    )
    for name, r in (("cold", cold), ("warm", warm)):
        print(
            f"{name:6} {r['parse_extract_s']:16.1f} {r['graph_s']:8.2f} {r['total_s']:8.1f} "
            f"{r['pages'] / r['parse_extract_s']:8.0f} {r['words'] / r['parse_extract_s']:9.0f} "
            f"{r['peak_mb']:8.0f}"
        )
    print(f"graph: {cold['nodes']:,} nodes, {cold['edges']:,} edges")
    print(f"Bradford report from a warm store: {report_s2:.1f} s (first run {report_s:.1f} s)")
    print("\nbaselines on a fixed seeded sample (benchmarks/parse.py, same run):")
    print(base.stdout.rstrip())
    print(
        json.dumps({"cold": cold, "warm": warm, "bradford_report_warm_s": report_s2}),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
