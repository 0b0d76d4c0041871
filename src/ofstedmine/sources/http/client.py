""":class:`HttpClient`: the one polite session; it sends, the policies decide.

Pure decisions come from :mod:`ofstedmine.sources.policy` (allowed?, retry?,
``Retry-After``, rate limit) and :mod:`.policy` (redirects, robots.txt, body
size); the sessions and the page cache from :mod:`.pagecache`; deadlines and
writing bodies to disk from :mod:`.transport`.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.robotparser
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from ...errors import DisallowedError, FetchError
from ..policy import (
    RETRY_STATUSES,
    host_key,
    is_allowed,
    next_request_time,
    parse_retry_after,
    should_retry,
)
from .pagecache import forget_page, new_session
from .policy import (
    ROBOTS_TOKEN,
    crawl_interval,
    is_redirect,
    refusal_reason,
    retry_hint,
    robots_rule,
)
from .settings import HttpSettings
from .transport import NETWORK_ERRORS, BodyError, Deadline, Download, stream_to

__all__ = ["HttpClient"]


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
        assert not cached or self.settings.cache_dir is not None
        return new_session(
            user_agent=self.settings.user_agent,
            max_redirects=self.settings.max_redirects,
            cache_dir=self.settings.cache_dir if cached else None,
        )

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
        deadline = Deadline(url, self.settings.download_timeout)
        try:
            return self._download(url, dest, headers, deadline, etag, last_modified)
        finally:
            deadline.close()

    def _download(
        self,
        url: str,
        dest: Path,
        headers: dict[str, str],
        deadline: Deadline,
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
            except BodyError as exc:
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
        deadline = Deadline(url, self.settings.download_timeout)
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
            raise DisallowedError(f"refusing {url}: {refusal_reason(url)}")
        if self.settings.respect_robots:
            robots = self._robots_for(url)
            if robots is not None and not robots.can_fetch(ROBOTS_TOKEN, url):
                raise DisallowedError(f"robots.txt of {host_key(url)} disallows {url}")

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        key = host_key(url)
        with self._robots_lock:
            if key in self._robots:
                return self._robots[key]
            robots_url = key + "/robots.txt"
            parser = urllib.robotparser.RobotFileParser(robots_url)
            deadline = Deadline(robots_url, self.settings.download_timeout)
            try:
                response = self._request(
                    robots_url, headers={}, session=self._files, check=False, deadline=deadline
                )
            except FetchError as exc:
                # RFC 9309: an unreachable robots.txt means complete disallow.
                if robots_rule(exc.status) == "allow_all":
                    parser.allow_all = True
                else:
                    parser.disallow_all = True
            else:
                rule = robots_rule(response.status_code)
                if rule == "parse":
                    parser.parse(response.text.splitlines())
                elif rule == "allow_all":
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
            interval = crawl_interval(interval, robots.crawl_delay(ROBOTS_TOKEN))
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
        deadline: Deadline,
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
            if not is_redirect(response.status_code, location):
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
        deadline: Deadline,
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
            except NETWORK_ERRORS as exc:
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
                    hint = retry_hint(retry_after, self.settings.max_retry_after)
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
        forget_page(session, url)

    def _stream_to(
        self, response: requests.Response, dest: Path, url: str, deadline: Deadline
    ) -> tuple[str, int]:
        return stream_to(response, dest, url, deadline, cap=self.settings.max_bytes)
