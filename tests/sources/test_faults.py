"""Faults a real server can throw at the client, scripted per path on 127.0.0.1."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ofstedmine.errors import DisallowedError, FetchError
from ofstedmine.sources.fetch import fetch
from ofstedmine.sources.store import Store

pytestmark = pytest.mark.network

FILE = "/v1/file/50035108"  # Bradford 2018: ~240 kB in the corpus


def hits(site, path=FILE):
    return [h for h in site.hits if h.path == path]


def download(client, server, tmp_path: Path, path=FILE, **kw):
    return client.download(server.base + path, tmp_path / "dl" / "file.pdf", **kw)


def no_temp_left(tmp_path: Path) -> bool:
    folder = tmp_path / "dl"
    return not folder.exists() or not any(p.name.endswith(".part") for p in folder.iterdir())


def test_timeout_then_success(make_client, server, site, tmp_path):
    client = make_client(timeout=(1.0, 0.3))
    site.faults[FILE] = ["sleep:0.8"]
    result = download(client, server, tmp_path)
    assert result.status == "downloaded"
    assert [h.status for h in hits(site)][-1] == 200 and len(hits(site)) == 2


def test_timeouts_forever(make_client, server, site, tmp_path):
    client = make_client(timeout=(1.0, 0.2), retries=1)
    site.faults[FILE] = ["sleep:0.5", "sleep:0.5"]
    with pytest.raises(FetchError, match="after 2 attempts.*Timeout"):
        download(client, server, tmp_path)


def test_connection_reset_then_success(client, server, site, tmp_path):
    site.faults[FILE] = ["reset", "reset"]
    result = download(client, server, tmp_path)
    assert result.status == "downloaded" and len(hits(site)) == 3


def test_429_retry_after_is_obeyed(client, server, site, tmp_path):
    site.faults[FILE] = ["status:429:1"]
    download(client, server, tmp_path)
    first, second = hits(site)
    assert first.status == 429 and second.status == 200
    assert second.t - first.t >= 0.95  # backoff is 0.01 s: the wait is Retry-After's


def test_503_retry_after_too_long_gives_up_at_once(client, server, site, tmp_path):
    site.faults[FILE] = ["status:503:3600"]
    with pytest.raises(FetchError, match="Retry-After") as info:
        download(client, server, tmp_path)
    assert info.value.status == 503 and len(hits(site)) == 1


def test_500s_then_success(client, server, site, tmp_path):
    site.faults[FILE] = ["status:500", "status:502"]
    result = download(client, server, tmp_path)
    assert [h.status for h in hits(site)] == [500, 502, 200]
    assert hashlib.sha256((tmp_path / "dl" / "file.pdf").read_bytes()).hexdigest() == result.sha256


def test_500_forever(client, server, site, tmp_path):
    site.faults[FILE] = ["status:500"] * 10
    with pytest.raises(FetchError, match="HTTP 500 4 times") as info:
        download(client, server, tmp_path)
    assert info.value.status == 500 and info.value.url.endswith(FILE)
    assert len(hits(site)) == 4  # retries=3


def test_404_is_not_retried(client, server, site):
    with pytest.raises(FetchError, match="404") as info:
        client.get_text(server.base + "/provider/44/1")
    assert info.value.status == 404 and len(hits(site, "/provider/44/1")) == 1


def test_truncated_body_is_retried(client, server, site, tmp_path):
    site.faults[FILE] = ["truncate"]
    result = download(client, server, tmp_path)
    assert result.size == (tmp_path / "dl" / "file.pdf").stat().st_size
    assert len(hits(site)) == 2 and no_temp_left(tmp_path)


def test_truncated_forever(client, server, site, tmp_path):
    site.faults[FILE] = ["truncate"] * 20
    with pytest.raises(FetchError, match="(broke off|announced)"):
        download(client, server, tmp_path)
    assert not (tmp_path / "dl" / "file.pdf").exists() and no_temp_left(tmp_path)


def test_size_cap_from_content_length(make_client, server, site, tmp_path):
    client = make_client(max_bytes=100_000)
    with pytest.raises(FetchError, match="max_bytes=100,000"):
        download(client, server, tmp_path)
    assert len(hits(site)) == 1 and no_temp_left(tmp_path)


def test_size_cap_while_streaming(make_client, server, site, tmp_path):
    client = make_client(max_bytes=100_000)
    site.faults[FILE] = ["nolength:4"]  # no Content-Length, ~1 MB
    with pytest.raises(FetchError, match="more than max_bytes"):
        download(client, server, tmp_path)
    assert not (tmp_path / "dl" / "file.pdf").exists() and no_temp_left(tmp_path)


def test_redirect_followed_to_an_allowed_host(client, server, site, tmp_path):
    site.faults["/old/50035108"] = ["redirect:/v1/file/50035108"]
    result = download(client, server, tmp_path, path="/old/50035108")
    assert result.url == server.base + FILE and result.status == "downloaded"


def test_redirect_to_a_disallowed_host(client, server, site, tmp_path):
    site.faults[FILE] = ["redirect:https://evil.example.com/v1/file/50035108"]
    with pytest.raises(DisallowedError, match="evil.example.com.*allowed_hosts"):
        download(client, server, tmp_path)


def test_redirect_loop(client, server, site):
    with pytest.raises(FetchError, match="redirect loop"):
        client.get_text(server.base + "/loop/a")
    assert len(hits(site, "/loop/a")) == 1 and len(hits(site, "/loop/b")) == 1


def test_too_many_redirects(client, server, site):
    for i in range(7):
        site.faults[f"/r/{i}"] = [f"redirect:/r/{i + 1}"]
    with pytest.raises(FetchError, match="more than 5 times"):
        client.get_text(server.base + "/r/0")
    assert not hits(site, "/r/6")


def test_only_http_and_allowed_hosts(client):
    with pytest.raises(DisallowedError, match="scheme 'file'"):
        client.get_text("file:///etc/passwd")
    with pytest.raises(DisallowedError, match="allowed_hosts"):
        client.get_text("https://example.com/")


def test_get_json_of_html(client, server):
    with pytest.raises(FetchError, match="did not return JSON"):
        client.get_json(server.base + "/provider/44/80449")


def test_unconditional_when_held_file_is_gone(client, server, site, store: Store):
    fetch(
        "bradford", store=store, client=client, base_url=server.base, notices=False, progress=False
    )
    entry = next(e for e in store.entries() if e.file_id == "50035108")
    (store.root / entry.path).unlink()
    summary = fetch(
        "bradford", store=store, client=client, base_url=server.base, notices=False, progress=False
    )
    assert summary.ok and len(summary.unchanged) == 6  # same bytes came back
    last = hits(site)[-1]
    assert "If-None-Match" not in last.headers and last.status == 200
    assert (store.root / entry.path).exists() and store.verify().clean


def test_html_error_page_served_as_pdf(client, server, site, store: Store):
    site.faults[FILE] = ["html"]
    summary = fetch(
        "bradford", store=store, client=client, base_url=server.base, notices=False, progress=False
    )
    (failure,) = summary.failed
    assert failure.error == "NotAPdfError" and "not a PDF" in failure.reason
    assert failure.url.endswith(FILE)
    assert len(summary.new) == 5  # the rest of the run went on
    assert not any(e.file_id == "50035108" for e in store.entries())
    assert not (store.root / "bradford" / "2018-10-29_full_inspection_50035108.pdf").exists()
    assert store.verify().clean  # no orphan object, no temp file
    summary = fetch(
        "bradford", store=store, client=client, base_url=server.base, notices=False, progress=False
    )
    assert [i.publication.file_id for i in summary.new] == ["50035108"]


def test_changed_page_layout(client, server, site, store: Store):
    site.broken_layout.add(80449)
    summary = fetch(
        "bradford",
        store=store,
        client=client,
        base_url=server.base,
        govuk_base_url=server.base,
        progress=False,
    )
    page_failure = next(f for f in summary.failed if f.error == "MarkupChangedError")
    assert "no ol.timeline on provider page" in page_failure.reason
    assert page_failure.url == f"{server.base}/provider/44/80449"
    assert len(summary.new) == 2  # the GOV.UK notices were still fetched


def test_one_broken_authority_does_not_stop_fetch_all(client, server, site, store: Store):
    site.broken_layout.add(80426)
    site.faults["/v1/file/50214110"] = ["status:500"] * 10
    summary = fetch(
        None,
        store=store,
        client=client,
        base_url=server.base,
        govuk_base_url=server.base,
        progress=False,
    )
    assert sorted(f.error for f in summary.failed) == ["FetchError", "MarkupChangedError"]
    assert len(summary.new) == 16 - 3 - 1
    assert store.verify().clean


def test_search_refused_falls_back_to_the_registry(client, server, site, store: Store):
    site.robots = "User-agent: *\nDisallow: /search\n"
    summary = fetch(
        None, store=store, client=client, base_url=server.base, notices=False, progress=False
    )
    assert summary.failed[0].error == "DisallowedError" and "/search" in summary.failed[0].reason
    assert not any(h.path == "/search" for h in site.hits)
    held = {e.authority for e in store.entries()}
    assert held == {"bradford", "barnsley", "wakefield", "birmingham"}
    assert len(store.entries()) == 14
    # every other current authority's page is missing on the fake site: one 404 each
    assert {f.error for f in summary.failed[1:]} == {"FetchError"}
