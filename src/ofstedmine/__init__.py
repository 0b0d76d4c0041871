"""ofstedmine: Ofsted's reports on English local authorities' children's services
as evidence you can analyse — judgements, themes, recurring concerns, a theme graph.

The top level is small; stages live in subpackages (``ofstedmine.parse``,
``ofstedmine.extract``, ``ofstedmine.analysis``, ``ofstedmine.sources``, ...).
Nothing heavy happens at import: names are loaded on first use.

>>> import ofstedmine
>>> doc = ofstedmine.parse(b"Joint targeted area inspection of Anytown", kind="text")
>>> doc.kind.value
'jtai'
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ofstedmine._version import __version__ as __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Corpus",
    "Document",
    "Event",
    "Extraction",
    "Finding",
    "Judgement",
    "Locator",
    "Publication",
    "Recommendation",
    "authorities",
    "build_theme_graph",
    "classify",
    "errors",
    "extract",
    "extract_all",
    "parse",
    "sources",
    "timeline",
]

_LAZY = {
    "Corpus": ("ofstedmine.corpus", "Corpus"),
    "Document": ("ofstedmine.types", "Document"),
    "Event": ("ofstedmine.types", "Event"),
    "Extraction": ("ofstedmine.types", "Extraction"),
    "Finding": ("ofstedmine.types", "Finding"),
    "Judgement": ("ofstedmine.types", "Judgement"),
    "Locator": ("ofstedmine.types", "Locator"),
    "Publication": ("ofstedmine.types", "Publication"),
    "Recommendation": ("ofstedmine.types", "Recommendation"),
    "authorities": ("ofstedmine.authorities", None),
    "build_theme_graph": ("ofstedmine.analysis.graph", "build_theme_graph"),
    "classify": ("ofstedmine.parse.classify", "classify"),
    "errors": ("ofstedmine.errors", None),
    "extract": ("ofstedmine.extract", "extract"),
    "extract_all": ("ofstedmine.extract", "extract_all"),
    "parse": ("ofstedmine.parse", "parse"),
    "sources": ("ofstedmine.sources", None),
    "timeline": ("ofstedmine.sources.events", "timeline"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'ofstedmine' has no attribute {name!r}") from None
    mod = importlib.import_module(module)
    value = mod if attr is None else getattr(mod, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover
    from ofstedmine import authorities, errors, sources
    from ofstedmine.analysis.graph import build_theme_graph
    from ofstedmine.corpus import Corpus
    from ofstedmine.extract import extract, extract_all
    from ofstedmine.parse import parse
    from ofstedmine.parse.classify import classify
    from ofstedmine.sources.events import timeline
    from ofstedmine.types import (
        Document,
        Event,
        Extraction,
        Finding,
        Judgement,
        Locator,
        Publication,
        Recommendation,
    )
