"""The frames kept on disk as Parquet, keyed by the files read and :data:`READER_VERSION`.

The parsed workbooks and the frames built from them are also kept in the process
(``functools.lru_cache`` in the modules that build them); this is the cache that
outlives the process, used when a reader is called with ``cache=``.
"""

from __future__ import annotations

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

    from ofstedmine._fs import atomic_writer
    from ofstedmine._paths import default_cache_dir

    root = (default_cache_dir() if cache is True else Path(cache)) / "statistics"
    key = hashlib.sha256(repr((name, keys, with_la_codes, READER_VERSION)).encode()).hexdigest()
    path = root / f"{name}-{key[:32]}.parquet"
    try:
        return pd.read_parquet(path)
    except (FileNotFoundError, OSError, ValueError):
        pass
    df = compute()
    root.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_writer(path, suffix=".parquet.tmp") as fh:
            df.to_parquet(fh, index=False)
    except Exception:  # noqa: BLE001 - a frame Parquet cannot hold is returned, not kept
        pass
    return df


def _file_keys(paths: PathLike | Iterable[PathLike] | None) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in _resolve_paths(paths):
        st = p.stat()
        out.append((str(p.resolve()), st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))
