"""A local store of fetched documents that a person can browse.

Layout under ``root``::

    manifest.csv                                 one row per held document
    <authority>/<published>_<kind>_<fileid>.pdf  the files to browse (hard links)
    .objects/sha256/ab/cdef...                   the bytes, content-addressed
    .tmp/                                        downloads in progress

Every write is atomic (temporary file, fsync, ``os.replace``); an object is
complete before its browsable link exists, and the link exists before the
manifest row that names it, so a crash at any point leaves at worst some
leftovers that :meth:`Store.verify` finds and removes. File names are built from
the publication's date, kind and file id, sanitised; never taken from a server.

A *mirror* (a folder laid out like the shared corpus: ``inspections/<urn>_<la>/
<published>.pdf`` with a ``manifest.csv``) can stand in for the network; in
*offline* mode the store only answers from what it holds.

Submodules, by job: ``manifest`` (the rows and ``manifest.csv``), ``layout`` (safe
names, where a publication goes), ``objects`` (content-addressed bytes, links,
staged files), ``base`` (:class:`StoreBase`: layout, rows, lock, the write path),
``fetching`` (network, mirror, given bytes), ``verify`` (check and repair) and
``core`` (:class:`Store`, composed of them).

>>> safe_name("../../etc/passwd")
'etc-passwd'
"""

from __future__ import annotations

# the names with a leading underscore are the former single module's private
# names, still importable from here
from ..._paths import default_store_dir
from .core import Store
from .layout import OUR_NAME as _OUR_NAME  # noqa: F401
from .layout import safe_name
from .manifest import MANIFEST_COLUMNS, StoreEntry, StoreResult
from .manifest import now as _now  # noqa: F401
from .objects import HEX64 as _HEX64  # noqa: F401
from .objects import PDF_MAGIC as _PDF_MAGIC  # noqa: F401
from .objects import sha256_file as _sha256_file  # noqa: F401
from .verify import VerifyReport

__all__ = [
    "MANIFEST_COLUMNS",
    "Store",
    "default_store_dir",
    "StoreEntry",
    "StoreResult",
    "VerifyReport",
    "safe_name",
]
