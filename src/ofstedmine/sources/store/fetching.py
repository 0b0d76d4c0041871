"""Bringing documents into the store: from the network, a mirror, or given bytes.

Network mode sends a conditional GET with the validators of the copy held; a
*mirror* (a folder laid out like the shared corpus) stands in for the network;
in *offline* mode only what is held is returned.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import OfflineError, StoreError
from ...types import Publication
from . import objects
from .base import StoreBase
from .manifest import StoreEntry, StoreResult

if TYPE_CHECKING:
    from ..http import HttpClient

__all__ = ["FetchMixin"]


class FetchMixin(StoreBase):
    """:meth:`fetch`, :meth:`put_bytes` and the mirror, on top of :class:`StoreBase`."""

    @staticmethod
    def _check_pdf(path: Path, origin: str | None) -> None:
        objects.check_pdf(path, origin)

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
            objects.write_staged(tmp, data)
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
            from ..http import HttpClient

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
            digest, size = objects.copy_staged(src, tmp)
            if sha and digest != sha:
                raise StoreError(
                    f"mirror file {src} does not match its manifest sha256 ({sha[:12]}…); "
                    "the mirror is damaged"
                )
            ext = src.suffix.lstrip(".").lower() or "pdf"
            if ext == "pdf":
                self._check_pdf(tmp, str(src))
            return self._commit(tmp, digest, size, pub, ext=ext, source="mirror")
        finally:
            tmp.unlink(missing_ok=True)
