"""How long each theme stays a concern, read from the theme graph.

The chain
    An authority's documents whose text is held, not counting news and council
    minutes, in time order (:func:`~ofstedmine.analysis.graph.document_chain`):
    inspections, focused visits, monitoring letters, JTAI letters. Events without
    text are not in it: a visit whose letter is not held says nothing either way.

Raised as a concern (a document's verdict)
    By the persistence criterion of ``LABELLING.md``
    (:func:`~ofstedmine.analysis.graph.document_verdict`, the ``verdict`` of the
    ``raises`` edge): the theme is in the document's improvement list or priority
    actions, or criticised (a confident concern or mixed finding) in its summary,
    headline or key findings, or criticised in at least two body sentences. A single
    passing criticism is not enough. A document *praises* a theme when a confident
    strength finding on it stands in a summary or leads a paragraph. Verdicts:
    ``concern``, ``praise``, ``both``, ``absent``.

``still_a_concern``
    The latest document of the chain raises it.

Status (the first rule that applies)
    ``new``
        raised only by the latest document.
    ``persistent``
        the latest document raises it, and so do most documents of the chain from
        the first that raised it (more than half of them).
    ``improving_but_still_raised``
        not persistent; the latest document raises it and also praises it.
    ``recurring``
        not persistent; the latest document raises it, after documents that did not.
    ``resolved``
        raised before; the latest document does not raise it and praises it.
    ``no_longer_raised``
        raised before; the latest document mentions it without raising or praising it.
    ``no_longer_mentioned``
        raised before; the latest document has no finding on it.
    ``not_raised``
        no document of the chain raises it (it is mentioned only).

``trend``
    How the balance (confident strength minus confident concern findings, over all
    findings on the theme, from -1 to +1) moved from the first document mentioning it
    to the latest: ``better``, ``worse`` or ``steady`` (within 0.25).

``n_after``, ``improved_later`` and ``longest_run`` are in the frame so that a
reader can apply a stricter rule.

The package, by job: :mod:`~ofstedmine.analysis.persistence.verdicts` (verdicts and
status), :mod:`~ofstedmine.analysis.persistence.frame` (the persistence frame),
:mod:`~ofstedmine.analysis.persistence.matrix` (the heatmap table),
:mod:`~ofstedmine.analysis.persistence.comparison` (two chosen inspections) and
:mod:`~ofstedmine.analysis.persistence.report` (the tables the CLI and report print).
"""

from __future__ import annotations

from ofstedmine.analysis.persistence._common import _SALIENCE as _SALIENCE
from ofstedmine.analysis.persistence._common import _authorities as _authorities
from ofstedmine.analysis.persistence._common import _confident as _confident
from ofstedmine.analysis.persistence._common import _improved as _improved
from ofstedmine.analysis.persistence._common import _int_columns as _int_columns
from ofstedmine.analysis.persistence._common import _n_concern as _n_concern
from ofstedmine.analysis.persistence._common import _quote as _quote
from ofstedmine.analysis.persistence._common import _raises as _raises
from ofstedmine.analysis.persistence._common import as_graph
from ofstedmine.analysis.persistence.comparison import (
    BOTH_COLUMNS,
    concerns_in_both,
    default_comparison,
    find_report,
)
from ofstedmine.analysis.persistence.comparison import _order as _order
from ofstedmine.analysis.persistence.frame import PERSISTENCE_COLUMNS, persistence
from ofstedmine.analysis.persistence.frame import _persistence_row as _persistence_row
from ofstedmine.analysis.persistence.frame import _repeats_on as _repeats_on
from ofstedmine.analysis.persistence.frame import _theme_edges as _theme_edges
from ofstedmine.analysis.persistence.matrix import persistence_matrix
from ofstedmine.analysis.persistence.report import (
    REPORT_COLUMNS,
    VERDICT_COLUMNS,
    persistence_report,
    verdict_table,
)
from ofstedmine.analysis.persistence.verdicts import STATUSES, status_of
from ofstedmine.analysis.persistence.verdicts import _balance as _balance
from ofstedmine.analysis.persistence.verdicts import _concern as _concern
from ofstedmine.analysis.persistence.verdicts import _latest_says as _latest_says
from ofstedmine.analysis.persistence.verdicts import _legacy_verdict as _legacy_verdict
from ofstedmine.analysis.persistence.verdicts import _praise as _praise
from ofstedmine.analysis.persistence.verdicts import _runs as _runs
from ofstedmine.analysis.persistence.verdicts import _trend as _trend

__all__ = [
    "BOTH_COLUMNS",
    "VERDICT_COLUMNS",
    "PERSISTENCE_COLUMNS",
    "REPORT_COLUMNS",
    "STATUSES",
    "as_graph",
    "concerns_in_both",
    "default_comparison",
    "find_report",
    "persistence",
    "persistence_matrix",
    "persistence_report",
    "status_of",
    "verdict_table",
]
