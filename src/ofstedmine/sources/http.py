"""One polite HTTP session for every request ofstedmine sends.

The client names itself honestly in its User-Agent, waits ``min_interval`` seconds
between requests to the same host, asks robots.txt first (once per host), only
talks to an allow-list of hosts over http(s), follows at most five redirects and
only to allowed hosts, retries transient failures with exponential backoff and
jitter (honouring ``Retry-After``), caps the size of what it reads and the time one
request may take in all (``download_timeout``), and revalidates cached pages with
conditional requests (requests-cache, JSON on disk, never pickle).

The decisions are pure functions in :mod:`ofstedmine.sources.policy`
(:func:`is_allowed`, :func:`should_retry`, :func:`parse_retry_after`,
:func:`backoff_delay`, :func:`next_request_time`; re-exported here), kept apart
from :class:`HttpClient`, which only sends.

>>> is_allowed("https://files.ofsted.gov.uk/v1/file/50035108", DEFAULT_ALLOWED_HOSTS)
True
>>> should_retry(404, 1) is None
True
>>> should_retry(503, 1, retry_after=7.0)
7.0
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
import time
import urllib.robotparser
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from ..errors import ConfigError, DisallowedError, FetchError
from ._fs import fsync_dir as _fsync_dir
from .policy import (
    RETRY_STATUSES,
    backoff_delay,
    host_key,
    is_allowed,
    next_request_time,
    parse_retry_after,
    should_retry,
)

__all__ = [
    "CONTACT_URL",
    "DEFAULT_ALLOWED_HOSTS",
    "RETRY_STATUSES",
    "Download",
    "HttpClient",
    "HttpSettings",
    "backoff_delay",
    "default_cache_dir",
    "default_user_agent",
    "is_allowed",
    "next_request_time",
    "parse_retry_after",
    "should_retry",
]

CONTACT_URL = "https://github.com/ofstedmine/ofstedmine"
DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = (
    "reports.ofsted.gov.uk",
    "files.ofsted.gov.uk",
    "files.api.ofsted.gov.uk",
    "www.gov.uk",
    "assets.publishing.service.gov.uk",
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ROBOTS_TOKEN = "ofstedmine"
_CHUNK = 64 * 1024


def default_user_agent() -> str:
    """``ofstedmine/<version> (+<contact URL>)``: who we are and where to complain."""
    from ofstedmine._version import __version__

    return f"ofstedmine/{__version__} (+{CONTACT_URL})"


def default_cache_dir() -> Path:
    """The folder for HTTP responses: ``http/`` in ofstedmine's cache folder
    (``$OFSTEDMINE_CACHE`` or the user cache directory)."""
    from ..cache import default_cache_dir as cache_root

    return cache_root() / "http"


# ---------------------------------------------------------------------- settings


@dataclass(frozen=True)
class HttpSettings:
    """How politely and how patiently :class:`HttpClient` talks to servers.

    ``timeout`` is (connect, read) in seconds; ``retries`` is how many times a
    failed request is tried again; the n-th retry waits about
    ``backoff * 2**(n-1)`` seconds (half to full, at random; at most
    ``backoff_max``) unless the server's ``Retry-After`` says otherwise, which is
    obeyed up to ``max_retry_after`` seconds. ``cache_dir=None`` turns the page
    cache off.

    ``download_timeout`` is the most seconds one call (:meth:`HttpClient.download`,
    :meth:`~HttpClient.get_text`, :meth:`~HttpClient.get_json`) may take in all,
    retries, waits and redirects included. ``timeout`` bounds each read, so a
    server that drips a few bytes at a time never trips it; this deadline does, and
    the call ends in :class:`~ofstedmine.errors.FetchError`.

    >>> HttpSettings(min_interval=0.2).min_interval
    0.2
    >>> HttpSettings(retries=-1)
    Traceback (most recent call last):
    ...
    ofstedmine.errors.ConfigError: HttpSettings.retries must be an int >= 0, got -1
    >>> HttpSettings(download_timeout=0)
    Traceback (most recent call last):
    ...
    ofstedmine.errors.ConfigError: HttpSettings.download_timeout must be a number of seconds > 0, got 0
    """

    user_agent: str = field(default_factory=default_user_agent)
    min_interval: float = 1.0
    timeout: tuple[float, float] = (10.0, 60.0)
    retries: int = 4
    backoff: float = 1.0
    backoff_max: float = 60.0
    max_retry_after: float = 300.0
    max_bytes: int = 200 * 1024 * 1024
    max_redirects: int = 5
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
    respect_robots: bool = True
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    download_timeout: float = 300.0

    def __post_init__(self) -> None:
        def bad(name: str, need: str) -> ConfigError:
            return ConfigError(f"HttpSettings.{name} must be {need}, got {getattr(self, name)!r}")

        if not isinstance(self.user_agent, str) or not self.user_agent.strip():
            raise bad("user_agent", "a non-empty string naming the client")
        for name in ("min_interval", "backoff", "backoff_max", "max_retry_after"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise bad(name, "a number of seconds >= 0")
            object.__setattr__(self, name, float(value))
        value = self.download_timeout
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise bad("download_timeout", "a number of seconds > 0")
        object.__setattr__(self, "download_timeout", float(value))
        timeout = self.timeout
        if isinstance(timeout, int | float) and not isinstance(timeout, bool):
            timeout = (timeout, timeout)
        try:
            connect, read = (float(t) for t in timeout)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            raise bad("timeout", "(connect, read) seconds") from None
        if connect <= 0 or read <= 0:
            raise bad("timeout", "(connect, read) seconds, both > 0")
        object.__setattr__(self, "timeout", (connect, read))
        for name, low in (("retries", 0), ("max_redirects", 0), ("max_bytes", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise bad(name, f"an int >= {low}")
        hosts = self.allowed_hosts
        if isinstance(hosts, str) or not all(isinstance(h, str) and h for h in hosts):
            raise bad("allowed_hosts", "a tuple of host names such as 'www.gov.uk'")
        object.__setattr__(self, "allowed_hosts", tuple(h.lower() for h in hosts))
        if not isinstance(self.respect_robots, bool):
            raise bad("respect_robots", "True or False")
        if self.cache_dir is not None:
            if not isinstance(self.cache_dir, str | os.PathLike):
                raise bad("cache_dir", "a folder path or None")
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))


# ------------------------------------------------------------------- sending


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


class _BodyError(Exception):
    """The body broke off or did not match its Content-Length (worth a retry)."""


class _Deadline:
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


class HttpClient:
    """The one polite session. Use as a context manager or call :meth:`close`.

    >>> with HttpClient(HttpSettings(cache_dir=None)) as client:
    ...     client.settings.retries
    4
    """

    def __init__(self, settings: HttpSettings | None = None) -> None:
        self.settings = settings or HttpSettings()
        self._files = self._new_session(cached=False)
        self._pages = self._new_session(cached=self.settings.cache_dir is not None)
        self._lock = threading.Lock()
        self._last_sent: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()
        #: every request put on the wire: (method, url, status or None)
        self.log: list[tuple[str, str, int | None]] = []

    def _new_session(self, *, cached: bool) -> requests.Session:
        session: requests.Session
        if cached:
            import requests_cache

            assert self.settings.cache_dir is not None
            backend = requests_cache.FileCache(self.settings.cache_dir, serializer="json")
            session = requests_cache.CachedSession(
                backend=backend,
                expire_after=requests_cache.EXPIRE_IMMEDIATELY,  # always revalidate
                allowable_codes=(200,),
                allowable_methods=("GET",),
            )
        else:
            session = requests.Session()
        session.headers["User-Agent"] = self.settings.user_agent
        session.max_redirects = self.settings.max_redirects
        return session

    def close(self) -> None:
        """Close both sessions."""
        self._files.close()
        self._pages.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ public API

    def get_text(self, url: str) -> str:
        """The body of ``url`` as text (pages are cached and revalidated)."""
        return self._get_small(url, accept="text/html,*/*;q=0.5").text

    def get_json(self, url: str) -> Any:
        """The body of ``url`` parsed as JSON."""
        response = self._get_small(url, accept="application/json")
        try:
            return response.json()
        except ValueError as exc:
            raise FetchError(
                f"{url} did not return JSON ({response.headers.get('Content-Type')})",
                url=url,
                status=response.status_code,
            ) from exc

    def download(
        self,
        url: str,
        dest_path: str | os.PathLike[str],
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Download:
        """Stream ``url`` into ``dest_path`` atomically; skip it if unchanged.

        The body goes to a temporary file in the same folder, is checked against
        its Content-Length and ``max_bytes``, fsynced, and only then renamed onto
        ``dest_path``. With ``etag``/``last_modified`` (the validators of the copy
        held) the request is conditional and a 304 writes nothing.
        """
        dest = Path(dest_path)
        headers = {"Accept-Encoding": "identity"}  # so Content-Length counts our bytes
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = _Deadline(url, self.settings.download_timeout)
        try:
            return self._download(url, dest, headers, deadline, etag, last_modified)
        finally:
            deadline.close()

    def _download(
        self,
        url: str,
        dest: Path,
        headers: dict[str, str],
        deadline: _Deadline,
        etag: str | None,
        last_modified: str | None,
    ) -> Download:
        failures = 0
        while True:
            response = self._request(
                url, headers=headers, session=self._files, stream=True, deadline=deadline
            )
            final_url = response.url or url
            try:
                if response.status_code == 304:
                    if not (etag or last_modified):
                        raise FetchError(f"{url} answered 304 to an unconditional GET", url=url)
                    return Download(
                        final_url,
                        "not_modified",
                        etag=response.headers.get("ETag") or etag,
                        last_modified=response.headers.get("Last-Modified") or last_modified,
                    )
                self._raise_for_status(response, url)
                sha, size = self._stream_to(response, dest, url, deadline)
            except _BodyError as exc:
                failures += 1
                delay = self._retry_delay(None, failures)
                if delay is None:
                    raise FetchError(
                        f"{url}: {exc}; gave up after {failures} attempts", url=url
                    ) from None
                deadline.check(delay)
                time.sleep(delay)
                continue
            finally:
                response.close()
            return Download(
                final_url,
                "downloaded",
                path=dest,
                sha256=sha,
                size=size,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get("Content-Type"),
            )

    def allowed(self, url: str) -> bool:
        """Whether the host allow-list and robots.txt let us fetch ``url``."""
        try:
            self._check(url)
        except DisallowedError:
            return False
        return True

    # ---------------------------------------------------------------- inner

    def _get_small(self, url: str, *, accept: str) -> requests.Response:
        deadline = _Deadline(url, self.settings.download_timeout)
        try:
            response = self._request(
                url, headers={"Accept": accept}, session=self._pages, deadline=deadline
            )
        finally:
            deadline.close()
        self._raise_for_status(response, url)
        if len(response.content) > self.settings.max_bytes:
            raise FetchError(
                f"{url} is {len(response.content):,} bytes, over max_bytes="
                f"{self.settings.max_bytes:,}; raise HttpSettings.max_bytes if it is genuine",
                url=url,
                status=response.status_code,
            )
        return response

    def _raise_for_status(self, response: requests.Response, url: str) -> None:
        if 200 <= response.status_code < 300:
            return
        raise FetchError(
            f"{response.url or url} answered HTTP {response.status_code} {response.reason}",
            url=url,
            status=response.status_code,
        )

    def _check(self, url: str) -> None:
        if not is_allowed(url, self.settings.allowed_hosts):
            scheme = urlsplit(url).scheme
            why = (
                f"scheme {scheme!r} is not http(s)"
                if scheme not in ("http", "https")
                else "its host is not in HttpSettings.allowed_hosts"
            )
            raise DisallowedError(f"refusing {url}: {why}")
        if self.settings.respect_robots:
            robots = self._robots_for(url)
            if robots is not None and not robots.can_fetch(_ROBOTS_TOKEN, url):
                raise DisallowedError(f"robots.txt of {host_key(url)} disallows {url}")

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        key = host_key(url)
        with self._robots_lock:
            if key in self._robots:
                return self._robots[key]
            robots_url = key + "/robots.txt"
            parser = urllib.robotparser.RobotFileParser(robots_url)
            deadline = _Deadline(robots_url, self.settings.download_timeout)
            try:
                response = self._request(
                    robots_url, headers={}, session=self._files, check=False, deadline=deadline
                )
            except FetchError as exc:
                # RFC 9309: an unreachable robots.txt means complete disallow.
                if exc.status is not None and 400 <= exc.status < 500:
                    parser.allow_all = True
                else:
                    parser.disallow_all = True
            else:
                if response.status_code == 200:
                    parser.parse(response.text.splitlines())
                elif 400 <= response.status_code < 500:
                    parser.allow_all = True  # no robots.txt: anything goes
                else:
                    parser.disallow_all = True
                response.close()
            finally:
                deadline.close()
            parser.modified()
            self._robots[key] = parser
            return parser

    def _interval(self, url: str) -> float:
        interval = self.settings.min_interval
        robots = self._robots.get(host_key(url)) if self.settings.respect_robots else None
        if robots is not None:
            delay = robots.crawl_delay(_ROBOTS_TOKEN)
            if delay:
                interval = max(interval, float(delay))
        return interval

    def _wait_turn(self, url: str) -> None:
        key = host_key(url)
        interval = self._interval(url)
        with self._lock:
            now = time.monotonic()
            at = next_request_time(self._last_sent.get(key), now, interval)
            self._last_sent[key] = at  # reserve the slot before sleeping
        if at > now:
            time.sleep(at - now)

    def _retry_delay(
        self, status: int | None, attempt: int, retry_after: float | None = None
    ) -> float | None:
        s = self.settings
        return should_retry(
            status,
            attempt,
            retries=s.retries,
            backoff=s.backoff,
            backoff_max=s.backoff_max,
            retry_after=retry_after,
            max_retry_after=s.max_retry_after,
        )

    def _request(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        session: requests.Session,
        deadline: _Deadline,
        stream: bool = False,
        check: bool = True,
    ) -> requests.Response:
        """GET with manual redirects (allowed hosts only, at most max_redirects)."""
        seen = {url}
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if check:
                self._check(current)
            elif not is_allowed(current, self.settings.allowed_hosts):
                raise DisallowedError(f"refusing {current}: host not in allowed_hosts")
            response = self._send(
                current, headers=headers, session=session, stream=stream, deadline=deadline
            )
            location = response.headers.get("Location")
            if response.status_code not in _REDIRECT_STATUSES or not location:
                return response
            response.close()
            target = urljoin(current, location)
            if target in seen:
                raise FetchError(f"redirect loop at {target} (from {url})", url=url)
            if not is_allowed(target, self.settings.allowed_hosts):
                raise DisallowedError(
                    f"{current} redirects to {target}, whose host is not in "
                    "HttpSettings.allowed_hosts"
                )
            seen.add(target)
            current = target
        raise FetchError(f"{url} redirected more than {self.settings.max_redirects} times", url=url)

    def _send(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        session: requests.Session,
        stream: bool,
        deadline: _Deadline,
    ) -> requests.Response:
        """One request with retries on connection failures and retryable statuses."""
        failures = 0
        while True:
            self._wait_turn(url)
            deadline.check()
            try:
                response = session.get(
                    url,
                    headers=dict(headers),
                    timeout=deadline.timeouts(self.settings.timeout),
                    stream=stream,
                    allow_redirects=False,
                    hooks={"response": [deadline.arm]},
                )
            except (
                requests.ConnectionError,
                requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
            ) as exc:
                self.log.append(("GET", url, None))
                if deadline.expired.is_set():  # the watchdog cut the body off
                    self._forget_page(session, url)
                    raise deadline.error() from None
                failures += 1
                delay = self._retry_delay(None, failures)
                if delay is None:
                    raise FetchError(
                        f"could not fetch {url} after {failures} attempts: "
                        f"{type(exc).__name__}: {exc}",
                        url=url,
                    ) from exc
                deadline.check(delay)
                time.sleep(delay)
                continue
            self.log.append(("GET", url, response.status_code))
            if deadline.expired.is_set():  # a body without Content-Length, cut short
                response.close()
                self._forget_page(session, url)
                raise deadline.error()
            status = response.status_code
            if status in RETRY_STATUSES:
                failures += 1
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                response.close()
                delay = self._retry_delay(status, failures, retry_after)
                if delay is None:
                    hint = (
                        f" (Retry-After {retry_after:.0f} s is over max_retry_after)"
                        if retry_after is not None and retry_after > self.settings.max_retry_after
                        else ""
                    )
                    raise FetchError(
                        f"{url} answered HTTP {status} {failures} times{hint}; try later",
                        url=url,
                        status=status,
                    )
                deadline.check(delay)
                time.sleep(delay)
                continue
            return response

    @staticmethod
    def _forget_page(session: requests.Session, url: str) -> None:
        """Drop a page the deadline cut short from the page cache, if it got there."""
        cache = getattr(session, "cache", None)
        if cache is not None:
            with contextlib.suppress(Exception):
                cache.delete(urls=[url])

    def _stream_to(
        self, response: requests.Response, dest: Path, url: str, deadline: _Deadline
    ) -> tuple[str, int]:
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length")
        expected = int(declared) if declared and declared.isdigit() else None
        encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
        if expected is not None and expected > cap:
            raise FetchError(
                f"{url} is {expected:,} bytes, over max_bytes={cap:,}; "
                "raise HttpSettings.max_bytes if it is genuine",
                url=url,
                status=response.status_code,
            )
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.parent / f".{dest.name}.{secrets.token_hex(6)}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with open(tmp, "wb") as fh:
                try:
                    for chunk in response.iter_content(_CHUNK):
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
                except (
                    requests.ConnectionError,
                    requests.Timeout,
                    requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError,
                ) as exc:
                    if deadline.expired.is_set():  # the watchdog shut the socket
                        raise deadline.error(f" (got {size:,} bytes)") from None
                    raise _BodyError(f"body broke off after {size:,} bytes ({exc})") from exc
                # a body without Content-Length ends cleanly when the watchdog cuts it
                if deadline.expired.is_set():
                    raise deadline.error(f" (got {size:,} bytes)")
                if expected is not None and not encoded and size != expected:
                    raise _BodyError(f"got {size:,} bytes of the {expected:,} announced")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(dest.parent)
        return digest.hexdigest(), size
