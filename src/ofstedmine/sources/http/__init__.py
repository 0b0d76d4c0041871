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
:func:`backoff_delay`, :func:`next_request_time`; re-exported here) and
:mod:`ofstedmine.sources.http.policy` (redirects, robots.txt, body size, page-cache
freshness), kept apart from :class:`HttpClient`, which only sends.

Submodules, by job: ``settings`` (:class:`HttpSettings`, the User-Agent, the
allowed hosts), ``policy`` (the client's pure decisions), ``pagecache`` (the
sessions and the JSON page cache), ``transport`` (:class:`Download`, the per-call
deadline, bodies streamed to disk atomically) and ``client`` (:class:`HttpClient`).

>>> is_allowed("https://files.ofsted.gov.uk/v1/file/50035108", DEFAULT_ALLOWED_HOSTS)
True
>>> should_retry(404, 1) is None
True
>>> should_retry(503, 1, retry_after=7.0)
7.0
"""

from __future__ import annotations

# the names with a leading underscore are the former single module's private
# names, still importable from here
from ..policy import (  # noqa: F401  (host_key: importable from here, as before)
    RETRY_STATUSES,
    backoff_delay,
    host_key,
    is_allowed,
    next_request_time,
    parse_retry_after,
    should_retry,
)
from .client import HttpClient
from .policy import REDIRECT_STATUSES as _REDIRECT_STATUSES  # noqa: F401
from .policy import ROBOTS_TOKEN as _ROBOTS_TOKEN  # noqa: F401
from .settings import (
    CONTACT_URL,
    DEFAULT_ALLOWED_HOSTS,
    HttpSettings,
    default_cache_dir,
    default_user_agent,
)
from .transport import CHUNK as _CHUNK  # noqa: F401
from .transport import BodyError as _BodyError  # noqa: F401
from .transport import Deadline as _Deadline  # noqa: F401
from .transport import Download

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
