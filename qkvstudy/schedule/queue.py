"""What comes next: the review queue and the day's counts.

Order, as in Anki: learning cards whose step is up; then due reviews, most overdue first (lowest
retrievability, i.e. highest elapsed/stability); then new cards, up to the day's limits. A card
whose note is related to the one just shown is passed over when something else is available.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from qkvstudy.store.models import Card, Note, ReviewLog, Tag, naive, note_tags
from qkvstudy.views import LEARNING, NEW, RELEARNING, REVIEW

LEARN_AHEAD = timedelta(minutes=20)  # when nothing else is left, learning steps due this soon are shown
DRILL_TOPIC = "drills"


def eligible(now: datetime, topic: str | None):
    """SQL conditions: not suspended, not buried, note present; optionally one topic (tag or folder)."""
    conds = [
        Card.suspended.is_(False),
        or_(Card.buried_until.is_(None), Card.buried_until <= naive(now)),
        or_(Card.note_id.is_(None), Card.note_id.in_(select(Note.id).where(Note.missing.is_(False)))),
    ]
    if topic:
        if topic == DRILL_TOPIC:
            conds.append(Card.note_id.is_(None))
        else:
            in_topic = select(Note.id).where(
                or_(
                    Note.topic == topic,
                    Note.path.startswith(topic.rstrip("/") + "/", autoescape=True),
                    Note.id.in_(select(note_tags.c.note_id).join(Tag).where(Tag.name == topic)),
                )
            )
            conds.append(Card.note_id.in_(in_topic))
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


def candidates(session: Session, now: datetime, tomorrow: datetime, topic: str | None, exclude: tuple[int, ...],
               new_limit: int, review_limit: int, limit: int = 8) -> list[int]:
    """Card ids in queue order (the first `limit` of each kind is enough to pick from)."""
    base = eligible(now, topic)
    if exclude:
        base = and_(base, Card.id.not_in(exclude))
    out: list[int] = []
    out += session.scalars(
        select(Card.id).where(base, Card.state.in_((LEARNING, RELEARNING)), Card.due <= naive(now))
        .order_by(Card.due).limit(limit)
    ).all()
    if review_limit > 0:
        overdue = (func.julianday(naive(now)) - func.julianday(Card.last_review)) / Card.stability
        out += session.scalars(
            select(Card.id).where(base, Card.state == REVIEW, Card.due < naive(tomorrow))
            .order_by(overdue.desc(), Card.id).limit(min(limit, review_limit))
        ).all()
    if new_limit > 0:
        out += session.scalars(
            select(Card.id).where(base, Card.state == NEW, Card.due < naive(tomorrow))
            .order_by(Card.due, Card.id).limit(min(limit, new_limit))
        ).all()
    if not out:
        out += session.scalars(
            select(Card.id).where(base, Card.state.in_((LEARNING, RELEARNING)), Card.due <= naive(now + LEARN_AHEAD))
            .order_by(Card.due).limit(limit)
        ).all()
    return out


def related_ids(session: Session, note_id: int | None) -> set[int]:
    """Notes linked from or to `note_id` through their 相关笔记 sections."""
    if note_id is None:
        return set()
    row = session.execute(select(Note.path, Note.related_json).where(Note.id == note_id)).first()
    if row is None:
        return set()
    targets = {link_target_path(t) for _title, t, _sim in json.loads(row.related_json)}
    out = set(session.scalars(select(Note.id).where(Note.path.in_(targets))).all()) if targets else set()
    # Links pointing back at this note: a LIKE on the JSON is enough to narrow, then confirm.
    name = row.path.rsplit("/", 1)[-1]
    for other_id, rel_json in session.execute(
        select(Note.id, Note.related_json).where(Note.related_json.contains(name), Note.id != note_id)
    ):
        if any(link_target_path(t) == row.path for _t, t, _s in json.loads(rel_json)):
            out.add(other_id)
    return out


def link_target_path(target: str) -> str:
    """A related-note link as written ('notes/Transformer/x.md', './x.md') -> a library-relative path."""
    t = target.strip().replace("\\", "/")
    while t.startswith("./"):
        t = t[2:]
    if t.startswith("notes/"):
        t = t[len("notes/"):]
    return t
