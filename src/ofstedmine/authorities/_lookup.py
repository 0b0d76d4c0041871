"""Resolving a key (id, name, variant, alias, URN, LA code, folder slug, provider page
address) to its authority, with close names suggested when nothing matches."""

from __future__ import annotations

import difflib
import re

from ofstedmine.errors import UnknownAuthorityError

from ._data import _registry
from ._names import normalise_name
from ._record import Authority

__all__ = ["get", "lookup"]


_SLUG = re.compile(r"^(\d+)[_\-\s]+(.+)$")
_PROVIDER_URL = re.compile(r"/provider/\d+/(\d+)/?(?:[?#].*)?$")


class _Ambiguous(Exception):
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids


def _resolve(key: str | int) -> Authority | None:
    """The authority for ``key``, None when unknown; raises _Ambiguous."""
    reg = _registry()
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise TypeError(f"an authority key is a str or int, not {type(key).__name__}")
    if isinstance(key, int):
        return reg.by_number.get(key)
    text = " ".join(key.split())
    if not text:
        return None
    if text.isdigit():
        return reg.by_number.get(int(text))
    match = _PROVIDER_URL.search(text)
    if match:
        return reg.by_number.get(int(match.group(1)))
    match = _SLUG.match(text)
    if match:
        found = reg.by_number.get(int(match.group(1)))
        if found is not None:
            return found
        text = match.group(2)
    if text in reg.by_id:
        return reg.by_id[text]
    ids = reg.exact.get(text.casefold())
    if ids:
        if len(ids) > 1:
            raise _Ambiguous(ids)
        return reg.by_id[ids[0]]
    entries = reg.keys.get(normalise_name(text))
    if entries:
        best = min(p for p, _ in entries)
        winners = [i for p, i in entries if p == best]
        if len(winners) > 1:
            raise _Ambiguous(winners)
        return reg.by_id[winners[0]]
    return None


def _suggestions(key: str | int, limit: int = 3) -> list[str]:
    reg = _registry()
    if isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit()):
        return []
    wanted = normalise_name(str(key))
    if not wanted:
        return []
    names: list[str] = []
    for k in difflib.get_close_matches(wanted, list(reg.keys), n=limit * 3, cutoff=0.6):
        for _, ident in sorted(reg.keys[k]):
            name = reg.by_id[ident].name
            if name not in names:
                names.append(name)
    return names[:limit]


def get(key: str | int) -> Authority:
    """Return the authority that ``key`` names.

    Parameters
    ----------
    key : str, int or Authority
        An id, name, printed variant or alias, an Ofsted URN or an old LA code
        (int or string of digits), a corpus folder slug such as
        ``"80449_bradford"``, or a provider page address; an :class:`Authority`
        is returned as it is (a record resolved once is passed down).

    Returns
    -------
    Authority

    Raises
    ------
    UnknownAuthorityError
        When nothing matches (the message suggests close names), or when the
        key names more than one authority (e.g. "Achieving for Children", which
        runs services for several councils).
    TypeError
        When ``key`` is neither str nor int.

    Examples
    --------
    >>> get("Hull").id
    'kingston_upon_hull'
    >>> get("380").name
    'Bradford'
    >>> get("2532287_bournemouth-christchurch-poole").id
    'bournemouth_christchurch_poole'
    >>> get("Bradfrod")
    Traceback (most recent call last):
    ...
    ofstedmine.errors.UnknownAuthorityError: no local authority matches 'Bradfrod'; did you mean Bradford, Bedford, Trafford?
    """
    if isinstance(key, Authority):  # already resolved: passed down as it is
        return key
    try:
        found = _resolve(key)
    except _Ambiguous as amb:
        reg = _registry()
        names = ", ".join(f"{reg.by_id[i].name} ({i})" for i in amb.ids)
        raise UnknownAuthorityError(
            f"{key!r} names more than one local authority: {names}; use an id or URN"
        ) from None
    if found is None:
        hint = _suggestions(key)
        tail = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise UnknownAuthorityError(f"no local authority matches {key!r}{tail}")
    return found


def lookup(key: str | int) -> Authority | None:
    """Return the authority that ``key`` names, or None.

    Like :func:`get`, but returns None where :func:`get` would raise
    :class:`~ofstedmine.errors.UnknownAuthorityError` (unknown or ambiguous).

    Parameters
    ----------
    key : str or int
        See :func:`get`.

    Returns
    -------
    Authority or None

    Examples
    --------
    >>> lookup("Kingston upon Thames").id
    'kingston_upon_thames'
    >>> lookup("Atlantis") is None
    True
    """
    if isinstance(key, Authority):
        return key
    try:
        return _resolve(key)
    except _Ambiguous:
        return None
