"""A small, crash-tolerant process pool for corpus runs.

:class:`concurrent.futures.ProcessPoolExecutor` breaks as a whole when one worker
dies (a crash inside pdfium takes the process with it), failing every pending
job. Here each worker holds one job at a time, so a dead worker costs exactly the
job it held: that job is reported as failed, the worker is replaced, and the run
goes on. A job running longer than ``timeout`` seconds is killed the same way.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait
from typing import Any

__all__ = ["WorkerDied", "WorkerTimedOut", "run_resilient"]


class WorkerDied(RuntimeError):
    """The worker process running a job died (exit code in the message)."""


class WorkerTimedOut(RuntimeError):
    """A job ran longer than the time allowed and its worker was killed."""


def _worker(fn: Callable[[Any], Any], conn) -> None:
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        idx, job = item
        try:
            conn.send((idx, True, fn(job)))
        except BaseException as exc:  # report, never die on a Python error
            conn.send((idx, False, repr(exc)))


class _Slot:
    def __init__(self, ctx, fn) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(fn, child), daemon=True)
        self.proc.start()
        child.close()
        self.job: int | None = None
        self.started = 0.0

    def give(self, idx: int, job: Any) -> None:
        self.job, self.started = idx, time.monotonic()
        self.conn.send((idx, job))

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _context():
    # fork on Linux: cheap, and scripts need no ``if __name__ == "__main__"`` guard
    # (as with ProcessPoolExecutor's default there); spawn elsewhere.
    return mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run_resilient(
    fn: Callable[[Any], Any],
    jobs: Sequence[Any],
    *,
    workers: int,
    timeout: float | None = None,
) -> Iterator[tuple[int, Any]]:
    """Run ``fn`` (a picklable, module-level function) over ``jobs`` in worker processes.

    Yields ``(index, result)`` as jobs finish; ``result`` is the function's return
    value, or a :class:`WorkerDied` / :class:`WorkerTimedOut` / ``RuntimeError``
    instance for a job that failed.
    """
    ctx = _context()
    pending = list(enumerate(jobs))[::-1]
    slots = [_Slot(ctx, fn) for _ in range(max(1, min(workers, len(jobs))))]
    try:
        for s in slots:
            if pending:
                s.give(*pending.pop())
        busy = {s for s in slots if s.job is not None}
        while busy:
            wait_for = [s.conn for s in busy] + [s.proc.sentinel for s in busy]
            limit = None
            if timeout is not None:
                now = time.monotonic()
                limit = max(0.0, min(s.started + timeout - now for s in busy))
            ready = set(wait(wait_for, timeout=limit))
            for s in list(busy):
                result: Any = None
                done = False
                if s.conn in ready:
                    try:
                        idx, ok, value = s.conn.recv()
                        result = value if ok else RuntimeError(value)
                        done = True
                    except (EOFError, OSError):
                        pass
                if (
                    not done
                    and (s.proc.sentinel in ready or s.conn in ready)
                    and not s.proc.is_alive()
                ):
                    result = WorkerDied(f"worker exited with code {s.proc.exitcode}")
                    done = True
                if not done and timeout is not None and time.monotonic() - s.started > timeout:
                    result = WorkerTimedOut(f"over the {timeout:g} s allowed per document")
                    done = True
                if not done:
                    continue
                idx = s.job
                yield idx, result
                busy.discard(s)
                if isinstance(result, (WorkerDied, WorkerTimedOut)):
                    s.stop(kill=True)
                    slots.remove(s)
                    s = _Slot(ctx, fn)
                    slots.append(s)
                s.job = None
                if pending:
                    s.give(*pending.pop())
                    busy.add(s)
    finally:
        for s in slots:
            s.stop()
