"""What a recommendation is about: its themes, parties/processes, content words and
aspect (:func:`recommendation_subject`), and the topic of a section (:func:`section_topic`).

The language work (the party/process table, lemmas, word classes, the aspect) is
extract's: :mod:`ofstedmine.extract.subjects`, :mod:`ofstedmine.extract.lexicon`
and :mod:`ofstedmine.extract.aspects`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ofstedmine.extract.aspects import Aspect, aspect_of
from ofstedmine.extract.lexicon import content_words
from ofstedmine.extract.subjects import load_subjects

__all__ = ["Subject", "recommendation_subject", "section_topic"]

# Section topics, tried in this order on each heading of a path, innermost first.
_SECTION_TOPICS = (
    ("leadership", re.compile(
        r"\bleaders?\b|leadership|management and governance|\bLSCB\b|safeguarding children "
        r"board|\bboard\b|governance|impact of leaders", re.I)),
    ("children_in_care", re.compile(
        r"in care\b|looked after|care leavers?|adoption|permanence|fostering", re.I)),
    ("help_and_protection", re.compile(
        r"help and protection|child protection|need help|early help", re.I)),
)  # fmt: skip
# Codebook groups -> the section topic where their work is judged.
_GROUP_TOPICS = {
    "help_and_protection": "help_and_protection",
    "children_in_care": "children_in_care",
    "leadership": "leadership",
    "workforce": "leadership",
}


@dataclass(frozen=True, slots=True)
class Subject:
    """What a recommendation (or finding) is about: themes, terms, content words, aspect."""

    themes: tuple[str, ...]
    terms: tuple[str, ...]
    words: tuple[str, ...]
    aspect: Aspect = Aspect()


def recommendation_subject(text: str, themes: Iterable[str] = ()) -> Subject:
    """The subject of a recommendation: its themes, parties/processes, content words, aspect.

    The parties/processes are those of
    :func:`~ofstedmine.extract.subjects.load_subjects`, the content words those of
    :func:`~ofstedmine.extract.lexicon.content_words`, the aspect
    :func:`~ofstedmine.extract.aspects.aspect_of`.

    >>> s = recommendation_subject(
    ...     "Ensure that all strategy discussions include the police.", ["child_protection_enquiries"])
    >>> s.terms, s.words
    (('strategy_meetings', 'police'), ('@strategy_meetings', '@police'))
    >>> s.aspect.lead
    ('@strategy_meetings', '@police')
    """
    return Subject(
        tuple(themes), load_subjects().find(text), tuple(content_words(text)), aspect_of(text)
    )


def section_topic(path: Iterable[str]) -> str | None:
    """The topic of a heading path: its innermost heading that names one.

    >>> section_topic(["Contents", "The experiences and progress of care leavers: good"])
    'children_in_care'
    >>> section_topic(["Summary"]) is None
    True
    """
    for heading in reversed(tuple(path)):
        for topic, rx in _SECTION_TOPICS:
            if rx.search(heading):
                return topic
    return None


@functools.cache
def _theme_topics() -> dict[str, str]:
    from ofstedmine.extract.codebook import load_codebook

    return {t.id: _GROUP_TOPICS[t.group] for t in load_codebook() if t.group in _GROUP_TOPICS}
