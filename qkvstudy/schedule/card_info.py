"""One card's story, for the card-info screen: every grade with the interval and memory state it gave (and
every reset and reschedule, the log's other records, in their place), and its forgetting curve (FSRS-6, the parameters in use) from the last review to past the due date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qkvstudy.schedule.stats import recall
from qkvstudy.store.models import Card, CardReset, ReviewLog, utc

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
    event: str = "review"  # or "reset" / "reschedule": a record of the card set outside grading (rating 0)


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
    reviews: list[tuple[int, HistoryEntry]] = []
    stmt = select(
        ReviewLog.id,
        ReviewLog.reviewed_at,
        ReviewLog.rating,
        ReviewLog.state_before,
        ReviewLog.interval_days,
        ReviewLog.stability,
        ReviewLog.difficulty,
        ReviewLog.duration_ms,
    ).where(ReviewLog.card_id == card_id)
    for log_id, when, rating, before, interval, stability, difficulty, ms in session.execute(
        stmt.order_by(ReviewLog.id)
    ):
        seconds = ms / 1000 if ms is not None else None
        reviews.append((log_id, HistoryEntry(when, rating, before, interval, stability, difficulty, seconds)))
    records = sorted(
        session.scalars(select(CardReset).where(CardReset.card_id == card_id)),
        key=lambda r: (r.after_log_id or 0, r.reset_at, r.id),
    )
    history: list[HistoryEntry] = []
    for log_id, entry in reviews:  # each record after the review it followed, as a replay places it
        while records and (records[0].after_log_id or 0) < log_id:
            history.append(_record_entry(records.pop(0)))
        history.append(entry)
    history.extend(_record_entry(r) for r in records)
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


def _record_entry(record: CardReset) -> HistoryEntry:
    """A reset or a reschedule as a history row: the interval and memory it gave (none for a reset)."""
    state = record.state or {}
    given = datetime.fromisoformat(state["due"]).replace(tzinfo=UTC) if state.get("due") else None
    interval = (given - record.reset_at).total_seconds() / 86400 if given else None
    return HistoryEntry(
        record.reset_at, 0, record.kind, interval, state.get("stability"), state.get("difficulty"), None, record.kind
    )
