"""Worked solutions: the drill replayed step by step (scores -> scaled -> masked -> weights -> output).

Each Step carries its matrix; the softmax-weights step has heat=True so the UI can draw it as
a heatmap. The steps come from the same code that computed the answer, so they always agree.
"""

from __future__ import annotations

from dataclasses import replace

from .catalog import RECIPES
from .display import format_matrix
from .drill import Drill, Step
from .generate import readable

__all__ = ["worked_solution", "Step", "format_matrix", "solution_text"]


def worked_solution(drill: Drill) -> list[Step]:
    """The steps from the given matrices to `drill.expected`; the last step shows the answer."""
    steps = RECIPES[drill.type_id].solution(drill)
    return [replace(s, title=readable(s.title), text=readable(s.text)) for s in steps]


def solution_text(drill: Drill, decimals: int = 2) -> str:
    """The worked solution as plain text, for the CLI and for tests."""
    parts = []
    for n, step in enumerate(worked_solution(drill), 1):
        parts.append(f"{n}. {step.title}\n" + _indent(step.text))
        if step.matrix is not None:
            parts.append(_indent(format_matrix(step.matrix, decimals)))
    return "\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join("   " + line for line in text.splitlines())
