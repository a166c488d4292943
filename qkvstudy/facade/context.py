"""What every part of the facade shares: the database sessions, the library root, the settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from fsrs import Scheduler
from sqlalchemy.engine import Engine

from qkvstudy import config
from qkvstudy.errors import QkvError
from qkvstudy.store.engine import Sessions


class StudyError(QkvError):
    """Something the user asked for that cannot be done (unknown card, nothing to undo): one line."""


@dataclass
class Context:
    sessions: Sessions
    root: Path
    settings: config.Settings
    scheduler: Scheduler
    write_back: bool
    # A SQLite engine whose connections grade a note card through sqlite3 (facade.quick_grade):
    # one SQLAlchemy statement costs more than the whole grade. None: the ORM path only.
    sqlite: Engine | None = None

    def now(self) -> datetime:
        return config.now()

    def day_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        """The current study day: from its boundary (default 04:00 local) to the next one."""
        start = config.day_start(now, self.settings.day_starts_at)
        return start, start + timedelta(days=1)
