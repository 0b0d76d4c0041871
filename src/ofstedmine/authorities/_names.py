"""Authority names as comparison keys: the one normaliser of authority names.

:func:`normalise_name` folds case, accents, punctuation, ``&``/``and``,
``St``/``Saint`` and the generic council words around a base name, so the printed
variants of a name share one key; :func:`_surface_key` folds only case, punctuation,
``&`` and ``St`` (text matching keeps the council words).

>>> normalise_name("London Borough of Hammersmith & Fulham")
'hammersmith fulham'
>>> _surface_key("St. Helens Council")
'st helens council'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_name"]


# Generic words around a base name. Prefixes are stripped from the front (in
# any order, repeatedly), suffix words from the back. "City of London" is the
# one base name that begins with a generic prefix, so it is protected.
_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("the",),
    ("london", "borough", "of"),
    ("royal", "borough", "of"),
    ("metropolitan", "borough", "of"),
    ("metropolitan", "district", "of"),
    ("city", "and", "county", "of"),
    ("borough", "of"),
    ("city", "of"),
    ("county", "of"),
    ("council", "of", "the"),
    ("council", "of"),
)
# Inverted forms as printed in lists: "Bristol, City of".
_INVERTED_SUFFIXES: tuple[tuple[str, ...], ...] = (("city", "of"), ("county", "of"))
_SUFFIX_WORDS = frozenset(
    {"council", "borough", "metropolitan", "district", "city", "county", "local", "authority"}
)
_PROTECTED_PREFIXES: tuple[tuple[str, ...], ...] = (("city", "of", "london"),)
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    return ["st" if t == "saint" else t for t in _NON_ALNUM.sub(" ", text).split()]


def normalise_name(name: str) -> str:
    """Return the comparison key of an authority name.

    The key is lower case, without accents, punctuation or apostrophes; ``&``
    and the word "and" are dropped, "Saint" becomes "st", and the generic
    council words around the base name are stripped: prefixes such as "London
    Borough of", "Royal Borough of", "Metropolitan Borough of", "City of",
    "County of", "Council of the", suffixes such as "Council", "County
    Council", "City Council", "Borough Council", "Metropolitan Borough
    Council", "Metropolitan District Council", and inverted forms such as
    "Bristol, City of". "City of London" keeps its prefix.

    Parameters
    ----------
    name : str
        Any printed form of a name.

    Returns
    -------
    str
        The key; empty only when ``name`` has no letters or digits.

    Examples
    --------
    >>> normalise_name("City of Bradford Metropolitan District Council")
    'bradford'
    >>> normalise_name("Royal Borough of Kensington & Chelsea")
    'kensington chelsea'
    >>> normalise_name("Saint Helens Council") == normalise_name("St. Helens")
    True
    >>> normalise_name("Bristol, City of")
    'bristol'
    >>> normalise_name("City of London")
    'city of london'
    """
    tokens = _tokens(name)
    while not any(tuple(tokens[: len(p)]) == p for p in _PROTECTED_PREFIXES):
        for prefix in _PREFIXES:
            n = len(prefix)
            if len(tokens) > n and tuple(tokens[:n]) == prefix:
                tokens = tokens[n:]
                break
        else:
            break
    while len(tokens) > 1:
        inverted = [s for s in _INVERTED_SUFFIXES if len(tokens) > len(s)]
        inverted = [s for s in inverted if tuple(tokens[-len(s) :]) == s]
        if inverted:
            tokens = tokens[: -len(inverted[0])]
        elif tokens[-1] in _SUFFIX_WORDS:
            tokens = tokens[:-1]
        else:
            break
    kept = [t for t in tokens if t != "and"]
    return " ".join(kept if kept else tokens)


def _surface_key(text: str) -> str:
    """Key of a printed form for text matching: case, punctuation, & and St folded."""
    return " ".join(_tokens(text))
