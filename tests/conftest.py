"""Shared fixtures. Corpus tests find the real corpus through one fixture and skip
with a clear reason when it is absent (a fresh clone elsewhere still passes)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("OFSTEDMINE_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
SEEDS = CORPUS.parent / "seeds"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real corpus not found at {path} (set OFSTEDMINE_SHARED_CORPUS)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real Ofsted corpus folder (../shared/corpus), or skip."""
    return _need(CORPUS)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed news articles and minutes (../shared/seeds), or skip."""
    return _need(SEEDS)


@pytest.fixture(scope="session")
def manifest_rows(corpus_dir: Path) -> list[dict[str, str]]:
    """The rows of the corpus manifest.csv."""
    with open(corpus_dir / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
