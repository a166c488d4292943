"""Levels that follow the learner, derived from the drill attempts already stored (no schema of its own).

Replaying a type's attempts oldest first: three right answers in a row at the current level raise it,
two wrong ones in a row lower it. An attempt at another level (chosen by hand in the app or with
`--level`) moves the current level there, so a level set by hand sticks until the streaks move it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RISE_AFTER = 3  # right answers in a row
FALL_AFTER = 2  # wrong answers in a row
RIGHT_FROM = 1.0  # a score of 1 is right
WRONG_BELOW = 0.5  # a score under half is wrong (a partial answer breaks a streak but is not a fall)


@dataclass(frozen=True)
class LevelState:
    level: int
    right_streak: int = 0
    wrong_streak: int = 0
    change: int = 0  # +1 if the last attempt raised the level, -1 if it lowered it


def follow(attempts: Iterable[tuple[int, float]], levels: tuple[int, ...] = (1, 2, 3)) -> LevelState:
    """The level after `attempts`, (level, score) pairs oldest first."""
    state = LevelState(levels[0])
    for level, score in attempts:
        if level not in levels:
            continue
        if level != state.level:
            state = LevelState(level)
        if score >= RIGHT_FROM:
            right, wrong = state.right_streak + 1, 0
        elif score < WRONG_BELOW:
            right, wrong = 0, state.wrong_streak + 1
        else:
            right, wrong = 0, 0
        at = levels.index(state.level)
        if right >= RISE_AFTER and at + 1 < len(levels):
            state = LevelState(levels[at + 1], change=1)
        elif wrong >= FALL_AFTER and at > 0:
            state = LevelState(levels[at - 1], change=-1)
        else:
            state = LevelState(state.level, right, wrong)
    return state
