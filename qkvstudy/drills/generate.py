"""Making drills: `generate(type_id, level, seed)` is reproducible from its three arguments."""

from __future__ import annotations

import secrets
from typing import Any

import numpy as np

from .catalog import DRILL_TYPES, RECIPES, known_types
from .check import fooling_mistakes
from .drill import Drill, frozen_array
from .sampling import Source

MAX_SEED = 2**63 - 1  # fits a SQLite INTEGER
MAX_REDRAWS = 200  # variants drawn (from the same seeded stream) until none can fool the marking
SPEC_REDRAWS = 5  # a spec that fixes its numbers gives the same variant each time: stop early
ROUNDING_MARGIN = 0.05  # in units of the last decimal: a value this close to a rounding boundary is redrawn


def new_seed() -> int:
    """A fresh seed, small enough to read aloud and store anywhere."""
    return secrets.randbelow(2**31)


def _frozen(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return frozen_array(value, value.dtype if value.dtype == bool else np.float64)
    if isinstance(value, dict):
        return {key: _frozen(v) for key, v in value.items()}
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def check_type_and_level(type_id: str, level: int) -> None:
    if type_id not in DRILL_TYPES:
        raise ValueError(f"unknown drill type {type_id!r} (known: {known_types()})")
    if isinstance(level, bool) or not isinstance(level, (int, np.integer)) or level not in DRILL_TYPES[type_id].levels:
        raise ValueError(f"level must be 1, 2 or 3, got {level!r}")


def build_drill(
    type_id: str,
    level: int = 1,
    seed: int | None = None,
    fixed: dict[str, np.ndarray] | None = None,
    options: dict[str, Any] | None = None,
    from_spec: bool = False,
) -> Drill:
    """A drill of this type and level; `fixed` matrices and `options` come from a note's spec.

    Raises ValueError for an unknown type, a bad level or seed, and sampling.SpecConflict
    when the fixed values cannot make this drill.
    """
    check_type_and_level(type_id, level)
    seed = new_seed() if seed is None else seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}")
    source = Source(np.random.default_rng(int(seed)), fixed, options)
    tries = SPEC_REDRAWS if (fixed or options) else MAX_REDRAWS
    for _ in range(tries):
        drill = _drill(type_id, int(level), int(seed), RECIPES[type_id].build(source, int(level)), from_spec)
        if fair(drill):
            return drill
    if fixed or options:
        return drill  # the author's numbers, honoured as written
    raise RuntimeError(f"no fair {type_id} L{level} variant for seed {seed}")  # a bug, not user error


_SCALARS = ("d_k", "row", "temperatures", "cache_len", "batch", "seq_len", "d_model", "num_heads", "num_kv_heads")


def params_of(setup: dict[str, Any], prompt: str) -> dict[str, Any]:
    """The scalars an older drill type's prompt states, read from its setup (newer types list their own)."""
    out: dict[str, Any] = {}
    for key in _SCALARS:
        value = setup.get(key)
        if value is None or (key == "d_k" and "d_k" not in prompt):
            continue  # scores given already scaled, or an argmax, state no d_k
        if key == "temperatures":
            out["temperature"] = [float(x) for x in value] if len(value) > 1 else float(value[0])
        elif str(int(value)) in prompt:  # only what the prompt states (a level may not ask for it)
            out[key] = int(value)
    if "heads" in setup:
        out["heads"] = [int(h) for h in setup["heads"]]
    if "ask" in setup:
        out["ask"] = str(setup["ask"])
    return out


def far_from_rounding_boundary(drill: Drill) -> bool:
    """Every float answer rounds the same way from a little either side (hand arithmetic keeps ~4 digits)."""
    if drill.answer_kind != "float":
        return True
    e = np.asarray(drill.expected)[drill.scored_cells]
    e = e[np.isfinite(e)] * 10.0**drill.decimals
    return bool(np.all(np.abs(e - np.floor(e) - 0.5) >= ROUNDING_MARGIN))


def fair(drill: Drill) -> bool:
    """No named mistake is marked right, and no answer sits on a rounding boundary."""
    return far_from_rounding_boundary(drill) and not fooling_mistakes(drill)


def readable(text: str) -> str:
    """Math as it reads in a terminal: √dₖ and dₖ, not the raw `d_k` of code (params keep code names)."""
    return text.replace("d_k", "dₖ")


def _drill(type_id: str, level: int, seed: int, fields: dict[str, Any], from_spec: bool) -> Drill:
    scored = fields.get("scored")
    fields = fields | {"prompt": readable(fields["prompt"])}
    return Drill(
        type_id=type_id,
        level=level,
        seed=seed,
        prompt=fields["prompt"],
        given={name: _frozen(np.asarray(m)) for name, m in fields["given"].items()},
        expected=frozen_array(fields["expected"]),
        answer_kind=fields["answer_kind"],
        row_labels=tuple(fields["row_labels"]) if fields.get("row_labels") else None,
        col_labels=tuple(fields["col_labels"]) if fields.get("col_labels") else None,
        setup=_frozen(fields["setup"]),
        decimals=int(fields.get("decimals", 2)),
        scored=None if scored is None else frozen_array(scored, bool),
        params=dict(fields.get("params") or params_of(fields["setup"], fields["prompt"].replace("dₖ", "d_k"))),
        from_spec=from_spec,
    )


def generate(type_id: str, level: int = 1, seed: int | None = None) -> Drill:
    """A random drill; with seed=None a seed is chosen and stored in `Drill.seed`.

    The same (type_id, level, seed) always gives the same drill.
    """
    return build_drill(type_id, level, seed)
