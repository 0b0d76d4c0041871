"""Each plot renders to a PNG that is not blank; the plots leave no pyplot state;
the interactive graph page is self-contained and escapes what documents say."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import subprocess
import sys
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from ofstedmine.analysis.graph import build_theme_graph
from ofstedmine.analysis.persistence import persistence_matrix
from ofstedmine.viz import (
    figure_png,
    interactive_graph_html,
    plot_national_grades,
    plot_persistence_heatmap,
    plot_timeline,
    timeline_from_corpus,
)
from ofstedmine.viz.heatmap import balance_matrix, coded_matrix
from tests.viz.conftest import HOSTILE


def _pixels(fig) -> np.ndarray:
    import matplotlib.image as mpimg

    png = figure_png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return mpimg.imread(io.BytesIO(png), format="png")[..., :3]


def assert_not_blank(fig, *, min_ink: float = 0.02) -> None:
    """The rendered figure has real content: varied pixels, some share not white."""
    px = _pixels(fig)
    ink = (px < 0.95).any(axis=-1).mean()
    assert px.std() > 0.05, f"flat image (std {px.std():.3f})"
    assert ink > min_ink, f"only {ink:.1%} of the pixels are not white"


# ----------------------------------------------------------------------- plots


def test_timeline_from_a_corpus(synthetic_corpus):
    fig = plot_timeline(synthetic_corpus, title="Synthetic")
    assert_not_blank(fig)
    lanes = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert lanes == ["Governance", "DfE", "Visits", "JTAI", "Inspections"]


def test_timeline_frame_marks_text_held(synthetic_corpus):
    tl = timeline_from_corpus(synthetic_corpus)
    assert tl["date"].is_monotonic_increasing
    assert tl["text_held"].sum() == len(synthetic_corpus.documents)
    assert (~tl["text_held"]).sum() == len(synthetic_corpus.events)
    inspections = tl[tl["kind"] == "inspection"]
    assert inspections["overall"].notna().all()
    assert_not_blank(plot_timeline(tl))


def test_timeline_with_grades_from_judgements(synthetic_corpus):
    tl = timeline_from_corpus(synthetic_corpus).drop(columns=["overall"])
    fig = plot_timeline(tl, judgements=synthetic_corpus.judgements())
    assert_not_blank(fig)


def test_heatmap_category_net_and_balance(synthetic_corpus):
    G = build_theme_graph(synthetic_corpus)
    docs = synthetic_corpus.documents_frame()
    for values in ("category", "net"):
        m = persistence_matrix(G, authority="bradford", values=values)
        assert_not_blank(plot_persistence_heatmap(m, judgements=docs, title=values))
    concern = persistence_matrix(G, authority="bradford", values="concern")
    strength = persistence_matrix(G, authority="bradford", values="strength")
    m = balance_matrix(concern, strength)
    fig = plot_persistence_heatmap(m, judgements=docs)
    assert_not_blank(fig)
    # the grade strip names each document's grade, the bottom its date and kind
    strip = [t.get_text() for t in fig.axes[0].texts]
    assert strip.count("Inadequate") == 2 and strip.count("no grade") == 2
    ticks = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert ticks[0] == "May 2014\nSIF" and ticks[2] == "Oct 2018\nILACS"


def test_heatmap_tells_concern_from_strength():
    m = pd.DataFrame(
        {"d1": ["concern", "strength", None], "d2": ["mixed", "neutral", "concern"]},
        index=["a", "b", "c"],
    )
    codes = coded_matrix(m).codes
    assert codes.tolist() == [[1, 3], [2, 4], [0, 1]]
    net = pd.DataFrame({"d1": [-3, 2, 0]}, index=["a", "b", "c"])  # strength minus concern
    assert coded_matrix(net).codes.tolist() == [[1], [2], [0]]
    long = pd.DataFrame({"theme": ["a", "a", "b"], "document_id": ["x", "y", "x"],
                         "polarity": ["concern", "strength", "strength"]})  # fmt: skip
    assert coded_matrix(long).codes.tolist() == [[1, 2], [2, 0]]
    fig = plot_persistence_heatmap(m, judgements={"d1": "inadequate", "d2": "good"})
    assert_not_blank(fig)


def test_heatmap_of_nothing_still_draws():
    fig = plot_persistence_heatmap(pd.DataFrame())
    _pixels(fig)


def test_national_grades_from_a_corpus(synthetic_multi_corpus):
    fig = plot_national_grades(synthetic_multi_corpus.judgements())
    assert_not_blank(fig)
    assert len(fig.axes) == 2


@pytest.mark.corpus
def test_national_grades_from_the_statistics(corpus_dir):
    from ofstedmine.sources.statistics import read_judgements

    j = read_judgements(sorted((corpus_dir / "statistics").glob("*.ods")))
    fig = plot_national_grades(j)
    assert_not_blank(fig, min_ink=0.05)
    years = [int(t.get_text()) for t in fig.axes[0].get_xticklabels()]
    assert min(years) <= 2014 and max(years) >= 2024


def test_plots_leave_no_pyplot_state(tmp_path):
    code = """
import sys
sys.path.insert(0, ".")
from tests.viz.conftest import make_corpus
from ofstedmine.viz import plot_timeline, plot_national_grades
c = make_corpus()
plot_timeline(c)
plot_national_grades(c.judgements())
import matplotlib
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
print(matplotlib.get_backend() if "matplotlib.backends" in sys.modules else "none")
"""
    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_viz_import_is_light():
    code = "import sys, ofstedmine.viz; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------ interactive graph


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_interactive_graph_is_self_contained_and_escaped(synthetic_multi_corpus, tmp_path):
    G = build_theme_graph(synthetic_multi_corpus)
    out = tmp_path / "g.html"
    page = interactive_graph_html(G, out, title="Synthetic " + HOSTILE)
    assert out.read_text(encoding="utf-8") == page
    assert "<script>alert(1)" not in page and 'onmouseover="alert' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _Collect()
    parsed.feed(page)
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not value or value.startswith(("#", "data:", "https://", "http://")), value
        if tag in ("link", "img", "iframe", "object", "embed"):
            raise AssertionError(f"external resource element <{tag}>")
    # one inline script, allowed by its hash in the Content-Security-Policy
    scripts = [t for t, a in parsed.tags if t == "script" and a.get("type") != "application/json"]
    assert len(scripts) == 1
    code = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page and "default-src 'none'" in page
    # the data block cannot close its element
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert "<" not in data.group(1)
    assert page.count('class="node document"') == len(synthetic_multi_corpus.documents)
    assert "Leeds" in page and 'id="authority"' in page


def test_interactive_graph_of_an_empty_graph():
    import networkx as nx

    page = interactive_graph_html(nx.MultiDiGraph())
    assert page.startswith("<!DOCTYPE html>") and 'id="graph"' in page
