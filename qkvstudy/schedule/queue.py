"""What comes next: the review queue and the day's counts (the one place that counts due cards).

Order, as in Anki: learning cards whose step is up; then due reviews, most overdue first (lowest
retrievability, i.e. highest elapsed/stability); then new cards, up to the day's limits. A card
whose note is related to the one just shown is passed over when something else is available.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating
from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select, true
from sqlalchemy.orm import Session

# Defined with the SQL text, which the sqlite3-only paths read without importing SQLAlchemy.
from qkvstudy.schedule.sql_text import DRILL_TOPIC as DRILL_TOPIC
from qkvstudy.schedule.sql_text import LEARN_AHEAD as LEARN_AHEAD
from qkvstudy.store.models import Card, Note, ReviewLog, Tag, UtcDateTime, note_links, note_tags
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW


def eligible(now: datetime, topic: str | None) -> ColumnElement[bool]:
    """SQL conditions: not suspended, not buried, note present; optionally one topic (tag or folder)."""
    return and_(
        Card.suspended.is_(False),
        or_(Card.buried_until.is_(None), Card.buried_until <= now),
        present(),
        in_topic(topic),
    )


def present() -> ColumnElement[bool]:
    """The card's note is in the library (drill types have no note)."""
    # Correlated lookups by primary key: cheap per candidate row, unlike materialising every note id.
    return or_(
        Card.note_id.is_(None),
        ~exists().where(Note.id == Card.note_id, Note.missing.is_(True)).correlate_except(Note),
    )


def in_topic(topic: str | None) -> ColumnElement[bool]:
    """One topic: the note's topic, a tag, or a folder; `drills` are the drill types. None: every card."""
    if not topic:
        return true()
    if topic == DRILL_TOPIC:
        return Card.note_id.is_(None)
    tag_id = select(Tag.id).where(Tag.name == topic).scalar_subquery()
    return (
        exists()
        .where(
            Note.id == Card.note_id,
            or_(
                Note.topic == topic,
                Note.path.startswith(topic.rstrip("/") + "/", autoescape=True),
                exists().where(note_tags.c.note_id == Note.id, note_tags.c.tag_id == tag_id),
            ),
        )
        .correlate_except(Note)
    )


def topic_exists(session: Session, topic: str) -> bool:
    """Whether any card belongs to `topic`, due or not, suspended or not: an unknown topic is not "nothing due"."""
    return session.scalar(select(Card.id).where(in_topic(topic)).limit(1)) is not None


@dataclass(frozen=True)
class Today:
    """The review log since the day boundary."""

    reviews: int  # every grade, new cards included
    again: int
    new_seen: int  # new cards introduced
    milliseconds: int

    @property
    def reviews_of_seen(self) -> int:
        """Grades of cards that were not new: what counts against `reviews_per_day`."""
        return self.reviews - self.new_seen


def today(session: Session, day_start: datetime) -> Today:
    reviews, again, new_seen, ms = session.execute(
        select(
            func.count(),
            func.sum(case((ReviewLog.rating == Rating.Again, 1), else_=0)),
            func.sum(case((ReviewLog.state_before == NEW, 1), else_=0)),
            func.sum(ReviewLog.duration_ms),
        ).where(ReviewLog.reviewed_at >= day_start)
    ).one()
    return Today(reviews or 0, again or 0, new_seen or 0, ms or 0)


def done_today(session: Session, day_start: datetime) -> tuple[int, int]:
    """(reviews of non-new cards, new cards introduced) since the day boundary."""
    t = today(session, day_start)
    return t.reviews_of_seen, t.new_seen


def left_today(available: int, limit: int, done: int) -> int:
    """How many of `available` cards today's limit still lets through."""
    return min(available, max(0, limit - done))


def learning_due(until: datetime) -> ColumnElement[bool]:
    """Learning and relearning cards whose step is up by `until`."""
    return Card.state.in_((LEARNING, RELEARNING)) & (Card.due <= until)


def due_today(tomorrow: datetime, *states: str) -> ColumnElement[bool]:
    """Cards in `states` due before the next study day begins."""
    return Card.state.in_(states) & (Card.due < tomorrow)


@dataclass(frozen=True)
class StateCounts:
    """Raw counts before the daily limits; see `facade.queries.Queries.counts` for what they mean.
    facade.quick_counts.state_counts is the same count as SQL text for sqlite3 (used on SQLite)."""

    topic: str
    new: int
    learning: int
    reviews: int
    total: int
    suspended: int


def state_counts(
    session: Session,
    at: datetime,
    until: datetime,
    learning_until: datetime,
    topic: str | None = None,
    by_topic: bool = False,
) -> list[StateCounts]:
    """The one counting query. Among cards eligible at `at` (not suspended, not buried, note
    present): new cards and reviews due before `until`, learning steps due by `learning_until`.
    `total` is every card whose note is present, suspended and buried ones included, and
    `suspended` how many of those are suspended. One row, or one per topic (drills are one)."""
    ok = eligible(at, None)
    topic_col = case((Card.note_id.is_(None), DRILL_TOPIC), else_=Note.topic) if by_topic else literal("")
    stmt = (
        select(
            topic_col.label("topic"),
            func.sum(case((ok & due_today(until, NEW), 1), else_=0)),
            func.sum(case((ok & learning_due(learning_until), 1), else_=0)),
            func.sum(case((ok & due_today(until, REVIEW), 1), else_=0)),
            func.count(),
            func.sum(case((Card.suspended.is_(True), 1), else_=0)),
        )
        .select_from(Card)
        .outerjoin(Note, Card.note_id == Note.id)
        .where(or_(Card.note_id.is_(None), Note.missing.is_(False)), in_topic(topic))
    )
    if by_topic:
        stmt = stmt.group_by(topic_col).order_by(topic_col)
    return [
        StateCounts(str(t or ""), int(n or 0), int(lrn or 0), int(r or 0), int(total or 0), int(sus or 0))
        for t, n, lrn, r, total, sus in session.execute(stmt)
        if total
    ]


def review_order(session: Session, now: datetime, tomorrow: datetime, topic: str | None) -> list[int]:
    """Every review due today, most overdue first (lowest retrievability = highest elapsed/stability).

    Sorting all due reviews costs milliseconds on a large library, so a session computes this
    once and `candidates` consumes it; the order drifts negligibly within a day.
    """
    overdue = (func.julianday(literal(now, UtcDateTime)) - func.julianday(Card.last_review)) / Card.stability
    return list(
        session.scalars(
            select(Card.id).where(eligible(now, topic), due_today(tomorrow, REVIEW)).order_by(overdue.desc(), Card.id)
        )
    )


def candidates(
    session: Session,
    now: datetime,
    tomorrow: datetime,
    topic: str | None,
    exclude: tuple[int, ...],
    new_limit: int,
    review_limit: int,
    reviews: list[int],
    limit: int = 4,
) -> list[int]:
    """Card ids in queue order (the first `limit` of each kind is enough to pick from).

    `reviews` is the cached review_order; ids that are no longer due reviews are dropped from it.
    """
    base = eligible(now, topic)
    if exclude:
        base = and_(base, Card.id.not_in(exclude))
    out: list[int] = []
    # Ties in due time go to the older card (facade.quick_queue asks in the same order).
    out += session.scalars(
        select(Card.id).where(base, learning_due(now)).order_by(Card.due, Card.id).limit(limit)
    ).all()
    want = min(limit, review_limit)
    pos = 0
    while want > 0 and pos < len(reviews):
        window = reviews[pos : pos + 2 * limit]
        # `state || ''`: the window's ids looked up by rowid, not a walk of ix_cards_queue over every
        # review due today (what SQLite's planner picks when the state is indexable; 100x slower at 100k).
        by_id = (Card.state + "").in_((REVIEW,)) & (Card.due < tomorrow)
        still = set(session.scalars(select(Card.id).where(base, Card.id.in_(window), by_id)))
        # Graded (or suspended, buried) cards leave the cached order for good; excluded ones stay.
        kept = [i for i in window if i in still or i in exclude]
        reviews[pos : pos + len(window)] = kept
        for i in kept:
            if i in still and want > 0:
                out.append(i)
                want -= 1
        pos += len(kept)
    if new_limit > 0 and len(out) < limit:  # new cards only matter when few others are left
        out += session.scalars(
            select(Card.id)
            .where(base, due_today(tomorrow, NEW))
            .order_by(Card.due, Card.id)
            .limit(min(limit, new_limit))
        ).all()
    if not out:
        out += session.scalars(
            select(Card.id).where(base, learning_due(now + LEARN_AHEAD)).order_by(Card.due, Card.id).limit(limit)
        ).all()
    return out


def related_ids(session: Session, note_id: int | None) -> set[int]:
    """Notes linked from or to `note_id` through their 相关笔记 sections (one query)."""
    if note_id is None:
        return set()
    linked_to = select(Note.id).where(
        Note.path.in_(select(note_links.c.target_path).where(note_links.c.note_id == note_id))
    )
    linked_from = select(note_links.c.note_id).where(
        note_links.c.target_path == select(Note.path).where(Note.id == note_id).scalar_subquery()
    )
    return set(session.scalars(linked_to.union(linked_from)))
