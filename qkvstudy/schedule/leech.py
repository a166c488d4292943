"""Leeches: cards the learner keeps forgetting. As in Anki, a card becomes a leech when a lapse (Again on
a card in review) brings its lapses to the threshold, and again every half threshold after that; it is
then suspended, or only marked, as the settings say. "Leech" is not stored: it is `lapses ≥ threshold`
(`is_leech`, a SQL predicate for browse's `is:leech`), so changing the threshold reclassifies every card.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, literal, select
from sqlalchemy.orm import Session

from qkvstudy.store.models import Card, Note
from qkvstudy.views import AGAIN, REVIEW

ACTIONS = ("suspend", "mark")


def became_leech(lapses: int, threshold: int) -> bool:
    """Whether reaching `lapses` lapses is a leech moment (the threshold, then every half threshold)."""
    if lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0


def after_grade(card: Card, rating: int, state_before: str, threshold: int, action: str) -> bool:
    """Called in the grade's transaction once `card.lapses` is updated: True when the card just became
    a leech (the screen shows a toast); with action "suspend" the card is suspended too."""
    if rating != AGAIN or state_before != REVIEW or not became_leech(card.lapses, threshold):
        return False
    if action == "suspend":
        card.suspended = True
    return True


@dataclass(frozen=True)
class Leech:
    card_id: int
    title: str
    path: str | None
    lapses: int
    suspended: bool


def is_leech(threshold: int) -> ColumnElement[bool]:
    """SQL predicate for browse's `is:leech`: a card that lapsed `threshold` times or more."""
    return Card.lapses >= threshold


def leeches(session: Session, threshold: int, in_topic: ColumnElement[bool] | None = None) -> list[Leech]:
    stmt = (
        select(Card.id, Note.question, Note.path, Card.lapses, Card.suspended, Card.drill_type)
        .outerjoin(Note, Card.note_id == Note.id)
        .where(is_leech(threshold), in_topic if in_topic is not None else literal(True))
        .order_by(Card.lapses.desc(), Card.id)
    )
    return [
        Leech(int(i), q or f"drill: {dt}", p, int(lapses), bool(susp))
        for i, q, p, lapses, susp, dt in session.execute(stmt)
    ]
