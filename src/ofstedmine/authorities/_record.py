"""The :class:`Authority` record: one local authority with children's services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["Authority"]


@dataclass(frozen=True, slots=True)
class Authority:
    """One local authority with children's services.

    Attributes
    ----------
    id : str
        Stable snake-case identifier, e.g. ``"kingston_upon_hull"``.
    name : str
        Canonical display name, e.g. ``"Kingston upon Hull"``.
    urns : tuple of int
        Ofsted unique reference numbers of the authority's provider page; the
        first is the primary one.
    la_codes : tuple of int
        Old three-digit DfE local authority codes (Bradford: 380).
    region : str or None
        Ofsted region as the official statistics give it.
    aliases : tuple of str
        Printed variants of the name that are not the canonical name: formal
        council names, short forms ("Hull") and the trusts or companies that
        have run the authority's children's services.
    predecessors, successors : tuple of str
        Ids of the authorities this one replaced or was replaced by.
    active_from, active_to : datetime.date or None
        First and last day as a children's services authority, where it began
        or ended after 2009; None when it predates 2009 or still exists.
    current : bool
        True for the 153 authorities that exist today.

    Examples
    --------
    >>> from ofstedmine.authorities import get
    >>> a = get("bradford")
    >>> a.name, a.urn, a.current
    ('Bradford', 80449, True)
    """

    id: str
    name: str
    urns: tuple[int, ...]
    la_codes: tuple[int, ...]
    region: str | None
    aliases: tuple[str, ...]
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    active_from: date | None
    active_to: date | None
    current: bool

    @property
    def urn(self) -> int | None:
        """The primary (first) Ofsted URN, or None when none is known.

        Examples
        --------
        >>> from ofstedmine.authorities import get
        >>> get("Northamptonshire").urn
        80531
        """
        return self.urns[0] if self.urns else None

    def to_dict(self) -> dict[str, Any]:
        """Return the authority as a JSON-ready dict.

        Tuples become lists and dates ISO strings (or None).

        Returns
        -------
        dict
            One key per field, in field order.

        Examples
        --------
        >>> from ofstedmine.authorities import get
        >>> d = get("bradford").to_dict()
        >>> d["id"], d["urns"], d["la_codes"], d["active_to"]
        ('bradford', [80449], [380], None)
        """
        return {
            "id": self.id,
            "name": self.name,
            "urns": list(self.urns),
            "la_codes": list(self.la_codes),
            "region": self.region,
            "aliases": list(self.aliases),
            "predecessors": list(self.predecessors),
            "successors": list(self.successors),
            "active_from": self.active_from.isoformat() if self.active_from else None,
            "active_to": self.active_to.isoformat() if self.active_to else None,
            "current": self.current,
        }
