"""A drill: compute a piece of attention by hand, get it marked, see the worked solution, grade it.

    DrillScreen(study)                                  type picker, then drills of the chosen type
    DrillScreen(study, drill_type="weights", level=2, seed=7)   one type straight away
    DrillScreen(study, card=card)                       a drill card from a review session

The screen dismisses with the rating it committed (1–4), or None when left without grading.
In a review session (a card was given) it dismisses as soon as the grade is committed; on its
own it stays, `n` brings another drill of the same type and `esc` goes back (to the picker when
it was opened with one).

Phases (phases.Phase): pick -> answer -> feedback -> done. Every submitted answer is stored as a
drill attempt at once. Only the first attempt at a due (or new) card grades it; further variants
are practice: recorded, not scheduled. The level follows the learner's attempts (drills.levels)
unless one is given. Each phase announces itself with `PhaseShown` once it is fully on screen.
The picker, the exercise's texts and the feedback live in the modules beside this one.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, OptionList, Static

from qkvstudy.drills import (
    DRILL_TYPES,
    AnswerError,
    Drill,
    DrillSpec,
    DrillSpecError,
    check,
    drill_from_spec,
    generate,
    parse_spec,
)
from qkvstudy.drills.catalog import NOTES
from qkvstudy.drills.levels import LevelState
from qkvstudy.i18n import t
from qkvstudy.study import StudyError
from qkvstudy.tui.screens.drill.exercise import ExerciseMixin, line_placeholder, starts_in_line_mode
from qkvstudy.tui.screens.drill.feedback import Verdict, boxed_matrix, feedback_widgets, step_labels
from qkvstudy.tui.screens.drill.phases import ACTIONS, PHASED, PRACTICE_FEEDBACK, Phase
from qkvstudy.tui.screens.drill.picker import PickerMixin
from qkvstudy.tui.widgets.answer_grid import AnswerGrid, CellInput, GridError, cell_place
from qkvstudy.tui.widgets.grade_bar import GradeBar
from qkvstudy.tui.widgets.heatmap import GivenMatrices
from qkvstudy.tui.words import Translated
from qkvstudy.views import NEW, CardView

if TYPE_CHECKING:
    from datetime import timedelta

    from qkvstudy.drills import CheckResult
    from qkvstudy.study import Study

__all__ = ["DrillScreen", "Phase", "boxed_matrix", "line_placeholder", "step_labels"]

_clock = time.monotonic  # seconds on the drill; tests replace it for stable timings


DRILL_BAR = "[b]$drill[/b] · $title · [b]L$level[/b] · [dim]seed $seed$where[/]"


class DrillScreen(Translated, PickerMixin, ExerciseMixin):
    """See the module docstring. Raises ValueError for an unknown drill type or level."""

    class PhaseShown(Message):
        """A phase is fully on screen (its widgets mounted, focus placed)."""

        def __init__(self, phase: Phase) -> None:
            super().__init__()
            self.phase = phase

    BINDINGS = [
        Binding("ctrl+s,enter", "submit", "drillscreen.key.submit", id="drill.submit"),
        Binding("ctrl+l", "toggle_line", "drillscreen.key.toggle_line", id="drill.toggle_line"),
        Binding("enter", "accept", "drillscreen.key.accept", id="drill.accept"),
        Binding("1", "grade(1)", "common.grade.again", id="drill.again", show=False),
        Binding("2", "grade(2)", "common.grade.hard", id="drill.hard", show=False),
        Binding("3", "grade(3)", "common.grade.good", id="drill.good", show=False),
        Binding("4", "grade(4)", "common.grade.easy", id="drill.easy", show=False),
        Binding("n,enter", "next", "drillscreen.key.next", id="drill.next"),
        Binding("enter", "start", "drillscreen.key.start", id="drill.start"),
        Binding("1", "level(1)", "drillscreen.key.level_1", id="drill.level_1", show=False),
        Binding("2", "level(2)", "drillscreen.key.level_2", id="drill.level_2", show=False),
        Binding("3", "level(3)", "drillscreen.key.level_3", id="drill.level_3", show=False),
        Binding("left", "level_step(-1)", "drillscreen.key.level_down", id="drill.level_down", show=False),
        Binding("right", "level_step(1)", "drillscreen.key.level_up", id="drill.level_up", show=False),
        Binding("question_mark", "help", "app.key.help", id="drill.help", show=False),
        Binding("escape", "leave", "drillscreen.key.leave", id="drill.leave"),
    ]

    def __init__(
        self,
        study: Study,
        card: CardView | None = None,
        drill_type: str | None = None,
        level: int | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.study = study
        self.card = card
        self.type_id = drill_type or (card.drill_type if card is not None else None)
        if self.type_id is not None and self.type_id not in DRILL_TYPES:
            raise ValueError(f"unknown drill type {self.type_id!r} (known: {', '.join(DRILL_TYPES)})")
        self.level_given = level is not None or (card is not None and bool(card.drill_level))
        if level is None:
            level = card.drill_level if card is not None and card.drill_level else 1
        self.level = level
        if self.type_id is not None and self.level not in DRILL_TYPES[self.type_id].levels:
            raise ValueError(f"level must be 1, 2 or 3, got {level!r}")
        self.next_seed = seed  # for the first drill only; later ones get fresh seeds
        self.from_picker = self.type_id is None
        self.phase = Phase.PICK if self.from_picker else Phase.ANSWER
        self.drill: Drill | None = None
        self.line_mode = False
        self.answer: np.ndarray | None = None
        self.marked: CheckResult | None = None
        self.preview: dict[int, timedelta] = {}
        self.committed: int | None = None  # the last rating committed on this screen
        self.graded_cards: set[int] = set()  # cards graded on this screen: later variants are practice
        self.practice = False  # the current variant is recorded but not scheduled
        self.followed: LevelState | None = None
        self.shown_at = _clock()
        self.answer_seconds = 0.0
        self.spec = None  # a note's drill spec, parsed on mount
        self._verdict_placed = False

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="drill-bar")
        with Vertical(id="drill-picker"):
            yield OptionList(id="drill-types")
            yield Static("", id="drill-levels")
        with VerticalScroll(id="drill-body"):
            yield Static("", id="drill-prompt")
            yield Static("", id="drill-note")
            yield GivenMatrices(id="drill-given")
            with Vertical(id="drill-answer"):
                yield Static("", id="drill-answer-label")
                yield Input(id="drill-line")
                yield Static("", id="drill-message")
            yield Vertical(id="drill-feedback")
        yield GradeBar("", id="drill-grades")
        yield Footer()

    async def on_mount(self) -> None:
        picking = self.phase == Phase.PICK
        self._set_phase(Phase.LOADING)  # nothing half-built on the first paint
        self.query_one("#drill-line", Input).cursor_blink = self._blink
        if self.card is not None and self.card.drill_spec:
            try:
                self.spec = parse_spec(self.card.drill_spec)
            except DrillSpecError as error:
                self._show_error(t("drills.screen.spec_invalid", why=error.message))
                return
        if picking:
            self.show_picker()
        else:
            if not self.level_given:
                self.level = self._followed_level(self.type_id).level
            await self.start_drill()

    @property
    def _blink(self) -> bool:
        return bool(getattr(self.app, "cursor_blink", True))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in PHASED:
            return True
        if self.phase == Phase.FEEDBACK and self.practice:
            return action in PRACTICE_FEEDBACK
        return action in ACTIONS.get(self.phase, frozenset())

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        picking = phase == Phase.PICK
        self.query_one("#drill-picker").display = picking
        self.query_one("#drill-body").display = not picking
        self.query_one("#drill-answer").display = phase == Phase.ANSWER
        self.query_one("#drill-feedback").display = phase in (Phase.FEEDBACK, Phase.DONE)
        self.query_one("#drill-grades").display = phase in (Phase.FEEDBACK, Phase.DONE)
        body = self.query_one("#drill-body", VerticalScroll)
        body.can_focus = phase != Phase.ANSWER  # while answering, Tab only walks the cells
        self.refresh_bindings()

    def _shown(self) -> None:
        self.post_message(self.PhaseShown(self.phase))

    def _show_error(self, message: str) -> None:
        self._set_phase(Phase.ERROR)
        self.query_one("#drill-bar", Static).update(Content.from_markup("[b]$drill[/b]", drill=t("drillscreen.title")))
        self.query_one("#drill-prompt", Static).update(Content(message))
        self._shown()

    # --- a drill --------------------------------------------------------------------------------

    @property
    def grade_card(self) -> CardView:
        """The card a grade goes to: the given card, else the drill type's own card."""
        if self.card is not None:
            return self.card
        return self.study.drill_card(str(self.type_id))

    @property
    def grade_card_id(self) -> int:
        return self.grade_card.card_id

    def _gradable(self) -> bool:
        """Only the first attempt at a due (or new) card grades it; the rest is practice."""
        try:
            card = self.grade_card
        except StudyError:
            return False
        if card.card_id in self.graded_cards:
            return False
        return self.card is not None or card.state == NEW or card.due <= self.study.clock()

    def _make_drill(self) -> Drill:
        seed, self.next_seed = self.next_seed, None
        if isinstance(self.spec, DrillSpec):
            return drill_from_spec(self.spec, seed)  # the spec's own seed, when it has one, wins
        return generate(str(self.type_id), self.level, seed)

    async def start_drill(self) -> None:
        """A fresh variant of the current type and level, ready to answer."""
        self.phase = Phase.LOADING
        try:
            drill = self._make_drill()
        except (DrillSpecError, ValueError) as error:
            self._show_error(t("drills.screen.cannot_make", why=getattr(error, "message", error)))
            return
        self.drill = drill
        self.answer, self.marked, self.preview = None, None, {}
        self.practice = not self._gradable()
        self._verdict_placed = False
        where = f" · {self.card.path}" if self.card is not None and self.card.path else ""
        title, drill_word = DRILL_TYPES[drill.type_id].title, t("drillscreen.title")
        bar = dict(drill=drill_word, title=title, level=str(drill.level), seed=str(drill.seed), where=where)
        self.query_one("#drill-bar", Static).update(Content.from_markup(DRILL_BAR, **bar))
        self.query_one("#drill-prompt", Static).update(Content(drill.prompt))
        note = NOTES.get(drill.type_id)
        self.query_one("#drill-note", Static).update(Content(t("drills.screen.note", path=note) if note else ""))
        given = self.query_one("#drill-given", GivenMatrices)
        given.set_matrices(dict(drill.given))
        given.display = bool(drill.given)
        await self.query_one("#drill-feedback", Vertical).remove_children()
        answer_box = self.query_one("#drill-answer", Vertical)
        await answer_box.query(AnswerGrid).remove()
        grid = AnswerGrid(
            (drill.shape[0], drill.shape[1]),
            drill.answer_kind,
            drill.row_labels,
            drill.col_labels,
            cursor_blink=self._blink,
            id="drill-grid",
        )
        await answer_box.mount(grid, after="#drill-answer-label")
        line = self.query_one("#drill-line", Input)
        line.value = ""
        line.placeholder = line_placeholder(drill.shape, drill.answer_kind)
        self.line_mode = starts_in_line_mode(drill)
        self._set_phase(Phase.ANSWER)
        self._apply_mode()
        self._message("")
        self.query_one("#drill-body", VerticalScroll).scroll_home(animate=False)
        self.shown_at = _clock()
        self._shown()

    @on(Input.Changed)
    def _cell_changed(self, event: Input.Changed) -> None:
        if self.phase != Phase.ANSWER:
            return
        cell = event.input
        if isinstance(cell, CellInput):
            result = event.validation_result
            if result is not None and not result.is_valid:
                why = result.failure_descriptions[0] if result.failure_descriptions else ""
                self._message(t("drillscreen.cell_error", cell=cell_place(cell.row, cell.col), why=why), error=True)
                return
        if self.query_one("#drill-message").has_class("-error"):
            self._message("")

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_submit()

    async def action_submit(self) -> None:
        if self.phase != Phase.ANSWER or self.drill is None:
            return
        drill = self.drill
        try:
            answer = self.read_answer()
        except AnswerError as error:
            self._message(error.message, error=True)
            if isinstance(error, GridError):
                self.query_one(AnswerGrid).focus_cell(error.row, error.col)
            return
        self.phase = Phase.MARKING
        self.refresh_bindings()
        seconds = max(0.0, _clock() - self.shown_at)
        self.answer_seconds = seconds
        marked = check(drill, answer, seconds=seconds)
        self.answer, self.marked = answer, marked
        try:
            self.study.history.record_drill_attempt(
                self.grade_card_id,
                drill.type_id,
                drill.level,
                drill.seed,
                np.asarray(answer, dtype=np.float64).tolist(),
                marked.score,
                round(seconds, 1),
            )
            if not self.practice:
                self.preview = self.study.preview(self.grade_card_id)
        except StudyError as error:
            self.notify(t("drills.screen.not_saved", why=error), severity="error")
        self._follow_after_attempt()
        await self.show_feedback()

    # --- feedback -------------------------------------------------------------------------------

    async def show_feedback(self) -> None:
        drill, marked, answer = self.drill, self.marked, self.answer
        if drill is None or marked is None or answer is None:
            return
        feedback = self.query_one("#drill-feedback", Vertical)
        await feedback.remove_children()
        await feedback.mount_all(feedback_widgets(drill, marked, answer, self.answer_seconds, self.practice))
        self._set_phase(Phase.FEEDBACK)
        grades = self.query_one("#drill-grades", GradeBar)
        if self.practice:
            grades.show_practice()
        else:
            grades.show_preview(self.preview, proposed=marked.proposed_rating)
        self.set_focus(self.query_one("#drill-body", VerticalScroll))  # arrows scroll; 1–4 and enter reach the screen

    @on(Verdict.LaidOut)
    def _verdict_laid_out(self) -> None:
        """The feedback has its place on screen. When the marked answer would be out of sight,
        scroll the verdict to the top (the question stays a scroll above); then announce it."""
        if self.phase == Phase.FEEDBACK and not self._verdict_placed:
            self._verdict_placed = True
            body = self.query_one("#drill-body", VerticalScroll)
            result = self.query_one("#drill-result")
            if result.region.bottom > body.content_region.bottom or not result.region.area:
                body.scroll_to_widget(self.query_one("#drill-verdict"), top=True, animate=False, immediate=True)
            self._shown()

    def action_accept(self) -> None:
        if self.marked is not None:
            self.action_grade(self.marked.proposed_rating)

    def action_grade(self, rating: int) -> None:
        if self.phase != Phase.FEEDBACK or self.drill is None or self.practice:
            return
        card_id = self.grade_card_id
        try:
            outcome = self.study.grade(card_id, int(rating), duration_s=max(0.0, _clock() - self.shown_at))
        except StudyError as error:
            self.notify(t("drills.screen.not_graded", why=error), severity="error")
            return
        self.committed = int(rating)
        self.graded_cards.add(card_id)
        if self.card is not None:
            self.dismiss(self.committed)  # a review session goes on with its next card
            return
        self._set_phase(Phase.DONE)
        self.query_one("#drill-grades", GradeBar).show_done(self.committed, outcome.interval)
        self._shown()

    async def action_next(self) -> None:
        if self.phase == Phase.DONE or (self.phase == Phase.FEEDBACK and self.practice):
            await self.start_drill()

    def action_help(self) -> None:
        help_action = getattr(self.app, "action_help", None)
        if help_action is not None:
            help_action()

    async def action_leave(self) -> None:
        if self.phase in (Phase.ANSWER, Phase.FEEDBACK, Phase.DONE) and self.from_picker:
            self.show_picker()  # back to the list; an answered drill stays recorded
            return
        self.dismiss(self.committed)
