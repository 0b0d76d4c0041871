"""Fixtures of the sources tests: a fake Ofsted/GOV.UK server on 127.0.0.1, a
fast polite client pointed at it, and an empty store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for the _fakesite helper

from _fakesite import FakeServer, Site  # noqa: E402

from ofstedmine.sources.http import HttpClient, HttpSettings
from ofstedmine.sources.store import Store

ROOT = Path(__file__).resolve().parents[2]
_CORPUS = Path(os.environ.get("OFSTEDMINE_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture
def site() -> Site:
    """The fake site's state; PDFs are the real corpus files when present."""
    return Site(_CORPUS if _CORPUS.exists() else None)


@pytest.fixture
def server(site: Site):
    """The fake site served on an ephemeral port of 127.0.0.1."""
    srv = FakeServer(site).start()
    yield srv
    srv.stop()


def fast_settings(tmp_path: Path, **overrides) -> HttpSettings:
    """Settings for tests: no waiting between requests, tiny backoff, short timeouts."""
    values = dict(
        min_interval=0.0,
        backoff=0.01,
        backoff_max=0.05,
        retries=3,
        timeout=(2.0, 1.0),
        allowed_hosts=("127.0.0.1",),
        cache_dir=tmp_path / "http-cache",
    )
    values.update(overrides)
    return HttpSettings(**values)


@pytest.fixture
def settings(tmp_path: Path) -> HttpSettings:
    return fast_settings(tmp_path)


@pytest.fixture
def client(settings: HttpSettings):
    with HttpClient(settings) as c:
        yield c


@pytest.fixture
def make_client(tmp_path: Path):
    """A factory of clients with :func:`fast_settings` plus overrides (closed after)."""
    made: list[HttpClient] = []

    def make(**overrides) -> HttpClient:
        made.append(HttpClient(fast_settings(tmp_path, **overrides)))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")
