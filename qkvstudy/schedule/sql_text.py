"""SQL text for the queries written out for sqlite3 (schedule.stats and what it calls, the quick queue and
counts): one topic (a note's topic, a tag, a folder, or `drills`) as a condition on the `cards` table, saying
what schedule.queue.in_topic says (tests/insight/test_stats_quick.py checks both pick the same cards); which
cards a session may show (schedule.queue.eligible); counts, hours and times.

The queue's constants live here, not in schedule.queue, so that the sqlite3-only paths can read them
without importing SQLAlchemy (schedule.queue imports them from here)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

DRILL_TOPIC = "drills"  # drill cards (no note) are this topic
LEARN_AHEAD = timedelta(minutes=20)  # when nothing else is left, learning steps due this soon are shown


def topic_sql(topic: str | None, cards: str = "cards") -> tuple[str, dict[str, Any]]:
    """(condition on the cards table, or its alias `cards`, and its named parameters); every card for
    None. schedule.queue.in_topic as SQL text, for the sqlite3 paths (stats, the quick queue)."""
    if not topic:
        return "1", {}
    if topic == DRILL_TOPIC:
        return f"{cards}.note_id IS NULL", {}
    # A folder: LIKE with '/' as the escape, as SQLAlchemy's startswith(autoescape=True).
    prefix = topic.rstrip("/") + "/"
    like = prefix.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
    sql = (
        f"EXISTS (SELECT 1 FROM notes AS topic_note WHERE topic_note.id = {cards}.note_id AND "
        "(topic_note.topic = :topic OR topic_note.path LIKE :topic_prefix ESCAPE '/' OR EXISTS (SELECT 1 "
        "FROM note_tags WHERE note_tags.note_id = topic_note.id AND note_tags.tag_id = "
        "(SELECT tags.id FROM tags WHERE tags.name = :topic))))"
    )
    return sql, {"topic": topic, "topic_prefix": like}


def count(condition: str) -> str:
    """How many rows meet `condition` (0, not NULL, over no rows)."""
    return f"coalesce(sum({condition}), 0)"


def hour(column: str) -> str:
    """'YYYY-MM-DD HH' of a stored naive-UTC time: the text prefix the database stores, far cheaper than
    strftime over 100,000 rows. Literal numbers, as in the review log's `ix_review_logs_hour` index."""
    return f"substr({column}, 1, 13)"


def db_time(value: datetime) -> str:
    """An aware time as the database stores it (store.models.UtcDateTime: naive UTC, microseconds always)."""
    return f"{value.astimezone(UTC).replace(tzinfo=None):%Y-%m-%d %H:%M:%S.%f}"


def available(cards: str = "c") -> str:
    """schedule.queue.eligible's first two conditions on `cards` at `:now`: not suspended, not buried."""
    return f"{cards}.suspended IS 0 AND ({cards}.buried_until IS NULL OR {cards}.buried_until <= :now)"


def eligible(topic: str | None, cards: str = "c") -> tuple[str, dict[str, Any]]:
    """schedule.queue.eligible as SQL on the cards table's alias `cards` at `:now` (the caller binds it):
    available, its note present (drill types have none), and in `topic`; with its named parameters."""
    sql = (
        f"{available(cards)} AND ({cards}.note_id IS NULL OR NOT EXISTS (SELECT 1 FROM notes AS m "
        f"WHERE m.id = {cards}.note_id AND m.missing IS 1))"
    )
    if not topic:
        return sql, {}
    condition, params = topic_sql(topic, cards)
    return f"{sql} AND {condition}", params
