"""The store's bytes: content-addressed objects, browsable hard links, staged files.

Layout under the store root::

    .objects/sha256/ab/cdef...   the bytes, named by their sha256, read-only
    .tmp/                        downloads and copies in progress (staged files)

An object is complete (fsynced, renamed into place) before any browsable file
links to it; a browsable file is a hard link to its object (a copy where the file
system has no hard links), put in place by an atomic rename.

>>> object_path(Path(".objects/sha256"), "ab" * 32).as_posix()
'.objects/sha256/ab/ababababababababababababababababababababababababababababababab'
>>> object_path(Path(".objects/sha256"), "nope")
Traceback (most recent call last):
...
ofstedmine.errors.StoreError: not a sha256 hex digest: 'nope'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
from pathlib import Path

from ..._fs import fsync_dir, temp_path_for
from ...errors import NotAPdfError, StoreError

__all__ = [
    "HEX64",
    "PDF_MAGIC",
    "check_pdf",
    "copy_staged",
    "drop_object",
    "link",
    "new_staged",
    "object_path",
    "place_object",
    "sha256_file",
    "write_staged",
]

PDF_MAGIC = b"%PDF-"
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def object_path(objects: Path, sha256: str) -> Path:
    """Where the bytes with this sha256 live under the ``objects`` folder."""
    if not HEX64.match(sha256):
        raise StoreError(f"not a sha256 hex digest: {sha256!r}")
    return objects / sha256[:2] / sha256[2:]


def sha256_file(path: Path) -> str:
    """The sha256 hex digest of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_pdf(path: Path, origin: str | None) -> None:
    """Raise :class:`~ofstedmine.errors.NotAPdfError` unless ``path`` holds a PDF."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if PDF_MAGIC not in head:  # readers accept junk before it in the first 1 KiB
        what = "empty" if not head else f"starts with {head[:40]!r}"
        raise NotAPdfError(
            f"not a PDF ({what}); probably an error page served in its place. "
            "Not stored; try again later or report the link",
            source=origin,
        )


def new_staged(tmp_dir: Path, suffix: str = ".part") -> Path:
    """A fresh name in the store's ``.tmp/`` folder (created if need be)."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    return tmp_dir / f"{secrets.token_hex(8)}{suffix}"


def write_staged(tmp: Path, data: bytes) -> None:
    """Write ``data`` to the staged file ``tmp`` and fsync it."""
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def copy_staged(src: Path, tmp: Path) -> tuple[str, int]:
    """Copy ``src`` to the staged file ``tmp`` (fsynced); return its sha256 and size."""
    digest = hashlib.sha256()
    size = 0
    with open(src, "rb") as fin, open(tmp, "wb") as fout:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest(), size


def place_object(tmp: Path, obj: Path) -> Path:
    """Move the staged file ``tmp`` to ``obj`` (read-only), unless already held."""
    if obj.is_file() and obj.stat().st_size == tmp.stat().st_size:
        return obj  # already held (same bytes under another name)
    obj.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, obj)
    with contextlib.suppress(OSError):
        os.chmod(obj, 0o444)  # the bytes are immutable; hard links share this
    fsync_dir(obj.parent)
    return obj


def link(obj: Path, dest: Path) -> None:
    """Make ``dest`` a hard link to ``obj`` (a copy where links fail), atomically."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if dest.exists() and os.path.samefile(obj, dest):
            return
    tmp = temp_path_for(dest, suffix=".tmp")
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
    fsync_dir(dest.parent)


def drop_object(obj: Path) -> None:
    """Delete an object (made writable first, for file systems that need it)."""
    with contextlib.suppress(OSError):
        os.chmod(obj, 0o644)
    obj.unlink(missing_ok=True)
