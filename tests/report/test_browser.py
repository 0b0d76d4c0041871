"""The report and the interactive graph opened in headless Chromium.

Driven over the DevTools protocol (see ``_cdp.py``): each page must render with
no console error, no exception, no dialog (nothing from a document runs), and no
request other than ``file:`` and ``data:``. Screenshots are written under
``build/screenshots/`` and their paths printed (``pytest -s`` shows them).
Skipped, saying why, when Chromium is not installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ofstedmine.analysis.graph import build_theme_graph
from ofstedmine.report import build_report
from ofstedmine.viz import interactive_graph_html
from tests.conftest import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cdp import Browser, find_chromium  # noqa: E402

pytestmark = pytest.mark.browser
SHOTS = ROOT / "build" / "screenshots"
SECTION_IDS = [
    "timeline",
    "judgements",
    "persistence",
    "recommendations",
    "repeats",
    "heatmap",
    "secondary",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    exe = find_chromium()
    if exe is None:
        pytest.skip("headless Chromium not found: install it (apt-get install chromium) "
                    "or set OFSTEDMINE_CHROMIUM; browser tests skipped")  # fmt: skip
    b = Browser(exe, tmp_path_factory.mktemp("chromium") / "profile")
    yield b
    b.close()


def _open_clean(browser: Browser, path: Path) -> None:
    """Load a page and check it rendered quietly and fetched nothing."""
    browser.open(path.resolve().as_uri())
    assert browser.console_errors() == []
    assert browser.dialogs() == []
    requests = browser.requests()
    assert requests, "the page itself was not requested"
    outside = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert outside == [], f"network requests: {outside}"


def _shot(browser: Browser, name: str) -> Path:
    path = browser.screenshot(SHOTS / name)
    assert path.stat().st_size > 10_000
    print(f"screenshot: {path}")
    return path


def _check_report_dom(browser: Browser) -> str:
    ids = browser.evaluate("Array.from(document.querySelectorAll('section')).map(s => s.id)")
    assert ids == SECTION_IDS
    assert browser.evaluate("document.scripts.length") == 0
    images = browser.evaluate(
        "Array.from(document.images).map(i => [i.naturalWidth, i.src.slice(0, 22)])"
    )
    assert images and all(w > 100 and src == "data:image/png;base64," for w, src in images)
    return browser.evaluate("document.documentElement.outerHTML")


# ------------------------------------------------------------------- synthetic


def test_synthetic_report_renders_inert(browser, synthetic_corpus, tmp_path):
    page = tmp_path / "synthetic.html"
    page.write_text(build_report(synthetic_corpus, "bradford"), encoding="utf-8")
    _open_clean(browser, page)
    _check_report_dom(browser)
    # the hostile quote is on screen as text, and nothing it holds became markup
    text = browser.evaluate("document.body.innerText")
    assert "<script>alert(1)</script>" in text
    assert browser.evaluate("document.querySelectorAll('[onmouseover], [onerror]').length") == 0
    _shot(browser, "synthetic-report.png")


def test_interactive_graph_works(browser, synthetic_multi_corpus, tmp_path):
    page = tmp_path / "graph.html"
    interactive_graph_html(build_theme_graph(synthetic_multi_corpus), page)
    _open_clean(browser, page)
    assert browser.evaluate("document.body.getAttribute('data-ready')") == "1"
    n_docs = len(synthetic_multi_corpus.documents)
    visible = "document.querySelectorAll('.node.document:not(.hidden)').length"
    assert browser.evaluate(visible) == n_docs
    # the time slider at its start shows only the first date's documents
    browser.evaluate("var s = document.getElementById('time'); s.value = 0;"
                     "s.dispatchEvent(new Event('input'))")  # fmt: skip
    assert 0 < browser.evaluate(visible) < n_docs
    browser.evaluate("var s = document.getElementById('time'); s.value = s.max;"
                     "s.dispatchEvent(new Event('input'))")  # fmt: skip
    # one authority at a time
    browser.evaluate("var a = document.getElementById('authority'); a.value = 'leeds';"
                     "a.dispatchEvent(new Event('change'))")  # fmt: skip
    assert browser.evaluate(visible) == n_docs // 3
    browser.evaluate("var a = document.getElementById('authority'); a.value = '';"
                     "a.dispatchEvent(new Event('change'))")  # fmt: skip
    # hover shows a tooltip; a click lists the evidence with page links
    browser.evaluate("document.querySelector('.node.theme').dispatchEvent("
                     "new MouseEvent('mouseenter', {clientX: 50, clientY: 50}))")  # fmt: skip
    assert browser.evaluate("getComputedStyle(document.getElementById('tip')).display") == "block"
    browser.evaluate("document.querySelector('.node.theme').dispatchEvent(new MouseEvent('click'))")
    assert browser.evaluate("document.querySelectorAll('#details blockquote').length") > 0
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('#details a')).map(a => a.getAttribute('href'))"
    )
    assert links and all("#page=" in h and h.startswith("https://") for h in links)
    assert browser.console_errors() == [] and browser.dialogs() == []
    _shot(browser, "synthetic-graph.png")


# -------------------------------------------------------------------- Bradford


@pytest.fixture(scope="module")
def bradford(corpus_dir, tmp_path_factory):
    """Bradford's corpus and timeline, loaded as ``ofstedmine report`` loads them."""
    from ofstedmine.pipeline import authority_corpus

    tmp = tmp_path_factory.mktemp("bradford")
    secondary = Path(__file__).resolve().parents[2] / "corpora" / "secondary_sources.csv"
    return authority_corpus("bradford", mirror=corpus_dir, store=tmp / "store",
                            cache=tmp / "cache", secondary=secondary)  # fmt: skip


@pytest.mark.corpus
def test_bradford_report_in_browser(browser, bradford, tmp_path):
    corpus, timeline = bradford
    primary = [d for d in corpus.documents if d.kind.value not in ("news", "council_minutes")]
    assert len(primary) == 6 and not corpus.failures
    page = tmp_path / "bradford.html"
    page.write_text(build_report(corpus, "bradford", timeline=timeline), encoding="utf-8")
    _open_clean(browser, page)
    dom = _check_report_dom(browser)
    for sid in SECTION_IDS:
        assert f'id="{sid}"' in dom
    rows = browser.evaluate(
        "Array.from(document.querySelectorAll('#timeline tbody tr')).map(r => r.innerText)"
    )
    held = [r for r in rows if "text held" in r]
    assert len(held) == 6
    assert sum("not held" in r for r in rows) >= 10  # visits, notices, directions, the trust
    assert any("Trust" in r for r in rows)
    grades = browser.evaluate("document.querySelector('#judgements').innerText")
    assert grades.count("Inadequate") >= 2
    assert (
        browser.evaluate(
            "document.querySelectorAll('#persistence blockquote a[href*=\"#page=\"]').length"
        )
        > 0
    )
    _shot(browser, "bradford-report.png")


@pytest.mark.corpus
def test_bradford_graph_in_browser(browser, bradford, tmp_path):
    corpus, _ = bradford
    page = tmp_path / "bradford-graph.html"
    interactive_graph_html(build_theme_graph(corpus), page)
    _open_clean(browser, page)
    assert (
        browser.evaluate("document.querySelectorAll('.node.document').length") == 6 + 5
    )  # and the news/minutes
    assert browser.evaluate("document.querySelectorAll('.node.event').length") >= 10
    _shot(browser, "bradford-graph.png")
