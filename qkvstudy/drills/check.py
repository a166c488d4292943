"""Marking an answer: per-cell credit, a verdict, a proposed FSRS rating, and a named mistake.

A wrong answer is diagnosed by replaying the drill under each classic wrong assumption (forgot
to scale, softmax over columns, mask flipped, …) and naming the one the learner's answer
matches: that tells them *why*, not just *that*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .catalog import DRILL_TYPES, RECIPES
from .drill import Drill, Mistake, _values_equal

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # py-fsrs Rating values
PARTIAL_FROM = 0.5  # at least half the cells right is "partial" (Hard), below is "wrong" (Again)
EXPLAINS = 0.75  # a mistake must account for this share of the wrong cells (and of the cells it changes)


@dataclass(frozen=True, eq=False)
class CheckResult:
    correct: np.ndarray  # bool, the answer grid's shape
    score: float  # fraction of cells right, 0..1
    verdict: str  # "right" | "partial" | "wrong"
    diagnosis: str | None  # the named mistake, Chinese with the English term
    proposed_rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    mistake: str | None = None  # stable code of the diagnosed mistake, for statistics
    mistakes: tuple[str, ...] = ()  # every mistake that explains the answer equally well

    __eq__ = _values_equal
    __hash__ = None  # type: ignore[assignment]


def quick_seconds(drill: Drill) -> float:
    """An answer within this many seconds proposes Easy: a base plus the type's pace per cell."""
    return 5.0 + DRILL_TYPES[drill.type_id].seconds_per_cell * drill.cells


def cells_match(answer: np.ndarray, expected: np.ndarray, kind: str, tolerance: float) -> np.ndarray:
    """Per-cell agreement: exact for int/index/bool; within ±tolerance for floats; ±inf only equals itself."""
    answer = np.asarray(answer, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if kind != "float":
        return np.asarray(answer == expected)
    with np.errstate(invalid="ignore"):
        near = np.abs(answer - expected) <= tolerance + 1e-12
    both_finite = np.isfinite(answer) & np.isfinite(expected)
    return np.asarray((both_finite & near) | (np.isinf(expected) & (answer == expected)))


def _generic_mistakes(drill: Drill, codes: set[str]) -> list[Mistake]:
    e = np.asarray(drill.expected)
    out = []
    if e.shape[0] == e.shape[1] and e.shape[0] > 1 and "transposed" not in codes:
        out.append(
            Mistake("transposed", "答案转置了：行应是 query / token (answer transposed: one row per query)", e.T)
        )
    return out


def named_mistakes(drill: Drill) -> list[Mistake]:
    """Every named mistake of the drill's type that applies to this variant, in priority order."""
    mistakes = list(RECIPES[drill.type_id].mistakes(drill))
    return mistakes + _generic_mistakes(drill, {m.code for m in mistakes})


def fooling_mistakes(drill: Drill) -> list[str]:
    """Codes of the named mistakes whose answer lands within tolerance in every cell that matters.

    The generator redraws a variant while this is not empty: such a variant would mark the
    mistake right (a tie hiding a missing scale, a masked key whose weight is already ~0, …).
    """
    scored, expected = drill.scored_cells, drill.expected
    out = []
    for m in named_mistakes(drill):
        if m.answer.shape != expected.shape:
            continue
        same = cells_match(m.answer, expected, drill.answer_kind, drill.tolerance)
        if same[scored].all():
            out.append(m.code)
    return out


def score_of(correct: np.ndarray, scored: np.ndarray) -> float:
    """Share of the cells that need computing that are right; a wrong given-away cell costs its share too."""
    if correct.all():
        return 1.0
    if not scored.any():
        return float(correct.mean())
    score = float(correct[scored].mean())
    if (~scored).any() and not correct[~scored].all():
        score *= float(correct[~scored].mean())
    return score


def _diagnose(drill: Drill, answer: np.ndarray, correct: np.ndarray, tolerance: float) -> list[Mistake]:
    """The mistakes that best explain the answer: usually one; several when they coincide."""
    kind, expected = drill.answer_kind, drill.expected
    wrong = ~correct
    mistakes = named_mistakes(drill)
    ranked = []
    for m in mistakes:  # in priority order: ties keep the more common mistake first
        if m.answer.shape != answer.shape:
            continue
        changes = ~cells_match(m.answer, expected, kind, tolerance)
        if not changes.any():
            continue
        agrees = cells_match(answer, m.answer, kind, tolerance)
        consistent = int((wrong & agrees).sum())  # wrong cells this mistake reproduces
        # Cells the mistake moves only just past the tolerance may round either way: the learner
        # must follow it where it moves the answer clearly, and must be wrong somewhere because of it.
        clear = changes & ~cells_match(m.answer, expected, kind, 2 * tolerance)
        if (
            (wrong & changes & agrees).any()
            and consistent >= EXPLAINS * wrong.sum()
            and (agrees & clear).sum() >= EXPLAINS * clear.sum()
        ):
            ranked.append(((consistent, int(agrees.sum())), m))  # most wrong cells explained, then closest
    if ranked:
        top = max(key for key, _ in ranked)
        seen, best = set(), []
        for key, m in ranked:
            if key == top and m.code not in seen:
                seen.add(m.code)
                best.append(m)
        return best
    weights_like = kind == "float" and bool(np.all((expected >= 0) & (expected <= 1)))
    if weights_like and np.all(cells_match(answer / 100, expected, kind, tolerance)):
        return [Mistake("percent", "权重写成了百分数的数值：33 应写 0.33 或 33% (write 0.33 or 33%, not 33)", answer)]
    return []


def check(drill: Drill, answer: Any, tolerance: float | None = None, seconds: float | None = None) -> CheckResult:
    """Mark `answer` (an array shaped like drill.expected, e.g. from parse_answer).

    Float cells are right within ±drill.tolerance (half a unit of the stated decimals; an
    explicit `tolerance` replaces it); other kinds must be exact; a -inf cell must be -inf.
    The score counts only the cells that need computing (drill.scored_cells).
    Verdict: all right -> "right", a score of at least half -> "partial", else "wrong".
    Rating: wrong 1 (Again), partial 2 (Hard), right 3 (Good), right within quick_seconds 4 (Easy).
    """
    expected = drill.expected
    answer = np.asarray(answer, dtype=np.float64)
    tol = drill.tolerance if tolerance is None else float(tolerance)
    if answer.shape != expected.shape and answer.size == expected.size and 1 in expected.shape:
        answer = answer.reshape(expected.shape)  # a vector given as a column, or flat
    if answer.shape != expected.shape:
        if answer.shape == expected.shape[::-1] and np.all(cells_match(answer, expected.T, drill.answer_kind, tol)):
            why = "答案转置了：行应是 query / token (answer transposed: one row per query)"
            code = "transposed"
        else:
            why = f"形状不对：答案是 {answer.shape}，应为 {expected.shape} (wrong shape)"
            code = "shape"
        return CheckResult(np.zeros(expected.shape, bool), 0.0, "wrong", why, AGAIN, code, (code,))
    correct = cells_match(answer, expected, drill.answer_kind, tol)
    score = score_of(correct, drill.scored_cells)
    if correct.all():
        quick = seconds is not None and seconds <= quick_seconds(drill)
        return CheckResult(correct, 1.0, "right", None, EASY if quick else GOOD)
    verdict = "partial" if score >= PARTIAL_FROM else "wrong"
    found = _diagnose(drill, answer, correct, tol)
    # Answers that two mistakes explain equally (one index, say) name both: guessing one would mislead.
    diagnosis = "；或 (or) ".join(m.message for m in found) if found else None
    if len(found) > 1 and diagnosis is not None:
        diagnosis = "可能是 (maybe) " + diagnosis
    return CheckResult(
        correct,
        score,
        verdict,
        diagnosis,
        HARD if verdict == "partial" else AGAIN,
        found[0].code if found else None,
        tuple(m.code for m in found),
    )
