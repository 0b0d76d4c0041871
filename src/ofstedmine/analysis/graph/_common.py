"""Constants and small helpers shared by the theme graph's builders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ofstedmine.types import EVENT_OF_DOCUMENT, DocumentKind

#: Version of the node and edge attributes below; bumped when they change.
GRAPH_SCHEMA = "ofstedmine.theme_graph/1"
#: Document kinds that report on inspections rather than being one.
SECONDARY_KINDS = frozenset({DocumentKind.NEWS.value, DocumentKind.COUNCIL_MINUTES.value})

#: How far a listed event may be from a held document of the same kind and still be it.
_MATCH_DAYS = 120
_EVENT_FOR_DOC = {d.value: e.value for d, e in EVENT_OF_DOCUMENT.items()}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
