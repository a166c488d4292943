"""FSRS-6 through py-fsrs: the scheduler from settings, card state <-> py-fsrs Card, and the
numbers a learner reads (retrievability now, mastery).

Mastery (written to `mastery_level`): the predicted chance of recalling the note 30 days after
its last review, from FSRS's forgetting curve and the card's stability, two decimals. 0.0 for
a note never reviewed. A learner can read it as "how well would I know this a month from now".

Starting state from a note's front-matter (so a schedule the user already had carries over):
- `review_count: 0` or `last_reviewed: null` -> new, due at `next_review` (else `created`, else now);
- otherwise -> review state, stability = days from `last_reviewed` to `next_review` (the interval
  FSRS gives at 90 % retention equals the stability), due at `next_review`; FSRS difficulty from
  the author's `difficulty` as the initial difficulty FSRS would give after a first grade of
  Easy (easy), Good (medium, also when absent) or Hard (hard).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, ReviewLog, Scheduler, State

from qkvstudy.config import Settings, study_day
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW, CardState

MASTERY_HORIZON_DAYS = 30
_STATE_TO_FSRS = {NEW: State.Learning, LEARNING: State.Learning, REVIEW: State.Review, RELEARNING: State.Relearning}
_FSRS_TO_STATE = {State.Learning: LEARNING, State.Review: REVIEW, State.Relearning: RELEARNING}
_AUTHOR_DIFFICULTY_RATING = {"easy": Rating.Easy, "medium": Rating.Good, "hard": Rating.Hard}


def make_scheduler(settings: Settings) -> Scheduler:
    return Scheduler(
        # Personal weights from `qkvstudy optimize` (fsrs-rs, same FSRS-6 vector) when there are any.
        **({"parameters": settings.fsrs_parameters} if settings.fsrs_parameters else {}),
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps_minutes),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps_minutes),
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=settings.enable_fuzzing,
    )


def date_to_due(day: date, day_starts_at: int) -> datetime:
    """A study day -> the UTC moment it starts (its local day boundary).

    A naive local time's astimezone() takes that date's own UTC offset (daylight saving included),
    not today's."""
    return datetime.combine(day, time(hour=day_starts_at)).astimezone(UTC)


def due_to_date(due: datetime, day_starts_at: int) -> date:
    return study_day(due, day_starts_at)


def initial_state(
    *,
    created: str | None,
    last_reviewed: str | None,
    next_review: str | None,
    review_count: int | None,
    author_difficulty: str | None,
    now: datetime,
    scheduler: Scheduler,
    day_starts_at: int,
) -> dict[str, Any]:
    """Card columns for a note seen for the first time (see the module docstring)."""
    nxt = date.fromisoformat(next_review) if next_review else None
    if not review_count or not last_reviewed:
        start = nxt or (date.fromisoformat(created) if created else None)
        due = date_to_due(start, day_starts_at) if start else now
        return dict(state=NEW, step=None, stability=None, difficulty=None, due=due, last_review=None, reps=0, lapses=0)
    last = date.fromisoformat(last_reviewed)
    stability = float((nxt - last).days) if nxt and nxt > last else 1.0
    rating = _AUTHOR_DIFFICULTY_RATING.get(author_difficulty or "medium", Rating.Good)
    difficulty = scheduler._initial_difficulty(rating=rating, clamp=True)  # FSRS's own D0(rating)
    due_day = nxt if nxt else last + timedelta(days=1)
    return dict(
        state=REVIEW,
        step=None,
        stability=stability,
        difficulty=difficulty,
        due=date_to_due(due_day, day_starts_at),
        last_review=date_to_due(last, day_starts_at),
        reps=review_count,
        lapses=0,
    )


def to_fsrs(
    card_id: int,
    state: str,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due: datetime,
    last_review: datetime | None,
) -> FsrsCard:
    return FsrsCard(
        card_id=card_id,
        state=_STATE_TO_FSRS[CardState(state)],
        step=(0 if state == NEW else step) if state in (NEW, LEARNING, RELEARNING) else None,
        stability=stability,
        difficulty=difficulty,
        due=due,
        last_review=last_review,
    )


def from_fsrs(card: FsrsCard) -> dict[str, Any]:
    return dict(
        state=_FSRS_TO_STATE[card.state],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def review(
    scheduler: Scheduler, card: FsrsCard, rating: int, when: datetime, reps: int, duration_ms: int | None = None
) -> tuple[FsrsCard, ReviewLog]:
    """py-fsrs review with fuzz seeded by (card, review number), as Anki does, so the interval
    shown on a grade button before grading is exactly the one the grade gives."""
    saved = random.getstate()
    random.seed(f"{card.card_id}:{reps}")
    try:
        return scheduler.review_card(card, Rating(rating), review_datetime=when, review_duration=duration_ms)
    finally:
        random.setstate(saved)


def retrievability(
    scheduler: Scheduler, stability: float | None, last_review: datetime | None, when: datetime
) -> float | None:
    """Chance of recall at `when` (fractional days, unlike py-fsrs's whole days). A stability that is
    not positive (never written by grading; a damaged row) has no forgetting curve: None."""
    if stability is None or last_review is None or not stability > 0:
        return None
    elapsed = max(0.0, (when - last_review).total_seconds() / 86400)
    return float((1 + scheduler._FACTOR * elapsed / stability) ** scheduler._DECAY)


def mastery(scheduler: Scheduler, stability: float | None) -> float:
    if not stability:
        return 0.0
    return round(float((1 + scheduler._FACTOR * MASTERY_HORIZON_DAYS / stability) ** scheduler._DECAY), 2)
