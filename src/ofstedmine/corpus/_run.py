"""The parallel run behind :meth:`Corpus.from_paths <ofstedmine.corpus.Corpus.from_paths>`.

One :class:`_Job` per file; :func:`_process` parses and extracts it (in a worker),
caching the document and the extractions under keys of the file's sha256 and every
version they depend on. :func:`run_jobs` runs the jobs in this process, in the
resilient pool of :mod:`ofstedmine._pool` or in a given executor, a crashed or hung
worker costing only its file. :func:`run_paths` builds the jobs and caches a whole
run under :func:`_corpus_key`.

>>> job = _Job("a.pdf", None, True, None, None, 2000, None)
>>> _options_key(job)
'f1-mrules'
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ofstedmine.types import Document, Extraction, Publication

from ._common import CorpusFailure, log

__all__ = ["run_jobs", "run_paths"]


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


def run_paths(
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
) -> tuple[list[Document], list[Extraction], list[CorpusFailure]]:
    """The documents, extractions and failures of a run over ``paths``.

    The options are those of :meth:`Corpus.from_paths
    <ofstedmine.corpus.Corpus.from_paths>`; a whole run is read from, or written to,
    the cache's ``corpora`` part, unless a worker died or hung in it.
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
            return (
                hit.documents,
                hit.extractions,
                [CorpusFailure(**f) for f in hit.failures],
            )
    results = run_jobs(jobs, executor=executor, workers=workers, progress=progress)
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
    return docs, exs, fails


def run_jobs(
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
