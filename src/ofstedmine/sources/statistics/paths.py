"""Where the releases are: the default folder, and the files a caller names."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ofstedmine.errors import StatisticsError

__all__ = ["PathLike", "default_statistics_dir"]


PathLike = str | os.PathLike[str]


def default_statistics_dir() -> Path:
    """The folder holding the statistics releases.

    ``$OFSTEDMINE_SHARED_CORPUS/statistics`` when that variable is set (the variable
    may also name the statistics folder itself), else ``../shared/corpus/statistics``
    relative to the repository (or to the working directory).

    Raises
    ------
    StatisticsError
        When no such folder exists.
    """
    candidates: list[Path] = []
    from ofstedmine._paths import shared_corpus_dir

    base = shared_corpus_dir()
    if base is not None:
        candidates += [base / "statistics", base]
    else:
        repo = Path(__file__).resolve().parents[4]
        candidates += [
            repo.parent / "shared" / "corpus" / "statistics",
            Path.cwd().parent / "shared" / "corpus" / "statistics",
            Path.cwd() / ".." / "shared" / "corpus" / "statistics",
        ]
    for c in candidates:
        if c.is_dir() and any(c.glob("*.ods")):
            return c
    where = ", ".join(str(c) for c in candidates)
    raise StatisticsError(
        f"no folder of statistics releases (*.ods) found (looked in: {where}); set "
        "OFSTEDMINE_SHARED_CORPUS to the corpus folder or pass the file paths explicitly"
    )


def _resolve_paths(paths: PathLike | Iterable[PathLike] | None) -> list[Path]:
    if paths is None:
        items: list[Path] = [default_statistics_dir()]
    elif isinstance(paths, str | os.PathLike):
        items = [Path(paths)]
    else:
        items = [Path(p) for p in paths]
    out: list[Path] = []
    for p in items:
        p = p.expanduser()
        if p.is_dir():
            found = sorted(p.glob("*.ods"))
            if not found:
                raise StatisticsError(f"{p}: folder holds no .ods statistics releases")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise StatisticsError(f"{p}: statistics file not found")
    seen: set[Path] = set()
    unique = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique
