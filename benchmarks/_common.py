"""Helpers shared by the benchmark scripts: corpus paths, seeded samples, memory."""

from __future__ import annotations

import csv
import os
import random
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("OFSTEDMINE_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))


def need_corpus() -> Path:
    if not (CORPUS / "manifest.csv").is_file():
        sys.exit(f"the real corpus is not at {CORPUS}; set OFSTEDMINE_SHARED_CORPUS")
    return CORPUS


def manifest_rows() -> list[dict[str, str]]:
    with open(need_corpus() / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def pdf_rows() -> list[dict[str, str]]:
    """Rows of readable PDFs (the manifest leaves ``pages`` empty for the others)."""
    return [r for r in manifest_rows() if r["pages"]]


def seeded_sample(n: int, seed: int = 1) -> list[dict[str, str]]:
    rows = pdf_rows()
    return random.Random(seed).sample(rows, min(n, len(rows)))


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
