"""Bringing outside files into the library: `qkvstudy import PATH...`.

Files outside the library are copied to `<library>/<first tag>/<file name>`, never over a different
file. The import stays inside the library: the destination folder is resolved (symlinks followed)
and must lie inside the library root. Only regular files are read: a FIFO, a device, a socket or a
directory named `*.md` is one line and is never opened (a FIFO would block the read forever,
`/dev/zero` never ends). Every file-system or naming error (a tag the file system refuses, a
read-only or full library) is one line and the rest of the import goes on. A copy is written with
the project's atomic write (notes.atomic), so nothing half-written is ever left behind, and a file
whose content the library already holds is not copied at all.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from qkvstudy.i18n import t
from qkvstudy.notes.atomic import Conflict, write_atomically
from qkvstudy.notes.parse import NoteRejected
from qkvstudy.notes.reading import display_path, read_and_parse, read_regular
from qkvstudy.views import Problem

MAX_NAME_TRIES = 100


def _walk(folder: Path) -> Iterator[Path]:
    """*.md under `folder` (hidden entries skipped, symlinked folders not followed), in a stable order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if entry.name.lower().endswith(".md"):
            yield Path(entry.path)  # whatever it is: read_regular says if it is not a regular file
        elif is_dir:
            yield from _walk(Path(entry.path))


def collect_markdown(paths: list[Path]) -> list[Path]:
    """Files and folders (recursive over *.md) -> paths, in a stable order."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir() and not p.name.lower().endswith(".md"):
            files.extend(_walk(p))
        else:
            files.append(p)
    return files


def copy_into_library(
    source: Path, root: Path, present: dict[str, str] | None = None
) -> tuple[Path | None, Problem | None]:
    """Copy an outside note to <root>/<first tag>/<file name>, never overwriting a different file.

    `present` maps the content hashes the library already holds to their library-relative paths; a
    source with one of them is not copied (and is added once copied). Returns the destination (an
    identical file already there counts), or the file's problem.
    """
    shown = display_path(source)
    try:
        _st, raw = read_regular(source)
    except NoteRejected as exc:
        return None, Problem(shown, exc.line, exc.reason)
    except OSError as exc:
        return None, Problem(shown, None, t("trust.import.cannot_read", reason=exc.strerror or exc))
    digest = hashlib.sha256(raw).hexdigest()
    if present is not None and digest in present:
        other = display_path(root / present[digest])
        return None, Problem(shown, None, f"same content as {other}; not imported twice")
    result = read_and_parse(str(source.parent), source.name)
    if result.rejected:
        return None, Problem(shown, result.rejected.line, result.rejected.reason)
    folder = _safe_folder(result.tags[0]) if result.tags else ""
    try:
        target = _place(raw, root, folder, source.name)
    except _Outside as exc:
        return None, Problem(shown, None, t("trust.import.outside", folder=str(exc)))
    except OSError as exc:
        where = display_path(Path(exc.filename)) if exc.filename else display_path(root / folder)
        return None, Problem(shown, None, t("trust.import.cannot_write", where=where, reason=exc.strerror or exc))
    if present is not None:
        present[digest] = target.relative_to(root.resolve()).as_posix()
    return target, None


class _Outside(Exception):
    """The destination folder resolves outside the library."""


def _place(raw: bytes, root: Path, folder: str, name: str) -> Path:
    real_root = root.resolve()
    target_dir = root / folder if folder else root
    target_dir.mkdir(parents=True, exist_ok=True)
    real_dir = target_dir.resolve()
    if not real_dir.is_relative_to(real_root):
        raise _Outside(display_path(target_dir))
    stem, suffix = os.path.splitext(name)
    for n in range(1, MAX_NAME_TRIES + 1):
        candidate = real_dir / (name if n == 1 else f"{stem} ({n}){suffix}")
        if candidate.is_symlink() or candidate.exists():
            try:
                if candidate.resolve().is_relative_to(real_root) and candidate.read_bytes() == raw:
                    return candidate
            except OSError:
                pass
            continue
        try:
            write_atomically(candidate, raw, expected=None)
        except Conflict:
            continue  # another process took the name meanwhile
        return candidate
    raise OSError(0, f"{MAX_NAME_TRIES} files named like {name} already", str(real_dir / name))


def _safe_folder(tag: str) -> str:
    """A tag as a single folder name: no separators, no dot-dot, nothing hidden, no NUL."""
    name = tag.replace("/", "_").replace("\\", "_").replace("\x00", "").strip().strip(".")
    return name or "imported"
