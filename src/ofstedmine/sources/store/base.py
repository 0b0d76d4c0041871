"""The store's core: its layout, its manifest rows, its lock and the one write path.

:class:`StoreBase` holds what every job of the store needs; fetching
(:mod:`.fetching`) and checking (:mod:`.verify`) build on it, and
:class:`~ofstedmine.sources.store.Store` is composed of all three.

Every write goes object, then browsable link, then manifest row (:meth:`_commit`),
so a crash at any point leaves at worst some leftovers that ``verify`` removes.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...types import DocumentKind, Publication
from ..mirror import Mirror
from . import objects
from .layout import relpath_for
from .manifest import StoreEntry, StoreResult, find_entry, now, read_manifest, write_manifest

__all__ = ["StoreBase"]


class StoreBase:
    """The local store at ``root`` (created on first write): layout, rows, writes."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        offline: bool = False,
        mirror: str | os.PathLike[str] | None = None,
    ) -> None:
        self.root = Path(root).expanduser()
        self.offline = offline
        self.mirror = Path(mirror).expanduser() if mirror is not None else None
        self._mirror = Mirror(self.mirror) if self.mirror is not None else None
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        extra = ", offline=True" if self.offline else ""
        extra += f", mirror={str(self.mirror)!r}" if self.mirror else ""
        return f"Store({str(self.root)!r}{extra})"

    # ------------------------------------------------------------------ layout

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.csv"

    @property
    def _objects(self) -> Path:
        return self.root / ".objects" / "sha256"

    @property
    def _tmp(self) -> Path:
        return self.root / ".tmp"

    def object_path(self, sha256: str) -> Path:
        """Where the bytes with this sha256 live."""
        return objects.object_path(self._objects, sha256)

    def path(self, entry: StoreEntry) -> Path:
        """The browsable file of a manifest row."""
        return self.root / entry.path

    def relpath_for(self, publication: Publication, *, ext: str, sha256: str | None = None) -> str:
        """``<authority>/<published>_<kind>_<fileid>.<ext>`` for a publication (sanitised)."""
        return relpath_for(self.root, publication, ext=ext, sha256=sha256)

    # ------------------------------------------------------------------ reading

    def entries(self, authority: Any = None) -> list[StoreEntry]:
        """The manifest rows, of one authority (id or object) or all."""
        rows = self._read_rows()
        if authority is None:
            return rows
        aid = authority if isinstance(authority, str) else authority.id
        return [r for r in rows if r.authority == aid]

    def find(self, publication: Publication) -> StoreEntry | None:
        """The row holding ``publication`` (by URL, else by authority + file id)."""
        return self._find(self._read_rows(), publication)

    @staticmethod
    def _find(rows: list[StoreEntry], pub: Publication) -> StoreEntry | None:
        return find_entry(rows, pub)

    def _intact(self, entry: StoreEntry) -> bool:
        path = self.path(entry)
        return path.is_file() and path.stat().st_size == entry.bytes

    def _read_rows(self) -> list[StoreEntry]:
        return read_manifest(self.manifest_path)

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.root / ".lock", "a+b") as lock_file:
            try:
                import fcntl
            except ImportError:  # Windows: the in-process lock only
                yield
                return
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)

    def _write_rows(self, rows: list[StoreEntry]) -> None:
        write_manifest(self.manifest_path, rows)

    def _new_tmp(self, suffix: str = ".part") -> Path:
        return objects.new_staged(self._tmp, suffix)

    def _place_object(self, tmp: Path, sha256: str) -> Path:
        return objects.place_object(tmp, self.object_path(sha256))

    def _link(self, obj: Path, dest: Path) -> None:
        objects.link(obj, dest)

    def _commit(
        self,
        tmp: Path,
        sha256: str,
        size: int,
        pub: Publication,
        *,
        ext: str,
        source: str,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> StoreResult:
        """Object, then browsable link, then manifest row: in that order."""
        with self._locked():
            rows = self._read_rows()
            old = self._find(rows, pub)
            rel = self.relpath_for(pub, ext=ext, sha256=sha256)
            entry = StoreEntry(
                path=rel,
                authority=pub.authority or "",
                sha256=sha256,
                bytes=size,
                kind=pub.kind or DocumentKind.OTHER,
                urn=pub.urn,
                kind_label=pub.kind_label,
                published=pub.published,
                url=pub.url,
                file_id=pub.file_id or sha256[:12],
                etag=etag,
                last_modified=last_modified,
                fetched_at=now(),
                source=source,
            )
            if old is not None and old.sha256 == sha256 and old.path == rel:
                if not self._intact(old):  # same bytes, browsable file lost: restore it
                    self._link(self._place_object(tmp, sha256), self.root / rel)
                if (old.etag, old.last_modified) != (etag, last_modified) and (
                    etag or last_modified
                ):
                    kept = replace(old, etag=etag, last_modified=last_modified)
                    self._write_rows([kept if r is old else r for r in rows])
                    return StoreResult("unchanged", kept)
                return StoreResult("unchanged", old)
            obj = self._place_object(tmp, sha256)
            self._link(obj, self.root / rel)
            others = [r for r in rows if r is not old and r.path != rel]
            self._write_rows([*others, entry])
            if old is not None:
                self._forget(old, others + [entry])
            return StoreResult("updated" if old is not None else "new", entry)

    def _forget(self, old: StoreEntry, rows: list[StoreEntry]) -> None:
        """Remove what only a superseded row used (after the manifest no longer names it)."""
        if old.path not in {r.path for r in rows}:
            (self.root / old.path).unlink(missing_ok=True)
        if old.sha256 not in {r.sha256 for r in rows}:
            objects.drop_object(self.object_path(old.sha256))
