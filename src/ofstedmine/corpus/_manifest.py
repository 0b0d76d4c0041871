"""Manifest rows as :class:`~ofstedmine.types.Publication` records, and a manifest's
files with their publications.

A manifest is a CSV with a ``path`` column (relative to its folder) and publication
facts: ``url``, ``published``, ``urn``, ``la``/``authority``, ``kind``,
``kind_label``, ``file_id``, ``source`` (the shared corpus and a store both write one).

>>> pub = publication_from_row({"path": "a.pdf", "la": "bradford", "published": "2019-01-07",
...                             "url": "https://files.ofsted.gov.uk/v1/file/50035108"})
>>> pub.authority, pub.published, pub.file_id, pub.source
('bradford', datetime.date(2019, 1, 7), '50035108', <SourceKind.MANIFEST: 'manifest'>)
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ofstedmine.types import Publication, SourceKind

__all__ = ["publication_from_row", "read_manifest"]


def publication_from_row(row: dict[str, str]) -> Publication:
    """A Publication from a manifest row (shared corpus or store layout)."""
    import ofstedmine.authorities as authorities

    urn = int(row["urn"]) if (row.get("urn") or "").isdigit() else None
    auth = None
    for key in (row.get("authority"), urn, row.get("la")):
        if key:
            a = authorities.lookup(key)
            if a is not None:
                auth = a.id
                break
    url = row.get("url") or None
    published = None
    if row.get("published"):
        try:
            published = dt.date.fromisoformat(row["published"][:10])
        except ValueError:
            published = None
    file_id = row.get("file_id") or (url.rstrip("/").rsplit("/", 1)[-1] if url else None)
    return Publication(
        url=url,
        source=row.get("source") or SourceKind.MANIFEST,
        authority=auth,
        urn=urn,
        kind_label=row.get("kind_label") or row.get("kind") or None,
        published=published,
        file_id=file_id,
    )


def read_manifest(
    manifest: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    where: Callable[[dict[str, str]], Any] | None = None,
) -> tuple[list[str], dict[str, Publication]]:
    """The files a manifest lists (paths below ``root``, by default its folder) and
    their publications by path; ``where`` keeps only the rows it is true of."""
    manifest = Path(manifest)
    base = Path(root) if root is not None else manifest.parent
    pubs: dict[str, Publication] = {}
    paths = []
    with open(manifest, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if where is not None and not where(row):
                continue
            path = str(base / row["path"])
            paths.append(path)
            pubs[path] = publication_from_row(row)
    return paths, pubs
