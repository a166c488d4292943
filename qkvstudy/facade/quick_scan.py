"""A rescan that finds nothing to do, with sqlite3 alone.

`qkvstudy import` on the library itself is mostly a check that nothing changed, and importing
SQLAlchemy and opening a Study cost more than walking 10,000 files. So when the database is a
SQLite file at the newest schema, this compares every file's size and mtime with the index in one
read-only query. Only when everything matches (no file new, changed, returned or newly gone) is the
answer given here, the same ScanReport the Study's scan gives; anything else returns None and the
Study scans (`notes.library.Indexer.scan` makes the same comparison first).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from qkvstudy.notes.walk import walk_library
from qkvstudy.store import health, revision
from qkvstudy.store.busy import busy_timeout_ms
from qkvstudy.views import ScanReport


def unchanged_library(db_url: str, root: Path) -> ScanReport | None:
    """The report of a rescan that changes nothing, or None when the Study must scan."""
    if not revision.file_at_head(db_url):
        return None
    db = Path(db_url.removeprefix("sqlite:///"))
    health.check_file(db)
    health.backup_if_due(db)  # what opening the Study does at head
    on_disk = walk_library(root)
    try:
        con = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
        try:
            rows = con.execute("SELECT path, size, mtime_ns, missing FROM notes").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None  # the Study opens it and says what is wrong
    report = ScanReport()
    for path, size, mtime_ns, missing in rows:
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
