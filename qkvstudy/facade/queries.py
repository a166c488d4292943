"""Reading the schedule: the next card, today's counts, what is due, browsing the library.

The counting SQL itself lives in `facade.quick_counts` (SQLite) and `schedule.queue` (SQLAlchemy Core, for
other databases); this module turns its rows into plain values.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qkvstudy.facade import library_search, quick_counts, quick_queue
from qkvstudy.facade.cards import VIEW_COLUMNS, row_view
from qkvstudy.facade.context import Context
from qkvstudy.facade.search import Term, parse_search
from qkvstudy.schedule import queue
from qkvstudy.store.models import Card, Note
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW, CardView, Counts, DayStats, Found, TopicCount

_BATCH = 1000  # rows fetched at a time by iter_due
DEFAULT_LEECH_THRESHOLD = 8  # lapses, as in Anki (the `leech_threshold` setting when there is one)
BROWSE_ORDER = {
    "title": Note.question,
    "topic": Note.topic,
    "state": Card.state,
    "due": Card.due,
    "stability": Card.stability,
    "reviews": Card.reps,
    "path": Note.path,
}


class Queries:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.last_note_id: int | None = None  # the note just graded: its related notes wait
        self._reviews: tuple[tuple[str | None, datetime], list[int]] | None = None  # today's review order
        # How far the last search with long words got, kept while its pages are read (library_search.Walk).
        self._walks: dict[tuple[object, ...], library_search.Walk] = {}

    def forget_order(self) -> None:
        """Grades, undo, suspend, bury, reset and rescans change what is due: sort again next time."""
        self._reviews = None
        self._walks.clear()  # a rescan may have changed what a note holds, a grade the order

    def next_card(
        self, topic: str | None = None, exclude: tuple[int, ...] = (), after: CardView | None = None
    ) -> CardView | None:
        now = self.ctx.now()
        start, tomorrow = self.ctx.day_bounds(now)
        settings = self.ctx.settings
        last_note = self.last_note_id
        if after is not None:
            exclude = (*exclude, after.card_id)
            last_note = after.note_id if after.note_id is not None else last_note
        with self.ctx.sessions() as s:
            raw = self._sqlite(s)
            reviewed, introduced = quick_queue.done_today(raw, start) if raw is not None else queue.done_today(s, start)
            if after is not None:
                reviewed += after.state != NEW
                introduced += after.state == NEW
            key = (topic, tomorrow)
            if self._reviews is None or self._reviews[0] != key:
                self._reviews = (key, queue.review_order(s, now, tomorrow, topic))
            limits = (settings.new_per_day - introduced, settings.reviews_per_day - reviewed, self._reviews[1])
            if raw is not None:
                ids = quick_queue.candidates(raw, now, tomorrow, topic, tuple(exclude), *limits)
            else:
                ids = queue.candidates(s, now, tomorrow, topic, tuple(exclude), *limits)
            if not ids:
                return None
            # Only the columns a view shows (no note body), for the few candidates.
            rows: Mapping[int, Any] = (
                quick_queue.view_rows(raw, ids)
                if raw is not None
                else {
                    row.id: row
                    for row in s.execute(
                        select(*VIEW_COLUMNS).outerjoin(Note, Card.note_id == Note.id).where(Card.id.in_(ids))
                    )
                }
            )
            chosen = ids[0]
            if last_note is not None and len(ids) > 1:
                related = (
                    quick_queue.related_ids(raw, last_note) if raw is not None else queue.related_ids(s, last_note)
                )
                avoid = related | {last_note}
                chosen = next((i for i in ids if rows[i].note_id not in avoid), ids[0])
            return row_view(self.ctx, rows[chosen], now)

    def _sqlite(self, session: Session) -> sqlite3.Connection | None:
        """The session's own sqlite3 connection (its read transaction), for quick_queue's reads."""
        if self.ctx.sqlite is None:
            return None
        con = session.connection().connection.driver_connection
        return con if isinstance(con, sqlite3.Connection) else None

    def counts(self, topic: str | None = None, days_ahead: int = 0) -> Counts:
        """The counts, as defined once in `views.Counts`; `days_ahead=1` is tomorrow's."""
        rows = self._counts(topic, days_ahead, by_topic=False)
        return rows[0][1] if rows else Counts(0, 0, 0, 0, 0)

    def _counts(self, topic: str | None, days_ahead: int, by_topic: bool) -> list[tuple[str, Counts]]:
        now = self.ctx.now()
        start, tomorrow = self.ctx.day_bounds(now)
        settings = self.ctx.settings
        with self.ctx.sessions() as s:
            raw = self._sqlite(s)
            if raw is not None:  # SQL text on the session's connection: home's first numbers are these
                return quick_counts.counts(raw, settings, now, topic, days_ahead, by_topic)
            # Other databases: the same counts in SQLAlchemy Core (tests/speed/test_quick_counts.py).
            if days_ahead <= 0:
                reviewed, introduced = queue.done_today(s, start)
                at, until, learning_until = now, tomorrow, now + queue.LEARN_AHEAD
            else:  # a later study day, from its start, nothing done yet; its learning steps all count
                reviewed = introduced = 0
                at = start + timedelta(days=days_ahead)
                until = learning_until = at + timedelta(days=1)
            rows = queue.state_counts(s, at, until, learning_until, topic, by_topic)
        return [
            (
                row.topic,
                Counts(
                    new=queue.left_today(row.new, settings.new_per_day, introduced),
                    learning=row.learning,
                    due=queue.left_today(row.reviews, settings.reviews_per_day, reviewed),
                    total=row.total,
                    suspended=row.suspended,
                ),
            )
            for row in rows
        ]

    def queue_size(self, topic: str | None = None) -> int:
        """What a session on `topic` would still show today: new + learning + due."""
        return self.counts(topic).left

    def due(self, topic: str | None = None, include_new: bool = True) -> list[CardView]:
        """Everything due by the end of today's study day (learning cards: due now), queue order aside."""
        return list(self.iter_due(topic, include_new))

    def iter_due(self, topic: str | None = None, include_new: bool = True) -> Iterator[CardView]:
        """`due`, one card at a time, read in batches: 100,000 due cards never sit in memory at once,
        and no note body is read (only the columns a card's view shows)."""
        now = self.ctx.now()
        _start, tomorrow = self.ctx.day_bounds(now)
        states = (REVIEW, LEARNING, RELEARNING, NEW) if include_new else (REVIEW, LEARNING, RELEARNING)
        stmt = (
            select(*VIEW_COLUMNS)
            .outerjoin(Note, Card.note_id == Note.id)
            .where(queue.eligible(now, topic), Card.state.in_(states), Card.due < tomorrow)
            .order_by(Card.due, Card.id)
            .execution_options(yield_per=_BATCH)
        )
        with self.ctx.sessions() as s:
            for row in s.execute(stmt):
                yield row_view(self.ctx, row, now)

    def has_notes(self) -> bool:
        """Whether any note is indexed (a library never scanned has none): one row looked up."""
        with self.ctx.sessions() as s:
            return s.scalar(select(Note.id).limit(1)) is not None

    def has_topic(self, topic: str) -> bool:
        with self.ctx.sessions() as s:
            return queue.topic_exists(s, topic)

    def topics(self) -> list[TopicCount]:
        """Each topic's `Counts` (drill types are the topic "drills")."""
        return [
            TopicCount(name, c.new, c.learning, c.due, c.total, c.suspended) for name, c in self._counts(None, 0, True)
        ]

    def day_stats(self) -> DayStats:
        """Today's reviews (from the log) and what is left: the same counts as `counts()`."""
        now = self.ctx.now()
        start, _tomorrow = self.ctx.day_bounds(now)
        with self.ctx.sessions() as s:
            today = queue.today(s, start)
        left = self.counts()
        return DayStats(
            reviewed=today.reviews,
            again=today.again,
            new_seen=today.new_seen,
            seconds=today.milliseconds / 1000,
            due_left=left.learning + left.due,
            new_left=left.new,
        )

    def search(
        self, query: str = "", sort: str = "due", descending: bool = False, limit: int | None = None, offset: int = 0
    ) -> Found:
        """Notes (not drills) matching the search syntax of `facade.search`, sorted; `offset` pages.

        `Found.count` is how many match in all (see `facade.library_search` for when it is an upper bound).
        """
        parsed = parse_search(query)
        return self._find(parsed.terms, sort, descending, limit, offset, parsed.problems)

    def _find(
        self,
        terms: tuple[Term, ...],
        sort: str,
        descending: bool,
        limit: int | None,
        offset: int,
        problems: tuple[str, ...],
    ) -> Found:
        now = self.ctx.now()
        _start, tomorrow = self.ctx.day_bounds(now)
        order = BROWSE_ORDER.get(sort, Card.due)
        leech = getattr(self.ctx.settings, "leech_threshold", DEFAULT_LEECH_THRESHOLD)
        with self.ctx.sessions() as s:
            plan = library_search.Plan(s, leech, now, tomorrow)
            for term in terms:
                plan.add(term)

            def load(ids: list[int]) -> list[CardView]:
                # The view's columns as plain rows, not ORM entities: a page is read at every keystroke.
                rows: dict[int, Any] = {}
                for at in range(0, len(ids), 500):  # SQLite's limit on bound values
                    stmt = (
                        select(*VIEW_COLUMNS).join(Note, Card.note_id == Note.id).where(Card.id.in_(ids[at : at + 500]))
                    )
                    rows.update((row[0], row) for row in s.execute(stmt))
                return [row_view(self.ctx, rows[i], now) for i in ids]

            ordering = (order.desc() if descending else order, Card.id)
            key = (terms, sort, descending)
            if plan.checks and key not in self._walks:
                self._walks = {key: library_search.Walk()}  # the search being paged through now, no other
            walk = self._walks.get(key)
            on_notes = sort in ("title", "topic", "path")  # BROWSE_ORDER's columns of the notes
            cards, count, exact = library_search.run(
                plan, ordering, limit, offset, load, walk, by_due=order is Card.due, on_notes=on_notes
            )
        return Found(cards, problems, count, exact)
