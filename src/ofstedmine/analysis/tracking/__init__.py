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
    recommendation's own phrases (:mod:`ofstedmine.extract.aspects`, where the
    rules are). Each sentence is cut to its core (the directive frame "Senior
    leaders should ensure that" dropped, ending at a purpose, an adjunct of
    time or the children it is for) and read as runs of content words between
    stop words, each word classed by spacy-lookups-data's WordNet index. A
    run's **head** is its last noun that is not generic ("panel" in "corporate
    parenting panel"), or its verb ("scrutinise"); a head that is a **frame
    noun** ("quality", "timeliness", "support") is a weak key, and the nearest
    noun before it a key; the **lead** is the keys of the lead cores not
    governed by a strong head's "of" or a preposition of circumstance
    ("identification of kinship carers" leads with "identification"); a key is
    **specific** unless it stands inside a codebook theme's pattern or is a
    party/process. A verb matches its noun by their common stem ("scrutinise"
    and "scrutiny").

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

The package, by job: :mod:`~ofstedmine.analysis.tracking.subjects` (a
recommendation's subject, a section's topic),
:mod:`~ofstedmine.analysis.tracking.scoring` (candidates and their score),
:mod:`~ofstedmine.analysis.tracking.statuses` (verdicts and statuses) and
:mod:`~ofstedmine.analysis.tracking.frame` (:func:`track_recommendations`). The
language work is extract's: :mod:`ofstedmine.extract.subjects` (the
party/process table), :mod:`ofstedmine.extract.lexicon` (lemmas, word classes,
content words) and :mod:`ofstedmine.extract.aspects` (the aspect).
"""

from __future__ import annotations

import ofstedmine.extract.lexicon as _lexicon
from ofstedmine.analysis.tracking.frame import TRACKING_COLUMNS, track_recommendations
from ofstedmine.analysis.tracking.frame import _track_chain as _track_chain
from ofstedmine.analysis.tracking.scoring import _FOUND as _FOUND
from ofstedmine.analysis.tracking.scoring import _METHOD as _METHOD
from ofstedmine.analysis.tracking.scoring import ASPECT_WEIGHT as ASPECT_WEIGHT
from ofstedmine.analysis.tracking.scoring import KEY_BOOST as KEY_BOOST
from ofstedmine.analysis.tracking.scoring import LEAD_WEIGHT as LEAD_WEIGHT
from ofstedmine.analysis.tracking.scoring import MAX_EXTRA_THEMES as MAX_EXTRA_THEMES
from ofstedmine.analysis.tracking.scoring import MIN_COVERAGE as MIN_COVERAGE
from ofstedmine.analysis.tracking.scoring import SECTION_WEIGHT as SECTION_WEIGHT
from ofstedmine.analysis.tracking.scoring import TERM_WEIGHT as TERM_WEIGHT
from ofstedmine.analysis.tracking.scoring import THEME_WEIGHT as THEME_WEIGHT
from ofstedmine.analysis.tracking.scoring import WEAK_WEIGHT as WEAK_WEIGHT
from ofstedmine.analysis.tracking.scoring import _AspectStems as _AspectStems
from ofstedmine.analysis.tracking.scoring import _boost_keys as _boost_keys
from ofstedmine.analysis.tracking.scoring import _score as _score
from ofstedmine.analysis.tracking.scoring import is_method_sentence
from ofstedmine.analysis.tracking.statuses import _NEGATION as _NEGATION
from ofstedmine.analysis.tracking.statuses import _PROGRESS as _PROGRESS
from ofstedmine.analysis.tracking.statuses import TRACKING_STATUSES, reports_progress
from ofstedmine.analysis.tracking.statuses import _item as _item
from ofstedmine.analysis.tracking.statuses import _verdict as _verdict
from ofstedmine.analysis.tracking.subjects import _GROUP_TOPICS as _GROUP_TOPICS
from ofstedmine.analysis.tracking.subjects import _SECTION_TOPICS as _SECTION_TOPICS
from ofstedmine.analysis.tracking.subjects import Subject, recommendation_subject, section_topic
from ofstedmine.analysis.tracking.subjects import _theme_topics as _theme_topics
from ofstedmine.extract.aspects import _CUT as _CUT
from ofstedmine.extract.aspects import _PARENTHESIS as _PARENTHESIS
from ofstedmine.extract.aspects import _RELATIVE as _RELATIVE
from ofstedmine.extract.aspects import _SENTENCE as _SENTENCE
from ofstedmine.extract.aspects import Aspect, aspect_of
from ofstedmine.extract.aspects import _aspect as _aspect
from ofstedmine.extract.aspects import _cores as _cores
from ofstedmine.extract.aspects import _cut as _cut
from ofstedmine.extract.aspects import _directive as _directive
from ofstedmine.extract.aspects import _heads as _heads
from ofstedmine.extract.aspects import _runs as _runs
from ofstedmine.extract.lexicon import _ADJUNCT_PREPOSITIONS as _ADJUNCT_PREPOSITIONS
from ofstedmine.extract.lexicon import _ARG_PREPOSITIONS as _ARG_PREPOSITIONS
from ofstedmine.extract.lexicon import _COPULAS as _COPULAS
from ofstedmine.extract.lexicon import _DETERMINERS as _DETERMINERS
from ofstedmine.extract.lexicon import _GENERIC as _GENERIC
from ofstedmine.extract.lexicon import _NOT_STOP as _NOT_STOP
from ofstedmine.extract.lexicon import _POPULATION as _POPULATION
from ofstedmine.extract.lexicon import _SUFFIXES as _SUFFIXES
from ofstedmine.extract.lexicon import _TOKEN as _TOKEN
from ofstedmine.extract.lexicon import _analysed as _analysed
from ofstedmine.extract.lexicon import _is_content as _is_content
from ofstedmine.extract.lexicon import _key as _key
from ofstedmine.extract.lexicon import _plain as _plain
from ofstedmine.extract.lexicon import _sklearn_stop as _sklearn_stop
from ofstedmine.extract.lexicon import _theme_spans as _theme_spans
from ofstedmine.extract.subjects import _WORD as _WORD
from ofstedmine.extract.subjects import SUBJECTS_FILE, SubjectTable, load_subjects
from ofstedmine.extract.subjects import _compile as _compile
from ofstedmine.extract.subjects import _pattern_regex as _pattern_regex

# The old private names of the language helpers, public in extract.lexicon now.
_content_words = _lexicon.content_words
_lemma = _lexicon.lemma
_pos_index = _lexicon.word_classes
_stem = _lexicon.stem
_stems = _lexicon.stems
_stop_words = _lexicon.stop_words
_tagged = _lexicon.tag
_words = _lexicon.tokens

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
