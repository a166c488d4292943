"""spec.py: drills written in notes as YAML (```qkvdrill blocks)."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qkvstudy.drills import DRILL_TYPES, DrillSpec, DrillSpecError, check, drill_from_spec, parse_spec
from qkvstudy.drills.attention import scaled_dot_product_attention

# These tests read the spec errors in English (the default language is Chinese).
pytestmark = pytest.mark.usefixtures("english")


def test_fixed_matrices_are_used_and_the_answer_follows():
    spec = parse_spec("""
type: padding_mask
level: 2
q: [[1, 0], [0, 1]]
k: [[1, 1], [0, 2], [1, -1]]
mask: [1, 1, 0]
prompt: 先想想 padding 在哪
""")
    assert isinstance(spec, DrillSpec) and spec.type_id == "padding_mask" and spec.level == 2 and spec.seed is None
    d = drill_from_spec(spec, seed=5)
    assert d.from_spec and d.seed == 5 and d.prompt.startswith("先想想 padding 在哪\n")
    np.testing.assert_array_equal(d.given["Q"], [[1, 0], [0, 1]])
    np.testing.assert_array_equal(d.given["mask"], [[True, True, False]])
    q, k = spec.matrices["q"], spec.matrices["k"]
    _, w = scaled_dot_product_attention(q, k, np.eye(3), mask=np.array([True, True, False]))
    np.testing.assert_allclose(d.expected, w, atol=1e-12)
    assert check(d, np.round(w, 2)).verdict == "right"


def test_seed_in_the_spec_pins_the_drill():
    spec = parse_spec("type: weights\nlevel: 3\nseed: 42")
    assert drill_from_spec(spec, seed=1) == drill_from_spec(spec, seed=2) == drill_from_spec(spec)
    assert drill_from_spec(spec).seed == 42
    free = parse_spec("type: weights\nlevel: 3")
    assert drill_from_spec(free, seed=1) == drill_from_spec(free, seed=1)
    assert drill_from_spec(free, seed=1) != drill_from_spec(free, seed=2)


def test_missing_matrices_are_generated_to_fit():
    d = drill_from_spec(parse_spec("type: output\nlevel: 1\nweights: [[0.5, 0.25, 0.25]]"), seed=0)
    assert d.given["V"].shape[0] == 3
    np.testing.assert_allclose(d.expected, d.given["A"] @ d.given["V"])
    d = drill_from_spec(parse_spec("type: scaled_scores\nq: [[1, 2, 0, 1]]"), seed=0)
    assert d.given["K"].shape[1] == 4


@pytest.mark.parametrize(
    "text",
    [
        "type: scores\nq: [[1, 2], [0, 1]]\nk: [[1, 1], [2, 0]]",
        "type: temperature\nscores: [[1, 0, -1]]\ntemperature: [0.5, 2]",
        "type: weights_row\nscores: [[1, 0], [0, 2]]\nrow: 1\nd_k: 4",
        "type: causal_mask\nscores: [[1, 0], [0, 2]]\nask: masked",
        "type: qkv_projection\nx: [[1, 2]]\nw_k: [[1], [0]]\nask: K",
        "type: symmetry\nq: [[1, 0], [0, 1]]\nk: [[1, 0], [0, 1]]",
        "type: multihead_shapes\nlevel: 3\nbatch: 2\nseq_len: 10\nd_model: 64\nnum_heads: 8\nnum_kv_heads: 2",
        "type: gqa_mapping\nnum_heads: 8\nnum_kv_heads: 2\nhead: 5",
        "type: kv_cache_step\nk_cache: [[1, 0]]\nv_cache: [[2]]\nq_t: [[1, 1]]\nk_t: [[0, 1]]\nv_t: [[4]]",
        "type: argmax_key\nscores: [[0, 3, 1]]\nrow: 0",
        "type: padding_mask\nscores: [[1, 0, 2], [0, 1, 1]]\nmask: [[1, 1, 0], [1, 0, 1]]",
    ],
)
def test_specs_for_many_types(text):
    d = drill_from_spec(parse_spec(text), seed=3)
    assert check(d, d.expected).verdict == "right"


def test_spec_answers_are_what_they_say():
    d = drill_from_spec(parse_spec("type: gqa_mapping\nnum_heads: 8\nnum_kv_heads: 2\nhead: 5"))
    assert d.expected.tolist() == [[1.0]]
    d = drill_from_spec(
        parse_spec(
            "type: kv_cache_step\nask: output\nk_cache: [[1, 0]]\nv_cache: [[2]]\n"
            "q_t: [[1, 1]]\nk_t: [[0, 1]]\nv_t: [[4]]"
        )
    )
    np.testing.assert_allclose(d.expected, [[3.0]])  # equal scores: (2 + 4) / 2
    d = drill_from_spec(parse_spec("type: temperature\nscores: [[0, 0]]\ntemperature: 3"))
    np.testing.assert_allclose(d.expected, [[0.5, 0.5]])


@pytest.mark.parametrize(
    "text,message,line",
    [
        ("type: foo", "unknown drill type 'foo' (known: scores, scaled_scores,", 1),
        ("level: 2", "missing 'type' (known: scores,", None),
        ("type: scores\nq: " + str([[1] * 3] * 9), "matrix q is 9×3, at most 8×8", 2),
        ("type: scores\nq: [[1, .inf]]", "q contains a non-finite number", 2),
        ("type: scores\nq: [[1, .nan]]", "q contains a non-finite number", 2),
        ("type: scores\nq: [[1, abc]]", "q contains a non-number 'abc'", 2),
        ("type: scores\nq: [[1, true]]", "q contains a non-number True", 2),
        ("type: scores\nq: [[1, 2], [3]]", "matrix q has rows of different lengths (2, 1)", 2),
        ("type: scores\nq: []", "matrix q must be a list of rows", 2),
        ("type: scores\nq: 3", "matrix q must be a list of rows", 2),
        ("type: scores\nq: [[1, 2], 3]", "matrix q mixes numbers and rows", 2),
        ("type: scores\nq: [[1, 2, 3]]\nk: [[1, 2]]", "matrix k is 1×2, expected 1×3", 3),
        ("type: scores\nv: [[1]]", "type 'scores' does not take 'v' (takes: q, k)", 2),
        ("type: scores\nfoo: 1", "unknown key 'foo' (known:", 2),
        ("type: scores\nlevel: 4", "level must be 1, 2 or 3, got 4", 2),
        ("type: scores\nlevel: two", "level must be 1, 2 or 3, got 'two'", 2),
        ("type: scores\nseed: -3", "seed must be a whole number 0 or more, got -3", 2),
        ("type: scores\n  q: [1", "not valid YAML", 2),
        ("[1, 2]", "a drill spec is a mapping with at least 'type'", None),
        ("", "a drill spec is a mapping", None),
        ("type: padding_mask\nmask: [0, 0, 0]", "mask row 1 blocks every key", 2),
        ("type: padding_mask\nmask: [1, 2, 0]", "mask holds only 1/0 or true/false", 2),
        ("type: weights_row\nscores: [[1, 2], [3, 4]]\nrow: 5", "row must be a whole number from 0 to 1, got 5", 3),
        ("type: output\nweights: [[0.5, 0.6]]", "rows must be non-negative and sum to 1", 2),
        ("type: gqa_mapping\nnum_heads: 6\nnum_kv_heads: 4", "num_heads 6 is not a multiple of num_kv_heads 4", 3),
        ("type: temperature\ntemperature: -1", "temperature must be a positive number", 2),
        ("type: qkv_projection\nask: Z", "ask must be one of Q, K, V for qkv_projection, got 'Z'", 2),
        ("type: causal_mask\nask: output", "ask must be one of 'masked', 'weights'", 2),
    ],
)
def test_errors_are_one_line_and_say_what_is_wrong(text, message, line):
    with pytest.raises(DrillSpecError) as info:
        parse_spec(text)
    assert message in info.value.message, info.value.message
    assert "\n" not in info.value.message and "\n" not in str(info.value)
    assert info.value.line == line


def test_mask_accepts_true_false():
    spec = parse_spec("type: padding_mask\nmask: [true, true, false]")
    assert spec.matrices["mask"].dtype == bool and spec.matrices["mask"].tolist() == [[True, True, False]]


def test_every_type_has_a_minimal_spec():
    for type_id in DRILL_TYPES:
        for level in (1, 2, 3):
            d = drill_from_spec(parse_spec(f"type: {type_id}\nlevel: {level}"), seed=9)
            assert d.type_id == type_id and d.level == level and d.from_spec


values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=12,
)
keys = st.sampled_from(
    [
        "type",
        "level",
        "seed",
        "q",
        "k",
        "v",
        "x",
        "mask",
        "scores",
        "weights",
        "row",
        "temperature",
        "ask",
        "num_heads",
        "num_kv_heads",
        "head",
        "d_k",
        "w_q",
        "k_cache",
        "q_t",
        "prompt",
        "zzz",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, values, max_size=5), st.sampled_from(list(DRILL_TYPES)))
def test_arbitrary_specs_raise_only_drill_spec_error(data, type_id):
    data.setdefault("type", type_id)
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        spec = parse_spec(text)
    except DrillSpecError as e:
        assert e.message and "\n" not in e.message
    else:
        assert check(drill_from_spec(spec, seed=1), drill_from_spec(spec, seed=1).expected).verdict == "right"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_drill_spec_error(text):
    try:
        parse_spec(text)
    except DrillSpecError:
        pass
