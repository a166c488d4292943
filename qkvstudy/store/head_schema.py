"""A new database made at once: the schema Alembic's migrations build, replayed from a file.

Creating a database ran every migration through Alembic, about a quarter of a second of a cold
import before the first note was stored. `head_schema.json` holds what those migrations leave in
a new database (every `sqlite_master` entry's SQL in creation order, and the rows they insert),
written by this module from a database Alembic made, so Alembic stays the one definition of the
schema: tests/store/test_head_schema.py builds a database both ways and requires them identical,
entry for entry and row for row, and says how to write the file again after a new migration.
A file for another revision than store.revision.HEAD is never used: Alembic makes the database.

    python -m qkvstudy.store.head_schema      # after adding a migration
"""

from __future__ import annotations

import json
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any

from qkvstudy.store import revision

FILE = Path(__file__).resolve().parent / "migrations" / "head_schema.json"
# Rows that must differ between databases: made anew, as the migration that inserts them does (0004).
FRESH = {("store_meta", "device_id"): lambda: uuid.uuid4().hex}


def load() -> dict[str, Any] | None:
    """The recorded schema, or None when there is none for this code's revision."""
    try:
        recorded = json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded if isinstance(recorded, dict) and recorded.get("revision") == revision.HEAD else None


def create(path: Path, recorded: dict[str, Any]) -> None:
    """Build the recorded schema and rows in a new file at `path` (WAL, as every connection sets it)."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("BEGIN IMMEDIATE")
        for sql in recorded["schema"]:
            con.execute(sql)
        for table, columns, rows in recorded["rows"]:
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            for stored in rows:
                row = [bytes.fromhex(v["hex"]) if isinstance(v, dict) else v for v in stored]
                fresh = FRESH.get((str(table), str(row[0])))
                values = [row[0], fresh()] + row[2:] if fresh is not None else row
                # OR REPLACE: a virtual table's CREATE already wrote some of its shadow tables' rows.
                con.execute(f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})', values)
        con.execute("COMMIT")
    finally:
        con.close()


def describe(con: sqlite3.Connection) -> dict[str, Any]:
    """What a database holds that makes it new at its revision: schema entries and rows (blobs as hex), in order.

    Shadow tables of a virtual table are made by its CREATE VIRTUAL TABLE, so only their rows are kept.
    """
    virtual = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")]
    shadow = tuple(f"{name}_" for name in virtual)
    schema: list[str] = []
    tables: list[str] = []
    for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY rowid"):
        if kind == "table" and not name.startswith("sqlite_"):
            tables.append(name)
        if sql is not None and (name in virtual or not name.startswith(shadow)):  # note_search_terms is no shadow
            schema.append(sql)
    rows = []
    for table in tables:
        if table in virtual:
            continue  # read through its shadow tables
        try:
            cursor = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        except sqlite3.OperationalError:  # WITHOUT ROWID: kept in its key's order whatever the inserts' order
            cursor = con.execute(f'SELECT * FROM "{table}"')
        found = [[{"hex": v.hex()} if isinstance(v, bytes) else v for v in row] for row in cursor]
        if found:
            rows.append([table, [d[0] for d in cursor.description], found])
    return {"schema": schema, "rows": rows}


def main() -> int:
    """Write head_schema.json from a database Alembic makes now."""
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    from qkvstudy.store.engine import alembic_config, head_revision

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "head.db"
        engine = create_engine(f"sqlite:///{db}")
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        engine.dispose()
        con = sqlite3.connect(db)
        try:
            recorded = {"revision": head_revision(), **describe(con)}
        finally:
            con.close()
    FILE.write_text(json.dumps(recorded, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{FILE}: revision {recorded['revision']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
