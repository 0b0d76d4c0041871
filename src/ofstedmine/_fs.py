"""Atomic file writes for the whole package (foundation: imports nothing of ours).

A write goes to a temporary file in the target's own folder, is flushed and
fsynced, and only then renamed over the target with :func:`os.replace`; the folder
is fsynced too where the platform allows, so the rename survives a crash. A write
that fails or is interrupted removes its temporary file, so a half-written file
never replaces the old one: a reader sees the old content or the new, never a mix.

>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "note.txt"
>>> atomic_write_text(target, "first\\n")
>>> atomic_write_bytes(target, b"second\\n")
>>> target.read_text()
'second\\n'
>>> sorted(p.name for p in target.parent.iterdir())  # no temporary file left over
['note.txt']
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "fsync_dir",
    "temp_path_for",
]


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(path: Path, *, prefix: str | None = None, suffix: str = ".tmp") -> Path:
    """A fresh temporary name next to ``path``: ``.<name>.<random hex><suffix>``.

    Hidden (leading dot) and in the same folder, so that :func:`os.replace` onto
    ``path`` is a rename on one file system. ``prefix`` replaces ``.<name>.``.

    >>> p = temp_path_for(Path("store/manifest.csv"))
    >>> p.parent.as_posix(), p.name.startswith(".manifest.csv."), p.suffix
    ('store', True, '.tmp')
    >>> temp_path_for(Path("c/ab.json.gz"), prefix=".tmp-", suffix=".json.gz").name[:5]
    '.tmp-'
    """
    head = f".{path.name}." if prefix is None else prefix
    return path.parent / f"{head}{secrets.token_hex(6)}{suffix}"


@contextlib.contextmanager
def atomic_writer(
    path: str | os.PathLike[str],
    *,
    prefix: str | None = None,
    suffix: str = ".tmp",
    mode: int = 0o666,
) -> Iterator[BinaryIO]:
    """A binary file to write whose content replaces ``path`` only when all went well.

    On leaving the block normally the file is flushed, fsynced, renamed onto
    ``path`` and the folder fsynced; on any exception (``KeyboardInterrupt``
    included) the temporary file is removed and ``path`` is left as it was. The
    folder must exist. ``prefix``/``suffix`` name the temporary file (see
    :func:`temp_path_for`); ``mode`` is its permission bits before the umask.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "data.bin"
    >>> _ = target.write_bytes(b"old")
    >>> try:
    ...     with atomic_writer(target) as fh:
    ...         _ = fh.write(b"half of the new")
    ...         raise RuntimeError("interrupted")
    ... except RuntimeError:
    ...     pass
    >>> target.read_bytes(), len(list(target.parent.iterdir()))
    (b'old', 1)
    """
    dest = Path(path)
    tmp = temp_path_for(dest, prefix=prefix, suffix=suffix)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(dest.parent)


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    prefix: str | None = None,
    suffix: str = ".tmp",
    mode: int = 0o666,
) -> None:
    """Replace ``path`` with ``data`` atomically (keywords as :func:`atomic_writer`)."""
    with atomic_writer(path, prefix=prefix, suffix=suffix, mode=mode) as fh:
        fh.write(data)


def atomic_write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str = "utf-8",
    prefix: str | None = None,
    suffix: str = ".tmp",
    mode: int = 0o666,
) -> None:
    """Replace ``path`` with ``text`` atomically.

    The text is encoded as given: no newline translation, so ``"\\r\\n"`` (as
    :mod:`csv` writes) stays ``"\\r\\n"`` on every platform.
    """
    atomic_write_bytes(path, text.encode(encoding), prefix=prefix, suffix=suffix, mode=mode)
