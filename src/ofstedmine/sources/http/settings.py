"""How politely and how patiently the client talks: :class:`HttpSettings`.

Also who we say we are (:func:`default_user_agent`), which hosts we talk to
(:data:`DEFAULT_ALLOWED_HOSTS`) and where the page cache lives
(:func:`default_cache_dir`, from :mod:`ofstedmine._paths`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..._paths import default_http_cache_dir as default_cache_dir
from ...errors import ConfigError

__all__ = [
    "CONTACT_URL",
    "DEFAULT_ALLOWED_HOSTS",
    "HttpSettings",
    "default_cache_dir",
    "default_user_agent",
]

CONTACT_URL = "https://github.com/ofstedmine/ofstedmine"
DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = (
    "reports.ofsted.gov.uk",
    "files.ofsted.gov.uk",
    "files.api.ofsted.gov.uk",
    "www.gov.uk",
    "assets.publishing.service.gov.uk",
)


def default_user_agent() -> str:
    """``ofstedmine/<version> (+<contact URL>)``: who we are and where to complain."""
    from ofstedmine._version import __version__

    return f"ofstedmine/{__version__} (+{CONTACT_URL})"


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
