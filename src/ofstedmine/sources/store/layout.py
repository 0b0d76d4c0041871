"""Where things live in a store: safe names and the browsable path of a publication.

File names are built from the publication's date, kind and file id, sanitised;
never taken from a server.

>>> from ofstedmine.types import Publication
>>> relpath_for(Path("/s"), Publication(url=None, source="ofsted", authority="bradford"),
...             ext="pdf", sha256="ab" * 32)
'bradford/undated_other_abababababab.pdf'
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import StoreError
from ...types import DocumentKind, Publication

__all__ = ["OUR_NAME", "relpath_for", "safe_name"]

#: The browsable file names the store writes (``verify`` removes untracked ones).
OUR_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}|undated)_[a-z_]+_[A-Za-z0-9._-]+\.[a-z0-9]+$")


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


def relpath_for(
    root: Path, publication: Publication, *, ext: str, sha256: str | None = None
) -> str:
    """``<authority>/<published>_<kind>_<fileid>.<ext>`` for a publication (sanitised).

    Raises :class:`~ofstedmine.errors.StoreError` if the result would leave ``root``.
    """
    authority = safe_name(publication.authority or "unknown-authority")
    published = publication.published.isoformat() if publication.published else "undated"
    kind = (publication.kind or DocumentKind.OTHER).value
    file_id = publication.file_id or (sha256[:12] if sha256 else None) or "unknown"
    rel = f"{authority}/{published}_{kind}_{safe_name(file_id)}.{safe_name(ext, max_len=8)}"
    full = (root / rel).resolve()
    if not full.is_relative_to(root.resolve()):  # belt and braces
        raise StoreError(f"refusing a path outside the store: {rel}")
    return rel
