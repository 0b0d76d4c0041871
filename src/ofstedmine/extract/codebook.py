"""The versioned theme codebook: what each theme means and the phrases that signal it.

The packaged codebook is ``ofstedmine/data/codebook.yaml``; users may load their
own YAML file of the same shape, or extend the packaged one with :func:`extend`.

A codebook file has a top-level ``name``, a ``version`` string and a list of
``themes``; each theme has ``id`` (snake_case), ``label``, ``group`` (snake_case),
``definition``, ``patterns`` (phrases matched on lemmas, case-insensitively;
a pattern written in capitals, such as ``"PLO"``, matches case-sensitively; one
written ``"=plans"`` matches that word form only) and ``examples``.

:attr:`Codebook.version` is the declared version plus the first eight hex digits
of the file's sha256, so caches notice any edit, even one that forgets to bump
the declared version.

>>> cb = load_codebook()
>>> "strategy meeting" in cb["child_protection_enquiries"].patterns
True
>>> cb.version.startswith(cb.declared_version + "+")
True
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ofstedmine.errors import CodebookError

__all__ = ["Codebook", "Theme", "extend", "load_codebook", "parse_codebook"]

_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_REQUIRED = ("id", "label", "group", "definition", "patterns")


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme of the codebook.

    ``patterns`` are phrases matched on lemmas (case-insensitive; all-capital
    acronyms are matched case-sensitively); ``examples`` are short sentences
    written for the codebook.
    """

    id: str
    label: str
    group: str
    definition: str
    patterns: tuple[str, ...]
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Codebook:
    """A named, versioned set of themes, in file order.

    >>> cb = load_codebook()
    >>> cb["caseloads"].label
    'Caseloads and workloads'
    >>> "caseloads" in cb, "no_such_theme" in cb
    (True, False)
    """

    name: str
    version: str  # declared version + "+" + sha256[:8] of the source bytes
    themes: tuple[Theme, ...]
    declared_version: str = ""
    source: str | None = None  # the file it was read from, if any

    @property
    def ids(self) -> tuple[str, ...]:
        """Theme ids in codebook order."""
        return tuple(t.id for t in self.themes)

    @property
    def groups(self) -> tuple[str, ...]:
        """Distinct groups in codebook order."""
        return tuple(dict.fromkeys(t.group for t in self.themes))

    def get(self, theme_id: str) -> Theme | None:
        """The theme with this id, or None."""
        return _index(self).get(theme_id)

    def __getitem__(self, theme_id: str) -> Theme:
        theme = self.get(theme_id)
        if theme is None:
            raise KeyError(f"no theme {theme_id!r} in codebook {self.name!r}")
        return theme

    def __contains__(self, theme_id: object) -> bool:
        return isinstance(theme_id, str) and theme_id in _index(self)

    def __iter__(self) -> Iterator[Theme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def __hash__(self) -> int:  # cheap: the version already digests the content
        return hash((self.name, self.version, len(self.themes)))


@functools.lru_cache(maxsize=64)
def _index(codebook: Codebook) -> dict[str, Theme]:
    return {t.id: t for t in codebook.themes}


# ------------------------------------------------------------------ validation


def _text_field(theme_id: str, raw: Mapping[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise CodebookError(
            f"theme {theme_id!r}: field {name!r} must be a non-empty string, got {value!r}"
        )
    return " ".join(value.split())


def _list_field(theme_id: str, raw: Mapping[str, Any], name: str, *, required: bool) -> tuple:
    value = raw.get(name)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or (required and not value):
        raise CodebookError(
            f"theme {theme_id!r}: field {name!r} must be a non-empty list of strings"
            if required
            else f"theme {theme_id!r}: field {name!r} must be a list of strings"
        )
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise CodebookError(
                f"theme {theme_id!r}: field {name!r} item {i} must be a non-empty string, "
                f"got {item!r}"
            )
        out.append(" ".join(item.split()))
    return tuple(dict.fromkeys(out))


def _theme_from(raw: Any, position: int) -> Theme:
    if not isinstance(raw, Mapping):
        raise CodebookError(f"theme #{position}: each theme must be a mapping, got {raw!r}")
    theme_id = raw.get("id")
    if not isinstance(theme_id, str) or not _SNAKE.match(theme_id):
        raise CodebookError(
            f"theme #{position}: field 'id' must be a snake_case string, got {theme_id!r}"
        )
    for name in _REQUIRED:
        if name not in raw:
            raise CodebookError(f"theme {theme_id!r}: missing required field {name!r}")
    unknown = set(raw) - {*_REQUIRED, "examples"}
    if unknown:
        raise CodebookError(f"theme {theme_id!r}: unknown field(s) {sorted(unknown)}")
    group = _text_field(theme_id, raw, "group")
    if not _SNAKE.match(group):
        raise CodebookError(f"theme {theme_id!r}: field 'group' must be snake_case, got {group!r}")
    return Theme(
        id=theme_id,
        label=_text_field(theme_id, raw, "label"),
        group=group,
        definition=_text_field(theme_id, raw, "definition"),
        patterns=_list_field(theme_id, raw, "patterns", required=True),
        examples=_list_field(theme_id, raw, "examples", required=False),
    )


def parse_codebook(data: bytes, *, source: str | None = None) -> Codebook:
    """Validate codebook YAML bytes and build a :class:`Codebook`.

    Raises :class:`~ofstedmine.errors.CodebookError` naming the theme and field
    at fault.

    >>> parse_codebook(b"name: x\\nversion: '1'\\nthemes:\\n- id: Bad Id\\n")
    Traceback (most recent call last):
    ...
    ofstedmine.errors.CodebookError: theme #1: field 'id' must be a snake_case string, got 'Bad Id'
    """
    import yaml

    where = f"{source}: " if source else ""
    try:
        raw = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise CodebookError(f"{where}not valid YAML: {exc}") from exc
    if not isinstance(raw, Mapping):
        raise CodebookError(f"{where}a codebook must be a mapping with name, version and themes")
    for key in ("name", "version"):
        if not isinstance(raw.get(key), (str, int, float)) or not str(raw.get(key)).strip():
            raise CodebookError(f"{where}top-level field {key!r} is missing or empty")
    themes_raw = raw.get("themes")
    if not isinstance(themes_raw, list) or not themes_raw:
        raise CodebookError(f"{where}top-level field 'themes' must be a non-empty list")
    themes = tuple(_theme_from(t, i) for i, t in enumerate(themes_raw, start=1))
    seen: set[str] = set()
    for t in themes:
        if t.id in seen:
            raise CodebookError(f"{where}theme {t.id!r}: duplicate id")
        seen.add(t.id)
    declared = str(raw["version"]).strip()
    digest = hashlib.sha256(data).hexdigest()[:8]
    return Codebook(
        name=str(raw["name"]).strip(),
        version=f"{declared}+{digest}",
        themes=themes,
        declared_version=declared,
        source=source,
    )


# --------------------------------------------------------------------- loading


def load_codebook(path: str | os.PathLike[str] | None = None) -> Codebook:
    """Load the packaged codebook, or a user's YAML file of the same shape.

    Results are cached per path (and file modification time), so calling this
    for every document is cheap.

    Parameters
    ----------
    path
        A YAML file; ``None`` loads ``ofstedmine/data/codebook.yaml``.

    Examples
    --------
    >>> cb = load_codebook()
    >>> cb.name, len(cb) >= 25
    ('ofstedmine-core', True)
    >>> load_codebook() is cb
    True
    """
    if path is None:
        return _load_packaged()
    p = Path(path)
    try:
        stat = p.stat()
    except FileNotFoundError:
        raise CodebookError(f"codebook file not found: {p}") from None
    return _load_file(str(p.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.cache
def _load_packaged() -> Codebook:
    data = resources.files("ofstedmine").joinpath("data/codebook.yaml").read_bytes()
    return parse_codebook(data, source="ofstedmine/data/codebook.yaml")


@functools.lru_cache(maxsize=32)
def _load_file(path: str, mtime_ns: int, size: int) -> Codebook:
    return parse_codebook(Path(path).read_bytes(), source=path)


def extend(codebook: Codebook, other: Codebook) -> Codebook:
    """A codebook with ``other``'s themes added to ``codebook``'s.

    A theme of ``other`` whose id is new is appended; one whose id exists keeps
    its place, takes ``other``'s label, group and definition, and gains
    ``other``'s patterns and examples. The version combines both versions.

    >>> base = load_codebook()
    >>> mine = parse_codebook(b'''name: mine
    ... version: "0.1"
    ... themes:
    ...   - id: kinship_networks
    ...     label: Kinship networks
    ...     group: practice
    ...     definition: Help for wider family to care for children.
    ...     patterns: [family network meeting]
    ... ''')
    >>> both = extend(base, mine)
    >>> both.ids[-1], both.name
    ('kinship_networks', 'ofstedmine-core+mine')
    """
    themes = {t.id: t for t in codebook.themes}
    for t in other.themes:
        old = themes.get(t.id)
        if old is None:
            themes[t.id] = t
        else:
            themes[t.id] = Theme(
                id=t.id,
                label=t.label,
                group=t.group,
                definition=t.definition,
                patterns=tuple(dict.fromkeys(old.patterns + t.patterns)),
                examples=tuple(dict.fromkeys(old.examples + t.examples)),
            )
    return Codebook(
        name=f"{codebook.name}+{other.name}",
        version=f"{codebook.version};{other.version}",
        themes=tuple(themes.values()),
        declared_version=f"{codebook.declared_version};{other.declared_version}",
        source=None,
    )
