"""Short human formats for intervals, dates and memory state, in the current language."""

from __future__ import annotations

from datetime import datetime, timedelta

from qkvstudy.i18n import t


def _trim(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_interval(interval: timedelta) -> str:
    """Anki-style, in words of the current language: <1 分钟, 10 分钟, 1.5 小时, 3 天, 2.1 个月, 1.2 年."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return t("app.unit.under_minute")
    minutes = seconds / 60
    if minutes < 60:
        return t("common.unit.minutes", n=round(minutes))
    hours = minutes / 60
    if hours < 24:
        return t("common.unit.hours", n=_trim(hours))
    days = hours / 24
    if days < 30:
        return t("common.unit.days", n=round(days))
    if days < 365:
        return t("common.unit.months", n=_trim(days / 30))
    return t("common.unit.years", n=_trim(days / 365))


def format_due(due: datetime, now: datetime) -> str:
    """Relative due time: 现在 / 3 天后 / 2 天前 (now / in 3 d / 3 d ago)."""
    delta = due - now
    if abs(delta.total_seconds()) < 60:
        return t("app.due.now")
    if delta.total_seconds() > 0:
        return t("app.due.in", interval=format_interval(delta))
    return t("app.due.ago", interval=format_interval(-delta))


def format_duration(seconds: float) -> str:
    whole = int(round(seconds))
    if whole < 60:
        return t("app.duration.seconds", s=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return t("app.duration.minutes", m=minutes, s=f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    return t("app.duration.hours", h=hours, m=f"{minutes:02d}")


def memory_parts(stability: float | None, difficulty: float | None, retrievability: float | None) -> list[str]:
    """FSRS memory state as separate phrases (a header drops the last ones when it is narrow)."""
    if stability is None:
        return [t("app.memory.none")]
    days = _trim(stability) if stability < 100 else str(round(stability))
    parts = [t("app.memory.stability", days=days)]
    if difficulty is not None:
        parts.append(t("app.memory.difficulty", value=f"{difficulty:.1f}"))
    if retrievability is not None:
        parts.append(t("app.memory.recall", percent=f"{retrievability:.0%}"))
    return parts


def format_memory(stability: float | None, difficulty: float | None, retrievability: float | None) -> str:
    """One line of FSRS memory state; a new card has none yet."""
    return " · ".join(memory_parts(stability, difficulty, retrievability))


def state_label(state: str) -> str:
    return t(f"app.state.{state}") if state in ("new", "learning", "review", "relearning") else state


def note_difficulty_label(difficulty: str) -> str:
    # Not 简单/困难: those words are grades.
    return t(f"app.difficulty.{difficulty}") if difficulty in ("easy", "medium", "hard") else difficulty
