"""A trained filter that decides which matched themes a sentence is *about*.

The codebook's phrase patterns say which themes a sentence *mentions*. A
sentence often mentions a broad theme in passing: "multi-agency" in a sentence
about the front door, "leaders" in one about supervision, "plans" in one about
assessments. Readers label what the sentence is about, and the labelled set
shows the pattern plainly: a broad theme matched alone is right about nine
times in ten; matched beside a more specific theme, about six in ten.

This module keeps or drops each matched theme with a logistic regression
trained on the labelled sentences of ``corpora/eval/findings_labels.jsonl``
(every split except the locked test split). Its features, per (sentence,
matched theme):

* the theme, and the theme with each pattern that matched it (as lemmas);
* where the first match sits in the sentence (quarter), how many times the
  theme matched, and its rank among the themes by first position;
* how many other themes matched, and which (theme pairs);
* up to three lemmas either side of each match;
* the sentence's content lemmas, each paired with the theme (a bag of words
  per theme: "visit" in a sentence that matched ``voice_of_the_child`` is
  one feature, "visit" in one that matched ``leadership_and_improvement``
  another).

No sentence text is stored: the model file ``data/theme_filter.json`` holds
feature names (theme ids, pattern lemmas, single lemmas from the sentence) and
weights. It is rebuilt from the corpus by ``tools/train_theme_filter.py``, and
records the codebook it was trained with: it applies only to that codebook
(or that codebook extended) and only to the themes it saw (any other theme is
kept as matched), so a user's own codebook is never filtered by weights learned
for another.

>>> f = load_theme_filter()
>>> f.codebook_name
'ofstedmine-core'
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

__all__ = ["ThemeFilter", "filter_features", "load_theme_filter", "sentence_bag"]

#: The model file shipped with the package.
MODEL_FILE = "theme_filter.json"
_WINDOW = 3  # lemmas either side of a match
_NO_BAG: frozenset[str] = frozenset()
_CONTENT: dict[str, str | None] = {}  # lemma -> its content form, or None for a stop word


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def sentence_bag(lemmas: Iterable[str]) -> frozenset[str]:
    """A sentence's content lemmas: lower case, alphabetic, three letters or more, not stop words.

    >>> sorted(sentence_bag(["Social", "worker", "visit", "the", "child", "regularly", "."]))
    ['child', 'regularly', 'social', 'visit', 'worker']
    """
    cache = _CONTENT
    out = set()
    for x in lemmas:
        w = cache.get(x, "")
        if w == "":  # not seen yet
            low = x.lower()
            w = low if len(low) > 2 and low.isalpha() and low not in _stop_words() else None
            if len(cache) < 500_000:
                cache[x] = w
        if w:
            out.add(w)
    return frozenset(out)


def filter_features(
    lemmas: Sequence[str],
    matches: Sequence[tuple[int, int, str]],
    theme: str,
    bag: frozenset[str] | None = None,
) -> dict[str, float]:
    """The features of one matched theme in one sentence.

    ``lemmas`` are the sentence's token lemmas; ``matches`` are (start, end,
    theme) token offsets within the sentence, for every theme matched in it;
    ``bag`` is :func:`sentence_bag` of the lemmas (computed if not given).
    Training (``tools/train_theme_filter.py``) and prediction both call this.

    >>> sorted(filter_features(["leader", "improve", "the", "assessment"],
    ...                        [(0, 1, "leadership"), (3, 4, "assessments")], "leadership"))[:4]
    ['others=1', 't=leadership', 't=leadership|R=improve', 't=leadership|R=the']
    """
    n = max(len(lemmas), 1)
    mine = [(s, e) for s, e, t in matches if t == theme]
    firsts: dict[str, int] = {}
    for s, _, t in matches:
        if t not in firsts or s < firsts[t]:
            firsts[t] = s
    first = firsts[theme]
    others = len(firsts) - 1
    rank = sorted(firsts.values()).index(first)
    f: dict[str, float] = {
        "t=" + theme: 1.0,
        f"t={theme}|pos{min(int(4 * first / n), 3)}": 1.0,
        f"t={theme}|n={min(len(mine), 3)}": 1.0,
        f"t={theme}|others={min(others, 3)}": 1.0,
        f"others={min(others, 3)}": 1.0,
        f"t={theme}|rank={min(rank, 2)}": 1.0,
    }
    for other in firsts:
        if other != theme:
            f[f"t={theme}|with={other}"] = 1.0
    for s, e in mine:
        pattern = " ".join(lemmas[s:e])
        f[f"t={theme}|p={pattern}"] = 1.0
        if others:
            f[f"t={theme}|p={pattern}|others"] = 1.0
        for w in lemmas[max(0, s - _WINDOW) : s]:
            f[f"t={theme}|L={w.lower()}"] = 1.0
        for w in lemmas[e : e + _WINDOW]:
            f[f"t={theme}|R={w.lower()}"] = 1.0
    for w in sentence_bag(lemmas) if bag is None else bag:
        f[f"t={theme}|b={w}"] = 1.0
    return f


@dataclass(frozen=True)
class ThemeFilter:
    """A logistic regression over :func:`filter_features`."""

    codebook_name: str
    codebook_version: str
    themes: frozenset[str]
    intercept: float
    weights: dict[str, float]
    threshold: float
    meta: dict
    version: str = ""  # sha256[:12] of the model file: caches key on it

    def probability(
        self,
        lemmas: Sequence[str],
        matches: Sequence[tuple[int, int, str]],
        theme: str,
        bag: frozenset[str] | None = None,
    ) -> float:
        """How likely the sentence is about ``theme`` (one of its matched themes)."""
        w = self.weights
        if bag is None:
            bag = sentence_bag(lemmas)
        # the bag-of-lemma features are summed from a per-theme table: the same sum
        # as looking up each "t=<theme>|b=<lemma>" weight, without building the names
        z = self.intercept + sum(
            w.get(k, 0.0) * v for k, v in filter_features(lemmas, matches, theme, _NO_BAG).items()
        )
        per_theme = self._bag_weights.get(theme)
        if per_theme:
            z += sum(per_theme.get(x, 0.0) for x in bag)
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, lemmas: Sequence[str], matches: Sequence[tuple[int, int, str]]) -> set[str]:
        """The matched themes the sentence is about.

        A theme the filter was not trained on is kept as matched. A sentence
        whose every theme falls below the threshold carries none: it only
        mentions them in passing.
        """
        found = {t for _, _, t in matches}
        if not found & self.themes:
            return found
        bag = sentence_bag(lemmas)
        return {
            t
            for t in found
            if t not in self.themes or self.probability(lemmas, matches, t, bag) >= self.threshold
        }

    @functools.cached_property
    def _bag_weights(self) -> dict[str, dict[str, float]]:
        table: dict[str, dict[str, float]] = {}
        for name, weight in self.weights.items():
            head, sep, word = name.partition("|b=")
            if sep and head.startswith("t=") and "|" not in head:
                table.setdefault(head[2:], {})[word] = weight
        return table

    def applies_to(self, codebook_name: str) -> bool:
        """True for the codebook it was trained for, or that codebook extended.

        :func:`ofstedmine.extract.codebook.extend` names the result
        ``"<base>+<extra>"``; the base's themes are filtered, the extra ones
        (unknown to the filter) are kept as matched.
        """
        return codebook_name == self.codebook_name or codebook_name.startswith(
            self.codebook_name + "+"
        )

    @classmethod
    def _from_text(cls, text: str) -> ThemeFilter:
        version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        return cls._from_dict(json.loads(text), version=version)

    @classmethod
    def _from_dict(cls, data: dict, version: str = "") -> ThemeFilter:
        return cls(
            codebook_name=data["codebook"]["name"],
            codebook_version=data["codebook"]["version"],
            themes=frozenset(data["themes"]),
            intercept=float(data["intercept"]),
            weights={k: float(v) for k, v in data["weights"].items()},
            threshold=float(data["threshold"]),
            meta=data.get("meta", {}),
            version=version,
        )


@functools.cache
def load_theme_filter() -> ThemeFilter:
    """The filter shipped with the package (read once per process)."""
    text = resources.files("ofstedmine").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return ThemeFilter._from_text(text)
