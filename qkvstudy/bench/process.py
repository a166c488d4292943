"""Whole processes, timed as a user feels them: from spawning a fresh interpreter to its exit (a
command) or to its first frame on a terminal (the app).

A command runs with its output sent to a file and is reaped with `os.wait4`, which gives its peak
resident memory (children it waited for included: the import's worker pool). The app runs on a
pseudo-terminal of a fixed size; the clock stops at the end of its first synchronized frame.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# Textual asks whether the terminal supports synchronized output (DEC mode 2026) and, when told yes,
# wraps every frame in SYNC_START … SYNC_END: the end of the first such block is the first frame.
_ASKS_SYNC = b"\x1b[?2026$p"
_SAYS_SYNC = b"\x1b[?2026;2$y"  # DECRPM: mode 2026 recognised, currently reset (so: supported)
_SYNC_END = b"\x1b[?2026l"


class BenchError(Exception):
    """A measured command failed: the benchmark stops with its output rather than report a wrong figure."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    output: bytes


def run_command(argv: Sequence[str], env: Mapping[str, str], accept: Sequence[int] = (0,)) -> Run:
    """Spawn `argv`, wait for it, and return its wall time, peak RSS and standard output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=dict(env))
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        err.seek(0)
        if proc.returncode not in accept:
            message = err.read().decode("utf-8", "replace")[-2000:]
            raise BenchError(f"{' '.join(argv)} exited {proc.returncode}:\n{message}")
        return Run(seconds, usage.ru_maxrss / 1024, out.read())


def first_frame(
    argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = (80, 24), timeout: float = 60.0
) -> float:
    """Seconds from spawning `argv` on a fresh pseudo-terminal to the end of its first frame."""
    return frames(argv, env, size=size, timeout=timeout)[0]


def frames(
    argv: Sequence[str],
    env: Mapping[str, str],
    shows: bytes | None = None,
    size: tuple[int, int] = (80, 24),
    timeout: float = 60.0,
) -> tuple[float, float | None]:
    """Seconds from spawning `argv` on a fresh pseudo-terminal to the end of its first frame, and
    (with `shows`) to the end of the first frame whose output holds those bytes (e.g. a count)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    child_env = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=child_env, start_new_session=True, close_fds=True
    )
    os.close(slave)
    seen = b""
    first: float | None = None
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise BenchError(f"{' '.join(argv)}: no frame within {timeout:.0f} s")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal: it died before drawing
                chunk = b""
            if not chunk:
                raise BenchError(f"{' '.join(argv)} exited before its first frame:\n{seen[-2000:]!r}")
            seen += chunk
            if _ASKS_SYNC in chunk:
                os.write(master, _SAYS_SYNC)
            if first is None and _SYNC_END in seen:
                first = time.perf_counter() - start
                frame, _, seen = seen.partition(_SYNC_END)
                if shows is None or shows in frame:
                    return first, None if shows is None else first
            if first is not None and shows is not None and _SYNC_END in seen:
                frame, _, seen = seen.rpartition(_SYNC_END)
                if shows in frame:
                    return first, time.perf_counter() - start
    finally:
        _end(proc)
        os.close(master)


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Stop the app and everything it started (its own session), politely first."""
    for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def tree_bytes(path: Path) -> int:
    """A database's size on disk with its WAL companions (what the user's disk really holds)."""
    return sum(
        Path(str(path) + suffix).stat().st_size for suffix in ("", "-wal", "-shm") if Path(str(path) + suffix).exists()
    )
