"""Each recommendation followed, by its subject, into the authority's later documents.

Subject
    A recommendation's subject (:func:`recommendation_subject`) is three things:
    its **themes** (from the codebook); the key **parties and processes** it
    names (police, schools, the LADO, emergency departments, health, probation,
    strategy meetings, return home interviews, IROs, personal advisers, ...),
    read with the versioned table ``data/tracking_subjects.json``
    (:func:`load_subjects`); and its **content words**: lower-cased lemmas with
    English stop words, generic words of the reports ("child", "ensure",
    "service", ...) and evaluative words ("effective", "timely", "robust", ...)
    removed, since those say how good something is, not what it is.

Candidates
    For a recommendation of document *i*, a finding of a later document *j* of
    the same authority's chain (text held; news and minutes left out) is a
    candidate only when all of these hold:

    * it is confident enough to be evidence (``Finding.is_evidence``: its
      polarity's confidence is at least ``types.EVIDENCE_THRESHOLD``);
    * it shares at least one theme with the recommendation (a recommendation
      with no theme waives this);
    * when the recommendation names parties or processes, it names at least one
      of the same ones (a sentence about probation is no evidence for a
      recommendation about schools);
    * it shares at least one content word with the recommendation (a similarity
      above 0: naming the same kind of party in other words is not enough).

Score
    Each candidate is scored, from 0 up::

        score = similarity                              # shared content words
              + 0.15 x (its parties/processes the finding names
                        / the parties/processes it names)
              + 0.05 x shared themes beyond the first (at most 2)
              + 0.05 if the finding stands in a section on the same topic

    ``similarity`` is the cosine of TF-IDF vectors of the content words (1- and
    2-grams, sublinear term frequency, fitted on that authority's
    recommendations and findings). A section's topic is read from its heading
    path (help and protection; children in care and care leavers; leadership,
    management and the safeguarding board); the recommendation's topics are the
    codebook groups of its themes. A candidate is evidence when its score is at
    least ``min_score`` (0.2), or ``min_score_unthemed`` (0.3) for a
    recommendation with no theme, whose candidates have no theme to vouch for
    them. Below that the document gives no evidence: a weak match is not shown.
    The ``top`` best candidates of each later document are kept (1 by default),
    best first.

    The weights and thresholds were set by reading candidates band by band
    (score 0.15 to 0.2, 0.2 to 0.26, 0.26 to 0.3) from the documents of six
    authorities (Bradford, Lambeth, Sheffield, Derby, Coventry, Wigan): above
    0.2 most candidates are about the recommendation's subject; below it most
    share a theme and a word or two but not the subject. A long recommendation
    naming many parties gains little from a finding that names one of them.

Status
    A later document's verdict is its best evidence's own polarity:

    ==================  ========================================================
    addressed           a strength, or a neutral finding that reports
                        improvement ("has improved", "is stronger")
    partly_addressed    a mixed finding that reports improvement ("has improved,
                        but ...")
    still_raised        a concern, or a mixed finding that does not report
                        improvement
    (none)              a neutral finding that reports no improvement
    ==================  ========================================================

    The recommendation's ``status`` is the verdict of the latest later document
    that has one; otherwise :data:`TRACKING_STATUSES` ends with

    ==================  ========================================================
    mentioned           evidence was found, but all of it neutral
    no_evidence_found   later documents are held, and no finding of theirs
                        reached the threshold
    no_later_document   no later document of the authority is held
    ==================  ========================================================
"""

from __future__ import annotations

import functools
import json
import re
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
    "Subject",
    "SubjectTable",
    "load_subjects",
    "recommendation_subject",
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
TERM_WEIGHT = 0.15
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
    """The party/process terms of ``data/tracking_subjects.json``, compiled.

    ``terms`` maps a term id to its label; ``kinds`` to ``party`` or ``process``.
    """

    name: str
    version: str
    terms: dict[str, str]
    kinds: dict[str, str]
    # lower-cased first word -> (regex, term id or None for a '!' pattern), longest first
    _index: dict[str, tuple[tuple[re.Pattern[str], str | None], ...]]

    def find(self, text: str) -> tuple[str, ...]:
        """The term ids a text names, in order of first mention.

        >>> t = load_subjects()
        >>> t.find("The school nurse and two schools spoke to the police.")
        ('health', 'schools', 'police')
        >>> t.find("IROs and personal advisers (PAs) visit; a supervision order was made.")
        ('iros', 'personal_advisers')
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
        return tuple(dict.fromkeys(t for _, _, t in taken if t is not None))


@functools.cache
def load_subjects() -> SubjectTable:
    """The packaged party/process table (read once).

    >>> t = load_subjects()
    >>> t.version, t.terms["lado"], t.kinds["strategy_meetings"]
    ('1.0.0', 'LADO (allegations against professionals)', 'process')
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
    return SubjectTable(
        name=data["name"],
        version=data["version"],
        terms={t["id"]: t["label"] for t in data["terms"]},
        kinds={t["id"]: t["kind"] for t in data["terms"]},
        _index={k: tuple(v) for k, v in index.items()},
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
class Subject:
    """What a recommendation (or finding) is about: themes, terms, content words."""

    themes: tuple[str, ...]
    terms: tuple[str, ...]
    words: tuple[str, ...]


def recommendation_subject(text: str, themes: Iterable[str] = ()) -> Subject:
    """The subject of a recommendation: its themes, parties/processes and content words.

    >>> s = recommendation_subject(
    ...     "Ensure that all strategy discussions include the police.", ["child_protection_enquiries"])
    >>> s.terms, s.words
    (('strategy_meetings', 'police'), ('strategy', 'discussion', 'police'))
    """
    return Subject(tuple(themes), load_subjects().find(text), tuple(_content_words(text)))


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
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _GENERIC


@functools.cache
def _lemma(word: str) -> str:
    from ofstedmine.errors import ExtractionError

    try:
        from ofstedmine.extract.nlp import _lookup_table

        return _lookup_table().get(word, word)
    except (ImportError, ExtractionError):  # no lemma table: strip a plural
        return word[:-1] if len(word) > 3 and word.endswith("s") and word[-2] != "s" else word


def _content_words(text: str) -> list[str]:
    stop = _stop_words()
    out = []
    for w in re.findall(r"[a-z]+", text.lower().replace("’", "'")):
        if len(w) < 2 or w in stop:
            continue
        lemma = _lemma(w)
        if lemma not in stop:
            out.append(lemma)
    return out


# --------------------------------------------------------------------- tracking


def track_recommendations(
    corpus: Corpus,
    *,
    authority: str | Iterable[str] | None = None,
    min_score: float = 0.2,
    min_score_unthemed: float = 0.3,
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
                             ``same_section``, ``quote``
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
    sims = (X[: len(recs)] @ X[len(recs) :].T).toarray() if X is not None and finds else None
    idf = dict(zip(vec.get_feature_names_out(), vec.idf_, strict=True)) if X is not None else {}
    find_terms = [set(table.find(f.text)) for _, f in finds]
    find_topics = [section_topic(f.locator.section) for _, f in finds]
    by_doc: dict[int, list[int]] = {}
    for k, (pos, _) in enumerate(finds):
        by_doc.setdefault(pos, []).append(k)
    theme_topics = _theme_topics()
    rows = []
    for ri, (i, rec) in enumerate(recs):
        r = chain[i]
        terms = table.find(rec.text)
        topics = {theme_topics[t] for t in rec.themes if t in theme_topics}
        if (t := section_topic(rec.locator.section)) is not None:
            topics.add(t)
        rec_info = (set(rec.themes), set(terms), topics)
        floor = min_score if rec.themes else min_score_unthemed
        evidence: list[dict[str, Any]] = []
        verdicts: list[dict[str, Any]] = []
        for j in range(i + 1, len(chain)):
            scored = []
            for k in by_doc.get(j, ()):
                f = finds[k][1]
                sim = float(sims[ri, k]) if sims is not None else 0.0
                got = _score(rec_info, f, find_terms[k], find_topics[k], sim)
                if got is not None and got[0] >= floor:
                    scored.append((got, f))
            scored.sort(key=lambda x: (-x[0][0], -x[0][1], x[1].locator.start))
            items = [_item(chain[j], f, got) for got, f in scored[:top]]
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


def _score(rec_info, f, f_terms: set[str], f_topic: str | None, sim: float):
    """(score, similarity, shared terms, shared themes, same section), or None when
    the finding is no candidate."""
    themes, terms, topics = rec_info
    if not f.is_evidence:
        return None
    shared_themes = themes & set(f.themes)
    if themes and not shared_themes:
        return None
    shared_terms = terms & f_terms
    if (terms and not shared_terms) or sim <= 0:
        return None
    same_section = f_topic is not None and f_topic in topics
    score = (
        sim
        + (TERM_WEIGHT * len(shared_terms) / len(terms) if terms else 0.0)
        + THEME_WEIGHT * min(max(len(shared_themes) - 1, 0), MAX_EXTRA_THEMES)
        + SECTION_WEIGHT * same_section
    )
    return round(score, 4), round(sim, 4), shared_terms, shared_themes, same_section


def _verdict(polarity: str, improved: bool) -> str | None:
    """A finding's verdict on the recommendation it is evidence for.

    >>> [_verdict(p, False) for p in ("strength", "concern", "mixed", "neutral")]
    ['addressed', 'still_raised', 'still_raised', None]
    >>> _verdict("mixed", True), _verdict("neutral", True)
    ('partly_addressed', 'addressed')
    """
    if polarity == "strength":
        return "addressed"
    if polarity == "concern":
        return "still_raised"
    if polarity == "mixed":
        return "partly_addressed" if improved else "still_raised"
    return "addressed" if improved else None


def _item(r: dict[str, Any], f: Any, got: tuple) -> dict[str, Any]:
    score, sim, shared_terms, shared_themes, same_section = got
    improved = bool(reports_improvement(f.polarity, f.cues))
    return {
        "report": r["node"],
        "document_id": r["document"].id,
        "date": r["date"].isoformat() if r["date"] else None,
        "kind": r["kind"],
        "page": f.locator.page,
        "start": f.locator.start,
        "end": f.locator.end,
        "section": tuple(f.locator.section),
        "polarity": f.polarity.value,
        "confidence": f.confidence,
        "improved": improved,
        "verdict": _verdict(f.polarity.value, improved),
        "score": score,
        "similarity": sim,
        "shared_terms": tuple(sorted(shared_terms)),
        "shared_themes": tuple(sorted(shared_themes)),
        "same_section": bool(same_section),
        "quote": f.text,
    }
