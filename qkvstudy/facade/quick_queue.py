"""The next card's reads on the Study's own sqlite3 connection (the same read transaction).

schedule.queue's aggregate of today's reviews (facade.quick_counts.done_today), the candidates' view
columns and the related notes, written out for sqlite3, and the queue's candidates: each is one
SQLAlchemy execution otherwise, and one costs more than the query. Every ordered query ends with the card id, so its answer does not
depend on the plan SQLite picks; tests/speed/test_quick_queue.py compares them with the Core ones.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any, NamedTuple

from qkvstudy.facade.quick_counts import done_today as done_today  # the queue's limits count what it counts
from qkvstudy.facade.quick_grade import from_db, to_db
from qkvstudy.schedule.sql_text import LEARN_AHEAD, eligible


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


def related_ids(con: sqlite3.Connection, note_id: int) -> set[int]:
    """schedule.queue.related_ids: notes linked from or to `note_id` through their 相关笔记 sections."""
    rows = con.execute(
        "SELECT notes.id FROM notes WHERE notes.path IN (SELECT target_path FROM note_links WHERE note_id = ?) "
        "UNION SELECT note_id FROM note_links WHERE target_path = (SELECT path FROM notes WHERE id = ?)",
        (note_id, note_id),
    )
    return {int(r[0]) for r in rows}


def _eligible(topic: str | None, exclude: tuple[int, ...]) -> tuple[str, dict[str, Any]]:
    """schedule.queue.eligible (+ the excluded ids) as SQL on `cards AS c`, with its parameters
    (`now` is the caller's)."""
    sql, params = eligible(topic, "c")
    if exclude:
        sql += f" AND c.id NOT IN ({', '.join(str(int(i)) for i in exclude)})"
    return sql, params


def candidates(
    con: sqlite3.Connection,
    now: datetime,
    tomorrow: datetime,
    topic: str | None,
    exclude: tuple[int, ...],
    new_limit: int,
    review_limit: int,
    reviews: list[int],
    limit: int = 4,
) -> list[int]:
    """schedule.queue.candidates, query for query (see there); `reviews` is consumed the same way."""
    base, params = _eligible(topic, exclude)
    params.update(now=to_db(now), tomorrow=to_db(tomorrow), limit=limit)

    def ids(where: str, order: str = "", **extra: Any) -> list[int]:
        sql = f"SELECT c.id FROM cards AS c WHERE {base} AND {where}{order}"
        return [int(r[0]) for r in con.execute(sql, {**params, **extra})]

    learning = "c.state IN ('learning', 'relearning') AND c.due <= :until"
    out = ids(learning, " ORDER BY c.due, c.id LIMIT :limit", until=params["now"])
    want = min(limit, review_limit)
    pos = 0
    while want > 0 and pos < len(reviews):
        window = reviews[pos : pos + 2 * limit]
        listed = ", ".join(str(int(i)) for i in window)
        # `+c.state`: look the window's ids up by rowid. Left indexable, SQLite walks ix_cards_queue
        # over every review due today instead (2.6 ms a fetch at 100,000 notes, 0.02 ms this way).
        still = set(ids(f"c.id IN ({listed}) AND +c.state IN ('review') AND c.due < :tomorrow"))
        kept = [i for i in window if i in still or i in exclude]
        reviews[pos : pos + len(window)] = kept
        for i in kept:
            if i in still and want > 0:
                out.append(i)
                want -= 1
        pos += len(kept)
    if new_limit > 0 and len(out) < limit:
        out += ids(
            "c.state IN ('new') AND c.due < :tomorrow", " ORDER BY c.due, c.id LIMIT :new", new=min(limit, new_limit)
        )
    if not out:
        out += ids(learning, " ORDER BY c.due, c.id LIMIT :limit", until=to_db(now + LEARN_AHEAD))
    return out
