"""The exercise: how the answer area explains itself (shape, kind, grid or line mode)."""

from __future__ import annotations

import numpy as np
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from qkvstudy.drills import Drill, parse_answer
from qkvstudy.i18n import t
from qkvstudy.tui.screens.drill.phases import Phase
from qkvstudy.tui.widgets.answer_grid import AnswerGrid, CellInput

LINE_MODE_COLS = 8  # answers wider than this, or with more cells, start in one-line mode
LINE_MODE_CELLS = 24
SAMPLE_CELL = {"int": "2", "float": "0.25", "index": "0", "bool": "yes"}  # "yes"/"是" both parse


def starts_in_line_mode(drill: Drill) -> bool:
    return drill.shape[1] > LINE_MODE_COLS or drill.cells > LINE_MODE_CELLS


def line_placeholder(shape: tuple[int, ...], kind: str) -> str:
    """e.g. `例 0.25 0.25 0.25; …（2 行，每行 3 个；行用 ; 分隔）` (answers are always 2-D)."""
    n_rows, n_cols = shape[0], shape[1]
    cell = SAMPLE_CELL.get(kind, "0")
    row = " ".join([cell] * min(n_cols, 4)) + (" …" if n_cols > 4 else "")
    example = row + ("; …" if n_rows > 1 else "")
    return t("drills.screen.placeholder", example=example, rows=n_rows, cols=n_cols)


def answer_label(drill: Drill, line_mode: bool) -> Content:
    kind = t(f"drills.screen.kind.{drill.answer_kind}", decimals=drill.decimals)
    line, grid = t("drills.screen.mode.line"), t("drills.screen.mode.grid")
    return Content.from_markup(
        "[b]$label[/b] $shape · $kind · $mode · [dim]$keys[/]",
        label=t("drills.screen.answer_label"),
        shape="×".join(map(str, drill.shape)),
        kind=kind,
        mode=line if line_mode else grid,
        keys=t("drills.screen.answer_keys", other=grid if line_mode else line),
    )


class ExerciseMixin(Screen[int | None]):
    """The answer area: grid or one line, switching between them, reading the answer."""

    drill: Drill | None
    line_mode: bool
    phase: Phase

    def _apply_mode(self) -> None:
        grid = self.query_one(AnswerGrid)
        line = self.query_one("#drill-line", Input)
        grid.display = not self.line_mode
        line.display = self.line_mode
        if self.drill is not None:
            self.query_one("#drill-answer-label", Static).update(answer_label(self.drill, self.line_mode))
        if self.line_mode:
            self.set_focus(line)
        else:
            focused = self.focused
            if not (isinstance(focused, CellInput) and focused.parent is grid):
                grid.focus_cell(0, 0)

    def action_toggle_line(self) -> None:
        if self.phase != Phase.ANSWER:
            return
        grid = self.query_one(AnswerGrid)
        line = self.query_one("#drill-line", Input)
        if self.line_mode:
            if line.value.strip() and not grid.fill_from_line(line.value):
                self._message(t("drills.screen.line_misfit"))
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

    def read_answer(self) -> np.ndarray:
        """The answer on screen as an array of the drill's shape; raises AnswerError."""
        drill = self.drill
        assert drill is not None  # only asked for while a drill is on screen
        if self.line_mode:
            return parse_answer(self.query_one("#drill-line", Input).value, drill.shape, kind=drill.answer_kind)
        return self.query_one(AnswerGrid).read()
