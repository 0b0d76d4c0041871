"""Which later findings are candidates for a recommendation, and their score.

The rules and weights are those of the package docstring
(:mod:`ofstedmine.analysis.tracking`, "Candidates" and "Score").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ofstedmine.extract.aspects import Aspect
from ofstedmine.extract.lexicon import stem

__all__ = [
    "ASPECT_WEIGHT",
    "KEY_BOOST",
    "LEAD_WEIGHT",
    "MAX_EXTRA_THEMES",
    "MIN_COVERAGE",
    "SECTION_WEIGHT",
    "TERM_WEIGHT",
    "THEME_WEIGHT",
    "WEAK_WEIGHT",
    "is_method_sentence",
]

#: Score weights (see the package docstring).
ASPECT_WEIGHT = 0.15
LEAD_WEIGHT, WEAK_WEIGHT = 2.0, 0.5
MIN_COVERAGE = 0.1
KEY_BOOST = 2.0
TERM_WEIGHT = 0.1
THEME_WEIGHT, MAX_EXTRA_THEMES = 0.05, 2
SECTION_WEIGHT = 0.05


def _boost_keys(R: Any, features: Any, aspects: list[Aspect]) -> Any:
    """Recommendation rows of a TF-IDF matrix with the features of their aspect's
    keys (1-grams and 2-grams made of them) weighted :data:`KEY_BOOST` times,
    L2-normalised again: shared key nouns count for more than other shared words."""
    from sklearn.preprocessing import normalize

    R = R.tocsr(copy=True)
    for row, aspect in enumerate(aspects):
        keys = set(aspect.keys) | set(aspect.weak)
        if not keys:
            continue
        lo, hi = R.indptr[row], R.indptr[row + 1]
        for n in range(lo, hi):
            if any(w in keys for w in features[R.indices[n]].split(" ")):
                R.data[n] *= KEY_BOOST
    return normalize(R)


@dataclass(frozen=True, slots=True)
class _AspectStems:
    """An aspect's keys as stems (:func:`~ofstedmine.extract.lexicon.stem`): what a
    candidate must name, and the weights of what it names."""

    lead: frozenset[str]
    keys: frozenset[str]
    weak: frozenset[str]
    gate: frozenset[str]  # it must name one of these (when there are any)
    names: dict[str, str]  # stem -> the key it stands for
    weights: dict[str, float]  # stem -> its weight in the coverage

    @classmethod
    def of(cls, aspect: Aspect, idf: Any = None) -> _AspectStems:
        names = {stem(k): k for k in (*aspect.weak, *aspect.keys)}
        lead = frozenset(stem(k) for k in aspect.lead)
        keys = frozenset(stem(k) for k in aspect.keys)
        weak = frozenset(stem(k) for k in aspect.weak) - keys
        gate = (lead | {stem(k) for k in aspect.specific}) or keys or weak
        idf = idf or (lambda _: 1.0)
        weights = {
            st: idf(st) * (LEAD_WEIGHT if st in lead else 1.0 if st in keys else WEAK_WEIGHT)
            for st in keys | weak
        }
        return cls(lead, keys, weak, gate, names, weights)

    def coverage(self, stems: Iterable[str]) -> float:
        """The share of the aspect's weight that ``stems`` name."""
        total = sum(self.weights.values())
        return sum(self.weights.get(s, 0.0) for s in stems) / total if total else 0.0


def _score(rec_info, f, f_info, sim: float):
    """(score, similarity, shared terms, shared themes, same section, shared aspect
    keys, names the lead), or None when the finding is no candidate."""
    themes, terms, topics, aspect = rec_info
    f_terms, f_topic, f_stems, method, _ = f_info
    if not f.is_evidence or method:
        return None
    shared_themes = themes & set(f.themes)
    if themes and not shared_themes:
        return None
    shared_terms = terms & f_terms
    if terms and not shared_terms:
        return None
    if aspect.gate and not aspect.gate & f_stems:
        return None
    shared_keys = aspect.keys & f_stems
    shared_weak = aspect.weak & f_stems
    if sim <= 0 and not shared_keys | shared_weak:
        return None
    coverage = aspect.coverage(shared_keys | shared_weak)
    if aspect.weights and coverage < MIN_COVERAGE:
        return None
    same_section = f_topic is not None and f_topic in topics
    score = (
        sim
        + ASPECT_WEIGHT * coverage
        + (TERM_WEIGHT * len(shared_terms) / len(terms) if terms else 0.0)
        + THEME_WEIGHT * min(max(len(shared_themes) - 1, 0), MAX_EXTRA_THEMES)
        + SECTION_WEIGHT * same_section
    )
    names_lead = not aspect.lead or bool(aspect.lead & f_stems)
    shared = tuple(sorted(aspect.names[st] for st in shared_keys | shared_weak))
    return (
        round(score, 4),
        round(sim, 4),
        shared_terms,
        shared_themes,
        same_section,
        shared,
        names_lead,
        round(coverage, 4),
    )


# ------------------------------------------------------------ sentence kinds

#: What inspectors did, not what they found: "Inspectors also looked at ...",
#: "The visit considered ...". Left out of the candidates.
_METHOD = re.compile(
    r"^(?:[^,]{0,80},\s*)?(?:the\s+|lead\s+)*(?:inspectors?|they(?=\s+also)|this\s+(?:focused\s+)?"
    r"(?:visit|inspection)|the\s+(?:focused\s+)?(?:visit|inspection|review))\s+"
    r"(?:(?:also|have|has|had|then|additionally|specifically|further|were|was)\s+)*"
    r"(?:looked|evaluated|reviewed|met|considered|spoke|talked|examined|scrutini[sz]ed|"
    r"tracked|case[\s-]tracked|sampled|focus(?:s)?ed|explored|visited|read|analysed|undertook|"
    r"interviewed|checked|audited|gathered|held\s+(?:discussions|meetings|focus))\b",
    re.I,
)
#: ... unless it reports what they found.
_FOUND = re.compile(
    r"\b(?:found|saw|seen|identified|noted|concluded|concurred|judged)\b|\bbut\b|"
    r"\bhowever\b|\balthough\b|\bno evidence\b",
    re.I,
)


def is_method_sentence(text: str) -> bool:
    """Whether a sentence says what inspectors did (whom they met, what they
    looked at) rather than what they found.

    >>> is_method_sentence("Inspectors also met with managers who oversee adoption planning.")
    True
    >>> is_method_sentence("During the visit, inspectors looked at the front door.")
    True
    >>> is_method_sentence("Inspectors reviewed the plans and found them to be thorough.")
    False
    >>> is_method_sentence("Managers told inspectors that supervision is regular.")
    False
    """
    t = text.replace("’", "'").strip()
    return bool(_METHOD.search(t)) and not _FOUND.search(t)
