"""Read and parse the deck files of a sync in order, in worker processes when there is enough to read."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterator

from quizapp.store.deck_rows import DeckRows, read_deck_rows

# Below this much deck text a pool costs more (forking, passing rows back) than it saves.
PARALLEL_MIN_BYTES = 2_000_000
MAX_WORKERS = 4

Job = tuple[str, tuple[bytes, str] | None]  # a deck file's path, and its bytes and hash if already read


def worker_count(n_jobs: int, total_bytes: int) -> int:
    """How many worker processes to read with: 0 means read in this process.

    Workers are forked, so only on Linux and only from a single-threaded process (forking a threaded one can
    deadlock the child); the TUI, which syncs from a worker thread, reads in-process.
    """
    if n_jobs < 2 or total_bytes < PARALLEL_MIN_BYTES or sys.platform != "linux":
        return 0
    if threading.active_count() > 1:
        return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return 0 if cpus < 2 else min(cpus, n_jobs, MAX_WORKERS)


def _lower_priority() -> None:
    """Readers yield the CPU to the writing process, which is the one the whole load waits on."""
    try:
        os.nice(5)
    except OSError:
        pass


def read_in_order(jobs: list[Job], total_bytes: int) -> Iterator[DeckRows | str]:
    """Each job's ``DeckRows`` (or one-line read error), in the jobs' order.

    With workers, at most two files per worker are in flight, so the rows waiting to be written stay bounded
    however many files there are. If a worker dies (killed, out of memory), the rest is read in-process.
    """
    workers = worker_count(len(jobs), total_bytes)
    done = 0
    if workers:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_lower_priority) as pool:
            pending = iter(jobs)
            window = deque(pool.submit(read_deck_rows, job) for _, job in zip(range(2 * workers), pending))
            try:
                while window:
                    result = window.popleft().result()
                    nxt = next(pending, None)
                    if nxt is not None:
                        window.append(pool.submit(read_deck_rows, nxt))
                    done += 1
                    yield result
            except BrokenProcessPool:
                pass
            finally:
                for fut in window:
                    fut.cancel()
    for job in jobs[done:]:
        yield read_deck_rows(job)
