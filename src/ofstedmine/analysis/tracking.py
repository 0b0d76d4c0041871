"""Each recommendation followed, by its subject and aspect, into the authority's later documents.

Subject
    A recommendation's subject (:func:`recommendation_subject`) is four things:
    its **themes** (from the codebook); the key **parties and processes** it
    names (police, schools, the LADO, emergency departments, health, probation,
    strategy meetings, return home interviews, IROs, personal advisers, ...),
    read with the versioned table ``data/tracking_subjects.json``
    (:func:`load_subjects`); its **content words**: lemmas of its nouns, verbs
    and adjectives with English stop words, generic words of the reports
    ("child", "ensure", "service", ...) and evaluative words ("effective",
    "timely", "robust", ...) removed, since those say how good something is,
    not what it is (each party/process is one word, ``@id``, so "strategy
    discussions" and "strategy meetings" are the same word); and its
    **aspect** (:func:`aspect_of`): what it asks to improve, not just the topic
    it is on.

Aspect
    The aspect is read, without a parser, from the heads of the
    recommendation's own phrases. Each sentence is cut to its core: the
    directive frame ("Senior leaders should ensure that") is dropped, and the
    core ends at a purpose ("so that", "to ensure"), an adjunct of time
    ("during", "following") or the children it is for ("for all children");
    the *lead core* ends at a relative clause ("who", "which", "when") too.
    The core is read as runs of content words between stop words, each word
    classed by spacy-lookups-data's WordNet index (the lookup tables the
    project's spaCy rule pipeline already uses for lemmas):

    * a run's **head** is its last noun that is not generic: "panel" in
      "corporate parenting panel", "finding" in "family finding". A verb
      ("scrutinise", "consult", "comply") is a head of its own, as is an
      adjective after a copula ("go missing"); adjectives, adverbs and
      participles before a noun ("missed visits") are not heads;
    * a head that is a **frame noun** ("quality", "timeliness", "support",
      "delay", "team": ``aspects.frame_nouns`` of the table) is a weak key,
      and the nearest noun before it a key ("advocacy" in "advocacy support");
    * the **lead** is the keys of the lead cores but those governed by a
      strong head: by its "of" ("identification of kinship carers" leads with
      "identification") or by a preposition of circumstance ("the threshold to
      step up from early help" leads with "threshold" and "step_up"). A frame
      noun governs nothing: "the quality of supervision" leads with
      "supervision";
    * a key is **specific** unless it stands inside a codebook theme's pattern
      or is a party/process: "early help" and "foster carer" say which topic,
      "scrutinise" which aspect of it;
    * word pairs of ``aspects.compounds`` are one key ("step up" is not "step
      down"), and a verb matches its noun by their common stem ("scrutinise"
      and "scrutiny", "identify" and "identification").

    A recommendation whose cores yield no key is read whole; one whose lead
    cores yield none leads with all its keys.

Candidates
    For a recommendation of document *i*, a finding of a later document *j* of
    the same authority's chain (text held; news and minutes left out) is a
    candidate only when all of these hold:

    * it is confident enough to be evidence (``Finding.is_evidence``: its
      polarity's confidence is at least ``types.EVIDENCE_THRESHOLD``);
    * it reports a finding, not the inspection's method: a sentence on what
      inspectors did ("Inspectors also looked at ...", "The visit considered
      ...") is left out unless it says what they found
      (:func:`is_method_sentence`);
    * it shares at least one theme with the recommendation (a recommendation
      with no theme waives this);
    * when the recommendation names parties or processes, it names at least one
      of the same ones (a sentence about probation is no evidence for a
      recommendation about schools);
    * it names the recommendation's aspect: one of its lead or specific keys
      (or, for a recommendation that has none, any key; with no key at all,
      any content word). A sentence that shares only the topic ("corporate
      parenting", "early help", "schools") is another practice of that topic;
    * what it names of the aspect is at least ``MIN_COVERAGE`` (0.1) of the
      aspect's weight (below).

Score
    Each candidate is scored, from 0 up::

        score = similarity                              # shared content words
              + 0.15 x aspect coverage                  # shared keys, weighted
              + 0.1 x (its parties/processes the finding names
                       / the parties/processes it names)
              + 0.05 x shared themes beyond the first (at most 2)
              + 0.05 if the finding stands in a section on the same topic

    ``similarity`` is the cosine of TF-IDF vectors of the content words (1- and
    2-grams, sublinear term frequency, fitted on that authority's
    recommendations and findings), the recommendation's aspect keys (and the
    2-grams holding one) weighted twice (``KEY_BOOST``): a shared key noun
    counts for more than a shared incidental word. ``aspect coverage`` is the
    share of the aspect's weight the finding names, each key weighted by its
    inverse document frequency among the authority's findings, twice for a
    lead key (``LEAD_WEIGHT``), half for a weak one (``WEAK_WEIGHT``). A
    section's topic is read from its heading path (help and protection;
    children in care and care leavers; leadership, management and the
    safeguarding board); the recommendation's topics are the codebook groups
    of its themes. A candidate is evidence when its score is at least
    ``min_score`` (0.25), or ``min_score_unthemed`` (0.35) for a
    recommendation with no theme, whose candidates have no theme to vouch for
    them. Below that the document gives no evidence: a weak match is not shown.
    The ``top`` best candidates of each later document are kept (1 by default),
    best first.

    The weights and thresholds were set by reading candidates band by band
    (0.2 to 0.25, 0.25 to 0.3) from the documents of six authorities (Bradford,
    Lambeth, Sheffield, Derby, Coventry, Wigan) and against a blind reading of
    50 matches of the earlier tracker: from 0.25 most candidates are about the
    recommendation's aspect; from 0.2 to 0.25 most name a common key ("plan",
    "assessment") of a nearby practice. A long recommendation (a paragraph of
    areas for improvement) has many keys, so a finding naming one of them covers
    little of it.

Status
    A later document's verdict is its best evidence's own polarity:

    ==================  ========================================================
    addressed           a strength, or a neutral finding that reports
                        improvement ("has improved", "is stronger"), that names
                        the recommendation's lead (praise of a nearby aspect
                        gives no verdict: it is only *mentioned*)
    partly_addressed    a mixed finding, or a concern, that reports improvement
                        in its own words ("is substantially stronger, but ...",
                        "despite some recent improvements, ...":
                        :func:`reports_progress`) or in its cues
    still_raised        a concern, or a mixed finding, that reports no
                        improvement
    (none)              a neutral finding that reports no improvement
    ==================  ========================================================

    The recommendation's ``status`` is the verdict of the latest later document
    that has one; otherwise :data:`TRACKING_STATUSES` ends with

    ==================  ========================================================
    mentioned           evidence was found, but none of it gives a verdict
                        (neutral, or praise that does not name the lead)
    no_evidence_found   later documents are held, and no finding of theirs
                        reached the threshold
    no_later_document   no later document of the authority is held
    ==================  ========================================================
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd

from ofstedmine.analysis.graph import iter_reports, reports_improvement
from ofstedmine.analysis.repeats import resolve_authority

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = [
    "SUBJECTS_FILE",
    "TRACKING_COLUMNS",
    "TRACKING_STATUSES",
    "Aspect",
    "Subject",
    "SubjectTable",
    "aspect_of",
    "is_method_sentence",
    "load_subjects",
    "recommendation_subject",
    "reports_progress",
    "section_topic",
    "track_recommendations",
]

SUBJECTS_FILE = "tracking_subjects.json"
TRACKING_STATUSES = (
    "addressed",
    "partly_addressed",
    "still_raised",
    "mentioned",
    "no_evidence_found",
    "no_later_document",
)
TRACKING_COLUMNS = [
    "authority",
    "document_id",
    "part",
    "report",
    "date",
    "kind",
    "list",
    "index",
    "text",
    "themes",
    "subject_terms",
    "subject_words",
    "subject_aspects",
    "page",
    "status",
    "status_report",
    "status_date",
    "status_quote",
    "status_page",
    "status_polarity",
    "status_confidence",
    "n_later_documents",
    "n_matched_documents",
    "best_score",
    "best_similarity",
    "evidence",
]

#: Score weights (see the module docstring).
ASPECT_WEIGHT = 0.15
LEAD_WEIGHT, WEAK_WEIGHT = 2.0, 0.5
MIN_COVERAGE = 0.1
KEY_BOOST = 2.0
TERM_WEIGHT = 0.1
THEME_WEIGHT, MAX_EXTRA_THEMES = 0.05, 2
SECTION_WEIGHT = 0.05

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

_WORD = re.compile(r"[\w&]+")


# Section topics, tried in this order on each heading of a path, innermost first.
_SECTION_TOPICS = (
    ("leadership", re.compile(
        r"\bleaders?\b|leadership|management and governance|\bLSCB\b|safeguarding children "
        r"board|\bboard\b|governance|impact of leaders", re.I)),
    ("children_in_care", re.compile(
        r"in care\b|looked after|care leavers?|adoption|permanence|fostering", re.I)),
    ("help_and_protection", re.compile(
        r"help and protection|child protection|need help|early help", re.I)),
)  # fmt: skip
# Codebook groups -> the section topic where their work is judged.
_GROUP_TOPICS = {
    "help_and_protection": "help_and_protection",
    "children_in_care": "children_in_care",
    "leadership": "leadership",
    "workforce": "leadership",
}


# --------------------------------------------------------------------- subjects


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


@dataclass(frozen=True, slots=True)
class Aspect:
    """What a recommendation asks to improve: the heads of its core phrases.

    ``keys`` are lemmas of its head nouns and verbs ("scrutinise", "panel",
    "identification", "step_up"; a party/process as ``@id``); ``weak`` the frame
    nouns among its heads ("quality", "timeliness", "support"), too common to
    carry the aspect alone; ``lead`` the keys of its lead cores that no other
    head governs: what the recommendation is about before any "of ..." object
    ("identification" in "early identification of kinship carers");
    ``specific`` the keys that stand outside every theme pattern and
    party/process: what says which aspect of a topic it is.
    """

    keys: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    specific: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Subject:
    """What a recommendation (or finding) is about: themes, terms, content words, aspect."""

    themes: tuple[str, ...]
    terms: tuple[str, ...]
    words: tuple[str, ...]
    aspect: Aspect = Aspect()


def recommendation_subject(text: str, themes: Iterable[str] = ()) -> Subject:
    """The subject of a recommendation: its themes, parties/processes, content words, aspect.

    >>> s = recommendation_subject(
    ...     "Ensure that all strategy discussions include the police.", ["child_protection_enquiries"])
    >>> s.terms, s.words
    (('strategy_meetings', 'police'), ('@strategy_meetings', '@police'))
    >>> s.aspect.lead
    ('@strategy_meetings', '@police')
    """
    return Subject(
        tuple(themes), load_subjects().find(text), tuple(_content_words(text)), aspect_of(text)
    )


def section_topic(path: Iterable[str]) -> str | None:
    """The topic of a heading path: its innermost heading that names one.

    >>> section_topic(["Contents", "The experiences and progress of care leavers: good"])
    'children_in_care'
    >>> section_topic(["Summary"]) is None
    True
    """
    for heading in reversed(tuple(path)):
        for topic, rx in _SECTION_TOPICS:
            if rx.search(heading):
                return topic
    return None


@functools.cache
def _theme_topics() -> dict[str, str]:
    from ofstedmine.extract.codebook import load_codebook

    return {t.id: _GROUP_TOPICS[t.group] for t in load_codebook() if t.group in _GROUP_TOPICS}


@functools.cache
def _sklearn_stop() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@functools.cache
def _stop_words() -> frozenset[str]:
    return _sklearn_stop() | _GENERIC


@functools.cache
def _lemma(word: str) -> str:
    from ofstedmine.errors import ExtractionError

    try:
        from ofstedmine.extract.nlp import _lookup_table

        return _lookup_table().get(word, word)
    except (ImportError, ExtractionError):  # no lemma table: strip a plural
        return word[:-1] if len(word) > 3 and word.endswith("s") and word[-2] != "s" else word


def _content_words(text: str) -> list[str]:
    """A text's content words: lemmas of its nouns, verbs and adjectives but the
    stop, generic and evaluative ones, each party/process one word (``@id``) and
    the compounds of :func:`load_subjects` one word ("step_up").

    >>> _content_words("Strategy discussions with the police are timely; children step up.")
    ['@strategy_meetings', '@police', 'step_up']
    """
    return [k for kind, k, _ in _analysed(text) if kind in ("noun", "verb", "adj")]


@functools.lru_cache(maxsize=65536)
def _analysed(text: str) -> tuple[tuple[str, str, bool], ...]:
    """:func:`_tagged` tokens of a text (cached: each finding is read twice)."""
    return tuple(_tagged(_words(text)))


# --------------------------------------------------------------------- aspects

#: A parenthesis inside a core (", particularly ...,"): dropped, the core goes on.
_PARENTHESIS = re.compile(
    r",\s*(?:particularly|including|especially|notably|in particular|for example|such as)"
    r"\b[^,;.]*,",
    re.I,
)
#: Where a sentence's core ends: purposes, relative clauses, adjuncts of time and
#: place, and the children a recommendation is for.
_CUT = re.compile(
    r"\b(?:so that|so as to|in order to|in line with|in accordance with|to ensure|"
    r"to make sure|to enable|to support|to help|to reduce|to improve|to promote|to protect|"
    r"to safeguard|to minimise|to prevent|to meet|to inform|to understand|"
    r"during|following|including|particularly|especially|"
    r"such as|as well as|rather than|because|due to|resulting in|results? in|leading to|"
    r"for (?:all |every |the |these |those |some |more |many |each |individual |vulnerable )?"
    r"(?:children|child|young|looked|care leavers|families|parents|those|them|babies|"
    r"infants|adolescents|disabled|older|younger))\b",
    re.I,
)
#: The lead core also ends at a relative clause or a clause of time or place.
_RELATIVE = re.compile(r"\b(?:which|who|whose|whom|when|whenever|where|whereby)\b", re.I)
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
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_TOKEN = re.compile(r"[A-Za-z0-9&]+|[,;:()]")
#: Derivational endings stripped to compare a verb with its noun ("scrutinise" and
#: "scrutiny", "identify" and "identification"): the longest that leaves 6 letters.
_SUFFIXES = ("ification", "ication", "isation", "ization", "ation", "ition", "ment", "ance",
             "ence", "ion", "ise", "ize", "ate", "ing", "y", "e")  # fmt: skip


@functools.cache
def _pos_index() -> tuple[frozenset[str], ...]:
    """(nouns, verbs, adjectives, adverbs): the word classes of spacy-lookups-data's
    lemma index (WordNet's); empty when it is missing, and then every word is a noun."""
    try:
        from spacy.lookups import load_lookups

        ix = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
        return tuple(frozenset(ix[k]) for k in ("noun", "verb", "adj", "adv"))
    except (ValueError, ImportError, KeyError):
        return frozenset(), frozenset(), frozenset(), frozenset()


@functools.cache
def _stem(lemma: str) -> str:
    """A lemma without its derivational ending, to match verbs with their nouns.

    >>> [_stem(w) for w in ("scrutinise", "scrutiny", "identify", "identification")]
    ['scrutin', 'scrutin', 'identif', 'identif']
    >>> _stem("police") == _stem("policy"), _stem("step_up")
    (False, 'step_up')
    """
    if "_" in lemma:
        return lemma
    for suffix in _SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 6:
            return lemma[: -len(suffix)]
    return lemma


#: Phrases that name children, not an aspect: read as one generic word.
_POPULATION = re.compile(
    r"\b(?:child(?:ren)?|young people|families) (?:in need|in care|looked after)\b|"
    r"\blooked[\s-]after\b",
    re.I,
)


def _words(text: str, topics: bool = False) -> list[tuple[str, bool]]:
    """(token, in a topic span) per lower-cased word and punctuation token ("'s"
    dropped, hyphens split); each party/process of :func:`load_subjects` is one
    token ``@id`` ("@strategy_meetings" for "strategy discussions" and "strategy
    meetings" alike). With ``topics``, a token inside a codebook theme's pattern
    ("early help", "foster carer") or a party/process is flagged."""
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
    from ofstedmine.extract.nlp import THEME_SPANS_KEY, get_nlp

    doc = get_nlp()(text)
    return [(sp.start_char, sp.end_char, sp.label_) for sp in doc.spans.get(THEME_SPANS_KEY, ())]


@functools.cache
def _key(word: str) -> str:
    """A word's lemma, or the word where the lemma is a stop word but the word a
    noun ("finding", not "find")."""
    lemma = _lemma(word)
    nouns, verbs, *_ = _pos_index()
    if lemma != word and lemma in _sklearn_stop() and word in nouns:
        return word
    if lemma.endswith("e") and lemma not in verbs and lemma[:-1] in verbs:
        return lemma[:-1]  # the table's "develope" for "developed"
    return lemma


def _tagged(tokens: list[tuple[str, bool]]) -> list[tuple[str, str, bool]]:
    """(kind, key, topic) per token. Kinds: ``of``; ``coord`` (and, or, a comma);
    ``cop`` (a copula: is, are, go, remain ...); ``arg`` and ``adjunct``
    (prepositions that take an argument of the word before, "escalation *to* the
    PLO", or set a circumstance, "step up *from* early help"); ``break`` (other
    stop words and punctuation); ``verb`` (a word only a verb can be); ``adj`` (a
    word only an adjective can be, or a participle before its noun); ``mod`` (a
    word too generic to head an aspect) and ``noun``. A party/process and the
    compounds of :func:`load_subjects` are one noun."""
    sk = _sklearn_stop()
    nouns, verbs, adjs, advs = _pos_index()
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


def _is_content(word: str) -> bool:
    return bool(word) and word[0].isalpha() and word not in _sklearn_stop()


def _cores(sentence: str) -> tuple[str, str]:
    """A sentence's (lead core, core): its directive frame ("X should ensure
    that") and parentheses (", particularly ...,") dropped, the core cut at its
    first :data:`_CUT` and the lead core at its first relative clause too
    (:data:`_RELATIVE`). A sentence that opens with a cut ("For some children
    ..., there are delays ...") starts after that clause's comma."""
    s = _directive().sub("", _PARENTHESIS.sub(",", sentence), count=1)
    core = _cut(s, _CUT)
    return _cut(core, _RELATIVE), core


@functools.cache
def _directive() -> re.Pattern[str]:
    """A directive frame opening a sentence: its actor, a modal and a generic verb
    ("Senior leaders should ensure that", "The board must secure"), or "Ensure that"."""
    verbs = sorted(load_subjects().generic_verbs | {"make sure"}, key=len, reverse=True)
    verb = "(?:{})[a-z]*".format("|".join(re.escape(v.rstrip("e")) for v in verbs))
    return re.compile(
        r"^[^.;:]{0,80}?\b(?:needs?\s+to|should|must|will|ought\s+to)\s+"
        rf"(?:continue\s+to\s+)?{verb}\b(?:\s+that)?|^\s*(?:ensure|make sure)\b(?:\s+that)?",
        re.I,
    )


def _cut(s: str, rx: re.Pattern[str]) -> str:
    for _ in range(3):
        m = rx.search(s)
        if m is None:
            return s
        if re.search(r"[a-z]{3}", s[: m.start()], re.I):
            return s[: m.start()]
        comma = s.find(",", m.end())
        if comma < 0:
            return s[: m.start()]
        s = s[comma + 1 :]
    return s


def aspect_of(text: str) -> Aspect:
    """The aspect of a recommendation: the heads of its sentences' cores.

    Each sentence is cut to its core (:func:`_cores`) and read as runs of
    content words between stop words. A run's head is its last noun that is
    not generic (the head of "corporate parenting panel" is "panel": "corporate
    parenting" only says which panel); a verb ("scrutinise", "consult") is a
    head of its own, and so is an adjective after a copula ("go missing"). A
    frame noun ("quality", "support", "team": the table's ``frame_nouns``) is a weak head,
    and the nearest noun before it in its run a key as well ("advocacy" in
    "advocacy support"). A party or process of :func:`load_subjects` is one
    noun, ``@`` and its id. A key is *specific* unless it stands inside a
    codebook theme's pattern or is a party/process: "early help" and "foster
    carer" say which topic, "scrutinise" which aspect of it.

    The lead is the keys of each sentence's lead core but those governed by a
    strong head: its "of" ("identification of connected persons, carers" leads
    with "identification") or a preposition of circumstance ("the threshold to
    step up from early help" leads with "threshold" and "step_up"). A frame
    noun governs nothing ("the quality of supervision" leads with
    "supervision"); a list goes on as it began. A recommendation whose cores
    have no key is read whole; one whose lead cores have none leads with all
    its keys.

    >>> a = aspect_of("Early identification of connected persons, carers and foster carers "
    ...               "who may be able to offer permanence.")
    >>> a.lead, a.keys
    (('identification',), ('identification', 'carer', 'permanence'))
    >>> aspect_of("Ensure that the corporate parenting panel effectively scrutinises "
    ...           "outcomes for all children in care.")
    Aspect(keys=('panel', 'scrutinise'), weak=('outcome',), lead=('panel', 'scrutinise'), specific=('scrutinise',))
    >>> a = aspect_of("The consistent application of the threshold to step up to "
    ...               "children's social care from early help.")
    >>> a.lead, a.weak
    (('threshold', 'step_up'), ('application',))
    >>> aspect_of("The quality of supervision and management direction.").lead
    ('@supervision', 'direction')
    >>> aspect_of("The opportunity for children in care to access advocacy support.").keys
    ('@advocacy',)
    """
    got = _aspect(text, cut=True)
    return got if got.keys else _aspect(text, cut=False)


def _aspect(text: str, *, cut: bool) -> Aspect:
    keys: dict[str, None] = {}
    weak: dict[str, None] = {}
    lead: dict[str, None] = {}
    general: set[str] = set()  # keys seen inside a theme pattern or as a party/process
    plain: set[str] = set()  # keys seen outside one
    for sentence in _SENTENCE.split(text.strip()):
        lead_core, core = _cores(sentence) if cut else (sentence, sentence)
        n_lead = len(_tagged(_words(lead_core)))
        governed = prev_strong = False
        for pos, link, run in _runs(_tagged(_words(core, topics=True))):
            heads = _heads(run, link)
            if link in ("of", "adjunct"):
                governed = prev_strong
            elif link != "coord":
                governed = False
            for k, is_weak, topic in heads:
                (general if topic or k[0] == "@" else plain).add(k)
                (weak if is_weak else keys)[k] = None
                if not is_weak and not governed and pos < n_lead:
                    lead[k] = None
            if heads:
                prev_strong = not heads[0][1]
    weak_only = tuple(k for k in weak if k not in keys)
    specific = tuple(k for k in keys if k in plain)
    return Aspect(tuple(keys), weak_only, tuple(lead) or tuple(keys), specific)


def _runs(tagged: list[tuple[str, str, bool]]):
    """(position of its first token, link before it, tokens) of each run of content
    words; the link is the kind of the last token before the run that is not a
    determiner (``start`` for none)."""
    runs: list[tuple[int, str, list[tuple[str, str, bool]]]] = []
    link, open_run = "start", False
    for pos, (kind, key, topic) in enumerate(tagged):
        if kind in ("noun", "mod", "adj"):
            if open_run:
                runs[-1][2].append((kind, key, topic))
            else:
                runs.append((pos, link, [(kind, key, topic)]))
                open_run = True
        elif kind == "verb":
            runs.append((pos, link, [(kind, key, topic)]))
            open_run, link = False, "break"
        elif kind != "det":
            open_run, link = False, kind
        else:
            open_run = False
    return runs


def _heads(run: list[tuple[str, str, bool]], link: str) -> list[tuple[str, bool, bool]]:
    """A run's heads as (key, weak, topic): its verb, or its last noun (weak when a
    frame noun, and then the nearest noun before it too), or after a copula its
    last adjective."""
    if run[0][0] == "verb":
        return [(run[0][1], False, run[0][2])]
    nouns = [(k, t) for kind, k, t in run if kind == "noun"]
    if not nouns:
        adj = [(k, t) for kind, k, t in run if kind == "adj"]
        return [(adj[-1][0], False, adj[-1][1])] if adj and link == "cop" else []
    frame = load_subjects().frame_nouns
    head, topic = nouns[-1]
    if head not in frame:
        return [(head, False, topic)]
    before = next(((k, t) for k, t in reversed(nouns[:-1]) if k not in frame), None)
    return [(head, True, topic)] + ([(before[0], False, before[1])] if before else [])


def _stems(text: str) -> frozenset[str]:
    """The stems of a text's content words, parties/processes and compounds."""
    return frozenset(
        _stem(k) for kind, k, _ in _analysed(text) if kind in ("noun", "mod", "adj", "verb")
    )


# --------------------------------------------------------------------- tracking


def track_recommendations(
    corpus: Corpus,
    *,
    authority: str | Iterable[str] | None = None,
    min_score: float = 0.25,
    min_score_unthemed: float = 0.35,
    top: int = 1,
) -> pd.DataFrame:
    """Follow each recommendation, by its subject, into later documents of its authority.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus`.
    authority
        One or more authorities (id, name or URN); all by default.
    min_score, min_score_unthemed, top
        See the module docstring.

    Returns
    -------
    pandas.DataFrame
        One row per recommendation, columns :data:`TRACKING_COLUMNS`:

        ===================  ===================================================
        authority            registry id
        document_id, part    the recommending report
        report               its graph node id
        date, kind           its date (Timestamp) and document kind
        list, index          the improvement list and 1-based position in it
        text, themes, page   the recommendation, its themes (tuple), its page
        subject_terms        the parties/processes it names (tuple of term ids
                             of :func:`load_subjects`)
        subject_words        its content words, most distinctive first (up to 8)
        subject_aspects      its aspect keys (:func:`aspect_of`), the lead first,
                             then the other keys, then the weak ones
        status               one of :data:`TRACKING_STATUSES`
        status_report        node id of the document that decided the status
        status_date          its date (Timestamp)
        status_quote         its best evidence, and that finding's
        status_page          page,
        status_polarity      polarity and
        status_confidence    confidence (None where only rules judged)
        n_later_documents    later documents in the chain
        n_matched_documents  later documents with evidence
        best_score           highest score of any evidence
        best_similarity      highest content-word similarity of any evidence
        evidence             tuple of dicts, time order then score:
                             ``report``, ``document_id``, ``date``, ``kind``,
                             ``page``, ``start``, ``end``, ``section``,
                             ``polarity``, ``confidence``, ``improved``,
                             ``verdict``, ``score``, ``similarity``,
                             ``shared_terms``, ``shared_themes``,
                             ``shared_aspects`` (the aspect keys it names),
                             ``aspect_coverage``, ``names_aspect`` (it
                             names the lead), ``same_section``, ``quote``
        ===================  ===================================================

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> track_recommendations(Corpus()).shape[0]
    0
    """
    wanted = None
    if authority is not None:
        names = [authority] if isinstance(authority, (str, int)) else list(authority)
        wanted = {resolve_authority(n) for n in names}
    chains: dict[str, list[dict[str, Any]]] = {}
    for r in iter_reports(corpus):
        if r["secondary"] or (wanted is not None and r["authority"] not in wanted):
            continue
        chains.setdefault(r["authority"], []).append(r)
    rows: list[dict[str, Any]] = []
    for auth in sorted(chains, key=str):
        # iter_reports yields the corpus's time order, which is each chain's order
        rows.extend(_track_chain(auth, chains[auth], min_score, min_score_unthemed, top))
    df = pd.DataFrame(rows, columns=TRACKING_COLUMNS)
    for c in ("date", "status_date"):
        df[c] = pd.to_datetime(df[c])
    return df


def _track_chain(auth, chain, min_score, min_score_unthemed, top) -> list[dict[str, Any]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    recs = [(i, rec) for i, r in enumerate(chain) for rec in r["extraction"].recommendations]
    if not recs:
        return []
    table = load_subjects()
    finds = [(i, f) for i, r in enumerate(chain) for f in r["extraction"].findings]
    rec_words = [_content_words(rec.text) for _, rec in recs]
    texts = [" ".join(w) for w in rec_words] + [" ".join(_content_words(f.text)) for _, f in finds]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # no words at all
        X = None
    aspects = [aspect_of(rec.text) for _, rec in recs]
    sims = None
    if X is not None and finds:
        R = _boost_keys(X[: len(recs)], vec.get_feature_names_out(), aspects)
        sims = (R @ X[len(recs) :].T).toarray()
    idf = dict(zip(vec.get_feature_names_out(), vec.idf_, strict=True)) if X is not None else {}
    find_info = [
        (
            set(table.find(f.text)),
            section_topic(f.locator.section),
            _stems(f.text),
            is_method_sentence(f.text),
            reports_progress(f.text),
        )
        for _, f in finds
    ]
    stem_df = Counter(st for info in find_info for st in info[2])
    n_finds = len(finds)

    def stem_idf(st: str) -> float:  # as TfidfVectorizer's smoothed idf
        return math.log((1 + n_finds) / (1 + stem_df.get(st, 0))) + 1

    by_doc: dict[int, list[int]] = {}
    for k, (pos, _) in enumerate(finds):
        by_doc.setdefault(pos, []).append(k)
    theme_topics = _theme_topics()
    rows = []
    for ri, (i, rec) in enumerate(recs):
        r = chain[i]
        terms = table.find(rec.text)
        aspect = aspects[ri]
        topics = {theme_topics[t] for t in rec.themes if t in theme_topics}
        if (t := section_topic(rec.locator.section)) is not None:
            topics.add(t)
        rec_info = (set(rec.themes), set(terms), topics, _AspectStems.of(aspect, stem_idf))
        floor = min_score if rec.themes else min_score_unthemed
        evidence: list[dict[str, Any]] = []
        verdicts: list[dict[str, Any]] = []
        for j in range(i + 1, len(chain)):
            scored = []
            for k in by_doc.get(j, ()):
                f = finds[k][1]
                sim = float(sims[ri, k]) if sims is not None else 0.0
                got = _score(rec_info, f, find_info[k], sim)
                if got is not None and got[0] >= floor:
                    scored.append((got, f, find_info[k][4]))
            scored.sort(key=lambda x: (-x[0][0], -x[0][1], x[1].locator.start))
            items = [_item(chain[j], f, got, progress) for got, f, progress in scored[:top]]
            evidence.extend(items)
            if items and items[0]["verdict"]:
                verdicts.append(items[0])
        if verdicts:
            decider = verdicts[-1]
            status = decider["verdict"]
        elif evidence:
            decider, status = evidence[-1], "mentioned"
        else:
            decider = None
            status = "no_evidence_found" if i + 1 < len(chain) else "no_later_document"
        words = sorted(dict.fromkeys(rec_words[ri]), key=lambda w: -idf.get(w, 0.0))
        rows.append(
            {
                "authority": auth,
                "document_id": r["document"].id,
                "part": r["extraction"].part,
                "report": r["node"],
                "date": r["date"],
                "kind": r["kind"],
                "list": rec.list.value,
                "index": rec.index,
                "text": rec.text,
                "themes": tuple(rec.themes),
                "subject_terms": terms,
                "subject_words": tuple(words[:8]),
                "subject_aspects": aspect.lead
                + tuple(k for k in (*aspect.keys, *aspect.weak) if k not in aspect.lead),
                "page": rec.locator.page,
                "status": status,
                "status_report": decider["report"] if decider else None,
                "status_date": decider["date"] if decider else None,
                "status_quote": decider["quote"] if decider else None,
                "status_page": decider["page"] if decider else None,
                "status_polarity": decider["polarity"] if decider else None,
                "status_confidence": decider["confidence"] if decider else None,
                "n_later_documents": len(chain) - 1 - i,
                "n_matched_documents": len({e["report"] for e in evidence}),
                "best_score": max((e["score"] for e in evidence), default=None),
                "best_similarity": max((e["similarity"] for e in evidence), default=None),
                "evidence": tuple(evidence),
            }
        )
    return rows


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
    """An aspect's keys as stems (:func:`_stem`): what a candidate must name, and
    the weights of what it names."""

    lead: frozenset[str]
    keys: frozenset[str]
    weak: frozenset[str]
    gate: frozenset[str]  # it must name one of these (when there are any)
    names: dict[str, str]  # stem -> the key it stands for
    weights: dict[str, float]  # stem -> its weight in the coverage

    @classmethod
    def of(cls, aspect: Aspect, idf: Any = None) -> _AspectStems:
        names = {_stem(k): k for k in (*aspect.weak, *aspect.keys)}
        lead = frozenset(_stem(k) for k in aspect.lead)
        keys = frozenset(_stem(k) for k in aspect.keys)
        weak = frozenset(_stem(k) for k in aspect.weak) - keys
        gate = (lead | {_stem(k) for k in aspect.specific}) or keys or weak
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


def _verdict(polarity: str, improved: bool, names_aspect: bool = True) -> str | None:
    """A finding's verdict on the recommendation it is evidence for.

    >>> [_verdict(p, False) for p in ("strength", "concern", "mixed", "neutral")]
    ['addressed', 'still_raised', 'still_raised', None]
    >>> _verdict("mixed", True), _verdict("neutral", True), _verdict("concern", True)
    ('partly_addressed', 'addressed', 'partly_addressed')
    >>> _verdict("strength", True, names_aspect=False) is None  # praise of a nearby aspect
    True
    """
    if polarity in ("mixed", "concern"):
        return "partly_addressed" if improved else "still_raised"
    if polarity == "strength" or improved:
        return "addressed" if names_aspect else None
    return None


def _item(r: dict[str, Any], f: Any, got: tuple, progress: bool) -> dict[str, Any]:
    score, sim, shared_terms, shared_themes, same_section, shared_aspects, names_lead, cover = got
    polarity = f.polarity.value
    if polarity == "concern":
        improved = progress  # "is stronger, ... but remains": a shortfall after progress
    else:
        improved = bool(reports_improvement(f.polarity, f.cues)) or progress
    return {
        "report": r["node"],
        "document_id": r["document"].id,
        "date": r["date"].isoformat() if r["date"] else None,
        "kind": r["kind"],
        "page": f.locator.page,
        "start": f.locator.start,
        "end": f.locator.end,
        "section": tuple(f.locator.section),
        "polarity": polarity,
        "confidence": f.confidence,
        "improved": improved,
        "verdict": _verdict(polarity, improved, names_lead),
        "score": score,
        "similarity": sim,
        "shared_terms": tuple(sorted(shared_terms)),
        "shared_themes": tuple(sorted(shared_themes)),
        "shared_aspects": shared_aspects,
        "aspect_coverage": cover,
        "names_aspect": names_lead,
        "same_section": bool(same_section),
        "quote": f.text,
    }


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


#: Progress reported in a sentence's own words ("is substantially stronger",
#: "has improved", "some improvement"), whatever its polarity.
_PROGRESS = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:(?:now|also|since|recently|significantly|substantially|"
    r"considerably|markedly|greatly|much|further|steadily|notably|clearly|been)\s+)*"
    r"(?:improved|strengthened|progressed|accelerated)|"
    r"(?:is|are|was|were|has been|have been|has become|have become|is becoming|are becoming)"
    r"\s+(?:now\s+)?(?:(?:substantially|significantly|"
    r"considerably|much|markedly|far|notably|increasingly|noticeably|clearly)\s+)?"
    r"(?:stronger|better|improved|improving|strengthened|more\s+(?:timely|effective|consistent|"
    r"robust|focused|purposeful|regular|thorough|responsive|rigorous|established))|"
    r"improvements?\s+(?:has|have|had)\s+been|"
    r"(?:some|recent|notable|significant|considerable|substantial|good|clear|steady|marked|"
    r"further|demonstrable|sustained|real)\s+(?:improvements?|progress)|"
    r"progress\s+(?:has|have)\s+been\s+made|(?:is|are)\s+improving)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:not|no|little|limited|insufficient|slow|yet to|too early|lack of|without|"
    r"any|minimal)\b(?:\W+\w+){0,2}\W*$",
    re.I,
)


def reports_progress(text: str) -> bool:
    """Whether a sentence reports progress in its own words (un-negated).

    >>> reports_progress("The offer is substantially stronger, yet referrals stay high.")
    True
    >>> reports_progress("Despite some improvements, plans are not reviewed.")
    True
    >>> reports_progress("There has been no significant improvement in plans.")
    False
    >>> reports_progress("Plans have not improved and remain weak.")
    False
    """
    t = text.replace("’", "'")
    return any(not _NEGATION.search(t[: m.start()]) for m in _PROGRESS.finditer(t))
