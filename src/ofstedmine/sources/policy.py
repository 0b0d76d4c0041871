"""Pure HTTP policy: whether to send a request, when, and whether to try again.

No I/O here; :class:`ofstedmine.sources.http.HttpClient` asks these functions and
does what they say, so they are tested without a server.

>>> is_allowed("https://files.ofsted.gov.uk/v1/file/50035108", ["files.ofsted.gov.uk"])
True
>>> should_retry(404, 1) is None
True
>>> should_retry(503, 1, retry_after=7.0)
7.0
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

__all__ = [
    "RETRY_STATUSES",
    "backoff_delay",
    "host_key",
    "is_allowed",
    "next_request_time",
    "parse_retry_after",
    "should_retry",
]

#: Statuses worth another try: the server may answer differently in a moment.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def is_allowed(url: str, hosts: Iterable[str]) -> bool:
    """Whether ``url`` is http(s) on one of ``hosts``.

    A host entry ``"name"`` allows any port, ``"name:port"`` only that port.
    URLs with credentials in them are refused.

    >>> is_allowed("https://www.gov.uk/api/search.json", ["www.gov.uk"])
    True
    >>> is_allowed("ftp://www.gov.uk/x", ["www.gov.uk"])
    False
    >>> is_allowed("http://127.0.0.1:8080/", ["127.0.0.1:8080"])
    True
    >>> is_allowed("https://evil.example/www.gov.uk", ["www.gov.uk"])
    False
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return False
    port = port or (443 if parts.scheme == "https" else 80)
    for entry in hosts:
        entry = entry.lower()
        name, sep, entry_port = entry.rpartition(":")
        if sep and entry_port.isdigit() and "]" not in entry_port:
            if host == name.strip("[]") and port == int(entry_port):
                return True
        elif host == entry.strip("[]"):
            return True
    return False


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date).

    >>> parse_retry_after("120")
    120.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT",
    ...                   now=dt.datetime(2015, 10, 21, 7, 27, 30, tzinfo=dt.UTC))
    30.0
    >>> parse_retry_after("soon") is None
    True
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(
    attempt: int,
    *,
    base: float = 1.0,
    cap: float = 60.0,
    rand: Callable[[], float] = random.random,
) -> float:
    """Exponential backoff with jitter: half to all of ``base * 2**(attempt-1)``, capped.

    >>> backoff_delay(3, base=1.0, rand=lambda: 1.0)
    4.0
    >>> backoff_delay(3, base=1.0, rand=lambda: 0.0)
    2.0
    """
    ceiling = min(cap, base * 2 ** max(attempt - 1, 0))
    return ceiling * (0.5 + 0.5 * rand())


def should_retry(
    status: int | None,
    attempt: int,
    *,
    retries: int = 4,
    backoff: float = 1.0,
    backoff_max: float = 60.0,
    retry_after: float | None = None,
    max_retry_after: float = 300.0,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """How long to wait before trying again, or None to give up.

    ``status`` is the HTTP status, or None when the connection failed, timed out
    or broke off mid-body; ``attempt`` counts the failures so far (1 after the
    first). A ``Retry-After`` on 429/503 is obeyed, unless it asks for more than
    ``max_retry_after`` seconds, when waiting is pointless and we give up.

    >>> should_retry(500, 1, rand=lambda: 1.0)
    1.0
    >>> should_retry(500, 5, retries=4) is None
    True
    >>> should_retry(None, 2, rand=lambda: 1.0)
    2.0
    >>> should_retry(429, 1, retry_after=3600.0) is None
    True
    """
    if attempt > retries:
        return None
    if status is not None and status not in RETRY_STATUSES:
        return None
    if retry_after is not None and status in (429, 503):
        return None if retry_after > max_retry_after else retry_after
    return backoff_delay(attempt, base=backoff, cap=backoff_max, rand=rand)


def next_request_time(last: float | None, now: float, min_interval: float) -> float:
    """When the next request to a host may be sent, given when the last one was.

    >>> next_request_time(None, 5.0, 1.0)
    5.0
    >>> next_request_time(4.5, 5.0, 1.0)
    5.5
    >>> next_request_time(1.0, 5.0, 1.0)
    5.0
    """
    if last is None:
        return now
    return max(now, last + min_interval)


def host_key(url: str) -> str:
    """``scheme://host[:port]``: the unit of politeness (rate limit, robots.txt).

    >>> host_key("https://WWW.gov.uk/api/search.json?q=x")
    'https://www.gov.uk'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"
