"""Positions by hand: RoPE's rotation (and why q·k only sees m − n), ALiBi's linear bias, sinusoidal
encodings. Angles are friendly (multiples of 30° or 45°) and the cos/sin or sin values needed are
shown with the prompt.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qkvstudy.i18n import t

from .formula import fields, formula_recipe, pick
from .sampling import Source

# ---- rope_rotate ------------------------------------------------------------------------------


def rotate(v: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate each consecutive pair (v0, v1), (v2, v3)… by `degrees` (RoPE's interleaved pairs)."""
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    out = np.array(v, dtype=np.float64)
    out[0::2], out[1::2] = c * v[0::2] - s * v[1::2], s * v[0::2] + c * v[1::2]
    return out


def solve_rope(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    q, theta = np.asarray(s["q"], float), s["theta"]
    if s["level"] < 3:
        if mistake in ("rope_relative_sign", "rope_no_rotation"):
            return None
        m = 1 if mistake == "rope_forgot_position" else s["m"]
        sign = -1 if mistake == "rope_wrong_direction" else 1
        return rotate(q, sign * m * theta)[None, :]
    if mistake == "rope_forgot_position":
        return None
    k, m, n, shift = np.asarray(s["k"], float), s["m"], s["n"], s["shift"]
    sign = -1 if mistake == "rope_wrong_direction" else 1

    def score(a: int, b: int) -> float:
        if mistake == "rope_no_rotation":
            return float(q @ k)
        if mistake == "rope_relative_sign":
            return float(q @ rotate(k, (a - b) * theta))
        return float(rotate(q, sign * a * theta) @ rotate(k, sign * b * theta))

    return np.array([[score(m, n), score(m + shift, n + shift)]])


def _table(angles: set[float]) -> str:
    cells = []
    for a in sorted({x % 360 for x in angles}):
        r = math.radians(a)
        cells.append(f"cos {a:g}° = {_clean(math.cos(r))}, sin {a:g}° = {_clean(math.sin(r))}")
    return " · ".join(cells)


def _clean(x: float) -> str:
    return f"{0.0 if abs(x) < 1e-12 else x:.4f}".rstrip("0").rstrip(".")


def build_rope(src: Source, level: int) -> dict[str, Any]:
    theta = float(pick(src, (90.0,) if level == 1 else (30.0, 45.0, 60.0)))
    m = int(src.rng.integers(2 if level == 1 else 1, 5))
    q = [int(v) for v in src.rng.integers(-3, 4, size=2)]
    while q[0] == 0 or q[1] == 0:
        q = [int(v) for v in src.rng.integers(-3, 4, size=2)]
    s: dict[str, Any] = {"level": level, "q": q, "theta": theta, "m": m}
    params: dict[str, Any] = {"theta_degrees": theta, "m": m}
    given = {"q": np.array([q], float)}
    if level < 3:
        angles = {m * theta, theta, -m * theta}
        prompt = t("drills.rope_rotate.prompt", theta=f"{theta:g}", m=m)
        return fields(s, solve_rope, prompt, "float", ("q_m",), ("x0", "x1"), params, given, extra=_table(angles))
    k = [int(v) for v in src.rng.integers(-3, 4, size=2)]
    while k[0] == 0 or k[1] == 0:
        k = [int(v) for v in src.rng.integers(-3, 4, size=2)]
    n, shift = int(src.rng.integers(0, 4)), int(src.rng.integers(1, 4))
    s |= {"k": k, "n": n, "shift": shift}
    params |= {"n": n, "shift": shift}
    given["k"] = np.array([k], float)
    angles = {a * theta for a in (m, n, m + shift, n + shift, n - m, m - n, -m, -n, -m - shift, -n - shift)}
    prompt = t("drills.rope_rotate.prompt3", theta=f"{theta:g}", m=m, n=n, shift=shift)
    return fields(
        s, solve_rope, prompt, "float", ("q·k",), ("(m, n)", "(m+s, n+s)"), params, given, extra=_table(angles)
    )


def steps_rope(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    theta, m, q = s["theta"], s["m"], np.asarray(s["q"], float)
    a = m * theta
    out: list[tuple[str, str, Any]] = [
        (
            t("drills.rope_rotate.angle"),
            f"φ = m·θ = {m} × {theta:g}° = {a:g}°; (x0, x1) → (x0·cos φ − x1·sin φ, x0·sin φ + x1·cos φ)",
            rotate(q, a)[None, :],
        )
    ]
    if s["level"] == 3:
        k, n = np.asarray(s["k"], float), s["n"]
        rel = (n - m) * theta
        out.append(
            (
                t("drills.rope_rotate.relative"),
                f"R(mθ)q · R(nθ)k = q · R((n−m)θ)k, (n − m)·θ = {rel:g}°: {float(q @ rotate(k, rel)):.4f}",
                None,
            )
        )
    return out


# ---- alibi_bias -------------------------------------------------------------------------------


def slope(head: int, heads: int) -> float:
    """ALiBi's slope for head `head` (1-based) of `heads`: 2^(−8h/H)."""
    return float(2.0 ** (-8.0 * head / heads))


def solve_alibi(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    h, heads = s["head"], s["heads"]
    if s["level"] == 1:
        if mistake == "alibi_zero_based":
            return np.array([[slope(h - 1, heads)]])
        if mistake == "alibi_no_eight":
            return np.array([[2.0 ** (-h / heads)]])
        return np.array([[slope(h, heads)]]) if mistake is None else None
    if mistake not in (None, "alibi_sign", "alibi_no_slope", "alibi_zero_based"):
        return None
    n = s["n"]
    m = slope(h - 1 if mistake == "alibi_zero_based" else h, heads)
    m = 1.0 if mistake == "alibi_no_slope" else m
    i, j = np.indices((n, n))
    bias = (1 if mistake == "alibi_sign" else -1) * m * (i - j)
    out = bias + (np.asarray(s["scores"], float) if s["level"] == 3 else 0.0)
    return np.where(j <= i, out, -np.inf)


def build_alibi(src: Source, level: int) -> dict[str, Any]:
    if level == 1:
        heads = int(pick(src, (8, 16)))
        head = int(src.rng.integers(2, heads // 2 + 2))
    else:  # slopes 1/2 or 1/4 keep the bias exact in two decimals
        heads, head = (int(v) for v in pick(src, ((4, 1), (8, 1), (8, 2), (16, 2), (16, 4))))
    n = int(pick(src, (3, 4, 5))) if level == 2 else 3
    s: dict[str, Any] = {"level": level, "heads": heads, "head": head, "n": n}
    params = {"num_heads": heads, "head": head}
    if level == 1:
        prompt = t("drills.alibi_bias.prompt1", heads=heads, head=head)
        return fields(s, solve_alibi, prompt, "float", ("m",), ("slope",), params, decimals=4)
    given = {}
    if level == 3:
        s["scores"] = src.rng.integers(-2, 3, size=(3, 3)).astype(float).tolist()
        given["S"] = np.asarray(s["scores"], float)
    n = s["n"]
    scored = np.tril(np.ones((n, n), bool), -1) if level == 2 else np.tril(np.ones((n, n), bool))
    prompt = t(f"drills.alibi_bias.prompt{level}", heads=heads, head=head, n=n)
    rows = tuple(f"q{i}" for i in range(n))
    cols = tuple(f"k{j}" for j in range(n))
    return fields(s, solve_alibi, prompt, "float", rows, cols, params, given, scored=scored)


def steps_alibi(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    h, heads = s["head"], s["heads"]
    m = slope(h, heads)
    out: list[tuple[str, str, Any]] = [("slope", f"m_h = 2^(−8h/H) = 2^(−8·{h}/{heads}) = {m:g}", None)]
    if s["level"] >= 2:
        out.append(("bias", t("drills.alibi_bias.bias_text", m=f"{m:g}"), solve_alibi(s | {"level": 2}, None)))
    return out


# ---- sinusoidal_pe ----------------------------------------------------------------------------


def solve_pe(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    d, pos = s["d"], s["pos"]
    pairs = np.arange(d // 2)
    exponent = (pairs if mistake == "pe_i_over_d" else 2 * pairs) / d
    if mistake == "pe_positive_exponent":
        omega = 10000.0**exponent
    else:
        omega = 10000.0 ** (-exponent)
    if s["level"] == 1:
        if mistake == "pe_sin_cos_swapped":
            return None
        w = float(omega[s["pair"]])
        return np.array([[w, pos * w]])
    if mistake == "pe_positive_exponent":
        return None
    ang = pos * omega
    out = np.empty(d)
    first, second = (np.cos, np.sin) if mistake == "pe_sin_cos_swapped" else (np.sin, np.cos)
    out[0::2], out[1::2] = first(ang), second(ang)
    return out[None, :]


def build_pe(src: Source, level: int) -> dict[str, Any]:
    d = 4 if level < 3 else int(pick(src, (6, 8)))
    d = int(pick(src, (4, 8, 10, 16))) if level == 1 else d
    pos = int(src.rng.integers(1, 31))
    s: dict[str, Any] = {"level": level, "d": d, "pos": pos}
    params = {"d_model": d, "pos": pos, "base": 10000}
    if level == 1:
        s["pair"] = int(src.rng.integers(1, d // 2))
        params["pair"] = s["pair"]
        prompt = t("drills.sinusoidal_pe.prompt1", d=d, i=s["pair"], pos=pos)
        return fields(s, solve_pe, prompt, "float", (f"i = {s['pair']}",), ("ω_i", "pos·ω_i"), params, decimals=4)
    angles = sorted({round(pos * 10000.0 ** (-2 * i / d), 6) for i in range(d // 2)})
    angles += sorted({round(pos * 10000.0 ** (-i / d), 6) for i in range(d // 2)} - set(angles))
    table = " · ".join(f"sin {a:g} = {math.sin(a):.4f}, cos {a:g} = {math.cos(a):.4f}" for a in angles)
    prompt = t("drills.sinusoidal_pe.prompt", d=d, pos=pos)
    cols = tuple(f"PE{i}" for i in range(d))
    return fields(
        s, solve_pe, prompt, "float", (f"pos {pos}",), cols, params, extra=t("drills.sinusoidal_pe.table", table=table)
    )


def steps_pe(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    d, pos = s["d"], s["pos"]
    omegas = [10000.0 ** (-2 * i / d) for i in range(d // 2)]
    out: list[tuple[str, str, Any]] = [
        ("ω_i = 10000^(−2i/d)", ", ".join(f"ω{i} = {w:g}" for i, w in enumerate(omegas)), None)
    ]
    if s["level"] >= 2:
        out.append(("PE", t("drills.sinusoidal_pe.pairs", pos=pos), solve_pe(s, None)))
    return out


RECIPES = {
    "rope_rotate": formula_recipe(
        build_rope,
        solve_rope,
        steps_rope,
        ("rope_wrong_direction", "rope_forgot_position", "rope_no_rotation", "rope_relative_sign"),
    ),
    "alibi_bias": formula_recipe(
        build_alibi, solve_alibi, steps_alibi, ("alibi_sign", "alibi_no_slope", "alibi_zero_based", "alibi_no_eight")
    ),
    "sinusoidal_pe": formula_recipe(
        build_pe, solve_pe, steps_pe, ("pe_sin_cos_swapped", "pe_i_over_d", "pe_positive_exponent")
    ),
}
