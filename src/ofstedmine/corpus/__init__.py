"""Corpus: many documents and their extractions, in time order, as tidy frames.

Building a corpus runs ``parse`` and ``extract_all`` on every file, in worker
processes by default (pypdfium2 is not thread-safe, and a crash in native code then
costs one document, not the run). The executor is a parameter: pass any
process-based :class:`concurrent.futures.Executor`, for example a Dask client's
``client.get_executor()``, to spread the work over machines.

One bad file never stops a run: it lands in :attr:`Corpus.failures` with the
error type and message. With the default pool (:mod:`ofstedmine._pool`) a worker
that crashes or runs past ``timeout`` costs only the file it held.

The class is in :mod:`~ofstedmine.corpus._corpus`, the parallel run (jobs, workers,
cache keys) in :mod:`~ofstedmine.corpus._run`, manifests in
:mod:`~ofstedmine.corpus._manifest` and secondary sources in
:mod:`~ofstedmine.corpus._secondary`; every name is importable from here.
"""

from __future__ import annotations

from ._common import SUFFIXES as SUFFIXES
from ._common import CorpusFailure
from ._common import _resolve_authorities as _resolve_authorities
from ._common import log as log
from ._corpus import Corpus
from ._corpus import _as_date as _as_date
from ._corpus import _as_set as _as_set
from ._corpus import _date_of as _date_of
from ._manifest import publication_from_row as publication_from_row
from ._run import _TRANSIENT as _TRANSIENT
from ._run import _Artefact as _Artefact
from ._run import _corpus_key as _corpus_key
from ._run import _crash as _crash
from ._run import _decoders as _decoders
from ._run import _Job as _Job
from ._run import _options_key as _options_key
from ._run import _process as _process
from ._run import _renamed as _renamed

__all__ = ["Corpus", "CorpusFailure"]
