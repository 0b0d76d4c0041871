"""How long each theme stays a concern, read from the theme graph.

The chain
    An authority's documents whose text is held, not counting news and council
    minutes, in time order (:func:`~ofstedmine.analysis.graph.document_chain`):
    inspections, focused visits, monitoring letters, JTAI letters. Events without
    text are not in it: a visit whose letter is not held says nothing either way.

Raised as a concern (a document's verdict)
    By the persistence criterion of ``LABELLING.md``
    (:func:`~ofstedmine.analysis.graph.document_verdict`, the ``verdict`` of the
    ``raises`` edge): the theme is in the document's improvement list or priority
    actions, or criticised (a confident concern or mixed finding) in its summary,
    headline or key findings, or criticised in at least two body sentences. A single
    passing criticism is not enough. A document *praises* a theme when a confident
    strength finding on it stands in a summary or leads a paragraph. Verdicts:
    ``concern``, ``praise``, ``both``, ``absent``.

``still_a_concern``
    The latest document of the chain raises it.

Status (the first rule that applies)
    ``new``
        raised only by the latest document.
    ``persistent``
        the latest document raises it, and so do most documents of the chain from
        the first that raised it (more than half of them).
    ``improving_but_still_raised``
        not persistent; the latest document raises it and also praises it.
    ``recurring``
        not persistent; the latest document raises it, after documents that did not.
    ``resolved``
        raised before; the latest document does not raise it and praises it.
    ``no_longer_raised``
        raised before; the latest document mentions it without raising or praising it.
    ``no_longer_mentioned``
        raised before; the latest document has no finding on it.
    ``not_raised``
        no document of the chain raises it (it is mentioned only).

``trend``
    How the balance (confident strength minus confident concern findings, over all
    findings on the theme, from -1 to +1) moved from the first document mentioning it
    to the latest: ``better``, ``worse`` or ``steady`` (within 0.25).

``n_after``, ``improved_later`` and ``longest_run`` are in the frame so that a
reader can apply a stricter rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ofstedmine.analysis.graph import authorities_of, build_theme_graph, document_chain
from ofstedmine.analysis.repeats import find_repeats, resolve_authority

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = [
    "BOTH_COLUMNS",
    "VERDICT_COLUMNS",
    "PERSISTENCE_COLUMNS",
    "REPORT_COLUMNS",
    "STATUSES",
    "as_graph",
    "concerns_in_both",
    "default_comparison",
    "find_report",
    "persistence",
    "persistence_matrix",
    "persistence_report",
    "status_of",
    "verdict_table",
]

STATUSES = (
    "new",
    "improving_but_still_raised",
    "persistent",
    "recurring",
    "resolved",
    "no_longer_raised",
    "no_longer_mentioned",
    "not_raised",
)
PERSISTENCE_COLUMNS = [
    "authority",
    "theme",
    "label",
    "group",
    "status",
    "still_a_concern",
    "trend",
    "verdicts",
    "praised_documents",
    "first_concern_quote",
    "first_concern_page",
    "first_concern_link",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_concern_link",
    "latest_praise_quote",
    "latest_praise_page",
    "latest_praise_link",
    "n_documents",
    "n_concern_documents",
    "concern_documents",
    "concern_dates",
    "first_raised",
    "first_kind",
    "last_raised",
    "last_kind",
    "longest_run",
    "n_runs",
    "gaps",
    "n_after",
    "improved_later",
    "improved_in",
    "repeated_wording",
    "n_repeats",
    "first_quote",
    "first_page",
    "first_document",
    "last_quote",
    "last_page",
    "last_document",
    "improved_quote",
    "improved_page",
    "improved_document",
]
BOTH_COLUMNS = [
    "authority",
    "theme",
    "label",
    "group",
    "document_a",
    "date_a",
    "concern_a",
    "quote_a",
    "page_a",
    "document_b",
    "date_b",
    "concern_b",
    "quote_b",
    "page_b",
    "latest_document",
    "latest_date",
    "latest_says",
    "latest_concern",
    "latest_improved",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_improved_quote",
    "latest_improved_page",
]
REPORT_COLUMNS = [
    "authority",
    "theme",
    "label",
    "status",
    "in_both",
    "latest_says",
    "n_concern_documents",
    "first_raised",
    "last_raised",
    "longest_run",
    "n_runs",
    "repeated_wording",
    "first_quote",
    "first_page",
    "last_quote",
    "last_page",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_improved_quote",
    "latest_improved_page",
]


def as_graph(source: Corpus | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The theme graph of a corpus (built without events), or the graph itself."""
    if isinstance(source, nx.Graph):
        return source
    return build_theme_graph(source, events=False)


# ---------------------------------------------------------------- persistence


def persistence(
    source: Corpus | nx.MultiDiGraph,
    *,
    authority: str | Iterable[str] | None = None,
    repeats: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per authority and theme: where it is raised as a concern, runs, gaps, status.

    Parameters
    ----------
    source
        A corpus or its theme graph.
    authority
        One or more authorities (id, name or URN); all by default.
    repeats
        Output of :func:`~ofstedmine.analysis.repeats.find_repeats` to use for
        ``repeated_wording``; computed from the graph when not given.

    Returns
    -------
    pandas.DataFrame
        One row per authority and theme raised as a concern at least once,
        columns :data:`PERSISTENCE_COLUMNS`:

        ===================  ==================================================
        authority            registry id
        theme, label, group  the theme's codebook id, label and group
        status               see the module docstring
        n_documents          documents in the authority's chain
        n_concern_documents  documents raising the theme as a concern
        concern_documents    their node ids (tuple, time order)
        concern_dates        their dates (tuple of ISO strings)
        first_raised         date of the first (Timestamp) ...
        first_kind           ... and its document kind
        last_raised          date of the last concern, and
        last_kind            its kind
        longest_run          most consecutive chain documents raising it
        n_runs               number of such runs
        gaps                 tuple: documents not raising it between runs
        n_after              chain documents after the last concern
        improved_later       a document after the last concern reports it improved
        improved_in          node id of the first such document
        repeated_wording     a near-verbatim repeat on the theme, one side a concern
        n_repeats            number of such pairs
        first_quote ...      first concern quote in the first document, its page
                             and document id (sha256); ``last_*`` the same for
                             the last concern document; ``improved_*`` the first
                             improvement quote after the last concern
        ===================  ==================================================

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> persistence(Corpus()).shape[0]
    0
    """
    G = as_graph(source)
    if repeats is None:
        repeats = find_repeats(G, authority=authority)
    rows = []
    for auth in _authorities(G, authority):
        chain = document_chain(G, auth)
        for theme, by_pos in sorted(_theme_edges(G, chain).items()):
            row = _persistence_row(G, auth, theme, chain, by_pos, repeats)
            if row is not None:
                rows.append(row)
    df = pd.DataFrame(rows, columns=PERSISTENCE_COLUMNS)
    for c in ("first_raised", "last_raised"):
        df[c] = pd.to_datetime(df[c])
    return _int_columns(df)


#: The columns of ``ofstedmine persistence AUTHORITY --csv`` (a stable contract).
VERDICT_COLUMNS = [
    "theme",
    "label",
    "status",
    "still_a_concern",
    "concern_documents",
    "praised_documents",
    "first_raised",
    "last_raised",
    "first_concern_quote",
    "first_concern_page",
    "first_concern_link",
    "latest_concern_quote",
    "latest_concern_page",
    "latest_concern_link",
    "latest_praise_quote",
    "latest_praise_page",
    "latest_praise_link",
    "trend",
    "verdicts",
]


def verdict_table(source: Corpus | nx.MultiDiGraph, authority: str) -> pd.DataFrame:
    """One authority's verdict on every theme its documents mention: the CSV contract.

    Columns :data:`VERDICT_COLUMNS`: ``still_a_concern`` a bool; ``concern_documents``
    and ``praised_documents`` the ISO publication dates of the documents raising /
    praising the theme, ``;``-separated; ``first_raised`` and ``last_raised`` ISO dates
    (empty when never raised); the first and latest concern and the latest praise, each
    as quote, page and link (``URL#page=N``); ``verdicts`` each chain document's
    verdict, ``;``-separated, in time order. Sorted: still a concern first, then by the
    number of documents raising it.

    >>> from ofstedmine.corpus import Corpus
    >>> list(verdict_table(Corpus(), "bradford").columns) == VERDICT_COLUMNS
    True
    """
    G = as_graph(source)
    auth = resolve_authority(authority)
    per = persistence(G, authority=auth)
    if not len(per):
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    chain = document_chain(G, auth)
    published = {
        G.nodes[c].get("date"): G.nodes[c].get("published") or G.nodes[c].get("date") for c in chain
    }

    def dates(values: tuple) -> str:
        return ";".join(published.get(d) or d for d in values if d)

    out = pd.DataFrame(
        {
            "theme": per["theme"],
            "label": per["label"],
            "status": per["status"],
            "still_a_concern": per["still_a_concern"].astype(bool),
            "concern_documents": per["concern_dates"].map(dates),
            "praised_documents": per["praised_documents"].map(dates),
            "first_raised": per["first_raised"].dt.strftime("%Y-%m-%d"),
            "last_raised": per["last_raised"].dt.strftime("%Y-%m-%d"),
            **{c: per[c] for c in VERDICT_COLUMNS[8:18]},
            "verdicts": per["verdicts"].map(";".join),
        }
    )
    out = out.assign(_n=per["n_concern_documents"].astype(int))
    out = out.sort_values(["still_a_concern", "_n", "theme"], ascending=[False, False, True])
    return out.drop(columns="_n").reset_index(drop=True)[VERDICT_COLUMNS]


def _int_columns(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        counted = c.endswith("_page") or c.startswith(("page_", "n_", "concern_"))
        if counted and c not in ("concern_documents", "concern_dates"):
            df[c] = df[c].astype("Int64")
    return df


def _authorities(G: nx.MultiDiGraph, authority: str | Iterable[str] | None) -> list[str]:
    present = authorities_of(G)
    if authority is None:
        return sorted(present)
    names = [authority] if isinstance(authority, (str, int)) else list(authority)
    return sorted({resolve_authority(n) for n in names} & present)


def _theme_edges(G: nx.MultiDiGraph, chain: list[str]) -> dict[str, dict[int, dict]]:
    out: dict[str, dict[int, dict]] = {}
    for pos, node in enumerate(chain):
        for _, t, k, d in G.out_edges(node, keys=True, data=True):
            if k == "raises":
                out.setdefault(t, {})[pos] = d
    return out


def _concern(d: dict | None) -> bool:
    return bool(d) and d.get("verdict", _legacy_verdict(d)) in ("concern", "both")


def _praise(d: dict | None) -> bool:
    return bool(d) and d.get("verdict", _legacy_verdict(d)) in ("praise", "both")


def _legacy_verdict(d: dict) -> str:
    # a graph written before edges carried verdicts: its counts, by the same rule
    from ofstedmine.analysis.graph import document_verdict

    return document_verdict(d)


def _improved(d: dict | None) -> int:
    return d.get("improved", 0) if d else 0


def _balance(d: dict | None) -> float | None:
    """Confident strength minus confident concern findings, over all, from -1 to +1."""
    if not d:
        return None
    good = sum(1 for ev in d.get("evidence", ()) if _confident(ev, ("strength",)))
    bad = sum(1 for ev in d.get("evidence", ()) if _confident(ev, ("concern", "mixed")))
    return (good - bad) / (good + bad) if good + bad else 0.0


def _runs(positions: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for p in positions:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def status_of(verdicts: list[str]) -> str:
    """The status of a theme from its documents' verdicts, in chain order.

    Each verdict is ``concern``, ``praise``, ``both`` or ``absent`` (the theme is
    mentioned without being raised or praised), or ``""`` where the document has
    no finding on the theme. The rules are in the module docstring.

    >>> status_of(["concern", "concern", "absent", "concern"])
    'persistent'
    >>> status_of(["concern", "", "", "concern"]), status_of(["concern", "praise"])
    ('recurring', 'resolved')
    >>> status_of(["concern", "", "", "both"]), status_of(["concern", ""])
    ('improving_but_still_raised', 'no_longer_mentioned')
    >>> status_of(["", "", "concern"]), status_of(["absent", "praise"])
    ('new', 'not_raised')
    """
    raised = [i for i, v in enumerate(verdicts) if v in ("concern", "both")]
    if not raised:
        return "not_raised"
    latest = verdicts[-1]
    n = len(verdicts)
    if latest in ("concern", "both"):
        if raised == [n - 1]:
            return "new"
        if len(raised) * 2 > n - raised[0]:
            return "persistent"  # LABELLING.md: raised in most documents, and the latest
        if latest == "both":
            return "improving_but_still_raised"
        return "recurring"
    if latest == "praise":
        return "resolved"
    return "no_longer_raised" if latest == "absent" else "no_longer_mentioned"


def _trend(balances: list[float | None]) -> str | None:
    seen = [b for b in balances if b is not None]
    if len(seen) < 2:
        return None
    delta = seen[-1] - seen[0]
    return "better" if delta > 0.25 else "worse" if delta < -0.25 else "steady"


# a criticism in the summary reads better as evidence than an improvement item (an
# instruction), which reads better than a sentence of the body
_SALIENCE = {"summary": 3, "improvement_list": 2, "body": 0}


def _confident(ev: dict, polarities: tuple[str, ...]) -> bool:
    from ofstedmine.types import EVIDENCE_THRESHOLD

    conf = ev.get("confidence")
    return ev.get("polarity") in polarities and (conf is None or conf >= EVIDENCE_THRESHOLD)


def _quote(d: dict, want: str) -> dict | None:
    """The most salient confident evidence of a kind: ``concern`` (concern or mixed
    findings and improvement items) or ``praise`` (strength findings).

    Salience: a summary sentence, then an improvement item, then a sentence that
    leads its paragraph; then confidence; then text order.
    """
    polarities = ("strength",) if want == "praise" else ("concern", "mixed")
    found = [ev for ev in d.get("evidence", ()) if _confident(ev, polarities)]
    if not found:
        return None

    def rank(ev: dict) -> tuple:
        return (
            -_SALIENCE.get(ev.get("position", "body"), 0)
            - (1 if ev.get("leads") and ev.get("position", "body") == "body" else 0),
            ev.get("polarity") == "mixed",
            -(ev.get("confidence") or 0),
            ev.get("start", 0),
        )

    return min(found, key=rank)


def _persistence_row(G, auth, theme, chain, by_pos, repeats) -> dict[str, Any] | None:
    n = len(chain)
    verdicts = []
    for p in range(n):
        d = by_pos.get(p)
        verdicts.append(d.get("verdict", _legacy_verdict(d)) if d else "")
    concerns = [p for p in range(n) if _concern(by_pos.get(p))]
    praised = [p for p in range(n) if _praise(by_pos.get(p))]
    tnode = G.nodes[theme]
    tid = tnode.get("theme", theme.removeprefix("theme:"))
    dates = [G.nodes[c].get("date") for c in chain]
    row: dict[str, Any] = {
        "authority": auth,
        "theme": tid,
        "label": tnode.get("label"),
        "group": tnode.get("group"),
        "status": status_of(verdicts),
        "still_a_concern": bool(n) and verdicts[-1] in ("concern", "both"),
        "trend": _trend([_balance(by_pos.get(p)) for p in range(n)]),
        "verdicts": tuple(v or "none" for v in verdicts),
        "praised_documents": tuple(dates[p] for p in praised),
        "n_documents": n,
        "n_concern_documents": len(concerns),
        "concern_documents": tuple(chain[p] for p in concerns),
        "concern_dates": tuple(dates[p] for p in concerns),
    }
    runs = _runs(concerns)
    first = concerns[0] if concerns else None
    last = concerns[-1] if concerns else None
    later_good = [p for p in praised if last is not None and p > last]
    row.update(
        {
            "first_raised": dates[first] if first is not None else None,
            "first_kind": G.nodes[chain[first]].get("kind") if first is not None else None,
            "last_raised": dates[last] if last is not None else None,
            "last_kind": G.nodes[chain[last]].get("kind") if last is not None else None,
            "longest_run": max((len(r) for r in runs), default=0),
            "n_runs": len(runs),
            "gaps": tuple(b[0] - a[-1] - 1 for a, b in zip(runs, runs[1:])),
            "n_after": n - 1 - last if last is not None else None,
            "improved_later": bool(later_good),
            "improved_in": chain[later_good[0]] if later_good else None,
        }
    )
    mine = _repeats_on(repeats, auth, tid)
    row["repeated_wording"] = bool(len(mine))
    row["n_repeats"] = len(mine)
    latest_praise = praised[-1] if praised else None
    for prefix, pos, want in (
        ("first_concern", first, "concern"),
        ("latest_concern", last, "concern"),
        ("latest_praise", latest_praise, "praise"),
    ):
        ev = _quote(by_pos[pos], want) if pos is not None else None
        row[f"{prefix}_quote"] = ev["quote"] if ev else None
        row[f"{prefix}_page"] = ev["page"] if ev else None
        row[f"{prefix}_link"] = ev.get("url") if ev else None
    # the older names, kept for readers of earlier releases
    for old, new in (
        ("first", "first_concern"),
        ("last", "latest_concern"),
        ("improved", "latest_praise"),
    ):
        row[f"{old}_quote"] = row[f"{new}_quote"]
        row[f"{old}_page"] = row[f"{new}_page"]
    for old, pos in (("first", first), ("last", last), ("improved", latest_praise)):
        row[f"{old}_document"] = G.nodes[chain[pos]].get("document_id") if pos is not None else None
    return row


def _repeats_on(repeats: pd.DataFrame | None, auth: str, theme: str) -> pd.DataFrame:
    if repeats is None or not len(repeats):
        return pd.DataFrame()
    keep = (repeats["authority"] == auth) & ~repeats["boilerplate"].astype(bool)
    keep &= repeats["themes_a"].map(lambda t: theme in t)
    keep &= repeats["themes_b"].map(lambda t: theme in t)
    keep &= (repeats["polarity_a"] == "concern") | (repeats["polarity_b"] == "concern")
    return repeats[keep]


# --------------------------------------------------------------------- matrix


def persistence_matrix(
    source: Corpus | nx.MultiDiGraph,
    *,
    authority: str | Iterable[str] | None = None,
    values: str = "net",
) -> pd.DataFrame:
    """Theme by document (time order) table, ready for a heatmap.

    ``values``:

    * ``"net"``: strength findings minus concerns (concern findings and
      recommendations) on the theme in the document: ``+n`` mostly praised,
      ``-n`` mostly criticised, 0 when balanced or absent;
    * ``"concern"``: minus the number of concerns; ``"strength"``: the number of
      strength findings;
    * ``"category"``: the ``raises`` edge's polarity (``concern``, ``strength``,
      ``mixed``, ``neutral``) or ``"none"``.

    Rows are theme ids (sorted), columns short document labels (``"<date>
    <kind>"``, the authority first when there are several). ``df.attrs
    ["documents"]`` lists each column's node id, authority, date and kind.

    >>> from ofstedmine.corpus import Corpus
    >>> persistence_matrix(Corpus()).shape
    (0, 0)
    """
    if values not in ("net", "concern", "strength", "category"):
        raise ValueError(f"values must be net, concern, strength or category, not {values!r}")
    G = as_graph(source)
    auths = _authorities(G, authority)
    columns, meta, cells = [], [], {}
    for auth in auths:
        for node in document_chain(G, auth):
            d = G.nodes[node]
            label = f"{d.get('date', '?')} {d.get('kind', '')}".strip()
            if len(auths) > 1:
                label = f"{auth} {label}"
            while label in columns:
                label += "'"
            columns.append(label)
            meta.append(
                {
                    "column": label,
                    "node": node,
                    "authority": auth,
                    "date": d.get("date"),
                    "kind": d.get("kind"),
                }
            )
            for _, t, k, e in G.out_edges(node, keys=True, data=True):
                if k == "raises":
                    cells[G.nodes[t].get("theme", t), label] = e
    themes = sorted({t for t, _ in cells})
    fill: Any = "none" if values == "category" else 0
    df = pd.DataFrame(fill, index=pd.Index(themes, name="theme"), columns=columns)
    for (t, c), e in cells.items():
        if values == "category":
            df.loc[t, c] = e.get("polarity", "neutral")
        elif values == "net":
            df.loc[t, c] = e.get("strength", 0) - _n_concern(e)
        elif values == "concern":
            df.loc[t, c] = -_n_concern(e)
        else:
            df.loc[t, c] = e.get("strength", 0)
    if values != "category":
        df = df.astype(int)
    df.attrs["documents"] = meta
    return df


# ------------------------------------------------------- two inspections, then


def find_report(G: nx.MultiDiGraph, spec: str, *, authority: str | None = None) -> str:
    """The node id of a document named by node id, sha256 (or a prefix of 8+ hex
    digits) or ISO date (publication, time-order or fieldwork date; full
    inspections preferred when several documents share it)."""
    spec = str(spec).strip()
    for cand in (spec, f"doc:{spec}"):
        if cand in G and G.nodes[cand].get("type") == "document":
            return cand
    docs = [
        (n, d)
        for n, d in G.nodes(data=True)
        if d.get("type") == "document"
        and not d.get("secondary")
        and (authority is None or d.get("authority") == authority)
    ]
    hits = sorted(n for n, d in docs if d.get("document_id", "").startswith(spec.lower()))
    if not hits:
        fields = ("date", "published", "inspection_start", "inspection_end", "letter_date")
        hits = [n for n, d in docs if spec in (d.get(f) for f in fields)]
        hits.sort(key=lambda n: (G.nodes[n].get("kind") != "full_inspection", n))
    if not hits:
        raise KeyError(
            f"no document {spec!r}"
            + (f" of {authority!r}" if authority else "")
            + " in the graph: give a node id, a sha256 (prefix) or an ISO date"
        )
    return hits[0]


def _n_concern(d: dict) -> int:
    return d.get("concern", 0) + d.get("recommendations", 0)


def _latest_says(d: dict | None) -> str:
    if not d:
        return "not_mentioned"
    return {"both": "mixed", "concern": "still_a_concern", "praise": "improved"}.get(
        d.get("verdict", _legacy_verdict(d)), "mentioned"
    )


def concerns_in_both(
    source: Corpus | nx.MultiDiGraph,
    doc_a: str,
    doc_b: str,
    *,
    latest: str | None = None,
) -> pd.DataFrame:
    """Themes raised as concerns in two chosen documents, and what a later one says.

    Parameters
    ----------
    source
        A corpus or its theme graph.
    doc_a, doc_b
        The two documents (node id, sha256 prefix or ISO date; see
        :func:`find_report`), for example an authority's two inadequate
        inspections.
    latest
        The document to read each theme in; by default the authority's latest full
        inspection after ``doc_b``, else its latest document after ``doc_b``.

    Returns
    -------
    pandas.DataFrame
        One row per theme raised as a concern in both, columns
        :data:`BOTH_COLUMNS`: for each of the two documents its node id, date,
        number of concerns and first concern quote with page; for the latest
        document its node id, date and ``latest_says``:

        * ``still_a_concern``: concern findings, recommendations or mixed findings
          name the theme and nothing reports it improved;
        * ``improved``: strength findings (or findings with an improvement cue)
          name it and nothing raises it;
        * ``mixed``: both;
        * ``mentioned``: only neutral findings name it;
        * ``not_mentioned``: the document does not name it (also when there is no
          later document).

        with the counts and the first quote and page of each side.
    """
    G = as_graph(source)
    a = find_report(G, doc_a)
    auth = G.nodes[a].get("authority")
    b = find_report(G, doc_b, authority=auth)
    if _order(G, b) < _order(G, a):
        a, b = b, a
    chain = document_chain(G, auth)
    if latest is not None:
        last = find_report(G, latest, authority=auth)
    else:
        after = chain[chain.index(b) + 1 :] if b in chain else []
        full = [n for n in after if G.nodes[n].get("kind") == "full_inspection"]
        last = (full or after or [None])[-1]
    ea, eb = _raises(G, a), _raises(G, b)
    el = _raises(G, last) if last else {}
    rows = []
    for t in sorted(set(ea) & set(eb)):
        if not (_concern(ea[t]) and _concern(eb[t])):
            continue
        qa, qb = _quote(ea[t], "concern"), _quote(eb[t], "concern")
        dl = el.get(t)
        ql_bad = _quote(dl, "concern") if dl else None
        ql_good = _quote(dl, "praise") if dl else None
        tn = G.nodes[t]
        rows.append(
            {
                "authority": auth,
                "theme": tn.get("theme", t),
                "label": tn.get("label"),
                "group": tn.get("group"),
                "document_a": a,
                "date_a": G.nodes[a].get("date"),
                "concern_a": _n_concern(ea[t]),
                "quote_a": qa and qa["quote"],
                "page_a": qa and qa["page"],
                "document_b": b,
                "date_b": G.nodes[b].get("date"),
                "concern_b": _n_concern(eb[t]),
                "quote_b": qb and qb["quote"],
                "page_b": qb and qb["page"],
                "latest_document": last,
                "latest_date": G.nodes[last].get("date") if last else None,
                "latest_says": _latest_says(dl),
                "latest_concern": _n_concern(dl) if dl else 0,
                "latest_improved": _improved(dl),
                "latest_concern_quote": ql_bad and ql_bad["quote"],
                "latest_concern_page": ql_bad and ql_bad["page"],
                "latest_improved_quote": ql_good and ql_good["quote"],
                "latest_improved_page": ql_good and ql_good["page"],
            }
        )
    df = _int_columns(pd.DataFrame(rows, columns=BOTH_COLUMNS))
    for c in ("page_a", "page_b", "latest_concern", "latest_improved"):
        df[c] = df[c].astype("Int64")
    for c in ("date_a", "date_b", "latest_date"):
        df[c] = pd.to_datetime(df[c])
    df.attrs.update(document_a=a, document_b=b, latest=last)
    return df


def _order(G: nx.MultiDiGraph, node: str) -> tuple:
    d = G.nodes[node]
    return (d.get("date") or "9999-12-31", d.get("seq", 0))


def _raises(G: nx.MultiDiGraph, node: str) -> dict[str, dict]:
    return {t: d for _, t, k, d in G.out_edges(node, keys=True, data=True) if k == "raises"}


def default_comparison(G: nx.MultiDiGraph, authority: str) -> tuple[str, str] | None:
    """The two inspections to compare by default: the last two full inspections
    graded inadequate overall; else the two full inspections before the latest;
    None when the authority has fewer full inspections than that."""
    chain = document_chain(G, authority)
    full = [n for n in chain if G.nodes[n].get("kind") == "full_inspection"]
    bad = [n for n in full if G.nodes[n].get("overall") == "inadequate"]
    if len(bad) >= 2:
        return bad[-2], bad[-1]
    if len(full) >= 3:
        return full[-3], full[-2]
    return None


def persistence_report(
    source: Corpus | nx.MultiDiGraph,
    authority: str,
    *,
    compare: tuple[str, str] | None = None,
    latest: str | None = None,
) -> pd.DataFrame:
    """The persistence table of one authority as the CLI and HTML report print it.

    Every theme the authority's documents raised as a concern, with its status
    (see the module docstring), whether it was raised in both compared
    inspections (``in_both``; by default the last two inspections graded
    inadequate, see :func:`default_comparison`), and what the latest full
    inspection says of it (``latest_says``, as in :func:`concerns_in_both`),
    with quotes and pages. Rows: themes raised in both first, then by number of
    concern documents. ``df.attrs`` names the compared and latest documents.

    Columns: :data:`REPORT_COLUMNS`.

    >>> from ofstedmine.corpus import Corpus
    >>> list(persistence_report(Corpus(), "bradford").columns) == REPORT_COLUMNS
    True
    """
    G = as_graph(source)
    auth = resolve_authority(authority)
    per = persistence(G, authority=auth)
    if compare is None and auth in authorities_of(G):
        compare = default_comparison(G, auth)
    both = pd.DataFrame(columns=BOTH_COLUMNS)
    if compare is not None:
        both = concerns_in_both(G, compare[0], compare[1], latest=latest)
    chain = document_chain(G, auth) if auth in authorities_of(G) else []
    if latest is not None:
        last = find_report(G, latest, authority=auth)
    elif len(both):
        last = both.attrs.get("latest")
    else:
        full = [n for n in chain if G.nodes[n].get("kind") == "full_inspection"]
        last = (full or chain or [None])[-1]
    in_both = set(both["theme"])
    el = _raises(G, last) if last else {}
    out = per.copy()
    out["in_both"] = out["theme"].isin(in_both)
    says, cq, cp, iq, ip = [], [], [], [], []
    for t in out["theme"]:
        d = el.get(f"theme:{t}")
        bad = _quote(d, "concern") if d else None
        good = _quote(d, "praise") if d else None
        says.append(_latest_says(d))
        cq.append(bad and bad["quote"])
        cp.append(bad and bad["page"])
        iq.append(good and good["quote"])
        ip.append(good and good["page"])
    out["latest_says"] = says
    out["latest_concern_quote"], out["latest_concern_page"] = cq, cp
    out["latest_improved_quote"], out["latest_improved_page"] = iq, ip
    out = out.sort_values(
        ["in_both", "n_concern_documents", "theme"], ascending=[False, False, True]
    )
    out = _int_columns(out.reindex(columns=REPORT_COLUMNS).reset_index(drop=True))
    out.attrs.update(
        authority=auth,
        compared=tuple(compare) if compare else None,
        latest=last,
        latest_date=G.nodes[last].get("date") if last else None,
    )
    return out
