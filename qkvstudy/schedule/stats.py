"""How the learner is doing, from the review log and the cards: plain values for the stats screen and
`qkvstudy stats`.

Everything is aggregated in SQL first (by UTC hour, so a study day that turns over at a local hour
is exact across daylight saving) and only the small grouped result is walked in Python: 100,000
reviews cost one grouped scan, not 100,000 Python objects.

Definitions, as in Anki:
- true retention: the share of reviews of cards in the review state that were not graded Again;
  young = the card's scheduled interval before that review was < 21 days, mature = ≥ 21 days;
- the forecast counts cards in review or (re)learning by the study day they fall due (overdue on today);
- retrievability is FSRS-6's forgetting curve with the parameters in use, at the moment asked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from qkvstudy.config import day_start, study_day
from qkvstudy.schedule import queue
from qkvstudy.schedule.drill_stats import DrillStats, Mistake, drill_stats, mistakes
from qkvstudy.schedule.leech import Leech, leeches
from qkvstudy.store.models import Card, Note, ReviewLog, naive
from qkvstudy.views import NEW, REVIEW, CardKind

MATURE_DAYS = 21
FORECAST_DAYS = 30
HEATMAP_DAYS = 365
WEAKEST_PER_TOPIC = 3
PERIODS = ("today", "week", "month", "year", "all")
_PERIOD_DAYS = {"today": 1, "week": 7, "month": 30, "year": 365}
KINDS = ("learning", "young", "mature")


@dataclass(frozen=True)
class Retention:
    passed: int = 0
    failed: int = 0

    @property
    def rate(self) -> float | None:
        total = self.passed + self.failed
        return self.passed / total if total else None


@dataclass(frozen=True)
class Histogram:
    edges: tuple[float, ...]  # len(counts) + 1 bin edges
    counts: tuple[int, ...]


@dataclass(frozen=True)
class WeakNote:
    title: str
    path: str
    retrievability: float


@dataclass(frozen=True)
class TopicStats:
    topic: str
    notes: int
    avg_retrievability: float | None  # over notes already reviewed
    avg_stability: float | None
    due: int  # due by the end of today (new cards not counted)
    weakest: tuple[WeakNote, ...]


@dataclass(frozen=True)
class Stats:
    today: date
    total_reviews: int
    reviews_per_day: dict[date, int]  # the past year, days with reviews only
    seconds_per_day: dict[date, float]
    streak_current: int
    streak_longest: int
    forecast: dict[date, int]  # every day of the next FORECAST_DAYS, zeros included
    retention: dict[str, dict[str, Retention]]  # period -> young/mature -> counts
    buttons: dict[str, tuple[int, int, int, int]]  # learning/young/mature -> Again..Easy counts
    stability: Histogram
    difficulty: Histogram
    retrievability: Histogram
    topics: tuple[TopicStats, ...]
    drills: tuple[DrillStats, ...]
    mistakes: tuple[Mistake, ...]
    leeches: tuple[Leech, ...] = field(default=())

    @property
    def daily_load(self) -> float:
        """Mean reviews a day over the forecast window."""
        return sum(self.forecast.values()) / len(self.forecast) if self.forecast else 0.0


def topic_condition(topic: str | None) -> ColumnElement[bool]:
    """Cards of one topic (a tag or a folder), exactly as the queue understands it; all cards for None."""
    return queue.in_topic(topic)


def forgetting_curve(parameters: Sequence[float]) -> tuple[float, float]:
    """(decay, factor) of FSRS-6's curve R(t) = (1 + factor·t/S)^-decay, so that R(S) = 0.9."""
    decay = float(parameters[20])
    return decay, 0.9 ** (-1 / decay) - 1


def retrievability_at(stability: np.ndarray, elapsed_days: np.ndarray, parameters: Sequence[float]) -> np.ndarray:
    decay, factor = forgetting_curve(parameters)
    recall: np.ndarray = np.power(1 + factor * np.maximum(elapsed_days, 0.0) / stability, -decay)
    return recall


def hour_bucket(column: Any) -> Any:
    """'YYYY-MM-DD HH' of a stored naive-UTC time: the text prefix SQLAlchemy stores, far cheaper than
    strftime over 100,000 rows."""
    return func.substr(column, 1, 13)


class StudyDays:
    """UTC hour bucket ('YYYY-MM-DD HH') -> study day, cached (a year has at most 8,784 buckets)."""

    def __init__(self, day_starts_at: int) -> None:
        self.day_starts_at = day_starts_at
        self.cache: dict[str, date] = {}

    def __call__(self, bucket: str) -> date:
        day = self.cache.get(bucket)
        if day is None:
            b = bucket
            moment = datetime(int(b[0:4]), int(b[5:7]), int(b[8:10]), int(b[11:13]), tzinfo=UTC)
            day = self.cache[bucket] = study_day(moment, self.day_starts_at)
        return day


def compute_stats(
    session: Session,
    now: datetime,
    *,
    day_starts_at: int,
    parameters: Sequence[float],
    topic: str | None = None,
    leech_threshold: int = 8,
) -> Stats:
    days = StudyDays(day_starts_at)
    today = study_day(now, day_starts_at)
    in_topic = topic_condition(topic)
    reviews = _review_groups(session, in_topic, days)
    per_day: Counter[date] = Counter()
    seconds: defaultdict[date, float] = defaultdict(float)
    buttons = {kind: [0, 0, 0, 0] for kind in KINDS}
    retention = {p: {"young": [0, 0], "mature": [0, 0]} for p in PERIODS}
    total = 0
    for day, rating, kind, count, ms in reviews:
        total += count
        per_day[day] += count
        seconds[day] += ms / 1000
        if 1 <= rating <= 4:
            buttons[kind][rating - 1] += count
        if kind == "learning":
            continue
        age = (today - day).days
        for period in PERIODS:
            if period == "all" or age < _PERIOD_DAYS[period]:
                retention[period][kind][1 if rating == 1 else 0] += count
    first_day = today - timedelta(days=HEATMAP_DAYS - 1)
    current, longest = _streaks(set(per_day), today)
    cards = _card_arrays(session, in_topic, now, parameters)
    return Stats(
        today=today,
        total_reviews=total,
        reviews_per_day={d: n for d, n in sorted(per_day.items()) if d >= first_day},
        seconds_per_day={d: s for d, s in sorted(seconds.items()) if d >= first_day},
        streak_current=current,
        streak_longest=longest,
        forecast=_forecast(session, in_topic, now, today, days),
        retention={p: {k: Retention(*v) for k, v in r.items()} for p, r in retention.items()},
        buttons={k: (v[0], v[1], v[2], v[3]) for k, v in buttons.items()},
        stability=_histogram(cards["stability"], (0, 1, 3, 7, 14, 30, 60, 120, 365, 730, float("inf"))),
        difficulty=_histogram(cards["difficulty"], tuple(float(x) for x in range(1, 11))),
        retrievability=_histogram(cards["retrievability"], tuple(x / 10 for x in range(0, 11))),
        topics=_topics(session, in_topic, now, day_start(now, day_starts_at) + timedelta(days=1), parameters),
        drills=drill_stats(session, topic),
        mistakes=mistakes(session, topic),
        leeches=tuple(leeches(session, leech_threshold, in_topic)),
    )


def _review_groups(
    session: Session, in_topic: ColumnElement[bool], days: StudyDays
) -> list[tuple[date, int, str, int, int]]:
    """(study day, rating, learning/young/mature, count, milliseconds), grouped in SQL by UTC hour."""
    interval = func.julianday(func.json_extract(ReviewLog.before, "$.due")) - func.julianday(
        func.json_extract(ReviewLog.before, "$.last_review")
    )
    kind = case(
        (ReviewLog.state_before != REVIEW, "learning"),
        (interval < MATURE_DAYS, "young"),
        else_="mature",
    )
    hour = hour_bucket(ReviewLog.reviewed_at)
    stmt = (
        select(hour, ReviewLog.rating, kind, func.count(), func.coalesce(func.sum(ReviewLog.duration_ms), 0))
        .join(Card, Card.id == ReviewLog.card_id)
        .where(in_topic)
        .group_by(hour, ReviewLog.rating, kind)
    )
    return [(days(h), int(r), str(k), int(n), int(ms)) for h, r, k, n, ms in session.execute(stmt)]


def _streaks(active: set[date], today: date) -> tuple[int, int]:
    """Current streak (today counts once reviewed; a streak still alive from yesterday counts too) and longest."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(active):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in active else today - timedelta(days=1)
    while day in active:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def _forecast(
    session: Session, in_topic: ColumnElement[bool], now: datetime, today: date, days: StudyDays
) -> dict[date, int]:
    horizon = now + timedelta(days=FORECAST_DAYS + 1)
    hour = hour_bucket(Card.due)
    stmt = (
        select(hour, func.count())
        .where(in_topic, Card.suspended.is_(False), Card.state != NEW, Card.due < naive(horizon))
        .group_by(hour)
    )
    out = {today + timedelta(days=i): 0 for i in range(FORECAST_DAYS)}
    for bucket, count in session.execute(stmt):
        day = max(days(bucket), today)
        if day in out:
            out[day] += int(count)
    return out


def _card_arrays(
    session: Session, in_topic: ColumnElement[bool], now: datetime, parameters: Sequence[float]
) -> dict[str, np.ndarray]:
    rows = session.execute(
        select(Card.stability, Card.difficulty, func.julianday(naive(now)) - func.julianday(Card.last_review)).where(
            in_topic, Card.state != NEW, Card.stability.is_not(None), Card.last_review.is_not(None)
        )
    ).all()
    if not rows:
        empty = np.zeros(0)
        return {"stability": empty, "difficulty": empty, "retrievability": empty}
    arr = np.array(rows, dtype=float)
    return {
        "stability": arr[:, 0],
        "difficulty": arr[:, 1],
        "retrievability": retrievability_at(arr[:, 0], arr[:, 2], parameters),
    }


def _histogram(values: np.ndarray, edges: tuple[float, ...]) -> Histogram:
    counts, _ = np.histogram(np.clip(values, edges[0], min(edges[-1], 1e12)), bins=np.array(edges))
    return Histogram(edges=edges, counts=tuple(int(c) for c in counts))


def _topics(
    session: Session, in_topic: ColumnElement[bool], now: datetime, tomorrow: datetime, parameters: Sequence[float]
) -> tuple[TopicStats, ...]:
    rows = session.execute(
        select(
            Note.topic,
            Note.question,
            Note.path,
            Card.state,
            Card.stability,
            func.julianday(naive(now)) - func.julianday(Card.last_review),
            (Card.due < naive(tomorrow)) & Card.suspended.is_(False),
        )
        .join(Note, Card.note_id == Note.id)
        .where(in_topic, Card.kind == CardKind.NOTE, Note.missing.is_(False))
    ).all()
    by_topic: dict[str, list[tuple[str, str, str, float | None, float | None, bool]]] = {}
    for topic, title, path, state, stability, elapsed, due_today in rows:
        by_topic.setdefault(topic or "", []).append((title, path, state, stability, elapsed, bool(due_today)))
    out: list[TopicStats] = []
    for topic, notes in sorted(by_topic.items()):
        seen = [(t, p, s, e) for t, p, state, s, e, _d in notes if state != NEW and s and e is not None]
        r = (
            retrievability_at(np.array([s for _t, _p, s, _e in seen]), np.array([e for *_x, e in seen]), parameters)
            if seen
            else np.zeros(0)
        )
        weakest = sorted(zip(r.tolist(), seen), key=lambda x: x[0])[:WEAKEST_PER_TOPIC]
        due = sum(1 for _t, _p, state, _s, _e, due_today in notes if state != NEW and due_today)
        out.append(
            TopicStats(
                topic=topic,
                notes=len(notes),
                avg_retrievability=float(r.mean()) if len(r) else None,
                avg_stability=float(np.mean([s for _t, _p, s, _e in seen])) if seen else None,
                due=due,
                weakest=tuple(WeakNote(t, p, float(rr)) for rr, (t, p, _s, _e) in weakest),
            )
        )
    return tuple(out)


def to_json(stats: Stats) -> dict[str, Any]:
    """The `--json` object: ISO dates, plain numbers (documented keys first)."""

    def ret(r: Retention) -> dict[str, Any]:
        return {"passed": r.passed, "failed": r.failed, "rate": r.rate}

    def hist(h: Histogram) -> dict[str, Any]:
        return {"edges": [e if e != float("inf") else None for e in h.edges], "counts": list(h.counts)}

    return {
        "reviews_per_day": {d.isoformat(): n for d, n in stats.reviews_per_day.items()},
        "forecast": {d.isoformat(): n for d, n in stats.forecast.items()},
        "true_retention": {k: ret(v) for k, v in stats.retention["all"].items()},
        "topics": [
            {
                "topic": t.topic,
                "notes": t.notes,
                "avg_retrievability": t.avg_retrievability,
                "avg_stability": t.avg_stability,
                "due": t.due,
                "weakest": [{"title": w.title, "path": w.path, "retrievability": w.retrievability} for w in t.weakest],
            }
            for t in stats.topics
        ],
        "drills": [
            {"type": d.type, "attempts": d.attempts, "accuracy": d.accuracy, "avg_seconds": d.avg_seconds}
            for d in stats.drills
        ],
        "today": stats.today.isoformat(),
        "total_reviews": stats.total_reviews,
        "seconds_per_day": {d.isoformat(): round(s, 1) for d, s in stats.seconds_per_day.items()},
        "streak": {"current": stats.streak_current, "longest": stats.streak_longest},
        "daily_load": stats.daily_load,
        "true_retention_by_period": {p: {k: ret(v) for k, v in r.items()} for p, r in stats.retention.items()},
        "buttons": {k: list(v) for k, v in stats.buttons.items()},
        "stability": hist(stats.stability),
        "difficulty": hist(stats.difficulty),
        "retrievability": hist(stats.retrievability),
        "mistakes": [
            {"type": m.type, "level": m.level, "wrong": m.wrong, "attempts": m.attempts} for m in stats.mistakes
        ],
        "leeches": [
            {"card_id": lc.card_id, "title": lc.title, "path": lc.path, "lapses": lc.lapses, "suspended": lc.suspended}
            for lc in stats.leeches
        ],
    }
