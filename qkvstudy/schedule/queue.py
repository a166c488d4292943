"""What comes next: the review queue and the day's counts.

Order, as in Anki: learning cards whose step is up; then due reviews, most overdue first (lowest
retrievability, i.e. highest elapsed/stability); then new cards, up to the day's limits. A card
whose note is related to the one just shown is passed over when something else is available.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from qkvstudy.notes.links import link_target_path  # noqa: F401  (re-exported for callers)
from qkvstudy.store.models import Card, Note, ReviewLog, Tag, naive, note_links, note_tags
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW

LEARN_AHEAD = timedelta(minutes=20)  # when nothing else is left, learning steps due this soon are shown
DRILL_TOPIC = "drills"


def eligible(now: datetime, topic: str | None):
    """SQL conditions: not suspended, not buried, note present; optionally one topic (tag or folder)."""
    conds = [
        Card.suspended.is_(False),
        or_(Card.buried_until.is_(None), Card.buried_until <= naive(now)),
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


def done_today(session: Session, day_start: datetime) -> tuple[int, int]:
    """(reviews of non-new cards, new cards introduced) since the day boundary."""
    rows = session.execute(
        select(ReviewLog.state_before, func.count())
        .where(ReviewLog.reviewed_at >= naive(day_start))
        .group_by(ReviewLog.state_before)
    ).all()
    counts = dict(rows)
    return sum(v for k, v in counts.items() if k != NEW), counts.get(NEW, 0)


def review_order(session: Session, now: datetime, tomorrow: datetime, topic: str | None) -> list[int]:
    """Every review due today, most overdue first (lowest retrievability = highest elapsed/stability).

    Sorting all due reviews costs milliseconds on a large library, so a session computes this
    once and `candidates` consumes it; the order drifts negligibly within a day.
    """
    overdue = (func.julianday(naive(now)) - func.julianday(Card.last_review)) / Card.stability
    return list(
        session.scalars(
            select(Card.id)
            .where(eligible(now, topic), Card.state == REVIEW, Card.due < naive(tomorrow))
            .order_by(overdue.desc(), Card.id)
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
    out += session.scalars(
        select(Card.id)
        .where(base, Card.state.in_((LEARNING, RELEARNING)), Card.due <= naive(now))
        .order_by(Card.due)
        .limit(limit)
    ).all()
    want = min(limit, review_limit)
    pos = 0
    while want > 0 and pos < len(reviews):
        window = reviews[pos : pos + 2 * limit]
        still = set(
            session.scalars(
                select(Card.id).where(base, Card.id.in_(window), Card.state == REVIEW, Card.due < naive(tomorrow))
            )
        )
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
            .where(base, Card.state == NEW, Card.due < naive(tomorrow))
            .order_by(Card.due, Card.id)
            .limit(min(limit, new_limit))
        ).all()
    if not out:
        out += session.scalars(
            select(Card.id)
            .where(base, Card.state.in_((LEARNING, RELEARNING)), Card.due <= naive(now + LEARN_AHEAD))
            .order_by(Card.due)
            .limit(limit)
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
