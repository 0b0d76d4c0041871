"""More faults a real server can throw, on 127.0.0.1: 429 storms, a lying
Content-Length, slow drips, resets mid-body, redirects to other hosts, oversized
pages, and downloads killed with SIGKILL at random points.

test_faults.py holds the single faults (a timeout, a reset before the answer, one
429, truncation, the size cap, redirect loops); test_kill.py one kill mid-download.
The whole file runs in well under a minute.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ofstedmine.errors import DisallowedError, FetchError
from ofstedmine.sources.fetch import fetch
from ofstedmine.sources.store import Store

pytestmark = pytest.mark.network

FILE = "/v1/file/50035108"  # Bradford 2018: ~240 kB in the corpus
BRADFORD_IDS = ("50302265", "50206434", "8c4dcc660328", "50035108", "ccd71e5d2a24", "50004264")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hits(site, path=FILE):
    return [h for h in site.hits if h.path == path]


def download(client, server, tmp_path: Path, path=FILE, **kw):
    return client.download(server.base + path, tmp_path / "dl" / "file.pdf", **kw)


def nothing_left(tmp_path: Path) -> bool:
    """No file and no temporary part where a failed download was going."""
    folder = tmp_path / "dl"
    return not folder.exists() or not any(folder.iterdir())


def run_bradford(store, client, server):
    return fetch(
        "bradford", store=store, client=client, base_url=server.base, notices=False, progress=False
    )


# ------------------------------------------------------------------ 429 storms


def test_429_storm_across_files(client, server, site, store: Store):
    storm = "50206434"  # answers 429 for ever: the one typed failure of the run
    site.faults["/provider/44/80449"] = ["status:429:0"]
    for i, fid in enumerate(BRADFORD_IDS):
        n = 10 if fid == storm else 1 + i % 3
        site.faults[f"/v1/file/{fid}"] = [f"status:429:{0 if i else 1}"] * n
    site.faults["/v1/file/50004264"] = ["status:429"] * 2  # no Retry-After: backoff
    t = time.monotonic()
    summary = run_bradford(store, client, server)
    elapsed = time.monotonic() - t
    (failure,) = summary.failed
    assert failure.error == "FetchError" and "HTTP 429 4 times" in failure.reason
    assert failure.url.endswith(storm)
    assert len(summary.new) == 5
    assert [h.status for h in hits(site, f"/v1/file/{storm}")] == [429] * 4  # retries=3
    for fid in set(BRADFORD_IDS) - {storm}:
        assert hits(site, f"/v1/file/{fid}")[-1].status == 200
    first = hits(site, f"/v1/file/{BRADFORD_IDS[0]}")
    assert first[1].t - first[0].t >= 0.95  # its Retry-After: 1 was obeyed
    assert elapsed < 10
    assert store.verify().clean
    for entry in store.entries():
        assert entry.sha256 == sha(site.file_bytes(entry.file_id))


def test_429_storm_stops_at_download_timeout(make_client, server, site, tmp_path):
    client = make_client(download_timeout=1.8, retries=20)
    site.faults[FILE] = ["status:429:1"] * 20
    t = time.monotonic()
    with pytest.raises(FetchError, match="download_timeout=1.8 s"):
        download(client, server, tmp_path)
    assert time.monotonic() - t < 3
    assert len(hits(site)) == 2  # the third wait would have passed the deadline
    assert nothing_left(tmp_path)


# --------------------------------------------------- a server lying about length


def test_content_length_longer_then_hang_up_is_retried(client, server, site, tmp_path):
    site.faults[FILE] = ["length:1000"]  # all the bytes, 1000 fewer than announced
    result = download(client, server, tmp_path)
    assert result.sha256 == sha(site.file_bytes("50035108")) and len(hits(site)) == 2


def test_content_length_longer_with_socket_held_open(make_client, server, site, tmp_path):
    # the client waits for 1000 bytes that never come: each read times out (1 s)
    client = make_client(retries=1)
    site.faults[FILE] = ["length:1000:3"] * 2
    t = time.monotonic()
    with pytest.raises(FetchError, match="gave up after 2 attempts"):
        download(client, server, tmp_path)
    assert time.monotonic() - t < 5
    assert not (tmp_path / "dl" / "file.pdf").exists() and nothing_left(tmp_path)


def test_content_length_shorter_than_body(client, server, site, tmp_path):
    # HTTP frames a body by its Content-Length: the client takes the bytes announced
    # and the surplus is thrown away with the connection, never read as the next
    # answer. (A PDF cut short this way is caught later by parse(), not here.)
    data = site.file_bytes("50035108")
    site.faults[FILE] = ["length:-1000:0:keep"]
    result = download(client, server, tmp_path)
    assert result.size == len(data) - 1000 and result.sha256 == sha(data[:-1000])
    again = client.download(server.base + FILE, tmp_path / "dl" / "again.pdf")
    assert again.size == len(data) and again.sha256 == sha(data)
    assert client.get_text(server.base + "/provider/44/80449").startswith("<!DOCTYPE html>")


# ------------------------------------------------------------------ slow drip


def test_slow_drip_that_finishes(client, server, site, tmp_path):
    site.faults[FILE] = ["drip:65536,0.05"]  # four chunks, each well within the read timeout
    result = download(client, server, tmp_path)
    assert result.sha256 == sha(site.file_bytes("50035108"))


@pytest.mark.parametrize("how", ["", ",nolength"])
def test_slow_drip_hits_download_timeout(make_client, server, site, tmp_path, how):
    # 16 bytes every 0.2 s: no read ever times out (1 s), the whole would take hours
    client = make_client(download_timeout=1.5)
    site.faults[FILE] = [f"drip:16,0.2{how}"]
    t = time.monotonic()
    with pytest.raises(FetchError, match="download_timeout=1.5 s") as info:
        download(client, server, tmp_path)
    assert time.monotonic() - t < 3
    assert info.value.url.endswith(FILE)
    assert len(hits(site)) == 1  # a deadline is not retried
    assert nothing_left(tmp_path)


def test_slow_drip_of_a_page_is_cut_and_not_cached(make_client, server, site):
    client = make_client(download_timeout=1.0)
    site.faults[FILE] = ["drip:16,0.2,nolength"]  # ends "cleanly" when we cut it
    t = time.monotonic()
    with pytest.raises(FetchError, match="download_timeout=1 s"):
        client.get_text(server.base + FILE)
    assert time.monotonic() - t < 2.5
    page = client.get_text(server.base + FILE)  # the cut copy was not kept
    assert len(page.encode("utf-8", "surrogateescape")) > 100_000


# ------------------------------------------------------------ resets mid-body


def test_reset_mid_body_then_success(client, server, site, tmp_path):
    site.faults[FILE] = ["resetmid:0.5", "resetmid:0.9"]
    result = download(client, server, tmp_path)
    assert result.sha256 == sha(site.file_bytes("50035108"))
    assert len(hits(site)) == 3 and not any(
        p.suffix == ".part" for p in (tmp_path / "dl").iterdir()
    )


def test_reset_mid_body_for_ever(client, server, site, tmp_path):
    site.faults[FILE] = ["resetmid"] * 10
    with pytest.raises(FetchError, match="broke off.*gave up after 4 attempts"):
        download(client, server, tmp_path)
    assert nothing_left(tmp_path)


def test_resets_in_a_run_then_the_next_run_completes(client, server, site, store: Store):
    site.faults[FILE] = ["resetmid"] * 10
    summary = run_bradford(store, client, server)
    assert [f.error for f in summary.failed] == ["FetchError"] and len(summary.new) == 5
    assert store.verify().clean
    site.faults.clear()  # the server recovers
    summary = run_bradford(store, client, server)
    assert summary.ok and [i.publication.file_id for i in summary.new] == ["50035108"]
    assert store.verify().clean


# ------------------------------------------------------- redirects to other hosts


def other_host(server) -> str:
    return server.base.replace("127.0.0.1", "localhost")


def test_redirect_to_another_host_refused_unless_allowed(make_client, server, site, tmp_path):
    target = other_host(server) + FILE
    site.faults[FILE] = [f"redirect:{target}"] * 2
    with pytest.raises(DisallowedError, match="localhost.*allowed_hosts"):
        download(make_client(), server, tmp_path)
    assert not any(h.headers.get("Host", "").startswith("localhost") for h in site.hits)
    allowed = make_client(allowed_hosts=("127.0.0.1", "localhost"))
    result = download(allowed, server, tmp_path)
    assert result.url == target and result.sha256 == sha(site.file_bytes("50035108"))


def test_redirect_chain_leaving_the_allowed_hosts_midway(make_client, server, site, tmp_path):
    client = make_client(allowed_hosts=("127.0.0.1", "localhost"))
    site.faults["/hop/1"] = [f"redirect:{other_host(server)}/hop/2"]
    site.faults["/hop/2"] = ["redirect:https://evil.example.com/v1/file/50035108"]
    with pytest.raises(DisallowedError, match="evil.example.com"):
        download(client, server, tmp_path, path="/hop/1")
    assert nothing_left(tmp_path)


def test_redirect_loop_across_two_hosts(make_client, server, site):
    client = make_client(allowed_hosts=("127.0.0.1", "localhost"))
    site.faults["/x/a"] = [f"redirect:{other_host(server)}/x/b"]
    site.faults["/x/b"] = [f"redirect:{server.base}/x/a"]
    with pytest.raises(FetchError, match="redirect loop"):
        client.get_text(server.base + "/x/a")
    assert len(hits(site, "/x/a")) == 1 and len(hits(site, "/x/b")) == 1


# ------------------------------------------------------------- pages over the cap


@pytest.mark.parametrize("fault", [None, "nolength:1"])
def test_page_over_the_size_cap(make_client, server, site, fault):
    client = make_client(max_bytes=100_000)
    if fault:
        site.faults[FILE] = [fault]
    with pytest.raises(FetchError, match="max_bytes=100,000"):
        client.get_text(server.base + FILE)


# ----------------------------------------------------- SIGKILL at random points

KILLED_RUN = textwrap.dedent(
    """
    import sys
    from ofstedmine.sources.fetch import fetch
    from ofstedmine.sources.http import HttpSettings

    base, root = sys.argv[1], sys.argv[2]
    settings = HttpSettings(min_interval=0, allowed_hosts=("127.0.0.1",), cache_dir=None,
                            timeout=(2, 5), backoff=0.01, backoff_max=0.05)
    print("start", flush=True)
    fetch("bradford", store=root, settings=settings, base_url=base, notices=False,
          progress=False)
    print("finished", flush=True)
    """
)
DRIP = "drip:16384,0.02"  # each file in 14 to 24 chunks: a run of six takes ~2.5 s


def check_after_kill(store: Store, truth: dict[str, str]) -> list[str]:
    """What a kill at any point may leave, and what it never leaves."""
    held = store.entries()  # the manifest is always readable (replaced atomically)
    for entry in held:  # every row names a complete file with the right bytes
        path = store.root / entry.path
        assert path.is_file(), entry.path
        assert sha(path.read_bytes()) == entry.sha256 == truth[entry.file_id]
    folders = store.root.iterdir() if store.root.exists() else ()  # killed before any write
    for folder in (p for p in folders if p.is_dir() and p.name[0] != "."):
        for path in folder.iterdir():  # browsable files are whole, or hidden temporaries
            if not path.name.startswith("."):
                assert sha(path.read_bytes()) in truth.values(), path
    report = store.verify()
    # leftovers only: temporaries, objects or links that lost the race to the manifest
    assert not (report.mismatched or report.missing or report.dropped or report.relinked), report
    assert store.entries() == held  # repair never drops a good row
    assert store.verify().clean
    return report.partial


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_kill_at_random_points_then_complete(client, server, site, tmp_path):
    root = tmp_path / "store"
    store = Store(root)
    truth = {fid: sha(site.file_bytes(fid)) for fid in BRADFORD_IDS}
    rng = random.Random(20240607)
    delays = sorted(rng.uniform(0.0, 2.8) for _ in range(8))
    states = []
    for delay in delays:
        for fid in BRADFORD_IDS:  # every file drips, held or not (a 200, not a 304)
            site.faults[f"/v1/file/{fid}"] = [DRIP]
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLED_RUN, server.base, str(root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert proc.stdout.readline() == b"start\n", proc.communicate()
            time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        partial = check_after_kill(store, truth)
        states.append((proc.returncode, len(store.entries()), len(partial)))
    print("kills (return code, rows held, partial files removed):", states)
    assert any(code == -signal.SIGKILL for code, _, _ in states)  # killed, not finished
    assert any(n for _, _, n in states)  # at least one kill landed mid-download
    site.faults.clear()
    summary = run_bradford(store, client, server)  # the next normal run completes it all
    assert summary.ok
    assert {e.file_id: e.sha256 for e in store.entries()} == truth
    for entry in store.entries():
        assert sha((root / entry.path).read_bytes()) == entry.sha256
    assert store.verify().clean
