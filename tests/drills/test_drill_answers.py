"""answers.py: what a learner can type, and the one-line errors for what they cannot."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qkvstudy.drills import AnswerError, format_matrix, parse_answer, parse_cell
from qkvstudy.drills.answers import format_answer

FAST = settings(max_examples=80, deadline=None)


def test_one_line_format():
    m = parse_answer("0.1 0.8 0.1; 0.3 0.3 0.4", (2, 3))
    np.testing.assert_array_equal(m, [[0.1, 0.8, 0.1], [0.3, 0.3, 0.4]])
    np.testing.assert_array_equal(parse_answer("1,2\n3, 4\n", (2, 2)), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(parse_answer("[[1, 2], [3, 4]]", (2, 2)), [[1, 2], [3, 4]])


@pytest.mark.parametrize(
    "text,value",
    [
        ("0.25", 0.25),
        (".5", 0.5),
        ("-2", -2.0),
        ("+3", 3.0),
        ("1/3", 1 / 3),
        ("-1/4", -0.25),
        ("80%", 0.8),
        ("1e-3", 0.001),
        ("2.5E2", 250.0),
        ("-inf", -np.inf),
        ("−inf", -np.inf),
        ("-∞", -np.inf),
        ("−∞", -np.inf),
        ("inf", np.inf),
        ("−0.5", -0.5),
        ("０．２５", 0.25),
        ("８０％", 0.8),
        ("１／２", 0.5),
        ("0。5", 0.5),
        (" 7 ", 7.0),
    ],
)
def test_cells(text, value):
    assert parse_cell(text) == value


def test_chinese_ime_punctuation():
    np.testing.assert_array_equal(parse_answer("１，２；３，４", (2, 2)), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(parse_answer("1、2；3　4", (2, 2)), [[1, 2], [3, 4]])
    np.testing.assert_allclose(parse_answer("50％ 50％", (1, 2)), [[0.5, 0.5]])


def test_bool_words(english):
    for word in ("yes", "YES", "是", "对", "true", "1"):
        assert parse_cell(word, "bool") == 1.0
    for word in ("no", "否", "错", "False", "0"):
        assert parse_cell(word, "bool") == 0.0
    np.testing.assert_array_equal(parse_answer("是 否", (1, 2), kind="bool"), [[1, 0]])
    with pytest.raises(AnswerError, match="yes/no"):
        parse_cell("2", "bool")
    with pytest.raises(AnswerError):
        parse_cell("yes", "float")
    assert parse_cell("是") == 1.0 and parse_answer("yes no", (1, 2)).tolist() == [[1.0, 0.0]]  # kind not given


def test_int_and_index_kinds_want_whole_numbers(english):
    assert parse_cell("3", "int") == 3.0 and parse_cell("6/2", "index") == 3.0
    with pytest.raises(AnswerError, match="whole number"):
        parse_cell("2.5", "int")
    with pytest.raises(AnswerError, match="0 or more"):
        parse_cell("-1", "index")


def test_vectors_in_either_orientation_and_lower_dims():
    np.testing.assert_array_equal(parse_answer("1; 2; 3", (1, 3)), [[1, 2, 3]])
    np.testing.assert_array_equal(parse_answer("1 2 3", (3, 1)), [[1], [2], [3]])
    np.testing.assert_array_equal(parse_answer("1 2 3", (3,)), [1, 2, 3])
    assert parse_answer("4", ()).shape == ()


@pytest.mark.parametrize(
    "text,shape,message",
    [
        ("0.1 0.8 0.1; 0.3 0.3", (2, 3), "row 2 has 2 entries, expected 3"),
        ("1 2; 3 4; 5 6", (2, 2), "3 rows, expected 2"),
        ("1 abc; 3 4", (2, 2), "cannot read 'abc' at row 1, col 2"),
        ("", (1, 1), "empty answer"),
        ("  ;\n ", (1, 1), "empty answer"),
        ("nan", (1, 1), "NaN"),
        ("1/0", (1, 1), "division by zero"),
        ("1e999", (1, 1), "too large"),
        ("2+3", (1, 1), "cannot read"),
        ("__import__('os')", (1, 1), "cannot read"),
    ],
)
def test_errors_are_one_line_and_say_where(text, shape, message, english):
    with pytest.raises(AnswerError) as info:
        parse_answer(text, shape)
    assert message in info.value.message
    assert "\n" not in info.value.message


def test_answer_errors_are_chinese_by_default():
    with pytest.raises(AnswerError) as info:
        parse_answer("1 abc; 3 4", (2, 2))
    assert info.value.message == "无法识别 'abc'（第 1 行第 2 列）"


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@FAST
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 5)), elements=finite))
def test_format_then_parse_round_trips_exactly(m):
    np.testing.assert_array_equal(parse_answer(format_answer(m), m.shape), m)


@FAST
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(1, 4)),
        elements=st.floats(-1e6, 1e6, allow_nan=False, width=64) | st.just(-np.inf),
    )
)
def test_format_matrix_output_parses_back_within_rounding(m):
    back = parse_answer(format_matrix(m, decimals=3), m.shape)
    assert np.array_equal(np.isneginf(back), np.isneginf(m))
    fin = np.isfinite(m)
    np.testing.assert_allclose(back[fin], m[fin], rtol=0, atol=0.0005 + 1e-9)


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=40),
    st.sampled_from(["float", "int", "index", "bool", None]),
    st.tuples(st.integers(1, 3), st.integers(1, 3)),
)
def test_random_text_raises_only_answer_error(text, kind, shape):
    try:
        out = parse_answer(text, shape, kind=kind)
    except AnswerError as e:
        assert e.message and "\n" not in e.message
    else:
        assert out.shape == shape and not np.isnan(out).any()
    try:
        parse_cell(text, kind)
    except AnswerError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789.-+/%e;, \n[]∞−，；％１inf是否")), max_size=30).map("".join))
def test_number_like_text_raises_only_answer_error(text):
    try:
        parse_answer(text, (2, 2))
    except AnswerError:
        pass
