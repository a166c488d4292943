"""The next card's simple reads on the Study's own sqlite3 connection (same read transaction).

schedule.queue's aggregate of today's reviews, the candidates' view columns and the related notes,
written out for sqlite3: each is one SQLAlchemy execution otherwise, and one costs more than the
query. Their answers do not depend on row order (a count, rows by id, a set), so they equal the Core
statements' whatever the plan; tests/speed/test_quick_queue.py compares them. The ordered queries
(the queue's candidates) stay Core.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any, NamedTuple

from qkvstudy.facade.quick_grade import from_db, to_db


class ViewRow(NamedTuple):
    """A row of facade.cards.VIEW_COLUMNS, by the same names and in the same order."""

    id: int
    kind: str
    state: str
    due: datetime
    stability: float | None
    difficulty: float | None
    last_review: datetime | None
    reps: int
    lapses: int
    suspended: bool
    buried_until: datetime | None
    note_id: int | None
    drill_type: str | None
    drill_level: int | None
    drill_spec: str | None
    question: str | None
    topic: str | None
    path: str | None
    note_difficulty: str | None
    missing: bool | None


_VIEW_SQL = (
    "SELECT cards.id, cards.kind, cards.state, cards.due, cards.stability, cards.difficulty, cards.last_review, "
    "cards.reps, cards.lapses, cards.suspended, cards.buried_until, cards.note_id, cards.drill_type, "
    "cards.drill_level, cards.drill_spec, notes.question, notes.topic, notes.path, notes.difficulty, notes.missing "
    "FROM cards LEFT OUTER JOIN notes ON cards.note_id = notes.id WHERE cards.id IN ({})"
)


def view_rows(con: sqlite3.Connection, ids: list[int]) -> dict[int, ViewRow]:
    """The view columns of cards `ids`, by id."""
    out: dict[int, ViewRow] = {}
    for row in con.execute(_VIEW_SQL.format(", ".join("?" * len(ids))), ids):
        values: list[Any] = list(row)
        for i in (3, 6, 10):  # due, last_review, buried_until
            values[i] = from_db(values[i])
        values[9] = bool(values[9])
        values[19] = None if values[19] is None else bool(values[19])
        out[values[0]] = ViewRow(*values)
    return out


def done_today(con: sqlite3.Connection, day_start: datetime) -> tuple[int, int]:
    """schedule.queue.done_today: (reviews of non-new cards, new cards introduced) since the day boundary."""
    reviews, new_seen = con.execute(
        "SELECT count(*), sum(CASE WHEN state_before = 'new' THEN 1 ELSE 0 END) FROM review_logs "
        "WHERE reviewed_at >= ?",
        (to_db(day_start),),
    ).fetchone()
    reviews, new_seen = reviews or 0, new_seen or 0
    return reviews - new_seen, new_seen


def related_ids(con: sqlite3.Connection, note_id: int) -> set[int]:
    """schedule.queue.related_ids: notes linked from or to `note_id` through their 相关笔记 sections."""
    rows = con.execute(
        "SELECT notes.id FROM notes WHERE notes.path IN (SELECT target_path FROM note_links WHERE note_id = ?) "
        "UNION SELECT note_id FROM note_links WHERE target_path = (SELECT path FROM notes WHERE id = ?)",
        (note_id, note_id),
    )
    return {int(r[0]) for r in rows}
