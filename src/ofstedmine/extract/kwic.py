"""Phrase and pattern matching over canonical texts, for keyword-in-context search.

This is the spaCy half of :func:`ofstedmine.analysis.search.search` (``analysis/``
does not import spaCy). A text is cut into tokens that are words (runs of word
characters) and single punctuation marks, whitespace left out, so a phrase matches across a
line break or a double space and wherever its words stand on word boundaries
("51.Care leavers" holds "care leavers"), just as a reader would find it; the tokens
become a spaCy ``Doc`` (vocabulary of ``spacy.blank("en")``) whose lemmas are looked
up, lower-cased, in spacy-lookups-data's English ``lemma_lookup`` table ("children"
-> "child", "leavers" -> "leaver"). A phrase is matched with a
:class:`spacy.matcher.PhraseMatcher` on ``LOWER`` (exact, case-insensitive) or on
``LEMMA`` (``lemma=True``); token patterns go to a :class:`spacy.matcher.Matcher`.

Documents that cannot hold a match are skipped before tokenizing: for a phrase,
every token of it (or, with lemmas, one of the word forms that share its lemma)
must occur in the lower-cased text. The check is a plain substring test, so it can
only let too much through, never too little.

Examples
--------
>>> text = "Care leavers said so. A care leaver's view; CARE  LEAVERS\\nagreed."
>>> [text[s:e] for s, e in find_matches(text, "care leavers", lemma=False)]
['Care leavers', 'CARE  LEAVERS']
>>> [text[s:e] for s, e in find_matches(text, "care leavers")]
['Care leavers', 'care leaver', 'CARE  LEAVERS']
>>> [text[s:e] for s, e in find_matches(text, [{"LOWER": "care"}, {"LEMMA": "leaver"}])]
['Care leavers', 'care leaver', 'CARE  LEAVERS']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Query", "compile_query", "find_matches", "lemma_of", "lemma_table"]

#: A phrase, several phrases, one Matcher token pattern, or several patterns.
QueryLike = (
    str | Sequence[str] | Sequence[Mapping[str, Any]] | Sequence[Sequence[Mapping[str, Any]]]
)


@functools.cache
def _nlp():
    import spacy

    return spacy.blank("en")


@functools.cache
def lemma_table() -> Mapping[str, str]:
    """The English lookup lemma table of spacy-lookups-data (word form -> lemma)."""
    from spacy.util import load_language_data, registry

    try:
        path = registry.lookups.get("en")["lemma_lookup"]
    except Exception as exc:  # catalogue raises its own RegistryError
        raise RuntimeError(
            "spaCy's English lemma table is missing: pip install spacy-lookups-data"
        ) from exc
    return {str(k): str(v) for k, v in load_language_data(path).items()}


@functools.cache
def _forms_of() -> Mapping[str, frozenset[str]]:
    """lemma -> every word form the table maps to it (the inverse table)."""
    inverse: dict[str, set[str]] = {}
    for form, lemma in lemma_table().items():
        inverse.setdefault(lemma.lower(), set()).add(form.lower())
    return {k: frozenset(v) for k, v in inverse.items()}


def lemma_of(word: str) -> str:
    """The lower-cased lookup lemma of one word.

    >>> lemma_of("Children"), lemma_of("leavers"), lemma_of("drift")
    ('child', 'leaver', 'drift')
    """
    low = word.lower()
    return lemma_table().get(low, low).lower()


# Words (runs of \w) and single punctuation marks. Not spaCy's tokenizer: its
# exceptions glue "51.Care" or "e.g.Children" into one token, which would hide a
# word from a phrase; here a phrase matches wherever its words stand on word
# boundaries, as a reader (or a regular expression) would find them.
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Tokens:
    doc: Any  # spacy.tokens.Doc without whitespace tokens, lemmas set
    starts: tuple[int, ...]  # character offset of each token in the source text
    ends: tuple[int, ...]


def _tokens(text: str, offset: int = 0) -> _Tokens:
    from spacy.tokens import Doc

    found = list(_TOKEN.finditer(text))
    words = [m.group(0) for m in found]
    table = lemma_table()
    lemmas = [table.get(w.lower(), w.lower()).lower() for w in words]
    doc = Doc(_nlp().vocab, words=words, spaces=[True] * len(words), lemmas=lemmas)
    starts = tuple(m.start() + offset for m in found)
    return _Tokens(doc, starts, tuple(m.end() + offset for m in found))


_cached_tokens = functools.lru_cache(maxsize=64)(_tokens)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """One phrase: its matcher, and how to find the places where it can start."""

    matcher: Any  # PhraseMatcher holding this phrase only
    needs: tuple[frozenset[str], ...]  # per token, the lower-cased forms that can match
    starter: re.Pattern[str] | None  # a form of the first word, on word boundaries
    span: re.Pattern[str]  # exactly len(needs) tokens from a given position


def _starter(forms: frozenset[str]) -> re.Pattern[str] | None:
    if not all(re.fullmatch(r"\w+", f) for f in forms):
        return None  # a phrase that opens with punctuation: search whole documents
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _n_tokens(n: int) -> re.Pattern[str]:
    # Possessive quantifiers: a word is never split, as in _TOKEN's left-to-right scan.
    token = r"(?:\w++|[^\w\s])"
    return re.compile(token + (rf"(?:\s*+{token}){{{n - 1}}}" if n > 1 else ""))


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans that overlap a longer (then earlier) one, as spaCy's filter_spans does."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda sp: (-(sp[1] - sp[0]), sp[0])):
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


class Query:
    """A compiled query: phrases or token patterns, with a cheap pre-check.

    Build one with :func:`compile_query`; call :meth:`matches` on each text. A phrase
    is only tokenized where it can start (a word form of its first word on word
    boundaries, found by a regular expression), which makes searching a whole corpus
    quick; token patterns tokenize whole texts.
    """

    def __init__(
        self,
        phrases: Sequence[str],
        patterns: Sequence[Sequence[Mapping[str, Any]]],
        *,
        lemma: bool,
    ) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        vocab = _nlp().vocab
        self.lemma = lemma
        self.phrases = tuple(phrases)
        self.patterns = tuple(tuple(dict(t) for t in p) for p in patterns)
        self._phrases: list[_Phrase] = []
        self._matcher = None
        self._needs: list[tuple[frozenset[str], ...]] = []
        for phrase in self.phrases:
            toks = _tokens(phrase)
            if len(toks.doc) == 0:
                raise ValueError(f"the phrase {phrase!r} has no words")
            matcher = PhraseMatcher(vocab, attr="LEMMA" if lemma else "LOWER")
            matcher.add("phrase", [toks.doc])
            needs = tuple(self._forms(t.text) for t in toks.doc)
            self._phrases.append(_Phrase(matcher, needs, _starter(needs[0]), _n_tokens(len(needs))))
            self._needs.append(needs)
        if self.patterns:
            self._matcher = Matcher(vocab)
            for i, pattern in enumerate(self.patterns):
                try:
                    self._matcher.add(f"pattern_{i}", [list(pattern)])
                except Exception as exc:  # spaCy raises several types for a bad pattern
                    raise ValueError(f"invalid Matcher pattern {list(pattern)!r}: {exc}") from exc
                self._needs.append(tuple(_pattern_needs(pattern)))

    def _forms(self, word: str) -> frozenset[str]:
        low = word.lower()
        if not self.lemma:
            return frozenset({low})
        lemma = lemma_of(low)
        return frozenset({low, lemma} | _forms_of().get(lemma, frozenset()))

    def could_match(self, text: str) -> bool:
        """False only when no match is possible (every needed word form is absent)."""
        low = text.lower()
        return any(all(any(f in low for f in forms) for forms in needs) for needs in self._needs)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Character spans ``(start, end)`` of the matches in ``text``, in order.

        With several phrases or any token pattern, overlapping matches are reduced to
        the longest (then the first), as :func:`spacy.util.filter_spans` does.
        """
        if not text or not self.could_match(text):
            return []
        found: list[tuple[int, int]] = []
        for phrase in self._phrases:
            if phrase.starter is None:
                toks = _cached_tokens(text)
                found += [
                    (toks.starts[s], toks.ends[e - 1]) for _, s, e in phrase.matcher(toks.doc)
                ]
                continue
            for m in phrase.starter.finditer(text):
                window = phrase.span.match(text, m.start())
                if window is None:
                    continue
                toks = _tokens(window.group(0), window.start())
                found += [
                    (toks.starts[s], toks.ends[e - 1]) for _, s, e in phrase.matcher(toks.doc)
                ]
        if self._matcher is not None:
            toks = _cached_tokens(text)
            found += [(toks.starts[s], toks.ends[e - 1]) for _, s, e in self._matcher(toks.doc)]
        if self._matcher is not None or len(self._phrases) > 1:
            return _longest_first(found)
        return sorted(set(found))


def _pattern_needs(pattern: Sequence[Mapping[str, Any]]) -> list[frozenset[str]]:
    """Word forms a token pattern cannot match without (for the pre-check)."""
    needs = []
    for token in pattern:
        if token.get("OP") not in (None, "1", "+"):
            continue  # optional, negated or counted: needs nothing
        for key in ("LOWER", "ORTH", "TEXT", "LEMMA"):
            value = token.get(key)
            if isinstance(value, str):
                values = [value]
            elif isinstance(value, Mapping) and isinstance(value.get("IN"), Sequence):
                values = [str(v) for v in value["IN"]]
            else:
                continue
            forms: set[str] = set()
            for v in values:
                low = v.lower()
                forms.add(low)
                if key == "LEMMA":
                    forms |= _forms_of().get(low, frozenset())
            needs.append(frozenset(forms))
            break
    return needs


def compile_query(query: QueryLike, *, lemma: bool = True) -> Query:
    """Turn a phrase, phrases or spaCy Matcher token patterns into a :class:`Query`.

    Parameters
    ----------
    query
        A phrase (``"care leavers"``), a list of phrases, one token pattern (a list
        of dicts, e.g. ``[{"LEMMA": "drift"}, {"LOWER": "and"}, {"LEMMA": "delay"}]``)
        or a list of token patterns. A token is a word or one punctuation mark
        ("children's" is ``children``, ``'``, ``s``); lemmas in patterns are lower
        case; there is no tagger or parser, so ``POS``, ``TAG`` and ``DEP`` are unset.
    lemma
        For phrases: match on lemmas (``"care leaver"`` finds "care leavers") rather
        than on lower-cased words. Ignored for token patterns.

    Raises
    ------
    ValueError
        When the query is empty, a phrase has no words, or a pattern is invalid.

    Examples
    --------
    >>> q = compile_query(["drift", "delay"], lemma=True)
    >>> text = "Delays and drifting plans; drift."
    >>> [text[s:e] for s, e in q.matches(text)]
    ['Delays', 'drifting', 'drift']
    """
    if isinstance(query, str):
        phrases, patterns = [query], []
    elif isinstance(query, Sequence) and query:
        if all(isinstance(q, str) for q in query):
            phrases, patterns = list(query), []
        elif all(isinstance(q, Mapping) for q in query):
            phrases, patterns = [], [query]
        elif all(isinstance(q, Sequence) and not isinstance(q, str) for q in query):
            phrases, patterns = [], list(query)
        else:
            raise ValueError(
                "a query is a phrase, a list of phrases, a token pattern "
                "(list of dicts) or a list of token patterns, not a mixture"
            )
    else:
        raise ValueError(f"empty or unsupported query: {query!r}")
    if not any(p.strip() for p in phrases) and not patterns:
        raise ValueError("the query has no words")
    return Query([p for p in phrases if p.strip()], patterns, lemma=lemma)


def find_matches(
    text: str, query: QueryLike | Query, *, lemma: bool = True
) -> list[tuple[int, int]]:
    """Character spans of every match of ``query`` in ``text`` (see :func:`compile_query`)."""
    q = query if isinstance(query, Query) else compile_query(query, lemma=lemma)
    return q.matches(text)
