"""The store's ``manifest.csv``: one row per held document, read and written whole.

The file is rewritten atomically (:func:`ofstedmine._fs.atomic_write_text`) with
its rows sorted by path, so a crash leaves the old manifest or the new one.

>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "manifest.csv"
>>> write_manifest(path, [StoreEntry("bradford/undated_other_x.pdf", "bradford", "ab" * 32, 5)])
>>> [(e.path, e.bytes) for e in read_manifest(path)]
[('bradford/undated_other_x.pdf', 5)]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..._fs import atomic_write_text
from ...errors import StoreError
from ...types import DocumentKind, Publication

__all__ = [
    "MANIFEST_COLUMNS",
    "StoreEntry",
    "StoreResult",
    "find_entry",
    "now",
    "read_manifest",
    "write_manifest",
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


def now() -> str:
    """The current UTC time to the second, ISO 8601 (the ``fetched_at`` column)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


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


def read_manifest(path: Path) -> list[StoreEntry]:
    """The rows of the manifest at ``path`` (none when it does not exist yet).

    Raises :class:`~ofstedmine.errors.StoreError` when the file is damaged.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        return [StoreEntry.from_row(r) for r in csv.DictReader(io.StringIO(text))]
    except (KeyError, ValueError) as exc:
        raise StoreError(f"{path} is damaged ({exc}); run Store.verify() or restore it") from exc


def write_manifest(path: Path, rows: list[StoreEntry]) -> None:
    """Replace the manifest at ``path`` with ``rows`` (sorted by path), atomically.

    The temporary file is ``.manifest.csv.<hex>.tmp`` next to it, which
    :meth:`Store.verify` recognises as the leftover of an interrupted write.
    """
    rows = sorted(rows, key=lambda r: r.path)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS)
    writer.writeheader()
    writer.writerows(r.to_row() for r in rows)
    atomic_write_text(path, buffer.getvalue(), encoding="utf-8")


def find_entry(rows: list[StoreEntry], pub: Publication) -> StoreEntry | None:
    """The row holding ``pub``: by URL, else by authority + file id."""
    if pub.url:
        for row in rows:
            if row.url == pub.url:
                return row
    if pub.file_id:
        for row in rows:
            if row.file_id == pub.file_id and row.authority == (pub.authority or ""):
                return row
    return None
