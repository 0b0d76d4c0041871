"""Make a stage subpackage callable as its entry function.

``ofstedmine.parse`` is both a subpackage (``ofstedmine.parse.pdf``, ...) and the
function users call. Importing a submodule binds the package over the function
on the parent, so the package itself is made callable: ``ofstedmine.parse(x)``
and ``from ofstedmine import parse`` work whichever was imported first.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Let the module ``module_name`` be called as ``function``."""

    class _CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    _CallableModule.__call__.__doc__ = function.__doc__
    sys.modules[module_name].__class__ = _CallableModule
