"""Authorities side by side: judgement histories, grade transitions, theme prevalence,
what distinguishes inadequate from good reports, similar authorities, and how well the
text of a report predicts its grade.

Pure functions over a :class:`~ofstedmine.corpus.Corpus` or its tidy frames (and the
official statistics frame of :func:`ofstedmine.sources.statistics.read_judgements`);
no file or network access.

A *report* is one extraction: a file holding two reports counts twice. Its words are
the ``\\w+`` tokens of its text (its part of the file when the file holds several).

Framework changes
-----------------
Grades are compared between *consecutive full inspections* of the same authority
(SIF, ILACS 2018, ILACS 2023 and ILACS 2026; the pre-2013 inspections used another
scale and are left out unless asked for). Areas are compared within families
(:data:`AREA_FAMILIES`): SIF leadership with ILACS "impact of leaders", SIF children
looked after with ILACS children in care, and the 2018 combined "children in care and
care leavers" grade with both the 2023 "children in care" and "care leavers" grades
(``area_changed`` flags these). Every pair carries ``framework_change``
(``"none"`` or e.g. ``"ilacs_2018_to_ilacs_2023"``). ILACS 2026 gives no overall
effectiveness grade: a pair with a 2026 inspection on either side is *not comparable*
for ``overall`` (``reason`` says so) and is left out of the overall counts and matrix;
its four area grades are compared as usual, so ask for
``grade_transitions(..., area="help_and_protection")`` (or ``area="all"``) to see them.

Modules
-------
Import from this package; the modules hold one job each:
``history`` (:func:`judgement_history`, :func:`latest_grades`), ``transitions``
(:func:`transition_pairs`, :func:`grade_transitions`, :func:`transitions_from_statistics`,
:func:`transitions_agreement` and the framework tables), ``themes``
(:func:`theme_prevalence`), ``distinguish`` (:func:`distinguishing_themes`), ``peers``
(:func:`authority_profiles`, :func:`similar_authorities`), ``prediction``
(:func:`grade_prediction_study`), ``side_by_side`` (:func:`compare_authorities`) and
``_common`` (the grade scale and the per-report view they share).
"""

from __future__ import annotations

from ._common import GRADE_ORDER as GRADE_ORDER
from ._common import GRADE_WORDS
from .distinguish import distinguishing_themes
from .history import HISTORY_COLUMNS, judgement_history, latest_grades
from .peers import authority_profiles, similar_authorities
from .prediction import CAVEAT, grade_prediction_study
from .side_by_side import compare_authorities
from .themes import theme_prevalence
from .transitions import (
    AREA_FAMILIES,
    JUDGED_AREAS,
    TRANSITION_FRAMEWORKS,
    grade_transitions,
    transition_pairs,
    transitions_agreement,
    transitions_from_statistics,
)
from .transitions import (
    PAIR_COLUMNS as PAIR_COLUMNS,
)

__all__ = [
    "AREA_FAMILIES",
    "CAVEAT",
    "GRADE_WORDS",
    "HISTORY_COLUMNS",
    "JUDGED_AREAS",
    "TRANSITION_FRAMEWORKS",
    "authority_profiles",
    "compare_authorities",
    "distinguishing_themes",
    "grade_prediction_study",
    "grade_transitions",
    "judgement_history",
    "latest_grades",
    "similar_authorities",
    "theme_prevalence",
    "transition_pairs",
    "transitions_agreement",
    "transitions_from_statistics",
]

# GRADE_ORDER and PAIR_COLUMNS ("X as X" above) stay importable from here, as before the
# split into modules, without joining __all__.
