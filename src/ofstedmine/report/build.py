"""One self-contained HTML report per authority.

:func:`build_report` gathers the frames (:func:`report_frames`) and renders the
sections, each from DataFrames, so each renderer can be tested alone:

========================  ===================================================
``id="timeline"``         plot and table of documents and dated events; each
                          row says whether its text is held
``id="judgements"``       every judgement read, with page links
``id="persistence"``      the themes raised as concerns: status, runs, quotes
``id="recommendations"``  each recommendation followed into later documents
``id="repeats"``          near-verbatim repeated findings
``id="heatmap"``          theme × document heatmap with grades
========================  ===================================================

The page makes no request: styles are inline, plots are PNG ``data:`` URIs and
there is no script (a Content-Security-Policy says so to the browser). Every
string from a document is escaped; links go only to ``http(s)`` URLs, quotes to
``URL#page=N`` of the source PDF.

The frames are computed in :mod:`ofstedmine.report.frames` and the sections
rendered in :mod:`ofstedmine.report.sections`; both are importable from here too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ofstedmine.report._html import esc, fmt_date, page
from ofstedmine.report.frames import ReportFrames, report_frames
from ofstedmine.report.sections import (
    SECTIONS,
    heatmap_section,
    judgements_section,
    persistence_section,
    recommendations_section,
    repeats_section,
    secondary_section,
    timeline_section,
)

if TYPE_CHECKING:
    import pandas as pd

    from ofstedmine.corpus import Corpus

__all__ = [
    "ReportFrames",
    "build_report",
    "heatmap_section",
    "judgements_section",
    "persistence_section",
    "recommendations_section",
    "report_frames",
    "repeats_section",
    "timeline_section",
]


def build_report(
    corpus: Corpus,
    authority: Any,
    *,
    timeline: pd.DataFrame | None = None,
    title: str | None = None,
) -> str:
    """One self-contained HTML report of one authority's chain of documents.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus` holding the authority's documents
        (others are ignored) and, optionally, its dated events.
    authority
        Registry id, name, URN or :class:`~ofstedmine.authorities.Authority`.
    timeline
        A timeline frame from :func:`ofstedmine.timeline` (documents held,
        statistics visits, ``events.csv``); by default made from the corpus.
    title
        Page title (default ``"<Authority>: children's services inspections"``).

    Returns
    -------
    str
        The HTML page: inline CSS, plots as base64 PNG, no script, no external
        request. Sections have the stable ids ``timeline``, ``judgements``,
        ``persistence``, ``recommendations``, ``repeats``, ``heatmap`` and
        ``secondary`` (news and minutes quoting the chain).

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> html = build_report(Corpus(), "bradford")
    >>> 'id="persistence"' in html and "<script" not in html
    True
    """
    from ofstedmine._version import __version__

    frames = report_frames(corpus, authority, timeline=timeline)
    docs = frames.documents
    heading = title or f"{frames.authority_name}: children's services inspections"
    span = ""
    if len(frames.timeline):
        span = f"{fmt_date(frames.timeline['date'].min())} to {fmt_date(frames.timeline['date'].max())}; "
    n_held = docs["document_id"].nunique() if len(docs) else 0
    n_events = (
        int((~frames.timeline["text_held"].astype(bool)).sum()) if len(frames.timeline) else 0
    )
    subtitle = esc(
        f"{span}{n_held} documents whose text is held, {n_events} dated events without text. "
        f"Generated {dt.date.today():%d %B %Y} by ofstedmine {__version__}."
    )
    body = "\n".join([
        timeline_section(frames),
        judgements_section(frames),
        persistence_section(frames),
        recommendations_section(frames),
        repeats_section(frames),
        heatmap_section(frames),
        secondary_section(frames),
    ])  # fmt: skip
    footer = (
        "Quotations are Ofsted's words, from reports and letters that are Crown copyright, "
        "re-used under the Open Government Licence v3.0; each links to its page in the source. "
        "Findings, themes and statuses are read by ofstedmine's rules and can be wrong: check the "
        "quote against the page before relying on it. Neither Ofsted nor the Department for "
        "Education endorses this report."
    )
    return page(heading, subtitle, SECTIONS, body, esc(footer))
