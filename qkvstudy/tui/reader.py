"""The screens' slow reads (counts, the browse search, the session's progress) off the UI thread.

One thread with a Study of its own (a Study is not thread-safe): it is opened once, on first use,
so a read costs its query and nothing else, and reads run one at a time in the order asked. `call`
runs a function that needs no Study in the same turn (home's first counts, read from the file).
`latest`: of the reads asked under one name, only the newest runs; one overtaken while it waited
its turn is skipped (a filter typed faster than it is answered runs only its last text).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from qkvstudy.study import Study

T = TypeVar("T")


class Overtaken(Exception):
    """A newer read of the same name was asked before this one ran: its answer would be stale."""


class Reader:
    def __init__(self, factory: Callable[[], Study]) -> None:
        self._factory = factory
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qkvstudy-reader")
        self._study: Study | None = None  # touched only by the reader's thread
        self._newest: dict[str, int] = {}
        self._lock = threading.Lock()

    async def read(self, fn: Callable[[Study], T], latest: str | None = None, fresh: bool = False) -> T:
        """`fn(study)` in the reader's thread; raises Overtaken when a newer `latest` read came first.

        `fresh`: with a Study opened for this read alone, for reads that would otherwise see the
        reader's caches (the queue's order) fall behind what the app's own Study changed.
        """
        ticket = 0
        if latest is not None:
            with self._lock:
                ticket = self._newest[latest] = self._newest.get(latest, 0) + 1

        def call() -> T:
            if latest is not None and self._newest.get(latest) != ticket:
                raise Overtaken(latest)
            if fresh:
                study = self._factory()
                try:
                    return fn(study)
                finally:
                    study.close()
            if self._study is None:
                self._study = self._factory()
            return fn(self._study)

        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    async def call(self, fn: Callable[[], T]) -> T:
        """`fn()` in the reader's thread, in turn with the Study's reads, without opening the Study:
        home's first counts read from the database file while nothing has imported SQLAlchemy yet."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def close(self) -> None:
        """Close the reader's Study in its own thread, then let the thread end."""

        def close_study() -> None:
            if self._study is not None:
                self._study.close()
                self._study = None

        try:
            self._executor.submit(close_study)
        except RuntimeError:  # already shut down
            return
        self._executor.shutdown(wait=True, cancel_futures=False)
