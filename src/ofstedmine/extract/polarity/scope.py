"""Scope: how far a negator, a circumstance clause or a prevention verb reaches.

A negator reaches at most a few words, never across a clause boundary or (by
default) a verb group; a who/when/where/if clause describes circumstances; a
prevention or tackling verb turns the weakness it governs into the service's aim.

>>> _negator_before("plans are not always timely", 21, [(10, 13, "not")])
(10, 13, 'not')
>>> _in_context("children who have poor attendance", 18, [(9, "who")])
True
>>> _prevented("services act to avoid long waits", 22)
True
"""

from __future__ import annotations

import re

_W = r"[a-z0-9][a-z0-9'\-]*"  # a word
_WORD = re.compile(_W)
_BOUNDARY = re.compile(
    r"[,;:()–—]|\b(but|however|although|whereas|which|who|because|so that|while|whilst)\b"
)
# A negator's reach ends at the next verb group: "children who do not attend
# school *are* quickly found" negates "attend", not "quickly".
_AUX = re.compile(
    r"\b(is|are|was|were|has|have|had|will|can|could|would|should|may|might|do|does|did)\b"
)
_NEG_REACH = 5  # words after a negator that it can reach
# Children not seen or contacted are the service's omission, even in a who-clause.
_UNSEEN = re.compile(r" been (seen|visited|contacted)\b")
_NEGVERB_EXEMPT = re.compile(
    r"\s*(need|needed|want|wanted|wish|have to|wait|happen|apply|"
    r"always need|know|reoffend|go missing|attend school|live|return|necessary|required)\b"
)
_ENSURE_THAT = re.compile(r"\bensur(e|es|ed|ing) that ([a-z'\-]+ ){0,3}$")
_NOT_HERE = re.compile(r"(do|does|are|is|will) not\b")
_PREVENT = re.compile(
    r"\b(ensur(e|es|ed|ing) that (\w+ ){0,3}(do|does|are|is|will) not|avoid\w*|prevent\w*|minimis\w*|minimiz\w*|mitigat\w*|reduc(e|es|ed|ing) the (risk|likelihood|"
    r"number|incidence) of|protect\w* (\w+ )?from|safeguard\w* (\w+ )?from)\b"
)
# A weakness named as what the service is tackling: "the new team is tackling the
# weaknesses in supervision well", "acted quickly to resolve the shortfalls".
_TACKLE = re.compile(
    r"\b(address|addresses|addressed|addressing|tackl\w+|rectif\w+|resolv\w+|remedy\w*|remedied)"
    r"( (the|these|this|those|its|their|any|identified|significant|serious|practice|key|remaining)){0,3} $"
)
_TACKLED = re.compile(
    r"(weakness(es)?|deficits?|deficienc(y|ies)|shortfalls?|issues?|challenges?|difficult(y|ies)|gaps?|concerns?)\b"
)
# Contrast words that open a concessive clause: the split falls at its comma.
_CONCESSIVE = ("although", "though", "while", "whilst", "despite", "whereas", "albeit")


def _in_context(s: str, pos: int, contexts: list[tuple[int, str]]) -> bool:
    """True if ``pos`` sits in a clause opened by who/when/where/if... (circumstances).

    A who/whose clause is taken to end after its own verb ("children who return
    home from care *do not* benefit"): only the first two words after "who" are in it.

    Parameters
    ----------
    s
        Normalised text.
    pos
        Where the cue starts.
    contexts
        ``(start, word)`` of the context words read so far.

    Returns
    -------
    bool
    """
    for c, word in contexts:
        if c >= pos or pos - c >= 40 or _BOUNDARY.search(s, c + 1, pos):
            continue
        if word in ("who", "whose", "whom") and len(_WORD.findall(s, c + len(word), pos)) > 2:
            continue
        aux = _AUX.search(s, c + len(word), pos)  # "when they first leave care *is* too limited"
        if aux and len(_WORD.findall(s, c + len(word), aux.start())) >= 3:
            continue
        return True
    return False


def _negator_before(
    s: str,
    pos: int,
    negators: list[tuple[int, int, str]],
    reach: int = _NEG_REACH,
    aux_stops: bool = True,
) -> tuple[int, int, str] | None:
    """The nearest negator before ``pos`` whose reach covers it, if any.

    Parameters
    ----------
    s
        Normalised text.
    pos
        Where the cue starts.
    negators
        ``(start, end, text)`` of the negators read so far, left to right.
    reach
        How many words after the negator it covers.
    aux_stops
        Whether a verb group between them ends the negator's reach.

    Returns
    -------
    tuple or None
        The negator's ``(start, end, text)``.
    """
    for start, end, text in reversed(negators):
        if end > pos:
            continue
        between = s[end:pos]
        if len(_WORD.findall(between)) > reach or _BOUNDARY.search(between):
            return None
        if aux_stops and _AUX.search(between):
            return None
        return start, end, text
    return None


def _negverb_is_concern(s: str, m: re.Match[str], contexts: list[tuple[int, str]]) -> bool:
    """True if a negated verb group is a criticism: in a main clause, or "not been seen".

    "plans *do not* include" is; "children *who do not* attend school" and
    "families *do not need* to" are not.
    """
    return (
        not _in_context(s, m.start(), contexts) or _UNSEEN.match(s, m.end()) is not None
    ) and not _NEGVERB_EXEMPT.match(s, m.end())


def _prevented(s: str, pos: int) -> bool:
    """True if a prevention verb governs the cue at ``pos`` (within six words, one clause)."""
    start = max(0, pos - 60)
    window = s[start:pos]
    if _ENSURE_THAT.search(window) and _NOT_HERE.match(s, pos):
        return True  # "ensures that children *do not* remain in unsafe circumstances"
    found = list(_PREVENT.finditer(window))
    if not found:
        return False
    between = window[found[-1].end() :]  # from the nearest one before the cue
    return len(_WORD.findall(between)) <= 6 and not _BOUNDARY.search(between)


def _tackled(s: str, pos: int, cue: str) -> bool:
    """True if the cue is a weakness noun that a tackling verb just before it takes as object."""
    return bool(_TACKLED.search(cue)) and bool(_TACKLE.search(s, max(0, pos - 60), pos))


def _split_points(s: str, contrasts: list[tuple[int, int, str]]) -> list[int]:
    """Where each contrast divides the sentence.

    A concessive opening ("Although X, Y") divides at its comma; any other
    contrast word at the word itself.
    """
    points = []
    for start, end, word in contrasts:
        if word in _CONCESSIVE and (
            start == 0 or s[max(0, start - 2) : start].strip() in (",", "")
        ):
            comma = s.find(",", end)
            points.append(comma if comma != -1 else end)
        else:
            points.append(start)
    return points
