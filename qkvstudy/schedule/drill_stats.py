"""Drills in the stats: attempts, accuracy and time per drill type, and the mistakes made most often.

Drill attempts belong to no note: they count in the whole-library view and the drills topic only.
SQL text on a plain sqlite3 connection, as the rest of schedule.stats.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from qkvstudy.schedule.sql_text import DRILL_TOPIC


@dataclass(frozen=True)
class DrillStats:
    type: str
    attempts: int
    accuracy: float  # share of attempts entirely right
    avg_score: float  # mean fraction of cells right
    avg_seconds: float | None


@dataclass(frozen=True)
class Mistake:
    """A drill type and level that went wrong (not entirely right) most often."""

    type: str
    level: int
    wrong: int
    attempts: int


def _drill_condition(topic: str | None) -> str:
    """Drill attempts count for every topic view, the drills topic, and nothing else."""
    return "1" if not topic or topic == DRILL_TOPIC else "0"


def drill_stats(con: sqlite3.Connection, topic: str | None) -> tuple[DrillStats, ...]:
    sql = (
        "SELECT drill_type, count(*), sum(CASE WHEN score >= 1.0 THEN 1 ELSE 0 END), avg(score), avg(seconds) "
        f"FROM drill_attempts WHERE {_drill_condition(topic)} GROUP BY drill_type ORDER BY drill_type"
    )
    return tuple(
        DrillStats(type=t, attempts=int(n), accuracy=int(ok) / int(n), avg_score=float(sc), avg_seconds=sec)
        for t, n, ok, sc, sec in con.execute(sql)
    )


def mistakes(con: sqlite3.Connection, topic: str | None, limit: int = 5) -> tuple[Mistake, ...]:
    wrong = "sum(CASE WHEN score < 1.0 THEN 1 ELSE 0 END)"
    sql = (
        f"SELECT drill_type, level, {wrong}, count(*) FROM drill_attempts WHERE {_drill_condition(topic)} "
        f"GROUP BY drill_type, level HAVING {wrong} > 0 ORDER BY {wrong} DESC, drill_type, level LIMIT ?"
    )
    return tuple(Mistake(t, int(lv), int(w), int(n)) for t, lv, w, n in con.execute(sql, (limit,)))
