""":class:`Store`: the local store, composed of its jobs.

:class:`~.base.StoreBase` (layout, manifest rows, the lock, the one write path),
:class:`~.fetching.FetchMixin` (network, mirror, given bytes) and
:class:`~.verify.VerifyMixin` (check and repair).
"""

from __future__ import annotations

from .fetching import FetchMixin
from .verify import VerifyMixin

__all__ = ["Store"]


class Store(FetchMixin, VerifyMixin):
    """The local store at ``root`` (created on first write).

    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp())
    >>> store.entries()
    []
    """
