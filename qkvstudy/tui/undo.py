"""Undo for everything a session did — grade, suspend, bury, reset — last first, from any screen.

The App keeps one `SessionUndo`: review, the completion screen and home all undo through it, so
`u` means the same thing wherever it is pressed. A grade is undone by the Study's own undo (the
review log is the record); any other action by restoring the snapshot taken just before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from qkvstudy.views import CardView

if TYPE_CHECKING:
    from qkvstudy.study import CardSnapshot, Study


class Action(StrEnum):
    GRADE = "grade"
    SUSPEND = "suspend"
    BURY = "bury"
    RESET = "reset"


@dataclass(frozen=True)
class Done:
    action: Action
    card: CardView  # as it was before the action
    snapshot: CardSnapshot | None = None  # None for a grade: its review log holds the state before


@dataclass(frozen=True)
class Undone:
    action: Action
    card: CardView  # as it is again now


class SessionUndo:
    def __init__(self) -> None:
        self._done: list[Done] = []

    def __len__(self) -> int:
        return len(self._done)

    def graded(self, card: CardView) -> None:
        self._done.append(Done(Action.GRADE, card))

    def forget_last_grade(self) -> None:
        """A grade that could not be committed is not on the stack."""
        for index in range(len(self._done) - 1, -1, -1):
            if self._done[index].action is Action.GRADE:
                del self._done[index]
                return

    def act(self, study: Study, action: Action, card: CardView) -> CardView:
        """Do `action` on `card` through the Study, remembering how to take it back."""
        snapshot = study.snapshots.take(card.card_id)
        if action is Action.SUSPEND:
            after = study.suspend(card.card_id)
        elif action is Action.BURY:
            after = study.bury(card.card_id)
        elif action is Action.RESET:
            after = study.reset(card.card_id)
        else:
            raise ValueError(f"{action} is not done through act()")
        self._done.append(Done(action, card, snapshot))
        return after

    def undo(self, study: Study) -> Undone | None:
        """Take back the last action of the session; None when there is none."""
        if not self._done:
            return None
        done = self._done.pop()
        if done.action is Action.GRADE:
            card = study.undo()
            if card is None:  # the log is gone (e.g. undone from the command line)
                return None
            return Undone(done.action, card)
        assert done.snapshot is not None
        return Undone(done.action, study.snapshots.restore(done.snapshot, reset=done.action is Action.RESET))
