"""One card's story, for the card-info screen: every grade with the interval and memory state it gave,
and its forgetting curve (FSRS-6, the parameters in use) from the last review to past the due date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qkvstudy.schedule.stats import recall
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
    stmt = select(
        ReviewLog.reviewed_at,
        ReviewLog.rating,
        ReviewLog.state_before,
        ReviewLog.interval_days,
        ReviewLog.stability,
        ReviewLog.difficulty,
        ReviewLog.duration_ms,
    ).where(ReviewLog.card_id == card_id)
    for when, rating, state_before, interval, stability, difficulty, ms in session.execute(stmt.order_by(ReviewLog.id)):
        history.append(
            HistoryEntry(
                reviewed_at=when,
                rating=rating,
                state_before=state_before,
                interval_days=interval,
                stability=stability,
                difficulty=difficulty,
                seconds=ms / 1000 if ms is not None else None,
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
        xs = [span * i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]
        curve = tuple((x, recall(card.stability, x, parameters)) for x in xs)
        r_now, r_due = recall(card.stability, days_now, parameters), recall(card.stability, days_due, parameters)
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
