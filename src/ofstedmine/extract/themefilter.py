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

A second model reads the whole sentence, matched or not: one logistic
regression per theme over :func:`sentence_features` (the sentence's content
lemmas, the word pairs around them, and which themes and patterns the codebook
matched). About a quarter of the themes readers give have no codebook phrase in
the sentence ("workers help children talk about their worries" is about
the voice of the child), and this model is what finds them. A matched
theme is kept when the mean of the two models' probabilities reaches the
threshold; a theme no phrase matched is added when the sentence model's
probability alone does.

No sentence text is stored: the model file ``data/theme_filter.json`` holds
feature names (theme ids, pattern lemmas, single lemmas and pairs of lemmas)
and weights. It is rebuilt from the corpus by ``tools/train_theme_filter.py``, and
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
from dataclasses import dataclass, field
from importlib import resources

__all__ = [
    "ThemeFilter",
    "filter_features",
    "load_theme_filter",
    "sentence_bag",
    "sentence_features",
]

#: The model file shipped with the package.
MODEL_FILE = "theme_filter.json"
_WINDOW = 3  # lemmas either side of a match
_NO_TABLES: tuple = ({}, {}, {}, {}, {}, {}, {})
_POS = tuple(f"pos{i}" for i in range(4))
_N = tuple(f"n={i}" for i in range(4))
_OTHERS = tuple(f"others={i}" for i in range(4))
_RANK = tuple(f"rank={i}" for i in range(3))


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_FORMS: dict[str, tuple[str, str | None]] = {}  # lemma -> (lower case, content form or None)


def _form(lemma: str) -> tuple[str, str | None]:
    low = lemma.lower()
    return low, low if len(low) > 2 and low.isalpha() and low not in _stop_words() else None


def _forms(lemmas: Iterable[str]) -> tuple[list[str], frozenset[str]]:
    """The lemmas in lower case, and :func:`sentence_bag` of them, in one pass."""
    cache = _FORMS
    low, bag = [], set()
    for x in lemmas:
        f = cache.get(x)
        if f is None:
            f = _form(x)
            if len(cache) < 500_000:
                cache[x] = f
        low.append(f[0])
        if f[1]:
            bag.add(f[1])
    return low, frozenset(bag)


def sentence_bag(lemmas: Iterable[str]) -> frozenset[str]:
    """A sentence's content lemmas: lower case, alphabetic, three letters or more, not stop words.

    >>> sorted(sentence_bag(["Social", "worker", "visit", "the", "child", "regularly", "."]))
    ['child', 'regularly', 'social', 'visit', 'worker']
    """
    return _forms(lemmas)[1]


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
    ['others=1', 't=leadership', 't=leadership|R=assessment', 't=leadership|R=improve']
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


def sentence_features(
    lemmas: Sequence[str], matches: Sequence[tuple[int, int, str]]
) -> dict[str, float]:
    """The features of a whole sentence, for the per-theme sentence model.

    Its content lemmas (``w=``), each pair of neighbouring lemmas of which one
    is a content lemma (``bi=``), and every theme (``m=``) and pattern (``p=``)
    the codebook matched. Training and prediction both call this.

    >>> sorted(sentence_features(["child", "be", "see", "alone"], [(0, 1, "voice_of_the_child")]))
    ['bi=child_be', 'm=voice_of_the_child', 'p=voice_of_the_child|child', 'w=child']
    """
    low, b = _forms(lemmas)
    f = {"w=" + w: 1.0 for w in b}
    for x, y in zip(low, low[1:]):
        if x in b or y in b:
            f[f"bi={x}_{y}"] = 1.0
    for s, e, t in matches:
        f["m=" + t] = 1.0
        f[f"p={t}|{' '.join(low[s:e])}"] = 1.0
    return f


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@dataclass(frozen=True)
class ThemeFilter:
    """A logistic regression over :func:`filter_features`, and a sentence model per theme.

    ``sentence_intercepts`` and ``sentence_weights`` (feature -> theme ->
    weight) are the per-theme logistic regressions over
    :func:`sentence_features`; a model file without them filters only.
    """

    codebook_name: str
    codebook_version: str
    themes: frozenset[str]
    intercept: float
    weights: dict[str, float]
    threshold: float
    meta: dict
    version: str = ""  # sha256[:12] of the model file: caches key on it
    sentence_intercepts: dict[str, float] = field(default_factory=dict)
    sentence_weights: dict[str, dict[str, float]] = field(default_factory=dict)

    def probability(
        self,
        lemmas: Sequence[str],
        matches: Sequence[tuple[int, int, str]],
        theme: str,
        bag: frozenset[str] | None = None,
    ) -> float:
        """How likely the sentence is about ``theme`` (one of its matched themes)."""
        if bag is None:
            bag = sentence_bag(lemmas)
        return _sigmoid(self._filter_logit(lemmas, matches, theme, bag))

    def _filter_logit(
        self,
        lemmas: Sequence[str],
        matches: Sequence[tuple[int, int, str]],
        theme: str,
        bag: frozenset[str],
    ) -> float:
        """The intercept plus the weights of :func:`filter_features`, summed from
        per-theme tables keyed by what follows ``t=<theme>|``: the same sum as
        looking up each feature's name, without building the names."""
        w = self.weights
        scalar, withs, patterns, patterns_others, lefts, rights, words = self._filter_tables.get(
            theme, _NO_TABLES
        )
        n = max(len(lemmas), 1)
        firsts: dict[str, int] = {}
        for s, _, t in matches:
            if t not in firsts or s < firsts[t]:
                firsts[t] = s
        first = firsts[theme]
        others = min(len(firsts) - 1, 3)
        rank = min(sorted(firsts.values()).index(first), 2)
        mine = [(s, e) for s, e, t in matches if t == theme]
        z = self.intercept + w.get("t=" + theme, 0.0) + w.get(_OTHERS[others], 0.0)
        z += scalar.get(_POS[min(int(4 * first / n), 3)], 0.0)
        z += scalar.get(_N[min(len(mine), 3)], 0.0)
        z += scalar.get(_OTHERS[others], 0.0)
        z += scalar.get(_RANK[rank], 0.0)
        if withs:
            for other in firsts:
                if other != theme:
                    z += withs.get(other, 0.0)
        seen_p: set[str] = set()
        seen_l: set[str] = set()
        seen_r: set[str] = set()
        for s, e in mine:
            pattern = " ".join(lemmas[s:e])
            if pattern not in seen_p:
                seen_p.add(pattern)
                z += patterns.get(pattern, 0.0)
                if others:
                    z += patterns_others.get(pattern, 0.0)
            for x in lemmas[max(0, s - _WINDOW) : s]:
                lx = x.lower()
                if lx not in seen_l:
                    seen_l.add(lx)
                    z += lefts.get(lx, 0.0)
            for x in lemmas[e : e + _WINDOW]:
                lx = x.lower()
                if lx not in seen_r:
                    seen_r.add(lx)
                    z += rights.get(lx, 0.0)
        if words:
            for x in bag:
                z += words.get(x, 0.0)
        return z

    @functools.cached_property
    def _filter_tables(self) -> dict[str, tuple]:
        """Per theme, the filter's weights keyed by what follows ``t=<theme>|``:
        position, count, company and rank (one table), the themes matched with it,
        patterns, patterns when others matched, left and right neighbours, and the
        sentence's content lemmas."""
        tables: dict[str, tuple] = {}
        for name, weight in self.weights.items():
            if not name.startswith("t="):
                continue
            theme, sep, rest = name[2:].partition("|")
            if not sep:
                continue
            t = tables.setdefault(theme, ({}, {}, {}, {}, {}, {}, {}))
            kind, eq, key = rest.partition("=")
            if kind == "with":
                t[1][key] = weight
            elif kind == "p" and key.endswith("|others"):
                t[3][key[: -len("|others")]] = weight
            elif kind == "p":
                t[2][key] = weight
            elif kind == "L":
                t[4][key] = weight
            elif kind == "R":
                t[5][key] = weight
            elif kind == "b":
                t[6][key] = weight
            else:  # pos0-3, n=, others=, rank=
                t[0][rest] = weight
        return tables

    def sentence_probabilities(
        self, lemmas: Sequence[str], matches: Sequence[tuple[int, int, str]]
    ) -> dict[str, float]:
        """The sentence model's probability of each theme it knows."""
        themes = self._sentence_tables[0]
        z = self._sentence_logits([(lemmas, matches)])[0]
        return {t: _sigmoid(float(v)) for t, v in zip(themes, z, strict=True)}

    def keep(self, lemmas: Sequence[str], matches: Sequence[tuple[int, int, str]]) -> set[str]:
        """The themes the sentence is about: matched themes kept, unmatched ones added.

        A matched theme is kept when its probability reaches the threshold: the
        mean of the filter's and the sentence model's, or the filter's alone for
        a theme the sentence model does not know. A theme the filter was not
        trained on is kept as matched. A theme no pattern matched is added when
        the sentence model's probability reaches the threshold. A sentence whose
        every theme falls below it carries none: it only mentions them in passing.
        """
        return self.keep_many([(lemmas, matches)])[0]

    def keep_many(
        self, sentences: Sequence[tuple[Sequence[str], Sequence[tuple[int, int, str]]]]
    ) -> list[set[str]]:
        """:meth:`keep` for many sentences (lemmas, matches) at once: the sentence
        model's sums for all of them are one array operation."""
        results: list[set[str]] = []
        z_rows: list[list[float]] = []
        added: dict[int, set[str]] = {}
        if self.sentence_intercepts and sentences:
            themes, index, _, cut = self._sentence_tables[:4]
            z = self._sentence_logits(sentences)
            for k, i in zip(*(z >= cut).nonzero(), strict=True):  # probability >= threshold
                added.setdefault(int(k), set()).add(themes[int(i)])
            z_rows = z.tolist()
        for k, (lemmas, matches) in enumerate(sentences):
            found = {t for _, _, t in matches}
            if not z_rows:
                if not found & self.themes:
                    results.append(found)
                    continue
                sentence: dict[str, float] = {}
                out: set[str] = set()
            else:
                out = added.get(k, set()) - found  # matched themes are decided below
                zk = z_rows[k]
                sentence = {t: _sigmoid(zk[index[t]]) for t in found if t in index}
            bag = None
            for t in found:
                if t not in self.themes:
                    out.add(t)
                    continue
                ps = sentence.get(t)
                if ps is not None and ps >= 2 * self.threshold:
                    out.add(t)  # the mean reaches the threshold whatever the filter says
                    continue
                if bag is None:
                    bag = sentence_bag(lemmas)
                p = self.probability(lemmas, matches, t, bag)
                if ps is not None:
                    p = (p + ps) / 2
                if p >= self.threshold:
                    out.add(t)
            results.append(out)
        return results

    def _scan(self, lemmas: Sequence[str]) -> set[int]:
        """The sentence model's rows for a sentence's content lemmas and lemma pairs,
        in one pass, each lemma looked up once in a per-model cache."""
        cache = self._token_cache
        rows: set[int] = set()  # a feature counts once however often it occurs
        add = rows.add
        prev_after, prev_content = None, None
        for x in lemmas:
            e = cache.get(x)
            if e is None:
                e = self._token_entry(x)
            lx, content, row, after = e
            if row is not None:
                add(row)
            # a pair counts when either lemma is a content lemma (sentence_features)
            if prev_after is not None and (prev_content or content):
                r = prev_after.get(lx)
                if r is not None:
                    add(r)
            prev_after, prev_content = after, content
        return rows

    def _token_entry(self, lemma: str) -> tuple:
        lx, content = _FORMS.get(lemma) or _form(lemma)
        by_word, by_pair = self._sentence_tables[5:7]
        e = (lx, content, by_word.get(content) if content else None, by_pair.get(lx))
        if len(self._token_cache) < 500_000:
            self._token_cache[lemma] = e
        return e

    def _sentence_logits(
        self, sentences: Sequence[tuple[Sequence[str], Sequence[tuple[int, int, str]]]]
    ):
        """Per sentence and theme (in ``_sentence_tables`` order), the intercept plus
        the weights of :func:`sentence_features`: the word and pair rows :meth:`_scan`
        finds and the matched themes' and patterns' rows, summed for every sentence
        in one ``reduceat``."""
        import numpy as np

        _, _, intercepts, _, matrix, _, _, by_theme, by_pattern = self._sentence_tables
        cache = self._token_cache
        flat: list[int] = []
        starts: list[int] = []
        which: list[int] = []  # sentences with at least one row
        for k, (lemmas, matches) in enumerate(sentences):
            rows = self._scan(lemmas)
            for s, e, t in matches:
                pattern = " ".join((cache.get(x) or self._token_entry(x))[0] for x in lemmas[s:e])
                for r in (by_pattern.get(t + "|" + pattern), by_theme.get(t)):
                    if r is not None:
                        rows.add(r)
            if rows:
                which.append(k)
                starts.append(len(flat))
                flat.extend(rows)
        z = np.tile(intercepts, (len(sentences), 1))
        if flat:
            z[which] += np.add.reduceat(matrix[flat], starts, axis=0)
        return z

    @functools.cached_property
    def _token_cache(self) -> dict[str, tuple]:
        """lemma -> (lower case, content form or None, its word row, its pair rows)."""
        return {}

    @functools.cached_property
    def _sentence_tables(self) -> tuple:
        """The sentence model's weights regrouped for scoring: themes in order, their
        index, the intercepts, the logit of the threshold, a matrix of weights (one
        row per feature, one column per theme), and row numbers keyed by content
        lemma, by lemma pair (first -> second), by matched theme, and by matched
        theme and pattern ("theme|pattern")."""
        import numpy as np

        themes = sorted(self.sentence_intercepts)
        index = {t: i for i, t in enumerate(themes)}
        intercepts = np.array([self.sentence_intercepts[t] for t in themes])
        cut = math.log(self.threshold / (1.0 - self.threshold))
        matrix = np.zeros((max(len(self.sentence_weights), 1), len(themes)))
        by_word: dict[str, int] = {}
        by_pair: dict[str, dict[str, int]] = {}
        by_theme: dict[str, int] = {}
        by_pattern: dict[str, int] = {}
        for r, (name, weights) in enumerate(self.sentence_weights.items()):
            for t, w in weights.items():
                if t in index:
                    matrix[r, index[t]] = w
            kind, _, rest = name.partition("=")
            if kind == "w":
                by_word[rest] = r
            elif kind == "bi":
                # every split at "_": a pair (x, y) finds the row exactly when
                # "bi=" + x + "_" + y is the feature's name, as sentence_features spells it
                for i, ch in enumerate(rest):
                    if ch == "_":
                        by_pair.setdefault(rest[:i], {})[rest[i + 1 :]] = r
            elif kind == "m":
                by_theme[rest] = r
            elif kind == "p":
                by_pattern[rest] = r
        return (
            tuple(themes),
            index,
            intercepts,
            cut,
            matrix,
            by_word,
            by_pair,
            by_theme,
            by_pattern,
        )

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
            sentence_intercepts={
                t: float(b) for t, b in data.get("sentence", {}).get("intercepts", {}).items()
            },
            sentence_weights={
                name: {t: float(w) for t, w in row.items()}
                for name, row in data.get("sentence", {}).get("weights", {}).items()
            },
        )


@functools.cache
def load_theme_filter() -> ThemeFilter:
    """The filter shipped with the package (read once per process)."""
    text = resources.files("ofstedmine").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return ThemeFilter._from_text(text)
