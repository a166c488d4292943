"""What comes next: the review queue and the day's counts (the one place that counts due cards).

Order, as in Anki: learning cards whose step is up; then due reviews, most overdue first (lowest
retrievability, i.e. highest elapsed/stability); then new cards, up to the day's limits. A card
whose note is related to the one just shown is passed over when something else is available.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Rating
from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from qkvstudy.store.models import Card, Note, ReviewLog, Tag, UtcDateTime, note_links, note_tags
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW

LEARN_AHEAD = timedelta(minutes=20)  # when nothing else is left, learning steps due this soon are shown
DRILL_TOPIC = "drills"


def eligible(now: datetime, topic: str | None) -> ColumnElement[bool]:
    """SQL conditions: not suspended, not buried, note present; optionally one topic (tag or folder)."""
    conds = [
        Card.suspended.is_(False),
        or_(Card.buried_until.is_(None), Card.buried_until <= now),
        # Correlated lookups by primary key: cheap per candidate row, unlike materialising every note id.
        or_(
            Card.note_id.is_(None),
            ~exists().where(Note.id == Card.note_id, Note.missing.is_(True)).correlate_except(Note),
        ),
    ]
    if topic:
        if topic == DRILL_TOPIC:
            conds.append(Card.note_id.is_(None))
        else:
            tag_id = select(Tag.id).where(Tag.name == topic).scalar_subquery()
            conds.append(
                exists().where(
                    Note.id == Card.note_id,
                    or_(
                        Note.topic == topic,
                        Note.path.startswith(topic.rstrip("/") + "/", autoescape=True),
                        exists().where(note_tags.c.note_id == Note.id, note_tags.c.tag_id == tag_id),
                    ),
                )
            )
    return and_(*conds)


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


def due_counts(
    session: Session, now: datetime, tomorrow: datetime, topic: str | None, learning_until: datetime
) -> dict[str, int]:
    """Eligible cards per state: learning due by `learning_until`, new and reviews due today."""
    rows = session.execute(
        select(Card.state, func.count())
        .where(eligible(now, topic), or_(learning_due(learning_until), due_today(tomorrow, NEW, REVIEW)))
        .group_by(Card.state)
    ).all()
    return {state: int(n) for state, n in rows}


def topic_counts(session: Session, now: datetime, tomorrow: datetime) -> list[tuple[str, int, int, int, int]]:
    """(topic, new due today, learning, reviews due today, total) per topic; drills are one topic."""
    topic = case((Card.note_id.is_(None), DRILL_TOPIC), else_=Note.topic)
    stmt = (
        select(
            topic.label("topic"),
            func.sum(case((due_today(tomorrow, NEW), 1), else_=0)),
            func.sum(case((Card.state.in_((LEARNING, RELEARNING)), 1), else_=0)),
            func.sum(case((due_today(tomorrow, REVIEW), 1), else_=0)),
            func.count(),
        )
        .select_from(Card)
        .outerjoin(Note, Card.note_id == Note.id)
        .where(eligible(now, None))
        .group_by(topic)
        .order_by(topic)
    )
    return [(t or "", int(n), int(lrn), int(d), int(total)) for t, n, lrn, d, total in session.execute(stmt)]


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
    out += session.scalars(select(Card.id).where(base, learning_due(now)).order_by(Card.due).limit(limit)).all()
    want = min(limit, review_limit)
    pos = 0
    while want > 0 and pos < len(reviews):
        window = reviews[pos : pos + 2 * limit]
        still = set(session.scalars(select(Card.id).where(base, Card.id.in_(window), due_today(tomorrow, REVIEW))))
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
            select(Card.id).where(base, learning_due(now + LEARN_AHEAD)).order_by(Card.due).limit(limit)
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
