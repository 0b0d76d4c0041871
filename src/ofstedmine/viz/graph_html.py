"""The theme graph as one self-contained, offline, interactive HTML page.

The layout is computed here, in Python: documents and dated events sit on a time
axis, one lane per authority (events with no text held are hollow diamonds);
themes sit below, one band per codebook group, each placed under the documents
that raise it (weighted mean date), so a theme raised again and again spreads its
edges across the years. The page is an inline SVG with a small inline script:
hover shows a tooltip, a click lists the evidence (quotes with page links), a
slider shows the graph as it stood at a date, and check boxes filter polarities.

Nothing is fetched: no CDN, no fonts, no images. A Content-Security-Policy allows
only this page's own script (by hash) and inline styles. Every string taken from
documents is escaped, in the SVG (``html.escape``) and in the embedded JSON
(``<``, ``>`` and ``&`` as ``\\u`` escapes); the script writes text with
``textContent`` only and links only ``http(s)`` URLs.

The page's stylesheet, script and skeleton are text in :mod:`ofstedmine.viz._template`;
this module computes the layout, draws the SVG and fills the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ofstedmine.viz._style import (
    GRADE_COLOURS,
    GRADE_SHORT,
    POLARITY_COLOURS,
    grade_key,
    kind_label,
)
from ofstedmine.viz._template import CSS as _CSS
from ofstedmine.viz._template import JS as _JS
from ofstedmine.viz._template import PAGE as _PAGE

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["graph_layout", "interactive_graph_html"]

_GROUP_PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf",
)  # fmt: skip
_EVENT_COLOURS = {
    "monitoring_visit": "#1f78b4",
    "focused_visit": "#33a02c",
    "inspection": "#555555",
    "jtai": "#6a3d9a",
    "dfe_improvement_notice": "#e31a1c",
    "dfe_direction": "#b15928",
    "dfe_announcement": "#ff7f00",
    "trust_go_live": "#006d2c",
}
_MAX_EVIDENCE = 15
_WIDTH = 1200
_LEFT, _RIGHT, _TOP = 170, 40, 60
_LANE = 70
_ROW = 34


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _safe_url(url: Any) -> str | None:
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else None


def _json_for_script(obj: Any) -> str:
    """JSON that cannot end its ``<script>`` element or open markup."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)
    for a, b in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(a, b)
    return text


def _day_number(iso: str) -> int | None:
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(iso)[:10]).toordinal()
    except ValueError:
        return None


def graph_layout(G: nx.MultiDiGraph, *, width: int = _WIDTH) -> dict[str, Any]:
    """Positions of a theme graph's nodes: ``{"pos": {node: (x, y)}, "height": h,
    "lanes": [(authority, y)], "years": [(year, x)], "groups": [(group, y)]}``.

    Time nodes (documents and events) go on a time axis, one lane per authority;
    themes go below, one band per group, at the weighted mean x of the documents
    raising them, packed so that their labels do not overlap.
    """
    time_nodes = [n for n, d in G.nodes(data=True) if d.get("type") in ("document", "event")]
    themes = [n for n, d in G.nodes(data=True) if d.get("type") == "theme"]
    days = {n: _day_number(G.nodes[n].get("date", "")) for n in time_nodes}
    known = [v for v in days.values() if v is not None]
    lo, hi = (min(known), max(known)) if known else (0, 1)
    if hi - lo < 60:
        lo, hi = lo - 30, hi + 30
    span = width - _LEFT - _RIGHT

    def x_of(day: int | None) -> float:
        return _LEFT + span * ((day if day is not None else hi) - lo) / (hi - lo)

    authorities = sorted({G.nodes[n].get("authority") or "" for n in time_nodes})
    lane_y = {a: _TOP + 30 + i * _LANE for i, a in enumerate(authorities)}
    pos: dict[str, tuple[float, float]] = {}
    order = sorted(time_nodes, key=lambda n: (days[n] or 0, G.nodes[n].get("seq", 0)))
    last_x: dict[tuple[str, int, int], float] = {}
    for n in order:
        d = G.nodes[n]
        authority = d.get("authority") or ""
        # Events ride just below the documents; secondary sources above.
        offset = 16 if d.get("type") == "event" else (-18 if d.get("secondary") else 0)
        step = 9 if d.get("type") == "event" else -9
        x = x_of(days[n])
        level = 0
        while level < 3 and x - last_x.get((authority, offset, level), -1e9) < 12:
            level += 1
        last_x[(authority, offset, level)] = x
        pos[n] = (round(x, 1), round(lane_y[authority] + offset + level * step, 1))

    groups: dict[str, list[str]] = defaultdict(list)
    for t in themes:
        groups[G.nodes[t].get("group") or "other"].append(t)
    y = _TOP + 30 + len(authorities) * _LANE + 40
    group_rows = []
    for group in sorted(groups):
        placed_rows: list[float] = []  # right edge of the last label in each sub-row
        wanted = []
        for t in groups[group]:
            total, weight = 0.0, 0.0
            for u, _, k, e in G.in_edges(t, keys=True, data=True):
                if k != "raises" or u not in pos:
                    continue
                # Concerns place a theme: it sits under the years it was criticised.
                w = float(e.get("concern", 0)) + float(e.get("recommendations", 0))
                w = w or 0.1 * (float(e.get("count", 0)) or 1.0)
                total += pos[u][0] * w
                weight += w
            wanted.append((total / weight if weight else _LEFT, t))
        wanted.sort()
        top = y
        for x, t in wanted:
            label = str(G.nodes[t].get("label") or t)
            half = min(len(label), 26) * 2.9 + 8
            x = min(max(x, _LEFT + half), width - _RIGHT - half)
            row = next((i for i, right in enumerate(placed_rows) if right <= x - half), None)
            if row is None:
                placed_rows.append(0.0)
                row = len(placed_rows) - 1
            placed_rows[row] = x + half + 6
            pos[t] = (round(x, 1), round(top + row * _ROW, 1))
        group_rows.append((group, top))
        y = top + max(len(placed_rows), 1) * _ROW + 18
    years = []
    if known:
        import datetime as dt

        first = dt.date.fromordinal(lo).year
        last = dt.date.fromordinal(hi).year
        for year in range(first, last + 2):
            day = dt.date(year, 1, 1).toordinal()
            if lo <= day <= hi:
                years.append((year, round(x_of(day), 1)))
    return {
        "pos": pos,
        "height": int(y + 20),
        "lanes": [(a, lane_y[a]) for a in authorities],
        "years": years,
        "groups": group_rows,
    }


def _node_record(n: str, d: dict[str, Any]) -> dict[str, Any]:
    t = d.get("type")
    rec: dict[str, Any] = {"id": n, "type": t, "label": d.get("label") or n}
    for key in ("kind", "framework", "date", "date_precision", "authority", "authority_name",
                "overall", "source", "note", "group", "theme", "n_documents", "n_findings",
                "n_recommendations", "inspection_start", "inspection_end"):  # fmt: skip
        if d.get(key) not in (None, "", []):
            rec[key] = d[key]
    if d.get("themes"):
        rec["themes"] = [str(x) for x in d["themes"]]
    rec["text_held"] = bool(d.get("text_held")) if t != "theme" else None
    url = _safe_url(d.get("url") or d.get("source_url"))
    if url:
        rec["url"] = url
    return rec


def edge_lean(e: dict[str, Any]) -> tuple[str, float | None]:
    """How a ``raises`` edge leans: (``concern``, ``both``, ``strength`` or
    ``neutral``; balance from -1, only concern, to +1, only strength).

    >>> edge_lean({"concern": 3, "recommendations": 1, "strength": 1})
    ('concern', -0.6)
    """
    bad = float(e.get("concern", 0)) + float(e.get("recommendations", 0))
    good = float(e.get("strength", 0))
    total = bad + good + float(e.get("mixed", 0))
    if total == 0:
        return "neutral", None
    balance = round((good - bad) / total, 3)
    if balance <= -1 / 3:
        return "concern", balance
    if balance >= 1 / 3:
        return "strength", balance
    return "both", balance


def _lean_colour(balance: float | None) -> str:
    """Red (-1) through purple (0) to blue (+1); grey for neutral."""
    if balance is None:
        return POLARITY_COLOURS["neutral"]
    stops = [POLARITY_COLOURS["concern"], POLARITY_COLOURS["mixed"], POLARITY_COLOURS["strength"]]
    t = (balance + 1) / 2 * 2  # 0..2 over the two segments
    i = min(int(t), 1)
    f = t - i
    a = [int(stops[i][k : k + 2], 16) for k in (1, 3, 5)]
    b = [int(stops[i + 1][k : k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b))


def _edge_record(i: int, u: str, v: str, k: str, e: dict[str, Any], G: nx.MultiDiGraph):
    rec: dict[str, Any] = {"id": f"e{i}", "source": u, "target": v, "type": k}
    if k == "raises":
        rec["lean"], rec["balance"] = edge_lean(e)
    for key in ("polarity", "concern", "strength", "mixed", "count", "recommendations",
                "improved", "days", "weight"):  # fmt: skip
        if e.get(key) is not None:
            rec[key] = e[key]
    url = _safe_url(G.nodes[u].get("url"))
    evidence = []
    for ev in list(e.get("evidence") or [])[:_MAX_EVIDENCE]:
        item = {
            "quote": str(ev.get("quote") or ""),
            "page": ev.get("page"),
            "polarity": ev.get("polarity"),
            "source": ev.get("source"),
            "section": ev.get("section"),
        }
        if url and ev.get("page"):
            item["href"] = f"{url.split('#')[0]}#page={int(ev['page'])}"
        evidence.append({k2: v2 for k2, v2 in item.items() if v2 not in (None, "")})
    if evidence:
        rec["evidence"] = evidence
        rec["more"] = max(len(e.get("evidence") or []) - _MAX_EVIDENCE, 0)
    return rec


def _svg(G: nx.MultiDiGraph, layout: dict[str, Any], edges: list[tuple], width: int) -> str:
    pos = layout["pos"]
    height = layout["height"]
    out = [
        f'<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="theme graph">'
    ]
    for year, x in layout["years"]:
        out.append(f'<line class="year" x1="{x}" y1="{_TOP - 10}" x2="{x}" y2="{height - 10}"/>'
                   f'<text class="year" x="{x + 3}" y="{_TOP - 14}">{year}</text>')  # fmt: skip
    for authority, y in layout["lanes"]:
        out.append(f'<line class="lane" x1="{_LEFT - 10}" y1="{y}" x2="{width - _RIGHT}" y2="{y}"/>'
                   f'<text class="lane" x="10" y="{y + 4}">{_esc(authority.replace("_", " ").title())}</text>')  # fmt: skip
    for group, y in layout["groups"]:
        out.append(f'<text class="group" x="10" y="{y + 4}">{_esc(group.replace("_", " "))}</text>')
    palette = {
        g: _GROUP_PALETTE[i % len(_GROUP_PALETTE)] for i, (g, _) in enumerate(layout["groups"])
    }
    out.append('<g id="edges">')
    for rec in edges:
        i, u, v, k, e = rec
        if u not in pos or v not in pos or k == "cooccurs":
            continue
        (x1, y1), (x2, y2) = pos[u], pos[v]
        date = _esc(G.nodes[u].get("date", ""))
        if k == "raises":
            lean, balance = edge_lean(e)
            w = 0.6 + 0.8 * math.log1p(
                float(e.get("count", 0)) + float(e.get("recommendations", 0))
            )
            my = (y1 + y2) / 2
            path = f"M{x1},{y1} C{x1},{my} {x2},{my} {x2},{y2}"
            out.append(f'<path class="edge raises {lean}" data-edge="e{i}" data-date="{date}" '
                       f'd="{path}" stroke="{_lean_colour(balance)}" '
                       f'stroke-width="{w:.1f}"/>')  # fmt: skip
        else:
            out.append(f'<line class="edge {_esc(k)}" data-edge="e{i}" data-date="{date}" '
                       f'x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')  # fmt: skip
    out.append('</g><g id="nodes">')
    for n, d in G.nodes(data=True):
        if n not in pos:
            continue
        x, y = pos[n]
        t = d.get("type")
        label = d.get("label") or n
        title = f"<title>{_esc(label)}</title>"
        common = f'data-node="{_esc(n)}" tabindex="0" transform="translate({x},{y})"'
        if t == "document":
            fill = GRADE_COLOURS[grade_key(d.get("overall")) or "none"]
            shape = ('<rect x="-7" y="-7" width="14" height="14"' if d.get("secondary")
                     else '<circle r="9"')  # fmt: skip
            text = _esc(kind_label(d.get("kind"), d.get("framework")))
            out.append(f'<g class="node document" data-date="{_esc(d.get("date", ""))}" {common}>'
                       f'{title}{shape} fill="{fill}"/>'
                       f'<text class="nlabel" y="-13">{text}</text></g>')  # fmt: skip
        elif t == "event":
            colour = _EVENT_COLOURS.get(str(d.get("kind")), "#666666")
            fill = colour if d.get("text_held") else "#ffffff"
            out.append(f'<g class="node event" data-date="{_esc(d.get("date", ""))}" {common}>'
                       f'{title}<rect x="-5" y="-5" width="10" height="10" transform="rotate(45)" '
                       f'fill="{fill}" stroke="{colour}" stroke-width="2"/></g>')  # fmt: skip
        elif t == "theme":
            r = 4 + 2 * math.sqrt(float(d.get("n_documents", 1) or 1))
            colour = palette.get(d.get("group") or "other", "#888888")
            short = str(label) if len(str(label)) <= 26 else str(label)[:25] + "…"
            out.append(f'<g class="node theme" {common}>{title}'
                       f'<circle r="{r:.1f}" fill="{colour}"/>'
                       f'<text class="tlabel" y="{r + 11:.1f}">{_esc(short)}</text></g>')  # fmt: skip
    out.append("</g></svg>")
    return "".join(out)


def interactive_graph_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    width: int = _WIDTH,
) -> str:
    """Render a theme graph as one self-contained interactive HTML page.

    Parameters
    ----------
    G
        A theme graph (:func:`ofstedmine.build_theme_graph`).
    path
        Also write the page to this file (UTF-8).
    title
        Page title (default: the graph's authorities).
    width
        Width of the drawing in pixels.

    Returns
    -------
    str
        The HTML page. It makes no network request: everything is inline.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("doc:ab", type="document", label="<b>x</b>", date="2020-01-01", authority="leeds")
    >>> page = interactive_graph_html(G)
    >>> "<b>x</b>" in page, "&lt;b&gt;x&lt;/b&gt;" in page
    (False, True)
    """
    layout = graph_layout(G, width=width)
    edge_list = [(i, u, v, k, e) for i, (u, v, k, e) in
                 enumerate(G.edges(keys=True, data=True))]  # fmt: skip
    nodes = [_node_record(n, d) for n, d in G.nodes(data=True) if n in layout["pos"]]
    edges = [_edge_record(i, u, v, k, e, G) for i, u, v, k, e in edge_list
             if u in layout["pos"] and v in layout["pos"] and k != "cooccurs"]  # fmt: skip
    dates = sorted({n["date"][:10] for n in nodes if n.get("date") and n["type"] != "theme"})
    authorities = [a for a, _ in layout["lanes"] if a]
    data = {"nodes": nodes, "edges": edges, "dates": dates}
    heading = title or "Theme graph: " + (
        ", ".join(a.replace("_", " ").title() for a in authorities) or "empty"
    )
    script = _JS
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
           "img-src data:; base-uri 'none'; form-action 'none'")  # fmt: skip
    options = "".join(f'<option value="{_esc(a)}">{_esc(a.replace("_", " ").title())}</option>'
                      for a in authorities)  # fmt: skip
    auth_control = (f'<label>authority <select id="authority"><option value="">all</option>'
                    f"{options}</select></label>" if len(authorities) > 1 else "")  # fmt: skip
    leans = (("concern", "mostly concern", -1.0), ("both", "both", 0.0),
             ("strength", "mostly strength", 1.0), ("neutral", "neutral", None))  # fmt: skip
    pol_controls = "".join(
        f'<label><input type="checkbox" data-polarity="{p}" checked> '
        f'<span style="color:{_lean_colour(b)}">{text}</span></label>'
        for p, text, b in leans
    )
    grades = "".join(f'<span style="background:{GRADE_COLOURS[g]}"></span>{_esc(GRADE_SHORT[g])}'
                     for g in ("inadequate", "requires_improvement", "good", "outstanding"))  # fmt: skip
    n_docs = sum(1 for n in nodes if n["type"] == "document")
    n_events = sum(1 for n in nodes if n["type"] == "event")
    n_themes = sum(1 for n in nodes if n["type"] == "theme")
    page = _PAGE.format(
        csp=csp,
        heading=_esc(heading),
        css=_CSS,
        n_docs=n_docs,
        n_events=n_events,
        n_themes=n_themes,
        grades=grades,
        time_max=max(len(dates) - 1, 0),
        auth_control=auth_control,
        pol_controls=pol_controls,
        svg=_svg(G, layout, edge_list, width),
        data=_json_for_script(data),
        script=script,
    )
    if path is not None:
        from pathlib import Path

        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    return page
