"""Candidate noun phrases per document, for discovering themes the codebook misses.

Two sources, one output shape ``(phrase, Locator)``:

* with a statistical model (``model="en_core_web_sm"``), spaCy's **noun chunks**,
  lower-cased with the head word lemmatised, without leading determiners, numbers, possessives or
  evaluative adjectives ("the good *early help offer*" -> "early help offer");
* with the default rule pipeline (no parser), **stop-word-bounded n-grams**: runs
  of content words between stop words, punctuation and numbers, cut into
  two- and three-word n-grams, the last word lemmatised ("strategy meetings are
  held" -> "strategy meeting"). Single words are left out: without part-of-speech tags most of them
  are verbs and adjectives. Common report verbs, inflected past forms ("looked",
  "integrated") and capitalised words inside a sentence (place and team names)
  also bound a run.

Phrases come from the same body sentences as findings (no headings, tables,
context data or boilerplate), so discovery sees the prose Ofsted judged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofstedmine.types import Document, Locator

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["noun_phrases"]

# Words that open or close no useful phrase: evaluation and hedges, which belong
# to polarity, not to what a sentence is about.
_EVALUATIVE = frozenset(
    [
        "good",
        "strong",
        "effective",
        "effectively",
        "well",
        "poor",
        "weak",
        "clear",
        "clearly",
        "timely",
        "robust",
        "thorough",
        "comprehensive",
        "appropriate",
        "appropriately",
        "consistent",
        "consistently",
        "regular",
        "regularly",
        "sufficient",
        "sufficiently",
        "significant",
        "significantly",
        "high",
        "low",
        "many",
        "most",
        "some",
        "few",
        "more",
        "less",
        "further",
        "new",
        "recent",
        "recently",
        "current",
        "currently",
        "increasingly",
        "particular",
        "particularly",
        "wide",
        "wider",
        "range",
        "variety",
        "number",
        "majority",
        "minority",
        "small",
        "large",
        "inadequate",
        "outstanding",
        "excellent",
        "positive",
        "positively",
        "detailed",
        "specific",
        "all",
        "other",
        "key",
        "overall",
        "individual",
        "local",
        "recent",
        "relevant",
        "additional",
    ]
)
# Common verbs of report prose: without part-of-speech tags they would glue
# subjects to objects ("PAs ensure", "children tell").
# Compared by lemma, so "taking" and "taken" count too. Verbs that double as
# nouns of the trade ("help", "support", "meeting", "work", "offer") are absent.
_VERBS = frozenset(
    [
        "ensure",
        "tell",
        "see",
        "show",
        "make",
        "take",
        "give",
        "provide",
        "continue",
        "remain",
        "receive",
        "know",
        "understand",
        "seek",
        "benefit",
        "improve",
        "reduce",
        "create",
        "identify",
        "consider",
        "include",
        "enable",
        "promote",
        "develop",
        "mean",
        "feel",
        "say",
        "live",
        "attend",
        "become",
        "keep",
        "ask",
        "want",
        "try",
        "describe",
        "report",
        "demonstrate",
        "reflect",
        "achieve",
        "allow",
        "address",
        "respond",
        "engage",
    ]
)
_MAX_N = 3


def _content(token, first: bool) -> bool:
    """A word that may sit inside a phrase (see the module docstring)."""
    lower = token.lower_
    if not token.is_alpha or token.is_stop or len(lower) < 2:
        return False
    if lower in _EVALUATIVE or token.lemma_ in _VERBS:
        return False
    if lower.endswith("ed") and token.lemma_.lower() != lower:
        return False  # an inflected past form: a verb, or a participle before a noun
    # a capitalised word inside a sentence is a proper name (a place, a team, a person)
    return not (token.is_title and not first and not token.is_upper)


def _phrase(tokens) -> str:
    """Lower-case words, a plural last word made singular: "strategy meetings" -> "strategy meeting"."""
    *head, last = tokens
    tail = last.lower_
    if not tail.endswith(("ing", "ed")):  # plurals only: keep "sharing", "missing"
        tail = last.lemma_.lower()
    return " ".join([*(t.lower_ for t in head), tail])


def _ngrams_from(doc: Doc, offset: int, document: Document, out: list) -> None:
    """Stop-word-bounded 2- and 3-grams of lemmas, with their locators."""
    from ofstedmine.extract.nlp import sentence_bounds

    run: list = []
    starts = {ts for ts, *_ in sentence_bounds(doc)}
    for token in [*doc, None]:
        if token is not None and _content(token, token.i in starts):
            run.append(token)
            continue
        if len(run) >= 2:
            for n in range(2, min(_MAX_N, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i : i + n]
                    phrase = _phrase(gram)
                    start = offset + gram[0].idx
                    end = offset + gram[-1].idx + len(gram[-1].text)
                    out.append((phrase, document.locate(start, end)))
        run = []


def _chunks_from(doc: Doc, offset: int, document: Document, out: list) -> None:
    """Noun chunks, trimmed of determiners, numbers and evaluative words."""
    for chunk in doc.noun_chunks:
        tokens = [t for t in chunk if not (t.is_punct or t.is_space)]
        while tokens and (
            tokens[0].is_stop
            or tokens[0].like_num
            or tokens[0].lower_ in _EVALUATIVE
            or tokens[0].tag_ in ("DT", "PRP$", "POS", "CD")
        ):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_stop or tokens[-1].tag_ == "POS"):
            tokens = tokens[:-1]
        while tokens and tokens[0].pos_ == "PROPN":
            tokens = tokens[1:]
        if not tokens or not any(t.is_alpha and not t.is_stop for t in tokens):
            continue
        if tokens[-1].pos_ == "PRON" or len(tokens) > 5:
            continue
        phrase = _phrase([t for t in tokens if t.tag_ != "POS"])
        start = offset + tokens[0].idx
        end = offset + tokens[-1].idx + len(tokens[-1].text)
        out.append((phrase, document.locate(start, end)))


def noun_phrases(
    document: Document, *, span: tuple[int, int] | None = None, model: str | None = None
) -> list[tuple[str, Locator]]:
    """Candidate phrases of a document's body text, each with its locator.

    Parameters
    ----------
    document
        A parsed document.
    span
        The part of ``document.text`` to read (a file may hold two reports).
    model
        ``None`` for stop-word-bounded n-grams from the rule pipeline; a spaCy
        model name (``"en_core_web_sm"``) for noun chunks.

    Examples
    --------
    >>> from ofstedmine import parse
    >>> doc = parse(b"Findings\\n\\nFamily group conferences are offered early.", kind="text")
    >>> [p for p, _ in noun_phrases(doc)]
    ['family group', 'group conference', 'family group conference']
    >>> noun_phrases(doc)[0][1].page
    1
    """
    from ofstedmine.extract.findings import body_blocks
    from ofstedmine.extract.nlp import get_nlp, make_doc

    nlp = get_nlp(model)
    chunks = model is not None and "parser" in nlp.pipe_names
    blocks = list(body_blocks(document, span))
    out: list[tuple[str, Locator]] = []
    # Themes and polarity are not needed here: run only what phrases use.
    keep = [
        n for n in nlp.pipe_names if not n.startswith(("ofstedmine_themes", "ofstedmine_polarity"))
    ]
    with nlp.select_pipes(enable=keep):
        for (offset, _), doc in zip(blocks, nlp.pipe(make_doc(nlp, t) for _, t in blocks)):
            (_chunks_from if chunks else _ngrams_from)(doc, offset, document, out)
    return out
