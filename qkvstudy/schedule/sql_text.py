"""SQL text for the queries written out for sqlite3 (schedule.stats and what it calls): one topic (a note's
topic, a tag, a folder, or `drills`) as a condition on the `cards` table, saying what schedule.queue.in_topic
says (tests/insight/test_stats_quick.py checks both pick the same cards); counts, hours and times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

DRILL_TOPIC = "drills"  # schedule.queue.DRILL_TOPIC (that module imports SQLAlchemy)


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
