"""Themes the codebook misses: TF-IDF over uncovered phrases, NMF topics.

Pure: takes candidate phrases per document (from
:func:`ofstedmine.extract.phrases.noun_phrases`) and a codebook, returns a tidy
DataFrame. No spaCy, no I/O.

Method
------
1. Drop every phrase that a codebook pattern already covers (token-wise, after a
   light normalisation: lower case, possessives dropped, a naive singular), so
   "strategy meeting" and "strategy meetings held" are gone when the codebook
   has "strategy meeting".
2. Treat each document as a bag of its remaining phrases; weight by TF-IDF
   (sub-linear term frequency; phrases in fewer than ``min_df`` documents or in
   more than ``max_df`` of them are left out: too rare to be a theme, or
   boilerplate).
3. Factorise with non-negative matrix factorisation into ``n_topics`` topics;
   report each topic's top phrases with their weight, how many documents hold
   them, and up to ``examples`` locators of where they were said.

Columns of the result
---------------------
topic : int
    0-based topic number.
topic_label : str
    The topic's three strongest phrases, in alphabetical order, joined by " / ".
rank : int
    1-based rank of the phrase within the topic.
phrase : str
    The phrase (lemmas, lower case).
weight : float
    The phrase's weight in the topic (NMF component loading).
doc_frequency : int
    Number of documents holding the phrase.
occurrences : int
    Number of times the phrase occurs across all documents.
examples : tuple[Locator, ...]
    Where the phrase occurs (document, page, span, section), first ones first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ofstedmine.extract.codebook import Codebook
    from ofstedmine.types import Locator

__all__ = ["COLUMNS", "covered_by_codebook", "discover_themes"]

COLUMNS = (
    "topic",
    "topic_label",
    "rank",
    "phrase",
    "weight",
    "doc_frequency",
    "occurrences",
    "examples",
)


def _norm_token(token: str) -> str:
    t = token.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    t = t.strip("'\"()[],.;:")
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
        return t[:-1]
    return t


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(x for x in (_norm_token(w) for w in text.replace("-", " - ").split()) if x)


def _pattern_index(codebook: Codebook) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for theme in codebook.themes:
        for pattern in theme.patterns:
            toks = _tokens(pattern.lstrip("="))
            if toks:
                index[toks[0]].append(toks)
    return index


def covered_by_codebook(phrase: str, codebook: Codebook, _index=None) -> bool:
    """True if a codebook pattern occurs inside ``phrase``, or ``phrase`` inside a pattern.

    Token for token, after normalisation; a fragment of a pattern ("child sexual"
    of "child sexual exploitation") counts as covered.

    >>> from ofstedmine.extract.codebook import load_codebook
    >>> cb = load_codebook()
    >>> covered_by_codebook("strategy meetings held", cb), covered_by_codebook("young carer", cb)
    (True, False)
    """
    index = _index if _index is not None else _pattern_index(codebook)
    toks = _tokens(phrase)
    for i, tok in enumerate(toks):
        for pat in index.get(tok, ()):
            if toks[i : i + len(pat)] == pat:
                return True
    n = len(toks)
    if n:
        for pats in index.values():
            for pat in pats:
                if len(pat) > n and any(pat[j : j + n] == toks for j in range(len(pat) - n + 1)):
                    return True
    return False


def discover_themes(
    phrases_by_doc: Mapping[str, Sequence[tuple[str, Locator]]]
    | Iterable[tuple[str, Sequence[tuple[str, Locator]]]],
    *,
    codebook: Codebook,
    n_topics: int = 10,
    top_n: int = 10,
    min_df: int = 2,
    max_df: float = 0.5,
    examples: int = 3,
    random_state: int = 0,
) -> pd.DataFrame:
    """Topics of phrases the codebook does not cover, as a tidy DataFrame.

    Parameters
    ----------
    phrases_by_doc
        Document id -> ``[(phrase, locator), ...]`` (a mapping or pairs).
    codebook
        The codebook whose coverage is subtracted.
    n_topics
        Number of NMF topics (capped by the number of documents and phrases).
    top_n
        Phrases reported per topic.
    min_df, max_df
        Keep phrases found in at least ``min_df`` documents and at most
        ``max_df`` (a fraction) of them.
    examples
        Locators kept per phrase.
    random_state
        Seed of the NMF initialisation (results are reproducible).

    Returns
    -------
    pandas.DataFrame
        One row per (topic, phrase); columns in :data:`COLUMNS` (see the module
        docstring). Empty, with those columns, when too little text remains.

    Examples
    --------
    >>> from ofstedmine.extract.codebook import load_codebook
    >>> from ofstedmine.types import Locator
    >>> loc = Locator("d" * 64, 1, 0, 5)
    >>> docs = {
    ...     f"doc{i}": [("young carer", loc), ("respite break", loc)] if i % 2 else
    ...                [("digital access", loc), ("laptop scheme", loc)]
    ...     for i in range(6)
    ... }
    >>> frame = discover_themes(docs, codebook=load_codebook(), n_topics=2, max_df=0.9)
    >>> sorted(set(frame["topic_label"]))
    ['digital access / laptop scheme', 'respite break / young carer']
    """
    import numpy as np
    import pandas as pd
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    items = (
        list(phrases_by_doc.items())
        if isinstance(phrases_by_doc, Mapping)
        else list(phrases_by_doc)
    )
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    if not items:
        return empty
    index = _pattern_index(codebook)
    covered: dict[str, bool] = {}
    bags: list[list[str]] = []
    where: dict[str, list] = defaultdict(list)
    occurrences: Counter[str] = Counter()
    for _, phrases in items:
        bag = []
        for phrase, locator in phrases:
            hit = covered.get(phrase)
            if hit is None:
                hit = covered[phrase] = covered_by_codebook(phrase, codebook, index)
            if hit:
                continue
            bag.append(phrase)
            occurrences[phrase] += 1
            if len(where[phrase]) < examples:
                where[phrase].append(locator)
        bags.append(bag)
    vectoriser = TfidfVectorizer(
        analyzer=lambda bag: bag, min_df=min_df, max_df=max_df, sublinear_tf=True
    )
    try:
        matrix = vectoriser.fit_transform(bags)
    except ValueError:  # nothing survives min_df/max_df
        return empty
    vocab = vectoriser.get_feature_names_out()
    k = max(1, min(n_topics, matrix.shape[0], matrix.shape[1]))
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000, tol=1e-4)
    with np.errstate(invalid="ignore"):  # sqrt of a -0.0 error when topics separate exactly
        model.fit(matrix)
    doc_freq = np.asarray((matrix > 0).sum(axis=0)).ravel()
    rows = []
    for topic, weights in enumerate(model.components_):
        order = [i for i in np.argsort(weights)[::-1][:top_n] if weights[i] > 0]
        if not order:
            continue
        label = " / ".join(sorted(vocab[i] for i in order[:3]))
        for rank, i in enumerate(order, start=1):
            phrase = str(vocab[i])
            rows.append(
                {
                    "topic": topic,
                    "topic_label": label,
                    "rank": rank,
                    "phrase": phrase,
                    "weight": float(weights[i]),
                    "doc_frequency": int(doc_freq[i]),
                    "occurrences": int(occurrences[phrase]),
                    "examples": tuple(where[phrase]),
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS)) if rows else empty
