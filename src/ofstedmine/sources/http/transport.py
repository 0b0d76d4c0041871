"""Moving bytes: what a download did, the per-call deadline, and the body to disk.

:func:`stream_to` writes a response body with :func:`ofstedmine._fs.atomic_writer`
(``.<name>.<hex>.part`` next to the destination, fsync, rename), checking it
against ``max_bytes``, its Content-Length and the deadline as it goes.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from ..._fs import atomic_writer
from ...errors import FetchError
from .policy import declared_length

#: What a request or a body read raises when the network, not the server, failed.
NETWORK_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)

__all__ = ["CHUNK", "BodyError", "Deadline", "Download", "stream_to"]

#: Bytes read from the socket at a time.
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Download:
    """What :meth:`HttpClient.download` did.

    ``status`` is ``"downloaded"`` (``path`` holds the bytes) or ``"not_modified"``
    (the server answered 304 to the validators; nothing was written).
    """

    url: str
    status: str
    path: Path | None = None
    sha256: str | None = None
    size: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


class BodyError(Exception):
    """The body broke off or did not match its Content-Length (worth a retry)."""


class Deadline:
    """When one call must be over (``download_timeout``), and its enforcement.

    The per-read ``timeout`` cannot stop a server that sends a byte just before
    each read would time out, and a blocked read cannot be interrupted from its
    own thread. So each response gets a watchdog timer (armed by a requests
    response hook, before the body is read) that shuts the socket for reading at
    the deadline: the read returns at once and the call raises :meth:`error`.
    """

    def __init__(self, url: str, seconds: float) -> None:
        self.url = url
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = threading.Event()
        self._timers: list[threading.Timer] = []

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def error(self, detail: str = "") -> FetchError:
        return FetchError(
            f"{self.url} took longer than download_timeout={self.seconds:g} s{detail}; "
            "the server is too slow or asks us to wait too long. Try later, or raise "
            "HttpSettings.download_timeout if the file is genuinely large",
            url=self.url,
        )

    def check(self, wait: float = 0.0) -> None:
        """Raise :meth:`error` if the deadline has passed, or would after ``wait`` s."""
        if self.expired.is_set() or self.remaining() < wait:
            raise self.error(f" (waiting {wait:.1f} s more would pass it)" if wait else "")

    def timeouts(self, timeout: tuple[float, float]) -> tuple[float, float]:
        """(connect, read) timeouts no longer than what is left."""
        left = max(self.remaining(), 0.001)
        return min(timeout[0], left), min(timeout[1], left)

    def arm(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        """A requests response hook: cut ``response`` off at the deadline."""

        def cut() -> None:
            self.expired.set()
            # ValueError/RuntimeError: already closed or back in the pool (done);
            # AttributeError/NotImplementedError: an old urllib3 without shutdown()
            with contextlib.suppress(Exception):
                response.raw.shutdown()

        timer = threading.Timer(max(self.remaining(), 0.0), cut)
        timer.daemon = True
        timer.start()
        self._timers.append(timer)
        return response

    def close(self) -> None:
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()


def stream_to(
    response: requests.Response, dest: Path, url: str, deadline: Deadline, *, cap: int
) -> tuple[str, int]:
    """Write the body of ``response`` to ``dest`` atomically; its sha256 and size.

    Raises :class:`~ofstedmine.errors.FetchError` over ``cap`` bytes or past the
    deadline, and :class:`BodyError` (worth a retry) when the body broke off or
    did not match its Content-Length. ``dest`` is untouched unless all went well.
    """
    expected = declared_length(response.headers.get("Content-Length"))
    encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
    if expected is not None and expected > cap:
        raise FetchError(
            f"{url} is {expected:,} bytes, over max_bytes={cap:,}; "
            "raise HttpSettings.max_bytes if it is genuine",
            url=url,
            status=response.status_code,
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with atomic_writer(dest, suffix=".part") as fh:
        try:
            for chunk in response.iter_content(CHUNK):
                deadline.check()
                size += len(chunk)
                if size > cap:
                    raise FetchError(
                        f"{url} sent more than max_bytes={cap:,} bytes; stopped. "
                        "Raise HttpSettings.max_bytes if it is genuine",
                        url=url,
                        status=response.status_code,
                    )
                digest.update(chunk)
                fh.write(chunk)
        except NETWORK_ERRORS as exc:
            if deadline.expired.is_set():  # the watchdog shut the socket
                raise deadline.error(f" (got {size:,} bytes)") from None
            raise BodyError(f"body broke off after {size:,} bytes ({exc})") from exc
        # a body without Content-Length ends cleanly when the watchdog cuts it
        if deadline.expired.is_set():
            raise deadline.error(f" (got {size:,} bytes)")
        if expected is not None and not encoded and size != expected:
            raise BodyError(f"got {size:,} bytes of the {expected:,} announced")
    return digest.hexdigest(), size
