"""A schedule from the Obsidian Spaced Repetition plugin's keys: `sr-due`, `sr-interval`, `sr-ease`.

The plugin runs SM-2: `sr-due` is the next review date, `sr-interval` the last interval in days,
`sr-ease` the ease factor in percent (250 by default, 130 at the least). A note carrying them
starts in qkvstudy in the review state, due that day, with stability = the interval (at 90 %
retention FSRS's interval equals the stability) and last reviewed one interval before the due
date. Ease becomes FSRS difficulty: 250 -> what a first Good gives (the default), rising
linearly to 10 at 130 and falling to what a first Easy gives at 300 and above. The keys
themselves stay in the note untouched (write-back only ever changes qkvstudy's own keys).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from fsrs import Rating, Scheduler

from qkvstudy.schedule.memory import date_to_due
from qkvstudy.views import REVIEW

OSR_KEYS = ("sr-due", "sr-interval", "sr-ease")
DEFAULT_EASE, MIN_EASE, EASY_EASE = 250, 130, 300


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def ease_to_difficulty(ease: float, scheduler: Scheduler) -> float:
    good = scheduler._initial_difficulty(rating=Rating.Good, clamp=True)
    easy = scheduler._initial_difficulty(rating=Rating.Easy, clamp=True)
    if ease >= DEFAULT_EASE:
        share = min(1.0, (ease - DEFAULT_EASE) / (EASY_EASE - DEFAULT_EASE))
        return good - share * (good - easy)
    share = min(1.0, (DEFAULT_EASE - ease) / (DEFAULT_EASE - MIN_EASE))
    return good + share * (10.0 - good)


def initial_state(
    keys: dict[str, Any], review_count: int | None, scheduler: Scheduler, day_starts_at: int
) -> dict[str, Any] | None:
    """Card columns from the plugin's keys, or None when they are absent or unreadable."""
    due = _day(keys.get("sr-due"))
    interval = _number(keys.get("sr-interval"))
    if due is None or interval is None or not 0 < interval <= 36500:
        return None
    ease = _number(keys.get("sr-ease"))
    difficulty = ease_to_difficulty(ease if ease is not None and ease > 0 else DEFAULT_EASE, scheduler)
    last = due - timedelta(days=round(interval))
    return dict(
        state=REVIEW,
        step=None,
        stability=float(interval),
        difficulty=difficulty,
        due=date_to_due(due, day_starts_at),
        last_review=date_to_due(last, day_starts_at),
        reps=max(review_count or 0, 1),
        lapses=0,
    )
