"""What a recommendation asks to improve: its aspect, not just the topic it is on.

The aspect (:func:`aspect_of`) is read, without a parser, from the heads of the
recommendation's own phrases. Each sentence is cut to its core: the directive
frame ("Senior leaders should ensure that") is dropped, and the core ends at a
purpose ("so that", "to ensure"), an adjunct of time ("during", "following") or
the children it is for ("for all children"); the *lead core* ends at a relative
clause ("who", "which", "when") too. The core is read as runs of content words
between stop words, each word classed by spacy-lookups-data's WordNet index (the
lookup tables the project's spaCy rule pipeline already uses for lemmas:
:mod:`ofstedmine.extract.lexicon`):

* a run's **head** is its last noun that is not generic: "panel" in "corporate
  parenting panel", "finding" in "family finding". A verb ("scrutinise",
  "consult", "comply") is a head of its own, as is an adjective after a copula
  ("go missing"); adjectives, adverbs and participles before a noun ("missed
  visits") are not heads;
* a head that is a **frame noun** ("quality", "timeliness", "support", "delay",
  "team": ``aspects.frame_nouns`` of the table) is a weak key, and the nearest
  noun before it a key ("advocacy" in "advocacy support");
* the **lead** is the keys of the lead cores but those governed by a strong
  head: by its "of" ("identification of kinship carers" leads with
  "identification") or by a preposition of circumstance ("the threshold to step
  up from early help" leads with "threshold" and "step_up"). A frame noun
  governs nothing: "the quality of supervision" leads with "supervision";
* a key is **specific** unless it stands inside a codebook theme's pattern or is
  a party/process: "early help" and "foster carer" say which topic,
  "scrutinise" which aspect of it;
* word pairs of ``aspects.compounds`` are one key ("step up" is not "step
  down"), and a verb matches its noun by their common stem
  (:func:`~ofstedmine.extract.lexicon.stem`: "scrutinise" and "scrutiny",
  "identify" and "identification").

A recommendation whose cores yield no key is read whole; one whose lead cores
yield none leads with all its keys. The word lists are those of
``data/tracking_subjects.json`` (:func:`~ofstedmine.extract.subjects.load_subjects`).

Examples
--------
>>> aspect_of("Strategy discussions are held with the police.").lead
('@strategy_meetings', '@police')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ofstedmine.extract.lexicon import tag, tokens
from ofstedmine.extract.subjects import load_subjects

__all__ = ["Aspect", "aspect_of"]

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
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


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
    "advocacy support"). A party or process of
    :func:`~ofstedmine.extract.subjects.load_subjects` is one
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

    Parameters
    ----------
    text
        A recommendation (one or more sentences).

    Returns
    -------
    Aspect
        Its keys, weak keys, lead and specific keys.

    Examples
    --------
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
        n_lead = len(tag(tokens(lead_core)))
        governed = prev_strong = False
        for pos, link, run in _runs(tag(tokens(core, topics=True))):
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
