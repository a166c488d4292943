"""Drills written into notes: the YAML inside a ```qkvdrill fence.

    type: padding_mask        # a drill type id (required)
    level: 2                  # 1..3, default 1
    seed: 7                   # optional: pins the random parts
    q: [[1, 0], [0, 1]]       # optional fixed matrices (lists of rows, at most 8×8) …
    mask: [1, 1, 0]           # … a flat list is one row
    prompt: 先想想 padding 在哪  # optional line shown above the generated prompt

The matrices a type takes, and its options (row, temperature, ask, num_heads, …), are listed
in its recipe; anything else is an error. Errors are one line and carry the YAML line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, NoReturn

import numpy as np
import yaml

from qkvstudy.errors import QkvError

from .catalog import DRILL_TYPES, RECIPES, known_types
from .drill import Drill, _values_equal, frozen_array
from .generate import build_drill, check_type_and_level
from .sampling import SpecConflict

MAX_SIDE = 8
BASE_KEYS = ("type", "level", "seed", "prompt")
ALL_MATRICES = sorted({m for r in RECIPES.values() for m in r.matrices})
ALL_OPTIONS = sorted({o for r in RECIPES.values() for o in r.options})


class DrillSpecError(QkvError, ValueError):
    """A spec that cannot make a drill.

    `message` (also `str(error)`) is one line; `line` is the 1-based line inside the YAML
    block when known, so a note importer can report `fence line + line`.
    """

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, eq=False)
class DrillSpec:
    type_id: str
    level: int = 1
    seed: int | None = None
    matrices: dict[str, np.ndarray] = field(default_factory=dict)  # lower-case keys, e.g. "q", "mask"
    options: dict[str, Any] = field(default_factory=dict)
    prompt: str | None = None

    __eq__ = _values_equal
    __hash__ = None  # type: ignore[assignment]


def _key_lines(text: str) -> dict[str, int]:
    # safe_load loses positions; composing the same text again gives each top-level key's line.
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _matrix(name: str, value: Any, line: int | None) -> np.ndarray:
    def fail(why: str) -> NoReturn:
        raise DrillSpecError(why, line)

    if not isinstance(value, list) or not value:
        fail(f"matrix {name} must be a list of rows, e.g. [[1, 0], [0, 1]]")
    nested = [isinstance(r, list) for r in value]
    if any(nested) and not all(nested):
        fail(f"matrix {name} mixes numbers and rows")
    rows = value if all(nested) else [value]  # a flat list is one row
    widths = {len(r) for r in rows}
    if 0 in widths:
        fail(f"matrix {name} has an empty row")
    if len(widths) != 1:
        fail(f"matrix {name} has rows of different lengths ({', '.join(str(len(r)) for r in rows)})")
    n_rows, n_cols = len(rows), widths.pop()
    if n_rows > MAX_SIDE or n_cols > MAX_SIDE:
        fail(f"matrix {name} is {n_rows}×{n_cols}, at most {MAX_SIDE}×{MAX_SIDE}")
    for row in rows:
        for x in row:
            if name == "mask":
                if x not in (0, 1) or (not isinstance(x, (bool, int, float))):
                    fail(f"mask holds only 1/0 or true/false (1 = may attend), got {x!r}")
            elif isinstance(x, bool) or not isinstance(x, (int, float)):
                fail(f"{name} contains a non-number {x!r}")
            elif not math.isfinite(x):
                fail(f"{name} contains a non-finite number")
    if name == "mask":
        m = np.array(rows, dtype=bool)
        blocked = [i + 1 for i, row in enumerate(m) if not row.any()]
        if blocked:
            fail(f"mask row {blocked[0]} blocks every key: each query needs a key to attend")
        return frozen_array(m, bool)
    return frozen_array(rows)


def parse_spec(text: str) -> DrillSpec:
    """Read and validate a drill spec; raises DrillSpecError with a one-line message."""
    if not isinstance(text, str):
        raise DrillSpecError("a drill spec is YAML text")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        what = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise DrillSpecError(f"not valid YAML: {what}", mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise DrillSpecError(f"a drill spec is a mapping with at least 'type' (known: {known_types()})")
    lines = _key_lines(text)
    known = set(BASE_KEYS) | set(ALL_MATRICES) | set(ALL_OPTIONS)
    for key in data:
        if str(key) not in known:
            raise DrillSpecError(f"unknown key '{key}' (known: {', '.join(sorted(known))})", lines.get(str(key)))
    type_id = data.get("type")
    if type_id is None:
        raise DrillSpecError(f"missing 'type' (known: {known_types()})")
    if not isinstance(type_id, str) or type_id not in DRILL_TYPES:
        raise DrillSpecError(f"unknown drill type '{type_id}' (known: {known_types()})", lines.get("type"))
    level = data.get("level", 1)
    try:
        check_type_and_level(type_id, level)
    except ValueError as e:
        raise DrillSpecError(str(e), lines.get("level")) from None
    seed = data.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0 or seed >= 2**63):
        raise DrillSpecError(f"seed must be a whole number 0 or more, got {seed!r}", lines.get("seed"))
    prompt = data.get("prompt")
    if prompt is not None and not isinstance(prompt, str):
        raise DrillSpecError("prompt must be text", lines.get("prompt"))
    recipe = RECIPES[type_id]
    matrices, options = {}, {}
    for key, value in data.items():
        if key in BASE_KEYS:
            continue
        if key in recipe.matrices:
            matrices[key] = _matrix(key, value, lines.get(key))
        elif key in recipe.options:
            options[key] = value
        else:
            takes = ", ".join(recipe.matrices + recipe.options) or "nothing"
            raise DrillSpecError(f"type '{type_id}' does not take '{key}' (takes: {takes})", lines.get(key))
    spec = DrillSpec(type_id, level, seed, matrices, options, prompt.strip() if prompt else None)
    try:
        _build(spec, 0)  # fail now, at import, not when the card comes up
    except SpecConflict as e:
        raise DrillSpecError(str(e), lines.get(e.key) if e.key else None) from None
    return spec


def _build(spec: DrillSpec, seed: int | None) -> Drill:
    return build_drill(
        spec.type_id,
        spec.level,
        spec.seed if spec.seed is not None else seed,
        spec.matrices,
        spec.options,
        from_spec=True,
    )


def drill_from_spec(spec: DrillSpec, seed: int | None = None) -> Drill:
    """The drill a spec describes. The spec's own seed wins over `seed` (the author pinned it)."""
    try:
        drill = _build(spec, seed)
    except SpecConflict as e:
        raise DrillSpecError(str(e)) from None
    if spec.prompt:
        drill = replace(drill, prompt=f"{spec.prompt}\n{drill.prompt}")
    return drill
