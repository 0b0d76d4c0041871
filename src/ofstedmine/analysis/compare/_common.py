"""Shared pieces of :mod:`ofstedmine.analysis.compare`: the grade scale, the words
that name a grade, and a flat view of a corpus as one record per report.

A *report* is one extraction: a file holding two reports counts twice. Its words are
the ``\\w+`` tokens of its text (its part of the file when the file holds several).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ofstedmine.types import Finding, Grade

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

GRADE_ORDER = [g.value for g in Grade]  # worst to best, "adequate" in second place

#: Words that name a grade or the act of grading; removed from text features.
GRADE_WORDS = frozenset({
    "inadequate", "requires", "require", "required", "improvement", "improvements",
    "good", "outstanding", "adequate", "judgement", "judgements", "judgment", "judged",
    "grade", "graded", "grades", "effectiveness",
})  # fmt: skip

_WORD = re.compile(r"\w+")
_RANK = {g.value: g.rank for g in Grade}


# ------------------------------------------------------------------------ reports


@dataclass(frozen=True, slots=True)
class _Report:
    document_id: str
    part: int
    authority: str | None
    kind: str
    framework: str
    date: Any
    overall: str | None
    n_words: int
    findings: tuple[Finding, ...]
    judgement_spans: tuple[tuple[int, int], ...]


def _reports(corpus: Corpus, kinds: Sequence[str] | None = None) -> list[_Report]:
    out = []
    for doc, exs in corpus:
        date = corpus.date_of(doc)
        for ex in exs:
            m = ex.metadata
            kind = (m.kind or doc.kind).value
            if kinds is not None and kind not in kinds:
                continue
            lo, hi = ex.span if ex.span else (0, len(doc.text))
            out.append(_Report(
                document_id=doc.id, part=ex.part, authority=m.authority or doc.authority,
                kind=kind, framework=(m.framework or doc.framework).value, date=date,
                overall=ex.overall.value if ex.overall else None,
                n_words=len(_WORD.findall(doc.text, lo, hi)), findings=ex.findings,
                judgement_spans=tuple((j.locator.start, j.locator.end)
                                      for j in ex.judgements if j.locator),
            ))  # fmt: skip
    return out


def _polarities(polarity: str | Sequence[str] | None) -> frozenset[str] | None:
    if polarity is None:
        return None
    values = [polarity] if isinstance(polarity, str) else list(polarity)
    return frozenset(str(v) for v in values)


def _keep(f: Finding, polarities: frozenset[str] | None) -> bool:
    return polarities is None or f.polarity.value in polarities
