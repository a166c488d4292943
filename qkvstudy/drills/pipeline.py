"""Attention as the learner does it on paper: scores -> scaled -> masked -> weights -> output.

One function computes every stage from a drill's `setup`, and can switch on one classic
mistake. The generator takes the right answer from it, the checker compares a wrong answer
with each mistaken version to name what went wrong, and the worked solution shows the stages.

setup keys: q, k (or `scores` given directly), v, scale, temperatures, mask (bool, True = may
attend), causal, target ("scores" | "scaled" | "masked" | "weights" | "output" | "argmax"),
row (one query row, or None for all), cache_len (decode drills: keys before the new one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from qkvstudy.i18n import language

from .attention import causal_mask, softmax

# code -> (Chinese, English) message. Only the mistakes that change the answer are ever named.
MESSAGES = {
    "no_scale": ("忘了除以 √d_k", "forgot to scale by 1/√d_k"),
    "scale_by_dk": ("除以了 d_k 而不是 √d_k", "scaled by 1/d_k instead of 1/√d_k"),
    "scale_multiplied": ("乘了 √d_k 而不是除以 √d_k", "multiplied by √d_k instead of dividing"),
    "k_not_transposed": ("用了 Q·K 而不是 Q·Kᵀ", "used K instead of Kᵀ"),
    "transposed": ("算成了 K·Qᵀ，行列颠倒（行应是 query）", "answer transposed: rows must be queries, columns keys"),
    "softmax_axis": (
        "softmax 做在了列上（每一行的权重和应为 1）",
        "softmax over the wrong axis: each row must sum to 1",
    ),
    "no_mask": ("忘了掩码", "forgot the mask"),
    "mask_flipped": ("掩码方向反了：True/1 表示可以关注", "mask convention flipped: True/1 means may attend"),
    "causal_upper": (
        "因果掩码方向反了：token i 只能看 j ≤ i",
        "causal mask flipped: token i attends j <= i, not j >= i",
    ),
    "mask_after_softmax": ("softmax 之后才掩码，没有重新归一化", "masked after softmax without renormalising"),
    "mask_zero": (
        "掩码位置填了 0（或把分数乘以 mask）：应填 −∞，softmax 后才是 0",
        "masked with 0 (or multiplied the scores by the mask) instead of −∞",
    ),
    "no_temperature": ("忘了除以温度 T", "ignored the temperature T"),
    "temperature_multiplied": ("乘了温度 T 而不是除以 T", "multiplied by T instead of dividing"),
    "cache_missing_new": ("忘了先把新的 k_t、v_t 追加进缓存", "forgot to append the new k_t, v_t to the cache"),
    "only_new_token": (
        "只关注了新 token 自己，缓存里的旧 token 也要算",
        "attended only to the new token, not the cached ones",
    ),
    "row_one_based": ("行号从 1 数了：t0 是第一行", "counted rows from 1: t0 is the first row"),
}


def message(code: str) -> str:
    """The mistake in the session's language (English terms such as softmax stay in the Chinese)."""
    zh, en = MESSAGES[code]
    return en if language() == "en" else zh


class NotApplicable(Exception):
    """This mistake cannot be made with these shapes (e.g. Q·K when d_k != S)."""


@dataclass(frozen=True)
class Stages:
    scores: np.ndarray  # raw Q·Kᵀ (or the given scores)
    scaled: np.ndarray  # × scale ÷ T
    masked: np.ndarray  # -inf where a key may not be attended
    weights: np.ndarray
    output: np.ndarray | None
    allowed: np.ndarray | None  # True = may attend; None = no mask at all


def allowed_keys(setup: dict[str, Any], n_queries: int, n_keys: int) -> np.ndarray | None:
    """The combined causal and explicit mask as a full (L, S) boolean matrix, or None."""
    allowed = None
    if setup.get("causal"):
        allowed = causal_mask(n_queries, n_keys)
    if setup.get("mask") is not None:
        m = np.broadcast_to(np.asarray(setup["mask"], bool), (n_queries, n_keys))
        allowed = m.copy() if allowed is None else allowed & m
    return allowed


def run(setup: dict[str, Any], mistake: str | None = None, temperature: float | None = None) -> Stages:
    """Every stage of the computation described by `setup`, with at most one mistake."""
    q: Any = setup.get("q")
    k: Any = setup.get("k")
    v: Any = setup.get("v")
    if mistake in ("cache_missing_new", "only_new_token"):
        n = setup.get("cache_len")
        if n is None or n == 0:
            raise NotApplicable(mistake)
        keep = slice(0, n) if mistake == "cache_missing_new" else slice(n, None)
        k, v = k[keep], v[keep]
    if setup.get("scores") is not None:
        raw = np.asarray(setup["scores"], dtype=np.float64)
        if mistake in ("k_not_transposed", "transposed"):
            raise NotApplicable(mistake)
    elif mistake == "k_not_transposed":
        if k.shape[0] != q.shape[1]:
            raise NotApplicable(mistake)
        raw = q @ k
    elif mistake == "transposed":
        raw = k @ q.T
    else:
        raw = q @ k.T
    scale = float(setup.get("scale", 1.0))
    if scale == 1.0 and mistake in ("no_scale", "scale_by_dk", "scale_multiplied"):
        raise NotApplicable(mistake)  # the scores are given already scaled: nothing to forget
    if mistake == "softmax_axis" and setup.get("target") in ("scores", "scaled", "masked"):
        raise NotApplicable(mistake)
    scale = {"no_scale": 1.0, "scale_by_dk": scale * scale, "scale_multiplied": 1.0 / scale}.get(mistake or "", scale)
    t = float(setup.get("temperatures", (1.0,))[0] if temperature is None else temperature)
    t = {"no_temperature": 1.0, "temperature_multiplied": 1.0 / t}.get(mistake or "", t)
    scaled = raw * scale / t
    allowed: Any = allowed_keys(setup, *raw.shape) if raw.shape == _natural_shape(setup, q, k) else None
    if allowed is None and mistake in ("no_mask", "mask_flipped", "causal_upper", "mask_after_softmax", "mask_zero"):
        raise NotApplicable(mistake)
    if mistake == "mask_after_softmax" and setup.get("target") in ("scores", "scaled", "masked"):
        raise NotApplicable(mistake)  # no softmax in the answer: it would read as "forgot the mask"
    if mistake == "no_mask":
        allowed = None
    elif mistake == "mask_flipped":
        allowed = ~allowed
    elif mistake == "causal_upper":
        if not setup.get("causal"):
            raise NotApplicable(mistake)
        allowed = np.triu(np.ones(raw.shape, bool))  # j >= i: "upper" instead of "lower" triangle
        explicit = allowed_keys({"mask": setup.get("mask")}, *raw.shape)
        if explicit is not None:
            allowed &= explicit
    masked = scaled if allowed is None else np.where(allowed, scaled, -np.inf)
    if mistake == "mask_zero":
        masked = np.where(allowed, scaled, 0.0)  # the same as scores × mask with a 0/1 mask
    if mistake == "mask_after_softmax":
        weights = softmax(scaled) * allowed
        masked = scaled
    else:
        weights = softmax(masked, axis=0 if mistake == "softmax_axis" else -1)
    output = None if v is None or weights.shape[1] != v.shape[0] else weights @ v
    return Stages(raw, scaled, masked, weights, output, allowed)


def _natural_shape(setup: dict[str, Any], q: Any, k: Any) -> tuple[int, int]:
    if setup.get("scores") is not None:
        rows, cols = np.shape(setup["scores"])
        return int(rows), int(cols)
    return int(q.shape[0]), int(k.shape[0])


def pick(stages: Stages, setup: dict[str, Any], row: int | None = None) -> np.ndarray:
    """The part of the stages the drill asks for, always 2-D."""
    target = setup["target"]
    if target == "argmax":
        m = np.argmax(stages.masked, axis=-1).astype(np.float64)[:, None]
    else:
        m = getattr(stages, target)
    if m is None:
        raise NotApplicable(target)
    row = setup.get("row") if row is None else row
    if row is not None:
        if row >= m.shape[0]:
            raise NotApplicable("row")
        m = m[row : row + 1]
    return np.array(m, dtype=np.float64)


def answer(setup: dict[str, Any], mistake: str | None = None) -> np.ndarray:
    """The answer grid; with several temperatures, one row block per temperature."""
    row = None
    if mistake == "row_one_based":
        if setup.get("row") is None:
            raise NotApplicable(mistake)
        row, mistake = setup["row"] + 1, None
    temps = setup.get("temperatures", (1.0,))
    return np.vstack([pick(run(setup, mistake, t), setup, row) for t in temps])


def scored_cells(setup: dict[str, Any]) -> np.ndarray:
    """Which answer cells need computing: not a masked cell, not a row with a single key to attend.

    A "masked" answer given already-scaled scores needs work only where −∞ goes (the rest is copied).
    """
    target, blocks = setup["target"], []
    for t in setup.get("temperatures", (1.0,)):
        st = run(setup, temperature=t)
        allowed = np.ones(st.scores.shape, bool) if st.allowed is None else st.allowed
        if target in ("scores", "scaled"):
            cells = np.ones(st.scores.shape, bool)
        elif target == "masked":
            copied = setup.get("scores") is not None and float(setup.get("scale", 1.0)) == 1.0 and t == 1.0
            cells = ~allowed if copied else np.ones(allowed.shape, bool)
        else:
            choice = allowed.sum(axis=1, keepdims=True) > 1
            cells = choice & allowed if target == "weights" else np.broadcast_to(choice, st.scores.shape)
            if target == "argmax":
                cells = choice
            elif target == "output" and st.output is not None:
                cells = np.broadcast_to(choice, st.output.shape)
        row = setup.get("row")
        blocks.append(np.array(cells[row : row + 1] if row is not None else cells, bool))
    return np.vstack(blocks)


def exponents_needed(setup: dict[str, Any]) -> list[float]:
    """The distinct x − max(row) a learner exponentiates (0 left out: e⁰ = 1), most negative last."""
    if setup["target"] not in ("weights", "output"):
        return []
    found: set[float] = set()
    for t in setup.get("temperatures", (1.0,)):
        masked = run(setup, temperature=t).masked
        row = setup.get("row")
        for r in [masked[row]] if row is not None else masked:
            keep = np.isfinite(r)
            if keep.sum() > 1:
                found |= {round(float(x), 9) for x in r[keep] - r[keep].max() if round(float(x), 9) != 0}
    return sorted(found, reverse=True)


def mistaken_answers(setup: dict[str, Any], codes: Any) -> list[tuple[str, np.ndarray]]:
    """(code, wrong answer) for each mistake that applies to this setup."""
    out = []
    for code in codes:
        try:
            out.append((code, answer(setup, code)))
        except NotApplicable:
            continue
    return out
