"""FlashAttention's online softmax over two blocks, and masks composed the way inference builds them
(causal + padding, a sliding window, causal aligned bottom-right for decode and chunked prefill)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qkvstudy.i18n import t

from .formula import fields, formula_recipe, pick
from .prompts import exp_table
from .sampling import Source

# ---- online_softmax ---------------------------------------------------------------------------


def _block(x: np.ndarray, v: np.ndarray) -> tuple[float, float, float]:
    m = float(x.max())
    e = np.exp(x - m)
    return m, float(e.sum()), float(e @ v / e.sum())


def solve_online(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    x1, x2 = np.asarray(s["x1"], float), np.asarray(s["x2"], float)
    v1, v2 = np.asarray(s["v1"], float), np.asarray(s["v2"], float)
    (m1, l1, o1), (m2, l2, o2) = _block(x1, v1), _block(x2, v2)
    m = max(m1, m2)
    a1, a2 = math.exp(m1 - m), math.exp(m2 - m)
    if mistake == "online_wrong_direction":
        a1, a2 = math.exp(m - m1), math.exp(m - m2)
    if mistake == "online_no_rescale":
        a1 = a2 = 1.0
    if mistake == "online_last_block":
        a1, l1 = 0.0, 0.0
    level = s["level"]
    if mistake == "online_average" and level < 3:
        return None
    lsum = l1 * a1 + l2 * a2
    if level < 3:
        return np.array([[m, lsum]])
    if mistake == "online_average":
        o = (o1 + o2) / 2
    else:
        o = (l1 * a1 * o1 + l2 * a2 * o2) / lsum
    return np.array([[m, lsum, o]])


def build_online(src: Source, level: int) -> dict[str, Any]:
    while True:
        x1 = [int(v) for v in src.rng.integers(0, 4, size=2)]
        x2 = [int(v) for v in src.rng.integers(0, 5, size=2)]
        if max(x1) != max(x2):
            break
    v1 = [int(v) for v in src.rng.integers(-2, 3, size=2)]
    v2 = [int(v) for v in src.rng.integers(-2, 3, size=2)]
    s: dict[str, Any] = {"level": level, "x1": x1, "x2": x2, "v1": v1, "v2": v2}
    (m1, l1, _), (m2, l2, _) = (
        _block(np.array(x1, float), np.array(v1, float)),
        _block(np.array(x2, float), np.array(v2, float)),
    )
    m = max(m1, m2)
    shifts = {float(a - b) for a, b in ((m1, m), (m2, m)) if a != b}
    shifts |= {float(v - max(x)) for x in (x1, x2) for v in x if v != max(x)}
    table = exp_table(sorted(shifts, reverse=True))
    cols = ("m", "ℓ") if level < 3 else ("m", "ℓ", "o")
    if level == 1:
        params = {"m1": m1, "l1": round(l1, 4), "m2": m2, "l2": round(l2, 4)}
        prompt = t("drills.online_softmax.prompt1", **params)
        return fields(s, solve_online, prompt, "float", ("merged",), cols, params, extra=table)
    given = {"x1": np.array([x1], float), "x2": np.array([x2], float)}
    if level == 3:
        given |= {"v1": np.array([v1], float), "v2": np.array([v2], float)}
    prompt = t(f"drills.online_softmax.prompt{level}")
    return fields(s, solve_online, prompt, "float", ("merged",), cols, {}, given, extra=table)


def steps_online(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    (m1, l1, o1) = _block(np.asarray(s["x1"], float), np.asarray(s["v1"], float))
    (m2, l2, o2) = _block(np.asarray(s["x2"], float), np.asarray(s["v2"], float))
    m = max(m1, m2)
    a1, a2 = math.exp(m1 - m), math.exp(m2 - m)
    out: list[tuple[str, str, Any]] = [
        (t("drills.online_softmax.blocks"), f"m1 = {m1:g}, ℓ1 = {l1:.4f}; m2 = {m2:g}, ℓ2 = {l2:.4f}", None),
        ("m", f"m = max(m1, m2) = {m:g}", None),
        ("ℓ", f"ℓ = ℓ1·e^(m1−m) + ℓ2·e^(m2−m) = {l1:.4f}×{a1:.4f} + {l2:.4f}×{a2:.4f} = {l1 * a1 + l2 * a2:.4f}", None),
    ]
    if s["level"] == 3:
        o = (l1 * a1 * o1 + l2 * a2 * o2) / (l1 * a1 + l2 * a2)
        out.append(("o", f"o1 = {o1:.4f}, o2 = {o2:.4f}; o = (ℓ1·e^(m1−m)·o1 + ℓ2·e^(m2−m)·o2) / ℓ = {o:.4f}", None))
    return out


# ---- mask_compose -----------------------------------------------------------------------------


def solve_mask(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    lq, lkv, level = s["len_q"], s["len_kv"], s["level"]
    i, j = np.indices((lq, lkv))
    pos = i + (lkv - lq if level == 3 and mistake != "mask_top_left" else 0)  # bottom-right: absolute positions
    if mistake == "mask_top_left" and level < 3:
        return None
    causal = np.ones((lq, lkv), bool) if mistake == "mask_forgot_causal" else j <= pos
    allowed = causal
    if level == 1:
        pad = np.arange(lkv) < lkv - s["pads"]
        if mistake != "mask_forgot_padding":
            allowed = allowed & pad[None, :]
    elif mistake == "mask_forgot_padding":
        return None
    if level == 2:
        w = s["window"]
        if mistake == "mask_forgot_causal":
            allowed = np.abs(pos - j) < w
        else:
            allowed = allowed & (pos - j < (w + 1 if mistake == "mask_window_off_by_one" else w))
    elif mistake == "mask_window_off_by_one":
        return None
    if mistake == "mask_flipped":
        allowed = ~allowed
    return allowed.astype(float)


def build_mask(src: Source, level: int) -> dict[str, Any]:
    s: dict[str, Any] = {"level": level}
    if level == 1:
        n = int(pick(src, (3, 4, 5)))
        s |= {"len_q": n, "len_kv": n, "pads": int(pick(src, (1, 2)))}
        params = {"len_q": n, "len_kv": n, "pads": s["pads"]}
    elif level == 2:
        n = int(pick(src, (5, 6)))
        s |= {"len_q": n, "len_kv": n, "window": int(pick(src, (2, 3, 4)))}
        params = {"len_q": n, "len_kv": n, "window": s["window"]}
    else:
        s |= {"len_q": int(pick(src, (1, 2, 3))), "len_kv": int(pick(src, (4, 5, 6)))}
        params = {"len_q": s["len_q"], "len_kv": s["len_kv"]}
    prompt = t(f"drills.mask_compose.prompt{level}", **params)
    rows = tuple(f"q{i}" for i in range(s["len_q"]))
    cols = tuple(f"k{j}" for j in range(s["len_kv"]))
    return fields(s, solve_mask, prompt, "int", rows, cols, params)


def steps_mask(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    rule = t(f"drills.mask_compose.rule{s['level']}")
    return [(t("drills.mask_compose.title"), rule, solve_mask(s, None))]


RECIPES = {
    "online_softmax": formula_recipe(
        build_online,
        solve_online,
        steps_online,
        ("online_no_rescale", "online_wrong_direction", "online_last_block", "online_average"),
    ),
    "mask_compose": formula_recipe(
        build_mask,
        solve_mask,
        steps_mask,
        ("mask_flipped", "mask_forgot_causal", "mask_forgot_padding", "mask_window_off_by_one", "mask_top_left"),
    ),
}
