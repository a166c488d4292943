"""A review's plain figures, from its before/after snapshots: the review log's columns the stats and card
info read (store.models.ReviewLog), computed the same way whoever inserts the row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any


def _days_between(later: Any, earlier: Any) -> float | None:
    """Days from `earlier` to `later` (datetimes or the snapshots' ISO text), exact for whole days."""
    if not later or not earlier:
        return None
    try:
        a = later if isinstance(later, datetime) else datetime.fromisoformat(str(later))
        b = earlier if isinstance(earlier, datetime) else datetime.fromisoformat(str(earlier))
        a = a.astimezone(UTC) if a.tzinfo else a.replace(tzinfo=UTC)
        b = b.astimezone(UTC) if b.tzinfo else b.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    return (a - b).total_seconds() / 86400


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def review_figures(before: Any, after: Any, reviewed_at: Any) -> dict[str, float | None]:
    """A review's plain columns from its snapshots (the same rule migration 0006 applied to older rows):

    - last_interval_days: the interval the card was scheduled for before this review (due − last review);
      young/mature is decided by it (< 21 days: young);
    - interval_days: from this review to the due date it gave;
    - stability, difficulty: the memory state after it.
    """
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    return {
        "last_interval_days": _days_between(b.get("due"), b.get("last_review")),
        "interval_days": _days_between(a.get("due"), reviewed_at),
        "stability": _number(a.get("stability")),
        "difficulty": _number(a.get("difficulty")),
    }


def figure_default(name: str) -> Callable[[Any], float | None]:
    """A column default that computes the figure from the row being inserted (ORM or bulk insert alike:
    SQLAlchemy hands a context-sensitive default each row's parameters)."""

    def default(context: Any) -> float | None:
        row = context.get_current_parameters()
        return review_figures(row.get("before"), row.get("after"), row.get("reviewed_at"))[name]

    return default
