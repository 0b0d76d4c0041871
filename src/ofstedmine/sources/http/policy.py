"""The client's own pure decisions: redirects, robots.txt, body size, page-cache freshness.

No I/O here, like :mod:`ofstedmine.sources.policy` (whether a URL is allowed,
whether and when to retry, ``Retry-After``, the rate limit), whose functions
:class:`~ofstedmine.sources.http.HttpClient` follows as well.

>>> is_redirect(301, "/b")
True
>>> robots_rule(404), robots_rule(503)
('allow_all', 'disallow_all')
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = [
    "PAGE_CACHE_CODES",
    "PAGE_CACHE_METHODS",
    "REDIRECT_STATUSES",
    "ROBOTS_TOKEN",
    "crawl_interval",
    "declared_length",
    "is_redirect",
    "refusal_reason",
    "retry_hint",
    "robots_rule",
]

#: Answers that send the client elsewhere (followed by hand, allowed hosts only).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: The name we look for in robots.txt.
ROBOTS_TOKEN = "ofstedmine"
#: The page cache keeps successful GETs only, and revalidates them on every use
#: (a conditional request; a 304 serves the cached body).
PAGE_CACHE_CODES = (200,)
PAGE_CACHE_METHODS = ("GET",)


def refusal_reason(url: str) -> str:
    """Why a URL that :func:`~ofstedmine.sources.policy.is_allowed` refused was refused.

    >>> refusal_reason("ftp://www.gov.uk/x")
    "scheme 'ftp' is not http(s)"
    >>> refusal_reason("https://evil.example/")
    'its host is not in HttpSettings.allowed_hosts'
    """
    scheme = urlsplit(url).scheme
    return (
        f"scheme {scheme!r} is not http(s)"
        if scheme not in ("http", "https")
        else "its host is not in HttpSettings.allowed_hosts"
    )


def is_redirect(status: int, location: str | None) -> bool:
    """Whether an answer sends us elsewhere: a redirect status with a ``Location``.

    >>> is_redirect(301, "/b"), is_redirect(200, "/b"), is_redirect(302, None)
    (True, False, False)
    """
    return status in REDIRECT_STATUSES and bool(location)


def robots_rule(status: int | None) -> str:
    """What a robots.txt answer with ``status`` means (RFC 9309).

    ``"parse"`` for 200; ``"allow_all"`` for a 4xx (there is none: anything
    goes); ``"disallow_all"`` for anything else, an unreachable server included
    (``status`` None).

    >>> robots_rule(200), robots_rule(None)
    ('parse', 'disallow_all')
    """
    if status == 200:
        return "parse"
    if status is not None and 400 <= status < 500:
        return "allow_all"
    return "disallow_all"


def crawl_interval(min_interval: float, crawl_delay: float | str | None) -> float:
    """Seconds between requests to a host: ours, or robots.txt's longer Crawl-delay.

    >>> crawl_interval(1.0, None), crawl_interval(1.0, 5), crawl_interval(2.0, 0.5)
    (1.0, 5.0, 2.0)
    """
    if crawl_delay:
        return max(min_interval, float(crawl_delay))
    return min_interval


def retry_hint(retry_after: float | None, max_retry_after: float) -> str:
    """The note added when we give up because the server asked us to wait too long.

    >>> retry_hint(3600.0, 300.0)
    ' (Retry-After 3600 s is over max_retry_after)'
    >>> retry_hint(None, 300.0)
    ''
    """
    if retry_after is not None and retry_after > max_retry_after:
        return f" (Retry-After {retry_after:.0f} s is over max_retry_after)"
    return ""


def declared_length(value: str | None) -> int | None:
    """The byte count a ``Content-Length`` header announces, or None if unusable.

    >>> declared_length("1024"), declared_length("-1"), declared_length(None)
    (1024, None, None)
    """
    return int(value) if value and value.isdigit() else None
