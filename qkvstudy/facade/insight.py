"""Insight: stats, one card's memory, personal parameters, choosing a retention, leeches.

The work is in schedule/{stats,card_info,optimize,simulate}; those modules import NumPy and fsrs-rs,
so they are loaded on first use, not when the app starts.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qkvstudy import config
from qkvstudy.facade.context import Context, StudyError
from qkvstudy.facade.frontmatter_sync import FrontMatterSync
from qkvstudy.i18n import t
from qkvstudy.schedule import memory
from qkvstudy.store.models import Card, Note

if TYPE_CHECKING:
    from qkvstudy.schedule.card_info import CardMemory
    from qkvstudy.schedule.leech_list import Leech
    from qkvstudy.schedule.optimize import OptimizeResult
    from qkvstudy.schedule.simulate import RetentionChoice
    from qkvstudy.schedule.stats import Stats


class Insight:
    def __init__(self, ctx: Context, sync: FrontMatterSync) -> None:
        self.ctx = ctx
        self.sync = sync

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self.ctx.scheduler.parameters)

    def stats(self, topic: str | None = None) -> Stats:
        from qkvstudy.schedule.stats import compute_stats

        with self.ctx.sessions() as s:
            return compute_stats(
                raw_sqlite(s),
                self.ctx.now(),
                day_starts_at=self.ctx.settings.day_starts_at,
                parameters=self.parameters,
                topic=topic,
                leech_threshold=self.ctx.settings.leech_threshold,
            )

    def indexed(self) -> bool:
        """Whether any note of the library is in the database yet (a first start has none)."""
        with self.ctx.sessions() as s:
            return s.scalar(select(Note.id).limit(1)) is not None

    def card_memory(self, card_id: int) -> CardMemory:
        from qkvstudy.schedule.card_info import card_memory

        with self.ctx.sessions() as s:
            info = card_memory(s, card_id, self.ctx.now(), self.parameters, self.ctx.settings.desired_retention)
        if info is None:
            raise StudyError(t("core.study.no_card", id=card_id))
        return info

    def leeches(self) -> list[Leech]:
        from qkvstudy.schedule.leech_list import leeches

        with self.ctx.sessions() as s:
            return leeches(raw_sqlite(s), self.ctx.settings.leech_threshold)

    def optimize(self, settings_file: Path | None = None) -> OptimizeResult:
        """Fit parameters to this log; when they predict the held-out reviews better, save and use them."""
        from qkvstudy.schedule.optimize import optimize

        with self.ctx.sessions() as s:
            result = optimize(
                s,
                day_starts_at=self.ctx.settings.day_starts_at,
                relearning_steps=len(self.ctx.settings.relearning_steps_minutes),
            )
        if result.status == "saved" and result.parameters is not None:
            self.use_parameters(settings_file, result.parameters)
        return result

    def use_parameters(self, settings_file: Path | None, parameters: tuple[float, ...] | None) -> None:
        """Save (None: remove) personal parameters in settings.toml and schedule with them from now on."""
        from qkvstudy.schedule.optimize import save_parameters

        save_parameters(settings_file or config.settings_path(), parameters)
        self._apply(parameters or ())

    def reset_parameters(self, settings_file: Path | None = None) -> None:
        """Back to the default parameters (`optimize --reset`)."""
        self.use_parameters(settings_file, None)

    def reload_parameters(self) -> None:
        """Pick up parameters another Study (a worker) saved in the settings file."""
        saved = config.load_settings().fsrs_parameters
        if saved != self.ctx.settings.fsrs_parameters:
            self._apply(saved)

    def _apply(self, parameters: tuple[float, ...]) -> None:
        # Every facade part shares this context, so they all schedule with the new weights at once.
        self.ctx.settings = replace(self.ctx.settings, fsrs_parameters=parameters)
        self.ctx.scheduler = memory.make_scheduler(self.ctx.settings)

    def retention_table(self) -> list[RetentionChoice]:
        from qkvstudy.schedule.simulate import retention_table

        settings = self.ctx.settings
        with self.ctx.sessions() as s:
            deck = s.scalar(select(func.count()).select_from(Card).where(Card.suspended.is_(False))) or 0
        return retention_table(
            self.parameters,
            deck_size=deck,
            new_per_day=settings.new_per_day,
            reviews_per_day=settings.reviews_per_day,
            maximum_interval_days=settings.maximum_interval_days,
            learning_steps=len(settings.learning_steps_minutes),
            relearning_steps=len(settings.relearning_steps_minutes),
        )

    def reschedule(self) -> tuple[int, list[str]]:
        """Every reviewed card rebuilt from its history with the current retention and parameters,
        front-matter written back. Returns (cards whose due date moved, one-line problems)."""
        from qkvstudy.schedule.simulate import reschedule

        with self.ctx.sessions.begin() as s:
            self.sync.flush(s)
            done = reschedule(s, self.ctx.scheduler, self.ctx.settings.day_starts_at, self.ctx.now())
        problems = []
        if self.ctx.write_back:
            for r in done:
                if r.front_matter is not None and r.note_id is not None and r.moved:
                    _ok, problem = self.sync.write(r.note_id, r.front_matter, r.path)
                    if problem:
                        problems.append(problem)
            self.sync.flush_now()
        return sum(r.moved for r in done), problems


def raw_sqlite(session: Session) -> sqlite3.Connection:
    """The session's own sqlite3 connection (its read transaction): the stats are SQL text for sqlite3,
    so `qkvstudy stats` can run them without SQLAlchemy (cli.insight) and the Study runs the same code."""
    con = session.connection().connection.driver_connection
    if not isinstance(con, sqlite3.Connection):
        raise StudyError(t("insight.stats.sqlite_only"))
    return con
