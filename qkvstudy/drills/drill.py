"""Plain values of the drill engine: a drill type, a drill, a mistake, a solution step.

They are frozen so they can cross threads and be cached; the arrays inside are made read-only
for the same reason (a frozen dataclass alone would still let `drill.expected[0, 0] = 1`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from .registry import DrillType as DrillType  # it lives there, free of NumPy; still importable here

ANSWER_KINDS = ("int", "float", "index", "bool")


def frozen_array(a: Any, dtype: Any = np.float64) -> np.ndarray:
    """A read-only copy, so values inside frozen dataclasses stay unchanged."""
    out: np.ndarray = np.array(a, dtype=dtype)
    out.setflags(write=False)
    return out


def _same(a: Any, b: Any) -> bool:
    # Value equality that understands arrays (and NaN/-inf inside them) and nests through dicts.
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return (
            a.shape == b.shape
            and a.dtype.kind == b.dtype.kind
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
        )
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _values_equal(self: Any, other: Any) -> bool:
    if type(other) is not type(self):
        return NotImplemented  # type: ignore[no-any-return]
    return all(_same(getattr(self, f.name), getattr(other, f.name)) for f in fields(self))


@dataclass(frozen=True, eq=False)
class Drill:
    """One concrete exercise, reproducible from (type_id, level, seed) (+ the spec's matrices).

    `expected` is always 2-D: its shape is the answer grid. `given` holds the matrices shown to
    the learner, in display order. `setup` is what the answer was computed from (scale, mask,
    which row, …): the checker replays it with a mistake switched on to diagnose wrong answers,
    and the worked solution replays it step by step.
    """

    type_id: str
    level: int
    seed: int
    prompt: str
    given: dict[str, np.ndarray]
    expected: np.ndarray
    answer_kind: str  # "int" exact | "float" within tolerance | "index" | "bool" (1 = yes, 0 = no)
    row_labels: tuple[str, ...] | None = None
    col_labels: tuple[str, ...] | None = None
    setup: dict[str, Any] = field(default_factory=dict)
    decimals: int = 2  # float answers are asked to this many decimals; the tolerance follows
    scored: np.ndarray | None = None  # bool grid: cells that need computing (None = every cell)
    params: dict[str, Any] = field(default_factory=dict)  # every scalar the prompt states, by its name
    from_spec: bool = False

    __eq__ = _values_equal
    __hash__ = None  # type: ignore[assignment]  # holds arrays and dicts

    @property
    def shape(self) -> tuple[int, ...]:
        return self.expected.shape

    @property
    def cells(self) -> int:
        return int(self.expected.size)

    @property
    def tolerance(self) -> float:
        """Half a unit of the last stated decimal: every correctly rounded answer, nothing wider."""
        if self.answer_kind != "float":
            return 0.0
        return 0.5 * 10.0**-self.decimals + 1e-9

    @property
    def scored_cells(self) -> np.ndarray:
        """Cells that earn partial credit: a cell given away (a masked 0, a row with one key) earns nothing."""
        if self.scored is None:
            return np.ones(self.expected.shape, bool)
        return np.asarray(self.scored, bool)


@dataclass(frozen=True, eq=False)
class Mistake:
    """A named wrong way to do the drill, and the answer it leads to."""

    code: str  # stable id, e.g. "no_scale"
    message: str  # in the current language, from the catalog, e.g. "忘了除以 √d_k"
    answer: np.ndarray

    __eq__ = _values_equal
    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, eq=False)
class Step:
    """One step of a worked solution; `heat` asks the UI to draw the matrix as a heatmap."""

    title: str
    text: str
    matrix: np.ndarray | None = None
    heat: bool = False

    __eq__ = _values_equal
    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Recipe:
    """How one drill type is made, marked and explained (internal to the engine).

    build(source, level) returns the Drill fields other than type_id/level/seed;
    matrices/options name what a note's spec may fix (lower-case keys).
    """

    build: Any
    mistakes: Any  # (Drill) -> list[Mistake]
    solution: Any  # (Drill) -> list[Step]
    matrices: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
