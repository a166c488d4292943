"""The feedback after an answer: verdict, named mistake, the marked grid, the worked solution."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from qkvstudy.drills import CheckResult, Drill, format_matrix, worked_solution
from qkvstudy.i18n import t
from qkvstudy.tui.widgets.answer_grid import ResultGrid
from qkvstudy.tui.widgets.heatmap import Heatmap

VERDICTS = {"right": "verdict-right", "partial": "verdict-partial", "wrong": "verdict-wrong"}


def boxed_matrix(m) -> Text:
    """format_matrix between bars, for the worked solution."""
    lines = format_matrix(m).splitlines() or [""]
    width = max(len(line) for line in lines)
    return Text("\n".join(f"│ {line.rjust(width)} │" for line in lines), no_wrap=True, overflow="crop")


def step_labels(drill: Drill, m: np.ndarray) -> tuple[list[str] | None, list[str] | None]:
    """The drill's labels where a step's matrix has the answer's rows / columns, else q0…/k0…."""
    m = np.atleast_2d(m)
    rows = list(drill.row_labels) if drill.row_labels and len(drill.row_labels) == m.shape[0] else None
    cols = list(drill.col_labels) if drill.col_labels and len(drill.col_labels) == m.shape[1] else None
    keys = drill.col_labels is not None and bool(drill.col_labels) and str(drill.col_labels[0]).startswith("k")
    if rows is None and keys:
        rows = [f"q{i}" for i in range(m.shape[0])]
    if cols is None and keys:
        cols = [f"k{j}" for j in range(m.shape[1])]
    return rows, cols


class Verdict(Static):
    """The verdict line; says when it is first laid out, so the screen can scroll it into view."""

    class LaidOut(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.LaidOut())


def feedback_widgets(
    drill: Drill, marked: CheckResult, answer: np.ndarray, seconds: float, practice: bool
) -> list[Widget]:
    """Everything shown under the question once an answer is marked, in reading order."""
    css = VERDICTS[marked.verdict]
    right = int(np.count_nonzero(marked.correct))
    widgets: list[Widget] = [
        Verdict(
            Content(
                t(
                    "drills.screen.verdict_line",
                    label=t(f"drills.screen.verdict.{marked.verdict}"),
                    right=right,
                    cells=drill.cells,
                    percent=f"{marked.score:.0%}",
                    time=f"{seconds:.0f}s",
                )
            ),
            classes=f"verdict {css}",
            id="drill-verdict",
        )
    ]
    if practice:
        widgets.append(Static(t("drills.screen.practice"), id="drill-practice"))
    if marked.diagnosis:
        widgets.append(Static(Content(t("drills.screen.diagnosis", why=marked.diagnosis)), id="drill-diagnosis"))
    elif marked.verdict != "right":
        widgets.append(
            Static(
                Content(t("drills.screen.no_diagnosis")),
                id="drill-diagnosis",
                classes="-none",
            )
        )
    widgets.append(
        ResultGrid(
            answer,
            drill.expected,
            marked.correct,
            drill.answer_kind,
            drill.row_labels,
            drill.col_labels,
            id="drill-result",
        )
    )
    widgets.append(Static(t("drills.screen.solution"), classes="section-head"))
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
    return widgets
