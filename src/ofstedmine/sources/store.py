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

>>> safe_name("../../etc/passwd")
'etc-passwd'
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import re
import secrets
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NotAPdfError, OfflineError, StoreError
from ..types import DocumentKind, Publication
from ._fs import fsync_dir as _fsync_dir
from .mirror import Mirror

if TYPE_CHECKING:
    from .http import HttpClient

__all__ = [
    "MANIFEST_COLUMNS",
    "Store",
    "default_store_dir",
    "StoreEntry",
    "StoreResult",
    "VerifyReport",
    "safe_name",
]

MANIFEST_COLUMNS = (
    "path",
    "authority",
    "urn",
    "kind",
    "kind_label",
    "published",
    "url",
    "file_id",
    "sha256",
    "bytes",
    "etag",
    "last_modified",
    "fetched_at",
    "source",
)
_PDF_MAGIC = b"%PDF-"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_OUR_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}|undated)_[a-z_]+_[A-Za-z0-9._-]+\.[a-z0-9]+$")


def safe_name(text: str, *, max_len: int = 64) -> str:
    """``text`` made safe as one path component: ``[A-Za-z0-9._-]`` only, no leading dot.

    >>> safe_name("Direction: Bradford / 2022")
    'Direction-Bradford-2022'
    >>> safe_name("..")
    'x'
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:max_len].strip(".-")
    return cleaned or "x"


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def default_store_dir() -> Path:
    """``$OFSTEDMINE_STORE`` or ``<user data dir>/ofstedmine/store`` (platformdirs)."""
    env = os.environ.get("OFSTEDMINE_STORE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ofstedmine", appauthor=False)) / "store"


@dataclass(frozen=True)
class StoreEntry:
    """One row of ``manifest.csv``: a held document and where it came from.

    ``path`` is relative to the store root, with forward slashes.
    """

    path: str
    authority: str
    sha256: str
    bytes: int
    kind: DocumentKind = DocumentKind.OTHER
    urn: int | None = None
    kind_label: str | None = None
    published: dt.date | None = None
    url: str | None = None
    file_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    source: str = "ofsted"

    def to_row(self) -> dict[str, str]:
        """The manifest row (all strings; empty for None)."""
        values: dict[str, Any] = {c: getattr(self, c) for c in MANIFEST_COLUMNS}
        values["kind"] = self.kind.value
        values["published"] = self.published.isoformat() if self.published else None
        return {k: "" if v is None else str(v) for k, v in values.items()}

    @classmethod
    def from_row(cls, row: dict[str, str]) -> StoreEntry:
        """Read a manifest row back (tolerates unknown kinds as ``other``)."""
        get = lambda k: (row.get(k) or "").strip() or None  # noqa: E731
        try:
            kind = DocumentKind(get("kind") or "other")
        except ValueError:
            kind = DocumentKind.OTHER
        published = get("published")
        urn = get("urn")
        return cls(
            path=row["path"],
            authority=row.get("authority") or "",
            sha256=row["sha256"],
            bytes=int(row.get("bytes") or 0),
            kind=kind,
            urn=int(urn) if urn and urn.isdigit() else None,
            kind_label=get("kind_label"),
            published=dt.date.fromisoformat(published) if published else None,
            url=get("url"),
            file_id=get("file_id"),
            etag=get("etag"),
            last_modified=get("last_modified"),
            fetched_at=get("fetched_at"),
            source=get("source") or "ofsted",
        )

    def publication(self) -> Publication:
        """The :class:`Publication` this row records."""
        return Publication(
            url=self.url,
            source=self.source,
            authority=self.authority or None,
            urn=self.urn,
            kind_label=self.kind_label,
            kind=self.kind,
            published=self.published,
            file_id=self.file_id,
            title=self.kind_label,
        )


@dataclass(frozen=True)
class StoreResult:
    """What :meth:`Store.fetch` did: ``status`` is ``new``, ``updated`` or ``unchanged``."""

    status: str
    entry: StoreEntry


@dataclass
class VerifyReport:
    """What :meth:`Store.verify` found (paths relative to the root).

    ``partial``: temporary files of interrupted writes; ``orphans``: objects no row
    uses; ``mismatched``: files whose bytes differ from their recorded sha256;
    ``missing``: recorded files that are gone; ``untracked``: our files with no row;
    ``dropped``: rows removed because no good copy was left (fetch again);
    ``relinked``: browsable files restored from their object. ``repaired`` says
    whether the problems were fixed or only reported.
    """

    partial: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)
    repaired: bool = True

    @property
    def clean(self) -> bool:
        """True when nothing at all was wrong."""
        return not (
            self.partial
            or self.orphans
            or self.mismatched
            or self.missing
            or self.untracked
            or self.dropped
            or self.relinked
        )


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Store:
    """The local store at ``root`` (created on first write).

    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp())
    >>> store.entries()
    []
    """

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
        if not _HEX64.match(sha256):
            raise StoreError(f"not a sha256 hex digest: {sha256!r}")
        return self._objects / sha256[:2] / sha256[2:]

    def path(self, entry: StoreEntry) -> Path:
        """The browsable file of a manifest row."""
        return self.root / entry.path

    def relpath_for(self, publication: Publication, *, ext: str, sha256: str | None = None) -> str:
        """``<authority>/<published>_<kind>_<fileid>.<ext>`` for a publication (sanitised)."""
        authority = safe_name(publication.authority or "unknown-authority")
        published = publication.published.isoformat() if publication.published else "undated"
        kind = (publication.kind or DocumentKind.OTHER).value
        file_id = publication.file_id or (sha256[:12] if sha256 else None) or "unknown"
        rel = f"{authority}/{published}_{kind}_{safe_name(file_id)}.{safe_name(ext, max_len=8)}"
        full = (self.root / rel).resolve()
        if not full.is_relative_to(self.root.resolve()):  # belt and braces
            raise StoreError(f"refusing a path outside the store: {rel}")
        return rel

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
        if pub.url:
            for row in rows:
                if row.url == pub.url:
                    return row
        if pub.file_id:
            for row in rows:
                if row.file_id == pub.file_id and row.authority == (pub.authority or ""):
                    return row
        return None

    def _intact(self, entry: StoreEntry) -> bool:
        path = self.path(entry)
        return path.is_file() and path.stat().st_size == entry.bytes

    def _read_rows(self) -> list[StoreEntry]:
        try:
            text = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        try:
            return [StoreEntry.from_row(r) for r in csv.DictReader(io.StringIO(text))]
        except (KeyError, ValueError) as exc:
            raise StoreError(
                f"{self.manifest_path} is damaged ({exc}); run Store.verify() or restore it"
            ) from exc

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
        rows = sorted(rows, key=lambda r: r.path)
        tmp = self.root / f".manifest.csv.{secrets.token_hex(6)}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS)
                writer.writeheader()
                writer.writerows(r.to_row() for r in rows)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.manifest_path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(self.root)

    def _new_tmp(self, suffix: str = ".part") -> Path:
        self._tmp.mkdir(parents=True, exist_ok=True)
        return self._tmp / f"{secrets.token_hex(8)}{suffix}"

    def _place_object(self, tmp: Path, sha256: str) -> Path:
        obj = self.object_path(sha256)
        if obj.is_file() and obj.stat().st_size == tmp.stat().st_size:
            return obj  # already held (same bytes under another name)
        obj.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, obj)
        with contextlib.suppress(OSError):
            os.chmod(obj, 0o444)  # the bytes are immutable; hard links share this
        _fsync_dir(obj.parent)
        return obj

    def _link(self, obj: Path, dest: Path) -> None:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if dest.exists() and os.path.samefile(obj, dest):
                return
        tmp = dest.parent / f".{dest.name}.{secrets.token_hex(6)}.tmp"
        try:
            try:
                os.link(obj, tmp)
            except OSError:  # no hard links here (other filesystem, FAT...): copy
                shutil.copyfile(obj, tmp)
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(dest.parent)

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
                fetched_at=_now(),
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
            obj = self.object_path(old.sha256)
            with contextlib.suppress(OSError):
                os.chmod(obj, 0o644)
            obj.unlink(missing_ok=True)

    @staticmethod
    def _check_pdf(path: Path, origin: str | None) -> None:
        with open(path, "rb") as fh:
            head = fh.read(1024)
        if _PDF_MAGIC not in head:  # readers accept junk before it in the first 1 KiB
            what = "empty" if not head else f"starts with {head[:40]!r}"
            raise NotAPdfError(
                f"not a PDF ({what}); probably an error page served in its place. "
                "Not stored; try again later or report the link",
                source=origin,
            )

    def put_bytes(
        self,
        data: bytes,
        publication: Publication,
        *,
        ext: str,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> StoreResult:
        """Store bytes fetched elsewhere (e.g. a GOV.UK HTML body) under ``publication``."""
        tmp = self._new_tmp()
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if ext == "pdf":
                self._check_pdf(tmp, publication.url)
            sha = hashlib.sha256(data).hexdigest()
            return self._commit(
                tmp,
                sha,
                len(data),
                publication,
                ext=ext,
                source=publication.source,
                etag=etag,
                last_modified=last_modified,
            )
        finally:
            tmp.unlink(missing_ok=True)

    def fetch(self, publication: Publication, client: HttpClient | None = None) -> StoreResult:
        """Make sure ``publication``'s file is held; download it (or copy it) if not.

        Network mode sends a conditional GET with the validators of the copy held,
        so an unchanged file is not downloaded again. With a mirror the file is
        copied from the mirror; offline, only what is held is returned.
        Raises :class:`~ofstedmine.errors.OfflineError` for what cannot be had
        without the network, :class:`~ofstedmine.errors.NotAPdfError` when the
        bytes are not a PDF, and :class:`~ofstedmine.errors.FetchError` /
        :class:`~ofstedmine.errors.DisallowedError` from the client.
        """
        held = self.find(publication)
        if self.offline:
            if held is not None and self._intact(held):
                return StoreResult("unchanged", held)
            raise OfflineError(
                f"{publication.url or publication.file_id} is not in the store at {self.root} "
                "and offline mode is on; fetch it once without offline=True"
            )
        if self.mirror is not None:
            return self._fetch_from_mirror(publication, held)
        if not publication.url:
            raise StoreError(f"publication has no URL to fetch: {publication}")
        own_client = client is None
        if client is None:
            from .http import HttpClient

            client = HttpClient()
        intact = held is not None and self._intact(held)
        dest = self._new_tmp(".download")
        try:
            result = client.download(
                publication.url,
                dest,
                etag=held.etag if held is not None and intact else None,
                last_modified=held.last_modified if held is not None and intact else None,
            )
            if result.status == "not_modified" and held is not None:
                return StoreResult("unchanged", held)
            self._check_pdf(dest, publication.url)
            assert result.sha256 is not None and result.size is not None
            return self._commit(
                dest,
                result.sha256,
                result.size,
                publication,
                ext="pdf",
                source=publication.source,
                etag=result.etag,
                last_modified=result.last_modified,
            )
        finally:
            dest.unlink(missing_ok=True)
            if own_client:
                client.close()

    # ------------------------------------------------------------------ mirror

    def mirror_publications(self, authority: Any = None) -> list[Publication]:
        """What the mirror holds, for one authority (by its URNs) or all, oldest first."""
        if self._mirror is None:
            raise StoreError("this store has no mirror; pass mirror= to Store()")
        return self._mirror.publications(authority)

    def _fetch_from_mirror(self, pub: Publication, held: StoreEntry | None) -> StoreResult:
        assert self._mirror is not None
        row = self._mirror.find(pub)
        if row is None:
            raise OfflineError(
                f"{pub.url or pub.file_id} is not in the mirror {self.mirror}, which stands "
                "in for the network; fetch without mirror= to download it"
            )
        sha = (row.get("sha256") or "").strip().lower()
        if held is not None and held.sha256 == sha and self._intact(held):
            return StoreResult("unchanged", held)
        src = self._mirror.path(row)
        mirrored = self._mirror.publication(row, pub.authority)
        pub = replace(
            mirrored,
            authority=pub.authority or mirrored.authority,
            kind=pub.kind or mirrored.kind,
            kind_label=pub.kind_label or mirrored.kind_label,
        )
        tmp = self._new_tmp()
        try:
            digest = hashlib.sha256()
            size = 0
            with open(src, "rb") as fin, open(tmp, "wb") as fout:
                for chunk in iter(lambda: fin.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            if sha and digest.hexdigest() != sha:
                raise StoreError(
                    f"mirror file {src} does not match its manifest sha256 ({sha[:12]}…); "
                    "the mirror is damaged"
                )
            ext = src.suffix.lstrip(".").lower() or "pdf"
            if ext == "pdf":
                self._check_pdf(tmp, str(src))
            return self._commit(tmp, digest.hexdigest(), size, pub, ext=ext, source="mirror")
        finally:
            tmp.unlink(missing_ok=True)

    # ------------------------------------------------------------------ verify

    def verify(self, *, repair: bool = True, deep: bool = True) -> VerifyReport:
        """Check the store against its manifest; with ``repair`` fix what can be fixed.

        Removes temporary files of interrupted writes and objects no row uses,
        restores browsable files from their objects (and objects from intact
        browsable files), and drops rows with no good copy left so that the next
        fetch downloads them again. ``deep`` re-hashes every file. Do not run it
        while a fetch into the same store is running.
        """
        report = VerifyReport(repaired=repair)
        if not self.root.exists():
            return report
        rel = lambda p: p.relative_to(self.root).as_posix()  # noqa: E731
        with self._locked():
            for tmp in self._partial_files():
                report.partial.append(rel(tmp))
                if repair:
                    tmp.unlink(missing_ok=True)
            rows = self._read_rows()
            keep: list[StoreEntry] = []
            for row in rows:
                if self._verify_row(row, report, deep=deep, repair=repair):
                    keep.append(row)
            if repair and len(keep) != len(rows):
                self._write_rows(keep)
            used = {r.sha256 for r in (keep if repair else rows)}
            if self._objects.exists():
                for obj in sorted(self._objects.glob("*/*")):
                    sha = obj.parent.name + obj.name
                    if _HEX64.match(sha) and sha in used:
                        continue
                    report.orphans.append(rel(obj))
                    if repair:
                        with contextlib.suppress(OSError):
                            os.chmod(obj, 0o644)
                        obj.unlink(missing_ok=True)
            tracked = {r.path for r in (keep if repair else rows)}
            for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
                if folder.name.startswith("."):
                    continue
                for path in sorted(folder.iterdir()):
                    if not path.is_file() or rel(path) in tracked:
                        continue
                    if _OUR_NAME.match(path.name):
                        report.untracked.append(rel(path))
                        if repair:
                            path.unlink(missing_ok=True)
        return report

    def _partial_files(self) -> list[Path]:
        found = list(self._tmp.glob("*")) if self._tmp.exists() else []
        found += self.root.glob(".manifest.csv.*.tmp")
        for folder in self.root.iterdir():
            if folder.is_dir() and not folder.name.startswith("."):
                found += folder.glob(".*.tmp")
                found += folder.glob(".*.part")
        return sorted(p for p in found if p.is_file())

    def _verify_row(
        self, row: StoreEntry, report: VerifyReport, *, deep: bool, repair: bool
    ) -> bool:
        """Check one row; True to keep it."""
        try:
            obj = self.object_path(row.sha256)
        except StoreError:
            report.dropped.append(row.path)
            return False
        browse = self.root / row.path
        rel_obj = obj.relative_to(self.root).as_posix()

        def good(path: Path) -> bool:
            if not path.is_file() or path.stat().st_size != row.bytes:
                return False
            return not deep or _sha256_file(path) == row.sha256

        obj_ok = good(obj)
        if not obj_ok and obj.exists():
            report.mismatched.append(rel_obj)
            if repair:
                with contextlib.suppress(OSError):
                    os.chmod(obj, 0o644)
                obj.unlink(missing_ok=True)
        elif not obj_ok:
            report.missing.append(rel_obj)
        same = False
        with contextlib.suppress(OSError):
            same = obj_ok and browse.exists() and os.path.samefile(obj, browse)
        browse_ok = same or good(browse)
        if not browse_ok:
            (report.mismatched if browse.exists() else report.missing).append(row.path)
        if obj_ok and browse_ok:
            return True
        if obj_ok:  # restore the browsable file from the object
            if repair:
                self._link(obj, browse)
            report.relinked.append(row.path)
            return True
        if browse_ok:  # restore the object from the browsable file
            if repair:
                tmp = self._new_tmp()
                shutil.copyfile(browse, tmp)
                self._place_object(tmp, row.sha256)
                tmp.unlink(missing_ok=True)
                self._link(self.object_path(row.sha256), browse)
            report.relinked.append(rel_obj)
            return True
        report.dropped.append(row.path)
        if repair and browse.exists():
            browse.unlink(missing_ok=True)
        return False
