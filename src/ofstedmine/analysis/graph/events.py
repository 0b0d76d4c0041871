"""Dated events without text (visits, DfE notices, a trust's start) as graph nodes."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ofstedmine.analysis.graph._common import _EVENT_FOR_DOC, _MATCH_DAYS, _drop_none
from ofstedmine.types import Event


def _add_events(G: nx.MultiDiGraph, events: Iterable[Event], reports: list[dict]) -> None:
    held = {r["document"].id for r in reports}
    primary = [r for r in reports if not r["secondary"] and r["date"] is not None]
    taken: set[str] = set()
    seq = 0
    for ev in events:
        if ev.document_id and ev.document_id in held:
            continue
        match = _matching_report(ev, primary, taken)
        if match is not None:
            taken.add(match)
            continue
        base = f"event:{ev.authority or 'unknown'}:{ev.date.isoformat()}:{ev.kind.value}"
        node, n = base, 1
        while node in G:
            n += 1
            node = f"{base}:{n}"
        G.add_node(
            node,
            **_drop_none(
                {
                    "type": "event",
                    "label": ev.title or ev.kind.value.replace("_", " "),
                    "kind": ev.kind.value,
                    "authority": ev.authority,
                    "date": ev.date.isoformat(),
                    "date_precision": ev.date_precision.value,
                    "source": ev.source,
                    "source_url": ev.source_url,
                    "themes": list(ev.themes),
                    "note": ev.note,
                    "text_held": False,
                    "seq": seq,
                    "start": ev.date.isoformat(),
                }
            ),
        )
        seq += 1


def _matching_report(ev: Event, reports: list[dict], taken: set[str]) -> str | None:
    """The held report an event stands for: same authority and kind, published
    within 120 days after it (a letter cannot precede its visit by more than a week)."""
    best, gap = None, None
    for r in reports:
        if r["node"] in taken or r["authority"] != ev.authority:
            continue
        if _EVENT_FOR_DOC.get(r["kind"]) != ev.kind.value:
            continue
        days = (r["date"] - ev.date).days
        if -7 <= days <= _MATCH_DAYS and (gap is None or abs(days) < gap):
            best, gap = r["node"], abs(days)
    return best
