"""Corpus: many documents and their extractions, in time order, as tidy frames.

Building a corpus runs ``parse`` and ``extract_all`` on every file, in worker
processes by default (pypdfium2 is not thread-safe, and a crash in native code then
costs one document, not the run). The executor is a parameter: pass any
process-based :class:`concurrent.futures.Executor`, for example a Dask client's
``client.get_executor()``, to spread the work over machines.

One bad file never stops a run: it lands in :attr:`Corpus.failures` with the
error type and message. With the default pool (:mod:`ofstedmine._pool`) a worker
that crashes or runs past ``timeout`` costs only the file it held.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ofstedmine.frames import Frames
from ofstedmine.types import Document, Event, Extraction, Publication

if TYPE_CHECKING:
    pass

__all__ = ["Corpus", "CorpusFailure"]

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".html", ".htm", ".txt")


@dataclass(frozen=True, slots=True)
class CorpusFailure:
    """A file that could not be parsed or extracted, with the reason."""

    path: str
    error: str  # the exception class name, e.g. "NotAPdfError"
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error, "message": self.message}


@dataclass(frozen=True, slots=True)
class _Job:
    path: str
    publication: dict | None
    findings: bool
    model: str | None
    cache_dir: str | None
    max_pages: int | None
    timeout: float | None


def _options_key(job: _Job) -> str:
    return f"f{int(job.findings)}-m{job.model or 'rules'}"


def _process(job: _Job) -> dict[str, Any]:
    """Parse and extract one file (runs in a worker).

    Returns the Document and its Extractions as JSON bytes (cheap to send between
    processes, decoded straight into records by msgspec), or a failure.
    """
    import msgspec

    from ofstedmine.cache import Cache
    from ofstedmine.errors import OfstedmineError
    from ofstedmine.extract import extract_all, versions
    from ofstedmine.parse import PARSER_VERSION, ParseSettings, parse

    try:
        data = Path(job.path).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        cache = Cache(job.cache_dir) if job.cache_dir else None
        pub = Publication.from_dict(job.publication) if job.publication else None
        doc_key = f"{sha}-p{PARSER_VERSION}"
        doc = cache.get("documents", doc_key, Document) if cache else None
        if doc is None:
            settings = ParseSettings(max_pages=job.max_pages, timeout=job.timeout)
            suffix = Path(job.path).suffix.lower()
            kind = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "text"}.get(
                suffix, "auto"
            )
            doc = parse(
                data if kind != "auto" else job.path, kind=kind, settings=settings, publication=pub
            )
            if cache:
                cache.put("documents", doc_key, doc)
        doc = _renamed(doc, job.path, pub)
        vers = versions()
        # every version the extraction depends on (the trained models' too)
        models = "-".join(f"{k}{v}" for k, v in sorted(vers.items()) if k not in ("parser",))
        ex_key = f"{sha}-{models}-{_options_key(job)}"
        ex_bytes = cache.get_bytes("extractions", ex_key) if cache else None
        if ex_bytes is None:
            ex_bytes = msgspec.json.encode(extract_all(doc, findings=job.findings, model=job.model))
            if cache:
                cache.put_bytes("extractions", ex_key, ex_bytes)
        return {"document": msgspec.json.encode(doc), "extractions": ex_bytes}
    except OfstedmineError as exc:
        return {"failure": CorpusFailure(job.path, type(exc).__name__, str(exc)).to_dict()}
    except Exception as exc:  # a bug, but one document must not stop the run
        log.exception("unexpected error on %s", job.path)
        return {
            "failure": CorpusFailure(job.path, type(exc).__name__, f"unexpected: {exc!r}").to_dict()
        }


@dataclass(frozen=True, slots=True)
class _Artefact:
    """One corpus run, cached whole so that a warm rerun reads a single file."""

    documents: list[Document]
    extractions: list[Extraction]
    failures: list[dict[str, str]]


_TRANSIENT = {"WorkerDied", "ParseTimeoutError", "BrokenProcessPool", "CancelledError"}


def _decoders():
    import msgspec

    return (msgspec.json.Decoder(Document).decode, msgspec.json.Decoder(list[Extraction]).decode)


def _corpus_key(jobs: list[_Job]) -> str | None:
    """Key of a whole run: each file's path, size, mtime and inode, the options, and
    every version (parser, extractor, codebook, authority registry). A changed file
    changes its size or mtime; its content is then re-read and re-hashed."""
    import json

    import ofstedmine.authorities as authorities
    from ofstedmine.extract import versions

    rows = []
    for j in jobs:
        try:
            st = os.stat(j.path)
        except OSError:
            return None
        rows.append(
            [
                os.path.abspath(j.path),
                st.st_size,
                st.st_mtime_ns,
                st.st_ino,
                j.publication,
                j.findings,
                j.model,
                j.max_pages,
            ]
        )
    payload = {"files": rows, "versions": versions(), "registry": authorities.registry_version()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _renamed(doc: Document, path: str, pub: Publication | None = None) -> Document:
    from dataclasses import replace

    changes: dict[str, Any] = {"source_name": str(path)}
    if pub is not None:
        changes["publication"] = pub
        if pub.authority:
            changes["authority"] = pub.authority
    return replace(doc, **changes)


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
        from ofstedmine._paths import default_cache_dir

        cache_dir = None
        if cache is True:
            cache_dir = str(default_cache_dir())
        elif cache:
            cache_dir = str(cache)
        pubs = publications or {}
        jobs = [
            _Job(
                str(p),
                pubs[str(p)].to_dict() if str(p) in pubs else None,
                findings,
                model,
                cache_dir,
                max_pages,
                timeout,
            )
            for p in paths
        ]
        from ofstedmine.cache import Cache

        store = Cache(cache_dir) if cache_dir else None
        key = _corpus_key(jobs) if store else None
        if store and key:
            hit = store.get("corpora", key, _Artefact)
            if hit is not None:
                return cls(
                    hit.documents,
                    hit.extractions,
                    failures=[CorpusFailure(**f) for f in hit.failures],
                )
        results = _run(jobs, executor=executor, workers=workers, progress=progress)
        docs: list[Document] = []
        exs: list[Extraction] = []
        fails: list[CorpusFailure] = []
        decode_doc, decode_exs = _decoders()
        for r in results:
            if "failure" in r:
                fails.append(CorpusFailure(**r["failure"]))
                continue
            docs.append(decode_doc(r["document"]))
            exs.extend(decode_exs(r["extractions"]))
        for f in fails:
            log.warning("skipped %s: %s", f.path, f.message)
        # Failures from a dead or hung worker may be passing: such a run is not cached.
        if store and key and not any(f.error in _TRANSIENT for f in fails):
            store.put("corpora", key, _Artefact(docs, exs, [f.to_dict() for f in fails]))
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
        manifest = Path(manifest)
        base = Path(root) if root is not None else manifest.parent
        pubs: dict[str, Publication] = {}
        paths = []
        with open(manifest, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if where is not None and not where(row):
                    continue
                path = str(base / row["path"])
                paths.append(path)
                pubs[path] = publication_from_row(row)
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
        from dataclasses import replace

        from ofstedmine.extract import versions
        from ofstedmine.extract.metadata import extract_metadata
        from ofstedmine.extract.quotes import extract_quotes
        from ofstedmine.parse import parse
        from ofstedmine.types import DocumentKind

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
        known = [d for d in self.documents if auth_id is None or d.authority == auth_id]
        docs, exs, fails = list(self.documents), list(self.extractions), list(self.failures)
        vers = versions()
        for item in items:
            try:
                doc = item if isinstance(item, Document) else parse(item)
            except Exception as exc:  # one bad source must not lose the others
                fails.append(CorpusFailure(str(item), type(exc).__name__, str(exc)))
                continue
            when = dates.get(str(item)) or dates.get(doc.source_name or "")
            pub = replace(
                doc.publication or Publication(source="secondary"),
                authority=doc.authority or auth_id,
                published=when,
                kind=doc.kind,
            )
            doc = replace(doc, publication=pub, authority=pub.authority)
            warnings: list[str] = []
            meta = extract_metadata(doc, span=(0, len(doc.text)), warnings=warnings)
            kind = (
                doc.kind
                if doc.kind in (DocumentKind.NEWS, DocumentKind.COUNCIL_MINUTES)
                else meta.kind
            )
            meta = replace(
                meta, authority=pub.authority, kind=kind, published=when or meta.published
            )
            findings = extract_quotes(doc, known_documents=known, events=self.events)
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
        return Corpus(docs, exs, failures=fails, events=self.events)

    def _repr_html_(self) -> str:
        from html import escape

        df = self.documents_frame()
        head = df[["authority", "kind", "framework", "date", "overall"]].head(20) if len(df) else df
        return f"<b>{escape(repr(self))}</b>" + head.to_html(index=False, escape=True)


def publication_from_row(row: dict[str, str]) -> Publication:
    """A Publication from a manifest row (shared corpus or store layout)."""
    import ofstedmine.authorities as authorities

    urn = int(row["urn"]) if (row.get("urn") or "").isdigit() else None
    auth = None
    for key in (row.get("authority"), urn, row.get("la")):
        if key:
            a = authorities.lookup(key)
            if a is not None:
                auth = a.id
                break
    url = row.get("url") or None
    published = None
    if row.get("published"):
        try:
            published = dt.date.fromisoformat(row["published"][:10])
        except ValueError:
            published = None
    file_id = row.get("file_id") or (url.rstrip("/").rsplit("/", 1)[-1] if url else None)
    return Publication(
        url=url,
        source=row.get("source") or "manifest",
        authority=auth,
        urn=urn,
        kind_label=row.get("kind_label") or row.get("kind") or None,
        published=published,
        file_id=file_id,
    )


def _run(
    jobs: list[_Job], *, executor: Executor | None, workers: int | None, progress: bool | None
) -> list[dict[str, Any]]:
    """Run the jobs; results come back in job order. See the module docstring."""
    import sys

    from tqdm.auto import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(jobs), disable=not show, unit="doc", desc="parse+extract")
    out: list[dict[str, Any] | None] = [None] * len(jobs)
    try:
        if executor is None and (workers == 1 or len(jobs) <= 1):
            for i, j in enumerate(jobs):
                out[i] = _process(j)
                bar.update()
        elif executor is None:
            from ofstedmine._pool import WorkerTimedOut, run_resilient

            timeout = max((j.timeout for j in jobs if j.timeout), default=None)
            n = workers or os.cpu_count() or 2
            for i, result in run_resilient(_process, jobs, workers=n, timeout=timeout):
                if isinstance(result, BaseException):
                    error = (
                        "ParseTimeoutError"
                        if isinstance(result, WorkerTimedOut)
                        else type(result).__name__
                    )
                    result = _crash(jobs[i], error, result)
                out[i] = result
                bar.update()
        else:
            futures = [executor.submit(_process, j) for j in jobs]
            for i, f in enumerate(futures):
                try:
                    out[i] = f.result()
                except Exception as exc:  # a worker died: that document is lost, not the run
                    out[i] = _crash(jobs[i], type(exc).__name__, exc)
                bar.update()
    finally:
        bar.close()
    return [r for r in out if r is not None]


def _crash(job: _Job, error: str, exc: BaseException) -> dict[str, Any]:
    message = (
        f"the worker processing this file failed ({exc}); the file may crash or hang "
        "the PDF library: check it, or raise the time limit"
    )
    return {"failure": CorpusFailure(job.path, error, message).to_dict()}


def _as_set(v: str | Sequence[str] | None) -> set[str] | None:
    if v is None:
        return None
    return {str(v)} if isinstance(v, str) else {str(x) for x in v}


def _resolve_authorities(v: str | Sequence[str] | None) -> set[str] | None:
    if v is None:
        return None
    import ofstedmine.authorities as authorities

    names = [v] if isinstance(v, (str, int)) else list(v)
    return {authorities.get(n).id for n in names}


def _as_date(v: dt.date | int | str | None, *, start: bool) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    s = str(v)
    if len(s) == 4:
        return dt.date(int(s), 1, 1) if start else dt.date(int(s), 12, 31)
    return dt.date.fromisoformat(s)
