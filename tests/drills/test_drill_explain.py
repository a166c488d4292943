"""explain.py: worked solutions and matrix text."""

from __future__ import annotations

import numpy as np
import pytest

from qkvstudy.drills import DRILL_TYPES, Step, format_matrix, generate, solution_text, worked_solution

ALL = [(t, lvl) for t in DRILL_TYPES for lvl in (1, 2, 3)]
WEIGHTED = {"weights_row", "weights", "temperature", "causal_mask", "padding_mask", "kv_cache_step", "output"}


@pytest.mark.parametrize("type_id,level", ALL)
def test_every_drill_has_a_worked_solution_ending_in_the_answer(type_id, level):
    d = generate(type_id, level, 11)
    steps = worked_solution(d)
    assert steps and all(isinstance(s, Step) for s in steps)
    assert all(s.title and s.text for s in steps)
    np.testing.assert_array_equal(steps[-1].matrix, d.expected)
    for s in steps:
        if s.heat:
            assert s.matrix is not None and np.all(s.matrix >= 0) and np.all(s.matrix.sum(axis=1) <= 1 + 1e-9)
    if type_id in WEIGHTED and d.setup.get("target") in ("weights", "output"):
        assert any(s.heat for s in steps), "the softmax weights are drawn as a heatmap"
    assert solution_text(d)


def test_steps_follow_scores_scaled_masked_weights_output():
    d = generate("padding_mask", 2, 0)
    titles = [s.title for s in worked_solution(d)]
    order = ["Scores", "Scale", "Mask", "Softmax", "Answer"]
    assert [next(i for i, t in enumerate(titles) if key in t) for key in order] == sorted(range(len(order)))
    masked = next(s for s in worked_solution(d) if "Mask" in s.title).matrix
    assert np.isneginf(masked[:, ~d.given["mask"][0]]).all()
    weights = next(s for s in worked_solution(d) if s.heat)
    np.testing.assert_allclose(weights.matrix, d.expected)

    out = worked_solution(generate("output", 3, 0))
    titles = [s.title for s in out]
    assert any("Scores" in t for t in titles) and any("Output" in t for t in titles)
    assert titles.index(next(t for t in titles if "Softmax" in t)) < titles.index(
        next(t for t in titles if "Output" in t)
    )


def test_scores_step_shows_a_worked_dot_product():
    d = generate("scores", 1, 0)
    first = worked_solution(d)[0]
    q0, k0 = d.given["Q"][0], d.given["K"][0]
    assert first.text.endswith(f"= {int(q0 @ k0)}")
    assert "×" in first.text


def test_format_matrix():
    assert format_matrix(np.array([[1.0, -2.0], [10.0, 3.0]])) == " 1  -2\n10   3"
    assert format_matrix(np.array([[0.5, -np.inf], [0.25, 1.0]])) == "0.50    -∞\n0.25  1.00"
    assert format_matrix(np.array([[-0.001, 0.1234]]), decimals=2) == "0.00  0.12"
    assert format_matrix(np.array([True, False])) == "1  0"
    assert format_matrix(np.array([1 / 3, 2 / 3]), decimals=3) == "0.333  0.667"
    assert format_matrix(np.float64(4.0)) == "4"
    lines = format_matrix(np.array([[1.5, -12.25], [100.0, 2.0]])).splitlines()
    assert len({len(line) for line in lines}) == 1  # columns aligned
    with pytest.raises(ValueError):
        format_matrix(np.zeros((2, 2, 2)))


def _numbers(text: str) -> list[float]:
    return [0.0 if x == "0" else float(x) for x in text.split(", ")]


@pytest.mark.parametrize("type_id,level", [("weights", 3), ("causal_mask", 3), ("padding_mask", 3), ("temperature", 3)])
def test_softmax_step_works_every_row_from_the_row_max_with_sums_that_agree(type_id, level):
    import re

    from qkvstudy.i18n import set_language

    set_language("en")
    try:
        for seed in range(20):
            d = generate(type_id, level, seed)
            softmax_steps = [s for s in worked_solution(d) if s.heat]
            assert softmax_steps
            for step in softmax_steps:
                rows = re.findall(
                    r"^row (\d+): max m = .*?e\^\(x−m\) = (.*?); sum = (.*?); .* = (.*)$", step.text, re.M
                )
                single = re.findall(r"^row (\d+) may attend one key only", step.text, re.M)
                assert len(rows) + len(single) == step.matrix.shape[0]  # every row worked
                for r, exps, total, weights in rows:
                    exps_v = _numbers(exps)
                    assert max(exps_v) == 1.0  # e^0: the row max was subtracted first
                    assert sum(exps_v) == pytest.approx(float(total), abs=1e-9)  # the printed terms add up
                    printed = np.round(_numbers(weights), 2)
                    np.testing.assert_allclose(printed, np.round(step.matrix[int(r)], 2), atol=0.011)
                assert "round" in step.text
    finally:
        set_language("zh")
