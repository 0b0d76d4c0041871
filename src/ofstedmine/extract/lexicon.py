"""The words of a recommendation or finding, for following it by its subject.

A text is read into tokens (:func:`tokens`): lower-cased words and punctuation,
each party or process of :func:`~ofstedmine.extract.subjects.load_subjects` one
token ``@id`` ("@strategy_meetings" for "strategy discussions" and "strategy
meetings" alike). Each token is then tagged (:func:`tag`) with its kind and its
*key*: its lemma from spacy-lookups-data's lookup table
(:func:`~ofstedmine.extract.nlp.lemma_table`, the table the rule pipeline
lemmatises with), its word class from the same package's WordNet lemma index
(:func:`word_classes`), no parser needed. From the tags:

* :func:`content_words`: the lemmas of a text's nouns, verbs and adjectives,
  with English stop words (scikit-learn's), words generic to every report
  ("child", "ensure", "service") and evaluative words ("effective", "timely",
  "robust": :data:`GENERIC_WORDS`) removed: those say how good something is, not
  what it is;
* :func:`stems`: the stems (:func:`stem`) of its content words, so that a verb
  matches its noun ("scrutinise" and "scrutiny").

Without the lemma table a plural "s" is stripped; without the lemma index every
word is a noun.

Examples
--------
>>> content_words("Return home interviews are offered to every child who goes missing.")
['@return_home_interviews', 'offer', 'miss']
"""

from __future__ import annotations

import functools
import re

from ofstedmine.errors import ExtractionError
from ofstedmine.extract.nlp import THEME_SPANS_KEY, get_nlp, lemma_table
from ofstedmine.extract.subjects import load_subjects

__all__ = [
    "GENERIC_WORDS",
    "content_words",
    "lemma",
    "stem",
    "stems",
    "stop_words",
    "tag",
    "tokens",
    "word_classes",
]

# Words that say nothing of a subject: generic to every report, or evaluative.
_GENERIC = frozenset((
    "child", "young", "people", "person", "family", "ensure", "improve", "improvement",
    "local", "authority", "council", "social", "worker", "work", "service", "practice",
    "practitioner", "professional", "staff", "include", "sure", "continue", "strengthen",
    "develop", "need", "area", "case", "inspector", "inspection", "time", "way", "level",
    "effective", "effectively", "good", "poor", "weak", "strong", "strongly", "high",
    "quality", "consistent", "consistently", "appropriate", "appropriately", "robust",
    "robustly", "clear", "clearly", "timely", "regular", "regularly", "sufficient",
    "sufficiently", "swift", "swiftly", "prompt", "promptly", "thorough", "well", "better",
    "improved", "improving", "fully", "routinely", "always",
))  # fmt: skip
#: Words generic to every report, or evaluative: never a content word.
GENERIC_WORDS = _GENERIC

#: Stop words of scikit-learn that name things in these reports.
_NOT_STOP = frozenset(("system", "detail"))
_ARG_PREPOSITIONS = frozenset(("to", "with", "on", "about", "into", "towards", "toward"))
_ADJUNCT_PREPOSITIONS = frozenset((
    "from", "between", "in", "at", "within", "across", "by", "through", "via", "under",
    "among", "amongst", "after", "before", "since", "until", "throughout", "around", "over",
    "against", "beyond", "without", "despite", "like", "as",
))  # fmt: skip
_DETERMINERS = frozenset((
    "the", "a", "an", "all", "any", "every", "each", "some", "their", "its", "his", "her",
    "our", "these", "those", "this", "more", "most", "other", "such", "both", "no",
))  # fmt: skip
_COPULAS = frozenset(("is", "are", "be", "been", "being", "was", "were", "go", "goes",
                      "going", "gone", "went", "remain", "remains", "become", "becomes",
                      "get", "gets", "feel", "feels", "stay", "stays"))  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z0-9&]+|[,;:()]")
#: Derivational endings stripped to compare a verb with its noun ("scrutinise" and
#: "scrutiny", "identify" and "identification"): the longest that leaves 6 letters.
_SUFFIXES = ("ification", "ication", "isation", "ization", "ation", "ition", "ment", "ance",
             "ence", "ion", "ise", "ize", "ate", "ing", "y", "e")  # fmt: skip
#: Phrases that name children, not an aspect: read as one generic word.
_POPULATION = re.compile(
    r"\b(?:child(?:ren)?|young people|families) (?:in need|in care|looked after)\b|"
    r"\blooked[\s-]after\b",
    re.I,
)


# ------------------------------------------------------------------ word lists


@functools.cache
def _sklearn_stop() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@functools.cache
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and :data:`GENERIC_WORDS`.

    >>> {"the", "ensure", "timely"} <= stop_words(), "scrutinise" in stop_words()
    (True, False)
    """
    return _sklearn_stop() | _GENERIC


@functools.cache
def word_classes() -> tuple[frozenset[str], ...]:
    """(nouns, verbs, adjectives, adverbs): the word classes of spacy-lookups-data's
    lemma index (WordNet's); empty when it is missing, and then every word is a noun.

    >>> nouns, verbs, adjs, advs = word_classes()
    >>> "panel" in nouns, "scrutinise" in verbs, "rigorously" in advs
    (True, True, True)
    """
    try:
        from spacy.lookups import load_lookups

        ix = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
        return tuple(frozenset(ix[k]) for k in ("noun", "verb", "adj", "adv"))
    except (ValueError, ImportError, KeyError):
        return frozenset(), frozenset(), frozenset(), frozenset()


# ---------------------------------------------------------------- single words


@functools.cache
def lemma(word: str) -> str:
    """A lower-case word's lemma from :func:`~ofstedmine.extract.nlp.lemma_table`
    (without the table, the word with a plural "s" stripped).

    >>> lemma("scrutinises"), lemma("children"), lemma("police")
    ('scrutinise', 'child', 'police')
    """
    try:
        return lemma_table().get(word, word)
    except (ImportError, ExtractionError):  # no lemma table: strip a plural
        return word[:-1] if len(word) > 3 and word.endswith("s") and word[-2] != "s" else word


@functools.cache
def stem(lemma: str) -> str:
    """A lemma without its derivational ending, to match verbs with their nouns.

    >>> [stem(w) for w in ("scrutinise", "scrutiny", "identify", "identification")]
    ['scrutin', 'scrutin', 'identif', 'identif']
    >>> stem("police") == stem("policy"), stem("step_up")
    (False, 'step_up')
    """
    if "_" in lemma:
        return lemma
    for suffix in _SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 6:
            return lemma[: -len(suffix)]
    return lemma


@functools.cache
def _key(word: str) -> str:
    """A word's lemma, or the word where the lemma is a stop word but the word a
    noun ("finding", not "find")."""
    lem = lemma(word)
    nouns, verbs, *_ = word_classes()
    if lem != word and lem in _sklearn_stop() and word in nouns:
        return word
    if lem.endswith("e") and lem not in verbs and lem[:-1] in verbs:
        return lem[:-1]  # the table's "develope" for "developed"
    return lem


def _is_content(word: str) -> bool:
    return bool(word) and word[0].isalpha() and word not in _sklearn_stop()


# ---------------------------------------------------------------------- texts


def tokens(text: str, topics: bool = False) -> list[tuple[str, bool]]:
    """(token, in a topic span) per lower-cased word and punctuation token ("'s"
    dropped, hyphens split); each party/process of
    :func:`~ofstedmine.extract.subjects.load_subjects` is one token ``@id``
    ("@strategy_meetings" for "strategy discussions" and "strategy meetings"
    alike). With ``topics``, a token inside a codebook theme's pattern ("early
    help", "foster carer") or a party/process is flagged.

    >>> tokens("Strategy discussions with the GP's team.")
    [('@strategy_meetings', True), ('with', False), ('the', False), ('@health', True), ('team', False)]
    >>> [t for t, topic in tokens("Early help is offered.", topics=True) if topic]
    ['early', 'help']
    """
    text = _POPULATION.sub(lambda m: "children".ljust(len(m.group())), text.replace("’", "'"))
    spans = [(s, e) for s, e, _ in _theme_spans(text)] if topics else []
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end, term in load_subjects().spans(text):
        if term is not None:
            out += _plain(text, at, start, spans)
            out.append((f"@{term}", True))
            at = end
    return out + _plain(text, at, len(text), spans)


def _plain(text: str, start: int, end: int, spans: list[tuple[int, int]]):
    out = []
    for m in _TOKEN.finditer(text, start, end):
        w = m.group().lower()
        if w == "s" and text[m.start() - 1 : m.start()] == "'":
            continue
        out.append((w, any(s <= m.start() < e for s, e in spans)))
    return out


def _theme_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, theme) of each codebook pattern a text matches (char offsets)."""
    doc = get_nlp()(text)
    return [(sp.start_char, sp.end_char, sp.label_) for sp in doc.spans.get(THEME_SPANS_KEY, ())]


def tag(tokens: list[tuple[str, bool]]) -> list[tuple[str, str, bool]]:
    """(kind, key, topic) per token of :func:`tokens`.

    Kinds: ``of``; ``coord`` (and, or, a comma); ``cop`` (a copula: is, are, go,
    remain ...); ``arg`` and ``adjunct`` (prepositions that take an argument of
    the word before, "escalation *to* the PLO", or set a circumstance, "step up
    *from* early help"); ``det`` (a determiner); ``break`` (other stop words and
    punctuation); ``verb`` (a word only a verb can be); ``adj`` (a word only an
    adjective can be, or a participle before its noun); ``mod`` (a word too
    generic to head an aspect) and ``noun``. A party/process and the compounds of
    :func:`~ofstedmine.extract.subjects.load_subjects` are one noun.

    >>> [(kind, key) for kind, key, _ in tag(tokens("Children step up from missed visits."))]
    [('mod', 'child'), ('noun', 'step_up'), ('adjunct', 'from'), ('adj', 'miss'), ('noun', 'visit')]
    """
    sk = _sklearn_stop()
    nouns, verbs, adjs, advs = word_classes()
    table = load_subjects()
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(tokens):
        w, topic = tokens[i]
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        key = _key(w) if w[0].isalpha() else w
        if (key, nxt) in table.compounds:
            out.append(("noun", table.compounds[key, nxt], topic))
            i += 2
            continue
        if w[0] == "@":
            kind = "noun"
        elif w == "of":
            kind = "of"
        elif w in ("and", "or", ","):
            kind = "coord"
        elif w in _COPULAS:
            kind = "cop"
        elif w in _ARG_PREPOSITIONS:
            kind = "arg"
        elif w in _ADJUNCT_PREPOSITIONS:
            kind = "adjunct"
        elif w in _DETERMINERS:
            kind = "det"
        elif not w[0].isalpha() or ((w in sk or key in sk) and key not in _NOT_STOP) or len(w) < 2:
            kind = "break"
        elif w in _GENERIC or key in _GENERIC or key in table.generic_heads:
            kind = "mod"
        elif (
            nouns
            and key in verbs
            and (
                (key not in nouns and key not in adjs)  # only a verb: "scrutinise"
                or (w != key and not w.endswith(("s", "ing")))  # a verb's form: "held", "made"
            )
        ):
            if w != key and w.endswith(("ed", "ing")) and _is_content(nxt):
                kind = "adj"  # a participle before its noun: "missed visits"
            else:
                kind = "break" if key in table.generic_verbs else "verb"
        elif nouns and key in adjs and key not in nouns:
            kind = "adj"
        elif nouns and key in advs and key not in nouns:
            kind = "mod"  # an adverb: "rigorously", "routinely"
        else:
            kind = "noun"
        out.append((kind, key, topic))
        i += 1
    return out


@functools.lru_cache(maxsize=65536)
def _analysed(text: str) -> tuple[tuple[str, str, bool], ...]:
    """:func:`tag` tokens of a text (cached: each finding is read twice)."""
    return tuple(tag(tokens(text)))


def content_words(text: str) -> list[str]:
    """A text's content words, in text order.

    Parameters
    ----------
    text
        A recommendation or a finding.

    Returns
    -------
    list of str
        The lemmas of its nouns, verbs and adjectives but the stop, generic and
        evaluative ones (:func:`stop_words`), each party/process one word
        (``@id``) and the compounds of
        :func:`~ofstedmine.extract.subjects.load_subjects` one word ("step_up").

    Examples
    --------
    >>> content_words("Strategy discussions with the police are timely; children step up.")
    ['@strategy_meetings', '@police', 'step_up']
    """
    return [k for kind, k, _ in _analysed(text) if kind in ("noun", "verb", "adj")]


def stems(text: str) -> frozenset[str]:
    """The stems (:func:`stem`) of a text's content words, parties/processes and
    compounds, generic ones included.

    >>> sorted(stems("The panel scrutinises the plans of children in care."))
    ['child', 'panel', 'plan', 'scrutin']
    """
    return frozenset(
        stem(k) for kind, k, _ in _analysed(text) if kind in ("noun", "mod", "adj", "verb")
    )
