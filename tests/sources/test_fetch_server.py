"""End to end against a real HTTP server on 127.0.0.1: listing -> download -> store."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

import pytest
from _fakesite import FakeServer, Pub, Site, make_pdf

from ofstedmine.sources.fetch import fetch
from ofstedmine.sources.http import HttpClient
from ofstedmine.sources.ofsted import list_publications, search_authorities
from ofstedmine.sources.store import Store
from ofstedmine.types import DocumentKind

pytestmark = pytest.mark.network

BRADFORD_FILES = {  # file id -> browsable name, from the provider page
    "50302265": "2026-05-21_full_inspection_50302265.pdf",
    "50206434": "2023-01-31_full_inspection_50206434.pdf",
    "8c4dcc660328": "2021-02-12_focused_visit_8c4dcc660328.pdf",
    "50035108": "2018-10-29_full_inspection_50035108.pdf",
    "ccd71e5d2a24": "2017-04-21_jtai_ccd71e5d2a24.pdf",
    "50004264": "2014-05-23_full_inspection_50004264.pdf",
}
NOTICE_FILES = {
    "2018-12-14_dfe_improvement_notice_bradford-improvement-notice.pdf",
    "2022-02-09_dfe_direction_direction-issued-to-bradford-city-council-feb-2022.html",
}


def run(authority, store, client, server, **kw):
    return fetch(
        authority,
        store=store,
        client=client,
        base_url=server.base,
        govuk_base_url=server.base,
        progress=False,
        **kw,
    )


def test_list_publications(client: HttpClient, server: FakeServer):
    pubs = list_publications(client, "bradford", base_url=server.base)
    assert [p.file_id for p in pubs][:2] == ["50302265", "50206434"]
    assert len(pubs) == 7  # the SEND inspection is listed, fetch leaves it out
    assert {p.authority for p in pubs} == {"bradford"}


def test_search_is_paginated(client: HttpClient, server: FakeServer, site: Site):
    refs = search_authorities(client, base_url=server.base)
    assert sorted(r.urn for r in refs) == [80426, 80429, 80449, 80451]
    searches = [h for h in site.hits if h.path == "/search"]
    assert len(searches) == 2 and "start=3" in searches[1].query


def test_fetch_one_authority(client, server, site, store: Store):
    summary = run("bradford", store, client, server)
    assert summary.ok, summary.failed
    assert len(summary.new) == 8 and not summary.unchanged
    names = {p.name for p in (store.root / "bradford").iterdir()}
    assert names == set(BRADFORD_FILES.values()) | NOTICE_FILES
    for entry in store.entries("bradford"):
        data = (store.root / entry.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry.sha256
        assert entry.bytes == len(data)
        if entry.path.endswith(".pdf"):
            assert data.startswith(b"%PDF-")
    # served bytes are the corpus files when present: the hashes are the manifest's
    if site.corpus is not None:
        with open(site.corpus / "manifest.csv", newline="") as fh:
            corpus_sha = {r["sha256"] for r in csv.DictReader(fh)}
        ofsted = [e for e in store.entries() if e.source == "ofsted"]
        assert {e.sha256 for e in ofsted} <= corpus_sha
    assert not any(h.path.endswith("/90000001") for h in site.hits)  # kinds filter
    assert sum(h.path == "/robots.txt" for h in site.hits) == 1
    assert all("ofstedmine/" in h.headers.get("User-Agent", "") for h in site.hits)
    html = store.root / "bradford" / sorted(NOTICE_FILES)[1]
    assert b"test direction" in html.read_bytes()
    assert store.verify().clean


def test_fetch_all(client, server, site, store: Store):
    summary = run(None, store, client, server)
    assert summary.ok, summary.failed
    assert sum(h.path == "/api/search.json" for h in site.hits) == 2  # not 2 per authority
    by_authority = {}
    for e in store.entries():
        by_authority[e.authority] = by_authority.get(e.authority, 0) + 1
    assert by_authority == {"bradford": 8, "barnsley": 3, "wakefield": 3, "birmingham": 2}
    assert len(summary.new) == 16
    relative = [e for e in store.entries() if e.file_id == "2760660"]
    assert relative and relative[0].url.endswith("/v1/file/2760660")


def test_refetch_is_conditional_and_downloads_nothing(client, server, site, store: Store):
    run("bradford", store, client, server)
    mark = len(site.hits)
    summary = run("bradford", store, client, server)
    assert not summary.new and len(summary.unchanged) == 8 and summary.ok
    again = site.hits[mark:]
    files = [h for h in again if h.path.startswith(("/v1/file/", "/assets/"))]
    assert len(files) == 7
    for h in files:
        assert h.headers.get("If-None-Match", "").startswith('"f-')
        assert h.headers.get("If-Modified-Since") == Site.LAST_MODIFIED
        assert h.status == 304
    page = next(h for h in again if h.path == "/provider/44/80449")
    assert page.headers.get("If-None-Match") and page.status == 304  # the page cache
    assert not any(h.status == 200 and h.path.startswith("/v1/file/") for h in again)


def test_new_publication_appears(client, server, site, store: Store):
    run("bradford", store, client, server)
    site.add_pub(
        80449,
        Pub("50310001", "Monitoring visit", dt.date(2026, 7, 1)),
        make_pdf("A made-up monitoring letter."),
    )
    summary = run("bradford", store, client, server)
    assert [i.path for i in summary.new] == ["bradford/2026-07-01_monitoring_visit_50310001.pdf"]
    assert summary.new[0].publication.kind is DocumentKind.MONITORING_VISIT
    assert len(summary.unchanged) == 8 and summary.ok
    assert sum(h.status == 200 and h.path.startswith("/v1/file/") for h in site.hits) == 7


def test_rate_limit_seen_by_the_server(make_client, server, site, store: Store):
    client = make_client(min_interval=0.2)
    summary = run("bradford", store, client, server, notices=False)
    assert summary.ok
    times = [h.t for h in site.hits]
    assert len(times) == 8  # robots.txt, the provider page, six files
    gaps = [b - a for a, b in zip(times, times[1:])]
    # the client spaces its sends by 0.2 s; arrival adds a little scheduling jitter
    assert min(gaps) >= 0.15, gaps
    assert times[-1] - times[0] >= 0.2 * len(gaps) - 0.02, gaps


def test_robots_disallow_is_honoured(client, server, site, store: Store):
    site.providers[80429].pubs.append(
        Pub("777", "Monitoring visit", dt.date(2019, 1, 1), href=f"{server.base}/private/file/777")
    )
    summary = run("birmingham", store, client, server, notices=False)
    assert len(summary.new) == 2
    (failure,) = summary.failed
    assert failure.error == "DisallowedError" and "robots.txt" in failure.reason
    assert not any(h.path.startswith("/private/") for h in site.hits)
    assert sum(h.path == "/robots.txt" for h in site.hits) == 1


def test_offline_after_a_fetch(client, server, site, store: Store):
    run("bradford", store, client, server)
    mark = len(site.hits)
    summary = fetch("bradford", store=store.root, offline=True, progress=False)
    assert len(summary.unchanged) == 8 and not summary.new and summary.ok
    assert len(site.hits) == mark  # no request at all
    summary = fetch("barnsley", store=store.root, offline=True, progress=False)
    assert summary.failed[0].error == "OfflineError"


def test_robots_crawl_delay_is_honoured(client, server, site):
    site.robots = "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"
    client.get_text(server.base + "/provider/44/80449")
    robots, page = site.hits
    assert robots.path == "/robots.txt" and page.t - robots.t >= 0.9


def test_user_agent_token_rules_apply(client, server, site):
    site.robots = "User-agent: ofstedmine\nDisallow: /provider/\n\nUser-agent: *\nDisallow:\n"
    assert not client.allowed(server.base + "/provider/44/80449")
    assert client.allowed(server.base + "/search")
