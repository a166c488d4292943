"""The schema revision this code works with, known without importing Alembic or SQLAlchemy.

A command that finds its database at this revision needs no migration, so it needs neither
library (`qkvstudy grade` reads the stamp with sqlite3). Kept equal to the newest file in
store/migrations/versions (tests/speed/test_schema_head.py checks it against Alembic's head).
"""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

HEAD = "0008"


def stamp(con: sqlite3.Connection) -> str | None:
    """The revision Alembic stamped in the database, or None (no stamp, or not exactly one)."""
    has_table = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    if has_table is None:
        return None
    rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def file_at_head(url: str) -> bool:
    """Whether `url` names an existing SQLite file stamped at HEAD, read with sqlite3 alone
    (read-only: nothing is created or changed). False for anything else, including a file that
    cannot be read: the caller then opens the Study, which migrates or says what is wrong."""
    if not url.startswith("sqlite:///"):
        return False
    path = url.removeprefix("sqlite:///")
    try:
        con = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return stamp(con) == HEAD
    except sqlite3.Error:
        return False
    finally:
        con.close()
