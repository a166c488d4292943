"""The marking cannot be fooled: over many seeds of every type and level, no named mistake is marked
right; the classic mask-with-0 bug, built here from the given matrices, is never right and is named;
given-away cells earn no credit. QKVSTUDY_DRILL_SEEDS raises the sweep (the closing note used 2,000)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from qkvstudy.drills import DRILL_TYPES, check, generate
from qkvstudy.drills.attention import causal_mask, softmax
from qkvstudy.drills.check import named_mistakes

SEEDS = int(os.environ.get("QKVSTUDY_DRILL_SEEDS", "25"))
ALL = [(t, lvl) for t in DRILL_TYPES for lvl in DRILL_TYPES[t].levels]


@pytest.mark.parametrize("type_id,level", ALL)
def test_no_named_mistake_is_ever_marked_right(type_id, level):
    named = 0
    for seed in range(SEEDS):
        d = generate(type_id, level, seed)
        for m in named_mistakes(d):
            if m.answer.shape != d.shape:
                continue
            named += 1
            r = check(d, m.answer)
            assert r.verdict != "right" and r.score < 1, (seed, m.code)
        assert check(d, d.expected).verdict == "right"
    assert named > 0, "every type names at least one mistake"


def _allowed(d) -> np.ndarray:
    L = d.given["S"].shape[0] if "S" in d.given else d.given["Q"].shape[0]
    S = d.given["S"].shape[1] if "S" in d.given else d.given["K"].shape[0]
    if d.type_id == "causal_mask":
        return causal_mask(L, S)
    return np.broadcast_to(np.asarray(d.given["mask"], bool), (L, S))


@pytest.mark.parametrize(
    "type_id,level", [("causal_mask", 2), ("causal_mask", 3), ("padding_mask", 2), ("padding_mask", 3)]
)
def test_masking_with_zero_or_multiplying_by_the_mask_is_wrong_and_named(type_id, level):
    for seed in range(SEEDS):
        d = generate(type_id, level, seed)
        scaled = d.given["Q"] @ d.given["K"].T / np.sqrt(d.given["Q"].shape[1])
        allowed = _allowed(d)
        for wrong in (softmax(np.where(allowed, scaled, 0.0)), softmax(scaled * allowed)):
            r = check(d, np.round(wrong, 2))
            assert r.verdict != "right"
            assert "mask_zero" in r.mistakes, (seed, r.mistakes)


def test_scores_returned_unchanged_in_a_causal_drill_earn_nothing():
    for seed in range(SEEDS):
        d = generate("causal_mask", 1, seed)
        r = check(d, d.given["S"])  # scores given already scaled: only the −∞ cells need work
        assert r.score == 0.0 and r.verdict == "wrong"


def test_a_masked_weight_of_zero_is_given_away_and_earns_nothing():
    for seed in range(SEEDS):
        d = generate("padding_mask", 2, seed)
        zeros_only = np.where(d.expected == 0, 0.0, 0.5)  # right only where the mask gives it away
        assert check(d, zeros_only).score == 0.0


def test_every_prompt_states_shape_tolerance_and_conventions():
    for type_id in DRILL_TYPES:
        d = generate(type_id, 2, 0)
        if d.answer_kind == "float":
            assert f"{d.shape[0]}×{d.shape[1]}" in d.prompt
            assert f"±{d.tolerance - 1e-9:g}" in d.prompt
        if type_id in ("weights", "causal_mask", "padding_mask"):
            assert "行 = query" in d.prompt
        if "mask" in d.given:
            assert "1/True = 可以关注" in d.prompt


def test_softmax_levels_show_the_exponentials_they_need():
    for seed in range(SEEDS):
        d = generate("weights", 3, seed)
        assert "e^x 表" in d.prompt
