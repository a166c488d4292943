"""One topic (a note's topic, a tag, a folder, or `drills`) as SQL text on the `cards` table, for the
queries written out for sqlite3 (schedule.stats and what it calls). It says what schedule.queue.in_topic
says; tests/insight/test_stats_quick.py checks both pick the same cards."""

from __future__ import annotations

from typing import Any

DRILL_TOPIC = "drills"  # schedule.queue.DRILL_TOPIC (that module imports SQLAlchemy)


def topic_sql(topic: str | None) -> tuple[str, dict[str, Any]]:
    """(condition on `cards`, its named parameters); every card for None."""
    if not topic:
        return "1", {}
    if topic == DRILL_TOPIC:
        return "cards.note_id IS NULL", {}
    # A folder: LIKE with '/' as the escape, as SQLAlchemy's startswith(autoescape=True).
    prefix = topic.rstrip("/") + "/"
    like = prefix.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
    sql = (
        "EXISTS (SELECT 1 FROM notes AS topic_note WHERE topic_note.id = cards.note_id AND "
        "(topic_note.topic = :topic OR topic_note.path LIKE :topic_prefix ESCAPE '/' OR EXISTS (SELECT 1 "
        "FROM note_tags WHERE note_tags.note_id = topic_note.id AND note_tags.tag_id = "
        "(SELECT tags.id FROM tags WHERE tags.name = :topic))))"
    )
    return sql, {"topic": topic, "topic_prefix": like}
