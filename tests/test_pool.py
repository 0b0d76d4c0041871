"""The crash-tolerant pool: a dead or hung worker costs one job, not the run."""

from __future__ import annotations

import os
import time

from ofstedmine._pool import WorkerDied, WorkerTimedOut, run_resilient


def _job(x):
    if x == "crash":
        os._exit(3)  # like a segfault in native code: no exception, the process is gone
    if x == "hang":
        time.sleep(60)
    if x == "raise":
        raise ValueError("bad input")
    return x * 2


def test_crash_hang_and_error_cost_one_job_each():
    jobs = [1, "crash", 2, "hang", 3, "raise", 4]
    t = time.monotonic()
    results = dict(run_resilient(_job, jobs, workers=2, timeout=2))
    assert time.monotonic() - t < 20
    assert results[0] == 2 and results[2] == 4 and results[4] == 6 and results[6] == 8
    assert isinstance(results[1], WorkerDied) and "code 3" in str(results[1])
    assert isinstance(results[3], WorkerTimedOut)
    assert isinstance(results[5], RuntimeError) and "bad input" in str(results[5])
    assert len(results) == len(jobs)
