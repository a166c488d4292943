"""The counts (views.Counts) as SQL text for sqlite3: what `Study.counts` and `Study.topics` answer on SQLite,
and home's first numbers, read from the database file before the app has a Study.

Importing SQLAlchemy and opening a Study cost about 0.35 s of the app's start, several times the count
itself, so home reads its first numbers here (`FileCounts`, in the app's reader thread) and the Study
counts through the same functions on its session's connection (facade.queries): the two cannot differ.
facade.queries with schedule.queue.state_counts is the same definition in SQLAlchemy Core, for other
databases, written independently: tests/speed/test_quick_counts.py checks that both give the same counts
over varied libraries and histories.
This module imports neither SQLAlchemy nor anything that does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from qkvstudy import config
from qkvstudy.errors import QkvError
from qkvstudy.schedule.sql_text import DRILL_TOPIC, LEARN_AHEAD, available, count, db_time, topic_sql
from qkvstudy.store import revision
from qkvstudy.store.busy import busy_timeout_ms
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW, Counts, TopicCount


class StateCounts(NamedTuple):
    """schedule.queue.StateCounts, read with sqlite3."""

    topic: str
    new: int
    learning: int
    reviews: int
    total: int
    suspended: int


@dataclass(frozen=True)
class Window:
    """When the counts are taken: cards eligible `at`, new cards and reviews due before `until`,
    learning steps due by `learning_until`; `day_start` is the study day whose review log counts
    against the daily limits (None: a later day, nothing done yet)."""

    at: datetime
    until: datetime
    learning_until: datetime
    day_start: datetime | None


def window(now: datetime, day_starts_at: int, days_ahead: int = 0) -> Window:
    """Today's counts (days_ahead 0), or a later study day's from its start, whose learning steps all count
    (facade.queries.Queries._counts says the same for the Core count)."""
    start = config.day_start(now, day_starts_at)  # facade.context.Context.day_bounds
    if days_ahead <= 0:
        return Window(now, start + timedelta(days=1), now + LEARN_AHEAD, start)
    at = start + timedelta(days=days_ahead)
    return Window(at, at + timedelta(days=1), at + timedelta(days=1), None)


def left_today(available: int, limit: int, done: int) -> int:
    """schedule.queue.left_today: how many of `available` cards today's limit still lets through."""
    return min(available, max(0, limit - done))


def limited(row: StateCounts, settings: config.Settings, reviewed: int, introduced: int) -> Counts:
    """A row's counts with the daily limits applied, given what the review log says was done today."""
    return Counts(
        new=left_today(row.new, settings.new_per_day, introduced),
        learning=row.learning,
        due=left_today(row.reviews, settings.reviews_per_day, reviewed),
        total=row.total,
        suspended=row.suspended,
    )


def done_today(con: sqlite3.Connection, day_start: datetime) -> tuple[int, int]:
    """schedule.queue.done_today: (reviews of non-new cards, new cards introduced) since the day boundary."""
    reviews, new_seen = con.execute(
        "SELECT count(*), sum(CASE WHEN state_before = ? THEN 1 ELSE 0 END) FROM review_logs WHERE reviewed_at >= ?",
        (str(NEW), db_time(day_start)),
    ).fetchone()
    reviews, new_seen = reviews or 0, new_seen or 0
    return reviews - new_seen, new_seen


def state_counts(
    con: sqlite3.Connection,
    at: datetime,
    until: datetime,
    learning_until: datetime,
    topic: str | None = None,
    by_topic: bool = False,
) -> list[StateCounts]:
    """schedule.queue.state_counts (see there for what each figure is), one row or one per topic.

    The outer join keeps only cards whose note is present, so of schedule.queue.eligible only
    `available` is left to check per figure (one note looked up per card, not two)."""
    ok = available("c")
    where, params = topic_sql(topic, "c")
    topic_col = f"CASE WHEN c.note_id IS NULL THEN '{DRILL_TOPIC}' ELSE n.topic END" if by_topic else "''"
    sql = (
        f"SELECT {topic_col}, "
        f"{count(f'{ok} AND c.state = :new AND c.due < :until')}, "
        f"{count(f'{ok} AND c.state IN (:learning, :relearning) AND c.due <= :learning_until')}, "
        f"{count(f'{ok} AND c.state = :review AND c.due < :until')}, "
        f"count(*), {count('c.suspended IS 1')} "
        "FROM cards AS c LEFT OUTER JOIN notes AS n ON c.note_id = n.id "
        f"WHERE (c.note_id IS NULL OR n.missing IS 0) AND {where}"
    )
    if by_topic:
        sql += " GROUP BY 1 ORDER BY 1"
    params.update(
        now=db_time(at),
        until=db_time(until),
        learning_until=db_time(learning_until),
        new=str(NEW),
        learning=str(LEARNING),
        relearning=str(RELEARNING),
        review=str(REVIEW),
    )
    return [StateCounts(str(row[0] or ""), *map(int, row[1:])) for row in con.execute(sql, params) if row[4]]


def counts(
    con: sqlite3.Connection,
    settings: config.Settings,
    now: datetime,
    topic: str | None = None,
    days_ahead: int = 0,
    by_topic: bool = False,
) -> list[tuple[str, Counts]]:
    """The counts as views.Counts defines them, (topic, counts) per row; read in the caller's transaction."""
    when = window(now, settings.day_starts_at, days_ahead)
    reviewed, introduced = done_today(con, when.day_start) if when.day_start is not None else (0, 0)
    rows = state_counts(con, when.at, when.until, when.learning_until, topic, by_topic)
    return [(row.topic, limited(row, settings, reviewed, introduced)) for row in rows]


class FileCounts:
    """Home's counts read from a SQLite database file with sqlite3 alone, no Study opened.

    Each read opens the file, checks it is at the schema this code knows, counts in one read
    transaction and closes it. None, whatever goes wrong (another kind of database, an older
    schema, a locked or damaged file, a bad setting): the app then waits for the Study, which
    migrates or says what is wrong in one line.
    """

    def __init__(self, db_url: str) -> None:
        self.path = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite:///") else None

    def counts(self) -> Counts | None:
        """All topics' counts (`Study.counts()`)."""
        rows = self._read(by_topic=False)
        if rows is None:
            return None
        return rows[0][1] if rows else Counts(0, 0, 0, 0, 0)

    def topics(self) -> list[TopicCount] | None:
        """Each topic's counts (`Study.topics()`)."""
        rows = self._read(by_topic=True)
        if rows is None:
            return None
        return [TopicCount(name, c.new, c.learning, c.due, c.total, c.suspended) for name, c in rows]

    def _read(self, by_topic: bool) -> list[tuple[str, Counts]] | None:
        if self.path is None or not self.path.is_file():  # sqlite3.connect would create it
            return None
        try:
            settings = config.load_settings()
            con = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000, isolation_level=None)
            try:
                con.execute("BEGIN")  # the log and the cards from one state of the file
                if revision.stamp(con) != revision.HEAD:
                    return None
                return counts(con, settings, config.now(), by_topic=by_topic)
            finally:
                con.close()
        except (sqlite3.Error, QkvError, OSError):
            return None
