"""Reading the schedule: the next card, today's counts, what is due, browsing the library.

The counting SQL itself lives in `schedule.queue`; this module turns its rows into plain values.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from qkvstudy.facade.cards import card_view
from qkvstudy.facade.context import Context
from qkvstudy.schedule import queue
from qkvstudy.store.models import Card, Note
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW, CardKind, CardView, DayStats, TopicCount

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

    def forget_order(self) -> None:
        """Grades, undo, suspend, bury, reset and rescans change what is due: sort again next time."""
        self._reviews = None

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
            reviewed, introduced = queue.done_today(s, start)
            if after is not None:
                reviewed += after.state != NEW
                introduced += after.state == NEW
            key = (topic, tomorrow)
            if self._reviews is None or self._reviews[0] != key:
                self._reviews = (key, queue.review_order(s, now, tomorrow, topic))
            ids = queue.candidates(
                s,
                now,
                tomorrow,
                topic,
                tuple(exclude),
                settings.new_per_day - introduced,
                settings.reviews_per_day - reviewed,
                self._reviews[1],
            )
            if not ids:
                return None
            rows = {
                c.id: (c, n)
                for c, n in s.execute(
                    select(Card, Note).outerjoin(Note, Card.note_id == Note.id).where(Card.id.in_(ids))
                )
            }
            chosen = ids[0]
            if last_note is not None and len(ids) > 1:
                avoid = queue.related_ids(s, last_note) | {last_note}
                chosen = next((i for i in ids if rows[i][0].note_id not in avoid), ids[0])
            card, note = rows[chosen]
            return card_view(self.ctx, card, note, now)

    def queue_size(self, topic: str | None = None) -> int:
        now = self.ctx.now()
        start, tomorrow = self.ctx.day_bounds(now)
        settings = self.ctx.settings
        with self.ctx.sessions() as s:
            reviewed, introduced = queue.done_today(s, start)
            counts = queue.due_counts(s, now, tomorrow, topic, now + queue.LEARN_AHEAD)
        return (
            counts.get(LEARNING, 0)
            + counts.get(RELEARNING, 0)
            + queue.left_today(counts.get(REVIEW, 0), settings.reviews_per_day, reviewed)
            + queue.left_today(counts.get(NEW, 0), settings.new_per_day, introduced)
        )

    def due(self, topic: str | None = None, include_new: bool = True) -> list[CardView]:
        """Everything due by the end of today's study day (learning cards: due now), queue order aside."""
        now = self.ctx.now()
        _start, tomorrow = self.ctx.day_bounds(now)
        states = (REVIEW, LEARNING, RELEARNING, NEW) if include_new else (REVIEW, LEARNING, RELEARNING)
        with self.ctx.sessions() as s:
            rows = s.scalars(
                select(Card)
                .where(queue.eligible(now, topic), Card.state.in_(states), Card.due < tomorrow)
                .order_by(Card.due, Card.id)
            ).all()
            wanted = {c.note_id for c in rows if c.note_id}
            notes = {n.id: n for n in s.scalars(select(Note).where(Note.id.in_(wanted)))}
            return [card_view(self.ctx, c, notes.get(c.note_id) if c.note_id else None, now) for c in rows]

    def topics(self) -> list[TopicCount]:
        now = self.ctx.now()
        _start, tomorrow = self.ctx.day_bounds(now)
        with self.ctx.sessions() as s:
            return [TopicCount(*row) for row in queue.topic_counts(s, now, tomorrow)]

    def day_stats(self) -> DayStats:
        now = self.ctx.now()
        start, tomorrow = self.ctx.day_bounds(now)
        settings = self.ctx.settings
        with self.ctx.sessions() as s:
            today = queue.today(s, start)
            counts = queue.due_counts(s, now, tomorrow, None, now)
        due_left = counts.get(LEARNING, 0) + counts.get(RELEARNING, 0) + counts.get(REVIEW, 0)
        return DayStats(
            reviewed=today.reviews,
            again=today.again,
            new_seen=today.new_seen,
            seconds=today.milliseconds / 1000,
            due_left=queue.left_today(due_left, settings.reviews_per_day, today.reviews_of_seen),
            new_left=queue.left_today(counts.get(NEW, 0), settings.new_per_day, today.new_seen),
        )

    def browse(
        self, text: str = "", sort: str = "due", descending: bool = False, limit: int | None = None
    ) -> list[CardView]:
        """Every note (not drills) with its card, filtered by title and body, sorted."""
        order = BROWSE_ORDER.get(sort, Card.due)
        stmt = select(Card, Note).join(Note, Card.note_id == Note.id).where(Card.kind == CardKind.NOTE)
        for word in text.strip().lower().split():
            stmt = stmt.where(Note.search_text.contains(word, autoescape=True))
        stmt = stmt.order_by(order.desc() if descending else order, Card.id)
        if limit:
            stmt = stmt.limit(limit)
        now = self.ctx.now()
        with self.ctx.sessions() as s:
            return [card_view(self.ctx, c, n, now) for c, n in s.execute(stmt)]
