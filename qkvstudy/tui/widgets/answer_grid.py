"""The answer grid of a drill: one input per cell, and the marked grid shown after submitting.

`AnswerGrid` — one compact Input per cell under column labels and beside row labels. Each cell
is read with `parse_cell` as you type (an unreadable cell turns red and says why). Tab and
shift+Tab walk the cells in reading order; up/down move between rows; left/right move to the
next cell once the cursor is at the edge of the text.

`ResultGrid` — the answer after marking: right cells green, wrong cells red with the expected
value beside what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from qkvstudy.drills import AnswerError, parse_cell
from qkvstudy.i18n import t
from qkvstudy.tui.widgets.heatmap import matrix_cells
from qkvstudy.tui.words import Translated

CELL_WIDTH = 8


class GridError(AnswerError):
    """A cell that cannot be read; `row`/`col` are 0-based."""

    def __init__(self, message: str, row: int, col: int):
        super().__init__(message)
        self.row, self.col = row, col


def cell_place(row: int, col: int) -> str:
    return t("drillscreen.cell", row=row + 1, col=col + 1)


class CellValidator(Validator):
    """parse_cell as a Textual validator: the failure carries the parser's one-line message."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()  # empty while typing is fine; submit asks for it
        try:
            parse_cell(value, self.kind)
        except AnswerError as error:
            return self.failure(error.message)
        return self.success()


class CellInput(Input):
    """One cell. Left/right past the edge of the text move to the neighbouring cell."""

    DEFAULT_CSS = (
        """
    CellInput {
        width: %d;
        padding: 0 1;
        background: $foreground 12%%;
        &:focus { background: $primary 35%%; }
        &.-invalid { background: $error 45%%; color: $text; }
        &.-invalid:focus { background: $error 65%%; }
    }
    """
        % CELL_WIDTH
    )

    def __init__(self, row: int, col: int, kind: str, *, value: str = "", id: str | None = None) -> None:
        super().__init__(
            value=value, compact=True, validators=[CellValidator(kind)], valid_empty=True, id=id, classes="cell"
        )
        self.row, self.col = row, col

    def _grid(self) -> AnswerGrid | None:
        parent = self.parent
        return parent if isinstance(parent, AnswerGrid) else None

    async def _on_key(self, event: events.Key) -> None:
        # Keys typed quickly are queued here before an earlier key (an arrow, tab) moved the focus
        # on: hand them, in order, to the cell that has the focus now, as the typist meant.
        focused = self.screen.focused
        if focused is not self and isinstance(focused, CellInput) and focused.parent is self.parent:
            event.stop()
            event.prevent_default()
            copy = events.Key(event.key, event.character)
            copy.set_sender(self.app)
            focused.post_message(copy)
            return
        # Moves between cells happen here, in key order, not through bindings (those run only once
        # the key has bubbled up to the app, after the characters typed behind it).
        grid = self._grid()
        move = _MOVES.get(event.key)
        if grid is not None and move is not None and self.selection.is_empty:
            edge = {"left": self.cursor_at_start, "right": self.cursor_at_end}.get(event.key, True)
            if edge and grid.move_by(self, *move):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)

    def action_cursor_left(self, select: bool = False) -> None:
        grid = self._grid()
        if not select and grid is not None and self.cursor_at_start and self.selection.is_empty:
            grid.move_by(self, 0, -1)
        else:
            super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        grid = self._grid()
        if not select and grid is not None and self.cursor_at_end and self.selection.is_empty:
            grid.move_by(self, 0, 1)
        else:
            super().action_cursor_right(select)


_MOVES = {"left": (0, -1), "right": (0, 1), "up": (-1, 0), "down": (1, 0), "tab": (0, 1), "shift+tab": (0, -1)}


def _split_line(text: str) -> list[list[str]]:
    """A one-line answer cut into cells, only to copy it into the grid (parse_answer reads it)."""
    rows = []
    for line in re.split(r"[;；\n]", text.replace("[", " ").replace("]", ";")):
        cells = [c for c in re.split(r"[,，、\s]+", line) if c]
        if cells:
            rows.append(cells)
    return rows


class AnswerGrid(Translated, Widget):
    """Inputs for an answer of `shape` (rows, cols), with row and column labels."""

    BINDINGS = [
        Binding("up", "move(-1, 0)", "drillscreen.key.row_up", id="drill.cell_up", show=False),
        Binding("down", "move(1, 0)", "drillscreen.key.row_down", id="drill.cell_down", show=False),
    ]

    DEFAULT_CSS = """
    AnswerGrid {
        layout: grid;
        width: auto;
        height: auto;
        grid-gutter: 0 1;
        grid-rows: 1;
        & > .grid-label {
            color: $text-muted;
            width: 100%;
        }
        & > .col-label { text-align: center; }
        & > .row-label { text-align: right; }
    }
    """

    def __init__(
        self,
        shape: tuple[int, int],
        kind: str = "float",
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        *,
        cursor_blink: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.shape = (int(shape[0]), int(shape[1]))
        self.kind = kind
        n_rows, n_cols = self.shape
        self.row_labels = (
            list(row_labels) if row_labels and len(row_labels) == n_rows else [str(i) for i in range(n_rows)]
        )
        self.col_labels = (
            list(col_labels) if col_labels and len(col_labels) == n_cols else [str(j) for j in range(n_cols)]
        )
        self.cursor_blink = cursor_blink
        widest = max(cell_len(c) for c in self.col_labels)
        self.cell_width = max(CELL_WIDTH, widest + 2)
        self.styles.grid_size_columns = n_cols + 1
        self.styles.grid_columns = "auto " + " ".join([str(self.cell_width)] * n_cols)

    def compose(self) -> ComposeResult:
        yield Label("", classes="grid-label")
        for label in self.col_labels:
            yield Label(label, classes="grid-label col-label", markup=False)
        for r in range(self.shape[0]):
            yield Label(self.row_labels[r], classes="grid-label row-label", markup=False)
            for c in range(self.shape[1]):
                cell = CellInput(r, c, self.kind, id=f"cell-{r}-{c}")
                cell.cursor_blink = self.cursor_blink
                cell.styles.width = self.cell_width
                yield cell

    # Cells.

    def cell(self, row: int, col: int) -> CellInput:
        return self.query_one(f"#cell-{row}-{col}", CellInput)

    @property
    def cells(self) -> list[CellInput]:
        return list(self.query(CellInput))

    def focus_cell(self, row: int, col: int) -> None:
        # At once, not through Widget.focus() (which waits for the message queue): keys typed
        # quickly after an arrow are already queued and must land in the cell that now has focus.
        self.screen.set_focus(self.cell(row, col))

    def move_by(self, cell: CellInput, d_row: int, d_col: int) -> bool:
        """Up/down stay in the column; left/right walk in reading order (wrapping rows). False at an edge."""
        n_rows, n_cols = self.shape
        if d_col:
            index = cell.row * n_cols + cell.col + d_col
            if 0 <= index < n_rows * n_cols:
                self.focus_cell(*divmod(index, n_cols))
                return True
            return False
        row = cell.row + d_row
        if 0 <= row < n_rows:
            self.focus_cell(row, cell.col)
            return True
        return False

    def action_move(self, d_row: int, d_col: int) -> None:
        focused = self.screen.focused
        if isinstance(focused, CellInput) and focused.parent is self:
            self.move_by(focused, d_row, d_col)

    # Values.

    def texts(self) -> list[list[str]]:
        n_rows, n_cols = self.shape
        return [[self.cell(r, c).value for c in range(n_cols)] for r in range(n_rows)]

    def set_texts(self, rows: list[list[str]]) -> None:
        for r, row in enumerate(rows[: self.shape[0]]):
            for c, text in enumerate(row[: self.shape[1]]):
                self.cell(r, c).value = text

    def clear(self) -> None:
        for cell in self.cells:
            cell.value = ""

    def read(self) -> np.ndarray:
        """Every cell as a float array; raises GridError at the first empty or unreadable cell."""
        out = np.zeros(self.shape, dtype=np.float64)
        for r, row in enumerate(self.texts()):
            for c, text in enumerate(row):
                if not text.strip():
                    raise GridError(t("drillscreen.cell_empty", cell=cell_place(r, c)), r, c)
                try:
                    out[r, c] = parse_cell(text, self.kind)
                except AnswerError as error:
                    raise GridError(
                        t("drillscreen.cell_error", cell=cell_place(r, c), why=error.message), r, c
                    ) from None
        return out

    def as_line(self) -> str:
        """The grid as the one-line form (`a b; c d`), `?` for an empty cell; "" if all are empty."""
        rows = self.texts()
        if not any(t.strip() for row in rows for t in row):
            return ""
        return "; ".join(" ".join(t.strip() or "?" for t in row) for row in rows)

    def fill_from_line(self, text: str) -> bool:
        """Copy a one-line answer into the cells when it has exactly the grid's shape."""
        rows = _split_line(text)
        n_rows, n_cols = self.shape
        flat = [t for row in rows for t in row]
        if len(rows) == 1 and n_rows > 1 and len(flat) == n_rows * n_cols:
            rows = [flat[i * n_cols : (i + 1) * n_cols] for i in range(n_rows)]
        elif n_cols == 1 and len(rows) == 1 and len(flat) == n_rows:
            rows = [[t] for t in flat]
        if len(rows) != n_rows or any(len(row) != n_cols for row in rows):
            return False
        self.set_texts([["" if t == "?" else t for t in row] for row in rows])
        return True


# --- after marking ---------------------------------------------------------------------------------

RIGHT = Style(color=Color.from_rgb(255, 255, 255), bgcolor=Color.from_rgb(30, 120, 60), bold=True)
WRONG = Style(color=Color.from_rgb(255, 255, 255), bgcolor=Color.from_rgb(176, 38, 38), bold=True)


def _shown(m: np.ndarray, kind: str) -> list[list[str]]:
    if kind == "bool":
        return [[t("drillscreen.yes") if v else t("drillscreen.no") for v in row] for row in np.atleast_2d(m)]
    return matrix_cells(np.atleast_2d(m))


def result_text(
    answer: np.ndarray,
    expected: np.ndarray,
    correct: np.ndarray,
    kind: str,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
) -> Text:
    """Each cell coloured: `✓ 0.62` (right) or `✗ 0.50→0.38` (wrong: yours, then the answer)."""
    expected = np.atleast_2d(expected)
    n_rows, n_cols = expected.shape
    answer = np.atleast_2d(answer)
    if answer.shape != expected.shape:
        answer = answer.reshape(expected.shape) if answer.size == expected.size else np.full(expected.shape, np.nan)
    correct = np.broadcast_to(np.atleast_2d(correct), expected.shape)
    mine, right = _shown(answer, kind), _shown(expected, kind)
    texts = [
        [(f"✓ {right[i][j]}" if correct[i, j] else f"✗ {mine[i][j]}→{right[i][j]}") for j in range(n_cols)]
        for i in range(n_rows)
    ]
    rows = list(row_labels) if row_labels and len(row_labels) == n_rows else [str(i) for i in range(n_rows)]
    cols = list(col_labels) if col_labels and len(col_labels) == n_cols else [str(j) for j in range(n_cols)]
    width = max(max(cell_len(t) for row in texts for t in row), max(cell_len(c) for c in cols)) + 2
    label_width = max(cell_len(r) for r in rows) + 1

    def pad(text: str, w: int, center: bool = False) -> str:
        gap = max(0, w - cell_len(text))
        return " " * (gap // 2) + text + " " * (gap - gap // 2) if center else " " * gap + text

    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(" " * label_width)
    for c in cols:
        out.append(pad(c, width + 1, center=True), style="dim")
    for i in range(n_rows):
        out.append("\n")
        out.append(pad(rows[i], label_width - 1) + " ", style="dim")
        for j in range(n_cols):
            out.append(pad(texts[i][j], width - 1) + " ", style=RIGHT if correct[i, j] else WRONG)
            out.append(" ")
    return out


class ResultGrid(Static):
    """The marked answer; see result_text."""

    DEFAULT_CSS = """
    ResultGrid {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        answer,
        expected,
        correct,
        kind: str,
        row_labels=None,
        col_labels=None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            result_text(
                np.asarray(answer, dtype=np.float64),
                np.asarray(expected),
                np.asarray(correct),
                kind,
                row_labels,
                col_labels,
            ),
            id=id,
            classes=classes,
        )
