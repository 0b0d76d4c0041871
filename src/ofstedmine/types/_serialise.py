"""The ``to_dict``/``from_dict`` machinery shared by every record.

A record class mixes in :class:`_Record`; its dataclass type hints drive both ways:
enums become their string values, dates ISO strings, tuples lists, and back.
:func:`_loader` compiles one loading function per hint (cached); :func:`_load` is the
reference it must agree with.

>>> import datetime as dt
>>> _dump((dt.date(2024, 1, 2), [1, 2]))
['2024-01-02', [1, 2]]
>>> _load(tuple[int, ...], [1, 2]), _load(dt.date | None, "2024-01-02")
((1, 2), datetime.date(2024, 1, 2))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types as _pytypes
import typing
from typing import Any, ClassVar


class _Record:
    """Mixin: ``to_dict``/``from_dict`` driven by the dataclass type hints."""

    _hints: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready values."""
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Rebuild a record from :meth:`to_dict` output (unknown keys are ignored)."""
        kwargs = {}
        for name, load in _field_loaders(cls):
            if name in data:
                value = data[name]
                kwargs[name] = None if value is None else load(value)
        return cls(**kwargs)


@functools.cache
def _field_loaders(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = _hints_of(cls)
    return tuple((f.name, _loader(hints[f.name])) for f in dataclasses.fields(cls))


@functools.cache
def _loader(hint: Any):
    """A function that loads one JSON value as ``hint`` (compiled once per hint;
    the same rules as :func:`_load`, which stays the reference)."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _loader(args[0])
            if inner is _identity:
                return tuple
            return lambda v: tuple(None if x is None else inner(x) for x in v)
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint
        if hint is str or hint is int or hint is bool:
            return _checked(hint)
        if issubclass(hint, _Record):
            return lambda v: v if isinstance(v, hint) else hint.from_dict(v)
    return lambda v: _load(hint, v)


def _identity(v: Any) -> Any:
    return v


def _checked(kind: type):
    def load(v: Any) -> Any:
        if type(v) is not kind and not isinstance(v, kind):
            raise TypeError(f"expected {kind.__name__}, got {type(v).__name__}")
        return v

    return load


@functools.cache
def _hints_of(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _dump(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, _pytypes.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        last: Exception | None = None
        for a in args:
            try:
                return _load(a, value)
            except (TypeError, ValueError, KeyError) as exc:
                last = exc
        raise TypeError(f"cannot load {value!r} as {hint}") from last
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        return tuple(_load(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        kt, vt = typing.get_args(hint)
        return {_load(kt, k): _load(vt, v) for k, v in value.items()}
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint(value)
        if hint is dt.datetime:
            return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        if hint is dt.date:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        if issubclass(hint, _Record):
            return value if isinstance(value, hint) else hint.from_dict(value)
        if hint is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, hint):
            raise TypeError(f"expected {hint.__name__}, got {type(value).__name__}")
    return value
