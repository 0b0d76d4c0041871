"""Finding authorities named in free text (:func:`find_in_text`).

Every printed form of every authority (names and aliases) is compiled into one
pattern, longest first (:func:`text_matcher`, built once per registry).

>>> [a.id for a in find_in_text("Achieving for Children runs services in Kingston")][:1]
['kingston_upon_thames']
"""

from __future__ import annotations

import re

from ._data import _Registry, _registry
from ._names import _surface_key, normalise_name
from ._record import Authority

__all__ = ["find_in_text"]


# Words after a place name that mean it is part of an address or names another
# body (Ofsted's own letterhead: "Cumberland Place, Nottingham NG1 6HJ").
_NOT_AN_AUTHORITY_AFTER = (
    r"(?!(?-i:[\s,]+(?:Street|Road|Place|Avenue|Lane|Square|Way|Drive|Terrace|Crescent"
    r"|Gardens|Close|Court|Row|Walk|Parade|Constabulary|Police)\b))"
    r"(?!(?-i:[\s,]+[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]*[0-9][A-Z]{2}\b))"
)
# A form made only of these words is never matched in text ("Trust").
_GENERIC_TEXT_WORDS = frozenset({"trust", "childrens", "children", "services", "council", "the"})
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?|&")
_SEP = r"[\s,\-\u2013]+"


def _form_pattern(form: str) -> str:
    parts: list[str] = []
    for word in _WORD.findall(form):
        low = word.lower()
        if low in ("and", "&"):
            parts.append(r"(?:and|&)")
        elif low in ("st", "saint"):
            parts.append(r"(?:st\.?|saint)")
        elif "'" in word or "\u2019" in word:
            head, tail = re.split("['\u2019]", word, maxsplit=1)
            parts.append(re.escape(head) + "['\u2019]?" + re.escape(tail))
        else:
            parts.append(re.escape(word))
    return _SEP.join(parts)


def text_matcher(
    reg: _Registry,
) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], dict[str, str]]:
    """The pattern of every printed form, the ids by surface key, and the forms that
    must keep their capitals; built once per registry and kept on it."""
    if reg._text_re is None:
        forms: dict[str, list[str]] = {}
        shown: dict[str, str] = {}
        strict: dict[str, str] = {}
        for a in reg.authorities:
            own = set(normalise_name(a.name).split())
            for form in (a.name, *a.aliases):
                key = _surface_key(form)
                if not key or set(key.split()) <= _GENERIC_TEXT_WORDS:
                    continue
                ids = forms.setdefault(key, [])
                if a.id not in ids:
                    ids.append(a.id)
                shown.setdefault(key, form)
                # An alias made only of ordinary words ("Together for
                # Children") must be printed with its capitals to count.
                if form != a.name and not own & set(normalise_name(form).split()):
                    strict[key] = form
        ordered = sorted(shown, key=lambda k: (-len(k.split()), -len(k), k))
        alternation = "|".join(_form_pattern(shown[k]) for k in ordered)
        reg._text_re = re.compile(
            rf"(?<![A-Za-z0-9])(?:{alternation})(?![A-Za-z0-9])(?![\-\u2013][A-Za-z])"
            rf"{_NOT_AN_AUTHORITY_AFTER}",
            re.IGNORECASE,
        )
        reg._text_ids = {k: tuple(v) for k, v in forms.items()}
        reg._strict_case = strict
    return reg._text_re, reg._text_ids, reg._strict_case


def find_in_text(text: str, *, limit: int | None = None) -> list[Authority]:
    """Return the authorities named in free text, in order of first appearance.

    Names and aliases are matched case-insensitively on word boundaries,
    with ``&``/"and", "St"/"Saint", hyphens, commas and line breaks between
    words folded, the longest name first: "North Northamptonshire" is not also
    "Northamptonshire", "West Sussex" is not "Sussex" and "Central
    Bedfordshire" is not "Bedford". To avoid common words ("reading",
    "bury") a match must begin with a capital letter unless the text has no
    capitals at all; aliases made only of ordinary words ("Together for
    Children") must keep their capitals. A place name followed by a street
    word ("Cumberland Place"), a postcode (an address line) or "Constabulary"
    or "Police" is not counted. "Trust" alone never matches. An alias shared
    by several authorities yields all of them.

    Parameters
    ----------
    text : str
        Any text, e.g. the first page of a report.
    limit : int, optional
        Stop after this many authorities.

    Returns
    -------
    list of Authority
        Each authority once.

    Examples
    --------
    >>> text = "Inspection of Kingston upon Hull City Council; see also West Sussex."
    >>> [a.id for a in find_in_text(text)]
    ['kingston_upon_hull', 'west_sussex']
    >>> [a.id for a in find_in_text("Ofsted, Piccadilly Gate, Manchester M1 2WD. Dear Bury")]
    ['bury']
    """
    if limit is not None and limit <= 0:
        return []
    reg = _registry()
    pattern, ids_by_key, strict = text_matcher(reg)
    any_upper = any(ch.isupper() for ch in text)
    found: list[Authority] = []
    seen: set[str] = set()
    pos = 0
    while True:
        match = pattern.search(text, pos)
        if match is None:
            break
        matched = match.group(0)
        key = _surface_key(matched)
        ok = not any_upper or matched[0].isupper()
        if ok and key in strict:
            ok = _same_capitals(matched, strict[key])
        if not ok:
            pos = match.start() + 1
            continue
        pos = match.end()
        for ident in ids_by_key.get(key, ()):
            if ident not in seen:
                seen.add(ident)
                found.append(reg.by_id[ident])
                if limit is not None and len(found) >= limit:
                    return found
    return found


def _same_capitals(matched: str, form: str) -> bool:
    got = _WORD.findall(matched)
    want = _WORD.findall(form)
    return len(got) == len(want) and all(
        g[0].isupper() == w[0].isupper() for g, w in zip(got, want)
    )
