"""What the modules of :mod:`ofstedmine.corpus` share: the failure record, the file
suffixes a folder run reads, the logger, and authority keys resolved to registry ids.

>>> CorpusFailure("a.pdf", "NotAPdfError", "not a PDF").to_dict()["error"]
'NotAPdfError'
>>> sorted(_resolve_authorities(["Hull", 80449]))
['bradford', 'kingston_upon_hull']
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["SUFFIXES", "CorpusFailure"]

# one logger for the whole corpus stage, named as before the split
log = logging.getLogger("ofstedmine.corpus")

SUFFIXES = (".pdf", ".html", ".htm", ".txt")


@dataclass(frozen=True, slots=True)
class CorpusFailure:
    """A file that could not be parsed or extracted, with the reason."""

    path: str
    error: str  # the exception class name, e.g. "NotAPdfError"
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error, "message": self.message}


def _resolve_authorities(v: str | Sequence[str] | None) -> set[str] | None:
    if v is None:
        return None
    import ofstedmine.authorities as authorities

    names = [v] if isinstance(v, (str, int)) else list(v)
    return {authorities.get(n).id for n in names}
