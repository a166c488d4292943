"""The drill engine: attention in NumPy, drill generation, answer parsing, checking, explaining.

Pure Python + NumPy (+ PyYAML for note specs); never imports Textual.

The drill types' list (`DRILL_TYPES`, `DrillType`) comes without NumPy: opening a Study, `grade`
and `due` need the ids and titles only. Everything else is loaded on first use (PEP 562), so that
`from qkvstudy.drills import generate` works as before but importing the package costs nothing.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from .registry import DRILL_TYPES, DrillType

if TYPE_CHECKING:
    from .answers import AnswerError, format_answer, parse_answer, parse_cell
    from .check import CheckResult, check, quick_seconds
    from .drill import Drill, Step
    from .explain import format_matrix, solution_text, worked_solution
    from .generate import generate
    from .spec import DrillSpec, DrillSpecError, drill_from_spec, parse_spec

# name -> the module (of this package) that defines it
_LAZY = {
    "AnswerError": "answers",
    "format_answer": "answers",
    "parse_answer": "answers",
    "parse_cell": "answers",
    "CheckResult": "check",
    "check": "check",
    "quick_seconds": "check",
    "Drill": "drill",
    "Step": "drill",
    "format_matrix": "explain",
    "solution_text": "explain",
    "worked_solution": "explain",
    "generate": "generate",
    "DrillSpec": "spec",
    "DrillSpecError": "spec",
    "drill_from_spec": "spec",
    "parse_spec": "spec",
}


class _Package(types.ModuleType):
    """`check` and `generate` name both a submodule and its function: the package's attribute is the
    function (as it always was), so loading the submodule must not rebind it to the module."""

    def __setattr__(self, name: str, value: Any) -> None:
        if _LAZY.get(name) == name and isinstance(value, types.ModuleType):
            return  # the import system binding the submodule; __getattr__ gives the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


__all__ = [
    "DRILL_TYPES",
    "DrillType",
    "generate",
    "Drill",
    "parse_answer",
    "parse_cell",
    "format_answer",
    "AnswerError",
    "check",
    "CheckResult",
    "quick_seconds",
    "worked_solution",
    "solution_text",
    "Step",
    "format_matrix",
    "parse_spec",
    "drill_from_spec",
    "DrillSpec",
    "DrillSpecError",
]
