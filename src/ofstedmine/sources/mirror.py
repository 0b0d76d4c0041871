"""A folder laid out like the shared corpus, standing in for the network.

Layout: ``inspections/<urn>_<la>/<published>.pdf``, ``focused-visits/...``,
``jtai/...``, ``joint-area-review/...``, with a ``manifest.csv`` whose columns
include ``path, kind, urn, published, url, sha256``. The manifest is trusted for
the facts (URL, date, kind) and checked for the bytes (sha256).

>>> MIRROR_KINDS["focused-visits"]
<DocumentKind.FOCUSED_VISIT: 'focused_visit'>
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..types import DocumentKind, Publication, SourceKind

__all__ = ["MIRROR_KINDS", "Mirror"]

#: Folder names of the shared corpus (its manifest's ``kind``) -> document kinds.
MIRROR_KINDS: dict[str, DocumentKind] = {
    "inspections": DocumentKind.FULL_INSPECTION,
    "focused-visits": DocumentKind.FOCUSED_VISIT,
    "monitoring-visits": DocumentKind.MONITORING_VISIT,
    "jtai": DocumentKind.JTAI,
    "joint-area-review": DocumentKind.JOINT_AREA_REVIEW,
}


def _cell(row: dict[str, str], key: str) -> str:
    return (row.get(key) or "").strip()


def _file_id(row: dict[str, str]) -> str:
    url = _cell(row, "url")
    return url.rstrip("/").rsplit("/", 1)[-1] if url else _cell(row, "sha256").lower()[:12]


def _authority_id_for_urn(urn: int | None) -> str | None:
    if urn is None:
        return None
    try:
        import ofstedmine.authorities as authorities

        found = authorities.lookup(urn)
    except (ImportError, OSError):
        return None
    return found.id if found is not None else None


class Mirror:
    """The mirror folder at ``root`` (its manifest is read once, on first use)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).expanduser()
        self._rows: list[dict[str, str]] | None = None

    def __repr__(self) -> str:
        return f"Mirror({str(self.root)!r})"

    def rows(self) -> list[dict[str, str]]:
        """The manifest rows, as read."""
        if self._rows is None:
            try:
                with open(self.root / "manifest.csv", newline="", encoding="utf-8") as fh:
                    self._rows = list(csv.DictReader(fh))
            except FileNotFoundError:
                raise StoreError(
                    f"mirror {self.root} has no manifest.csv (path, kind, urn, published, "
                    "url, sha256, ...); point mirror= at a folder laid out like the corpus"
                ) from None
        return self._rows

    def publication(self, row: dict[str, str], authority: str | None = None) -> Publication:
        """The :class:`Publication` a row describes (authority from the registry by URN,
        else from the folder name: ``80449_bradford`` -> ``bradford``)."""
        urn = _cell(row, "urn")
        published = _cell(row, "published")
        folder = _cell(row, "kind") or row["path"].split("/", 1)[0]
        if authority is None:
            authority = _authority_id_for_urn(int(urn) if urn.isdigit() else None)
        if authority is None:
            parent = row["path"].split("/")[-2] if "/" in row["path"] else "unknown"
            authority = parent.split("_", 1)[-1]
        return Publication(
            url=_cell(row, "url") or None,
            source=SourceKind.MIRROR,
            authority=authority,
            urn=int(urn) if urn.isdigit() else None,
            kind_label=folder,
            kind=MIRROR_KINDS.get(folder, DocumentKind.OTHER),
            published=dt.date.fromisoformat(published) if published else None,
            file_id=_file_id(row),
        )

    def publications(self, authority: Any = None) -> list[Publication]:
        """What the mirror holds, for one authority (object or key; by its URNs) or all,
        oldest first."""
        rows = self.rows()
        aid = None
        if authority is not None:
            if isinstance(authority, str):
                import ofstedmine.authorities as authorities

                authority = authorities.get(authority)
            urns = {str(u) for u in authority.urns}
            rows = [r for r in rows if _cell(r, "urn") in urns]
            aid = authority.id
        pubs = [self.publication(r, aid) for r in rows]
        return sorted(pubs, key=lambda p: (p.published or dt.date.min, p.file_id or ""))

    def find(self, pub: Publication) -> dict[str, str] | None:
        """The row holding ``pub``: by URL, else by file id (and URN when known)."""
        if pub.url:
            for row in self.rows():
                if _cell(row, "url") == pub.url:
                    return row
        if pub.file_id:
            for row in self.rows():
                same_urn = pub.urn is None or _cell(row, "urn") == str(pub.urn)
                if same_urn and _file_id(row) == pub.file_id:
                    return row
        return None

    def path(self, row: dict[str, str]) -> Path:
        """The file of a row; refuses manifest paths that leave the mirror."""
        path = (self.root / row["path"]).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise StoreError(f"mirror manifest path escapes the mirror: {row['path']}")
        return path
