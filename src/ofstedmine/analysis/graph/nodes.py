"""Document and theme nodes: one report per extraction, its attributes, theme labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from ofstedmine.analysis.graph._common import SECONDARY_KINDS, _drop_none, _iso
from ofstedmine.analysis.graph.chains import node_id_of
from ofstedmine.types import Document, DocumentKind, Extraction

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus
    from ofstedmine.extract.codebook import Codebook


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


def _codebook_labels(codebook: Codebook | None = None) -> dict[str, dict[str, str]]:
    """Theme id -> {"label", "group"} from a codebook; the packaged one by default.

    The packaged codebook is optional here: when it cannot be loaded the graph is still
    built, its theme nodes labelled with their ids in words.

    >>> from ofstedmine.extract.codebook import Codebook, Theme
    >>> cb = Codebook("mine", "1", (Theme("young_carers", "Young carers", "practice", "", ()),))
    >>> _codebook_labels(cb)
    {'young_carers': {'label': 'Young carers', 'group': 'practice'}}
    """
    if codebook is None:
        try:
            from ofstedmine.extract.codebook import load_codebook

            codebook = load_codebook()
        except Exception:  # noqa: BLE001 - the graph must build without the codebook
            return {}
    return {t.id: {"label": t.label, "group": t.group} for t in codebook.themes}


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


def _date_themes(G: nx.MultiDiGraph) -> None:
    for n, d in G.nodes(data=True):
        if d.get("type") != "theme":
            continue
        sources = {u for u, _, k in G.in_edges(n, keys=True) if k == "raises"}
        d["n_documents"] = len(sources)
        dates = sorted(G.nodes[u]["date"] for u in sources if G.nodes[u].get("date"))
        if dates:
            d["start"] = dates[0]
