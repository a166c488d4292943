"""Normalising by hand: LayerNorm, RMSNorm, and the numerically stable softmax / logsumexp.

Vectors are drawn so the statistics come out whole (a variance of 1, 4, 9 or 16), and large
logits differ by whole numbers, so a table of e^-k is all the learner needs.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from qkvstudy.i18n import t

from .formula import fields, formula_recipe, pick
from .prompts import exp_table
from .sampling import Source

# Offsets from the mean with a whole standard deviation (population variance 1, 4, 9 or 16).
CENTRED = [
    d
    for d in itertools.product(range(-4, 5), repeat=4)
    if sum(d) == 0 and sum(x * x for x in d) in (4, 16, 36, 64) and len(set(d)) > 1
]
# Vectors with a whole RMS and a non-zero mean (so RMSNorm and LayerNorm differ).
ROOTED = [
    x
    for x in itertools.product(range(-4, 5), repeat=4)
    if sum(v * v for v in x) in (4, 16, 36, 64) and sum(x) != 0 and len(set(x)) > 1
]


def _vec(m: Any) -> np.ndarray:
    return np.asarray(m, dtype=np.float64)


# ---- layer_norm -------------------------------------------------------------------------------


def solve_ln(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    x, level = _vec(s["x"]), s["level"]
    mu = x.mean() if mistake != "ln_no_center" else 0.0
    n = x.size - (1 if mistake == "ln_bessel" else 0)
    var = float(((x - x.mean()) ** 2).sum() / n) if mistake != "ln_no_center" else float((x**2).mean())
    sigma = var if mistake == "ln_no_sqrt" else math.sqrt(var)
    if level == 1:
        if mistake == "ln_no_center" or mistake == "ln_beta_first":
            return None
        return np.array([[x.mean(), sigma]])
    if mistake == "ln_beta_first" and level < 3:
        return None
    xhat = (x - mu) / sigma
    if level == 2:
        return xhat[None, :]
    g, b = _vec(s["gamma"]), _vec(s["beta"])
    return np.asarray(g * (xhat + b) if mistake == "ln_beta_first" else g * xhat + b)[None, :]


def build_ln(src: Source, level: int) -> dict[str, Any]:
    mu = int(src.rng.integers(-3, 4))
    x = [mu + d for d in pick(src, CENTRED)]
    s: dict[str, Any] = {"level": level, "x": x}
    given = {"x": _vec([x])}
    if level == 3:
        s["gamma"] = [int(pick(src, (1, 2, 3, -1))) for _ in x]
        s["beta"] = [int(src.rng.integers(-2, 3)) for _ in x]
        given |= {"gamma": _vec([s["gamma"]]), "beta": _vec([s["beta"]])}
    cols = ("μ", "σ") if level == 1 else tuple(f"y{i}" for i in range(4))
    return fields(s, solve_ln, t(f"drills.layer_norm.prompt{level}"), "float", ("LN",), cols, {"eps": 0}, given)


def steps_ln(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    x = _vec(s["x"])
    mu, var = x.mean(), ((x - x.mean()) ** 2).mean()
    sq = " + ".join(f"{v:g}²" for v in x - mu)
    out: list[tuple[str, str, Any]] = [
        ("μ", f"μ = ({' + '.join(f'{v:g}' for v in x)}) / 4 = {mu:g}", None),
        ("σ", f"σ² = ({sq}) / 4 = {var:g} (÷n, not n−1); σ = √{var:g} = {math.sqrt(var):g}", None),
    ]
    if s["level"] >= 2:
        out.append(("x̂ = (x − μ) / σ", t("drills.layer_norm.normalise"), ((x - mu) / math.sqrt(var))[None, :]))
    if s["level"] == 3:
        out.append(("y = γ ⊙ x̂ + β", t("drills.layer_norm.affine"), solve_ln(s, None)))
    return out


# ---- rms_norm ---------------------------------------------------------------------------------


def solve_rms(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    x, level = _vec(s["x"]), s["level"]
    if mistake == "rms_gain_missing" and level < 3:
        return None
    centred = x - x.mean() if mistake == "rms_sub_mean" else x
    ms = float((centred**2).sum() / (1 if mistake == "rms_sum_not_mean" else x.size))
    rms = ms if mistake == "rms_no_sqrt" else math.sqrt(ms)
    if level == 1:
        return np.array([[rms]])
    y = centred / rms
    if level == 3 and mistake != "rms_gain_missing":
        y = y * _vec(s["gain"])
    return y[None, :]


def build_rms(src: Source, level: int) -> dict[str, Any]:
    x = list(pick(src, ROOTED))
    s: dict[str, Any] = {"level": level, "x": x}
    given = {"x": _vec([x])}
    if level == 3:
        s["gain"] = [int(pick(src, (2, 3, -1, 4))) for _ in x]
        given["g"] = _vec([s["gain"]])
    cols = ("RMS",) if level == 1 else tuple(f"y{i}" for i in range(4))
    return fields(s, solve_rms, t(f"drills.rms_norm.prompt{level}"), "float", ("RMSNorm",), cols, {"eps": 0}, given)


def steps_rms(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    x = _vec(s["x"])
    ms = (x**2).mean()
    out: list[tuple[str, str, Any]] = [
        (
            "RMS",
            f"mean(x²) = ({' + '.join(f'{v:g}²' for v in x)}) / 4 = {ms:g}; RMS = √{ms:g} = {math.sqrt(ms):g}",
            None,
        )
    ]
    if s["level"] >= 2:
        out.append(("x / RMS", t("drills.rms_norm.no_mean"), (x / math.sqrt(ms))[None, :]))
    return out


# ---- stable_softmax ---------------------------------------------------------------------------


def _lse(x: np.ndarray) -> float:
    m = float(x.max())
    return m + math.log(float(np.exp(x - m).sum()))


def solve_stable(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    x, level = _vec(s["x"]), s["level"]
    m = float(x.max())
    lse = _lse(x)
    if level == 1:
        return (
            np.array([[{"lse_max_only": m, "lse_forgot_max": lse - m}.get(mistake or "", lse)]])
            if mistake
            in (
                None,
                "lse_max_only",
                "lse_forgot_max",
            )
            else None
        )
    if level == 2:
        if mistake == "softmax_onehot":
            return np.asarray(x == m, dtype=np.float64)[None, :]
        if mistake == "softmax_linear":
            return np.asarray((x - x.min()) / (x - x.min()).sum())[None, :]
        if mistake is None:
            return np.exp(x - lse)[None, :]
        return None
    if mistake == "lse_forgot_max":
        return (x - (lse - m))[None, :]
    if mistake == "logsoftmax_no_log":
        return np.exp(x - lse)[None, :]
    if mistake == "logsoftmax_sign":
        return (lse - x)[None, :]
    return (x - lse)[None, :] if mistake is None else None


def build_stable(src: Source, level: int) -> dict[str, Any]:
    base = int(pick(src, (100, 500, 1000, 2000)))
    n = 2 if level == 1 else 3
    while True:
        gaps = sorted(int(g) for g in src.rng.integers(0, 4, size=n - 1))
        if len(set(gaps + [0])) > 1:
            break
    x = [base + g for g in [0] + gaps]
    s: dict[str, Any] = {"level": level, "x": x}
    top = max(x)
    table = exp_table(sorted({float(v - top) for v in x if v != top}, reverse=True))
    ln_values = sorted({round(float(np.exp(_vec(x) - top).sum()), 4)})
    ln_text = " · ".join(f"ln({v:.4f}) = {math.log(v):.4f}" for v in ln_values)
    cols = ("LSE",) if level == 1 else tuple(f"x{i}" for i in range(n))
    return fields(
        s,
        solve_stable,
        t(f"drills.stable_softmax.prompt{level}"),
        "float",
        ("",),
        cols,
        {},
        {"x": _vec([x])},
        extra=f"{table}\n{ln_text}",
    )


def steps_stable(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    x = _vec(s["x"])
    m = float(x.max())
    e = np.exp(x - m)
    total = float(e.sum())
    out: list[tuple[str, str, Any]] = [
        (t("drills.stable_softmax.shift"), f"m = {m:g}; x − m = {', '.join(f'{v:g}' for v in x - m)}", None),
        ("Σ e^(x−m)", " + ".join(f"{v:.4f}" for v in e) + f" = {total:.4f}", None),
        ("logsumexp", f"LSE = m + ln Σ = {m:g} + {math.log(total):.4f} = {m + math.log(total):.4f}", None),
    ]
    if s["level"] == 2:
        out.append(("softmax", "e^(x − LSE) = e^(x−m) / Σ", (e / total)[None, :]))
    if s["level"] == 3:
        out.append(("log-softmax", "x − LSE", (x - m - math.log(total))[None, :]))
    return out


RECIPES = {
    "layer_norm": formula_recipe(
        build_ln, solve_ln, steps_ln, ("ln_bessel", "ln_no_sqrt", "ln_no_center", "ln_beta_first")
    ),
    "rms_norm": formula_recipe(
        build_rms, solve_rms, steps_rms, ("rms_sub_mean", "rms_no_sqrt", "rms_sum_not_mean", "rms_gain_missing")
    ),
    "stable_softmax": formula_recipe(
        build_stable,
        solve_stable,
        steps_stable,
        ("lse_max_only", "lse_forgot_max", "softmax_onehot", "softmax_linear", "logsoftmax_no_log", "logsoftmax_sign"),
    ),
}
