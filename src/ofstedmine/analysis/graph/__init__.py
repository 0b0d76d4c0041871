"""The theme graph: documents in time order, dated events, themes, and the evidence.

:func:`build_theme_graph` turns a :class:`~ofstedmine.corpus.Corpus` into one plain
:class:`networkx.MultiDiGraph`. Every attribute is listed in the docstring of
:func:`build_theme_graph` (and in ``docs/theme-graph.md``); persistence, tracking
and the exporters in :mod:`ofstedmine.io.graph` read nothing else.

Values that are unknown are left out (never ``None``), dates are ISO strings, and
lists and dicts are plain Python lists and dicts, so the graph survives a round
trip through GraphML, GEXF and node-link JSON (see :mod:`ofstedmine.io.graph`).

The package, by job: :mod:`~ofstedmine.analysis.graph.build` (the builder),
:mod:`~ofstedmine.analysis.graph.nodes` (document and theme nodes),
:mod:`~ofstedmine.analysis.graph.edges` (``raises`` and ``cooccurs`` edges, the
verdict), :mod:`~ofstedmine.analysis.graph.events` (dated events without text),
:mod:`~ofstedmine.analysis.graph.quotes` (what secondary sources quote) and
:mod:`~ofstedmine.analysis.graph.chains` (node ids, chains in time order).
"""

from __future__ import annotations

from ofstedmine.analysis.graph._common import _EVENT_FOR_DOC as _EVENT_FOR_DOC
from ofstedmine.analysis.graph._common import _MATCH_DAYS as _MATCH_DAYS
from ofstedmine.analysis.graph._common import GRAPH_SCHEMA, SECONDARY_KINDS
from ofstedmine.analysis.graph._common import _drop_none as _drop_none
from ofstedmine.analysis.graph._common import _iso as _iso
from ofstedmine.analysis.graph.build import build_theme_graph
from ofstedmine.analysis.graph.chains import _IMPROVED_CUE as _IMPROVED_CUE
from ofstedmine.analysis.graph.chains import _link_chains as _link_chains
from ofstedmine.analysis.graph.chains import _order_key as _order_key
from ofstedmine.analysis.graph.chains import (
    authorities_of,
    document_chain,
    node_id_of,
    reports_improvement,
)
from ofstedmine.analysis.graph.edges import _BROAD_THEMES as _BROAD_THEMES
from ofstedmine.analysis.graph.edges import _CRITICAL as _CRITICAL
from ofstedmine.analysis.graph.edges import _add_cooccurrence as _add_cooccurrence
from ofstedmine.analysis.graph.edges import _add_raises as _add_raises
from ofstedmine.analysis.graph.edges import _dominant as _dominant
from ofstedmine.analysis.graph.edges import _evidence as _evidence
from ofstedmine.analysis.graph.edges import document_verdict
from ofstedmine.analysis.graph.events import _add_events as _add_events
from ofstedmine.analysis.graph.events import _matching_report as _matching_report
from ofstedmine.analysis.graph.nodes import _authority_name as _authority_name
from ofstedmine.analysis.graph.nodes import _codebook_labels as _codebook_labels
from ofstedmine.analysis.graph.nodes import _date_themes as _date_themes
from ofstedmine.analysis.graph.nodes import _document_attrs as _document_attrs
from ofstedmine.analysis.graph.nodes import _theme_node as _theme_node
from ofstedmine.analysis.graph.nodes import iter_reports
from ofstedmine.analysis.graph.quotes import _DATE as _DATE
from ofstedmine.analysis.graph.quotes import _KIND_WORDS as _KIND_WORDS
from ofstedmine.analysis.graph.quotes import _LATEST as _LATEST
from ofstedmine.analysis.graph.quotes import _OFSTED_KINDS as _OFSTED_KINDS
from ofstedmine.analysis.graph.quotes import _add_quotes as _add_quotes
from ofstedmine.analysis.graph.quotes import _quote_candidates as _quote_candidates
from ofstedmine.analysis.graph.quotes import _resolve_quote as _resolve_quote

__all__ = [
    "GRAPH_SCHEMA",
    "SECONDARY_KINDS",
    "authorities_of",
    "build_theme_graph",
    "document_chain",
    "document_verdict",
    "iter_reports",
    "node_id_of",
    "reports_improvement",
]
