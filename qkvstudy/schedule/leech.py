"""Leeches: cards the learner keeps forgetting. As in Anki, a card becomes a leech when a lapse (Again on
a card in review) brings its lapses to the threshold, and again every half threshold after that; it is
then suspended, or only marked, as the settings say. "Leech" is not stored: it is `lapses ≥ threshold`
(`is_leech`, a SQL predicate for browse's `is:leech`), so changing the threshold reclassifies every card.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement

from qkvstudy.schedule.leech_list import Leech as Leech  # listed there, on sqlite3 (schedule.stats)
from qkvstudy.store.models import Card
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


def is_leech(threshold: int) -> ColumnElement[bool]:
    """SQL predicate for browse's `is:leech`: a card that lapsed `threshold` times or more."""
    return Card.lapses >= threshold
