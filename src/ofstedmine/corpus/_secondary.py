"""Secondary sources (news articles, council minutes) added to a corpus.

Each source is parsed and its sentences quoting Ofsted or a DfE notice become quoted
findings attributed to the corpus document, or the dated event, they quote
(:func:`ofstedmine.extract.quotes.extract_quotes`); see
:meth:`Corpus.with_secondary <ofstedmine.corpus.Corpus.with_secondary>`.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ofstedmine.types import Document, DocumentKind, Event, Extraction, Publication, SourceKind

from ._common import CorpusFailure, _resolve_authorities

__all__ = ["add_secondary"]


def add_secondary(
    documents: Sequence[Document],
    extractions: Sequence[Extraction],
    failures: Sequence[CorpusFailure],
    events: Sequence[Event],
    sources: Iterable[str | os.PathLike[str] | Document] | str | os.PathLike[str],
    *,
    authority: str | None = None,
    dates: dict[str, dt.date] | None = None,
) -> tuple[list[Document], list[Extraction], list[CorpusFailure]]:
    """A corpus's documents, extractions and failures with the secondary ``sources``
    added (the parameters as in :meth:`Corpus.with_secondary
    <ofstedmine.corpus.Corpus.with_secondary>`, the corpus given by its parts)."""
    from dataclasses import replace

    from ofstedmine.extract import versions
    from ofstedmine.extract.metadata import extract_metadata
    from ofstedmine.extract.quotes import extract_quotes
    from ofstedmine.parse import parse

    dates = dict(dates or {})
    wanted = _resolve_authorities(authority) if authority else None
    items: list[Any] = []
    if isinstance(sources, (str, os.PathLike)) and str(sources).endswith(".csv"):
        manifest = Path(sources)
        with open(manifest, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                path = (manifest.parent / row["path"]).resolve()
                if (
                    wanted
                    and row.get("authority")
                    and not _resolve_authorities(row["authority"]) & wanted
                ):
                    continue
                if row.get("published"):
                    dates.setdefault(str(path), dt.date.fromisoformat(row["published"][:10]))
                items.append(path)
    elif isinstance(sources, (str, os.PathLike)):
        items = [sources]
    else:
        items = list(sources)
    auth_id = next(iter(wanted)) if wanted else None
    known = [d for d in documents if auth_id is None or d.authority == auth_id]
    docs, exs, fails = list(documents), list(extractions), list(failures)
    vers = versions()
    for item in items:
        try:
            doc = item if isinstance(item, Document) else parse(item)
        except Exception as exc:  # one bad source must not lose the others
            fails.append(CorpusFailure(str(item), type(exc).__name__, str(exc)))
            continue
        when = dates.get(str(item)) or dates.get(doc.source_name or "")
        pub = replace(
            doc.publication or Publication(source=SourceKind.SECONDARY),
            authority=doc.authority or auth_id,
            published=when,
            kind=doc.kind,
        )
        doc = replace(doc, publication=pub, authority=pub.authority)
        warnings: list[str] = []
        meta = extract_metadata(doc, span=(0, len(doc.text)), warnings=warnings)
        kind = (
            doc.kind if doc.kind in (DocumentKind.NEWS, DocumentKind.COUNCIL_MINUTES) else meta.kind
        )
        meta = replace(meta, authority=pub.authority, kind=kind, published=when or meta.published)
        findings = extract_quotes(doc, known_documents=known, events=events)
        docs.append(doc)
        exs.append(
            Extraction(
                doc.id,
                meta,
                findings=tuple(findings),
                warnings=tuple(warnings),
                versions=vers,
            )
        )
    return docs, exs, fails
