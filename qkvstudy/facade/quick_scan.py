"""A rescan that finds nothing to do, with sqlite3 alone; and, when there is much to read, the reading
started before the Study opens.

`qkvstudy import` on the library itself is mostly a check that nothing changed, and importing
SQLAlchemy and opening a Study cost more than walking 10,000 files. So when the database is a
SQLite file at the newest schema, this compares every file's size and mtime with the index in one
read-only query. Only when everything matches (no file new, changed, returned or newly gone) is the
answer given here, the same ScanReport the Study's scan gives; anything else returns None and the
Study scans (`notes.library.Indexer.scan` makes the same comparison first).

When many files are to be read (a new library, a new database), `look_ahead` starts reading them
in worker processes at once: importing SQLAlchemy and creating the database then happen while
the files are read, not before. The Study's scan takes that reading over only if it would read the
same files with the same known hashes; otherwise it stops it and reads as usual.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from qkvstudy.notes.walk import walk_library
from qkvstudy.store import health, revision
from qkvstudy.store.busy import busy_timeout_ms
from qkvstudy.views import ScanReport

if TYPE_CHECKING:
    from qkvstudy.notes.library_files import Reading


def look_ahead(db_url: str, root: Path) -> tuple[ScanReport | None, Reading | None]:
    """(the report, when nothing changed, else None; the reading started for the scan, when worth it)."""
    if not db_url.startswith("sqlite:///"):
        return None, None
    db = Path(db_url.removeprefix("sqlite:///"))
    if revision.file_at_head(db_url):
        health.check_file(db)
        health.backup_if_due(db)  # what opening the Study does at head
        rows = _indexed(db)
        if rows is None:
            return None, None  # the Study opens it and says what is wrong
    elif not db.exists():
        rows = []  # a new database: every file is new
    else:
        return None, None  # to be migrated first (or not a database): the Study says
    on_disk = walk_library(root)
    report = _unchanged(rows, on_disk) if db.exists() else None  # a new database is made by the Study
    if report is not None:
        return report, None
    known = {path: (size, mtime_ns, digest) for path, size, mtime_ns, missing, digest in rows if not missing}
    todo = sorted(p for p, found in on_disk.items() if p not in known or known[p][:2] != found)
    if not todo:
        return None, None  # only something gone to mark: no reading at all
    from qkvstudy.notes.library_files import Reading, pooled  # the parser: only when there is reading to do

    if not pooled(len(todo), None):
        return None, None
    return None, Reading(root, todo, [known[p][2] if p in known else None for p in todo], walked=on_disk)


def _indexed(db: Path) -> list[tuple[str, int, int, bool, str]] | None:
    try:
        con = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
        try:
            return con.execute("SELECT path, size, mtime_ns, missing, content_hash FROM notes").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None


def _unchanged(rows: list[tuple[str, int, int, bool, str]], on_disk: dict[str, tuple[int, int]]) -> ScanReport | None:
    report = ScanReport()
    for path, size, mtime_ns, missing, _digest in rows:
        found = on_disk.get(path)
        if found is None:
            if not missing:
                return None  # newly gone: the Study marks it missing
            report.missing += 1
        elif missing or found != (size, mtime_ns):
            return None  # back, or changed: the Study reads it
        else:
            report.unchanged += 1
    return report if report.unchanged == len(on_disk) else None  # else a file the index does not know
