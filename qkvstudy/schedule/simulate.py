"""Choosing a desired retention, as Anki's "help me decide": for each retention from 0.70 to 0.97, fsrs-rs's
simulator plays a year of study of a deck the size of the library (the user's daily limits, learning steps
and parameters) and reports the reviews a day it costs and the cards still remembered at the end.

And rescheduling: after a change of desired retention or parameters, every card's state is rebuilt by
replaying its review log through the scheduler in use (from the state the card had before its first logged
grade, or before a re-introduction), so the due dates follow the new settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import fsrs_rs_python as fsrs_rs
from fsrs import Scheduler
from sqlalchemy import select
from sqlalchemy.orm import Session

from qkvstudy.config import study_day
from qkvstudy.schedule import memory, replay
from qkvstudy.store.models import Card, CardReset, Note, ReviewLog, utc
from qkvstudy.views import NEW, REVIEW, CardKind

RETENTIONS = (0.70, 0.75, 0.80, 0.85, 0.90, 0.93, 0.95, 0.97)
DAYS = 365
SEED = 42


@dataclass(frozen=True)
class RetentionChoice:
    retention: float
    reviews_per_day: float  # reviews plus first learning steps, averaged over the year
    minutes_per_day: float  # from the simulator's default time per answer
    remembered: float  # expected cards remembered at the end of the year
    deck_size: int


def retention_table(
    parameters: Sequence[float],
    *,
    deck_size: int,
    new_per_day: int,
    reviews_per_day: int,
    maximum_interval_days: int,
    learning_steps: int,
    relearning_steps: int,
    days: int = DAYS,
    retentions: Sequence[float] = RETENTIONS,
) -> list[RetentionChoice]:
    config = fsrs_rs.default_simulator_config()
    config.deck_size = max(1, deck_size)
    config.learn_span = days
    config.learn_limit = max(0, new_per_day)
    config.review_limit = max(0, reviews_per_day)
    config.max_ivl = float(maximum_interval_days)
    config.learning_step_count = learning_steps
    config.relearning_step_count = relearning_steps
    out = []
    for retention in retentions:
        result = fsrs_rs.simulate(list(parameters), retention, config, SEED)
        span = max(1, len(result.review_cnt_per_day))
        out.append(
            RetentionChoice(
                retention=retention,
                reviews_per_day=(sum(result.review_cnt_per_day) + sum(result.learn_cnt_per_day)) / span,
                minutes_per_day=sum(result.cost_per_day) / span / 60,
                remembered=float(result.memorized_cnt_per_day[-1]) if result.memorized_cnt_per_day else 0.0,
                deck_size=config.deck_size,
            )
        )
    return out


@dataclass(frozen=True)
class Rescheduled:
    card_id: int
    note_id: int | None
    path: str | None
    front_matter: dict[str, Any] | None  # the scheduling keys to write back (note cards)
    moved: bool  # the due date changed


def reschedule(session: Session, scheduler: Scheduler, day_starts_at: int, now: datetime) -> list[Rescheduled]:
    """Replay every reviewed card's log through `scheduler`; update the cards (the caller commits).

    A card whose memory changes gets a reschedule record (a CardReset of kind "reschedule" holding the
    state given), so a later replay (`qkvstudy check`) follows it instead of taking it for damage."""
    cards = session.execute(
        select(Card, Note).outerjoin(Note, Card.note_id == Note.id).where(Card.state != NEW).order_by(Card.id)
    ).all()
    logs: dict[int, list[ReviewLog]] = {}
    for log in session.scalars(select(ReviewLog).order_by(ReviewLog.card_id, ReviewLog.id)):
        logs.setdefault(log.card_id, []).append(log)
    resets: dict[int, list[CardReset]] = {}
    for record in session.scalars(select(CardReset)):
        resets.setdefault(record.card_id, []).append(record)
    out = []
    for card, note in cards:
        old_due = card.due
        history = logs.get(card.id, [])
        stored = replay.stored_memory(card)
        if history:
            replayed = replay.replay(scheduler, card.id, history, resets.get(card.id, []), recompute=True)
            if replayed is not None:
                for key in ("state", "step", "stability", "difficulty", "due", "last_review"):
                    value = replayed.state[key]
                    setattr(card, key, _when(value) if key in ("due", "last_review") else value)
        elif card.state == REVIEW and card.stability and card.last_review:
            # Taken over from front-matter, never graded here: same memory, interval for the new retention.
            interval = scheduler._next_interval(stability=card.stability)
            due_day = study_day(_utc(card.last_review), day_starts_at) + timedelta(days=interval)
            card.due = memory.date_to_due(due_day, day_starts_at)
        given = replay.stored_memory(card)
        if not replay.same_memory(given, stored):
            last_log = history[-1].id if history else None
            session.add(
                CardReset(card_id=card.id, reset_at=now, after_log_id=last_log, kind=replay.RESCHEDULE, state=given)
            )
        fm = None
        if note is not None and card.kind == CardKind.NOTE and card.last_review is not None:
            fm = {
                "last_reviewed": study_day(_utc(card.last_review), day_starts_at).isoformat(),
                "next_review": memory.due_to_date(_utc(card.due), day_starts_at).isoformat(),
                "review_count": card.reps,
                "mastery_level": memory.mastery(scheduler, card.stability),
            }
        moved = _utc(card.due) != _utc(old_due)  # the column may load aware or naive UTC
        out.append(Rescheduled(card.id, card.note_id, note.path if note else None, fm, moved))
    return out


def _when(value: str | None) -> datetime | None:
    return utc(datetime.fromisoformat(value)) if value else None


def _utc(value: datetime) -> datetime:
    aware = utc(value)
    assert aware is not None
    return aware
