"""How the learner is doing, from the review log and the cards: plain values for the stats screen and
`qkvstudy stats`.

Everything is aggregated in SQL (no NumPy, no snapshot parsed): the review log in one grouped scan of
its `ix_review_logs_hour` index (by UTC hour, so a study day that turns over at a local hour is exact
across daylight saving), the cards' distributions as counts per bin edge. Python only walks the small
grouped results: 100,000 reviews cost one index scan, not 100,000 Python objects.

Definitions, as in Anki:
- true retention: the share of reviews of cards in the review state that were not graded Again;
  young = the card's scheduled interval before that review (`last_interval_days`) was < 21 days, mature = ≥ 21;
- the forecast counts cards in review or (re)learning by the study day they fall due (overdue on today);
- retrievability is FSRS-6's forgetting curve with the parameters in use, at the moment asked.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from qkvstudy.config import day_start, study_day
from qkvstudy.schedule.drill_stats import DrillStats, Mistake, drill_stats, mistakes
from qkvstudy.schedule.leech_list import Leech, leeches
from qkvstudy.schedule.sql_text import count as _count
from qkvstudy.schedule.sql_text import db_time, topic_sql
from qkvstudy.schedule.sql_text import hour as _hour

MATURE_DAYS = 21
FORECAST_DAYS = 30
HEATMAP_DAYS = 365
WEAKEST_PER_TOPIC = 3
PERIODS = ("today", "week", "month", "year", "all")
_PERIOD_DAYS = {"today": 1, "week": 7, "month": 30, "year": 365}
KINDS = ("learning", "young", "mature")
STABILITY_EDGES = (0.0, 1.0, 3.0, 7.0, 14.0, 30.0, 60.0, 120.0, 365.0, 730.0, float("inf"))
DIFFICULTY_EDGES = tuple(float(x) for x in range(1, 11))
RETRIEVABILITY_EDGES = tuple(x / 10 for x in range(0, 11))


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


def forgetting_curve(parameters: Sequence[float]) -> tuple[float, float]:
    """(decay, factor) of FSRS-6's curve R(t) = (1 + factor·t/S)^-decay, so that R(S) = 0.9."""
    decay = float(parameters[20])
    return decay, 0.9 ** (-1 / decay) - 1


def recall(stability: float, elapsed_days: float, parameters: Sequence[float]) -> float:
    """FSRS-6's chance of recall `elapsed_days` after a review that left `stability` (days)."""
    decay, factor = forgetting_curve(parameters)
    return float((1 + factor * max(elapsed_days, 0.0) / stability) ** -decay)


def elapsed_per_stability(retrievability: float, parameters: Sequence[float]) -> float:
    """The t/S at which recall falls to `retrievability`: R ≥ r exactly when t/S ≤ this (R falls as t/S grows),
    so a retrievability histogram is counted in SQL without a power function."""
    decay, factor = forgetting_curve(parameters)
    return float((retrievability ** (-1 / decay) - 1) / factor)


def hour_bucket(column: Any) -> Any:
    """'YYYY-MM-DD HH' of a stored naive-UTC time as a SQLAlchemy expression (schedule.optimize's),
    as sql_text.hour spells it. Imported here, on use: the stats themselves need no SQLAlchemy."""
    from sqlalchemy import func, literal_column

    return func.substr(column, literal_column("1"), literal_column("13"))


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
    con: sqlite3.Connection,
    now: datetime,
    *,
    day_starts_at: int,
    parameters: Sequence[float],
    topic: str | None = None,
    leech_threshold: int = 8,
) -> Stats:
    """The stats on a plain sqlite3 connection (the Study's own, or `qkvstudy stats` opening the file alone)."""
    days = StudyDays(day_starts_at)
    today = study_day(now, day_starts_at)
    in_topic = topic_sql(topic)
    total, per_day, seconds, buttons, retention = _tally(_review_groups(con, topic), today, days)
    first_day = today - timedelta(days=HEATMAP_DAYS - 1)
    current, longest = _streaks(set(per_day), today)
    stability, difficulty, retrievability = _card_histograms(con, in_topic, now, parameters)
    return Stats(
        today=today,
        total_reviews=total,
        reviews_per_day={d: n for d, n in sorted(per_day.items()) if d >= first_day},
        seconds_per_day={d: s for d, s in sorted(seconds.items()) if d >= first_day},
        streak_current=current,
        streak_longest=longest,
        forecast=_forecast(con, in_topic, now, today, days),
        retention=retention,
        buttons=buttons,
        stability=stability,
        difficulty=difficulty,
        retrievability=retrievability,
        topics=_topics(con, in_topic, now, day_start(now, day_starts_at) + timedelta(days=1), parameters),
        drills=drill_stats(con, topic),
        mistakes=mistakes(con, topic),
        leeches=tuple(leeches(con, leech_threshold, topic)),
    )


def _review_groups(con: sqlite3.Connection, topic: str | None) -> list[tuple[str, int, tuple[int, int, int], int]]:
    """(UTC hour, rating, (learning, young, mature) counts, milliseconds): one scan of the hour index."""
    hour = _hour("review_logs.reviewed_at")
    learning = "review_logs.state_before != 'review'"
    in_review = "review_logs.state_before = 'review'"
    mature = f"{in_review} AND review_logs.last_interval_days >= {MATURE_DAYS}"
    sql = (
        f"SELECT {hour}, review_logs.rating, {_count(learning)}, "
        # young: a NULL interval (a broken snapshot) counts here
        f"{_count(in_review)} - {_count(mature)}, {_count(mature)}, coalesce(sum(review_logs.duration_ms), 0) "
        "FROM review_logs"
    )
    where, params = topic_sql(topic)
    if topic:
        sql += f" WHERE review_logs.card_id IN (SELECT cards.id FROM cards WHERE {where})"
    sql += f" GROUP BY {hour}, review_logs.rating"
    return [
        (str(h), int(r), (int(a or 0), int(y or 0), int(m or 0)), int(ms))
        for h, r, a, y, m, ms in con.execute(sql, params)
    ]


def _tally(
    groups: list[tuple[str, int, tuple[int, int, int], int]], today: date, days: StudyDays
) -> tuple[
    int,
    Counter[date],
    dict[date, float],
    dict[str, tuple[int, int, int, int]],
    dict[str, dict[str, Retention]],
]:
    """Total, reviews and seconds per study day, answer buttons per kind, retention per period."""
    by_day: defaultdict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    seconds: defaultdict[date, float] = defaultdict(float)
    for hour, rating, counts, ms in groups:  # hours -> study days first: at most a few thousand rows
        day = days(hour)
        tally = by_day[day, rating]
        for i in range(3):
            tally[i] += counts[i]
        seconds[day] += ms / 1000
    per_day: Counter[date] = Counter()
    buttons = {kind: [0, 0, 0, 0] for kind in KINDS}
    retention = {p: {"young": [0, 0], "mature": [0, 0]} for p in PERIODS}
    for (day, rating), kinds in by_day.items():
        per_day[day] += sum(kinds)
        if 1 <= rating <= 4:
            for kind, count in zip(KINDS, kinds):
                buttons[kind][rating - 1] += count
        age = (today - day).days
        periods = [p for p in PERIODS if p == "all" or age < _PERIOD_DAYS[p]]
        for kind, count in (("young", kinds[1]), ("mature", kinds[2])):
            for period in periods:
                retention[period][kind][1 if rating == 1 else 0] += count
    return (
        sum(per_day.values()),
        per_day,
        seconds,
        {k: (v[0], v[1], v[2], v[3]) for k, v in buttons.items()},
        {p: {k: Retention(*v) for k, v in r.items()} for p, r in retention.items()},
    )


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
    con: sqlite3.Connection, in_topic: tuple[str, dict[str, Any]], now: datetime, today: date, days: StudyDays
) -> dict[date, int]:
    where, params = in_topic
    horizon = db_time(now + timedelta(days=FORECAST_DAYS + 1))
    hour = _hour("cards.due")
    sql = (
        f"SELECT {hour}, count(*) FROM cards WHERE {where} AND cards.suspended IS 0 AND cards.state != 'new' "
        f"AND cards.due < :horizon GROUP BY {hour}"
    )
    out = {today + timedelta(days=i): 0 for i in range(FORECAST_DAYS)}
    for bucket, count in con.execute(sql, {**params, "horizon": horizon}):
        day = max(days(bucket), today)
        if day in out:
            out[day] += int(count)
    return out


def _elapsed_days(now: datetime) -> tuple[str, dict[str, Any]]:
    """Days since the card's last review, in SQL, with its parameter."""
    naive_now = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    return "(julianday(:now) - julianday(cards.last_review))", {"now": naive_now.isoformat(sep=" ")}


def _at_least(value: str, edges: Sequence[float]) -> list[str]:
    """SQL counts of `value ≥ e` for each inner edge (the first and last edges catch everything beyond)."""
    return [_count(f"{value} >= {float(e)!r}") for e in edges[1:-1]]


def _histogram(total: int, at_least: Sequence[int], edges: tuple[float, ...]) -> Histogram:
    """Bin counts from `total` and the counts at or above each inner edge (np.histogram's bins, values
    beyond the outer edges clipped into the first and last bin)."""
    bounds = [total, *at_least, 0]
    return Histogram(edges=edges, counts=tuple(bounds[i] - bounds[i + 1] for i in range(len(edges) - 1)))


def _card_histograms(
    con: sqlite3.Connection, in_topic: tuple[str, dict[str, Any]], now: datetime, parameters: Sequence[float]
) -> tuple[Histogram, Histogram, Histogram]:
    """Stability, FSRS difficulty and retrievability now, over the cards already reviewed: one aggregate row."""
    where, params = in_topic
    elapsed, now_param = _elapsed_days(now)
    ratio = f"{elapsed} / cards.stability"
    # R ≥ r exactly when t/S ≤ its threshold; counted as "R ≥ r", so the bins come out as for any value.
    recall_at_least = [
        _count(f"{ratio} <= {elapsed_per_stability(r, parameters)!r}") for r in RETRIEVABILITY_EDGES[1:-1]
    ]
    columns = [
        "count(*)",
        *_at_least("cards.stability", STABILITY_EDGES),
        *_at_least("cards.difficulty", DIFFICULTY_EDGES),
        *recall_at_least,
    ]
    sql = (
        f"SELECT {', '.join(columns)} FROM cards WHERE {where} AND cards.state != 'new' AND cards.stability > 0 "
        "AND cards.difficulty IS NOT NULL AND cards.last_review IS NOT NULL"
    )
    row = con.execute(sql, {**params, **now_param}).fetchone()
    total, *rest = (int(x or 0) for x in row)
    s, d = len(STABILITY_EDGES) - 2, len(DIFFICULTY_EDGES) - 2
    return (
        _histogram(total, rest[:s], STABILITY_EDGES),
        _histogram(total, rest[s : s + d], DIFFICULTY_EDGES),
        _histogram(total, rest[s + d :], RETRIEVABILITY_EDGES),
    )


def _topics(
    con: sqlite3.Connection,
    in_topic: tuple[str, dict[str, Any]],
    now: datetime,
    tomorrow: datetime,
    parameters: Sequence[float],
) -> tuple[TopicStats, ...]:
    """Per topic: notes, due by the end of today, average stability and recall now (over reviewed notes),
    and the weakest notes (highest t/S is lowest recall), each topic's few fetched with their titles."""
    where, params = in_topic
    elapsed, now_param = _elapsed_days(now)
    # `kind || ''`: nearly every card is a note card, so reading the cards in order beats the (kind, due)
    # index here (SQLite's planner, without statistics, would take the index: twice as slow at 12,000).
    note_cards = (
        "FROM cards JOIN notes ON cards.note_id = notes.id "
        f"WHERE {where} AND (cards.kind || '') = 'note' AND notes.missing IS 0"
    )
    topic = "coalesce(notes.topic, '')"
    due = _count("cards.state != 'new' AND cards.due < :tomorrow AND NOT cards.suspended")
    rows = [
        (str(name), int(notes), int(n_due or 0))
        for name, notes, n_due in con.execute(
            f"SELECT {topic}, count(*), {due} {note_cards} GROUP BY {topic}", {**params, "tomorrow": db_time(tomorrow)}
        )
    ]
    # (t/S, −id, S) per reviewed note: recall falls as t/S grows, so the weakest are the largest tuples.
    memory: defaultdict[str, list[tuple[float, int, float]]] = defaultdict(list)
    for name, card_id, stability, ratio in con.execute(
        f"SELECT {topic}, cards.id, cards.stability, {elapsed} / cards.stability {note_cards} "
        "AND cards.state != 'new' AND cards.stability > 0 AND cards.last_review IS NOT NULL",
        {**params, **now_param},
    ):
        memory[name].append((max(float(ratio), 0.0), -int(card_id), float(stability)))
    decay, factor = forgetting_curve(parameters)
    weakest = {name: heapq.nlargest(WEAKEST_PER_TOPIC, cards) for name, cards in memory.items()}
    wanted = [-c for picked in weakest.values() for _r, c, _s in picked]
    titles = {
        int(i): (q, p)
        for i, q, p in con.execute(
            "SELECT cards.id, notes.question, notes.path FROM cards JOIN notes ON cards.note_id = notes.id "
            f"WHERE cards.id IN ({', '.join(str(int(i)) for i in wanted)})"
        )
    }
    out = []
    for name, notes, n_due in sorted(rows):
        cards = memory.get(name, [])
        total_recall = sum((1 + factor * r) ** -decay for r, _c, _s in cards)
        out.append(
            TopicStats(
                topic=name,
                notes=notes,
                avg_retrievability=total_recall / len(cards) if cards else None,
                avg_stability=sum(s for _r, _c, s in cards) / len(cards) if cards else None,
                due=n_due,
                weakest=tuple(
                    WeakNote(*titles[-c], (1 + factor * r) ** -decay)
                    for r, c, _s in weakest.get(name, ())
                    if -c in titles
                ),
            )
        )
    return tuple(out)
