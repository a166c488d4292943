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
from typing import IO

from qkvstudy.notes.atomic import is_stale_temp
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
    anonymous (unlinked at once on Linux): nothing is left behind, however the scan ends.
    """

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None
        self.where: dict[str, tuple[int, int]] = {}

    def put(self, res: FileResult) -> FileResult:
        if res.values is not None:
            res.pack()
        if res.payload is not None:
            if self.file is None:
                # Closed by close(), from the scan's finally: it outlives this call by design.
                self.file = tempfile.TemporaryFile(prefix=".qkvstudy-scan-")  # noqa: SIM115
            self.where[res.rel] = (self.file.tell(), len(res.payload))
            self.file.write(res.payload)
            res.payload = None
        return res

    def take(self, res: FileResult) -> FileResult:
        """`res` with its parsed part back (a copy: the spooled result stays small)."""
        at = self.where.pop(res.rel, None)
        if at is None or self.file is None:
            return res
        self.file.seek(at[0])
        return res.unpacked(self.file.read(at[1]))

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def walk_library(root: Path) -> dict[str, tuple[int, int]]:
    """Every *.md under root (hidden folders skipped) -> (size, mtime_ns), keyed by '/'-separated relative path.

    String paths throughout: a Path and a relative_to per file cost more than the stat.
    """
    found: dict[str, tuple[int, int]] = {}
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                try:
                    if name.startswith("."):
                        if is_stale_temp(entry):  # left by a killed write-back or import
                            os.unlink(entry.path)
                    elif entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + name + "/"))
                    elif name.lower().endswith(".md") and entry.is_file():
                        st = entry.stat()
                        found[prefix + name] = (st.st_size, st.st_mtime_ns)
                except OSError:
                    continue  # vanished meanwhile, or not ours to remove
    return found
