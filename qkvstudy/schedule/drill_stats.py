"""Drills in the stats: attempts, accuracy and time per drill type, and the mistakes made most often.

Drill attempts belong to no note: they count in the whole-library view and the drills topic only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from qkvstudy.schedule.queue import DRILL_TOPIC
from qkvstudy.store.models import DrillAttempt


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


def _drill_condition(topic: str | None) -> ColumnElement[bool]:
    """Drill attempts count for every topic view, the drills topic, and nothing else."""
    return literal(True) if not topic or topic == DRILL_TOPIC else literal(False)


def drill_stats(session: Session, topic: str | None) -> tuple[DrillStats, ...]:
    right = case((DrillAttempt.score >= 1.0, 1), else_=0)
    stmt = (
        select(
            DrillAttempt.drill_type,
            func.count(),
            func.sum(right),
            func.avg(DrillAttempt.score),
            func.avg(DrillAttempt.seconds),
        )
        .where(_drill_condition(topic))
        .group_by(DrillAttempt.drill_type)
        .order_by(DrillAttempt.drill_type)
    )
    return tuple(
        DrillStats(type=t, attempts=int(n), accuracy=int(ok) / int(n), avg_score=float(sc), avg_seconds=sec)
        for t, n, ok, sc, sec in session.execute(stmt)
    )


def mistakes(session: Session, topic: str | None, limit: int = 5) -> tuple[Mistake, ...]:
    wrong = func.sum(case((DrillAttempt.score < 1.0, 1), else_=0))
    stmt = (
        select(DrillAttempt.drill_type, DrillAttempt.level, wrong, func.count())
        .where(_drill_condition(topic))
        .group_by(DrillAttempt.drill_type, DrillAttempt.level)
        .having(wrong > 0)
        .order_by(wrong.desc(), DrillAttempt.drill_type, DrillAttempt.level)
        .limit(limit)
    )
    return tuple(Mistake(t, int(lv), int(w), int(n)) for t, lv, w, n in session.execute(stmt))
