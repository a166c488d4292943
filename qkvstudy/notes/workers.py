"""Worker processes that end with the process that started them, however it dies.

A `multiprocessing` pool worker outlives a SIGKILLed parent: it is reparented and waits on its task
queue forever. Each worker therefore asks the kernel for SIGKILL when its parent dies (Linux
`PR_SET_PDEATHSIG`), and, everywhere, watches from a daemon thread that the process that started the
pool is still alive, exiting at once when it is not.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_EVERY_S = 0.5
WORKER_NICE = 10


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watcher thread below still ends us


def _lower_priority() -> None:
    """Reading runs below the process that stores what was read: storing is the import's longest
    path, and on two cores three busy processes slowed it by a third (and the user's other work)."""
    try:
        os.nice(WORKER_NICE)
    except (OSError, AttributeError):
        pass  # no nice here: the same work, only less polite


def watch_parent(owner_pid: int) -> None:
    """Pool initializer: end this worker when `owner_pid` (the process that made the pool) is gone."""
    _lower_priority()
    _die_with_parent()
    parent = os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != parent or not _alive(owner_pid):
                os._exit(1)
            time.sleep(WATCH_EVERY_S)

    if not _alive(owner_pid):  # died before we got here: the signal was never armed for us
        os._exit(1)
    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
