"""Giving freed pages back to the file system: VACUUM, which cannot run inside a transaction.

A migration that drops data (0005 dropped the second copy of every note's body) frees pages that
SQLite reuses for later writes, but the file keeps its size until it is vacuumed.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine


def free_pages(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)


def compact(engine: Engine) -> None:
    """VACUUM the database. On the DB-API connection itself: SQLAlchemy's connections begin a
    transaction first (store.engine's `begin` event), and VACUUM cannot run inside one."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
