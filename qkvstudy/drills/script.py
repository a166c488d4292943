"""Drills for scripts: `qkvstudy drill --type T --level L --seed S --json [--answer "…"]`.

`describe` is the drill without its answer; `mark` is the verdict on a typed answer. Both are plain
dicts of JSON values: matrices as nested lists by the names the prompt uses, −∞ as the string "-inf".
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import numpy as np

from qkvstudy.i18n import t

from .answers import AnswerError, parse_answer
from .catalog import DRILL_TYPES, NOTES
from .check import check
from .drill import Drill
from .generate import generate, new_seed


def _json_value(x: Any) -> Any:
    if isinstance(x, np.ndarray):
        return [_json_value(v) for v in x.tolist()] if x.ndim else _json_value(x.item())
    if isinstance(x, (list, tuple)):
        return [_json_value(v) for v in x]
    if isinstance(x, float | np.floating):
        x = float(x)
        if np.isinf(x):
            return "-inf" if x < 0 else "inf"
        return int(x) if x.is_integer() and abs(x) < 2**53 else x
    if isinstance(x, np.integer | np.bool_):
        return x.item()
    return x


def describe(drill: Drill) -> dict[str, Any]:
    """Everything a script needs to pose the drill, and nothing that gives the answer away."""
    return {
        "type": drill.type_id,
        "level": drill.level,
        "seed": drill.seed,
        "prompt": drill.prompt,
        "given": {name: _json_value(np.atleast_2d(m)) for name, m in drill.given.items()},
        "params": {k: _json_value(v) for k, v in drill.params.items()},
        "shape": list(drill.shape),
        "answer_kind": drill.answer_kind,
        "decimals": drill.decimals if drill.answer_kind == "float" else 0,
        "tolerance": 0.5 * 10.0**-drill.decimals if drill.answer_kind == "float" else 0,
        "note": NOTES.get(drill.type_id),
    }


def mark(drill: Drill, text: str) -> dict[str, Any]:
    """The verdict on `text` (the one-line answer format); raises AnswerError when it cannot be read."""
    answer = parse_answer(text, drill.shape, kind=drill.answer_kind)
    result = check(drill, answer)
    return {
        "correct": result.verdict == "right",
        "score": round(result.score, 6),
        "verdict": result.verdict,
        "mistakes": list(result.mistakes),
        "diagnosis": result.diagnosis,
        "cells": _json_value(result.correct.astype(int)),
        "expected": _json_value(drill.expected),
    }


def run(
    type_id: str,
    level: int | None,
    seed: int | None,
    answer: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print the drill (or, with `answer`, the verdict) as JSON. 0 either way; 2 for a bad type, level or answer."""
    out, err = out or sys.stdout, err or sys.stderr
    if type_id not in DRILL_TYPES:
        print(f"qkvstudy: {t('drills.cli.unknown_type', type=type_id)}", file=err)
        return 2
    levels = DRILL_TYPES[type_id].levels
    level = levels[0] if level is None else level
    if level not in levels:
        print(f"qkvstudy: {t('drills.cli.bad_level', type=type_id, levels=', '.join(map(str, levels)))}", file=err)
        return 2
    drill = generate(type_id, level, new_seed() if seed is None else seed)
    if answer is None:
        payload = describe(drill)
    else:
        try:
            payload = {"type": type_id, "level": level, "seed": drill.seed} | mark(drill, answer)
        except AnswerError as error:
            print(f"qkvstudy: {t('drills.cli.unreadable', why=error.message)}", file=err)
            return 2
    print(json.dumps(payload, ensure_ascii=False), file=out)
    return 0
