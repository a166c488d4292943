"""A drill: compute a piece of attention by hand, get it marked, see the worked solution, grade it.

    DrillScreen(study)                                  type picker, then drills of the chosen type
    DrillScreen(study, drill_type="weights", level=2, seed=7)   one type straight away
    DrillScreen(study, card=card)                       a drill card from a review session

The screen dismisses with the rating it committed (1–4), or None when left without grading.
In a review session (a card was given) it dismisses as soon as the grade is committed; on its
own it stays, `n` brings another drill of the same type and `esc` goes back (to the picker when
it was opened with one).

Phases: pick (type picker) -> answer -> feedback (marked, solution, grade proposed) -> done
(graded, standalone only). Every submitted answer is stored as a drill attempt at once, right
or wrong; the grade goes to the drill type's card (or to the note's drill card in a session).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from qkvstudy.drills import (
    DRILL_TYPES,
    AnswerError,
    Drill,
    DrillSpecError,
    check,
    drill_from_spec,
    format_matrix,
    generate,
    parse_answer,
    parse_spec,
    worked_solution,
)
from qkvstudy.study import StudyError
from qkvstudy.tui.format import format_due, format_interval
from qkvstudy.tui.widgets.answer_grid import AnswerGrid, CellInput, GridError, ResultGrid, cell_place
from qkvstudy.tui.widgets.heatmap import GivenMatrices, Heatmap
from qkvstudy.views import AGAIN, EASY, GOOD, GRADE_LABELS_ZH, HARD, NEW, CardView

if TYPE_CHECKING:
    from datetime import timedelta

    from qkvstudy.drills import CheckResult
    from qkvstudy.study import Study

_clock = time.monotonic  # seconds on the drill; tests replace it for stable timings

LINE_MODE_COLS = 8  # answers wider than this, or with more cells, start in one-line mode
LINE_MODE_CELLS = 24
SAMPLE_CELL = {"int": "2", "float": "0.25", "index": "0", "bool": "是"}

VERDICTS = {
    "right": ("✓ 全对 right", "verdict-right"),
    "partial": ("◐ 部分正确 partial", "verdict-partial"),
    "wrong": ("✗ 不对 wrong", "verdict-wrong"),
}
KIND_HINTS = {
    "int": "整数 whole numbers",
    "float": "保留两位小数 2 decimals",
    "index": "编号从 0 开始 0-based",
    "bool": "是/否 yes/no",
}


def boxed_matrix(m) -> Text:
    """format_matrix between bars, for the worked solution."""
    lines = format_matrix(m).splitlines() or [""]
    width = max(len(line) for line in lines)
    return Text("\n".join(f"│ {line.rjust(width)} │" for line in lines), no_wrap=True, overflow="crop")


def line_placeholder(shape: tuple[int, int], kind: str) -> str:
    """e.g. `例 0.25 0.25 0.25; …（2 行，每行 3 个；行用 ; 分隔）` (answers are always 2-D)."""
    n_rows, n_cols = shape
    cell = SAMPLE_CELL.get(kind, "0")
    row = " ".join([cell] * min(n_cols, 4)) + (" …" if n_cols > 4 else "")
    example = row + ("; …" if n_rows > 1 else "")
    return f"例 e.g. {example}（{n_rows} 行，每行 {n_cols} 个；行用 ; 分隔 rows by ;）"


def step_labels(drill: Drill, m: np.ndarray) -> tuple[list[str] | None, list[str] | None]:
    """The drill's labels where a step's matrix has the answer's rows / columns, else q0…/k0…."""
    m = np.atleast_2d(m)
    rows = list(drill.row_labels) if drill.row_labels and len(drill.row_labels) == m.shape[0] else None
    cols = list(drill.col_labels) if drill.col_labels and len(drill.col_labels) == m.shape[1] else None
    keys = bool(drill.col_labels) and str(drill.col_labels[0]).startswith("k")
    if rows is None and keys:
        rows = [f"q{i}" for i in range(m.shape[0])]
    if cols is None and keys:
        cols = [f"k{j}" for j in range(m.shape[1])]
    return rows, cols


class GradeChoice(Static):
    """The four grades with their intervals; the proposed one stands out. Clickable."""

    DEFAULT_CSS = """
    GradeChoice {
        height: auto;
        padding: 0 1;
        background: $panel;
        link-style: none;
        link-style-hover: reverse;
    }
    """

    def show_choice(self, preview: dict[int, timedelta], proposed: int) -> None:
        parts = []
        for rating in (AGAIN, HARD, GOOD, EASY):
            interval = preview.get(rating)
            chosen = rating == proposed
            markup = (
                f"[@click=screen.grade({rating})][b $accent]▶[/][b reverse $accent] {rating} [/] "
                "[b $accent]$zh $interval[/][/]"
                if chosen
                else f"[@click=screen.grade({rating})] [b reverse] {rating} [/] $zh [b]$interval[/][/]"
            )
            parts.append(
                Content.from_markup(
                    markup,
                    zh=GRADE_LABELS_ZH[rating],
                    interval=format_interval(interval) if interval is not None else "–",
                )
            )
        head = Content.from_markup("[dim]评分[/] ")
        self.update(head + Content("  ").join(parts))

    def show_done(self, rating: int, interval: timedelta | None) -> None:
        """After a standalone grade: what was recorded, when it comes back, what next."""
        after = f" · {format_interval(interval)} 后再练" if interval is not None else ""
        self.update(
            Content.from_markup(
                "[b]已记录[/b] $rating $zh$after · [b]n[/b] 再来一题 · [b]esc[/b] 返回",
                rating=str(rating),
                zh=GRADE_LABELS_ZH[rating],
                after=after,
            )
        )


class Verdict(Static):
    """The verdict line; tells the screen when it is first laid out (to scroll it into view)."""

    def on_resize(self) -> None:
        screen = self.screen
        if isinstance(screen, DrillScreen):
            screen.verdict_laid_out()


class DrillScreen(Screen[int | None]):
    """See the module docstring. Raises ValueError for an unknown drill type or level."""

    DEFAULT_CSS = """
    DrillScreen {
        layout: vertical;
    }
    #drill-bar {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    #drill-body {
        height: 1fr;
        padding: 0 1;
    }
    #drill-prompt {
        height: auto;
        margin: 1 0 1 0;
        text-style: bold;
        color: $text-accent;
    }
    #drill-given { margin: 0 0 1 0; }
    #drill-answer { height: auto; }
    #drill-answer-label { height: auto; color: $text-muted; }
    #drill-line { width: 1fr; max-width: 100; margin: 0 0 0 0; }
    #drill-message { height: auto; min-height: 1; color: $text-muted; }
    #drill-message.-error { color: $text-error; text-style: bold; }
    #drill-feedback { height: auto; }
    .verdict { height: auto; text-style: bold; }
    .verdict-right { color: $text-success; }
    .verdict-partial { color: $text-warning; }
    .verdict-wrong { color: $text-error; }
    #drill-diagnosis {
        height: auto;
        padding: 0 1;
        border-left: thick $warning;
        color: $text-warning;
    }
    #drill-diagnosis.-none { border-left: thick $foreground 30%; color: $text-muted; }
    #drill-result { margin: 1 0 0 0; }
    .section-head {
        height: auto;
        text-style: bold underline;
        color: $text-secondary;
        margin: 1 0 0 0;
    }
    .step-title { height: auto; text-style: bold; margin: 1 0 0 0; }
    .step-text { height: auto; padding: 0 0 0 3; color: $text-muted; }
    .step-matrix { height: auto; width: auto; margin: 0 0 0 3; }
    #drill-picker { height: 1fr; }
    #drill-types { height: 1fr; border: none; padding: 0 1; }
    #drill-levels { height: auto; padding: 0 1; background: $panel; }
    """

    BINDINGS = [
        Binding("ctrl+s,enter", "submit", "提交", id="drill.submit"),
        Binding("ctrl+l", "toggle_line", "逐格/整行", id="drill.toggle_line"),
        Binding("enter", "accept", "接受建议", id="drill.accept"),
        Binding("1", "grade(1)", "重来", id="drill.again", show=False),
        Binding("2", "grade(2)", "困难", id="drill.hard", show=False),
        Binding("3", "grade(3)", "良好", id="drill.good", show=False),
        Binding("4", "grade(4)", "简单", id="drill.easy", show=False),
        Binding("n,enter", "next", "再来一题", id="drill.next"),
        Binding("enter", "start", "开始", id="drill.start"),
        Binding("1", "level(1)", "等级 1", id="drill.level_1", show=False),
        Binding("2", "level(2)", "等级 2", id="drill.level_2", show=False),
        Binding("3", "level(3)", "等级 3", id="drill.level_3", show=False),
        Binding("left", "level_step(-1)", "等级 −", id="drill.level_down", show=False),
        Binding("right", "level_step(1)", "等级 +", id="drill.level_up", show=False),
        Binding("question_mark", "help", "帮助", id="drill.help", show=False),
        Binding("escape", "leave", "返回", id="drill.leave"),
    ]

    # Which actions each phase allows (the footer shows only these).
    _ACTIONS = {
        "pick": {"start", "level", "level_step", "help", "leave"},
        "answer": {"submit", "toggle_line", "leave"},
        "feedback": {"accept", "grade", "help", "leave"},
        "done": {"next", "help", "leave"},
        "error": {"help", "leave"},
    }

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
        if level is None:
            level = card.drill_level if card is not None and card.drill_level else 1
        self.level = level
        if self.type_id is not None and self.level not in DRILL_TYPES[self.type_id].levels:
            raise ValueError(f"level must be 1, 2 or 3, got {level!r}")
        self.next_seed = seed  # for the first drill only; later ones get fresh seeds
        self.from_picker = self.type_id is None
        self.phase = "pick" if self.from_picker else "answer"
        self.drill: Drill | None = None
        self.line_mode = False
        self.answer: np.ndarray | None = None
        self.marked: CheckResult | None = None
        self.preview: dict[int, timedelta] = {}
        self.committed: int | None = None  # the last rating committed on this screen
        self.shown_at = _clock()
        self.answer_seconds = 0.0
        self.ready = False  # the current phase is fully on screen (for tests and callers)
        self.spec = None  # a note's drill spec, parsed on mount

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="drill-bar")
        with Vertical(id="drill-picker"):
            yield OptionList(id="drill-types")
            yield Static("", id="drill-levels")
        with VerticalScroll(id="drill-body"):
            yield Static("", id="drill-prompt")
            yield GivenMatrices(id="drill-given")
            with Vertical(id="drill-answer"):
                yield Static("", id="drill-answer-label")
                yield Input(id="drill-line")
                yield Static("", id="drill-message")
            yield Vertical(id="drill-feedback")
        yield GradeChoice("", id="drill-grades")
        yield Footer()

    async def on_mount(self) -> None:
        picking, self.phase = self.phase == "pick", "loading"
        self._set_phase("loading")  # nothing half-built on the first paint
        line = self.query_one("#drill-line", Input)
        line.cursor_blink = self._blink
        if self.card is not None and self.card.drill_spec:
            try:
                self.spec = parse_spec(self.card.drill_spec)
            except DrillSpecError as error:
                self._show_error(f"这道练习的定义有问题 (the note's drill spec is invalid): {error.message}")
                return
        if picking:
            self.show_picker()
        else:
            await self.start_drill()

    @property
    def _blink(self) -> bool:
        return bool(getattr(self.app, "cursor_blink", True))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = self._ACTIONS.get(self.phase, set())
        if action in {a for actions in self._ACTIONS.values() for a in actions}:
            return action in allowed
        return True

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        picking = phase == "pick"
        self.query_one("#drill-picker").display = picking
        self.query_one("#drill-body").display = not picking
        self.query_one("#drill-answer").display = phase == "answer"
        self.query_one("#drill-feedback").display = phase in ("feedback", "done")
        self.query_one("#drill-grades").display = phase in ("feedback", "done")
        body = self.query_one("#drill-body", VerticalScroll)
        body.can_focus = phase != "answer"  # while answering, Tab only walks the cells
        self.refresh_bindings()

    def _show_error(self, message: str) -> None:
        self._set_phase("error")
        self.query_one("#drill-bar", Static).update(Content.from_markup("[b]练习 Drill[/b]"))
        self.query_one("#drill-prompt", Static).update(Content(message))
        self.ready = True

    # --- the type picker ------------------------------------------------------------------------

    def show_picker(self) -> None:
        self.ready = False
        self._set_phase("pick")
        self.query_one("#drill-bar", Static).update(
            Content.from_markup("[b]练习 Drill[/b] · 选一个题型 choose a drill type")
        )
        options = self.query_one("#drill-types", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        now = self.study.clock()
        curriculum = sorted(DRILL_TYPES.values(), key=lambda t: t.order)
        for drill_type in curriculum:
            try:
                card = self.study.drill_card(drill_type.id)
                status = "新 new" if card.state == NEW else f"due {format_due(card.due, now)}"
            except StudyError:
                status = ""
            options.add_option(
                Option(
                    Content.from_markup(
                        "[b]$title[/b]  [dim]$status[/]\n[dim]$description[/]",
                        title=drill_type.title,
                        status=status,
                        description=drill_type.description,
                    ),
                    id=drill_type.id,
                )
            )
        if self.type_id is not None:
            options.highlighted = [t.id for t in curriculum].index(self.type_id)
        elif highlighted is not None:
            options.highlighted = highlighted
        else:
            options.highlighted = 0
        options.focus()
        self._show_levels()
        self.ready = True

    def _picked_type(self) -> str | None:
        options = self.query_one("#drill-types", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def _show_levels(self) -> None:
        type_id = self._picked_type()
        if type_id is None:
            return
        drill_type = DRILL_TYPES[type_id]
        lines = [Content.from_markup("[b]等级 Level[/b] [dim](1–3 或 ←/→ 选择 · enter 开始)[/]")]
        notes = drill_type.level_notes or ("",) * len(drill_type.levels)
        for level, note in zip(drill_type.levels, notes):
            if level == self.level:
                lines.append(Content.from_markup("[b $accent]▶ $level  $note[/]", level=str(level), note=note))
            else:
                lines.append(Content.from_markup("[dim]  $level  $note[/]", level=str(level), note=note))
        self.query_one("#drill-levels", Static).update(Content("\n").join(lines))

    @on(OptionList.OptionHighlighted, "#drill-types")
    def _type_highlighted(self) -> None:
        self._show_levels()

    @on(OptionList.OptionSelected, "#drill-types")
    async def _type_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self._start_type(event.option.id)

    async def action_start(self) -> None:
        type_id = self._picked_type()
        if type_id is not None:
            await self._start_type(type_id)

    async def _start_type(self, type_id: str | None) -> None:
        if self.phase != "pick" or type_id is None:
            return
        self.type_id = type_id
        if self.level not in DRILL_TYPES[type_id].levels:
            self.level = DRILL_TYPES[type_id].levels[0]
        await self.start_drill()

    def action_level(self, level: int) -> None:
        type_id = self._picked_type()
        if type_id is not None and level in DRILL_TYPES[type_id].levels:
            self.level = level
            self._show_levels()

    def action_level_step(self, step: int) -> None:
        self.action_level(min(3, max(1, self.level + step)))

    # --- a drill --------------------------------------------------------------------------------

    @property
    def grade_card_id(self) -> int:
        """The card a grade goes to: the given card, else the drill type's own card."""
        if self.card is not None:
            return self.card.card_id
        return self.study.drill_card(self.type_id).card_id

    def _make_drill(self) -> Drill:
        seed, self.next_seed = self.next_seed, None
        if self.spec is not None:
            return drill_from_spec(self.spec, seed)  # the spec's own seed, when it has one, wins
        return generate(self.type_id, self.level, seed)

    async def start_drill(self) -> None:
        """A fresh variant of the current type and level, ready to answer."""
        self.ready = False
        self.phase = "loading"  # keys wait until the drill is on screen
        try:
            drill = self._make_drill()
        except (DrillSpecError, ValueError) as error:
            self._show_error(f"无法生成练习 (cannot make this drill): {getattr(error, 'message', error)}")
            return
        self.drill = drill
        self.answer, self.marked, self.preview = None, None, {}
        drill_type = DRILL_TYPES[drill.type_id]
        where = ""
        if self.card is not None and self.card.path:
            where = f" · {self.card.path}"
        self.query_one("#drill-bar", Static).update(
            Content.from_markup(
                "[b]练习 Drill[/b] · $title · [b]L$level[/b] · [dim]seed $seed$where[/]",
                title=drill_type.title,
                level=str(drill.level),
                seed=str(drill.seed),
                where=where,
            )
        )
        self.query_one("#drill-prompt", Static).update(Content(drill.prompt))
        given = self.query_one("#drill-given", GivenMatrices)
        given.set_matrices(dict(drill.given))
        given.display = bool(drill.given)

        feedback = self.query_one("#drill-feedback", Vertical)
        await feedback.remove_children()
        answer_box = self.query_one("#drill-answer", Vertical)
        await answer_box.query(AnswerGrid).remove()
        n_rows, n_cols = drill.shape
        grid = AnswerGrid(
            (n_rows, n_cols),
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
        self.line_mode = n_cols > LINE_MODE_COLS or drill.cells > LINE_MODE_CELLS
        self._set_phase("answer")
        self._apply_mode()
        self._message("")
        self.query_one("#drill-body", VerticalScroll).scroll_home(animate=False)
        self.shown_at = _clock()
        self.ready = True

    def _apply_mode(self) -> None:
        drill = self.drill
        grid = self.query_one(AnswerGrid)
        line = self.query_one("#drill-line", Input)
        grid.display = not self.line_mode
        line.display = self.line_mode
        shape = "×".join(map(str, drill.shape))
        mode = "整行 line" if self.line_mode else "逐格 grid"
        other = "逐格" if self.line_mode else "整行"
        self.query_one("#drill-answer-label", Static).update(
            Content.from_markup(
                "[b]你的答案[/b] $shape · $kind · $mode · [dim]enter 提交 · ctrl+l $other[/]",
                shape=shape,
                kind=KIND_HINTS.get(drill.answer_kind, ""),
                mode=mode,
                other=other,
            )
        )
        if self.line_mode:
            line.focus()
        else:
            focused = self.focused
            if not (isinstance(focused, CellInput) and focused.parent is grid):
                grid.focus_cell(0, 0)

    def action_toggle_line(self) -> None:
        if self.phase != "answer":
            return
        grid = self.query_one(AnswerGrid)
        line = self.query_one("#drill-line", Input)
        if self.line_mode:
            if line.value.strip() and not grid.fill_from_line(line.value):
                self._message(
                    "整行答案的形状和网格不符，没有复制到格子里 (line answer does not fit the grid; not copied)"
                )
            else:
                self._message("")
        else:
            line.value = grid.as_line()
            line.cursor_position = len(line.value)
            self._message("")
        self.line_mode = not self.line_mode
        self._apply_mode()

    def _message(self, text: str, error: bool = False) -> None:
        message = self.query_one("#drill-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")

    @on(Input.Changed)
    def _cell_changed(self, event: Input.Changed) -> None:
        if self.phase != "answer":
            return
        cell = event.input
        if isinstance(cell, CellInput):
            result = event.validation_result
            if result is not None and not result.is_valid:
                why = result.failure_descriptions[0] if result.failure_descriptions else ""
                self._message(f"{cell_place(cell.row, cell.col)}：{why}", error=True)
                return
        if self.query_one("#drill-message").has_class("-error"):
            self._message("")

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_submit()

    def read_answer(self) -> np.ndarray:
        """The answer on screen as an array of the drill's shape; raises AnswerError."""
        drill = self.drill
        if self.line_mode:
            return parse_answer(self.query_one("#drill-line", Input).value, drill.shape, kind=drill.answer_kind)
        return self.query_one(AnswerGrid).read()

    async def action_submit(self) -> None:
        if self.phase != "answer" or self.drill is None:
            return
        drill = self.drill
        try:
            answer = self.read_answer()
        except AnswerError as error:
            self._message(error.message, error=True)
            if isinstance(error, GridError):
                self.query_one(AnswerGrid).focus_cell(error.row, error.col)
            return
        self.phase = "marking"  # a second enter while this one is marked does nothing
        self.refresh_bindings()
        seconds = max(0.0, _clock() - self.shown_at)
        self.answer_seconds = seconds
        marked = check(drill, answer, tolerance=self.study.settings.drill_tolerance, seconds=seconds)
        self.answer, self.marked = answer, marked
        try:
            self.study.record_drill_attempt(
                self.grade_card_id,
                drill.type_id,
                drill.level,
                drill.seed,
                np.asarray(answer, dtype=np.float64).tolist(),
                marked.score,
                round(seconds, 1),
            )
            self.preview = self.study.preview(self.grade_card_id)
        except StudyError as error:
            self.notify(f"练习没有记录 (attempt not saved): {error}", severity="error")
        await self.show_feedback()

    # --- feedback -------------------------------------------------------------------------------

    async def show_feedback(self) -> None:
        self.ready = False
        drill, marked = self.drill, self.marked
        feedback = self.query_one("#drill-feedback", Vertical)
        await feedback.remove_children()
        label, css = VERDICTS[marked.verdict]
        right = int(np.count_nonzero(marked.correct))
        verdict = Verdict(
            Content.from_markup(
                "$label · 得分 $right/$cells（$percent） · 用时 $time",
                label=label,
                right=str(right),
                cells=str(drill.cells),
                percent=f"{marked.score:.0%}",
                time=f"{self.answer_seconds:.0f}s",
            ),
            classes=f"verdict {css}",
            id="drill-verdict",
        )
        widgets = [verdict]
        if marked.diagnosis:
            widgets.append(Static(Content(f"诊断 Diagnosis：{marked.diagnosis}"), id="drill-diagnosis"))
        elif marked.verdict != "right":
            widgets.append(
                Static(
                    Content(
                        "没有认出是哪种典型错误，请对照下面的步骤 "
                        "(no known mistake matches; compare with the steps below)"
                    ),
                    id="drill-diagnosis",
                    classes="-none",
                )
            )
        widgets.append(
            ResultGrid(
                self.answer,
                drill.expected,
                marked.correct,
                drill.answer_kind,
                drill.row_labels,
                drill.col_labels,
                id="drill-result",
            )
        )
        widgets.append(Static("解题步骤 Worked solution", classes="section-head"))
        for n, step in enumerate(worked_solution(drill), 1):
            widgets.append(Static(Content(f"{n}. {step.title}"), classes="step-title"))
            if step.text:
                widgets.append(Static(Content(step.text), classes="step-text"))
            if step.matrix is not None:
                if step.heat:
                    rows, cols = step_labels(drill, step.matrix)
                    widgets.append(Heatmap(step.matrix, rows, cols, classes="step-matrix heatmap"))
                else:
                    widgets.append(Static(boxed_matrix(step.matrix), classes="step-matrix"))
        await feedback.mount_all(widgets)
        self._set_phase("feedback")
        self.query_one("#drill-grades", GradeChoice).show_choice(self.preview, marked.proposed_rating)
        body = self.query_one("#drill-body", VerticalScroll)
        body.focus()  # up/down/pgup scroll the feedback; 1–4 and enter reach the screen

    def verdict_laid_out(self) -> None:
        """The feedback has its place on screen. When the marked answer would be out of sight,
        scroll the verdict to the top (the question stays a scroll above); then count it shown."""
        if self.phase == "feedback" and not self.ready:
            body = self.query_one("#drill-body", VerticalScroll)
            result = self.query_one("#drill-result")
            if result.region.bottom > body.content_region.bottom or not result.region.area:
                body.scroll_to_widget(self.query_one("#drill-verdict"), top=True, animate=False, immediate=True)
            self.ready = True

    def action_accept(self) -> None:
        if self.marked is not None:
            self.action_grade(self.marked.proposed_rating)

    def action_grade(self, rating: int) -> None:
        if self.phase != "feedback" or self.drill is None:
            return
        try:
            outcome = self.study.grade(self.grade_card_id, int(rating), duration_s=max(0.0, _clock() - self.shown_at))
        except StudyError as error:
            self.notify(f"没有评分 (not graded): {error}", severity="error")
            return
        self.committed = int(rating)
        if self.card is not None:
            self.dismiss(self.committed)  # a review session goes on with its next card
            return
        self._set_phase("done")
        self.query_one("#drill-grades", GradeChoice).show_done(self.committed, outcome.interval)

    async def action_next(self) -> None:
        if self.phase == "done":
            await self.start_drill()

    def action_help(self) -> None:
        help_action = getattr(self.app, "action_help", None)
        if help_action is not None:
            help_action()

    async def action_leave(self) -> None:
        if self.phase in ("answer", "feedback", "done") and self.from_picker:
            self.show_picker()  # back to the list; an answered drill stays recorded
            return
        self.dismiss(self.committed)
