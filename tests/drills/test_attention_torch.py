"""attention.py against PyTorch's scaled_dot_product_attention, in float64.

torch is not a dependency: this module skips when it is not installed (as in CI).
"""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

from qkvstudy.drills.attention import multi_head_attention, scaled_dot_product_attention  # noqa: E402


def _t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def _torch_sdpa(q, k, v, **kw):
    # SDPA returns only the output; the weights are the output for V = I.
    out = F.scaled_dot_product_attention(_t(q), _t(k), _t(v), **kw).numpy()
    eye = np.broadcast_to(np.eye(k.shape[-2]), (*k.shape[:-2], k.shape[-2], k.shape[-2]))
    w = F.scaled_dot_product_attention(_t(q), _t(k), _t(eye.copy()), **kw).numpy()
    return out, w


@pytest.mark.parametrize("L,S", [(3, 3), (2, 5), (5, 2)])
@pytest.mark.parametrize("causal", [False, True])
def test_matches_torch_sdpa_including_causal_with_unequal_lengths(L, S, causal):
    rng = np.random.default_rng(L * 10 + S)
    q, k, v = rng.normal(size=(2, 3, L, 4)), rng.normal(size=(2, 3, S, 4)), rng.normal(size=(2, 3, S, 6))
    out, w = scaled_dot_product_attention(q, k, v, causal=causal)
    ref_out, ref_w = _torch_sdpa(q, k, v, is_causal=causal)
    np.testing.assert_allclose(out, ref_out, atol=1e-12)
    np.testing.assert_allclose(w, ref_w, atol=1e-12)


def test_matches_torch_with_bool_and_float_masks_and_scale():
    rng = np.random.default_rng(7)
    q, k, v = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 5, 2))
    bool_mask = rng.random((2, 4, 5)) < 0.6
    bool_mask[1, 2] = False  # a fully masked row: zeros in both
    float_mask = rng.normal(size=(4, 5))
    for mask in (bool_mask, float_mask):
        out, w = scaled_dot_product_attention(q, k, v, mask=mask, scale=0.3)
        ref_out, ref_w = _torch_sdpa(q, k, v, attn_mask=_t(mask), scale=0.3)
        np.testing.assert_allclose(out, ref_out, atol=1e-12)
        np.testing.assert_allclose(w, ref_w, atol=1e-12)


def test_fully_masked_rows_are_zero_like_torch():
    q = k = v = np.ones((2, 2))
    mask = np.array([[False, False], [True, True]])
    out, _ = scaled_dot_product_attention(q, k, v, mask=mask)
    ref = F.scaled_dot_product_attention(_t(q), _t(k), _t(v), attn_mask=_t(mask)).numpy()
    assert np.array_equal(out[0], [0.0, 0.0])
    np.testing.assert_allclose(out, ref, atol=1e-12)


@pytest.mark.parametrize("h,h_kv", [(4, 2), (6, 3), (4, 1), (2, 2)])
def test_gqa_matches_torch_enable_gqa(h, h_kv):
    rng = np.random.default_rng(h * 7 + h_kv)
    d_model, d_head, L = 6, 3, 4
    x = rng.normal(size=(2, L, d_model))
    w_q, w_k, w_v = (rng.normal(size=(d_model, n * d_head)) for n in (h, h_kv, h_kv))
    w_o = rng.normal(size=(h * d_head, d_model))
    out, w = multi_head_attention(x, w_q, w_k, w_v, w_o, h, h_kv, causal=True)

    def heads(m, n):  # (B, L, n*d) -> (B, n, L, d)
        return _t(m.reshape(2, L, n, d_head).transpose(0, 2, 1, 3).copy())

    ref = F.scaled_dot_product_attention(
        heads(x @ w_q, h), heads(x @ w_k, h_kv), heads(x @ w_v, h_kv), is_causal=True, enable_gqa=True
    ).numpy()
    ref_out = ref.transpose(0, 2, 1, 3).reshape(2, L, h * d_head) @ w_o
    np.testing.assert_allclose(out, ref_out, atol=1e-12)
    # and the weights, head by head, through repeat_interleave
    k_rep = torch.repeat_interleave(heads(x @ w_k, h_kv), h // h_kv, dim=1)
    scores = heads(x @ w_q, h) @ k_rep.transpose(-1, -2) / np.sqrt(d_head)
    scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool).tril(), float("-inf"))
    np.testing.assert_allclose(w, torch.softmax(scores, dim=-1).numpy(), atol=1e-12)
