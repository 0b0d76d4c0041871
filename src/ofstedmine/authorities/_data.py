"""The registry data: ``ofstedmine/data/authorities.csv`` read once, lazily, and
indexed by id, number (URN or LA code), exact printed form and name key.

>>> reg = _registry()
>>> reg.by_id["bradford"] is reg.by_number[380]
True
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

from ._names import normalise_name
from ._record import Authority

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["all_authorities", "registry_version", "to_frame"]

_DATA_PACKAGE = "ofstedmine"
_DATA_PATH = ("data", "authorities.csv")
_COLUMNS = (
    "id",
    "name",
    "urns",
    "la_codes",
    "region",
    "aliases",
    "predecessors",
    "successors",
    "active_from",
    "active_to",
    "current",
)


class _Registry:
    """Everything derived from one read of the CSV."""

    def __init__(self, data: bytes) -> None:
        self.version = hashlib.sha256(data).hexdigest()[:12]
        self.authorities = tuple(_parse_csv(data.decode("utf-8")))
        self.by_id = {a.id: a for a in self.authorities}
        self.by_number: dict[int, Authority] = {}
        for a in self.authorities:
            for number in (*a.urns, *a.la_codes):
                if number in self.by_number:
                    raise ValueError(f"authorities.csv: number {number} is listed twice")
                self.by_number[number] = a
        # exact (case-folded, whitespace-collapsed) printed forms -> ids
        self.exact: dict[str, list[str]] = {}
        # normalised keys -> (priority, id); lower priority wins
        self.keys: dict[str, list[tuple[int, str]]] = {}
        for a in self.authorities:
            self._add_exact(a.name, a.id)
            self._add_key(a.name, 0 if a.current else 1, a.id)
            self._add_key(a.id.replace("_", " "), 2, a.id)
            for alias in a.aliases:
                self._add_exact(alias, a.id)
                self._add_key(alias, 3, a.id)
        # the text matcher, built on first use by _text.text_matcher
        self._text_re: re.Pattern[str] | None = None
        self._text_ids: dict[str, tuple[str, ...]] = {}
        self._strict_case: dict[str, str] = {}

    def _add_exact(self, form: str, ident: str) -> None:
        ids = self.exact.setdefault(" ".join(form.casefold().split()), [])
        if ident not in ids:
            ids.append(ident)

    def _add_key(self, form: str, priority: int, ident: str) -> None:
        entries = self.keys.setdefault(normalise_name(form), [])
        if (priority, ident) not in entries:
            entries.append((priority, ident))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _parse_csv(text: str) -> list[Authority]:
    reader = csv.DictReader(io.StringIO(text))
    missing = set(_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"authorities.csv lacks columns: {sorted(missing)}")
    out = []
    for row in reader:
        out.append(
            Authority(
                id=row["id"],
                name=row["name"],
                urns=tuple(int(x) for x in _split(row["urns"])),
                la_codes=tuple(int(x) for x in _split(row["la_codes"])),
                region=row["region"] or None,
                aliases=_split(row["aliases"]),
                predecessors=_split(row["predecessors"]),
                successors=_split(row["successors"]),
                active_from=date.fromisoformat(row["active_from"]) if row["active_from"] else None,
                active_to=date.fromisoformat(row["active_to"]) if row["active_to"] else None,
                current=row["current"].strip() in ("1", "true", "True"),
            )
        )
    return out


_LOCK = threading.Lock()
_REGISTRY: _Registry | None = None


def _read_data() -> bytes:
    resource = resources.files(_DATA_PACKAGE)
    for part in _DATA_PATH:
        resource = resource / part
    return resource.read_bytes()


def _registry() -> _Registry:
    global _REGISTRY
    if _REGISTRY is None:
        with _LOCK:
            if _REGISTRY is None:
                _REGISTRY = _Registry(_read_data())
    return _REGISTRY


def all_authorities(*, current_only: bool = False) -> tuple[Authority, ...]:
    """Return every authority in the registry, ordered by id.

    Parameters
    ----------
    current_only : bool, default False
        Leave out the abolished predecessors.

    Returns
    -------
    tuple of Authority

    Examples
    --------
    >>> len(all_authorities(current_only=True))
    153
    >>> sorted(a.id for a in all_authorities() if not a.current)[:2]
    ['bournemouth', 'cumbria']
    """
    authorities = _registry().authorities
    if current_only:
        return tuple(a for a in authorities if a.current)
    return authorities


def registry_version() -> str:
    """Return the first 12 hex digits of the SHA-256 of the registry CSV.

    Caches of anything derived from the registry should key on it.

    Returns
    -------
    str

    Examples
    --------
    >>> v = registry_version()
    >>> len(v), v == registry_version()
    (12, True)
    """
    return _registry().version


def to_frame() -> pandas.DataFrame:
    """Return the registry as a pandas DataFrame, one row per authority.

    Columns are those of the CSV; list fields are ``;``-joined strings, URNs
    and LA codes included, ``active_from``/``active_to`` are datetimes (NaT
    when empty) and ``current`` is bool.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> df = to_frame()
    >>> int(df["current"].sum())
    153
    >>> df.set_index("id").loc["bradford", "la_codes"]
    '380'
    """
    import pandas as pd

    rows = []
    for a in _registry().authorities:
        rows.append(
            {
                "id": a.id,
                "name": a.name,
                "urns": ";".join(str(u) for u in a.urns),
                "la_codes": ";".join(str(c) for c in a.la_codes),
                "region": a.region,
                "aliases": ";".join(a.aliases),
                "predecessors": ";".join(a.predecessors),
                "successors": ";".join(a.successors),
                "active_from": a.active_from,
                "active_to": a.active_to,
                "current": a.current,
            }
        )
    frame = pd.DataFrame(rows, columns=list(_COLUMNS))
    for column in ("active_from", "active_to"):
        frame[column] = pd.to_datetime(frame[column])
    frame["current"] = frame["current"].astype(bool)
    return frame
