"""The pure HTTP policy (ofstedmine.sources.policy) and the settings, without a server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofstedmine.errors import ConfigError
from ofstedmine.sources import http
from ofstedmine.sources.http import (
    CONTACT_URL,
    DEFAULT_ALLOWED_HOSTS,
    HttpSettings,
    default_user_agent,
)
from ofstedmine.sources.policy import (
    RETRY_STATUSES,
    backoff_delay,
    host_key,
    is_allowed,
    next_request_time,
    parse_retry_after,
    should_retry,
)


def test_user_agent_names_us_and_a_contact():
    ua = default_user_agent()
    assert ua.startswith("ofstedmine/")
    assert CONTACT_URL in ua
    assert HttpSettings().user_agent == ua


def test_default_settings():
    s = HttpSettings()
    assert s.min_interval == 1.0
    assert s.retries == 4
    assert s.max_bytes == 200 * 1024 * 1024
    assert s.respect_robots is True
    assert s.allowed_hosts == DEFAULT_ALLOWED_HOSTS
    assert isinstance(s.cache_dir, Path) and "ofstedmine" in str(s.cache_dir)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_interval", -1),
        ("min_interval", "1"),
        ("timeout", (0, 5)),
        ("timeout", "soon"),
        ("retries", -1),
        ("retries", 1.5),
        ("max_bytes", 0),
        ("max_redirects", -1),
        ("allowed_hosts", "www.gov.uk"),
        ("allowed_hosts", ("",)),
        ("respect_robots", "yes"),
        ("user_agent", ""),
        ("cache_dir", 42),
        ("backoff", -0.5),
    ],
)
def test_settings_name_the_bad_field(field, value):
    with pytest.raises(ConfigError, match=rf"HttpSettings\.{field}\b"):
        HttpSettings(**{field: value})


def test_settings_normalise():
    s = HttpSettings(timeout=5, allowed_hosts=("WWW.GOV.UK",), cache_dir="/tmp/x")
    assert s.timeout == (5.0, 5.0)
    assert s.allowed_hosts == ("www.gov.uk",)
    assert s.cache_dir == Path("/tmp/x")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://reports.ofsted.gov.uk/provider/44/80449", True),
        ("https://files.api.ofsted.gov.uk/v1/file/1", True),
        ("http://files.ofsted.gov.uk/v1/file/1", True),
        ("https://FILES.OFSTED.GOV.UK/v1/file/1", True),
        ("https://files.ofsted.gov.uk./v1/file/1", True),
        ("ftp://files.ofsted.gov.uk/v1/file/1", False),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("https://evil.example/files.ofsted.gov.uk", False),
        ("https://files.ofsted.gov.uk.evil.example/", False),
        ("https://user:pw@www.gov.uk/", False),
        ("https://www.gov.uk:notaport/", False),
        ("/relative/path", False),
    ],
)
def test_is_allowed(url, expected):
    assert is_allowed(url, DEFAULT_ALLOWED_HOSTS) is expected


def test_is_allowed_with_ports():
    assert is_allowed("http://127.0.0.1:8080/x", ["127.0.0.1"])
    assert is_allowed("http://127.0.0.1:8080/x", ["127.0.0.1:8080"])
    assert not is_allowed("http://127.0.0.1:9090/x", ["127.0.0.1:8080"])
    assert is_allowed("https://www.gov.uk/x", ["www.gov.uk:443"])


def test_parse_retry_after():
    now = dt.datetime(2024, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("Mon, 01 Jan 2024 12:00:10 GMT", now=now) == 10.0
    assert parse_retry_after("Mon, 01 Jan 2024 11:00:00 GMT", now=now) == 0.0  # past
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None
    assert parse_retry_after("-5") is None
    assert parse_retry_after("tomorrow") is None


def test_should_retry_statuses():
    for status in RETRY_STATUSES:
        assert should_retry(status, 1) is not None
    for status in (200, 301, 304, 400, 401, 403, 404, 410):
        assert should_retry(status, 1) is None
    assert should_retry(None, 1) is not None  # connection failures are retried


def test_should_retry_gives_up_after_retries():
    assert should_retry(500, 4, retries=4) is not None
    assert should_retry(500, 5, retries=4) is None
    assert should_retry(500, 1, retries=0) is None


def test_should_retry_honours_retry_after():
    assert should_retry(429, 1, retry_after=2.5) == 2.5
    assert should_retry(503, 1, retry_after=0.0) == 0.0
    assert should_retry(429, 1, retry_after=1000.0, max_retry_after=300.0) is None
    # Retry-After on other statuses is not what decides the wait
    assert should_retry(500, 1, retry_after=99.0, rand=lambda: 1.0) == 1.0


def test_backoff_grows_and_is_capped():
    top = [backoff_delay(n, base=1.0, cap=10.0, rand=lambda: 1.0) for n in range(1, 7)]
    assert top == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    low = [backoff_delay(n, base=1.0, cap=10.0, rand=lambda: 0.0) for n in range(1, 4)]
    assert low == [0.5, 1.0, 2.0]


@given(st.integers(1, 30), st.floats(0, 1), st.floats(0.001, 5), st.floats(0.1, 100))
def test_backoff_within_bounds(attempt, r, base, cap):
    d = backoff_delay(attempt, base=base, cap=cap, rand=lambda: r)
    ceiling = min(cap, base * 2 ** (attempt - 1))
    assert ceiling / 2 - 1e-9 <= d <= ceiling + 1e-9


@given(
    st.one_of(st.none(), st.floats(0, 1e6)),
    st.floats(0, 1e6),
    st.floats(0, 100),
)
def test_next_request_time_keeps_the_interval(last, now, interval):
    at = next_request_time(last, now, interval)
    assert at >= now
    if last is not None:
        assert at >= last + interval - 1e-6


@given(st.text(max_size=60))
def test_is_allowed_never_raises(url):
    assert is_allowed(url, DEFAULT_ALLOWED_HOSTS) in (True, False)


def test_host_key_and_reexports():
    assert host_key("https://WWW.gov.uk:443/x?y") == "https://www.gov.uk:443"
    assert host_key("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080"
    assert http.is_allowed is is_allowed and http.should_retry is should_retry


def test_importing_sources_is_light():
    import subprocess
    import sys

    code = (
        "import sys, ofstedmine; before = set(sys.modules); import ofstedmine.sources; "
        "new = set(sys.modules) - before; "
        "assert not new & {'requests', 'pandas', 'bs4', 'requests_cache', 'tqdm'}, new"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
