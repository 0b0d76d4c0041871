"""Who a row is about: authority names, URNs, LA codes and the registry.

Authorities are matched across sheets and releases by
:func:`normalise_authority_name`. The ids come from votes: each sheet that links an
authority's page by URN or LA code casts one vote for that (authority, id) pair
(see :mod:`~ofstedmine.sources.statistics.links`), and :func:`_resolve_identities`
gives each id to the authority holding more than half of its votes. The library's
registry (:func:`ofstedmine.authorities.lookup`), when present, then has the last
word (:func:`_add_identity`).

>>> normalise_authority_name("Kingston upon Hull, City of")
'kingston upon hull'
>>> from collections import Counter
>>> _owned({380: Counter({"bradford": 4, "leeds": 1}), 381: Counter({"leeds": 1, "york": 1})})
{'bradford': 380}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .cells import _int_or_none, _is_missing, _norm_text

__all__ = ["normalise_authority_name"]


_NAME_ALIASES = {
    "bristol city of": "bristol",
    "city of bristol": "bristol",
    "kingston upon hull city of": "kingston upon hull",
    "hull": "kingston upon hull",
    "herefordshire county of": "herefordshire",
    "county durham": "durham",
    "london corporation": "city of london",
    "corporation of london": "city of london",
    "st helens": "st helens",
    "windsor maidenhead": "windsor and maidenhead",
    "telford wrekin": "telford and wrekin",
    "blackburn darwen": "blackburn with darwen",
    "bcp": "bournemouth christchurch and poole",
}


def normalise_authority_name(name: Any) -> str:
    """A matching key for an authority name as printed in a release.

    Case, punctuation, ``&``/``and``, hyphens, "St."/"St" and a trailing "Borough"
    or "Council" are ignored.

    Examples
    --------
    >>> normalise_authority_name("Bournemouth, Christchurch & Poole")
    'bournemouth christchurch and poole'
    >>> normalise_authority_name("Bedford Borough") == normalise_authority_name("Bedford")
    True
    >>> normalise_authority_name("Southend on Sea") == normalise_authority_name("Southend-on-Sea")
    True
    """
    if _is_missing(name):
        return ""
    s = _norm_text(name)
    s = re.sub(r"\b(borough|council|metropolitan borough|county council)$", "", s).strip()
    return _NAME_ALIASES.get(s, s)


def _owned(votes: Mapping[Any, Counter]) -> dict[str, Any]:
    """Authority key -> the id it owns with most votes (ids with a majority owner)."""
    owned: dict[str, Counter] = defaultdict(Counter)
    for value, counter in votes.items():
        total = sum(counter.values())
        (key, n), *_ = counter.most_common(1)
        if 2 * n > total:
            owned[key][value] = n
    out: dict[str, Any] = {}
    for key, counter in owned.items():
        top = counter.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[key] = top[0][0]
    return out


def _resolve_identities(frames: Sequence[pd.DataFrame]) -> dict[str, tuple[Any, Any]]:
    """Authority key -> (URN, LA code) from link votes and explicit columns.

    Each sheet votes once for each (authority, id) pair it links, with weight 2 for
    the history and latest-inspection sheets and 1 for the in-year sheets (whose
    links are the most often out of step), so an authority with many visits in one
    sheet cannot outvote the others.
    """
    urn_votes: dict[Any, Counter] = defaultdict(Counter)
    code_votes: dict[Any, Counter] = defaultdict(Counter)
    explicit_urn: dict[str, Counter] = defaultdict(Counter)
    explicit_code: dict[str, Counter] = defaultdict(Counter)
    seen: set[tuple] = set()
    for df in frames:
        if df.empty:
            continue
        cols = ["file", "sheet", "kind", "key", "urn_col", "la_code_col"]
        has_links = "link_kind" in df.columns
        if has_links:
            cols += ["link_kind", "link_value"]
        for t in df[cols].itertuples(index=False):
            file, sheet, kind, key, urn_col, code_col = t[:6]
            if not _is_missing(urn_col):
                explicit_urn[key][int(urn_col)] += 1
            if not _is_missing(code_col):
                explicit_code[key][int(code_col)] += 1
            if not has_links or t[6] not in {"urn", "la_code"}:
                continue
            ident = (file, sheet, key, t[6], t[7])
            if ident in seen:
                continue
            seen.add(ident)
            weight = 1 if kind == "in_year" else 2
            (urn_votes if t[6] == "urn" else code_votes)[t[7]][key] += weight
    urns = _owned(urn_votes)
    codes = _owned(code_votes)
    for key, c in explicit_urn.items():
        urns[key] = c.most_common(1)[0][0]
    for key, c in explicit_code.items():
        codes[key] = c.most_common(1)[0][0]
    return {k: (urns.get(k), codes.get(k)) for k in set(urns) | set(codes)}


def _registry_lookup():
    try:
        import ofstedmine.authorities as authorities
    except Exception:  # the registry module is optional
        return None
    fn = getattr(authorities, "lookup", None)
    return fn if callable(fn) else None


def _lookup(key: Any) -> Any:
    lookup = _registry_lookup()
    if lookup is None or _is_missing(key) or key == "":
        return None
    try:
        return lookup(key)
    except Exception:  # UnknownAuthorityError, or a registry bug: no match
        return None


def _ids_of(found: Any, plural: str, singular: str) -> tuple[int, ...]:
    values = getattr(found, plural, None)
    if values is None:
        one = getattr(found, singular, None)
        values = () if one is None else (one,)
    return tuple(int(v) for v in values if _int_or_none(v) is not None)


def _add_identity(
    df: pd.DataFrame, identities: Mapping[str, tuple[Any, Any]], names: Mapping[str, str]
) -> pd.DataFrame:
    """Fill ``urn``, ``la_code`` and ``authority`` (registry id) from the authority key.

    The registry (when present) is asked by name (not for a former authority that
    shares a successor's name) and then by the URN the links gave. Where the links'
    id is one the registry lists for the authority, or the registry has none, the
    links' id is kept; otherwise the registry's first id is used.
    """
    cache: dict[str, tuple[Any, Any, Any]] = {}
    for key in df["key"].unique():
        urn, code = identities.get(key, (None, None))
        former = key.endswith("(former)")
        found = None if former else _lookup(names.get(key))
        if found is None and urn is not None:
            found = _lookup(int(urn))
        if found is not None:
            reg_urns = _ids_of(found, "urns", "urn")
            reg_codes = _ids_of(found, "la_codes", "la_code")
            if reg_urns and urn not in reg_urns:
                urn = reg_urns[0]
            if reg_codes and code not in reg_codes:
                code = reg_codes[0]
        ident = getattr(found, "id", None) if found is not None else None
        cache[key] = (urn, code, ident)
    df["urn"] = pd.array([cache[k][0] for k in df["key"]], dtype="Int64")
    df["la_code"] = pd.array([cache[k][1] for k in df["key"]], dtype="Int64")
    df["authority"] = pd.array([cache[k][2] for k in df["key"]], dtype=object)
    return df
