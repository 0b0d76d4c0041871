"""A download killed mid-way (SIGKILL) leaves the store consistent and resumable."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from ofstedmine.sources.store import Store
from ofstedmine.types import DocumentKind, Publication

pytestmark = [
    pytest.mark.network,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

FILE = "/v1/file/50035108"
SCRIPT = textwrap.dedent(
    """
    import datetime as dt, sys
    from ofstedmine.sources.http import HttpClient, HttpSettings
    from ofstedmine.sources.store import Store
    from ofstedmine.types import DocumentKind, Publication

    url, root = sys.argv[1], sys.argv[2]
    settings = HttpSettings(min_interval=0, allowed_hosts=("127.0.0.1",), cache_dir=None,
                            timeout=(2, 5))
    pub = Publication(url=url, authority="bradford", urn=80449, file_id="50035108",
                      kind=DocumentKind.FULL_INSPECTION, published=dt.date(2018, 10, 29))
    with HttpClient(settings) as client:
        Store(root).fetch(pub, client)
    print("finished")
    """
)


def test_kill_mid_download(server, site, client, tmp_path):
    root = tmp_path / "store"
    site.faults[FILE] = ["drip:4096,0.05"]  # ~60 chunks over ~3 s
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, server.base + FILE, str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        partial = []
        while time.monotonic() < deadline:
            partial = (
                [p for p in (root / ".tmp").glob("*.part") if p.stat().st_size > 16_384]
                if (root / ".tmp").exists()
                else []
            )
            if partial:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        assert partial, "the download never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    total = len(site.file_bytes("50035108"))
    assert site.sent[FILE] < total  # it really was cut off mid-way

    store = Store(root)
    assert store.entries() == []  # no manifest row
    assert not (root / "bradford").exists() or not any((root / "bradford").iterdir())
    report = store.verify()
    assert report.partial and all(p.startswith(".tmp/") for p in report.partial)
    assert not (report.orphans or report.mismatched or report.dropped or report.untracked)
    assert store.verify().clean

    pub = Publication(
        url=server.base + FILE,
        authority="bradford",
        urn=80449,
        file_id="50035108",
        kind=DocumentKind.FULL_INSPECTION,
        published=dt.date(2018, 10, 29),
    )
    result = store.fetch(pub, client)  # the next run completes it
    assert result.status == "new" and result.entry.bytes == total
    assert (root / result.entry.path).stat().st_size == total
    assert store.verify().clean
