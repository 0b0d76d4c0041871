"""The parties and processes a text names, and the aspect word lists, from
``data/tracking_subjects.json``.

The table (:func:`load_subjects`) is versioned package data. Its ``terms`` are the
key parties and processes of the reports (police, schools, the LADO, emergency
departments, health, probation, strategy meetings, return home interviews, IROs,
personal advisers, ...), each with the patterns that name it; a pattern in
capitals ("PLO", "PAs") matches in capitals only, the last word of a pattern
matches its plural too, and a pattern written ``"!..."`` names none of them (it
keeps a longer phrase, "supervision order", from being read as one). Its
``aspects`` are the word lists :mod:`ofstedmine.extract.aspects` reads a
recommendation's aspect with: frame nouns, generic heads and verbs, compounds.

Examples
--------
>>> load_subjects().find("Return interviews are offered, and the police attend.")
('return_home_interviews', 'police')
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["SUBJECTS_FILE", "SubjectTable", "load_subjects"]

SUBJECTS_FILE = "tracking_subjects.json"

_WORD = re.compile(r"[\w&]+")


@dataclass(frozen=True, slots=True)
class SubjectTable:
    """The party/process terms of ``data/tracking_subjects.json``, compiled, and
    its aspect word lists.

    ``terms`` maps a term id to its label; ``kinds`` to ``party`` or ``process``.
    ``frame_nouns``, ``generic_heads`` and ``generic_verbs`` are lemmas;
    ``compounds`` maps a (lemma, next word) pair to the key it makes ("step_up").
    """

    name: str
    version: str
    terms: dict[str, str]
    kinds: dict[str, str]
    # lower-cased first word -> (regex, term id or None for a '!' pattern), longest first
    _index: dict[str, tuple[tuple[re.Pattern[str], str | None], ...]]
    frame_nouns: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    generic_verbs: frozenset[str] = frozenset()
    compounds: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)

    def find(self, text: str) -> tuple[str, ...]:
        """The term ids a text names, in order of first mention.

        >>> t = load_subjects()
        >>> t.find("The school nurse and two schools spoke to the police.")
        ('health', 'schools', 'police')
        >>> t.find("IROs and personal advisers (PAs) visit; a supervision order was made.")
        ('iros', 'personal_advisers')
        """
        return tuple(dict.fromkeys(t for _, _, t in self.spans(text) if t is not None))

    def spans(self, text: str) -> list[tuple[int, int, str | None]]:
        """(start, end, term id) of each match, in text order (None for a '!' pattern).

        >>> load_subjects().spans("Strategy discussions with the police.")
        [(0, 20, 'strategy_meetings'), (30, 36, 'police')]
        """
        text = text.replace("’", "'")
        # the longest match starting at each word (matches may overlap) ...
        hits = []
        for w in _WORD.finditer(text):
            low = w.group().lower()
            for key in (low, low[:-1], low[:-2], low[:-3] + "y"):
                hit = next(
                    (
                        (m.end(), term)
                        for rx, term in self._index.get(key, ())
                        if (m := rx.match(text, w.start()))
                    ),
                    None,
                )
                if hit is not None:
                    hits.append((w.start(), *hit))
                    break
        # ... then longest first, then leftmost; one overlapping a taken one is dropped
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken: list[tuple[int, int, str | None]] = []
        for s, e, term in hits:
            if all(e <= ts or s >= te for ts, te, _ in taken):
                taken.append((s, e, term))
        taken.sort()
        return taken


@functools.cache
def load_subjects() -> SubjectTable:
    """The packaged party/process table (read once).

    Returns
    -------
    SubjectTable
        ``data/tracking_subjects.json``, compiled.

    Examples
    --------
    >>> t = load_subjects()
    >>> t.version, t.terms["lado"], t.kinds["strategy_meetings"]
    ('1.1.0', 'LADO (allegations against professionals)', 'process')
    """
    text = resources.files("ofstedmine").joinpath("data", SUBJECTS_FILE).read_text("utf-8")
    return _compile(json.loads(text))


def _compile(data: dict[str, Any]) -> SubjectTable:
    patterns = []
    for term in data["terms"]:
        for p in term["patterns"]:
            owner = None if p.startswith("!") else term["id"]
            patterns.append((p.lstrip("!"), owner))
    patterns.sort(key=lambda x: -len(x[0]))  # the first that matches at a word wins
    index: dict[str, list[tuple[re.Pattern[str], str | None]]] = {}
    for p, owner in patterns:
        first = _WORD.match(p.strip()).group().lower()  # type: ignore[union-attr]
        index.setdefault(first, []).append((re.compile(_pattern_regex(p) + r"(?![\w&])"), owner))
    aspects = data.get("aspects", {})
    compounds = {}
    for c in aspects.get("compounds", ()):
        first, second = c.split()
        compounds[first, second] = f"{first}_{second}"
    return SubjectTable(
        name=data["name"],
        version=data["version"],
        terms={t["id"]: t["label"] for t in data["terms"]},
        kinds={t["id"]: t["kind"] for t in data["terms"]},
        _index={k: tuple(v) for k, v in index.items()},
        frame_nouns=frozenset(aspects.get("frame_nouns", ())),
        generic_heads=frozenset(aspects.get("generic_heads", ())),
        generic_verbs=frozenset(aspects.get("generic_verbs", ())),
        compounds=compounds,
    )


def _pattern_regex(pattern: str) -> str:
    """One pattern as a regular expression (case-insensitive unless in capitals)."""
    words = re.split(r"[\s-]+", pattern.strip())
    parts = [re.escape(w) for w in words]
    last = words[-1]
    if last[-1:] == "y" and last[-2:-1].isalpha():
        parts[-1] = re.escape(last[:-1]) + "(?:y|ies)"
    else:
        parts[-1] += "(?:s|es)?"
    body = r"[\s\-]+".join(parts)
    letters = [c for c in pattern if c.isalpha()]
    return body if letters and all(c.isupper() for c in letters) else f"(?i:{body})"
