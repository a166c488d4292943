"""The drill screen's phases and the actions each allows (the footer shows only those)."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    LOADING = "loading"  # keys wait until the drill is on screen
    PICK = "pick"  # the type picker
    ANSWER = "answer"
    MARKING = "marking"  # a second enter while one answer is marked does nothing
    FEEDBACK = "feedback"  # marked, solution shown, a grade proposed (or practice)
    DONE = "done"  # graded, standalone only
    ERROR = "error"


ACTIONS: dict[Phase, frozenset[str]] = {
    Phase.PICK: frozenset({"start", "level", "level_step", "help", "leave"}),
    Phase.ANSWER: frozenset({"submit", "toggle_line", "leave"}),
    Phase.FEEDBACK: frozenset({"accept", "grade", "help", "leave"}),
    Phase.DONE: frozenset({"next", "help", "leave"}),
    Phase.ERROR: frozenset({"help", "leave"}),
}
PRACTICE_FEEDBACK = frozenset({"next", "help", "leave"})  # a variant that is recorded, not scheduled
PHASED = frozenset().union(*ACTIONS.values())
