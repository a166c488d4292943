"""Attention in plain NumPy: the reference every drill is computed and checked against.

Everything is float64 and follows PyTorch's conventions, so what a learner practises here is
what they will meet in `torch.nn.functional.scaled_dot_product_attention` (SDPA):

* row convention: Q = X·W_Q, scores = Q·Kᵀ, shapes (..., L, d_k), (..., S, d_k), (..., S, d_v);
* a boolean mask says where a query *may attend* (True = keep), a float mask is added to the scores;
* a causal mask is aligned top-left: query i sees keys j <= i, even when L != S;
* a row with nothing to attend to (every score -inf) gets all-zero weights, not NaN.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "softmax",
    "causal_mask",
    "scaled_dot_product_attention",
    "multi_head_attention",
    "sinusoidal_positions",
    "rope",
    "KVCache",
    "decode_step",
]


def softmax(x: Any, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along `axis`, in float64.

    The row maximum is subtracted before `exp` so large scores cannot overflow. A slice whose
    entries are all -inf (a fully masked row) gives zeros rather than NaN, matching PyTorch's
    SDPA; NumPy's naive formula would compute -inf - (-inf) = NaN there. NaN in gives NaN out.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return np.array(x, copy=True)
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isneginf(top), 0.0, top)  # all -inf: exp(-inf - 0) = 0, no NaN
    e = np.exp(x - top)
    total = np.sum(e, axis=axis, keepdims=True)
    out: np.ndarray = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return out


def causal_mask(n_queries: int, n_keys: int | None = None) -> np.ndarray:
    """Boolean (n_queries, n_keys) mask, True where query i may attend key j, i.e. j <= i.

    Aligned top-left like SDPA's `is_causal` (torch.ones(L, S).tril()), also when L != S.
    """
    n_keys = n_queries if n_keys is None else n_keys
    return np.tril(np.ones((n_queries, n_keys), dtype=bool))


def _as_float(name: str, a: Any, min_ndim: int) -> np.ndarray:
    out: np.ndarray = np.asarray(a, dtype=np.float64)
    if out.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} dimensions, got shape {out.shape}")
    return out


def scaled_dot_product_attention(
    q: Any, k: Any, v: Any, mask: Any = None, causal: bool = False, scale: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(Q·Kᵀ·scale + mask)·V, returning `(output, weights)`.

    Shapes: q (..., L, d_k), k (..., S, d_k), v (..., S, d_v); leading batch dims broadcast.
    Returns output (..., L, d_v) and weights (..., L, S).

    mask: boolean, True = may attend (PyTorch SDPA convention; note nn.MultiheadAttention's
    key_padding_mask uses the opposite), or float, added to the scaled scores (use -inf to
    block). It broadcasts against (..., L, S).
    causal: query i attends keys j <= i, aligned top-left as SDPA's is_causal. Unlike SDPA,
    `causal` may be combined with `mask`; a key must then pass both.
    scale: defaults to 1/sqrt(d_k).
    A query that may attend no key gets zero weights and a zero output row.
    """
    q = _as_float("q", q, 2)
    k = _as_float("k", k, 2)
    v = _as_float("v", v, 2)
    L, d_k = q.shape[-2:]
    S = k.shape[-2]
    if k.shape[-1] != d_k:
        raise ValueError(f"q and k must share d_k: q is {q.shape}, k is {k.shape}")
    if v.shape[-2] != S:
        raise ValueError(f"k and v must have the same number of keys: k is {k.shape}, v is {v.shape}")
    if scale is None:
        if d_k == 0:
            raise ValueError("d_k is 0: cannot use the default scale 1/sqrt(d_k)")
        scale = 1.0 / math.sqrt(d_k)
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) * scale
    if causal:
        scores = np.where(causal_mask(L, S), scores, -np.inf)
    if mask is not None:
        mask = np.asarray(mask)
        try:
            np.broadcast_shapes(mask.shape, scores.shape)
        except ValueError:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to scores {scores.shape}") from None
        if mask.dtype == bool:
            scores = np.where(mask, scores, -np.inf)
        else:
            scores = scores + mask.astype(np.float64)
    weights = softmax(scores, axis=-1)
    return np.matmul(weights, v), weights


def _split_heads(t: np.ndarray, heads: int) -> np.ndarray:
    # (..., L, heads*d) -> (..., heads, L, d): head h is columns h*d:(h+1)*d.
    *batch, n, width = t.shape
    return np.swapaxes(t.reshape(*batch, n, heads, width // heads), -2, -3)


def multi_head_attention(
    x: Any,
    w_q: Any,
    w_k: Any,
    w_v: Any,
    w_o: Any,
    num_heads: int,
    num_kv_heads: int | None = None,
    mask: Any = None,
    causal: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Multi-head self-attention (with grouped-query attention), returning `(output, weights)`.

    Row convention: Q = X·W_Q, K = X·W_K, V = X·W_V, output = concat(heads)·W_O.
    x (..., L, d_model); w_q (d_model, num_heads·d_head); w_k, w_v (d_model, num_kv_heads·d_head);
    w_o (num_heads·d_head, d_model). Head h uses columns h·d_head:(h+1)·d_head.

    GQA: with num_kv_heads < num_heads, K/V head j serves the num_heads // num_kv_heads
    consecutive query heads j·g … j·g+g-1 (SDPA's enable_gqa, i.e. repeat_interleave).
    num_kv_heads=None means num_heads (plain MHA); 1 is multi-query attention.
    mask broadcasts against the weights (..., num_heads, L, L): a (L, L) mask serves every head,
    a per-sequence mask is (B, 1, L, L). Each head is scaled by 1/sqrt(d_head).
    Returns output (..., L, d_model) and weights (..., num_heads, L, L).
    """
    x = _as_float("x", x, 2)
    w_q, w_k, w_v, w_o = (np.asarray(w, dtype=np.float64) for w in (w_q, w_k, w_v, w_o))
    num_kv_heads = num_heads if num_kv_heads is None else num_kv_heads
    if num_heads < 1 or num_kv_heads < 1:
        raise ValueError(f"num_heads and num_kv_heads must be >= 1, got {num_heads} and {num_kv_heads}")
    if num_heads % num_kv_heads:
        raise ValueError(f"num_heads ({num_heads}) must be a multiple of num_kv_heads ({num_kv_heads})")
    d_model = x.shape[-1]
    for name, w in (("w_q", w_q), ("w_k", w_k), ("w_v", w_v), ("w_o", w_o)):
        if w.ndim != 2:
            raise ValueError(f"{name} must be a matrix, got shape {w.shape}")
    if w_q.shape[0] != d_model:
        raise ValueError(f"w_q must have d_model={d_model} rows (x is {x.shape}), got {w_q.shape}")
    if w_q.shape[1] % num_heads:
        raise ValueError(f"w_q has {w_q.shape[1]} columns, not a multiple of num_heads={num_heads}")
    d_head = w_q.shape[1] // num_heads
    kv_shape = (d_model, num_kv_heads * d_head)
    for name, w in (("w_k", w_k), ("w_v", w_v)):
        if w.shape != kv_shape:
            raise ValueError(f"{name} must be (d_model, num_kv_heads·d_head) = {kv_shape}, got {w.shape}")
    if w_o.shape != (num_heads * d_head, d_model):
        raise ValueError(f"w_o must be (num_heads·d_head, d_model) = {(num_heads * d_head, d_model)}, got {w_o.shape}")
    group = num_heads // num_kv_heads
    q = _split_heads(x @ w_q, num_heads)
    k = np.repeat(_split_heads(x @ w_k, num_kv_heads), group, axis=-3)
    v = np.repeat(_split_heads(x @ w_v, num_kv_heads), group, axis=-3)
    heads, weights = scaled_dot_product_attention(q, k, v, mask=mask, causal=causal)
    concat = np.swapaxes(heads, -2, -3)  # (..., L, H, d_head)
    concat = concat.reshape(*concat.shape[:-2], num_heads * d_head)
    return concat @ w_o, weights


def sinusoidal_positions(n: int, d: int) -> np.ndarray:
    """The (n, d) sinusoidal position table of Vaswani et al. (2017).

    PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)).
    For odd d the last column is a sine.
    """
    if n < 0 or d < 1:
        raise ValueError(f"need n >= 0 and d >= 1, got n={n}, d={d}")
    pos = np.arange(n, dtype=np.float64)[:, None]
    even = np.arange(0, d, 2, dtype=np.float64)  # the 2i of the formula
    angle = pos / np.power(10000.0, even / d)
    pe = np.zeros((n, d))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle[:, : d // 2])
    return pe


def rope(x: Any, positions: Any, base: float = 10000.0) -> np.ndarray:
    """Rotary position embedding (RoFormer, Su et al. 2021) applied to the last axis of x.

    Pairing convention: consecutive pairs (x0, x1), (x2, x3), … (the paper's and GPT-J's
    "interleaved" layout). Pair i is rotated by angle pos·base^(-2i/d):
        (a, b) -> (a·cos θ - b·sin θ, a·sin θ + b·cos θ).
    LLaMA / GPT-NeoX code ("rotate_half") pairs x_i with x_{i+d/2} instead; the two layouts
    differ by a fixed permutation of features and give the same attention scores.

    x (..., L, d) with d even; positions broadcast against x.shape[:-1] (usually shape (L,)).
    Rotations keep norms, and <rope(q, m), rope(k, n)> depends only on m - n.
    """
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    if d % 2:
        raise ValueError(f"rope needs an even feature size, got d={d}")
    pos = np.asarray(positions, dtype=np.float64)[..., None]
    theta = np.power(float(base), -np.arange(0, d, 2, dtype=np.float64) / d)  # (d/2,)
    angle = pos * theta
    cos, sin = np.cos(angle), np.sin(angle)
    a, b = x[..., 0::2], x[..., 1::2]
    out = np.empty(np.broadcast_shapes(x.shape, angle.shape[:-1] + (d,)))
    out[..., 0::2] = a * cos - b * sin
    out[..., 1::2] = a * sin + b * cos
    return out


@dataclass(frozen=True)
class KVCache:
    """Keys and values of the tokens decoded so far: keys (..., t, d_k), values (..., t, d_v).

    Immutable: `decode_step` returns a new cache with the new token appended, so a drill can
    keep every step around. (A real decoder preallocates and writes in place.)
    """

    keys: np.ndarray
    values: np.ndarray

    @classmethod
    def empty(cls, d_k: int, d_v: int, batch_shape: tuple[int, ...] = ()) -> KVCache:
        return cls(np.zeros((*batch_shape, 0, d_k)), np.zeros((*batch_shape, 0, d_v)))

    def __len__(self) -> int:
        return int(self.keys.shape[-2])


def decode_step(
    q_t: Any, k_t: Any, v_t: Any, cache: KVCache | None = None, scale: float | None = None
) -> tuple[np.ndarray, np.ndarray, KVCache]:
    """One autoregressive decode step: append (k_t, v_t) to the cache and attend with q_t.

    q_t (..., 1, d_k), k_t (..., 1, d_k), v_t (..., 1, d_v): the new token as a row.
    Returns (output (..., 1, d_v), weights (..., 1, t), new_cache) with t = len(cache) + 1.
    No causal mask is needed: the cache only holds the past, so step t reproduces row t of
    full causal attention over the whole sequence.
    """
    q_t, k_t, v_t = (_as_float(n, a, 2) for n, a in (("q_t", q_t), ("k_t", k_t), ("v_t", v_t)))
    for name, a in (("q_t", q_t), ("k_t", k_t), ("v_t", v_t)):
        if a.shape[-2] != 1:
            raise ValueError(f"{name} must be one row (..., 1, d), got shape {a.shape}")
    if cache is None:
        cache = KVCache.empty(k_t.shape[-1], v_t.shape[-1], k_t.shape[:-2])
    if cache.keys.shape[:-2] != k_t.shape[:-2] or cache.keys.shape[-1] != k_t.shape[-1]:
        raise ValueError(f"k_t {k_t.shape} does not fit the cached keys {cache.keys.shape}")
    if cache.values.shape[:-2] != v_t.shape[:-2] or cache.values.shape[-1] != v_t.shape[-1]:
        raise ValueError(f"v_t {v_t.shape} does not fit the cached values {cache.values.shape}")
    new = KVCache(np.concatenate([cache.keys, k_t], axis=-2), np.concatenate([cache.values, v_t], axis=-2))
    output, weights = scaled_dot_product_attention(q_t, new.keys, new.values, scale=scale)
    return output, weights, new
