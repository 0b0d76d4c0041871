"""Checking a store against its manifest, and repairing what can be repaired.

Finds the leftovers a crash can leave (temporary files, objects no row uses,
browsable files no row names), files whose bytes no longer match their sha256,
and files that are gone; restores a lost browsable file from its object (or an
object from its intact browsable file) and drops rows with no good copy left.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import StoreError
from . import objects
from .base import StoreBase
from .layout import OUR_NAME
from .manifest import StoreEntry

__all__ = ["VerifyMixin", "VerifyReport"]


@dataclass
class VerifyReport:
    """What :meth:`Store.verify` found (paths relative to the root).

    ``partial``: temporary files of interrupted writes; ``orphans``: objects no row
    uses; ``mismatched``: files whose bytes differ from their recorded sha256;
    ``missing``: recorded files that are gone; ``untracked``: our files with no row;
    ``dropped``: rows removed because no good copy was left (fetch again);
    ``relinked``: browsable files restored from their object. ``repaired`` says
    whether the problems were fixed or only reported.

    >>> VerifyReport().clean, VerifyReport(orphans=[".objects/sha256/ab/cd"]).clean
    (True, False)
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


class VerifyMixin(StoreBase):
    """:meth:`verify`, on top of :class:`StoreBase`."""

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
                    if objects.HEX64.match(sha) and sha in used:
                        continue
                    report.orphans.append(rel(obj))
                    if repair:
                        objects.drop_object(obj)
            tracked = {r.path for r in (keep if repair else rows)}
            for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
                if folder.name.startswith("."):
                    continue
                for path in sorted(folder.iterdir()):
                    if not path.is_file() or rel(path) in tracked:
                        continue
                    if OUR_NAME.match(path.name):
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
            return not deep or objects.sha256_file(path) == row.sha256

        obj_ok = good(obj)
        if not obj_ok and obj.exists():
            report.mismatched.append(rel_obj)
            if repair:
                objects.drop_object(obj)
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
