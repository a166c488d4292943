"""The file side of a write-back, with no database: patching a note's front-matter in place,
retrying when a save lands meanwhile. Shared by FrontMatterSync and the quick `grade`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qkvstudy.notes.writeback import Conflict, write_note_atomically

SCHEDULE_KEYS = ("last_reviewed", "next_review", "review_count", "mastery_level")
WRITE_TRIES = 4


class GaveUp(Exception):
    """The file kept changing under the write-back."""


def patch_file(path: Path, patch: Callable[[bytes], bytes]) -> tuple[bytes, bytes, bytes]:
    """(what the file now holds, what was first read, what was patched), retrying when a save lands meanwhile."""
    first: bytes | None = None
    for _ in range(WRITE_TRIES):
        raw = path.read_bytes()
        first = raw if first is None else first
        data = patch(raw)
        if data is raw or data == raw:
            return raw, first, raw
        try:
            write_note_atomically(path, data, expected=raw)
        except Conflict:
            continue
        return data, first, raw
    raise GaveUp
