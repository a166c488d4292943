"""What a review session is in and what it did: its phase (a small state machine) and its tally."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto

from textual.binding import Binding

from qkvstudy.i18n import t
from qkvstudy.study import StudyError
from qkvstudy.tui.format import memory_parts, note_difficulty_label, state_label
from qkvstudy.views import AGAIN, CardView

# Errors from the user's own files (unwritable note, bad front-matter) are shown, not raised.
USER_ERRORS = (OSError, ValueError, LookupError, StudyError)

# The review screen's keys (ids for user keymaps); which are live in which phase is its check_action.
REVIEW_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("space,enter", "reveal", "app.key.reveal", id="review.reveal"),
    Binding("space,enter", "good", "app.key.good_after_answer", id="review.good_key"),
    Binding("t", "toggle_details", "app.key.details", id="review.details"),
    Binding("1", "grade(1)", "common.grade.again", id="review.again", show=False),
    Binding("2", "grade(2)", "common.grade.hard", id="review.hard", show=False),
    Binding("3", "grade(3)", "common.grade.good", id="review.good", show=False),
    Binding("4", "grade(4)", "common.grade.easy", id="review.easy", show=False),
    Binding("u", "undo", "app.key.undo", id="review.undo"),
    Binding("s", "suspend", "app.key.suspend", id="review.suspend", show=False),
    Binding("z", "bury", "app.key.bury", id="review.bury", show=False),
    Binding("e", "edit", "app.key.edit", id="review.edit"),
    Binding("o", "related", "app.key.related", id="review.related", show=False),
    Binding("i", "card_info", "app.key.card_info", id="review.card_info", show=False),
    Binding("question_mark", "app.help", "app.key.help", id="review.help"),
    Binding("q,escape", "end", "app.key.end", id="review.end"),
]


class Phase(Enum):
    STARTING = auto()  # no card asked for yet
    WAITING_FOR_SCAN = auto()  # a first start: the library is still being read
    QUESTION = auto()  # the question is shown; the answer is loading or loaded, hidden
    ANSWER = auto()  # the answer is shown: grades are accepted
    PAUSED = auto()  # a drill was left without a grade: space goes on
    ENDED = auto()  # the completion screen is up


@dataclass
class Session:
    """What this session did, for the completion screen. Time spent is the same measure as home's:
    from a card shown to its grade, summed (not the wall clock since the screen opened)."""

    ratings: list[tuple[int, int, float]] = field(default_factory=list)  # (card id, rating, seconds), for undo
    prepared_in_advance: int = 0  # grades whose next card was ready (the bench reports it)

    @property
    def reviewed(self) -> int:
        return len(self.ratings)

    @property
    def again(self) -> int:
        return sum(1 for _, rating, _ in self.ratings if rating == AGAIN)

    @property
    def seconds(self) -> float:
        return sum(seconds for _, _, seconds in self.ratings)


def card_header(card: CardView) -> tuple[str, list[str]]:
    """The review header: the topic, then phrases from the most to the least important."""
    parts = [t("app.review.file_missing")] if card.missing else []
    parts.append(state_label(card.state))
    if card.note_difficulty:
        parts.append(note_difficulty_label(card.note_difficulty))
    parts += memory_parts(card.stability, card.difficulty, card.retrievability)
    return card.topic or t("app.home.no_topic"), parts


def summary_words(*, all_done: bool, reviewed: int) -> tuple[str, str]:
    """The completion screen's title and note."""
    if all_done and not reviewed:
        return t("app.summary.nothing_due"), t("app.summary.nothing_due_note")
    if all_done:
        return t("app.summary.all_done"), t("app.summary.all_done_note")
    return t("app.summary.ended"), ""
