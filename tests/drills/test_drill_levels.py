"""Levels follow the learner: up after three right in a row, down after two wrong, a hand-set level sticks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qkvstudy.drills.levels import follow


def test_three_right_in_a_row_raise_the_level():
    assert follow([(1, 1.0), (1, 1.0)]).level == 1
    state = follow([(1, 1.0)] * 3)
    assert (state.level, state.change) == (2, 1)
    assert follow([(1, 1.0), (1, 1.0), (1, 0.7), (1, 1.0), (1, 1.0)]).level == 1  # a partial breaks the streak


def test_two_wrong_in_a_row_lower_it_and_level_1_is_the_floor():
    assert follow([(3, 0.0), (3, 0.2)]).level == 2
    assert follow([(3, 0.0), (3, 0.2)]).change == -1
    assert follow([(1, 0.0)] * 5).level == 1
    assert follow([(3, 0.0), (3, 1.0), (3, 0.0)]).level == 3


def test_a_level_chosen_by_hand_sticks_and_3_is_the_ceiling():
    assert follow([(1, 1.0), (1, 1.0), (3, 0.0)]).level == 3
    assert follow([(3, 1.0)] * 7).level == 3


@given(st.lists(st.tuples(st.integers(1, 3), st.floats(0, 1)), max_size=40))
def test_the_level_is_always_a_real_level(attempts):
    state = follow(attempts)
    assert state.level in (1, 2, 3)
    assert state.right_streak < 3 or state.level == 3  # a full streak has moved the level unless at an edge
    assert state.wrong_streak < 2 or state.level == 1
