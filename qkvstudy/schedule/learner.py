"""A simulated learner with known memory parameters, for the optimizer's test and the benchmarks.

Its memory is FSRS-6 with its own weights (by default a learner who forgets faster than FSRS's population
defaults): asked about a card, it recalls with the probability its own forgetting curve gives, and its
memory then moves the way its own FSRS-6 says. Whatever the app schedules, the log it produces is what
such a learner would produce, so an optimizer that works must recover weights that predict the later
reviews better than the defaults do.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

# A forgetful learner: low initial stabilities, a faster-growing difficulty, a steeper curve.
FORGETFUL: tuple[float, ...] = (
    0.08,
    0.4,
    0.9,
    3.0,
    7.0,
    0.9,
    3.4,
    0.05,
    1.3,
    0.2,
    0.8,
    1.6,
    0.08,
    0.3,
    1.4,
    0.4,
    2.2,
    0.5,
    0.09,
    0.07,
    0.35,
)
FIRST_GRADES = (0.25, 0.10, 0.55, 0.10)  # Again..Easy on first sight
PASS_GRADES = (0.15, 0.70, 0.15)  # Hard, Good, Easy when recalled


class Learner:
    def __init__(self, parameters: Sequence[float] = FORGETFUL, seed: int = 7) -> None:
        self.memory = Scheduler(
            parameters=tuple(parameters), learning_steps=(), relearning_steps=(), enable_fuzzing=False
        )
        self.cards: dict[int, FsrsCard] = {}
        self.rng = random.Random(seed)

    def recall_probability(self, card_id: int, when: datetime) -> float | None:
        card = self.cards.get(card_id)
        if card is None or card.last_review is None or card.stability is None:
            return None
        elapsed = max(0.0, (when - card.last_review).total_seconds() / 86400)
        return float((1 + self.memory._FACTOR * elapsed / card.stability) ** self.memory._DECAY)

    def answer(self, card_id: int, when: datetime) -> int:
        """The grade this learner gives card `card_id` at `when` (and its memory of the card moves on)."""
        r = self.recall_probability(card_id, when)
        if r is None:
            rating = self.rng.choices((1, 2, 3, 4), FIRST_GRADES)[0]
        elif self.rng.random() >= r:
            rating = 1
        else:
            rating = self.rng.choices((2, 3, 4), PASS_GRADES)[0]
        card = self.cards.get(card_id) or FsrsCard(card_id=card_id, due=when)
        self.cards[card_id], _log = self.memory.review_card(card, Rating(rating), review_datetime=when)
        return rating
