"""The theme graph: documents in time order, dated events, themes, and the evidence.

:func:`build_theme_graph` turns a :class:`~ofstedmine.corpus.Corpus` into one plain
:class:`networkx.MultiDiGraph`. Every attribute is listed in the docstring of
:func:`build_theme_graph` (and in ``docs/theme-graph.md``); persistence, tracking
and the exporters in :mod:`ofstedmine.io.graph` read nothing else.

Values that are unknown are left out (never ``None``), dates are ISO strings, and
lists and dicts are plain Python lists and dicts, so the graph survives a round
trip through GraphML, GEXF and node-link JSON (see :mod:`ofstedmine.io.graph`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from ofstedmine.types import (
    Document,
    DocumentKind,
    Event,
    EventKind,
    Extraction,
    FindingPosition,
    Polarity,
)

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus

__all__ = [
    "GRAPH_SCHEMA",
    "SECONDARY_KINDS",
    "authorities_of",
    "build_theme_graph",
    "document_chain",
    "document_verdict",
    "iter_reports",
    "node_id_of",
    "reports_improvement",
]

#: Version of the node and edge attributes below; bumped when they change.
GRAPH_SCHEMA = "ofstedmine.theme_graph/1"
#: Document kinds that report on inspections rather than being one.
SECONDARY_KINDS = frozenset({DocumentKind.NEWS.value, DocumentKind.COUNCIL_MINUTES.value})

#: Cues that mark a finding as reporting improvement (matched case-insensitively).
_IMPROVED_CUE = re.compile(r"improv|progress|better|strengthen|stronger", re.IGNORECASE)
#: How far a listed event may be from a held document of the same kind and still be it.
_MATCH_DAYS = 120
_EVENT_FOR_DOC = {
    DocumentKind.FULL_INSPECTION.value: EventKind.INSPECTION.value,
    DocumentKind.JOINT_AREA_REVIEW.value: EventKind.INSPECTION.value,
    DocumentKind.MONITORING_VISIT.value: EventKind.MONITORING_VISIT.value,
    DocumentKind.FOCUSED_VISIT.value: EventKind.FOCUSED_VISIT.value,
    DocumentKind.JTAI.value: EventKind.JTAI.value,
    DocumentKind.DFE_DIRECTION.value: EventKind.DFE_DIRECTION.value,
    DocumentKind.DFE_IMPROVEMENT_NOTICE.value: EventKind.DFE_IMPROVEMENT_NOTICE.value,
}


def build_theme_graph(
    corpus: Corpus,
    *,
    events: bool = True,
    cooccurrence: bool = False,
    min_count: int = 1,
) -> nx.MultiDiGraph:
    """One graph of a corpus: documents and events in time order, themes, evidence.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus` (one or many authorities).
    events
        Add the corpus's dated events without text (monitoring visits from the
        statistics, DfE notices, a trust's start) to each authority's chain. An
        event that is a held document (its ``document_id`` is in the corpus, or a
        document of the matching kind and authority was published within 120 days
        after it) is not added twice.
    cooccurrence
        Add theme-to-theme ``cooccurs`` edges.
    min_count
        Leave out ``raises`` edges backed by fewer findings and recommendations,
        and ``cooccurs`` edges of smaller weight.

    Returns
    -------
    networkx.MultiDiGraph
        Edge keys are the edge types (at most one edge of a type joins two nodes).
        Unknown values are left out, never ``None``. Dates are ISO strings.

        Graph attributes: ``name``, ``schema`` (:data:`GRAPH_SCHEMA`),
        ``authorities`` (list of registry ids).

        **Document nodes** ``doc:<sha256>``, or ``doc:<sha256>#<part>`` for each
        report of a file holding several:

        ==================  =====================================================
        type                ``"document"``
        label               short title, e.g. ``"Bradford full_inspection 2018-10-29"``
        document_id         sha256 of the file
        part                1-based report number within the file
        kind                a :class:`~ofstedmine.types.DocumentKind` value
        framework           a :class:`~ofstedmine.types.Framework` value
        authority           registry id, e.g. ``"bradford"``
        authority_name      printed name, when known
        date                the time-order date (publication, else letter, else
                            end of fieldwork)
        published           publication date
        inspection_start    first day of fieldwork
        inspection_end      last day of fieldwork
        letter_date         date of a letter
        overall             overall effectiveness grade (a Grade value)
        grade_<area>        one per area graded (``grade_help_and_protection``, ...)
        url                 source URL
        text_held           ``True``
        secondary           ``True`` for news and council minutes (not in the chain)
        seq                 position in the corpus's time order (breaks date ties)
        n_findings          number of findings
        n_recommendations   number of recommendations
        start               = ``date``, for Gephi's timeline
        ==================  =====================================================

        **Event nodes** ``event:<authority>:<date>:<kind>`` (``:2``, ``:3`` on
        repeats), dated facts with no text held:

        ==================  =====================================================
        type                ``"event"``
        label               the event's title
        kind                an :class:`~ofstedmine.types.EventKind` value
        authority           registry id
        date                ISO date (first day of the month/year when imprecise)
        date_precision      ``day``, ``month`` or ``year``
        source              where the fact comes from (``statistics``, ``events.csv``)
        source_url          the source's URL, when known
        themes              list of visit themes (statistics), possibly empty
        note                free-text note, when given
        text_held           ``False``
        seq                 position among the events (breaks date ties)
        start               = ``date``
        ==================  =====================================================

        **Theme nodes** ``theme:<id>``:

        ==================  =====================================================
        type                ``"theme"``
        theme               the codebook id, e.g. ``"drift_and_delay"``
        label               the codebook label (else the id in words)
        group               the codebook group, when the codebook has one
        n_documents         documents raising the theme in any polarity
        start               date of the first document raising it
        ==================  =====================================================

        **Edges** (key = type):

        ``next`` (document or event -> the next document or event of the same
        authority in time; secondary sources are not in the chain):
        ``type``, ``authority``, ``days`` (days between the two dates),
        ``start`` (date of the target).

        ``raises`` (document -> theme): ``type``, ``authority``, ``date``,
        ``polarity`` (``concern``, ``strength``, ``mixed`` or ``neutral``: concern
        when only concern findings or recommendations name the theme, strength
        when only strength findings do, mixed when both or only mixed findings,
        neutral otherwise), counts ``concern``, ``strength``, ``mixed``,
        ``neutral`` (findings of each polarity), ``count`` (all findings),
        ``recommendations`` (recommendation items naming the theme), ``improved``
        (findings reporting improvement: strength findings, and mixed or neutral
        findings with an improvement cue), ``evidence`` (list of dicts, in text
        order: ``page``, ``start``, ``end``, ``section`` (heading path joined
        with `` > ``), ``quote``, ``polarity``, ``source`` (``finding`` or
        ``recommendation``), ``improved`` (bool), ``confidence`` (the polarity
        model's), ``position`` (``summary``, ``improvement_list`` or ``body``),
        ``leads`` (opens its paragraph), ``url`` (``URL#page=N`` when known)),
        ``concern_summary`` and ``concern_body`` (confident concern or mixed
        findings in a summary position / elsewhere), ``praise_salient`` (confident
        strength findings in a summary or paragraph-leading position),
        ``verdict`` (:func:`document_verdict`: ``concern``, ``praise``, ``both``
        or ``absent``), ``start`` (= date).

        ``quotes`` (secondary document -> the document or event it quotes, from
        findings' ``quoted_from``): ``type``, ``count``, ``evidence`` (as above),
        ``start``. Quotes whose target cannot be resolved are listed in the
        secondary node's ``unresolved_quotes`` (list of the ``quoted_from``
        values). ``quoted_from`` may be a node id, a document id (or a prefix of
        8+ hex digits), a URL of a held document or event, or free text naming a
        date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and optionally a kind
        (inspection, monitoring visit, focused visit, JTAI, direction,
        improvement notice, trust): the same authority's document or event of
        that kind nearest that date is taken.

        ``cooccurs`` (theme -> theme, ids in sorted order, only with
        ``cooccurrence=True``): ``type``, ``weight`` (float: findings naming
        both themes), ``documents`` (documents in which both are raised).

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> G = build_theme_graph(Corpus())
    >>> G.graph["schema"], G.number_of_nodes()
    ('ofstedmine.theme_graph/1', 0)
    """
    G = nx.MultiDiGraph(name="ofstedmine theme graph", schema=GRAPH_SCHEMA)
    labels = _codebook_labels()
    reports = list(iter_reports(corpus))
    for seq, r in enumerate(reports):
        G.add_node(r["node"], **_document_attrs(r, seq))
    finding_themes: list[tuple[str, tuple[str, ...]]] = []
    for r in reports:
        _add_raises(G, r, min_count=min_count, labels=labels)
        for f in r["extraction"].findings:
            if len(f.themes) > 1:
                finding_themes.append((r["node"], tuple(sorted(set(f.themes)))))
    if events:
        _add_events(G, corpus.events, reports)
    _link_chains(G)
    for r in reports:
        if r["secondary"]:
            _add_quotes(G, r)
    if cooccurrence:
        _add_cooccurrence(G, finding_themes, min_count=min_count)
    _date_themes(G)
    G.graph["authorities"] = sorted(authorities_of(G))
    return G


# ----------------------------------------------------------------- public helpers


def node_id_of(document_id: str, part: int = 1, *, parts: int = 1) -> str:
    """The node id of a report: ``doc:<sha256>``, or ``doc:<sha256>#<part>``.

    >>> node_id_of("ab12", 2, parts=2)
    'doc:ab12#2'
    """
    return f"doc:{document_id}" if parts <= 1 else f"doc:{document_id}#{part}"


def authorities_of(G: nx.MultiDiGraph) -> set[str]:
    """The authorities of a graph's documents and events."""
    return {
        d["authority"]
        for _, d in G.nodes(data=True)
        if d.get("type") in ("document", "event") and d.get("authority")
    }


def document_chain(
    G: nx.MultiDiGraph,
    authority: str,
    *,
    events: bool = False,
    secondary: bool = False,
) -> list[str]:
    """The node ids of one authority's documents (and events) in time order.

    By default only the documents whose text is held and that are not secondary
    sources: the chain persistence counts runs along.
    """
    keep = []
    for n, d in G.nodes(data=True):
        if d.get("authority") != authority:
            continue
        is_doc = d.get("type") == "document" and (secondary or not d.get("secondary"))
        if is_doc or (events and d.get("type") == "event"):
            keep.append(n)
    return sorted(keep, key=lambda n: _order_key(G.nodes[n]))


def reports_improvement(polarity: Polarity | str, cues: Iterable[str]) -> bool:
    """Whether a finding reports improvement: a strength, or a mixed or neutral
    finding whose cues speak of improvement or progress. A concern never does
    (its improvement cue is negated: "has not improved").

    >>> reports_improvement("neutral", ["has improved"]), reports_improvement("concern", ["improved"])
    (True, False)
    """
    p = Polarity(polarity)
    if p is Polarity.STRENGTH:
        return True
    if p is Polarity.CONCERN:
        return False
    return any(_IMPROVED_CUE.search(c) for c in cues)


# ---------------------------------------------------------------------- internals


def _order_key(d: dict[str, Any]) -> tuple:
    # Undated nodes go last; on the same day events come before documents (a visit
    # happens before its letter); then corpus order.
    return (d.get("date") or "9999-12-31", 0 if d.get("type") == "event" else 1, d.get("seq", 0))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def iter_reports(corpus: Corpus) -> Iterable[dict[str, Any]]:
    """One dict per report (a document's extraction), in corpus order.

    Keys: ``node`` (graph node id), ``document``, ``extraction``, ``authority``,
    ``authority_name``, ``kind`` and ``framework`` (string values), ``date`` and
    ``published`` (dates or None), ``secondary`` (news or minutes).
    """
    for doc, exs in corpus:
        base_date = corpus.date_of(doc)
        for ex in exs:
            m = ex.metadata
            kind = (m.kind if m.kind is not DocumentKind.OTHER else doc.kind).value
            framework = (m.framework if m.framework.value != "none" else doc.framework).value
            published = m.published or (doc.publication.published if doc.publication else None)
            date = base_date if len(exs) == 1 else (m.published or base_date)
            yield {
                "node": node_id_of(doc.id, ex.part, parts=len(exs)),
                "document": doc,
                "extraction": ex,
                "authority": doc.authority or m.authority,
                "authority_name": m.authority_name,
                "kind": kind,
                "framework": framework,
                "date": date,
                "published": published,
                "secondary": kind in SECONDARY_KINDS,
            }


def _document_attrs(r: dict[str, Any], seq: int) -> dict[str, Any]:
    doc: Document = r["document"]
    ex: Extraction = r["extraction"]
    m = ex.metadata
    date = _iso(r["date"])
    name = r["authority_name"] or _authority_name(r["authority"])
    label = " ".join(x for x in (name, r["kind"], date) if x)
    attrs: dict[str, Any] = {
        "type": "document",
        "label": label,
        "document_id": doc.id,
        "part": ex.part,
        "kind": r["kind"],
        "framework": r["framework"],
        "authority": r["authority"],
        "authority_name": name,
        "date": date,
        "published": _iso(r["published"]),
        "inspection_start": _iso(m.inspection_start),
        "inspection_end": _iso(m.inspection_end),
        "letter_date": _iso(m.letter_date),
        "overall": ex.overall.value if ex.overall else None,
        "url": doc.publication.url if doc.publication else None,
        "text_held": True,
        "secondary": r["secondary"],
        "seq": seq,
        "n_findings": len(ex.findings),
        "n_recommendations": len(ex.recommendations),
        "start": date,
    }
    for j in ex.judgements:
        if j.grade is not None and j.area.value != "overall":
            attrs[f"grade_{j.area.value}"] = j.grade.value
    return _drop_none(attrs)


def _authority_name(authority: str | None) -> str | None:
    if not authority:
        return None
    try:
        import ofstedmine.authorities as authorities

        found = authorities.lookup(authority)
        return found.name if found is not None else None
    except Exception:  # noqa: BLE001 - a display name is a nicety, never a failure
        return None


def _codebook_labels() -> dict[str, dict[str, str]]:
    """Theme id -> {"label", "group"} from the packaged codebook, when it loads."""
    try:
        from ofstedmine.extract.codebook import load_codebook

        cb = load_codebook()
    except Exception:  # noqa: BLE001 - the graph must build without the codebook
        return {}
    themes = getattr(cb, "themes", cb)
    items = themes.values() if isinstance(themes, dict) else themes
    out: dict[str, dict[str, str]] = {}
    try:
        for t in items:
            get = t.get if isinstance(t, dict) else lambda k, t=t: getattr(t, k, None)
            tid = get("id")
            if not tid:
                continue
            label = get("label") or get("name")
            group = get("group") or get("category")
            out[str(tid)] = _drop_none({"label": label, "group": group})
    except TypeError:
        return {}
    return out


def _theme_node(G: nx.MultiDiGraph, theme: str, labels: dict[str, dict[str, str]]) -> str:
    node = f"theme:{theme}"
    if node not in G:
        info = labels.get(theme, {})
        G.add_node(
            node,
            type="theme",
            theme=theme,
            label=info.get("label") or theme.replace("_", " ").capitalize(),
            **({"group": info["group"]} if info.get("group") else {}),
        )
    return node


def _evidence(loc: Any, text: str, polarity: str, source: str, improved: bool, finding: Any = None):
    section = " > ".join(loc.section) if loc.section else None
    if finding is None:  # an improvement item: a concern by definition, and salient
        confidence, position, leads = 1.0, FindingPosition.IMPROVEMENT_LIST.value, True
    else:
        confidence = finding.confidence
        position, leads = finding.position.value, finding.leads_paragraph
    return _drop_none(
        {
            "page": loc.page,
            "start": loc.start,
            "end": loc.end,
            "section": section,
            "quote": text,
            "polarity": polarity,
            "source": source,
            "improved": improved,
            "confidence": confidence,
            "position": position,
            "leads": leads,
            "url": loc.page_url,
        }
    )


_CRITICAL = (Polarity.CONCERN, Polarity.MIXED)
#: Themes that name who acts rather than what is criticised: a concern finding counts
#: for them only when it names no other theme.
_BROAD_THEMES = frozenset({"leadership_and_improvement"})


def document_verdict(counts: dict[str, int]) -> str:
    """A document's verdict on a theme, by the persistence criterion of ``LABELLING.md``.

    ``concern`` when the theme is in the improvement list or priority actions
    (``recommendations``), criticised in a summary, headline or key findings
    (``concern_summary``: confident concern or mixed findings there), or criticised in
    at least two body sentences (``concern_body``); ``praise`` when it is reported as
    a strength in a summary or paragraph-leading position (``praise_salient``);
    ``both``; otherwise ``absent`` (mentioned at most in passing).

    >>> document_verdict({"concern_body": 1}), document_verdict({"concern_body": 2})
    ('absent', 'concern')
    >>> document_verdict({"recommendations": 1, "praise_salient": 1})
    'both'
    """
    raised = bool(
        counts.get("recommendations", 0)
        or counts.get("concern_summary", 0)
        or counts.get("concern_body", 0) >= 2
    )
    praised = bool(counts.get("praise_salient", 0))
    if raised and praised:
        return "both"
    return "concern" if raised else "praise" if praised else "absent"


def _add_raises(G: nx.MultiDiGraph, r: dict[str, Any], *, min_count: int, labels) -> None:
    ex = r["extraction"]
    acc: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "concern": 0,
            "strength": 0,
            "mixed": 0,
            "neutral": 0,
            "count": 0,
            "recommendations": 0,
            "improved": 0,
            "concern_summary": 0,
            "concern_body": 0,
            "praise_salient": 0,
            "evidence": [],
        }
    )
    for f in ex.findings:
        if f.recommendation is not None:
            continue  # an improvement item: counted with the recommendations below
        improved = reports_improvement(f.polarity, f.cues)
        confident = f.is_evidence
        salient = f.position is FindingPosition.SUMMARY
        for theme in dict.fromkeys(f.themes):
            a = acc[theme]
            a[f.polarity.value] += 1
            a["count"] += 1
            a["improved"] += improved
            # "Leaders know that plans are weak" criticises the plans: a broad theme
            # beside a specific one is not what the criticism is of (LABELLING.md)
            if (
                confident
                and f.polarity in _CRITICAL
                and not (theme in _BROAD_THEMES and len(f.themes) > 1)
            ):
                a["concern_summary" if salient else "concern_body"] += 1
            if confident and f.polarity is Polarity.STRENGTH and (salient or f.leads_paragraph):
                a["praise_salient"] += 1
            a["evidence"].append(
                _evidence(f.locator, f.text, f.polarity.value, "finding", improved, finding=f)
            )
    for rec in ex.recommendations:
        for theme in dict.fromkeys(rec.themes):
            a = acc[theme]
            a["recommendations"] += 1
            a["evidence"].append(
                _evidence(rec.locator, rec.text, "concern", "recommendation", False)
            )
    for theme, a in acc.items():
        if a["count"] + a["recommendations"] < min_count:
            continue
        a["evidence"].sort(key=lambda e: (e["start"], e["end"]))
        a["verdict"] = document_verdict(a)
        node = _theme_node(G, theme, labels)
        G.add_edge(
            r["node"],
            node,
            key="raises",
            type="raises",
            **_drop_none(
                {"authority": r["authority"], "date": _iso(r["date"]), "start": _iso(r["date"])}
            ),
            polarity=_dominant(a),
            **a,
        )


def _dominant(a: dict[str, int]) -> str:
    concern = a["concern"] + a["recommendations"]
    strength = a["strength"]
    if concern and strength or (a["mixed"] and not concern and not strength):
        return "mixed"
    if concern:
        return "concern"
    if strength:
        return "strength"
    return "neutral"


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
                    "date_precision": ev.date_precision,
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


def _link_chains(G: nx.MultiDiGraph) -> None:
    for authority in sorted(authorities_of(G)):
        chain = document_chain(G, authority, events=True)
        for u, v in itertools.pairwise(chain):
            du, dv = G.nodes[u].get("date"), G.nodes[v].get("date")
            attrs: dict[str, Any] = {"authority": authority}
            if du and dv:
                attrs["days"] = (dt.date.fromisoformat(dv) - dt.date.fromisoformat(du)).days
            if dv:
                attrs["start"] = dv
            G.add_edge(u, v, key="next", type="next", **attrs)


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


def _add_cooccurrence(G, finding_themes: list[tuple[str, tuple[str, ...]]], *, min_count: int):
    weight: dict[tuple[str, str], int] = defaultdict(int)
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node, themes in finding_themes:
        for a, b in itertools.combinations(themes, 2):
            weight[a, b] += 1
            docs[a, b].add(node)
    for (a, b), w in sorted(weight.items()):
        ua, ub = f"theme:{a}", f"theme:{b}"
        if w < min_count or ua not in G or ub not in G:
            continue
        G.add_edge(
            ua, ub, key="cooccurs", type="cooccurs", weight=float(w), documents=len(docs[a, b])
        )


def _date_themes(G: nx.MultiDiGraph) -> None:
    for n, d in G.nodes(data=True):
        if d.get("type") != "theme":
            continue
        sources = {u for u, _, k in G.in_edges(n, keys=True) if k == "raises"}
        d["n_documents"] = len(sources)
        dates = sorted(G.nodes[u]["date"] for u in sources if G.nodes[u].get("date"))
        if dates:
            d["start"] = dates[0]
