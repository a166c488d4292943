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
    """Relative due time: '现在', '3d后', '2d前'."""
    delta = due - now
    if abs(delta.total_seconds()) < 60:
        return "现在"
    if delta.total_seconds() > 0:
        return f"{format_interval(delta)}后"
    return f"{format_interval(-delta)}前"


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
        return "尚无记忆状态"
    parts = [f"稳定性 {_trim(stability) if stability < 100 else round(stability)}d"]
    if difficulty is not None:
        parts.append(f"难度 {difficulty:.1f}/10")
    if retrievability is not None:
        parts.append(f"回忆概率 {retrievability:.0%}")
    return " · ".join(parts)


# Card states and the author's own difficulty, as shown (the core keeps the English values).
STATE_LABELS = {"new": "新卡", "learning": "学习中", "review": "复习", "relearning": "重学中"}
NOTE_DIFFICULTY_LABELS = {"easy": "较易", "medium": "中等", "hard": "较难"}  # not 简单/困难: those are grades


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


def note_difficulty_label(difficulty: str) -> str:
    return NOTE_DIFFICULTY_LABELS.get(difficulty, difficulty)
