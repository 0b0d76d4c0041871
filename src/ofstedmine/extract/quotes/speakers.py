"""Who is quoted: the speaker a sentence's words outside the quote marks name.

A reporting verb ("says", "found", "according to", ...) and its subject or object
name Ofsted, the DfE, a pronoun for the previous speaker, or someone else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_I = re.IGNORECASE

_VERB = (
    r"says|said|say|adds|added|found|finds|warned|warns|states|stated|notes|noted|"
    r"highlighted|highlights|concluded|concludes|described|describes|reported|reports|"
    r"wrote|writes|judged|criticised|identified|observed|comments|commented|"
    r"acknowledged|acknowledges|praised|explained"
)
_VERB_RE = re.compile(rf"\b(?:{_VERB})\b", _I)
_ACCORDING = re.compile(r"\baccording to\b([^,.;:]{0,60})", _I)
_DFE = re.compile(
    r"\b(?:direction notice|improvement notice|statutory direction|the notice|the direction|"
    r"government|department for education|\bdfe\b|the department|minister|secretary of state)\b",
    _I,
)
_OFSTED = re.compile(
    r"\b(?:ofsted|inspectors?|inspection|watchdog|report|letter|visit|findings?|"
    r"monitoring|hmi)\b",
    _I,
)
_PERSON = re.compile(
    r"\b(?:cllr|councillor|chief executive|director|leader|chair|chairman|mayor|mr|mrs|ms|"
    r"miss|dr|spokes(?:wo)?(?:man|person)|head|he|she|member|mp|officer|manager|minutes|"
    r"the plan|the council|the trust)\b",
    _I,
)
_PRONOUN = re.compile(r"(?:^|\W)(?:it|they)(?:\s+(?:also|then|have|had|has|further))?\s*$", _I)
_BACKREF = re.compile(
    r"^(?:this|these|that|those|it|they)\s+(?:was|were|is|are)\b.{0,80}?"
    r"\b(?:findings?|criticisms?|conclusions?|words?|judgements?)\b.{0,60}?"
    r"\b(?:ofsted|inspectors?|report)\b",
    _I,
)
_GRADE = re.compile(
    r"^(?:inadequate|good|outstanding|requires improvement(?: to be good)?|adequate)\W*$", _I
)


def _classify(phrase: str) -> str | None:
    """Who the words around a reporting verb name: ofsted, dfe, previous, person or None."""
    if _DFE.search(phrase):
        return "dfe"
    if _OFSTED.search(phrase):
        return "ofsted"
    if _PRONOUN.search(phrase):
        return "previous"
    if _PERSON.search(phrase) or re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", phrase):
        return "person"
    return None


def _outside(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
    """A sentence's words outside its quotations (quoted words become '…')."""
    out, pos = [], start
    for a, b in sorted(quotes):
        if b <= start or a >= end:
            continue
        out.append(text[pos : max(pos, a - 1)])
        out.append(" \u2026 ")
        pos = min(end, b + 1)
    out.append(text[pos:end])
    return "".join(out)


def _speaker(outside: str) -> tuple[str | None, str]:
    """The speaker of a sentence's quotations and the phrase that named it."""
    m = _ACCORDING.search(outside)
    if m:
        who = _classify(m.group(1))
        if who:
            return who, m.group(0)
    best: tuple[str | None, str] = (None, "")
    for v in _VERB_RE.finditer(outside):
        # subject before the verb (up to the previous quotation or clause break)
        before = re.split(r"\u2026|[;:]", outside[: v.start()])[-1]
        before = " ".join(before.split()[-10:])
        after = re.split(r"\u2026|[,;:.]", outside[v.end() :])[0]
        after = " ".join(after.split()[:6])
        for phrase in (before, after):
            who = _classify(phrase)
            if who in ("ofsted", "dfe"):
                return who, f"{phrase} {v.group(0)}"
            if who and best[0] is None:
                best = (who, f"{phrase} {v.group(0)}")
    return best
