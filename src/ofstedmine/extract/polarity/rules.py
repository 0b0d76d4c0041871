"""The rules: named steps from a sentence's cues to its polarity.

:func:`polarity_of` runs them in order:

1. :func:`_is_history`: a sentence about the last inspection is neutral;
2. :func:`_read`: one pass of the cue matcher sorts the cues into concern,
   strength, hedges, negators, contrasts and context clauses;
3. :func:`_negate_praise`: a praise word in a negator's reach is criticism;
4. :func:`_dedupe_negated`, :func:`_drop_answered`, :func:`_drop_conceded` and
   :func:`_drop_opening_condition` drop concern cues that are not criticism;
5. :func:`_decide`: concern, strength, mixed or neutral.

>>> polarity_of("Visits are not always timely.")[0].value
'concern'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ofstedmine.types import Polarity

from .cues import Cues, _cue_matches, _cue_regex, load_cues
from .scope import (
    _WORD,
    _in_context,
    _negator_before,
    _negverb_is_concern,
    _prevented,
    _split_points,
    _tackled,
)

__all__ = ["polarity_of"]

# A sentence that opens in the past ("At the last inspection, ...", "A year ago, ...")
# and says nothing of now reports history, whatever its judging words.
_HISTORY = re.compile(
    r"((on|at|in|during) the (last|previous|most recent|earlier) (full |judgement |ilacs |sif |focused |"
    r"monitoring )?(inspection|visit)|a year ago,|(\w+ ){1,8}(was|were) an? areas? for improvement (in|at) the "
    r"(last|previous|most recent))"
)
_PERSISTS = re.compile(
    r"\b(still|remains?|remained|now|continues?|continued|persists?|since|yet)\b"
)
_EXTERNAL = re.compile(
    r"\b(financial|budget\w*|funding|economic|national|demand|pandemic|challenges)\b"
)
# Where a sentence turns from what is done to what it is for: praise after this is a goal.
_PURPOSE = re.compile(
    r"\b(to ensure|ensuring|so that|in order to|to secure|to achieve|achieving|to provide|to deliver|"
    r"to help|helping|to support|to improve|to enable|enabling|to build|to develop|to make|in making|"
    r"aims? to|aimed at|needed to|required to|to meet|to maintain|to form)\b"
)
# Negators that turn a negated concern word into an achievement ("no delay").
_ABSENCE = ("no", "without", "never")
# Openers that make a sentence with nothing judged the criticism after praise.
_TURNING_OPENERS = ("however", "despite", "but")


@dataclass
class _Reading:
    """The cues of one sentence, sorted by kind, with their positions."""

    concern: list[tuple[int, str]] = field(default_factory=list)
    strength: list[tuple[int, str, bool]] = field(default_factory=list)  # position, cue, weak
    hedges: list[str] = field(default_factory=list)
    negators: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, text
    contrasts: list[tuple[int, int, str]] = field(default_factory=list)
    contexts: list[tuple[int, str]] = field(default_factory=list)
    negverbs: dict[str, int] = field(default_factory=dict)


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def _is_history(s: str) -> bool:
    """True for "At the last inspection, X was judged ...": history, unless it persists."""
    return bool(_HISTORY.match(s)) and not _PERSISTS.search(s)


def _read(s: str, cues: Cues) -> _Reading:
    """Sort the sentence's cues, left to right, by what they are.

    Each cue is read knowing only the negators and context clauses before it.

    Parameters
    ----------
    s
        Normalised text.
    cues
        The cue lists.

    Returns
    -------
    _Reading
    """
    r = _Reading()
    cats = _cue_regex()[1]
    for m in _cue_matches(s):
        kind = cats[m.lastindex]
        cue = m.group()
        if kind == "neu":
            continue
        if kind == "spair":
            r.strength.append((m.start(), cue, False))
        elif kind == "con":
            _read_concern(s, m, cue, cues, r)
        elif kind == "str":
            r.strength.append((m.start(), cue, cue in cues.weak_strength))
        elif kind == "negverb":
            _read_negverb(s, m, cue, r)
        elif kind in ("neg", "neg2"):
            r.negators.append((m.start(), m.end(), cue))
            if kind == "neg":
                r.concern.append((m.start(), cue))
        elif kind == "ctr":
            r.contrasts.append((m.start(), m.end(), cue))
        elif kind == "ctx":
            r.contexts.append((m.start(), cue))
        elif kind == "hedge":
            r.hedges.append(cue)
    return r


def _read_concern(s: str, m: re.Match[str], cue: str, cues: Cues, r: _Reading) -> None:
    """A concern cue: a circumstance in a who/when clause, an achievement ("no delay"), or criticism."""
    first = cue.split(" ", 1)[0]
    if (first in cues.descriptive or first == "should") and _in_context(s, m.start(), r.contexts):
        return  # "children who have poor attendance", "when consent should be sought"
    neg = _negator_before(s, m.start(), r.negators, reach=3, aux_stops=False)
    if neg is not None and neg[2] in _ABSENCE:
        r.strength.append((neg[0], f"{neg[2]} … {cue}", False))  # "no delay"
    else:
        r.concern.append((m.start(), cue))


def _read_negverb(s: str, m: re.Match[str], cue: str, r: _Reading) -> None:
    """A negated verb group: a negator, and criticism in a main clause."""
    cut = max(cue.rfind("not"), cue.rfind("n't"), 0)
    r.negators.append((m.start() + cut, m.end(), cue[cut:]))
    r.negverbs[cue] = m.start() + cut
    if _negverb_is_concern(s, m, r.contexts):
        r.concern.append((m.start(), cue))  # "children who have not been seen"


def _negate_praise(s: str, r: _Reading) -> None:
    """A praise word within a negator's reach is criticism: "not always *timely*".

    Negated praise inside a circumstance clause is dropped. A negated verb
    ("do not") that negates a praise word is reported through that word.
    """
    if not (r.negators and r.strength):
        return
    used: set[int] = set()
    kept = []
    for pos, cue, weak in r.strength:
        neg = _negator_before(s, pos, r.negators)
        if neg is None:
            kept.append((pos, cue, weak))
        elif not _in_context(s, neg[0], r.contexts):
            used.add(neg[0])
            near = len(_WORD.findall(s[neg[1] : pos])) <= 2
            r.concern.append((neg[0], s[neg[0] : pos + len(cue)] if near else f"{neg[2]} … {cue}"))
    r.strength = kept
    if used:
        r.concern = [
            (p, c) for p, c in r.concern if not (c in r.negverbs and r.negverbs[c] in used)
        ]


def _dedupe_negated(concern: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Keep the longest cue when a negator and its negated phrase start together."""
    best: dict[int, str] = {}
    for pos, cue in concern:
        if pos not in best or len(cue) > len(best[pos]):
            best[pos] = cue
    return sorted(best.items())


def _drop_answered(s: str, concern: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop a weakness that the sentence's action prevents, reduces or tackles.

    "commission services to *avoid long waits*", "reducing the risk of children
    being left *without effective* support".
    """
    if not concern:
        return concern
    return [(p, c) for p, c in concern if not _prevented(s, p) and not _tackled(s, p, c)]


def _drop_conceded(s: str, concern: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop outside pressures conceded in an opening "Despite ..." clause.

    "Despite financial pressures, the council has invested ...": they are not
    the service's criticism.
    """
    if concern and s.startswith(("despite ", "in spite of ")):
        comma = s.find(",")
        return [(p, c) for p, c in concern if not (p < comma and _EXTERNAL.search(c))]
    return concern


def _drop_opening_condition(
    s: str,
    concern: list[tuple[int, str]],
    strong: list[tuple[int, str, bool]],
    cues: Cues,
) -> list[tuple[int, str]]:
    """Drop a weakness in an opening when/if clause that the main clause's praise answers.

    "When worries remain too high, an appropriate meeting is held": the
    weakness is the circumstance, not a criticism of the service.
    """
    if concern and strong and s.startswith(cues.condition_openers):
        comma = s.find(",")
        if (
            comma > 0
            and all(p < comma for p, _ in concern)
            and any(p > comma for p, _, _ in strong)
        ):
            return []
    return concern


def _decide(
    s: str,
    r: _Reading,
    strong: list[tuple[int, str, bool]],
    limiting: list[str],
    cues: Cues,
) -> tuple[Polarity, tuple[str, ...]]:
    """The polarity from the cues left, and the cues that decided it."""
    concern, strength, hedges = r.concern, r.strength, r.hedges
    if not concern and not strong:
        if strength and not r.negators:
            return Polarity.STRENGTH, tuple(dict.fromkeys(c for _, c, _ in strength))
        # Ofsted's report style: a sentence opening with "However" after praise,
        # or one about "some children" with nothing praised, is the criticism.
        opener = s.split(" ", 1)[0].strip(",")
        if opener in _TURNING_OPENERS:
            return Polarity.CONCERN, (opener, *dict.fromkeys(hedges))
        if limiting and not strength:
            return Polarity.CONCERN, tuple(dict.fromkeys(limiting))
        return Polarity.NEUTRAL, ()
    if concern and not strong:
        cues_ = [c for _, c in sorted(concern)]
        if all(c.startswith(cues.too_soon) for c in cues_) and not strength and not r.contrasts:
            return Polarity.NEUTRAL, ()  # "it is too soon to evaluate the impact": a caveat
        return Polarity.CONCERN, tuple(dict.fromkeys(cues_ + hedges))
    if strong and not concern:
        return Polarity.STRENGTH, tuple(dict.fromkeys(c for _, c, _ in strong))
    mixed = _mixed(s, r, strong)
    if mixed is not None:
        return Polarity.MIXED, mixed
    incidental = _incidental(s, concern, strong, limiting)
    if incidental is not None:
        return Polarity.STRENGTH, incidental
    cues_ = [c for _, c in sorted(concern)]
    return Polarity.CONCERN, tuple(dict.fromkeys(cues_ + hedges))


def _mixed(s: str, r: _Reading, strong: list[tuple[int, str, bool]]) -> tuple[str, ...] | None:
    """The cues of a mixed sentence: praise and criticism either side of a contrast."""
    concern = r.concern
    for split in _split_points(s, r.contrasts):
        left_c = any(p < split for p, _ in concern)
        right_c = any(p > split for p, _ in concern)
        left_s = any(p < split for p, _, _ in strong)
        right_s = any(p > split for p, _, _ in strong)
        if (left_s and right_c and not left_c) or (left_c and right_s and not right_c):
            cues = [c for _, c in sorted(concern)] + [c for _, c, _ in strong]
            return tuple(dict.fromkeys(cues))
    return None


def _incidental(
    s: str,
    concern: list[tuple[int, str]],
    strong: list[tuple[int, str, bool]],
    limiting: list[str],
) -> tuple[str, ...] | None:
    """The praise cues when one criticism word is incidental among two or more of them.

    "reviews are completed in a timely way and, where there are delays, the
    reasons are understood and appropriate". Praise inside a purpose clause
    ("... to ensure that support is timely") is a goal, not a judgement, and
    does not count; a limiting hedge ("some plans are vague") keeps the criticism.
    """
    if len(concern) == 1 and not limiting:
        purpose = _PURPOSE.search(s)
        judged = [x for x in strong if purpose is None or x[0] < purpose.start()]
        if len(judged) >= 2:
            return tuple(dict.fromkeys(c for _, c, _ in judged))
    return None


def polarity_of(text: str) -> tuple[Polarity, tuple[str, ...]]:
    """The polarity of a sentence and the cues that decided it.

    Works on any text (a sentence of a report, a recommendation, a news
    paragraph); no spaCy model is needed.

    Parameters
    ----------
    text
        A sentence (or any short text).

    Returns
    -------
    tuple
        The :class:`~ofstedmine.types.Polarity` and the cues, in order, that
        decided it (empty when neutral).

    Examples
    --------
    >>> polarity_of("Too many children experience delay in permanence.")
    (<Polarity.CONCERN: 'concern'>, ('too many', 'delay'))
    >>> polarity_of("Leaders are aware of the gaps in supervision and have plans to address them.")[0].value
    'concern'
    >>> polarity_of("Care leavers are well supported by their personal advisers.")
    (<Polarity.STRENGTH: 'strength'>, ('well',))
    >>> polarity_of("The local authority looks after 420 children.")
    (<Polarity.NEUTRAL: 'neutral'>, ())
    """
    s = _normalise(text)
    if _is_history(s):
        return Polarity.NEUTRAL, ()  # "At the last inspection, X was judged ...": history
    cues = load_cues()
    r = _read(s, cues)
    _negate_praise(s, r)
    concern = _dedupe_negated(r.concern)
    concern = _drop_answered(s, concern)
    concern = _drop_conceded(s, concern)
    strong = [x for x in r.strength if not x[2]]
    r.concern = _drop_opening_condition(s, concern, strong, cues)
    limiting = [h for h in r.hedges if h in cues.limiting or h.startswith(cues.limiting_starts)]
    return _decide(s, r, strong, limiting, cues)
