"""What can be wrong with a database file, said in one line, and the copies that let the user recover.

Every SQLite error that the user's file or another process causes (damaged, not SQLite, read-only,
locked past the busy timeout, made by a newer qkvstudy) becomes a `StoreError` whose message says
what is wrong and what to do; the CLI prints it and exits 1. Nothing here ever writes to a database
it finds damaged.

Backups use SQLite's online backup API (a consistent copy even while another process writes), kept
in `<data folder>/backups/`, the newest few per database.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from qkvstudy.errors import QkvError
from qkvstudy.i18n import t

SQLITE_MAGIC = b"SQLite format 3\x00"
KEEP_BACKUPS = 5
BACKUP_EVERY_S = 24 * 3600


class StoreError(QkvError):
    """The database cannot be used as it is: one line for the user, exit status 1."""


def backup_dir() -> Path:
    from qkvstudy import config  # here: config is above the store, asked only for where the data folder is

    return config.data_dir() / "backups"


def backups_of(db: Path) -> list[Path]:
    """Copies of `db`, newest first."""
    folder = backup_dir()
    try:
        found = [p for p in folder.iterdir() if p.name.startswith(f"{db.stem}-") and p.suffix == ".db"]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def _restore_hint(db: Path) -> str:
    copies = backups_of(db)
    if not copies:
        return t("trust.db.no_backup")
    return t("trust.db.backup_hint", backup=copies[0], db=db)


def damaged(db: Path, detail: str) -> StoreError:
    return StoreError(t("trust.db.damaged", db=db, detail=detail[:120], hint=_restore_hint(db)))


def describe(db: Path | None, error: BaseException) -> StoreError | None:
    """A SQLite error caused by the file or another process -> its one line; None for anything else (a bug)."""
    text = str(error).lower()
    where = db if db is not None else Path("?")
    if "locked" in text or "busy" in text:
        return StoreError(t("trust.db.locked", db=where))
    if "readonly" in text or "read-only" in text:
        return StoreError(t("trust.db.readonly", db=where))
    if "unable to open" in text:
        return StoreError(t("trust.db.cannot_open", db=where))
    if "malformed" in text or "not a database" in text or "disk i/o" in text or "corrupt" in text:
        return damaged(where, str(error))
    if "database or disk is full" in text:
        return StoreError(t("trust.db.full", db=where))
    return None


def check_file(db: Path) -> None:
    """Before SQLite touches an existing file: refuse one that is not a database, or empty where a history is expected.

    New databases are created whole by the store (see engine.create_database), never as an empty
    file, so a zero-byte file at the database's path is a history lost (a failed copy, a sync tool).
    """
    try:
        with open(db, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(t("trust.db.not_a_file", db=db)) from None
    except OSError as exc:
        raise StoreError(t("trust.db.unreadable", db=db, reason=exc.strerror or exc)) from None
    if not head:
        raise StoreError(t("trust.db.empty", db=db, hint=_restore_hint(db)))
    if head != SQLITE_MAGIC:
        raise StoreError(t("trust.db.not_sqlite", db=db, hint=_restore_hint(db)))


def backup(db: Path, reason: str = "daily") -> Path | None:
    """Copy `db` with SQLite's backup API into the backups folder; keep the newest few. None if there is nothing to copy."""
    if not db.is_file() or db.stat().st_size == 0:
        return None
    folder = backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db.stem}-{stamp}-{reason}.db"
    partial = folder / f".{target.name}.part"
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        found = describe(db, exc)
        if found is not None:
            raise found from None
        raise
    finally:
        src.close()
    for old in backups_of(db)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(db: Path) -> Path | None:
    """Once a day: a copy when the newest one is older than a day (or there is none)."""
    copies = backups_of(db)
    if copies:
        try:
            if time.time() - copies[0].stat().st_mtime < BACKUP_EVERY_S:
                return None
        except OSError:
            pass
    return backup(db)


def integrity_problems(db: Path, limit: int = 20) -> list[str]:
    """SQLite's own integrity check: an empty list when the file is sound."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows
