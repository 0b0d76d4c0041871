"""Near-verbatim repeated findings: the same criticism in nearly the same words.

Method
------
Findings of one authority with at least ``min_words`` words are compared across
its documents (never within one report). Text is lower-cased and reduced to
words of letters (numbers, dates and punctuation ignored, so "23 children" and
"40 children" do not stop a match). Two scores are computed for every pair:

``cosine``
    cosine similarity of TF-IDF vectors over word 1- to 3-grams (sublinear term
    frequency, IDF fitted on that authority's findings, so words every report
    uses weigh little);
``jaccard``
    Jaccard overlap of the two sets of word 3-shingles (three-word sequences):
    the share of three-word phrases the two sentences have in common.

``method="cosine"`` (the default) keeps pairs with ``cosine >= threshold``;
``method="jaccard"`` keeps pairs with ``jaccard >= threshold``. Cosine at 0.6 keeps
sentences that share most of their distinctive wording in the same phrases,
allowing an inserted clause or a changed service name; Jaccard at 0.6 keeps only
sentences that are largely identical three-word phrase by phrase, and suits a
search for copied text. ``docs/theme-graph.md`` records the look at real pairs
behind these defaults.

When the input holds several authorities, a pair is flagged ``boilerplate``
when either sentence also has a match (3-shingle Jaccard at or above the
threshold) in another authority's documents: Ofsted's stock phrasing, not a
repeated criticism of this authority.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ofstedmine.analysis.graph import SECONDARY_KINDS, iter_reports

if TYPE_CHECKING:
    import networkx as nx

    from ofstedmine.corpus import Corpus

__all__ = ["REPEAT_COLUMNS", "find_repeats", "finding_rows", "normalise_text"]

REPEAT_COLUMNS = [
    "authority",
    "score",
    "cosine",
    "jaccard",
    "method",
    "group",
    "days_apart",
    "shared_themes",
    "boilerplate",
    "document_a",
    "part_a",
    "report_a",
    "date_a",
    "kind_a",
    "page_a",
    "start_a",
    "end_a",
    "polarity_a",
    "themes_a",
    "quote_a",
    "document_b",
    "part_b",
    "report_b",
    "date_b",
    "kind_b",
    "page_b",
    "start_b",
    "end_b",
    "polarity_b",
    "themes_b",
    "quote_b",
]
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def normalise_text(text: str) -> str:
    """Lower-case words of letters only, single-spaced.

    >>> normalise_text("In 23 cases, plans were NOT reviewed.")
    'in cases plans were not reviewed'
    """
    return " ".join(_WORD.findall(text.lower().replace("\u2019", "'")))


def finding_rows(source: Corpus | nx.MultiDiGraph) -> pd.DataFrame:
    """One row per finding of the primary documents (not news or minutes).

    From a corpus every finding is taken; from a theme graph, the findings held
    as evidence on its ``raises`` edges (those with at least one theme).
    Columns: authority, report (graph node id), document_id, part, date, kind,
    text, page, start, end, polarity, themes (tuple).
    """
    import networkx as nx

    rows: list[dict[str, Any]] = []
    if isinstance(source, nx.Graph):
        seen: dict[tuple[str, int, int], dict[str, Any]] = {}
        for u, v, k, d in source.edges(keys=True, data=True):
            if k != "raises":
                continue
            node = source.nodes[u]
            if node.get("secondary"):
                continue
            theme = source.nodes[v].get("theme", v.removeprefix("theme:"))
            for ev in d.get("evidence", []):
                if ev.get("source") != "finding":
                    continue
                key = (u, ev["start"], ev["end"])
                if key in seen:
                    seen[key]["themes"] += (theme,)
                    continue
                seen[key] = {
                    "authority": node.get("authority"),
                    "report": u,
                    "document_id": node.get("document_id"),
                    "part": node.get("part", 1),
                    "date": node.get("date"),
                    "kind": node.get("kind"),
                    "text": ev["quote"],
                    "page": ev["page"],
                    "start": ev["start"],
                    "end": ev["end"],
                    "polarity": ev.get("polarity"),
                    "themes": (theme,),
                }
        rows = list(seen.values())
    else:
        for r in iter_reports(source):
            if r["secondary"]:
                continue
            for f in r["extraction"].findings:
                rows.append(
                    {
                        "authority": r["authority"],
                        "report": r["node"],
                        "document_id": r["document"].id,
                        "part": r["extraction"].part,
                        "date": r["date"].isoformat() if r["date"] else None,
                        "kind": r["kind"],
                        "text": f.text,
                        "page": f.locator.page,
                        "start": f.locator.start,
                        "end": f.locator.end,
                        "polarity": f.polarity.value,
                        "themes": tuple(f.themes),
                    }
                )
    cols = [
        "authority",
        "report",
        "document_id",
        "part",
        "date",
        "kind",
        "text",
        "page",
        "start",
        "end",
        "polarity",
        "themes",
    ]
    df = pd.DataFrame(rows, columns=cols)
    return df[~df["kind"].isin(SECONDARY_KINDS)].reset_index(drop=True)


def find_repeats(
    source: Corpus | nx.MultiDiGraph,
    *,
    authority: str | Iterable[str] | None = None,
    threshold: float = 0.6,
    min_words: int = 8,
    method: str = "cosine",
) -> pd.DataFrame:
    """Pairs of near-verbatim findings in different documents of one authority.

    Parameters
    ----------
    source
        A corpus or a theme graph (see :func:`finding_rows`).
    authority
        One or more authorities (registry id, name or URN); all by default.
        Boilerplate is judged against the other authorities of ``source``.
    threshold
        The minimum score of a pair, 0 to 1.
    min_words
        Findings shorter than this (in words) are not compared: short sentences
        match by chance.
    method
        ``"cosine"`` (TF-IDF over word 1-3-grams) or ``"jaccard"`` (word
        3-shingles); see the module docstring.

    Returns
    -------
    pandas.DataFrame
        One row per pair (``_a`` the earlier finding, ``_b`` the later), columns
        :data:`REPEAT_COLUMNS`: ``score`` (the chosen method's), both scores,
        ``group`` (pairs joined into chains of the same sentence, numbered from
        0), ``days_apart``, ``shared_themes``, ``boilerplate``, and for each
        finding its document id, part, report (graph node id), date (Timestamp),
        kind, page, character span, polarity, themes and quote. Sorted by
        authority, date and score.

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> len(find_repeats(Corpus()))
    0
    """
    if method not in ("cosine", "jaccard"):
        raise ValueError(f"method must be 'cosine' or 'jaccard', not {method!r}")
    rows = finding_rows(source)
    rows["norm"] = rows["text"].map(normalise_text)
    rows = rows[rows["norm"].str.count(" ") + 1 >= min_words].reset_index(drop=True)
    wanted = _authority_ids(authority)
    out: list[dict[str, Any]] = []
    for auth, group in rows.groupby("authority", sort=True):
        if wanted is not None and auth not in wanted:
            continue
        out.extend(_pairs_of(group.reset_index(drop=True), threshold=threshold, method=method))
    df = pd.DataFrame(out, columns=REPEAT_COLUMNS)
    if len(df):
        _flag_boilerplate(df, rows, threshold=threshold)
        _number_groups(df)
        for c in ("date_a", "date_b"):
            df[c] = pd.to_datetime(df[c])
        df = df.sort_values(
            ["authority", "date_a", "date_b", "score"], ascending=[True, True, True, False]
        ).reset_index(drop=True)
    return df


def _authority_ids(authority: str | Iterable[str] | None) -> set[str] | None:
    if authority is None:
        return None
    names = [authority] if isinstance(authority, (str, int)) else list(authority)
    return {resolve_authority(n) for n in names}


def resolve_authority(name: Any) -> str:
    """A registry id for a name, URN or id; the value itself when unregistered."""
    try:
        import ofstedmine.authorities as authorities

        found = authorities.lookup(name)
    except Exception:  # noqa: BLE001 - unregistered test authorities are fine
        found = None
    return found.id if found is not None else str(name)


def _shingles(texts: list[str], *, n: int = 3):
    from sklearn.feature_extraction.text import HashingVectorizer

    vec = HashingVectorizer(
        analyzer="word",
        ngram_range=(n, n),
        token_pattern=r"\S+",
        lowercase=False,
        binary=True,
        norm=None,
        alternate_sign=False,
        n_features=2**22,
    )
    X = vec.transform(texts)
    X.data[:] = 1.0
    return X.tocsr()


def _jaccard(A, B) -> np.ndarray:
    inter = (A @ B.T).toarray()
    na = np.asarray(A.sum(axis=1)).ravel()[:, None]
    nb = np.asarray(B.sum(axis=1)).ravel()[None, :]
    union = na + nb - inter
    return np.divide(inter, union, out=np.zeros_like(inter, dtype=float), where=union > 0)


def _pairs_of(g: pd.DataFrame, *, threshold: float, method: str) -> list[dict[str, Any]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if g["report"].nunique() < 2:
        return []
    texts = g["norm"].tolist()
    tfidf = TfidfVectorizer(
        ngram_range=(1, 3), sublinear_tf=True, token_pattern=r"\S+", lowercase=False
    ).fit_transform(texts)
    cos = (tfidf @ tfidf.T).toarray()
    jac = _jaccard(S := _shingles(texts), S)
    score = cos if method == "cosine" else jac
    reports = g["report"].to_numpy()
    ii, jj = np.nonzero(np.triu(score >= threshold - 1e-9, k=1))
    out = []
    for i, j in zip(ii.tolist(), jj.tolist()):
        if reports[i] == reports[j]:
            continue
        a, b = g.iloc[i], g.iloc[j]
        if (b["date"] or "", b["report"]) < (a["date"] or "", a["report"]):
            a, b = b, a
        days = None
        if a["date"] and b["date"]:
            days = (pd.Timestamp(b["date"]) - pd.Timestamp(a["date"])).days
        row: dict[str, Any] = {
            "authority": a["authority"],
            "score": round(float(score[i, j]), 4),
            "cosine": round(float(cos[i, j]), 4),
            "jaccard": round(float(jac[i, j]), 4),
            "method": method,
            "days_apart": days,
            "shared_themes": tuple(t for t in a["themes"] if t in set(b["themes"])),
            "boilerplate": False,
        }
        for side, f in (("a", a), ("b", b)):
            row.update(
                {
                    f"document_{side}": f["document_id"],
                    f"part_{side}": f["part"],
                    f"report_{side}": f["report"],
                    f"date_{side}": f["date"],
                    f"kind_{side}": f["kind"],
                    f"page_{side}": f["page"],
                    f"start_{side}": f["start"],
                    f"end_{side}": f["end"],
                    f"polarity_{side}": f["polarity"],
                    f"themes_{side}": tuple(f["themes"]),
                    f"quote_{side}": f["text"],
                }
            )
        out.append(row)
    return out


def _flag_boilerplate(df: pd.DataFrame, rows: pd.DataFrame, *, threshold: float) -> None:
    if rows["authority"].nunique() < 2:
        return
    keys = set(zip(df["report_a"], df["start_a"])) | set(zip(df["report_b"], df["start_b"]))
    pick = [(r, s) in keys for r, s in zip(rows["report"], rows["start"])]
    S_all = _shingles(rows["norm"].tolist())
    sizes = np.asarray(S_all.sum(axis=1)).ravel()
    auth_all = rows["authority"].to_numpy()
    idx = np.flatnonzero(pick)
    stock: set[tuple[str, int]] = set()
    for lo in range(0, len(idx), 200):
        chunk = idx[lo : lo + 200]
        inter = (S_all[chunk] @ S_all.T).tocoo()
        union = sizes[chunk][inter.row] + sizes[inter.col] - inter.data
        jac = np.divide(inter.data, union, out=np.zeros(len(union)), where=union > 0)
        hit = (jac >= threshold - 1e-9) & (auth_all[chunk][inter.row] != auth_all[inter.col])
        for k in np.unique(inter.row[hit]).tolist():
            r = rows.iloc[chunk[k]]
            stock.add((r["report"], r["start"]))
    df["boilerplate"] = [
        (a, sa) in stock or (b, sb) in stock
        for a, sa, b, sb in zip(df["report_a"], df["start_a"], df["report_b"], df["start_b"])
    ]


def _number_groups(df: pd.DataFrame) -> None:
    parent: dict[Any, Any] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    a_keys = list(zip(df["report_a"], df["start_a"]))
    b_keys = list(zip(df["report_b"], df["start_b"]))
    for a, b in zip(a_keys, b_keys):
        parent[find(a)] = find(b)
    roots: dict[Any, int] = {}
    df["group"] = [roots.setdefault(find(a), len(roots)) for a in a_keys]
