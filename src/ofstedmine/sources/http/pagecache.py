"""The sessions the client sends with, and the page cache behind one of them.

Files go through a plain :class:`requests.Session`; pages (listings, API answers)
through a ``requests_cache`` session whose backend is a folder of JSON files
(never pickle), revalidated with a conditional request on every use.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import requests

from .policy import PAGE_CACHE_CODES, PAGE_CACHE_METHODS

__all__ = ["forget_page", "new_session"]


def new_session(
    *, user_agent: str, max_redirects: int, cache_dir: Path | None = None
) -> requests.Session:
    """A session naming us in its User-Agent; with ``cache_dir``, a caching one.

    >>> s = new_session(user_agent="ofstedmine/test", max_redirects=5)
    >>> s.headers["User-Agent"], s.max_redirects, hasattr(s, "cache")
    ('ofstedmine/test', 5, False)
    >>> s.close()
    """
    session: requests.Session
    if cache_dir is not None:
        import requests_cache

        backend = requests_cache.FileCache(cache_dir, serializer="json")
        session = requests_cache.CachedSession(
            backend=backend,
            expire_after=requests_cache.EXPIRE_IMMEDIATELY,  # always revalidate
            allowable_codes=PAGE_CACHE_CODES,
            allowable_methods=PAGE_CACHE_METHODS,
        )
    else:
        session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.max_redirects = max_redirects
    return session


def forget_page(session: requests.Session, url: str) -> None:
    """Drop a page the deadline cut short from the page cache, if it got there."""
    cache = getattr(session, "cache", None)
    if cache is not None:
        with contextlib.suppress(Exception):
            cache.delete(urls=[url])
