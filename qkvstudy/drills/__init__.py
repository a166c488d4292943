"""The drill engine: attention in NumPy, drill generation, answer parsing, checking, explaining.

Pure Python + NumPy (+ PyYAML for note specs); never imports Textual.
"""

from .answers import AnswerError, format_answer, parse_answer, parse_cell
from .catalog import DRILL_TYPES
from .check import CheckResult, check, quick_seconds
from .drill import Drill, DrillType, Step
from .explain import format_matrix, solution_text, worked_solution
from .generate import generate
from .spec import DrillSpec, DrillSpecError, drill_from_spec, parse_spec

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
