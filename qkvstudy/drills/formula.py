"""The shared shape of the drills that are a formula, not a pipeline (sizes, FLOPs, norms, positions).

A formula drill type is three functions of its `setup` (a dict of the numbers it drew):
`solve(setup, mistake)` gives the answer grid, or with a mistake code the answer that mistake leads
to (None when it cannot be made here); `steps(setup)` gives the worked solution as (title, text,
matrix) triples. `formula_recipe` turns them into a Recipe; messages come from the catalog
(`drills.mistake.<code>`), so marking, diagnosis and explanation share one computation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from qkvstudy.i18n import t

from .drill import Drill, Mistake, Recipe, Step
from .prompts import answer_hint
from .sampling import Source

Solve = Callable[[dict[str, Any], str | None], np.ndarray | None]


def fields(
    setup: dict[str, Any],
    solve: Solve,
    prompt: str,
    kind: str,
    rows: tuple[str, ...],
    cols: tuple[str, ...] | None,
    params: dict[str, Any],
    given: dict[str, np.ndarray] | None = None,
    decimals: int = 2,
    extra: str = "",
    scored: np.ndarray | None = None,
) -> dict[str, Any]:
    """The Drill fields of a formula drill; the prompt ends with the shape/precision hint."""
    expected = np.atleast_2d(np.asarray(solve(setup, None), dtype=np.float64))
    hint = answer_hint(kind, expected.shape, decimals)
    return {
        "prompt": f"{prompt}（{hint}）" + (f"\n{extra}" if extra else ""),
        "given": given or {},
        "expected": expected,
        "answer_kind": kind,
        "row_labels": rows,
        "col_labels": cols,
        "setup": setup | {"_codes": tuple(setup.get("_codes", ()))},
        "decimals": decimals,
        "params": params,
        "scored": scored,
    }


def formula_recipe(
    build: Callable[[Source, int], dict[str, Any]],
    solve: Solve,
    steps: Callable[[dict[str, Any]], list[tuple[str, str, Any]]],
    codes: tuple[str, ...],
) -> Recipe:
    def mistakes(drill: Drill) -> list[Mistake]:
        out = []
        for code in codes:
            wrong = solve(drill.setup, code)
            if wrong is not None:
                out.append(Mistake(code, t(f"drills.mistake.{code}"), np.atleast_2d(np.asarray(wrong, float))))
        return out

    def solution(drill: Drill) -> list[Step]:
        out = [
            Step(title, text, None if m is None else np.atleast_2d(np.asarray(m, float)))
            for title, text, m in steps(drill.setup)
        ]
        return out + [Step(t("drills.solution.answer"), t("drills.solution.as_above"), drill.expected)]

    return Recipe(build, mistakes, solution)


def pick(src: Source, options: tuple[Any, ...] | list[Any]) -> Any:
    return options[int(src.rng.integers(len(options)))]
