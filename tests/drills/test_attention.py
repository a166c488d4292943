"""attention.py: hand-computed cases, a naive pure-Python reference, and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qkvstudy.drills.attention import (
    KVCache,
    causal_mask,
    decode_step,
    multi_head_attention,
    rope,
    scaled_dot_product_attention,
    sinusoidal_positions,
    softmax,
)

FAST = settings(max_examples=60, deadline=None)


# ---- an independent reference: explicit loops and math.exp --------------------------------


def naive_attention(q, k, v, mask=None, causal=False, scale=None):
    """Attention for 2-D lists, written the way one computes it by hand."""
    L, S, d_k, d_v = len(q), len(k), len(q[0]), len(v[0])
    scale = 1 / math.sqrt(d_k) if scale is None else scale
    weights, output = [], []
    for i in range(L):
        scores = []
        for j in range(S):
            s = sum(q[i][t] * k[j][t] for t in range(d_k)) * scale
            if causal and j > i:
                s = -math.inf
            if mask is not None:
                m = mask[i][j]
                if isinstance(m, bool):
                    s = s if m else -math.inf
                else:
                    s = s + m
            scores.append(s)
        top = max(scores)
        if top == -math.inf:
            row = [0.0] * S  # nothing to attend to: zeros, as PyTorch SDPA
        else:
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            row = [e / total for e in exps]
        weights.append(row)
        output.append([sum(row[j] * v[j][c] for j in range(S)) for c in range(d_v)])
    return output, weights


small = st.floats(-3, 3, allow_nan=False, allow_infinity=False, width=64)


@st.composite
def qkv(draw, max_len=5, max_d=4):
    L = draw(st.integers(1, max_len))
    S = draw(st.integers(1, max_len))
    d_k = draw(st.integers(1, max_d))
    d_v = draw(st.integers(1, max_d))
    q = draw(arrays(np.float64, (L, d_k), elements=small))
    k = draw(arrays(np.float64, (S, d_k), elements=small))
    v = draw(arrays(np.float64, (S, d_v), elements=small))
    return q, k, v


# ---- softmax ---------------------------------------------------------------------------------


def test_softmax_hand_computed():
    # e^0 : e^(ln 3) = 1 : 3
    np.testing.assert_allclose(softmax([0.0, math.log(3)]), [0.25, 0.75], rtol=0, atol=1e-15)
    np.testing.assert_allclose(softmax([1.0, 1.0, 1.0, 1.0]), [0.25] * 4, atol=1e-15)
    # e^2 / (e^2 + 1) = 7.38905609893065 / 8.38905609893065
    np.testing.assert_allclose(softmax([2.0, 0.0]), [0.8807970779778823, 0.11920292202211755], atol=1e-15)


def test_softmax_is_stable_for_large_scores():
    np.testing.assert_allclose(softmax([1000.0, 1000.0]), [0.5, 0.5])
    np.testing.assert_allclose(softmax([-1000.0, 0.0]), [0.0, 1.0])


def test_softmax_of_a_fully_masked_row_is_zero_not_nan():
    out = softmax(np.array([[-np.inf, -np.inf], [0.0, -np.inf]]))
    assert np.array_equal(out, [[0.0, 0.0], [1.0, 0.0]])


def test_softmax_axis():
    x = np.array([[0.0, 0.0], [math.log(3), 0.0]])
    np.testing.assert_allclose(softmax(x, axis=0), [[0.25, 0.5], [0.75, 0.5]], atol=1e-15)


# ---- scaled dot-product attention: by hand ---------------------------------------------------


def test_sdpa_hand_computed_with_explicit_scale():
    # scores = [ln 3, 0] -> weights [3/4, 1/4]; output = 3/4·[4, 0] + 1/4·[0, 8] = [3, 2]
    q = [[math.log(3), 0.0]]
    k = [[1.0, 0.0], [0.0, 0.0]]
    v = [[4.0, 0.0], [0.0, 8.0]]
    out, w = scaled_dot_product_attention(q, k, v, scale=1.0)
    np.testing.assert_allclose(w, [[0.75, 0.25]], atol=1e-15)
    np.testing.assert_allclose(out, [[3.0, 2.0]], atol=1e-14)


def test_sdpa_default_scale_is_one_over_sqrt_dk():
    # d_k = 4: q·k0 = 4, /√4 = 2; q·k1 = 0 -> weights e²/(e²+1), 1/(e²+1)
    q = [[1.0, 1.0, 1.0, 1.0]]
    k = [[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]]
    v = [[1.0], [0.0]]
    out, w = scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(w, [[0.8807970779778823, 0.11920292202211755]], atol=1e-15)
    np.testing.assert_allclose(out, [[0.8807970779778823]], atol=1e-15)


def test_causal_is_top_left_aligned_when_lengths_differ():
    z = np.zeros
    # L=2 queries, S=3 keys, equal scores: row 0 sees k0, row 1 sees k0, k1.
    _, w = scaled_dot_product_attention(z((2, 1)), z((3, 1)), z((3, 1)), causal=True)
    np.testing.assert_allclose(w, [[1, 0, 0], [0.5, 0.5, 0]])
    # L=3 queries, S=2 keys: row 2 sees both keys.
    _, w = scaled_dot_product_attention(z((3, 1)), z((2, 1)), z((2, 1)), causal=True)
    np.testing.assert_allclose(w, [[1, 0], [0.5, 0.5], [0.5, 0.5]])
    assert np.array_equal(causal_mask(2, 3), [[True, False, False], [True, True, False]])


def test_bool_mask_true_means_may_attend_and_float_mask_is_added():
    z = np.zeros
    _, w = scaled_dot_product_attention(z((1, 1)), z((3, 1)), z((3, 1)), mask=np.array([[True, False, True]]))
    np.testing.assert_allclose(w, [[0.5, 0.0, 0.5]])
    # scores 0 + mask [0, 0, ln 2] -> 1 : 1 : 2
    _, w = scaled_dot_product_attention(z((1, 1)), z((3, 1)), z((3, 1)), mask=np.array([[0.0, 0.0, math.log(2)]]))
    np.testing.assert_allclose(w, [[0.25, 0.25, 0.5]], atol=1e-15)


def test_fully_masked_row_gives_zero_weights_and_output():
    q = np.ones((2, 2))
    out, w = scaled_dot_product_attention(q, q, q + 1, mask=np.array([[False, False], [True, True]]))
    assert np.array_equal(w[0], [0.0, 0.0]) and np.array_equal(out[0], [0.0, 0.0])
    np.testing.assert_allclose(w[1], [0.5, 0.5])


def test_mask_broadcasts_over_batch():
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 2, 4)), rng.normal(size=(3, 5, 4)), rng.normal(size=(3, 5, 2))
    mask = np.array([True, True, False, True, False])  # one key-padding row for every batch and query
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    assert w.shape == (3, 2, 5) and np.all(w[..., [2, 4]] == 0)
    for b in range(3):
        ref_out, ref_w = naive_attention(q[b].tolist(), k[b].tolist(), v[b].tolist(), mask=[mask.tolist()] * 2)
        np.testing.assert_allclose(w[b], ref_w, atol=1e-12)
        np.testing.assert_allclose(out[b], ref_out, atol=1e-12)


def test_sdpa_shape_errors_are_clear():
    with pytest.raises(ValueError, match="share d_k"):
        scaled_dot_product_attention(np.zeros((2, 3)), np.zeros((2, 4)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="same number of keys"):
        scaled_dot_product_attention(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="does not broadcast"):
        scaled_dot_product_attention(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((2, 1)), mask=np.ones((3, 3), bool))


# ---- against the naive reference --------------------------------------------------------------


@FAST
@given(qkv(), st.booleans(), st.data())
def test_matches_naive_reference(data_qkv, causal, data):
    q, k, v = data_qkv
    L, S = q.shape[0], k.shape[0]
    mask = None
    kind = data.draw(st.sampled_from(["none", "bool", "float"]))
    if kind == "bool":
        mask = data.draw(arrays(bool, (L, S)))
    elif kind == "float":
        mask = data.draw(arrays(np.float64, (L, S), elements=st.sampled_from([0.0, -1.5, 2.0, -np.inf])))
    out, w = scaled_dot_product_attention(q, k, v, mask=mask, causal=causal)
    ref_mask = None if mask is None else [[bool(x) if kind == "bool" else float(x) for x in row] for row in mask]
    ref_out, ref_w = naive_attention(q.tolist(), k.tolist(), v.tolist(), ref_mask, causal)
    np.testing.assert_allclose(w, ref_w, rtol=0, atol=1e-12)
    np.testing.assert_allclose(out, ref_out, rtol=0, atol=1e-12)


# ---- properties -------------------------------------------------------------------------------


@FAST
@given(qkv())
def test_rows_sum_to_one(data_qkv):
    q, k, v = data_qkv
    _, w = scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(w >= 0)


@FAST
@given(qkv(), st.data())
def test_masked_weights_are_exactly_zero_and_rows_still_sum_to_one(data_qkv, data):
    q, k, v = data_qkv
    mask = data.draw(arrays(bool, (q.shape[0], k.shape[0])))
    _, w = scaled_dot_product_attention(q, k, v, mask=mask)
    assert np.all(w[~mask] == 0.0)
    sums = w.sum(axis=-1)
    np.testing.assert_allclose(sums[mask.any(axis=-1)], 1.0, atol=1e-12)
    assert np.all(sums[~mask.any(axis=-1)] == 0.0)  # all-masked row: zeros


@FAST
@given(qkv(), st.randoms(use_true_random=False))
def test_permuting_keys_and_values_together_leaves_output_unchanged(data_qkv, rnd):
    q, k, v = data_qkv
    perm = list(range(k.shape[0]))
    rnd.shuffle(perm)
    out, w = scaled_dot_product_attention(q, k, v)
    out_p, w_p = scaled_dot_product_attention(q, k[perm], v[perm])
    np.testing.assert_allclose(out_p, out, atol=1e-12)
    np.testing.assert_allclose(w_p, w[:, perm], atol=1e-12)


@FAST
@given(qkv(), st.data())
def test_future_tokens_do_not_change_earlier_causal_outputs(data_qkv, data):
    q, k, v = data_qkv
    n = min(q.shape[0], k.shape[0])
    q, k, v = q[:n], k[:n], v[:n]
    t = data.draw(st.integers(0, n - 1))
    k2, v2, q2 = k.copy(), v.copy(), q.copy()
    k2[t + 1 :] += 1.7
    v2[t + 1 :] -= 2.3
    q2[t + 1 :] *= -1
    out, w = scaled_dot_product_attention(q, k, v, causal=True)
    out2, w2 = scaled_dot_product_attention(q2, k2, v2, causal=True)
    np.testing.assert_allclose(out2[: t + 1], out[: t + 1], atol=1e-12)
    np.testing.assert_allclose(w2[: t + 1], w[: t + 1], atol=1e-12)


@FAST
@given(qkv())
def test_kv_cache_steps_equal_full_causal_attention(data_qkv):
    q, k, v = data_qkv
    n = min(q.shape[0], k.shape[0])
    q, k, v = q[:n], k[:n], v[:n]
    full_out, full_w = scaled_dot_product_attention(q, k, v, causal=True)
    cache = None
    for t in range(n):
        out, w, cache = decode_step(q[t : t + 1], k[t : t + 1], v[t : t + 1], cache)
        assert len(cache) == t + 1 and w.shape == (1, t + 1)
        np.testing.assert_allclose(out[0], full_out[t], atol=1e-12)
        np.testing.assert_allclose(w[0], full_w[t, : t + 1], atol=1e-12)


def test_kv_cache_with_batch_dims_and_errors():
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 5))
    full, _ = scaled_dot_product_attention(q, k, v, causal=True)
    cache = KVCache.empty(3, 5, batch_shape=(2,))
    for t in range(4):
        out, _, cache = decode_step(q[:, t : t + 1], k[:, t : t + 1], v[:, t : t + 1], cache)
        np.testing.assert_allclose(out[:, 0], full[:, t], atol=1e-12)
    with pytest.raises(ValueError, match="one row"):
        decode_step(q[:, :2], k[:, :1], v[:, :1], cache)
    with pytest.raises(ValueError, match="does not fit"):
        decode_step(q[:, :1], np.zeros((2, 1, 4)), v[:, :1], cache)


# ---- multi-head and grouped-query attention ---------------------------------------------------


def test_mha_hand_computed_two_heads_of_width_one():
    # Identity projections: head 0 sees feature 0, head 1 feature 1, d_head = 1 so scale = 1.
    x = np.eye(2)
    eye = np.eye(2)
    out, w = multi_head_attention(x, eye, eye, eye, eye, num_heads=2)
    a, b = 0.7310585786300049, 0.2689414213699951  # e/(e+1), 1/(e+1)
    np.testing.assert_allclose(w[0], [[a, b], [0.5, 0.5]], atol=1e-15)
    np.testing.assert_allclose(w[1], [[0.5, 0.5], [b, a]], atol=1e-15)
    np.testing.assert_allclose(out, [[a, 0.5], [0.5, a]], atol=1e-15)


def _mha_weights(rng, d_model, h, h_kv, d_head):
    return (
        rng.normal(size=(d_model, h * d_head)),
        rng.normal(size=(d_model, h_kv * d_head)),
        rng.normal(size=(d_model, h_kv * d_head)),
        rng.normal(size=(h * d_head, d_model)),
    )


@FAST
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([(1, 1), (2, 2), (4, 2), (4, 1), (6, 3)]),
    st.integers(1, 3),
    st.booleans(),
)
def test_gqa_equals_mha_with_repeated_kv_heads(seed, heads, d_head, causal):
    h, h_kv = heads
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, 4, 5))
    w_q, w_k, w_v, w_o = _mha_weights(rng, 5, h, h_kv, d_head)
    out, w = multi_head_attention(x, w_q, w_k, w_v, w_o, h, h_kv, causal=causal)
    # repeat_interleave the K/V heads' column blocks: KV head j serves query heads j*g .. j*g+g-1
    g = h // h_kv
    blocks = lambda m: [m[:, j * d_head : (j + 1) * d_head] for j in range(h_kv) for _ in range(g)]  # noqa: E731
    full_k, full_v = np.hstack(blocks(w_k)), np.hstack(blocks(w_v))
    out_ref, w_ref = multi_head_attention(x, w_q, full_k, full_v, w_o, h, causal=causal)
    np.testing.assert_allclose(out, out_ref, atol=1e-12)
    np.testing.assert_allclose(w, w_ref, atol=1e-12)
    assert out.shape == (2, 4, 5) and w.shape == (2, h, 4, 4)


@FAST
@given(st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 4]))
def test_gqa_with_as_many_kv_heads_as_query_heads_is_plain_mha(seed, h):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3, 4))
    w_q, w_k, w_v, w_o = _mha_weights(rng, 4, h, h, 2)
    a = multi_head_attention(x, w_q, w_k, w_v, w_o, h, num_kv_heads=h)
    b = multi_head_attention(x, w_q, w_k, w_v, w_o, h)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_mha_heads_match_per_head_attention():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 4))
    w_q, w_k, w_v, w_o = _mha_weights(rng, 4, 2, 2, 2)
    out, w = multi_head_attention(x, w_q, w_k, w_v, w_o, 2, mask=np.array([True, True, False]))
    heads = []
    for hd in range(2):
        cols = slice(2 * hd, 2 * hd + 2)
        o, wh = naive_attention(
            (x @ w_q[:, cols]).tolist(),
            (x @ w_k[:, cols]).tolist(),
            (x @ w_v[:, cols]).tolist(),
            mask=[[True, True, False]] * 3,
        )
        np.testing.assert_allclose(w[hd], wh, atol=1e-12)
        heads.append(np.array(o))
    np.testing.assert_allclose(out, np.hstack(heads) @ w_o, atol=1e-12)


def test_mha_shape_errors_are_clear():
    x, w = np.zeros((3, 4)), np.zeros((4, 4))
    with pytest.raises(ValueError, match="multiple of num_kv_heads"):
        multi_head_attention(x, w, w, w, w, num_heads=4, num_kv_heads=3)
    with pytest.raises(ValueError, match="not a multiple of num_heads"):
        multi_head_attention(x, np.zeros((4, 6)), w, w, w, num_heads=4)
    with pytest.raises(ValueError, match="w_k must be"):
        multi_head_attention(x, w, np.zeros((4, 2)), w, w, num_heads=2)
    with pytest.raises(ValueError, match="d_model=4 rows"):
        multi_head_attention(x, np.zeros((3, 4)), w, w, w, num_heads=2)
    with pytest.raises(ValueError, match="w_o must be"):
        multi_head_attention(x, w, w, w, np.zeros((4, 3)), num_heads=2)


# ---- positions --------------------------------------------------------------------------------


def test_sinusoidal_positions_hand_computed():
    pe = sinusoidal_positions(2, 4)
    np.testing.assert_allclose(pe[0], [0, 1, 0, 1])
    # pos 1: sin(1), cos(1), sin(1/10000^(2/4)) = sin(0.01), cos(0.01)
    np.testing.assert_allclose(
        pe[1], [0.8414709848078965, 0.5403023058681398, 0.009999833334166664, 0.9999500004166653], atol=1e-15
    )
    assert sinusoidal_positions(3, 5).shape == (3, 5)
    np.testing.assert_allclose(sinusoidal_positions(3, 5)[2, 4], math.sin(2 / 10000 ** (4 / 5)))


def test_rope_hand_computed_pairs_are_consecutive():
    # pair (x0, x1) rotates by pos·1, pair (x2, x3) by pos·10000^(-2/4) = pos·0.01
    out = rope(np.array([[1.0, 0.0, 1.0, 0.0]]), [1])
    np.testing.assert_allclose(out, [[math.cos(1), math.sin(1), math.cos(0.01), math.sin(0.01)]], atol=1e-15)
    np.testing.assert_allclose(rope(np.array([[0.0, 2.0]]), [2]), [[-2 * math.sin(2), 2 * math.cos(2)]], atol=1e-15)
    with pytest.raises(ValueError, match="even"):
        rope(np.zeros((1, 3)), [0])


@FAST
@given(arrays(np.float64, (2, 6), elements=small), st.integers(-20, 20), st.integers(-20, 20), st.integers(-50, 50))
def test_rope_keeps_norms_and_scores_depend_on_relative_position(qk, m, n, shift):
    q, k = qk[0:1], qk[1:2]
    np.testing.assert_allclose(np.linalg.norm(rope(q, [m])), np.linalg.norm(q), atol=1e-12)
    np.testing.assert_allclose(rope(q, [0]), q, atol=0)
    a = (rope(q, [m]) @ rope(k, [n]).T).item()
    b = (rope(q, [m + shift]) @ rope(k, [n + shift]).T).item()
    assert a == pytest.approx(b, abs=1e-9)
