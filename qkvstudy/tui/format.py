"""Short human formats for intervals, dates and memory state (pure functions, tested alone)."""

from __future__ import annotations

from datetime import datetime, timedelta


def _trim(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_interval(interval: timedelta) -> str:
    """Anki-style: <1m, 1m, 10m, 1.5h, 3d, 2.1mo, 1.2y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{_trim(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{_trim(days / 30)}mo"
    return f"{_trim(days / 365)}y"


def format_due(due: datetime, now: datetime) -> str:
    """Relative due time: 'now', 'in 3d', '2d ago'."""
    delta = due - now
    if abs(delta.total_seconds()) < 60:
        return "now"
    if delta.total_seconds() > 0:
        return f"in {format_interval(delta)}"
    return f"{format_interval(-delta)} ago"


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def format_memory(stability: float | None, difficulty: float | None, retrievability: float | None) -> str:
    """One line of FSRS memory state; a new card has none yet."""
    if stability is None:
        return "no memory state yet"
    parts = [f"stability {_trim(stability) if stability < 100 else round(stability)}d"]
    if difficulty is not None:
        parts.append(f"difficulty {difficulty:.1f}/10")
    if retrievability is not None:
        parts.append(f"recall now {retrievability:.0%}")
    return " · ".join(parts)
