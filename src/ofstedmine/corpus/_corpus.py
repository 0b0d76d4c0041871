"""The :class:`Corpus`: documents and extractions in time order, with their failures
and dated events; building one (:mod:`~ofstedmine.corpus._run`), selecting from it, and
adding secondary sources (:mod:`~ofstedmine.corpus._secondary`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from ofstedmine.frames import Frames
from ofstedmine.types import Document, Event, Extraction, Publication

from ._common import SUFFIXES, CorpusFailure, _resolve_authorities
from ._manifest import read_manifest
from ._run import run_paths
from ._secondary import add_secondary

__all__ = ["Corpus"]


def _date_of(doc: Document, ex: Extraction | None) -> dt.date | None:
    """The time-order key: publication date, else letter date, else end of fieldwork."""
    if doc.publication and doc.publication.published:
        return doc.publication.published
    if ex is not None:
        m = ex.metadata
        return m.published or m.letter_date or m.inspection_end or m.inspection_start
    return None


class Corpus(Frames):
    """Documents and extractions of one or many authorities, in time order.

    Parameters
    ----------
    documents, extractions
        Parsed documents and their extractions (several per document when a file
        holds several reports).
    failures
        Files that could not be read, with reasons.
    events
        Dated events without text (monitoring visits from the statistics, DfE
        notices, a trust's start), shown beside the documents.

    Examples
    --------
    >>> c = Corpus()
    >>> len(c), c.failures
    (0, ())
    """

    def __init__(
        self,
        documents: Iterable[Document] = (),
        extractions: Iterable[Extraction] = (),
        *,
        failures: Iterable[CorpusFailure] = (),
        events: Iterable[Event] = (),
    ) -> None:
        docs = {d.id: d for d in documents}
        exs = list(extractions)
        by_doc: dict[str, list[Extraction]] = {}
        for e in exs:
            by_doc.setdefault(e.document_id, []).append(e)

        def key(d: Document) -> tuple:
            first = by_doc.get(d.id, [None])[0]
            date = _date_of(d, first) or dt.date.max
            return (date, d.authority or "", d.source_name or d.id)

        self.documents: tuple[Document, ...] = tuple(sorted(docs.values(), key=key))
        order = {d.id: i for i, d in enumerate(self.documents)}
        self.extractions: tuple[Extraction, ...] = tuple(
            sorted(exs, key=lambda e: (order.get(e.document_id, len(order)), e.part))
        )
        self.failures: tuple[CorpusFailure, ...] = tuple(failures)
        self.events: tuple[Event, ...] = tuple(sorted(events, key=lambda e: e.date))
        self._by_doc = by_doc

    # ------------------------------------------------------------------ building

    @classmethod
    def from_paths(
        cls,
        paths: Iterable[str | os.PathLike[str]],
        *,
        publications: dict[str, Publication] | None = None,
        findings: bool = True,
        model: str | None = None,
        executor: Executor | None = None,
        workers: int | None = None,
        cache: bool | str | os.PathLike[str] = True,
        progress: bool | None = None,
        max_pages: int | None = 2000,
        timeout: float | None = None,
    ) -> Corpus:
        """Parse and extract files, in parallel, keeping going past bad ones.

        ``executor`` is any process-based executor (default: a process pool sized
        to the machine, or ``workers``); ``workers=1`` runs in this process.
        ``cache`` is True (the user cache directory), a folder, or False.
        """
        docs, exs, fails = run_paths(
            paths,
            publications=publications,
            findings=findings,
            model=model,
            executor=executor,
            workers=workers,
            cache=cache,
            progress=progress,
            max_pages=max_pages,
            timeout=timeout,
        )
        return cls(docs, exs, failures=fails)

    @classmethod
    def from_folder(cls, folder: str | os.PathLike[str], **options: Any) -> Corpus:
        """Every PDF, HTML and text file below a folder (see :meth:`from_paths`).

        A ``manifest.csv`` in the folder (as in a store or the shared corpus) is
        used for publication facts; otherwise files are read as they are.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise FileNotFoundError(f"no such folder: {folder}")
        manifest = folder / "manifest.csv"
        if manifest.is_file():
            return cls.from_manifest(manifest, **options)
        paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        return cls.from_paths(paths, **options)

    @classmethod
    def from_manifest(
        cls,
        manifest: str | os.PathLike[str],
        *,
        root: str | os.PathLike[str] | None = None,
        where: Any = None,
        **options: Any,
    ) -> Corpus:
        """Files listed in a manifest CSV (``path`` column, relative to its folder).

        Recognised columns: path, url, published, urn, la/authority, kind,
        kind_label. ``where`` is an optional predicate on each row (a dict) to take
        a slice.
        """
        paths, pubs = read_manifest(manifest, root=root, where=where)
        return cls.from_paths(paths, publications=pubs, **options)

    # ----------------------------------------------------------------- selection

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[tuple[Document, list[Extraction]]]:
        for d in self.documents:
            yield d, self._by_doc.get(d.id, [])

    def __repr__(self) -> str:
        auths = len({d.authority for d in self.documents})
        return (
            f"<Corpus {len(self.documents)} documents, {auths} authorities, "
            f"{len(self.events)} events, {len(self.failures)} failures>"
        )

    def document(self, document_id: str) -> Document:
        """The document with this id (a unique prefix of the sha256 is enough)."""
        hits = [d for d in self.documents if d.id.startswith(document_id)]
        if len(hits) != 1:
            raise KeyError(f"{document_id!r} matches {len(hits)} documents")
        return hits[0]

    def extractions_of(self, document_id: str) -> list[Extraction]:
        """The extractions of one document, in order."""
        return list(self._by_doc.get(document_id, []))

    def date_of(self, document: Document) -> dt.date | None:
        """The date a document is ordered by (see :func:`_date_of`)."""
        ex = self._by_doc.get(document.id, [None])[0]
        return _date_of(document, ex)

    def filter(
        self,
        *,
        authority: str | Sequence[str] | None = None,
        kind: str | Sequence[str] | None = None,
        framework: str | Sequence[str] | None = None,
        since: dt.date | int | str | None = None,
        until: dt.date | int | str | None = None,
    ) -> Corpus:
        """A sub-corpus. Authorities are resolved through the registry."""
        auths = _resolve_authorities(authority)
        kinds = _as_set(kind)
        frameworks = _as_set(framework)
        lo, hi = _as_date(since, start=True), _as_date(until, start=False)
        keep = []
        for d in self.documents:
            date = self.date_of(d)
            if auths is not None and d.authority not in auths:
                continue
            if kinds is not None and d.kind.value not in kinds:
                continue
            if frameworks is not None and d.framework.value not in frameworks:
                continue
            if lo and (date is None or date < lo) or hi and (date is None or date > hi):
                continue
            keep.append(d)
        ids = {d.id for d in keep}
        events = [e for e in self.events if auths is None or e.authority in auths]
        return Corpus(
            keep,
            [e for e in self.extractions if e.document_id in ids],
            failures=self.failures,
            events=events,
        )

    def for_authority(self, authority: str) -> Corpus:
        """The documents and events of one authority (name, id, URN or alias)."""
        return self.filter(authority=authority)

    def with_events(self, events: Iterable[Event]) -> Corpus:
        """The same corpus with more dated events attached."""
        return Corpus(
            self.documents, self.extractions, failures=self.failures, events=[*self.events, *events]
        )

    def with_secondary(
        self,
        sources: Iterable[str | os.PathLike[str] | Document] | str | os.PathLike[str],
        *,
        authority: str | None = None,
        dates: dict[str, dt.date] | None = None,
    ) -> Corpus:
        """Add secondary sources: news articles and council minutes.

        Each is parsed; its sentences quoting Ofsted or a DfE notice become
        quoted findings (``Finding.quoted_from``) attributed to the document of
        this corpus, or the dated event, that they quote
        (:func:`ofstedmine.extract.quotes.extract_quotes` gives the rule).

        Parameters
        ----------
        sources
            Paths or parsed documents, or one CSV manifest of them (columns:
            ``path`` relative to the manifest, ``published``, ``authority``,
            ``kind``, optional ``outlet``), as in ``corpora/secondary_sources.csv``.
        authority
            Keep only sources about this authority (when the manifest says), and
            give it to sources that do not name one.
        dates
            Publication dates by path, for sources that print none.
        """
        docs, exs, fails = add_secondary(
            self.documents,
            self.extractions,
            self.failures,
            self.events,
            sources,
            authority=authority,
            dates=dates,
        )
        return Corpus(docs, exs, failures=fails, events=self.events)

    def _repr_html_(self) -> str:
        from html import escape

        df = self.documents_frame()
        head = df[["authority", "kind", "framework", "date", "overall"]].head(20) if len(df) else df
        return f"<b>{escape(repr(self))}</b>" + head.to_html(index=False, escape=True)


def _as_set(v: str | Sequence[str] | None) -> set[str] | None:
    if v is None:
        return None
    return {str(v)} if isinstance(v, str) else {str(x) for x in v}


def _as_date(v: dt.date | int | str | None, *, start: bool) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    s = str(v)
    if len(s) == 4:
        return dt.date(int(s), 1, 1) if start else dt.date(int(s), 12, 31)
    return dt.date.fromisoformat(s)
