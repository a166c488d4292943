"""`qkvstudy stats` the quick way: the stats on a sqlite3 connection of their own, no Study opened.

Importing SQLAlchemy alone costs more than the stats of 100,000 reviews. schedule.stats is SQL text for
sqlite3 (the Study runs the same code on its session's connection), so when the database is a SQLite file
already at the newest schema (store.revision.HEAD), the library is indexed and the topic asked for is
known, this module opens the file with sqlite3 and computes them. Anything else (another database, an
older schema, a first start, a topic not known yet) returns None and the command opens the Study, which
migrates, scans and names an unknown topic.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from qkvstudy import config
from qkvstudy.schedule import memory
from qkvstudy.schedule.sql_text import topic_sql
from qkvstudy.store import health, revision
from qkvstudy.store.busy import busy_timeout_ms

if TYPE_CHECKING:
    from qkvstudy.schedule.stats import Stats


def quick_stats(db: str | None, topic: str | None) -> Stats | None:
    """The stats of `topic` (None: the whole library) read with sqlite3 alone; None: use the Study."""
    url = config.database_url(db)
    if not url.startswith("sqlite:///"):
        return None
    db_file = Path(url.removeprefix("sqlite:///"))
    if not db_file.is_file():
        return None
    health.check_file(db_file)
    try:
        con = sqlite3.connect(db_file, timeout=busy_timeout_ms() / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise health.describe(db_file, exc) or exc from exc
    try:
        con.execute("BEGIN")  # one read transaction: every figure from the same state of the log
        if not _ready(con, topic):
            return None
        return _compute(con, topic)
    except sqlite3.Error as exc:
        raise health.describe(db_file, exc) or exc from exc
    finally:
        con.close()


def _ready(con: sqlite3.Connection, topic: str | None) -> bool:
    """At the schema this code knows, something indexed, and the topic (if any) names some card."""
    if revision.stamp(con) != revision.HEAD:
        return False
    if con.execute("SELECT 1 FROM notes LIMIT 1").fetchone() is None:
        return False  # a first start: the Study indexes the library
    if topic:
        where, params = topic_sql(topic)
        return con.execute(f"SELECT 1 FROM cards WHERE {where} LIMIT 1", params).fetchone() is not None
    return True


def _compute(con: sqlite3.Connection, topic: str | None) -> Stats:
    from qkvstudy.schedule.stats import compute_stats

    settings = config.load_settings()
    return compute_stats(
        con,
        config.now(),
        day_starts_at=settings.day_starts_at,
        parameters=tuple(memory.make_scheduler(settings).parameters),
        topic=topic,
        leech_threshold=settings.leech_threshold,
    )
