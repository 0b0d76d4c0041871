"""The HTML report on synthetic corpora: sections, self-containment, escaping, the CLI."""

from __future__ import annotations

import csv
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from ofstedmine.cli import cli
from ofstedmine.corpus import Corpus
from ofstedmine.pipeline import events_from_timeline
from ofstedmine.report import build_report, report_frames
from ofstedmine.report.build import (
    heatmap_section,
    persistence_section,
    recommendations_section,
    repeats_section,
)
from ofstedmine.viz import timeline_from_corpus
from tests.pdfgen import make_pdf, report_pages
from tests.viz.conftest import HOSTILE

SECTION_IDS = (
    "timeline",
    "judgements",
    "persistence",
    "recommendations",
    "repeats",
    "heatmap",
    "secondary",
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


def assert_inert_and_self_contained(page: str) -> _Tags:
    """No script, no event handler, no javascript: URL, nothing fetched."""
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "base"), tag
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/png;base64,")
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")), href
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp and "script-src" not in csp
    return parsed


def test_report_has_every_section(synthetic_corpus):
    page = build_report(synthetic_corpus, "Bradford")
    for sid in SECTION_IDS:
        assert f'<section id="{sid}">' in page, sid
    assert "could not be computed" not in page
    assert page.count('<img class="plot"') == 2  # timeline and heatmap
    parsed = assert_inert_and_self_contained(page)
    text = " ".join(parsed.text)
    # the timeline says, row by row, whether the text is held
    assert text.count("text held") >= len(synthetic_corpus.documents)
    assert text.count("not held: date only") == len(synthetic_corpus.events)
    # quotes link to their page of the source PDF
    assert re.search(r'href="https://files\.ofsted\.gov\.uk/v1/file/\d+#page=\d"', page)
    assert "Drift, delay and timeliness" in text and "persistent" in text


def test_hostile_quote_is_shown_not_run(synthetic_corpus):
    page = build_report(synthetic_corpus, "bradford")
    assert "<script" not in page.lower()
    assert "alert(1)</script>" not in page
    assert 'onmouseover="alert' not in page and "<img src=x" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)&quot;"
    assert page.count(escaped) >= 2  # in the timeline (an event title) and a recommendation
    parsed = assert_inert_and_self_contained(page)
    # the reader sees the words exactly as the document has them
    assert any(HOSTILE in t for t in parsed.text)


def test_report_frames_and_sections_alone(synthetic_corpus):
    frames = report_frames(synthetic_corpus, "bradford")
    assert frames.authority == "bradford" and frames.errors == {}
    p = frames.persistence
    assert {"status", "first_quote", "first_page", "first_document"} <= set(p.columns)
    from ofstedmine.analysis.persistence import STATUSES

    assert set(p["status"]) <= set(STATUSES)
    html = persistence_section(frames)
    assert html.startswith('<section id="persistence">') and "#page=" in html
    # sections degrade to a sentence when their frame is empty
    frames.tracking = frames.tracking.iloc[0:0]
    frames.repeats = None
    assert "No recommendations" in recommendations_section(frames)
    assert "No near-verbatim repeats" in repeats_section(frames)
    frames.matrix = pd.DataFrame()
    assert "No themes" in heatmap_section(frames)


def test_a_failing_analysis_is_reported_in_its_section(synthetic_corpus, monkeypatch):
    import ofstedmine.analysis.tracking as tracking

    def boom(*args, **kwargs):
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(tracking, "track_recommendations", boom)
    page = build_report(synthetic_corpus, "bradford")
    assert "could not be computed: RuntimeError: synthetic failure" in page
    assert '<section id="heatmap">' in page


def test_report_of_an_empty_corpus():
    page = build_report(Corpus(), "bradford")
    assert len(SECTION_IDS) >= 7, "even an empty corpus's report has every section"
    for sid in SECTION_IDS:
        assert f'id="{sid}"' in page
    assert_inert_and_self_contained(page)


def test_report_with_a_given_timeline(synthetic_corpus):
    tl = timeline_from_corpus(synthetic_corpus).drop(columns=["overall", "framework"])
    extra = tl.iloc[[0]].assign(kind="monitoring_visit", title="A visit listed only in a timeline",
                                text_held=False, document_id=None, date=pd.Timestamp("2024-01-09"))  # fmt: skip
    page = build_report(synthetic_corpus, "bradford", timeline=pd.concat([tl, extra]))
    assert "A visit listed only in a timeline" in page


def test_events_from_timeline_keep_only_what_has_no_text(synthetic_corpus):
    tl = timeline_from_corpus(synthetic_corpus)
    events = events_from_timeline(tl)
    assert len(events) == len(synthetic_corpus.events)
    assert {e.kind.value for e in events} >= {"dfe_direction", "trust_go_live", "monitoring_visit"}
    months = [e for e in events if e.date_precision == "month"]
    assert months and all(e.date.day == 1 for e in months)


# ------------------------------------------------------------------------- CLI


def _mirror(tmp_path: Path) -> Path:
    """A mirror folder laid out like the shared corpus, with generated PDFs."""
    mirror = tmp_path / "mirror"
    rows = []
    for published in ("2018-10-29", "2023-01-31"):
        rel = f"inspections/80449_bradford/{published}.pdf"
        data = make_pdf(report_pages(2, header=f"Synthetic inspection {published}"))
        (mirror / rel).parent.mkdir(parents=True, exist_ok=True)
        (mirror / rel).write_bytes(data)
        rows.append({
            "path": rel, "kind": "inspections", "la": "bradford", "urn": "80449",
            "published": published, "url": f"https://files.ofsted.gov.uk/v1/file/9{published[:4]}",
            "sha256": hashlib.sha256(data).hexdigest(), "bytes": str(len(data)), "pages": "2",
            "source": "tests",
        })  # fmt: skip
    with open(mirror / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (mirror / "events.csv").write_text(
        "date,authority,urn,kind,title,source_url,note\n"
        "2021-09,Bradford,80449,dfe_direction,A made-up direction,,month only\n"
        "2023-04-01,Bradford,80449,trust_go_live,A made-up trust,,\n",
        encoding="utf-8",
    )
    return mirror


def test_cli_report_and_graph_from_a_mirror(tmp_path):
    mirror = _mirror(tmp_path)
    out = tmp_path / "build" / "bradford.html"
    args = ["--mirror", str(mirror), "--store", str(tmp_path / "store"),
            "--cache", str(tmp_path / "cache"), "--workers", "1"]  # fmt: skip
    res = CliRunner().invoke(cli, ["report", "bradford", "-o", str(out), *args])
    assert res.exit_code == 0, res.output
    assert str(out) in res.output
    page = out.read_text(encoding="utf-8")
    for sid in SECTION_IDS:
        assert f'<section id="{sid}">' in page
    assert "A made-up direction" in page and "A made-up trust" in page
    assert_inert_and_self_contained(page)
    g = tmp_path / "graph.html"
    res = CliRunner().invoke(cli, ["graph", "Bradford", "-o", str(g), *args])
    assert res.exit_code == 0, res.output
    assert 'id="graph"' in g.read_text(encoding="utf-8")


def test_cli_report_unknown_authority_fails_cleanly(tmp_path):
    res = CliRunner().invoke(cli, ["report", "Bradfrod", "-o", str(tmp_path / "x.html"),
                                   "--offline", "--store", str(tmp_path)])  # fmt: skip
    assert res.exit_code == 2  # bad usage: resolved once, at the command line's edge
    assert "did you mean Bradford" in res.output and "Traceback" not in res.output
