"""The library's note files: finding them, and reading the changed ones (both cores when many).

Reading is the long part of a cold import; it runs outside any lock, and what it yields waits in
a spool on disk until the write transaction stores it, so memory stays flat at any library size.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from qkvstudy.notes.reading import FileResult, read_and_pack, read_and_parse
from qkvstudy.notes.workers import watch_parent

Progress = Callable[[int, int], None]
POOL_THRESHOLD = 400  # below this, a process pool costs more than it saves


def parse_all(
    root: Path, rels: list[str], hashes: list[str | None], progress: Progress | None, workers: int | None
) -> Iterator[FileResult]:
    """Results in order, streamed so the caller can spool them while the pool keeps parsing.

    From the pool, a result's parsed part arrives packed (FileResult.payload): it crosses the
    process boundary once, as bytes, and is unpickled only when it is stored.
    """
    total = len(rels)
    cpus = os.cpu_count() or 1
    if total >= POOL_THRESHOLD and cpus > 1 and workers != 1:
        # Imported here: a scan with few changed files (every grade, every `due`) never needs them.
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        # fork is fast, but unsafe once other threads exist (the TUI scans in a worker thread).
        ctx = get_context("fork" if threading.active_count() == 1 else "forkserver")
        n = workers or min(cpus, 4)
        chunk = max(16, min(256, total // (n * 8)))
        with ProcessPoolExecutor(
            max_workers=n, mp_context=ctx, initializer=watch_parent, initargs=(os.getpid(),)
        ) as pool:
            for i, result in enumerate(pool.map(read_and_pack, [str(root)] * total, rels, hashes, chunksize=chunk), 1):
                yield result
                if progress and (i % 64 == 0 or i == total):
                    progress(i, total)
    else:
        for i, (rel, known) in enumerate(zip(rels, hashes), 1):
            yield read_and_parse(str(root), rel, known)
            if progress and (i % 16 == 0 or i == total):
                progress(i, total)


class Spool:
    """The packed parsed part of every result, on disk until it is stored.

    A cold import reads the whole library before taking the write lock; holding every parsed
    note meanwhile would grow with the library (hundreds of MB at 100k notes). The file is
    anonymous (unlinked at once on Linux): nothing is left behind, however the scan ends. When
    it cannot be written (no temp folder, a full disk), payloads stay in memory: slower to hold,
    never a failed scan.
    """

    def __init__(self) -> None:
        self.fd: int | None = None
        self.size = 0
        self.where: dict[str, tuple[int, int]] = {}
        self.failed = False

    def put(self, res: FileResult) -> FileResult:
        if res.values is not None:
            res.pack()
        if res.payload is None or self.failed:
            return res
        try:
            if self.fd is None:
                with tempfile.TemporaryFile(prefix=".qkvstudy-scan-", buffering=0) as file:
                    self.fd = os.dup(file.fileno())  # ours to close; the name is gone already
            view = memoryview(res.payload)
            while view:
                view = view[os.pwrite(self.fd, view, self.size + len(res.payload) - len(view)) :]
        except OSError:
            self.failed = True  # this payload and the next ones stay in memory
            return res
        self.where[res.rel] = (self.size, len(res.payload))
        self.size += len(res.payload)
        res.payload = None
        return res

    def take(self, res: FileResult) -> FileResult:
        """`res` with its parsed part back (a copy: the spooled result stays small)."""
        if res.payload is not None:
            return res.unpacked(res.payload)
        at = self.where.pop(res.rel, None)
        if at is None or self.fd is None:
            return res
        offset, length = at
        chunks = []
        while length:
            chunk = os.pread(self.fd, length, offset)
            if not chunk:
                raise OSError(f"scan spool ended early at {offset}")  # a bug: we wrote it
            chunks.append(chunk)
            offset, length = offset + len(chunk), length - len(chunk)
        return res.unpacked(b"".join(chunks))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
