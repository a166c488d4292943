"""Reading the library's changed note files: both cores when there are many, streamed in order.

Reading is the long part of a cold import. It runs in worker processes, outside any lock, while
the scan stores what came back before (in short write transactions): the two overlap, and only
a bounded window of results is ever held, so memory stays flat at any library size.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

from qkvstudy.notes.reading import FileResult, read_and_parse
from qkvstudy.notes.workers import watch_parent

Progress = Callable[[int, int], None]
POOL_THRESHOLD = 400  # below this, a process pool costs more than it saves
IN_FLIGHT = 4  # chunks per worker read ahead of the scan: enough to never idle, few enough to hold


def parse_chunk(root: str, rels: list[str], hashes: list[str | None]) -> list[FileResult]:
    """Worker: read_and_parse over a run of files (one trip across the process boundary)."""
    return [read_and_parse(root, rel, known) for rel, known in zip(rels, hashes)]


def parse_all(
    root: Path, rels: list[str], hashes: list[str | None], progress: Progress | None, workers: int | None
) -> Iterator[FileResult]:
    """Results in the order of `rels`, streamed: the caller stores each run while the pool reads on."""
    total = len(rels)
    cpus = os.cpu_count() or 1
    if total >= POOL_THRESHOLD and cpus > 1 and workers != 1:
        yield from _pooled(str(root), rels, hashes, progress, workers or min(cpus, 4))
        return
    for i, (rel, known) in enumerate(zip(rels, hashes), 1):
        yield read_and_parse(str(root), rel, known)
        if progress and (i % 16 == 0 or i == total):
            progress(i, total)


def _pooled(
    root: str, rels: list[str], hashes: list[str | None], progress: Progress | None, n: int
) -> Iterator[FileResult]:
    # Imported here: a scan with few changed files (every grade, every `due`) never needs them.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    total = len(rels)
    # fork is fast, but unsafe once other threads exist (the TUI scans in a worker thread).
    ctx = get_context("fork" if threading.active_count() == 1 else "forkserver")
    chunk = max(16, min(256, total // (n * 8)))
    starts = iter(range(0, total, chunk))
    pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=watch_parent, initargs=(os.getpid(),))
    pending: deque[Future[list[FileResult]]] = deque()

    def submit() -> None:
        start = next(starts, None)
        if start is not None:
            pending.append(pool.submit(parse_chunk, root, rels[start : start + chunk], hashes[start : start + chunk]))

    try:
        for _ in range(n * IN_FLIGHT):
            submit()
        done = 0
        while pending:
            results = pending.popleft().result()
            submit()  # keep the window full before the caller takes its time over these
            yield from results
            done += len(results)
            if progress:
                progress(done, total)
    finally:
        # A caller that stops early (an error while storing) must not wait for the whole library.
        pool.shutdown(wait=True, cancel_futures=True)
