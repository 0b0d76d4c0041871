"""The frames kept on disk as Parquet, keyed by the files read and :data:`READER_VERSION`.

The parsed workbooks and the frames built from them are also kept in the process
(``functools.lru_cache`` in the modules that build them); this is the cache that
outlives the process, used when a reader is called with ``cache=``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .paths import PathLike, _resolve_paths

__all__ = ["READER_VERSION"]


#: Bumped whenever the frames this module returns change; disk caches key on it.
READER_VERSION = "1"


def _disk_cached(name, keys, with_la_codes, cache, compute) -> pd.DataFrame:
    """``compute()``, kept as Parquet in ``<cache>/statistics/`` when ``cache`` is
    True (the user cache folder) or a folder. Keyed by each file's path, size and
    mtime, the options and :data:`READER_VERSION`; written atomically."""
    if not cache:
        return compute()
    import hashlib
    import tempfile

    from ofstedmine.cache import default_cache_dir

    root = (default_cache_dir() if cache is True else Path(cache)) / "statistics"
    key = hashlib.sha256(repr((name, keys, with_la_codes, READER_VERSION)).encode()).hexdigest()
    path = root / f"{name}-{key[:32]}.parquet"
    try:
        return pd.read_parquet(path)
    except (FileNotFoundError, OSError, ValueError):
        pass
    df = compute()
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=root, suffix=".parquet.tmp")
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except Exception:  # a frame Parquet cannot hold is still returned, just not kept
        Path(tmp).unlink(missing_ok=True)
    return df


def _file_keys(paths: PathLike | Iterable[PathLike] | None) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in _resolve_paths(paths):
        st = p.stat()
        out.append((str(p.resolve()), st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))
