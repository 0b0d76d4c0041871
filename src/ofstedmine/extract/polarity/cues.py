"""The cue lists (package data) and the one-pass cue matcher.

The word and phrase lists live in ``ofstedmine/data/polarity_cues.json``, a
versioned data file read once by :func:`load_cues`. :func:`_cue_regex` compiles
every cue into one pattern, a character trie over the cues' literal prefixes, and
:func:`_cue_matches` runs it at word starts.

>>> cues = load_cues()
>>> "inadequate" in cues.concern and "well" in cues.strength
True
>>> [m.group() for m in _cue_matches("too many plans are not timely")]
['too many', 'are not', 'timely']
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

__all__ = ["CUES_FILE", "Cues", "load_cues"]

CUES_FILE = "polarity_cues.json"

# The pattern lists of the data file, in the order the file gives them.
_PATTERN_LISTS = (
    "neutral",
    "strength_pairs",
    "concern",
    "strength",
    "negator",
    "negverb",
    "contrast",
    "context",
    "hedge",
)
# The lists compared with whole cue text (sets) and those compared by prefix (tuples).
_WORD_SETS = ("weak_strength", "limiting", "descriptive")
_PREFIXES = ("limiting_starts", "too_soon", "condition_openers")


@dataclass(frozen=True)
class Cues:
    """The cue lists of one version of the data file.

    Attributes
    ----------
    version
        The data file's ``"version"``: a change to any list changes polarity.
    neutral, strength_pairs, concern, strength, negator, negverb, contrast, context, hedge
        Regular expressions, in order: the order decides which of two
        competing cues wins at one position.
    weak_strength
        Strength cues too weak to outweigh a concern cue.
    limiting, limiting_starts
        Hedges (whole text, openings) that make an unpraised sentence a criticism.
    descriptive
        Concern words that describe circumstances inside a who/when clause.
    too_soon
        Openings of a concern cue that alone is a caveat ("too soon").
    condition_openers
        Sentence openings of a circumstance clause ("when ", "if ").
    """

    version: str
    neutral: tuple[str, ...]
    strength_pairs: tuple[str, ...]
    concern: tuple[str, ...]
    strength: tuple[str, ...]
    negator: tuple[str, ...]
    negverb: tuple[str, ...]
    contrast: tuple[str, ...]
    context: tuple[str, ...]
    hedge: tuple[str, ...]
    weak_strength: frozenset[str]
    limiting: frozenset[str]
    descriptive: frozenset[str]
    limiting_starts: tuple[str, ...]
    too_soon: tuple[str, ...]
    condition_openers: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: dict) -> Cues:
        """Build from the data file's parsed JSON.

        Parameters
        ----------
        data
            The file's object: ``version``, ``fragments`` and one list per field.
            A ``{name}`` in a pattern is replaced by ``fragments[name]``.

        Returns
        -------
        Cues
        """
        fragments = data.get("fragments", {})

        def fill(pattern: str) -> str:
            for name, text in fragments.items():
                pattern = pattern.replace("{" + name + "}", text)
            return pattern

        return cls(
            version=str(data["version"]),
            **{k: tuple(fill(p) for p in data[k]) for k in _PATTERN_LISTS},
            **{k: frozenset(data[k]) for k in _WORD_SETS},
            **{k: tuple(data[k]) for k in _PREFIXES},
        )


@functools.cache
def load_cues() -> Cues:
    """The cue lists shipped with the package, read once.

    Returns
    -------
    Cues
        The lists of ``ofstedmine/data/polarity_cues.json``.
    """
    text = resources.files("ofstedmine").joinpath("data", CUES_FILE).read_text(encoding="utf-8")
    return Cues.from_dict(json.loads(text))


_META = set("()[]{}?*+|\\.^$")


def _expand(alt: str) -> list[str]:
    """Distribute a leading ``(a|b)`` or ``(a|b)?`` group so each variant opens with literal text."""
    if not alt.startswith("("):
        return [alt]
    depth, close = 0, len(alt) - 1
    for pos, ch in enumerate(alt):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            close = pos
            break
    inner, rest = alt[1:close], alt[close + 1 :]
    if inner.startswith("?:"):
        inner = inner[2:]
    if any(c in inner for c in "()[]\\"):
        return [alt]  # nested: leave it whole
    optional = rest.startswith("?")
    rest = rest[1:] if optional else rest
    out = [o + rest for o in inner.split("|")] + ([rest] if optional else [])
    return [y for x in out for y in _expand(x)]


def _split_literal(alt: str) -> tuple[str, str]:
    i = 0
    while i < len(alt) and alt[i] not in _META:
        i += 1
    prefix = alt[:i]
    if i < len(alt) and alt[i] in "?*{" and prefix:  # the quantifier binds the last char
        prefix = prefix[:-1]
    return prefix, alt[len(prefix) :]


@functools.cache
def _cue_regex() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str]]:
    """One regex for every cue, as a character trie over the cues' literal prefixes.

    A flat alternation of a few hundred phrases makes ``re`` try each one at
    every word; the trie tries a handful. Each cue is one capturing group
    (``m.lastindex`` says which); alternatives keep their order where they
    compete, so a neutralising phrase ("well-being") still beats its cue ("well").

    Returns
    -------
    tuple
        The compiled pattern, the category of each group (``cats[m.lastindex]``:
        ``neu``, ``spair``, ``negverb``, ``neg``, ``con``, ``str``, ``neg2``,
        ``ctr``, ``ctx`` or ``hedge``) and the first three letters (or fewer) of
        every cue.
    """
    cues = load_cues()
    categories = [
        ("neu", cues.neutral),
        ("spair", cues.strength_pairs),
        ("negverb", cues.negverb),
        ("neg", cues.negator[:1]),
        ("con", cues.concern),
        ("str", cues.strength),
        ("neg2", cues.negator[1:]),
        ("ctr", cues.contrast),
        ("ctx", cues.context),
        ("hedge", cues.hedge),
    ]
    trie: dict = {"kids": {}, "leaves": [], "min": 10**9}
    order = 0
    heads: set[str] = set()  # the first three letters (or fewer) of every cue
    for cat, alts in categories:
        for alt in alts:
            alt = re.sub(r"\((?!\?)", "(?:", alt)  # only the trie's groups capture
            for variant in _expand(alt):
                prefix, rest = _split_literal(variant)
                heads.add(prefix[:3])
                node = trie
                node["min"] = min(node["min"], order)
                for ch in prefix:
                    node = node["kids"].setdefault(ch, {"kids": {}, "leaves": [], "min": 10**9})
                    node["min"] = min(node["min"], order)
                node["leaves"].append((order, rest, cat))
                order += 1
    cats: list[str] = ["?"]  # group 0 is the whole match

    def emit(node: dict) -> str:
        items = [(o, None, rest, cat) for o, rest, cat in node["leaves"]]
        items += [(kid["min"], ch, kid, None) for ch, kid in node["kids"].items()]
        parts = []
        for _, ch, sub, cat in sorted(items, key=lambda x: x[0]):
            if ch is None:
                cats.append(cat)
                parts.append(f"({sub})")
            else:
                parts.append(re.escape(ch) + emit(sub))
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    pattern = rf"\b{emit(trie)}(?![a-z0-9])"
    return re.compile(pattern), tuple(cats), frozenset(heads)


_OPENERS = "('\"‘“[-–"


def _cue_matches(s: str) -> Iterator[re.Match[str]]:
    """Cue matches at word starts, left to right, never overlapping.

    Only words whose first letters open some cue are tried: a set lookup per
    word instead of a regex attempt per word.

    Parameters
    ----------
    s
        Normalised (lower-case, single-spaced) text.

    Yields
    ------
    re.Match
        One match of :func:`_cue_regex`'s pattern per cue.
    """
    regex, _, heads = _cue_regex()
    anywhere = "" in heads
    pos, n, resume = 0, len(s), 0
    while pos < n:
        end = s.find(" ", pos)
        end = n if end == -1 else end
        start = pos
        while start < end and s[start] in _OPENERS:
            start += 1
        if start >= resume and (
            anywhere
            or s[start : start + 3] in heads
            or s[start : start + 2] in heads
            or s[start : start + 1] in heads
        ):
            m = regex.match(s, start)
            if m is not None:
                resume = m.end()
                yield m
        pos = end + 1
