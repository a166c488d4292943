"""Where a note's packed sections (store.note_text) are kept: `note_bodies`, in parts of at most `PART` bytes.

Parts, not one value a note: a packed body is typically 1-4 KB, and SQLite puts a row of more than
half a page on a page of its own, wasting the rest; parts of 1,000 bytes fill 4 KB pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

PART = 1000  # bytes: four parts and their headers fill a 4,096-byte page
_BOUND = 500  # note ids a statement binds at most (SQLite's limit on bound values)

_DROP = text("DELETE FROM note_bodies WHERE note_id = :id")


def put(target: Session | Connection, bodies: Sequence[tuple[int, bytes]]) -> None:
    """Store the packed bodies of notes that have none yet (tuples straight to the driver: a cold import's
    hot loop, where SQLAlchemy's parameter dicts cost more than the insert)."""
    rows = [
        (note_id, n, packed[at : at + PART])
        for note_id, packed in bodies
        for n, at in enumerate(range(0, len(packed), PART))
    ]
    if rows:
        driver(target).exec_driver_sql("INSERT INTO note_bodies(note_id, part, data) VALUES (?, ?, ?)", rows)


def driver(target: Session | Connection) -> Connection:
    """The Connection under a Session (or the Connection itself), for exec_driver_sql."""
    return target.connection() if isinstance(target, Session) else target


def replace(target: Session | Connection, note_id: int, packed: bytes) -> None:
    target.execute(_DROP, {"id": note_id})
    put(target, [(note_id, packed)])


def of(target: Session | Connection, note_ids: Sequence[int]) -> dict[int, bytes]:
    """The packed body of each of these notes that has one."""
    found: dict[int, list[bytes]] = {}
    for at in range(0, len(note_ids), _BOUND):
        chunk = list(note_ids[at : at + _BOUND])
        marks = ",".join(f":n{i}" for i in range(len(chunk)))
        rows = target.execute(
            text(f"SELECT note_id, data FROM note_bodies WHERE note_id IN ({marks}) ORDER BY note_id, part"),
            {f"n{i}": note_id for i, note_id in enumerate(chunk)},
        )
        for note_id, data in rows:
            found.setdefault(note_id, []).append(data)
    return {note_id: b"".join(pieces) for note_id, pieces in found.items()}
