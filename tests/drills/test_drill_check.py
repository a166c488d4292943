"""check.py: credit per cell, verdicts, proposed ratings, and each diagnosed mistake.

Every wrong answer below is built here from the drill's given matrices with NumPy and
attention.softmax, the way a learner who made that mistake would compute it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from qkvstudy.drills import DRILL_TYPES, check, drill_from_spec, generate, parse_spec, quick_seconds
from qkvstudy.drills.attention import causal_mask, softmax
from qkvstudy.drills.check import cells_match

ALL = [(t, lvl) for t in DRILL_TYPES for lvl in (1, 2, 3)]


@pytest.fixture(autouse=True)
def english():
    """Diagnoses are asserted by their English words: run these in English (one language at a time)."""
    from qkvstudy.i18n import set_language

    set_language("en")
    yield
    set_language("zh")


@pytest.mark.parametrize("type_id,level", ALL)
def test_exact_answer_is_right_and_quick_is_easy(type_id, level):
    for seed in range(3):
        d = generate(type_id, level, seed)
        r = check(d, d.expected)
        assert (r.verdict, r.score, r.proposed_rating, r.diagnosis) == ("right", 1.0, 3, None)
        assert r.correct.shape == d.shape and r.correct.all()
        assert check(d, d.expected, seconds=1.0).proposed_rating == 4
        assert check(d, d.expected, seconds=quick_seconds(d) + 1).proposed_rating == 3


def test_quick_threshold_scales_with_cells():
    small, big = generate("weights", 1, 0), generate("weights", 3, 0)
    assert big.cells > small.cells and quick_seconds(big) > quick_seconds(small)


def test_floats_within_tolerance_are_right_and_outside_are_wrong():
    d = generate("weights", 2, 3)
    assert d.tolerance == pytest.approx(0.005)  # half a unit of the 2 stated decimals, no wider
    assert check(d, d.expected + 0.004).verdict == "right"
    assert check(d, np.round(d.expected, 2)).verdict == "right"
    r = check(d, d.expected + 0.01)
    assert r.verdict == "wrong" and r.score == 0.0 and r.proposed_rating == 1
    assert check(d, d.expected + 0.01, tolerance=0.05).verdict == "right"


def test_integers_are_exact():
    d = generate("scores", 2, 0)
    off = d.expected.copy()
    off[0, 0] += 0.5
    r = check(d, off)
    assert not r.correct[0, 0] and r.correct.sum() == d.cells - 1


def test_minus_infinity_cells_must_be_minus_infinity():
    d = generate("causal_mask", 1, 0)
    assert np.isneginf(d.expected).any()
    wrong = np.where(np.isneginf(d.expected), -1e9, d.expected)
    r = check(d, wrong)
    assert not r.correct[np.isneginf(d.expected)].any() and r.correct[np.isfinite(d.expected)].all()
    assert not cells_match(np.array([np.nan]), np.array([np.nan]), "float", 0.1).any()


def test_partial_credit_and_hard_rating():
    d = generate("weights", 3, 0)  # 3×3
    answer = d.expected.copy()
    answer[0, 0] += 0.3
    r = check(d, answer)
    assert r.verdict == "partial" and r.score == pytest.approx(8 / 9) and r.proposed_rating == 2
    assert r.correct.sum() == 8 and not r.correct[0, 0]


def test_wrong_shape_is_wrong_and_says_so():
    d = generate("weights", 2, 0)  # 2×3
    r = check(d, d.expected.T)
    assert r.verdict == "wrong" and r.mistake == "transposed" and "transposed" in r.diagnosis
    r = check(d, np.zeros((4, 4)))
    assert r.verdict == "wrong" and r.mistake == "shape" and r.correct.shape == d.shape
    row = generate("weights_row", 2, 0)
    assert check(row, row.expected.ravel()).verdict == "right"  # a vector in another layout


# ---- each diagnosed mistake ----------------------------------------------------------------------


def _qk(d):
    g = d.given
    return g["Q"], g["K"], 1 / math.sqrt(g["Q"].shape[1])


def _scaled(d):
    q, k, scale = _qk(d)
    return q @ k.T * scale


def _padded(d, scaled, mask):
    return softmax(np.where(np.broadcast_to(mask, scaled.shape), scaled, -np.inf))


def _row(d, m):
    return m[d.setup["row"] : d.setup["row"] + 1]


def _kv(d, keep):
    g = d.given
    k = np.vstack([g["K_cache"], g["k_t"]])[keep]
    v = np.vstack([g["V_cache"], g["v_t"]])[keep]
    return softmax(g["q_t"] @ k.T / math.sqrt(k.shape[1])) @ v


def _gqa(d, f):
    h, kv = d.setup["num_heads"], d.setup["num_kv_heads"]
    return np.array([[f(x, h, kv) for x in d.setup["heads"]]], float)


def _shape_rows(d, q_row, k_row=None, a_row=None):
    rows = [q_row] + ([k_row, a_row] if d.level >= 3 else [])
    return np.array(rows, float)


def _mh(d):
    s = d.setup
    return s["batch"], s["num_heads"], s["seq_len"], s["d_model"] // s["num_heads"], s["num_kv_heads"], s["d_model"]


NEXT = {"Q": "K", "K": "V", "V": "Q"}
MISTAKES = {
    # code: (type, level, build the learner's wrong answer, English phrase the diagnosis must contain)
    "no_scale": ("weights", 2, lambda d: softmax(d.given["Q"] @ d.given["K"].T), "forgot to scale"),
    "no_scale/scaled": ("scaled_scores", 2, lambda d: d.given["Q"] @ d.given["K"].T, "forgot to scale"),
    "scale_by_dk": ("weights", 3, lambda d: softmax(_scaled(d) * _qk(d)[2]), "instead of 1/√d_k"),
    "scale_multiplied": ("scaled_scores", 1, lambda d: d.given["Q"] @ d.given["K"].T * 2, "multiplied by √d_k"),
    "k_not_transposed": ("scores", 3, lambda d: d.given["Q"] @ d.given["K"], "used K instead of Kᵀ"),
    "transposed": ("scores", 2, lambda d: d.given["K"] @ d.given["Q"].T, "transposed"),
    "softmax_axis": ("weights", 3, lambda d: softmax(_scaled(d), axis=0), "wrong axis"),
    "no_mask": ("padding_mask", 2, lambda d: softmax(_scaled(d)), "forgot the mask"),
    "mask_flipped": ("padding_mask", 2, lambda d: _padded(d, _scaled(d), ~d.given["mask"]), "mask convention flipped"),
    "mask_after_softmax": ("padding_mask", 3, lambda d: softmax(_scaled(d)) * d.given["mask"], "without renormalising"),
    "causal_upper": (
        "causal_mask",
        2,
        lambda d: _padded(d, _scaled(d), np.triu(np.ones((3, 3), bool))),
        "causal mask flipped",
    ),
    "no_mask/causal": ("causal_mask", 3, lambda d: softmax(_scaled(d)), "forgot the mask"),
    "mask_after_softmax/causal": (
        "causal_mask",
        2,
        lambda d: softmax(_scaled(d)) * causal_mask(3),
        "without renormalising",
    ),
    "no_temperature": ("temperature", 1, lambda d: softmax(d.given["S"]), "ignored the temperature"),
    "temperature_multiplied": (
        "temperature",
        1,
        lambda d: softmax(d.given["S"] * d.setup["temperatures"][0]),
        "multiplied by T",
    ),
    "cache_missing_new": ("kv_cache_step", 2, lambda d: _kv(d, slice(0, -1)), "forgot to append"),
    "only_new_token": ("kv_cache_step", 3, lambda d: d.given["v_t"], "only to the new token"),
    "row_one_based": ("weights_row", 2, lambda d: softmax(_scaled(d))[d.setup["row"] + 1 :][:1], "counted rows from 1"),
    "one_based": ("argmax_key", 1, lambda d: d.expected + 1, "0-based"),
    "argmin": (
        "argmax_key",
        2,
        lambda d: _row(d, np.argmin(_qk(d)[0] @ _qk(d)[1].T, axis=1)[:, None]).astype(float),
        "smallest score",
    ),
    "argmax_axis": (
        "argmax_key",
        2,
        lambda d: np.array([[np.argmax((_qk(d)[0] @ _qk(d)[1].T)[:, d.setup["row"]])]], float),
        "down a column",
    ),
    "weights_transposed": ("output", 2, lambda d: d.given["A"].T @ d.given["V"], "Aᵀ·V"),
    "wrong_projection": ("qkv_projection", 2, lambda d: d.given["X"] @ d.given["W_" + NEXT[d.setup["ask"]]], "X·W_"),
    "weight_transposed": ("qkv_projection", 1, lambda d: d.given["X"] @ d.given["W_Q"].T, "column convention"),
    "wrong_order": ("qkv_projection", 1, lambda d: d.given["W_Q"] @ d.given["X"], "wrong order"),
    "symmetry_scores": ("symmetry", 1, lambda d: 1 - d.expected, "symmetric"),
    "symmetry_weights": (
        "symmetry",
        3,
        lambda d: np.array([[d.expected[0, 0], 1 - d.expected[0, 1]]]),
        "normalises each row",
    ),
    "head_times": ("multihead_shapes", 1, lambda d: np.array([[_mh(d)[5] * _mh(d)[1]]], float), "do not multiply"),
    "no_head_split": (
        "multihead_shapes",
        2,
        lambda d: _shape_rows(d, (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[5])),
        "divide d_model",
    ),
    "heads_before_seq": (
        "multihead_shapes",
        3,
        lambda d: _shape_rows(
            d,
            (_mh(d)[0], _mh(d)[2], _mh(d)[1], _mh(d)[3]),
            (_mh(d)[0], _mh(d)[2], _mh(d)[4], _mh(d)[3]),
            (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[2]),
        ),
        "forgot transpose",
    ),
    "gqa_kv_heads": (
        "multihead_shapes",
        3,
        lambda d: _shape_rows(
            d,
            (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[3]),
            (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[3]),
            (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[2]),
        ),
        "num_kv_heads heads",
    ),
    "weights_d_head": (
        "multihead_shapes",
        3,
        lambda d: _shape_rows(
            d,
            (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[3]),
            (_mh(d)[0], _mh(d)[4], _mh(d)[2], _mh(d)[3]),
            (_mh(d)[0], _mh(d)[1], _mh(d)[2], _mh(d)[3]),
        ),
        "queries by keys",
    ),
    "gqa_modulo": ("gqa_mapping", 2, lambda d: _gqa(d, lambda x, h, kv: x % kv), "repeat_interleave"),
    "gqa_wrong_divisor": ("gqa_mapping", 3, lambda d: _gqa(d, lambda x, h, kv: x // kv), "group size"),
    "one_based/gqa": ("gqa_mapping", 1, lambda d: d.expected + 1, "0-based"),
    "percent": ("weights", 2, lambda d: np.round(d.expected * 100), "not 33"),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_each_mistake_is_diagnosed(case):
    type_id, level, wrong_answer, phrase = MISTAKES[case]
    code = case.split("/")[0]
    shown = 0
    for seed in range(300):
        d = generate(type_id, level, seed)
        wrong = np.asarray(wrong_answer(d), dtype=float)
        if wrong.shape != d.shape:
            continue
        # Only drills where the mistake clearly shows: a cell moved by more than twice the tolerance.
        if not (~cells_match(wrong, d.expected, d.answer_kind, 2 * d.tolerance)).any():
            continue
        result = check(d, np.round(wrong, 2) if d.answer_kind == "float" else wrong)  # as typed, 2 decimals
        assert result.verdict != "right"
        assert code in result.mistakes, (seed, result.mistakes, result.diagnosis)
        assert phrase in result.diagnosis and "\n" not in result.diagnosis
        shown += 1
        if shown == 8:
            break
    assert shown >= 3, f"too few drills of {type_id} level {level} show {code}"


def test_coinciding_mistakes_are_both_named():
    # A single index: counting from 1 and taking the smallest score can give the same number.
    for seed in range(100):
        d = generate("argmax_key", 2, seed)
        r = check(d, d.expected + 1)
        if len(r.mistakes) > 1:
            assert r.diagnosis.startswith("可能是 (maybe)") and "one_based" in r.mistakes
            assert all(code in ("one_based", "argmin", "argmax_axis") for code in r.mistakes)
            break
    else:
        pytest.fail("expected some argmax drill where two mistakes coincide")


def test_generic_transposed_answer_on_a_spec_drill():
    d = drill_from_spec(parse_spec("type: output\nweights: [[0.5, 0.5], [0.2, 0.8]]\nv: [[1, 0], [3, 2]]"))
    r = check(d, d.expected.T)
    assert r.mistake == "transposed"


def test_an_arithmetic_slip_is_not_blamed_on_a_concept():
    d = generate("weights", 3, 5)
    answer = d.expected.copy()
    answer[1, 2] += 0.1
    r = check(d, answer)
    assert r.verdict == "partial" and r.diagnosis is None


def test_unrelated_wrong_answer_has_no_diagnosis():
    d = generate("weights", 2, 0)
    r = check(d, np.full(d.shape, 0.77))
    assert r.verdict == "wrong" and r.diagnosis is None and r.mistake is None


def test_attention_mistakes_are_named_in_one_language_at_a_time():
    from qkvstudy.drills.pipeline import MESSAGES, message
    from qkvstudy.i18n import set_language

    for code, (zh, en) in MESSAGES.items():
        set_language("zh")
        assert message(code) == zh and any("\u4e00" <= ch <= "\u9fff" for ch in message(code))
        set_language("en")
        assert message(code) == en and not any("\u4e00" <= ch <= "\u9fff" for ch in message(code))
