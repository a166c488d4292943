"""The leeches listed (stats, `Insight.leeches`): cards that lapsed `threshold` times or more, as
schedule.leech.is_leech says, in SQL text on a plain sqlite3 connection (schedule.stats's way)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from qkvstudy.schedule.sql_text import topic_sql


@dataclass(frozen=True)
class Leech:
    card_id: int
    title: str
    path: str | None
    lapses: int
    suspended: bool


def leeches(con: sqlite3.Connection, threshold: int, topic: str | None = None) -> list[Leech]:
    where, params = topic_sql(topic)
    sql = (
        "SELECT cards.id, notes.question, notes.path, cards.lapses, cards.suspended, cards.drill_type "
        "FROM cards LEFT OUTER JOIN notes ON cards.note_id = notes.id "
        f"WHERE cards.lapses >= :threshold AND {where} ORDER BY cards.lapses DESC, cards.id"
    )
    return [
        Leech(int(i), q or f"drill: {dt}", p, int(lapses), bool(susp))
        for i, q, p, lapses, susp, dt in con.execute(sql, {**params, "threshold": threshold})
    ]
