"""The one object the CLI and the TUI talk to: a library of notes and its SQLite schedule.

    study = Study.open(db=None, notes=None, write_back=None)   # migrates; does not scan
    study.scan(progress)            -> ScanReport   incremental rescan; progress(done, total)
    study.next_card(topic, exclude) -> CardView | None
    study.preview(card_id)          -> {rating: interval}
    study.grade(card_id, rating)    -> GradeOutcome  committed at once, then written back
    study.undo()                    -> CardView | None
    study.insight.stats()           -> Stats        (and card_memory, optimize, retention_table, …)
    study.related.suggested(note_id)                (and index, write)
    study.history.review_logs(card_id), study.snapshots.take(card_id)

A composition root only: the work is done by the parts in `qkvstudy.facade` (indexing, queries,
reviewing, front-matter sync, cards, history, insight) and `interop.related_library`. The parts a
screen uses whole are public attributes (`insight`, `related`, `history`, `snapshots`); the rest is delegated here.
Everything returned is a plain value (views.py).
A Study holds one engine; it is not shared across threads (open another one in a worker).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fsrs import Scheduler

from qkvstudy import config
from qkvstudy.facade.cards import Cards
from qkvstudy.facade.context import Context, StudyError
from qkvstudy.facade.frontmatter_sync import SCHEDULE_KEYS, FrontMatterSync
from qkvstudy.facade.history import History
from qkvstudy.facade.indexing import Indexing, Progress
from qkvstudy.facade.insight import Insight
from qkvstudy.facade.queries import Queries
from qkvstudy.facade.reviewing import Reviewing
from qkvstudy.facade.snapshots import Snapshots
from qkvstudy.schedule import memory
from qkvstudy.store.engine import make_engine, migrate, session_factory
from qkvstudy.views import (
    CardSnapshot,
    CardView,
    Counts,
    DayStats,
    Found,
    GradeOutcome,
    NoteContent,
    Problem,
    ScanReport,
    TopicCount,
)

if TYPE_CHECKING:
    from qkvstudy.interop.related_library import RelatedNotes
    from qkvstudy.notes.library_files import Reading

__all__ = ["SCHEDULE_KEYS", "CardSnapshot", "Study", "StudyError"]


class Study:
    """Wires the parts together. Construction does no I/O; `Study.open` migrates and prepares."""

    def __init__(
        self, db_url: str, notes_root: Path, settings: config.Settings, write_back: bool | None = None
    ) -> None:
        self.db_url = db_url
        self.root = notes_root
        self.write_back = settings.write_back if write_back is None else write_back
        self.engine = make_engine(db_url)  # lazy: connects on first use
        self.sessions = session_factory(self.engine)
        sqlite = self.engine if self.engine.dialect.name == "sqlite" else None
        ctx = Context(self.sessions, notes_root, settings, memory.make_scheduler(settings), self.write_back, sqlite)
        self._sync = FrontMatterSync(ctx)
        self._cards = Cards(ctx)
        self._queries = Queries(ctx)
        self._indexing = Indexing(ctx, self._sync, self._queries)
        self._reviewing = Reviewing(ctx, self._sync, self._queries, self._indexing.scan)
        self.history = History(ctx)  # review logs and drill attempts
        self.snapshots = Snapshots(ctx, self._sync, self._queries)  # take/restore: undo of suspend, bury, reset
        self._ctx = ctx
        self.insight = Insight(ctx, self._sync)  # stats, card memory, parameters, retention, leeches

    @classmethod
    def open(
        cls,
        db: str | None = None,
        notes: str | Path | None = None,
        write_back: bool | None = None,
        settings: config.Settings | None = None,
    ) -> Study:
        """A Study on a database brought to the newest schema, with a card for every drill type."""
        study = cls(
            config.database_url(db),
            config.notes_root(str(notes) if notes else None),
            settings or config.load_settings(),
            write_back,
        )
        migrate(study.engine)
        study._cards.ensure_drill_cards()
        return study

    def close(self) -> None:
        self._sync.flush_now()
        self.engine.dispose()

    @property
    def scheduler(self) -> Scheduler:
        return self._ctx.scheduler  # the parts' one scheduler (personal parameters may replace it)

    @property
    def settings(self) -> config.Settings:
        return self._ctx.settings

    def clock(self) -> datetime:
        return config.now()

    # The library (facade.indexing)
    def scan(self, progress: Progress | None = None, workers: int | None = None) -> ScanReport:
        return self._indexing.scan(progress, workers)

    def import_paths(
        self, paths: list[Path], progress: Progress | None = None, ahead: Reading | None = None
    ) -> ScanReport:
        return self._indexing.import_paths(paths, progress, ahead)

    def reindex_note(self, note_id: int) -> list[Problem]:
        return self._indexing.reindex_note(note_id)

    # Cards and notes (facade.cards)
    def card(self, card_id: int) -> CardView:
        return self._cards.card(card_id)

    def card_for_path(self, path: str | Path) -> CardView:
        return self._cards.card_for_path(path)

    def note_file(self, note_id: int) -> Path:
        return self._cards.note_file(note_id)

    def note_content(self, note_id: int) -> NoteContent:
        return self._cards.note_content(note_id)

    def drill_card(self, drill_type: str) -> CardView:
        return self._cards.drill_card(drill_type)

    # The queue and the counts (facade.queries)
    def next_card(
        self, topic: str | None = None, exclude: tuple[int, ...] = (), after: CardView | None = None
    ) -> CardView | None:
        """The next card of the queue. `after`: a card on screen about to be graded (see Queries)."""
        return self._queries.next_card(topic, exclude, after)

    def queue_size(self, topic: str | None = None) -> int:
        return self._queries.queue_size(topic)

    def due(self, topic: str | None = None, include_new: bool = True) -> list[CardView]:
        return self._queries.due(topic, include_new)

    def iter_due(self, topic: str | None = None, include_new: bool = True) -> Iterator[CardView]:
        """`due` one card at a time (`qkvstudy due --json` streams 100,000 cards in little memory)."""
        return self._queries.iter_due(topic, include_new)

    def has_notes(self) -> bool:
        """Whether any note is indexed: `due` indexes a library first only when it never was."""
        return self._queries.has_notes()

    def has_topic(self, topic: str) -> bool:
        """Whether `topic` names anything in the library (a tag, a folder, the drills), due or not."""
        return self._queries.has_topic(topic)

    def topics(self) -> list[TopicCount]:
        return self._queries.topics()

    def day_stats(self) -> DayStats:
        return self._queries.day_stats()

    def counts(self, topic: str | None = None, days_ahead: int = 0) -> Counts:
        """new / learning / due / total / suspended, defined once (views.Counts); 1 = tomorrow's."""
        return self._queries.counts(topic, days_ahead)

    def search(
        self, query: str = "", sort: str = "due", descending: bool = False, limit: int | None = None, offset: int = 0
    ) -> Found:
        """Browse with the search syntax (facade.search): words, tag:, is:, -negation; paged."""
        return self._queries.search(query, sort, descending, limit, offset)

    # Grading and card changes (facade.reviewing)
    def preview(self, card_id: int) -> dict[int, timedelta]:
        return self._reviewing.preview(card_id)

    def grade(self, card_id: int, rating: int, duration_s: float | None = None) -> GradeOutcome:
        return self._reviewing.grade(card_id, rating, duration_s)

    def undo(self) -> CardView | None:
        return self._reviewing.undo()

    def suspend(self, card_id: int) -> CardView:
        return self._reviewing.suspend(card_id)

    def unsuspend(self, card_id: int) -> CardView:
        return self._reviewing.unsuspend(card_id)

    def bury(self, card_id: int) -> CardView:
        return self._reviewing.bury(card_id)

    def reset(self, card_id: int) -> CardView:
        return self._reviewing.reset(card_id)

    def file_is_indexed(self, rel: str) -> bool:
        """Does the index (with this Study's write-backs not yet recorded) know the file as it is on disk?"""
        return self._sync.knows_file(rel)

    @cached_property
    def related(self) -> RelatedNotes:
        """Related notes (interop.related_library): `index()`, `suggested(note_id)`, `write()`.
        Built on first use: its similarity model loads NumPy and the word segmenter."""
        from qkvstudy.interop.related_library import RelatedNotes

        return RelatedNotes(self, self.sessions, self.root)
