"""Quotes attribution: which document or event a secondary source's finding quotes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import networkx as nx

from ofstedmine.analysis.graph._common import _EVENT_FOR_DOC, _MATCH_DAYS, _drop_none, _iso
from ofstedmine.analysis.graph.chains import reports_improvement
from ofstedmine.analysis.graph.edges import _evidence

_KIND_WORDS = (
    (re.compile(r"monitoring", re.I), "monitoring_visit"),
    (re.compile(r"focused", re.I), "focused_visit"),
    (re.compile(r"\bjtai\b|joint targeted", re.I), "jtai"),
    (re.compile(r"improvement notice", re.I), "dfe_improvement_notice"),
    (re.compile(r"direction", re.I), "dfe_direction"),
    (re.compile(r"\btrust\b", re.I), "trust_go_live"),
    (re.compile(r"inspection|ilacs|\bsif\b|report", re.I), "inspection"),
)
_DATE = re.compile(r"\b(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")


_LATEST = re.compile(r"\b(?:latest|most recent|newest|last)\b", re.I)
_OFSTED_KINDS = ("inspection", "monitoring_visit", "focused_visit", "jtai")


def _quote_candidates(G: nx.MultiDiGraph, authority: str | None) -> list[tuple[str, dict, str]]:
    """(node, attributes, kind as an event kind) of the documents and events a quote
    can name: not secondary, of the authority when it is known."""
    out = []
    for n, d in G.nodes(data=True):
        if d.get("type") not in ("document", "event") or d.get("secondary"):
            continue
        if authority and d.get("authority") != authority:
            continue
        kind = d.get("kind")
        out.append((n, d, _EVENT_FOR_DOC.get(kind, kind) if d["type"] == "document" else kind))
    return out


def _resolve_quote(
    G: nx.MultiDiGraph, value: str, authority: str | None, when: dt.date | None = None
) -> str | None:
    """The node a finding's ``quoted_from`` names, for an article dated ``when``.

    A node id, a document id (or a prefix of 8+ hex digits) or a URL is taken as
    it is. ``event:<kind>:<YYYY-MM-DD>`` (as :mod:`ofstedmine.extract.quotes` writes
    it) is that event, or the held document of that kind that stands for it
    (published up to 120 days after). Other free text names a kind and a date:
    with a day, the node of that kind nearest it; with a month or year only, the
    latest in it on or before the article's date (else the nearest); with no date
    but "latest"/"most recent", the latest of that kind (any Ofsted kind when none
    is named) on or before the article's date.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e1", type="event", kind="monitoring_visit", authority="x", date="2023-07-18")
    >>> G.add_node("e2", type="event", kind="monitoring_visit", authority="x", date="2023-11-08")
    >>> G.add_node("e3", type="event", kind="monitoring_visit", authority="x", date="2024-02-27")
    >>> when = dt.date(2023, 12, 13)
    >>> [_resolve_quote(G, v, "x", when) for v in ("monitoring visit 2023", "the latest letter")]
    ['e2', 'e2']
    """
    value = value.strip()
    if value in G:
        return value
    docs = _quote_candidates(G, None)
    if re.fullmatch(r"[0-9a-f]{8,64}", value):
        hits = sorted(n for n, d, _ in docs if d.get("document_id", "").startswith(value))
        if hits:
            return hits[0]
    if value.startswith(("http://", "https://")):
        hits = [n for n, d, _ in docs if value in (d.get("url"), d.get("source_url"))]
        return hits[0] if hits else None
    cands = _quote_candidates(G, authority)
    m = re.fullmatch(r"event:([a-z_]+):(\d{4}-\d{2}-\d{2})", value)
    if m:
        kind, day = m.group(1), dt.date.fromisoformat(m.group(2))
        same = [n for n, d, k in cands if k == kind and d.get("date") == m.group(2)]
        if same:
            return same[0]
        standing = [
            (gap, n)
            for n, d, k in cands
            if d["type"] == "document" and k == kind and d.get("date")
            and -7 <= (gap := (dt.date.fromisoformat(d["date"]) - day).days) <= _MATCH_DAYS
        ]  # fmt: skip
        if standing:
            return min(standing, key=lambda g: (abs(g[0]), g[1]))[1]
    words = value.replace("_", " ")
    want = next((k for rx, k in _KIND_WORDS if rx.search(words)), None)
    m = _DATE.search(value)
    if not m:
        if not (_LATEST.search(words) and when is not None):
            return None
        kinds = (want,) if want else _OFSTED_KINDS
        pool = [
            (d["date"], d.get("seq", 0), n)
            for n, d, k in cands
            if k in kinds and d.get("date") and d["date"] <= when.isoformat()
        ]
        return max(pool)[2] if pool else None
    year, month, day = m.group(1), m.group(2), m.group(3)
    best, gap = None, None
    latest: tuple[str, str] | None = None  # (date, node): latest in the period by ``when``
    for n, d, kind in cands:
        if want and kind != want:
            continue
        for field in ("date", "published", "inspection_start", "inspection_end", "letter_date"):
            date = d.get(field)
            if not date or not date.startswith(year) or (month and date[5:7] != month):
                continue
            if day and abs(int(date[8:10]) - int(day)) > 7:
                continue
            target = dt.date(int(year), int(month or 1), int(day or 1))
            g = abs((dt.date.fromisoformat(date) - target).days)
            if gap is None or g < gap:
                best, gap = n, g
            node_date = d.get("date") or date
            by_when = not day and when is not None and node_date <= when.isoformat()
            if by_when and (latest is None or node_date > latest[0]):
                latest = (node_date, n)
    return latest[1] if latest is not None else best


def _add_quotes(G: nx.MultiDiGraph, r: dict[str, Any]) -> None:
    ex = r["extraction"]
    unresolved: list[str] = []
    for f in ex.findings:
        if not f.quoted_from:
            continue
        target = _resolve_quote(G, f.quoted_from, r["authority"], r["date"])
        if target is None or target == r["node"]:
            unresolved.append(f.quoted_from)
            continue
        ev = _evidence(
            f.locator,
            f.text,
            f.polarity.value,
            "finding",
            reports_improvement(f.polarity, f.cues),
        )
        if G.has_edge(r["node"], target, key="quotes"):
            data = G.edges[r["node"], target, "quotes"]
            data["count"] += 1
            data["evidence"].append(ev)
        else:
            G.add_edge(
                r["node"],
                target,
                key="quotes",
                type="quotes",
                count=1,
                evidence=[ev],
                **_drop_none({"start": _iso(r["date"])}),
            )
    if unresolved:
        G.nodes[r["node"]]["unresolved_quotes"] = list(dict.fromkeys(unresolved))
