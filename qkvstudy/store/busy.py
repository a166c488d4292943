"""How long a connection waits for another process's write lock, read once for every path
(the SQLAlchemy engine and the sqlite3-only `grade` and `stats`). A module of its own so that
those light paths import neither SQLAlchemy nor anything else to learn it."""

from __future__ import annotations

import os

BUSY_TIMEOUT_MS = 5000  # QKVSTUDY_BUSY_MS overrides (tests of a locked database need not wait 5 s)


def busy_timeout_ms() -> int:
    try:
        return max(0, min(600_000, int(os.environ.get("QKVSTUDY_BUSY_MS", BUSY_TIMEOUT_MS))))
    except ValueError:
        return BUSY_TIMEOUT_MS
