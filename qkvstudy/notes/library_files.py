"""Reading the library's changed note files: both cores when there are many, streamed in order.

Reading is the long part of a cold import. It runs in worker processes, outside any lock, while
the scan stores what came back before (in short write transactions): the two overlap, and only
a bounded window of results is ever held, so memory stays flat at any library size. A `Reading`
can start before the scan does (`qkvstudy import` starts it before the database is even open);
the scan takes it over only if it reads exactly the files the scan would.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from qkvstudy.notes.reading import FileResult, read_and_parse
from qkvstudy.notes.workers import watch_parent

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Progress = Callable[[int, int], None]
POOL_THRESHOLD = 400  # below this, a process pool costs more than it saves
IN_FLIGHT = 6  # chunks per worker read ahead of the scan: enough to never idle, few enough to hold


def parse_chunk(root: str, rels: list[str], hashes: list[str | None]) -> list[FileResult]:
    """Worker: read_and_parse over a run of files (one trip across the process boundary)."""
    return [read_and_parse(root, rel, known) for rel, known in zip(rels, hashes)]


def pooled(count: int, workers: int | None) -> bool:
    return count >= POOL_THRESHOLD and (os.cpu_count() or 1) > 1 and workers != 1


class Reading:
    """`rels` being read by a pool of workers from the moment it is made; iterate `results` once."""

    def __init__(
        self,
        root: Path,
        rels: list[str],
        hashes: list[str | None],
        workers: int | None = None,
        walked: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        # Imported here: a scan with few changed files (every grade, every `due`) never needs them.
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.root, self.rels, self.hashes = str(root), rels, hashes
        self.walked = walked  # the walk `rels` came from (path -> size, mtime_ns): the scan need not walk again
        n = workers or min(os.cpu_count() or 1, 4)
        # fork is fast, but unsafe once other threads exist (the TUI scans in a worker thread).
        ctx = get_context("fork" if threading.active_count() == 1 else "forkserver")
        self.chunk = max(16, min(256, len(rels) // (n * 8)))
        self.starts = iter(range(0, len(rels), self.chunk))
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=n, mp_context=ctx, initializer=watch_parent, initargs=(os.getpid(),)
        )
        self.pending: deque[Future[list[FileResult]]] = deque()
        for _ in range(n * IN_FLIGHT):
            self._submit()

    def _submit(self) -> None:
        start = next(self.starts, None)
        if start is not None and self.pool is not None:
            end = start + self.chunk
            self.pending.append(self.pool.submit(parse_chunk, self.root, self.rels[start:end], self.hashes[start:end]))

    def walk_of(self, root: Path) -> dict[str, tuple[int, int]] | None:
        """The library's files as this reading's maker found them, if it walked `root`."""
        if self.walked is None or self.pool is None or Path(self.root).resolve() != Path(root).resolve():
            return None
        return self.walked

    def reads(self, root: Path, rels: list[str], hashes: list[str | None]) -> bool:
        """Whether this reading is exactly the one a scan of `rels` would start."""
        same_root = Path(self.root).resolve() == Path(root).resolve()
        return self.pool is not None and same_root and self.rels == rels and self.hashes == hashes

    def results(self, progress: Progress | None = None) -> Generator[FileResult]:
        """In the order of `rels`; the window is refilled before the caller takes its time over a chunk."""
        try:
            done, total = 0, len(self.rels)
            while self.pending:
                results = self.pending.popleft().result()
                self._submit()
                yield from results
                done += len(results)
                if progress:
                    progress(done, total)
        finally:
            self.close()

    def close(self) -> None:
        """Stop reading: a caller that stops early (an error while storing) must not wait for the whole library."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
            self.pending.clear()


def parse_all(
    root: Path, rels: list[str], hashes: list[str | None], progress: Progress | None, workers: int | None
) -> Generator[FileResult]:
    """Results in the order of `rels`, streamed: the caller stores each run while the pool reads on."""
    if pooled(len(rels), workers):
        yield from Reading(root, rels, hashes, workers).results(progress)
        return
    total = len(rels)
    for i, (rel, known) in enumerate(zip(rels, hashes), 1):
        yield read_and_parse(str(root), rel, known)
        if progress and (i % 16 == 0 or i == total):
            progress(i, total)
