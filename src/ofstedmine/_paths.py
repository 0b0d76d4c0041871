"""The default folders and every environment variable ofstedmine reads, in one place.

Foundation module: imports nothing of the package, so every stage may use it.

=============================  ============================================
``$OFSTEDMINE_STORE``          the local document store (:func:`default_store_dir`)
``$OFSTEDMINE_CACHE``          the stage caches and the HTTP page cache
                               (:func:`default_cache_dir`, :func:`default_http_cache_dir`)
``$OFSTEDMINE_SHARED_CORPUS``  the shared corpus folder (:func:`shared_corpus_dir`)
=============================  ============================================

An empty variable counts as unset. The values are read when a function is called,
never at import, so setting a variable later still takes effect.

>>> import os
>>> saved = os.environ.get(ENV_STORE)
>>> os.environ[ENV_STORE] = "/tmp/my-store"
>>> default_store_dir().as_posix()
'/tmp/my-store'
>>> os.environ[ENV_STORE] = ""  # empty: the platform's default
>>> default_store_dir().name
'store'
>>> _ = os.environ.pop(ENV_STORE) if saved is None else os.environ.update({ENV_STORE: saved})
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "APP_NAME",
    "ENV_CACHE",
    "ENV_SHARED_CORPUS",
    "ENV_STORE",
    "ENVIRONMENT_VARIABLES",
    "default_cache_dir",
    "default_http_cache_dir",
    "default_store_dir",
    "shared_corpus_dir",
]

#: The name under which platformdirs places our folders.
APP_NAME = "ofstedmine"
#: The store folder (``~`` expanded).
ENV_STORE = "OFSTEDMINE_STORE"
#: The cache folder (taken as given).
ENV_CACHE = "OFSTEDMINE_CACHE"
#: The shared corpus folder (``~`` expanded); the statistics releases are found there.
ENV_SHARED_CORPUS = "OFSTEDMINE_SHARED_CORPUS"
#: Every variable the package reads.
ENVIRONMENT_VARIABLES = (ENV_STORE, ENV_CACHE, ENV_SHARED_CORPUS)


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def default_store_dir() -> Path:
    """``$OFSTEDMINE_STORE`` or ``<user data dir>/ofstedmine/store`` (platformdirs)."""
    env = _env(ENV_STORE)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "store"


def default_cache_dir() -> Path:
    """``$OFSTEDMINE_CACHE`` or the user cache directory (platformdirs)."""
    env = _env(ENV_CACHE)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_http_cache_dir() -> Path:
    """The folder for HTTP responses: ``http/`` in ofstedmine's cache folder
    (``$OFSTEDMINE_CACHE`` or the user cache directory)."""
    return default_cache_dir() / "http"


def shared_corpus_dir() -> Path | None:
    """``$OFSTEDMINE_SHARED_CORPUS`` (``~`` expanded), or None when it is not set."""
    env = _env(ENV_SHARED_CORPUS)
    return Path(env).expanduser() if env else None
