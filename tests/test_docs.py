"""The documentation agrees with the code: every frame column and graph attribute is in
the data dictionary, the generated pages are current, and links between pages resolve."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from ofstedmine import frames

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DICTIONARY = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
MY_PAGES = ["index.md", "concepts.md", "data-dictionary.md", "codebook.md", "accuracy.md"]


def _documented(name: str) -> bool:
    return f"`{name}`" in DICTIONARY


def _column_lists() -> dict[str, list[str]]:
    return {n: getattr(frames, n) for n in dir(frames) if n.endswith("_COLUMNS")}


def test_the_frames_module_has_column_lists():
    assert set(_column_lists()) >= {
        "DOCUMENT_COLUMNS",
        "JUDGEMENT_COLUMNS",
        "FINDING_COLUMNS",
        "RECOMMENDATION_COLUMNS",
        "EVENT_COLUMNS",
    }


@pytest.mark.parametrize("list_name", sorted(_column_lists()))
def test_every_frame_column_is_in_the_data_dictionary(list_name):
    missing = [c for c in _column_lists()[list_name] if not _documented(c)]
    assert not missing, f"{list_name}: {missing} not in docs/data-dictionary.md"


def test_timeline_columns_are_in_the_data_dictionary():
    from ofstedmine.sources.events import TIMELINE_COLUMNS
    from ofstedmine.viz.timeline import TIMELINE_FRAME_COLUMNS

    missing = [c for c in (*TIMELINE_COLUMNS, *TIMELINE_FRAME_COLUMNS) if not _documented(c)]
    assert not missing, missing


def test_every_graph_attribute_is_in_the_data_dictionary():
    from ofstedmine.analysis.graph import build_theme_graph
    from tests.viz.conftest import make_corpus

    corpus = make_corpus((("bradford", 80449), ("leeds", 80481)))
    G = build_theme_graph(corpus, cooccurrence=True)
    names = set(G.graph)
    for _, d in G.nodes(data=True):
        names |= set(d)
    for *_, d in G.edges(keys=True, data=True):
        names |= set(d)
        for ev in d.get("evidence", []):
            names |= set(ev)
    names = {"grade_<area>" if n.startswith("grade_") else n for n in names}
    missing = sorted(n for n in names if not _documented(n))
    assert not missing, f"graph attributes not in docs/data-dictionary.md: {missing}"
    for edge in ("next", "raises", "quotes", "cooccurs"):
        assert f"`{edge}`" in DICTIONARY


def test_codebook_page_is_current():
    spec = importlib.util.spec_from_file_location(
        "gen_codebook_docs", ROOT / "tools" / "gen_codebook_docs.py"
    )
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = (DOCS / "codebook.md").read_text(encoding="utf-8")
    assert current == gen.render(), (
        "docs/codebook.md is stale: run python tools/gen_codebook_docs.py"
    )


@pytest.mark.parametrize("page", MY_PAGES)
def test_links_between_pages_resolve(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", text)
    paths = re.findall(r"`((?:benchmarks|tests|tools|notebooks|corpora)/[\w./-]+)`", text)
    assert targets or paths, f"{page} names no page or path, so there is nothing to check"
    for target in targets:
        assert (DOCS / target).is_file(), f"{page} links to missing {target}"
    for path in paths:
        assert (ROOT / path).exists(), f"{page} names missing {path}"
