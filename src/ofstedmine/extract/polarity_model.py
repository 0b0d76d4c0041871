"""A trained sentence-polarity classifier with the rules as its features.

The rules of :mod:`ofstedmine.extract.polarity` read clause structure with word
lists; on text nobody tuned them on they miss criticism put in words they do not
list. This model reads every body sentence and decides its polarity from:

* **the rules' verdict and cues** (``rule=concern``, each cue that fired);
* **words and word pairs**, with **negation scope** marked: a word within four
  words after a negator ("not", "no", "never", "without", "lack", "fail", ...)
  and before the next clause break is a different feature (``~timely`` is not
  ``timely``), so "visits are not always purposeful" and "visits are purposeful"
  share no praise feature;
* **clause shapes** that the labelling definition names: "too"/"overly" before any
  word; "there is/are" before a word; a consequence ("which means", "so that",
  "this means"); an opening concession ("although", "while", "despite") and a
  contrast ("but", "however") with their positions;
* **context**: the words of the heading above the sentence, whether it sits under
  a summary, strengths or improvement heading, the rules' verdict on the sentence
  before it, and the sentence's first word.

It is a multinomial logistic regression trained on the labelled sentences of
``corpora/eval/findings_labels.jsonl`` relabelled blind to ``LABELLING.md`` by
``tools/train_polarity.py``; the file ``data/polarity_model.json`` holds feature
names (words, word pairs, cue names, heading words) and weights, no sentence text.
Its probabilities give every finding a ``confidence``: the probability of the
class it was given (concern and mixed counted together for a concern). See
``docs/accuracy-findings.md`` for how well they are calibrated.

>>> m = load_polarity_model()
>>> from ofstedmine.types import EVIDENCE_THRESHOLD, Polarity
>>> feats = sentence_features("Visits are not always purposeful.", Polarity.CONCERN,
...                           ("not always purposeful",))
>>> '~purposeful' in feats and 'rule=concern' in feats
True
>>> pol, conf = m.predict([feats])[0]
>>> pol.value, conf > 0.5
('concern', True)
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from ofstedmine.types import EVIDENCE_THRESHOLD, Polarity

__all__ = [
    "EVIDENCE_THRESHOLD",
    "PolarityModel",
    "heading_class",
    "load_polarity_model",
    "sentence_features",
]

#: The model file shipped with the package.
MODEL_FILE = "polarity_model.json"

_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[,;:()]")
_BREAK = frozenset(",;:()")
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "without",
        "lack",
        "lacks",
        "lacking",
        "lacked",
        "nor",
        "neither",
        "unable",
        "fail",
        "fails",
        "failed",
        "failing",
        "absence",
        "absent",
        "nobody",
        "none",
        "cannot",
    ]
)
_SCOPE = 4
_PRE_ANY = frozenset(("too", "overly", "insufficiently", "not"))
_BE = frozenset(("is", "are", "was", "were", "remain", "remains"))
_CONSEQUENCE = (
    "which means",
    "this means",
    "so that",
    "meaning that",
    "as a result",
    "resulting in",
    "which results",
    "which leads",
    "leading to",
)
_CONCESSION = frozenset(["although", "though", "while", "whilst", "despite"])
_CONTRAST = frozenset(["but", "however", "yet", "although", "though", "whilst", "while"])
_SUMMARY = re.compile(
    r"^(?:summary|executive summary|overview|headline findings|key findings|main findings"
    r"|summary of (?:key )?findings|summary for children|judge?ment grade|key judge?ments?"
    r"|this (?:local authority|lscb|local safeguarding children board) (?:is|requires|has)"
    r"|inspection judge?ment about the lscb|overall effectiveness|the overall judge?ment is)"
)
_STRENGTHS = re.compile(
    r"^(?:key strengths|strengths|areas? of strength|multi-agency strengths|what is working well"
    r"|the local authority has the following strengths|what is going well)"
)
_IMPROVE = re.compile(
    r"^(?:what needs? to improve|areas? for (?:priority action|improvement|development)"
    r"|recommendations?\b|next steps|priority (?:and immediate )?actions?"
    r"|key strengths and weaknesses|the local authority (?:has the following areas|should)"
    r"|what (?:does )?the (?:local authority|lscb) needs? to (?:do|improve))"
)


def heading_class(heading: str) -> str:
    """``summary``, ``strengths``, ``improve`` or ``body``: what a heading announces.

    >>> heading_class("Headline findings"), heading_class("What needs to improve")
    ('summary', 'improve')
    """
    h = heading.lower().strip()
    if _STRENGTHS.search(h):
        return "strengths"
    if _IMPROVE.search(h):
        return "improve"
    if _SUMMARY.search(h):
        return "summary"
    return "body"


@functools.cache
def _class_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One regex each for the rules' single-word criticism and praise cues."""
    from ofstedmine.extract.polarity.cues import load_cues

    cues = load_cues()

    def one(patterns: list[str]) -> re.Pattern[str]:
        single = [p for p in patterns if " " not in p and "\\s" not in p and "{" not in p]
        return re.compile("(?:" + "|".join(single) + ")")

    return one([*cues.concern, *cues.descriptive]), one(list(cues.strength))


_CLASS_OF: dict[str, str] = {}  # word -> class, shared across documents


def _word_class(word: str) -> str:
    """``C`` a word the rules read as criticism, ``S`` as praise, else ``""``."""
    cls = _CLASS_OF.get(word)
    if cls is None:
        concern, strength = _class_patterns()
        cls = "C" if concern.fullmatch(word) else "S" if strength.fullmatch(word) else ""
        if len(_CLASS_OF) < 200_000:
            _CLASS_OF[word] = cls
    return cls


def _tokens(text: str) -> list[str]:
    s = text.lower().replace("’", "'").replace("‘", "'").replace("n't", " not")
    return _TOKEN.findall(s)


def sentence_features(
    text: str,
    rule: Polarity,
    cues: Sequence[str] = (),
    *,
    heading: str = "",
    previous: Polarity | None = None,
) -> list[str]:
    """The features the model reads for one sentence (see the module docstring)."""
    toks = _tokens(text)
    prev = previous.value if previous else "start"
    feats = [f"rule={rule.value}", f"prev={prev}"]
    add = feats.append
    for c in cues:
        add("cue=" + c)
    add(f"ncues={min(len(cues), 3)}")
    words = [t for t in toks if t not in _BREAK]
    if words:
        add("first=" + words[0])
    scope = 0
    prev_word = None
    contrast_seen = False
    n = len(toks)
    class_of = _CLASS_OF.get
    negators, contrast, breaks, pre_any = _NEGATORS, _CONTRAST, _BREAK, _PRE_ANY
    for i, t in enumerate(toks):
        if t in breaks:
            scope = 0
            prev_word = None
            if t == ",":
                add("comma")
            continue
        cls = class_of(t)
        if cls is None:
            cls = _word_class(t)
        if scope > 0:
            add("~" + t)
            if cls:
                add("~" + cls)  # a praise (criticism) word under a negator
            scope -= 1
        else:
            add(t)
            if cls:
                add("W" + cls)
        if cls and contrast_seen:
            add("after_contrast+" + cls)
        if t in negators:
            scope = _SCOPE
            add("NEG")
        if prev_word is not None:
            add(prev_word + " " + t)
            if prev_word in pre_any:
                add(prev_word + "+ANY")
                if cls:
                    add(prev_word + "+" + cls)
            if prev_word == "there" and t in _BE and i + 1 < n:
                add("there_be+" + toks[i + 1])
        if i and t in contrast:
            contrast_seen = True
        prev_word = t
    lower = " ".join(words)
    for c in _CONSEQUENCE:
        if c in lower:
            add("CONSEQUENCE")
            break
    if words and words[0] in _CONCESSION:
        add("OPEN_CONCESSION")
    if any(w in contrast for w in words[1:]):
        add("CONTRAST")
    # conjunctions a linear model cannot form itself: what the rules say in context
    add(f"rule={rule.value}&prev={prev}")
    if words:
        add(f"first={words[0]}&prev={prev}")
    hclass, hfeats = _heading_features(heading)
    feats += hfeats
    feats.append(f"rule={rule.value}&hclass={hclass}")
    return feats


@functools.lru_cache(maxsize=20_000)
def _heading_features(heading: str) -> tuple[str, tuple[str, ...]]:
    """The heading's class and features (headings repeat: computed once each)."""
    if not heading:
        return "none", ("hclass=none",)
    last = heading.split(" > ")[-1]
    hclass = heading_class(last)
    words = [f"h={w}" for w in _tokens(last)[:12] if w not in _BREAK]
    return hclass, (f"hclass={hclass}", *words)


@dataclass(frozen=True)
class PolarityModel:
    """A multinomial logistic regression over :func:`sentence_features`."""

    version: str
    classes: tuple[Polarity, ...]
    index: dict[str, int]
    weights: tuple[tuple[float, ...], ...]  # one row per feature, one column per class
    intercept: tuple[float, ...]
    concern_threshold: float  # P(concern) + P(mixed) at or above this is a concern
    neutral_guard: float = 0.0  # a strength the rules found no cue for needs this much
    calibration: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())  # raw -> calibrated
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def probabilities(self, features: Sequence[Sequence[str]]) -> list[list[float]]:
        """Each sentence's class probabilities, in ``classes`` order."""
        import numpy as np

        index = self.index
        flat: list[int] = []
        starts: list[int] = []
        for feats in features:
            starts.append(len(flat))
            flat.extend({j for j in map(index.get, feats) if j is not None})
        if not features:
            return []
        w = self._matrix()
        z = np.zeros((len(features), len(self.classes)))
        if flat:
            rows = w[np.asarray(flat)]
            ends = starts[1:] + [len(flat)]
            nonempty = [i for i, (a, b) in enumerate(zip(starts, ends)) if b > a]
            if nonempty:
                sums = np.add.reduceat(rows, [starts[i] for i in nonempty], axis=0)
                z[nonempty] = sums
        z += np.asarray(self.intercept)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).tolist()

    def _matrix(self):
        import numpy as np

        m = self._cache.get("w")
        if m is None:
            m = self._cache["w"] = np.asarray(self.weights, dtype=float)
        return m

    def predict(self, features: Sequence[Sequence[str]]) -> list[tuple[Polarity, float]]:
        """Each sentence's polarity and its calibrated ``confidence``.

        The confidence is the model's probability of the class given (concern and
        mixed together for a concern), mapped through the isotonic calibration fitted
        on cross-validated output, so that among findings of confidence 0.8 about
        eight in ten are right.
        """
        out = self._predict_raw(features)
        xs, ys = self.calibration
        if not xs:
            return out
        import numpy as np

        cal = np.interp([c for _, c in out], xs, ys).tolist()
        return [(p, round(c, 4)) for (p, _), c in zip(out, cal)]

    def _predict_raw(self, features: Sequence[Sequence[str]]) -> list[tuple[Polarity, float]]:
        pos = {c: i for i, c in enumerate(self.classes)}
        ic, im = pos[Polarity.CONCERN], pos[Polarity.MIXED]
        is_, ineu = pos[Polarity.STRENGTH], pos[Polarity.NEUTRAL]
        out = []
        for feats, p in zip(features, self.probabilities(features)):
            critical = p[ic] + p[im]
            if critical >= self.concern_threshold:
                pol = Polarity.MIXED if p[im] > p[ic] else Polarity.CONCERN
                out.append((pol, round(critical, 4)))
            elif p[is_] >= p[ineu] and not (p[is_] < self.neutral_guard and _uncued(feats)):
                out.append((Polarity.STRENGTH, round(p[is_], 4)))
            else:
                out.append((Polarity.NEUTRAL, round(p[ineu], 4)))
        return out

    @classmethod
    def from_json(cls, text: str) -> PolarityModel:
        d = json.loads(text)
        names = d["features"]
        return cls(
            version=d["version"],
            classes=tuple(Polarity(c) for c in d["classes"]),
            index={f: i for i, f in enumerate(names)},
            weights=tuple(tuple(r) for r in d["weights"]),
            intercept=tuple(d["intercept"]),
            concern_threshold=d["concern_threshold"],
            neutral_guard=d.get("neutral_guard", 0.0),
            calibration=(
                tuple(d.get("calibration", {}).get("x", ())),
                tuple(d.get("calibration", {}).get("y", ())),
            ),
        )


def _uncued(features: Sequence[str]) -> bool:
    """The rules found nothing: a neutral verdict with no cue (a bare description)."""
    return "rule=neutral" in features and "ncues=0" in features


@functools.cache
def load_polarity_model() -> PolarityModel:
    """The model shipped with the package (read once per process)."""
    text = resources.files("ofstedmine").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return PolarityModel.from_json(text)
