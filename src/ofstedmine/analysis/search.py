"""Keyword in context: find a phrase or a token pattern in every document of a corpus.

The matching itself (spaCy's PhraseMatcher and Matcher over lookup lemmas) lives in
:mod:`ofstedmine.extract.kwic`; this module turns matches into a tidy table with
provenance (document, page, character span), the sentence around each hit, a window
of context either side, and the polarity of the sentence.

Columns of :func:`search`
-------------------------
authority         registry id of the report's authority
document_id       sha256 of the source file
part              which report of the file the hit falls in (1 for most files)
kind, framework   the report's kind and framework (values of the enums)
date              the date the corpus orders the document by (publication date)
page              1-based page of the hit's first character
section           heading path of the hit, joined with " > "
match             the matched text, exactly as in the canonical text
sentence          the sentence holding the hit (a finding's own text when the hit
                  falls inside a finding)
left, right       ``window`` characters of canonical text before and after the hit,
                  whitespace characters shown as spaces (same length as the text)
polarity          ``concern``/``strength``/``mixed``/``neutral`` or None
polarity_source   ``finding`` (the extraction's finding holds the hit), ``uncertain``
                  (a finding holds it, its confidence below ``types.EVIDENCE_THRESHOLD``:
                  no polarity is shown), ``computed`` (``ofstedmine.extract.findings.
                  polarity_of`` on the sentence) or None
start, end        the hit's character span in ``Document.text``
url               the source file's URL with ``#page=N``, when known
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ofstedmine.types import Document, Extraction

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus
    from ofstedmine.extract.kwic import QueryLike

__all__ = ["SEARCH_COLUMNS", "search", "search_counts"]

SEARCH_COLUMNS = [
    "authority", "document_id", "part", "kind", "framework", "date", "page", "section",
    "match", "sentence", "left", "right", "polarity", "polarity_source", "start", "end",
    "url",
]  # fmt: skip

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets)
# followed by whitespace and something that can start a sentence.
_SENTENCE_END = re.compile(r"[.!?][)\]\"'\u201d\u2019]*\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9\u2022-])")
_WHITESPACE = re.compile(r"\s")


def search(
    corpus: Corpus,
    query: QueryLike,
    *,
    authority: str | Sequence[str] | None = None,
    since: dt.date | int | str | None = None,
    until: dt.date | int | str | None = None,
    kind: str | Sequence[str] | None = None,
    lemma: bool = True,
    window: int = 60,
) -> pd.DataFrame:
    """Every occurrence of a phrase or token pattern, with its context and provenance.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus`.
    query
        A phrase (``"care leavers"``), a list of phrases, a spaCy ``Matcher`` token
        pattern (a list of dicts) or a list of patterns; see
        :func:`ofstedmine.extract.kwic.compile_query`.
    authority, since, until, kind
        Restrict the search (as :meth:`Corpus.filter`: names, ids or URNs; dates,
        years or ISO strings; document kinds).
    lemma
        Match a phrase on lemmas ("care leaver" also finds "care leavers"); False
        matches the words exactly, ignoring case.
    window
        Characters of context either side.

    Returns
    -------
    pandas.DataFrame
        One row per hit, in corpus (time) order then text order; the columns are
        described in the module docstring.

    Examples
    --------
    >>> from ofstedmine.parse import parse
    >>> from ofstedmine.corpus import Corpus
    >>> doc = parse(b"Plans drift. Drift and delay persist for some children.", kind="text")
    >>> hits = search(Corpus([doc]), [{"LEMMA": "drift"}, {"LOWER": "and"}, {"LEMMA": "delay"}])
    >>> hits[["match", "sentence", "start", "end"]].values.tolist()
    [['Drift and delay', 'Drift and delay persist for some children.', 13, 28]]
    """
    from ofstedmine.extract.kwic import compile_query

    if window < 0:
        raise ValueError(f"window must be >= 0, got {window}")
    q = compile_query(query, lemma=lemma)
    if any(v is not None for v in (authority, since, until, kind)):
        corpus = corpus.filter(authority=authority, since=since, until=until, kind=kind)
    polarity_of = _polarity_function()
    rows: list[dict[str, Any]] = []
    for doc, extractions in corpus:
        spans = q.matches(doc.text)
        if not spans:
            continue
        date = corpus.date_of(doc)
        findings = _finding_spans(extractions)
        finding_starts = [f[0] for f in findings]
        block_starts = [b.start for b in doc.blocks]
        for start, end in spans:
            ex = _extraction_at(extractions, start)
            meta = ex.metadata if ex else None
            finding = _finding_at(findings, finding_starts, start, end)
            if finding is not None:
                sentence, polarity = finding[2], finding[3]
                source = "finding" if polarity is not None else "uncertain"
            else:
                lo, hi = _sentence_span(doc, block_starts, start, end)
                sentence = " ".join(doc.text[lo:hi].split())
                polarity = _compute_polarity(polarity_of, sentence)
                source = "computed" if polarity is not None else None
            loc = doc.locate(start, end)
            rows.append({
                "authority": (meta.authority if meta and meta.authority else None) or doc.authority,
                "document_id": doc.id,
                "part": ex.part if ex else 1,
                "kind": (meta.kind if meta else doc.kind).value,
                "framework": (meta.framework if meta else doc.framework).value,
                "date": pd.Timestamp(date) if date else pd.NaT,
                "page": loc.page,
                "section": " > ".join(loc.section),
                "match": doc.text[start:end],
                "sentence": sentence,
                "left": _WHITESPACE.sub(" ", doc.text[max(0, start - window) : start]),
                "right": _WHITESPACE.sub(" ", doc.text[end : end + window]),
                "polarity": polarity,
                "polarity_source": source,
                "start": start,
                "end": end,
                "url": loc.page_url,
            })  # fmt: skip
    df = pd.DataFrame(rows, columns=SEARCH_COLUMNS)
    df["date"] = pd.to_datetime(df["date"])
    for column in ("part", "page", "start", "end"):
        df[column] = df[column].astype("Int64")
    return df


def search_counts(
    hits: pd.DataFrame,
    *,
    corpus: Corpus | None = None,
    by: Sequence[str] = ("authority", "year"),
) -> pd.DataFrame:
    """Hits per authority and year (or other columns of the hits), with polarity counts.

    Parameters
    ----------
    hits
        The output of :func:`search`.
    corpus
        The corpus searched: when given, ``n_documents_searched`` (documents of that
        authority and year, hit or not) and ``hits_per_document`` are added, and
        groups without hits appear with zero hits.
    by
        Grouping columns; ``year`` is derived from ``date``.

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, ``n_hits``, ``n_documents`` (documents with a hit), one
        ``n_<polarity>`` column per polarity (``n_concern``, ``n_strength``,
        ``n_mixed``, ``n_neutral``, ``n_unknown``) and, with ``corpus``,
        ``n_documents_searched`` and ``hits_per_document``.

    Examples
    --------
    >>> hits = pd.DataFrame({"authority": ["a", "a", "b"], "document_id": ["d1", "d1", "d2"],
    ...                      "date": pd.to_datetime(["2020-01-02"] * 3),
    ...                      "polarity": ["concern", None, "strength"]})
    >>> search_counts(hits)[["authority", "year", "n_hits", "n_documents", "n_concern"]].values.tolist()
    [['a', 2020, 2, 1, 1], ['b', 2020, 1, 1, 0]]
    """
    by = list(by)
    df = hits.copy()
    df["year"] = pd.to_datetime(df["date"]).dt.year.astype("Int64")
    polarity = df["polarity"].astype(object).where(df["polarity"].notna(), "unknown")
    df["_polarity"] = polarity
    grouped = df.groupby(by, dropna=False)
    out = grouped.agg(n_hits=("document_id", "size"), n_documents=("document_id", "nunique"))
    for name in ("concern", "strength", "mixed", "neutral", "unknown"):
        out[f"n_{name}"] = grouped["_polarity"].agg(lambda s, n=name: int((s == n).sum()))
    out = out.reset_index()
    if corpus is not None:
        searched = corpus.documents_frame()
        searched["year"] = searched["date"].dt.year.astype("Int64")
        counts = (searched.drop_duplicates("document_id").groupby(by, dropna=False)
                  .size().rename("n_documents_searched").reset_index())  # fmt: skip
        out = counts.merge(out, on=by, how="left")
        count_columns = ["n_hits", "n_documents"] + [
            c for c in out if c.startswith("n_") and c not in ("n_documents_searched",)
        ]
        for column in dict.fromkeys(count_columns):
            out[column] = out[column].fillna(0).astype(int)
        out["hits_per_document"] = out["n_hits"] / out["n_documents_searched"]
        cols = [*by, "n_hits", "n_documents", "n_documents_searched", "hits_per_document"]
        out = out[cols + [c for c in out if c not in cols]]
    return out.sort_values(by).reset_index(drop=True)


# ----------------------------------------------------------------------------- helpers


def _polarity_function() -> Callable[[str], Any] | None:
    try:
        from ofstedmine.extract.findings import polarity_of
    except ImportError:
        return None
    return polarity_of


def _compute_polarity(polarity_of: Callable[[str], Any] | None, sentence: str) -> str | None:
    if polarity_of is None or not sentence:
        return None
    result = polarity_of(sentence)
    if isinstance(result, tuple):  # (polarity, cues)
        result = result[0] if result else None
    if result is None:
        return None
    return getattr(result, "value", str(result))


def _finding_spans(extractions: Sequence[Extraction]) -> list[tuple[int, int, str, str | None]]:
    # a finding too uncertain to be evidence of its polarity gives the hit none
    spans = [
        (f.locator.start, f.locator.end, f.text, f.polarity.value if f.is_evidence else None)
        for ex in extractions
        for f in ex.findings
    ]
    spans.sort()
    return spans


def _finding_at(findings, starts, start: int, end: int):
    """The finding whose span holds the hit (the last to start before it, if it covers it)."""
    i = bisect.bisect_right(starts, start) - 1
    while i >= 0:
        f = findings[i]
        if f[0] <= start and end <= f[1]:
            return f
        if f[1] <= start and starts[i] < start - 5000:  # far behind: stop looking
            break
        i -= 1
    return None


def _extraction_at(extractions: Sequence[Extraction], offset: int) -> Extraction | None:
    for ex in extractions:
        if ex.span is None or ex.span[0] <= offset < ex.span[1]:
            return ex
    return extractions[0] if extractions else None


def _sentence_span(doc: Document, block_starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start:end``, looked for inside its block (or its line)."""
    text = doc.text
    lo, hi = None, None
    i = bisect.bisect_right(block_starts, start) - 1
    if i >= 0 and doc.blocks[i].start <= start < doc.blocks[i].end:
        lo, hi = doc.blocks[i].start, max(doc.blocks[i].end, end)
    if lo is None:
        lo = text.rfind("\n", 0, start) + 1
        nl = text.find("\n", end)
        hi = len(text) if nl < 0 else nl
    s = lo
    # endpos goes a little past the hit so that the look-ahead can see its first letter
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 2)):
        if m.end() <= start:
            s = m.end()
    e = hi
    m = _SENTENCE_END.search(text, end, hi)
    if m is not None:
        e = m.start() + len(m.group(0).rstrip())
    return s, e
