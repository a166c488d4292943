"""One card's story, for the card-info screen: every grade with the interval and memory state it gave,
and its forgetting curve (FSRS-6, the parameters in use) from the last review to past the due date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from qkvstudy.schedule.stats import retrievability_at
from qkvstudy.store.models import Card, ReviewLog, utc

CURVE_POINTS = 60


@dataclass(frozen=True)
class HistoryEntry:
    reviewed_at: datetime  # UTC
    rating: int
    state_before: str
    interval_days: float | None  # from this review to the due date it gave
    stability: float | None  # after the grade
    difficulty: float | None
    seconds: float | None  # time taken, when known


@dataclass(frozen=True)
class CardMemory:
    card_id: int
    history: tuple[HistoryEntry, ...]
    stability: float | None
    last_review: datetime | None
    due: datetime
    retrievability_now: float | None
    retrievability_at_due: float | None
    desired_retention: float
    curve: tuple[tuple[float, float], ...]  # (days since the last review, chance of recall)
    days_now: float | None  # where "now" falls on the curve
    days_due: float | None


def card_memory(
    session: Session, card_id: int, now: datetime, parameters: Sequence[float], desired_retention: float
) -> CardMemory | None:
    card = session.get(Card, card_id)
    if card is None:
        return None
    history = []
    for log in session.scalars(select(ReviewLog).where(ReviewLog.card_id == card_id).order_by(ReviewLog.id)):
        after = log.after  # a JSON column: already a dict
        when = utc(log.reviewed_at)
        assert when is not None
        due_after = utc(datetime.fromisoformat(after["due"])) if after.get("due") else None  # snapshots: naive UTC
        history.append(
            HistoryEntry(
                reviewed_at=when,
                rating=log.rating,
                state_before=log.state_before,
                interval_days=(due_after - when).total_seconds() / 86400 if due_after else None,
                stability=after.get("stability"),
                difficulty=after.get("difficulty"),
                seconds=log.duration_ms / 1000 if log.duration_ms is not None else None,
            )
        )
    last, due = utc(card.last_review), utc(card.due)
    assert due is not None
    curve: tuple[tuple[float, float], ...] = ()
    r_now = r_due = days_now = days_due = None
    if card.stability and last is not None:
        days_now = max(0.0, (now - last).total_seconds() / 86400)
        days_due = max(0.0, (due - last).total_seconds() / 86400)
        span = max(days_now, days_due, card.stability) * 1.5
        xs = np.linspace(0.0, span, CURVE_POINTS)
        ys = retrievability_at(np.full_like(xs, card.stability), xs, parameters)
        curve = tuple(zip(xs.tolist(), ys.tolist()))
        both = retrievability_at(np.array([card.stability] * 2), np.array([days_now, days_due]), parameters)
        r_now, r_due = float(both[0]), float(both[1])
    return CardMemory(
        card_id=card_id,
        history=tuple(history),
        stability=card.stability,
        last_review=last,
        due=due,
        retrievability_now=r_now,
        retrievability_at_due=r_due,
        desired_retention=desired_retention,
        curve=curve,
        days_now=days_now,
        days_due=days_due,
    )
