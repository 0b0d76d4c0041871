"""Content-addressed caches at the stage boundaries (JSON, gzip; never pickle).

Entries are JSON written and read with msgspec, which decodes straight into the
typed records (several times faster than ``json`` plus ``from_dict``).

* a parsed Document is keyed by (sha256 of the bytes, parser version);
* an extraction by (sha256, extractor version, codebook version, options);
* a corpus artefact by the sorted sha256s of its files and all versions, so a warm
  rerun reads one file instead of rebuilding every record.

Writes are atomic (:func:`ofstedmine._fs.atomic_writer`: temporary file in the same
folder, fsync, then ``os.replace``), so two processes can share a cache: the worst
case is the same entry written twice.
``parse()`` and ``extract()`` never touch a cache; :class:`~ofstedmine.Corpus` and
the CLI do.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path
from typing import Any

from ._fs import atomic_writer
from ._paths import default_cache_dir

__all__ = ["Cache", "default_cache_dir"]


class Cache:
    """A folder of gzip-compressed JSON entries addressed by key.

    >>> import tempfile
    >>> c = Cache(tempfile.mkdtemp())
    >>> c.put("documents", "abc", {"x": 1})
    >>> c.get("documents", "abc")
    {'x': 1}
    >>> c.get("documents", "missing") is None
    True
    """

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_dir()

    def _path(self, namespace: str, key: str) -> Path:
        safe = hashlib.sha256(key.encode()).hexdigest() if len(key) > 100 or "/" in key else key
        return self.root / namespace / safe[:2] / f"{safe}.json.gz"

    def get(self, namespace: str, key: str, type: Any = Any) -> Any | None:
        """The entry decoded as ``type`` (plain JSON values by default), or None when
        absent or unreadable (a damaged or mistyped entry is dropped)."""
        raw = self.get_bytes(namespace, key)
        if raw is None:
            return None
        import msgspec

        try:
            return msgspec.json.decode(raw, type=type)
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
            self._path(namespace, key).unlink(missing_ok=True)
            return None

    def get_bytes(self, namespace: str, key: str) -> bytes | None:
        """The entry's JSON bytes, or None."""
        path = self._path(namespace, key)
        try:
            with gzip.open(path, "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None
        except (OSError, EOFError):
            path.unlink(missing_ok=True)
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Write an entry atomically (records, lists and dicts of them, or JSON values)."""
        import msgspec

        self.put_bytes(namespace, key, msgspec.json.encode(value, enc_hook=_enc_hook))

    def put_bytes(self, namespace: str, key: str, data: bytes) -> None:
        """Write already-encoded JSON bytes atomically."""
        path = self._path(namespace, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # private (0600) and named like an entry, as mkstemp made them: clear() finds
        # the leftovers of an interrupted write
        with (
            atomic_writer(path, prefix=".tmp-", suffix=".json.gz", mode=0o600) as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as gz,
        ):
            gz.write(data)

    def clear(self) -> int:
        """Delete every entry; return how many files were removed."""
        n = 0
        if self.root.exists():  # noqa: SIM102
            for p in self.root.rglob("*.json.gz"):
                p.unlink(missing_ok=True)
                n += 1
        return n


def _enc_hook(obj: Any) -> Any:
    to_dict = getattr(obj, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    raise NotImplementedError(f"cannot cache {type(obj).__name__}")
