"""The project's one way to write a file in the library: atomically, and never over somebody else's save.

    write_atomically(path, data, expected=raw)   # replace, if the file is still `raw`
    write_atomically(path, data, expected=None)  # create; never over a file that appeared meanwhile

The data goes to a temporary file with a short name in the target's folder (`.qkv<pid>-<random>.tmp`,
26 characters, so any note name the file system allows can be written back: a temp name built from
the note's own name passes the 255-byte limit first), is fsynced, given the target's permissions,
then put in place and the folder fsynced. With `expected` (what the caller read), an editor or a
sync tool that saved meanwhile wins and the caller gets `Conflict` to re-read and retry: on Linux
the new file is swapped in with renameat2(RENAME_EXCHANGE) and the file it displaced is compared
with `expected` (exact: no instant between check and rename; a mismatch is swapped straight back);
elsewhere the target is compared just before a plain rename. Temp files a killed process left behind are removed by
the next scan (`remove_stale_temp_files`): their owner's pid is in the name.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import Any

TEMP_PATTERN = re.compile(r"^\.qkv(?P<pid>[0-9a-f]{1,8})-[0-9a-f]{6}\.tmp$")
# Names earlier versions used: `.<note>.XXXXXXXX.qkvtmp` (write-back) and `.<note>.importing` (import).
_LEGACY = re.compile(r"^\..+\.(?:qkvtmp|importing)$")
STALE_AFTER_S = 3600  # a temp file this old is left over whoever made it
_UNCHECKED = object()


class Conflict(Exception):
    """The target changed since it was read (or exists when it should not): nothing was written."""


def temp_name() -> str:
    return f".qkv{os.getpid():x}-{secrets.token_hex(3)}.tmp"


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # not thread-safe, hence the /proc route first
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes, expected: bytes | None | object = _UNCHECKED) -> None:
    """Replace (or create) `path` with `data`; see the module docstring.

    `expected`: the bytes the caller read (the file must still hold them), None (the file must not
    exist), or left out (overwrite whatever is there). A symlinked file is written through: the link
    stays and its target is replaced. Raises Conflict, or OSError with the temp file removed.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    tmp = folder / temp_name()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    placed = False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if expected is None:
            try:
                os.link(tmp, target)  # fails if the name was taken meanwhile: never over another file
            except FileExistsError:
                raise Conflict(str(target)) from None
            placed = True
            os.unlink(tmp)
        elif expected is not _UNCHECKED and _current(target) != expected:
            raise Conflict(str(target))  # checked first too: a mismatch is never swapped in, even briefly
        elif expected is not _UNCHECKED and _exchange(tmp, target):
            placed = _settle_exchange(tmp, target, data, expected)  # type: ignore[arg-type]
        else:
            os.replace(tmp, target)  # without RENAME_EXCHANGE a save can still land in this last instant
            placed = True
    finally:
        if not placed:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    fsync_folder(folder)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_libc: Any = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            _libc.renameat2  # noqa: B018 - glibc older than 2.28 has none
        except (OSError, AttributeError):
            _libc = False
    if not _libc:
        return False
    if _libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a file system that cannot exchange: compare, then replace
    raise OSError(err, os.strerror(err), str(b))


def _settle_exchange(tmp: Path, target: Path, data: bytes, expected: bytes) -> bool:
    """After swapping our data in: the old file is at `tmp`. If it was not what the caller read, a save
    landed before the swap: swap it back (and keep an even newer save if one landed meanwhile), then
    raise Conflict. The check is exact: it looks at the very file the swap displaced."""
    if _current(tmp) == expected:
        os.unlink(tmp)
        return True
    _exchange(tmp, target)  # the user's save back in place; ours (or a newer save) is at tmp now
    newer = _current(tmp)
    if newer is not None and newer != data:
        os.replace(tmp, target)  # a save that landed on top of ours in between is the newest: it wins
    raise Conflict(str(target))


def _current(target: Path) -> bytes | None:
    try:
        with open(target, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def fsync_folder(folder: Path) -> None:
    """Make the rename durable; best effort (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by somebody else
    return True


def is_stale_temp(entry: os.DirEntry[str], now: float | None = None) -> bool:
    """A temp file of ours whose writer is dead, or that is older than any write takes."""
    name = entry.name
    m = TEMP_PATTERN.match(name)
    if m is None and _LEGACY.match(name) is None:
        return False
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        age = (now or time.time()) - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if age > STALE_AFTER_S:
        return True
    return m is not None and not _alive(int(m.group("pid"), 16))


def remove_stale_temp_files(folder: Path) -> int:
    """Remove our stale temp files directly in `folder`; how many went."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if entry.name.startswith(".") and is_stale_temp(entry, now):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed
