"""Near-verbatim matching of quotations against the text of held documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ofstedmine.types import Document

#: Share of a quotation's word 4-grams that must occur in a document's text.
MATCH_SHARE = 0.5
_GRAM = 4
_LONG = 6  # words: a quotation this long can be matched on its own


def _words(text: str) -> list[str]:
    text = text.casefold().replace("\u00ad", "")
    text = re.sub(r"(?<=\w)[-\u2010\u2011](?=\w)", "", text)
    return re.findall(r"[a-z0-9]+", text)


def _grams(words: Sequence[str]) -> set[int]:
    return {hash(tuple(words[i : i + _GRAM])) for i in range(len(words) - _GRAM + 1)}


class _Index:
    """Word 4-grams of the known documents, for near-verbatim matching."""

    def __init__(self, documents: Iterable[Document]):
        self.docs: list[Document] = []
        self.grams: list[set[int]] = []  # hashes of word 4-grams (small for many documents)
        self.flat: list[str] = []
        for d in documents:
            w = _words(d.text)
            self.docs.append(d)
            self.grams.append(_grams(w))
            self.flat.append(" " + " ".join(w) + " ")

    def best(self, text: str) -> tuple[Document | None, float]:
        w = _words(text)
        if len(w) < _GRAM or not self.docs:
            return None, 0.0
        grams = [hash(tuple(w[i : i + _GRAM])) for i in range(len(w) - _GRAM + 1)]
        scored = [(sum(g in s for g in grams) / len(grams), i) for i, s in enumerate(self.grams)]
        share, i = max(scored)
        return (self.docs[i], share) if share > 0 else (None, 0.0)

    def holding(self, text: str) -> list[Document]:
        w = _words(text)
        if not w:
            return []
        needle = " " + " ".join(w) + " "
        return [d for d, flat in zip(self.docs, self.flat) if needle in flat]
