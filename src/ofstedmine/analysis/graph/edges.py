"""The evidence edges: ``raises`` (document -> theme) with its verdict, and ``cooccurs``."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import networkx as nx

from ofstedmine.analysis.graph._common import _drop_none, _iso
from ofstedmine.analysis.graph.chains import reports_improvement
from ofstedmine.analysis.graph.nodes import _theme_node
from ofstedmine.types import FindingPosition, Polarity


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
