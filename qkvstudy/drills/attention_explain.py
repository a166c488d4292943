"""The attention family's named mistakes and worked solutions, replayed from a drill's setup by the
same pipeline that computed its answer (so marking, diagnosis and explanation always agree)."""

from __future__ import annotations

import math

import numpy as np

from qkvstudy.i18n import t

from . import pipeline
from .display import dot_text
from .drill import Drill, Mistake, Step
from .prompts import exponent_text

# ---- mistakes -------------------------------------------------------------------------------

SCALE = ("no_scale", "scale_by_dk", "scale_multiplied")
MISTAKE_CODES = {
    "scores": ("k_not_transposed", "transposed"),
    "scaled_scores": SCALE + ("k_not_transposed", "transposed"),
    "weights_row": SCALE + ("softmax_axis", "transposed", "row_one_based"),
    "weights": SCALE + ("softmax_axis", "transposed", "k_not_transposed"),
    "temperature": ("no_temperature", "temperature_multiplied", "softmax_axis"),
    "output": SCALE + ("softmax_axis", "transposed"),
    "causal_mask": ("no_mask", "mask_zero", "causal_upper", "mask_flipped", "mask_after_softmax")
    + SCALE
    + ("softmax_axis", "transposed"),
    "padding_mask": ("no_mask", "mask_zero", "mask_flipped", "mask_after_softmax")
    + SCALE
    + ("softmax_axis", "transposed", "k_not_transposed"),
    "kv_cache_step": ("cache_missing_new", "only_new_token") + SCALE,
}


def pipeline_mistakes(drill: Drill) -> list[Mistake]:
    codes = MISTAKE_CODES[drill.type_id]
    return [
        Mistake(code, pipeline.message(code), wrong) for code, wrong in pipeline.mistaken_answers(drill.setup, codes)
    ]


def argmax_mistakes(drill: Drill) -> list[Mistake]:
    setup = drill.setup
    masked = pipeline.run(setup).masked
    rows = range(masked.shape[0]) if setup.get("row") is None else [setup["row"]]
    out = [
        Mistake("one_based", t("drills.mistake.one_based"), drill.expected + 1),
        Mistake(
            "argmin",
            t("drills.mistake.argmin"),
            np.array([[np.argmin(np.where(np.isfinite(masked[r]), masked[r], np.inf))] for r in rows], float),
        ),
    ]
    if masked.shape[0] == masked.shape[1]:
        out.append(
            Mistake(
                "argmax_axis",
                t("drills.mistake.argmax_axis"),
                np.array([[np.argmax(masked[:, r])] for r in rows], float),
            )
        )
    return out


def output_mistakes(drill: Drill) -> list[Mistake]:
    if "weights" not in drill.setup:
        return pipeline_mistakes(drill)
    a, v = drill.setup["weights"], drill.setup["v"]
    if a.shape[0] != a.shape[1]:
        return []
    return [
        Mistake(
            "weights_transposed",
            t("drills.mistake.weights_transposed"),
            a.T @ v,
        )
    ]


# ---- worked solutions -----------------------------------------------------------------------


def _four(x: float) -> str:
    return "0" if abs(x) < 5e-5 else f"{x:.4f}".rstrip("0").rstrip(".")


def softmax_row_text(row: np.ndarray, r: int) -> str:
    """One row worked as on paper: subtract the row max, exponentiate (4 decimals), add the
    printed terms, divide. The sum is the sum of the printed terms, so the lines agree."""
    keep = np.isfinite(row)
    if keep.sum() <= 1:
        return t("drills.solution.row_single", row=r)
    top = float(row[keep].max())
    shifted = np.where(keep, row - top, -np.inf)
    exps = [round(math.exp(x), 4) if k else 0.0 for x, k in zip(shifted, keep)]
    total = round(sum(exps), 4)
    return t(
        "drills.solution.row_softmax",
        row=r,
        top=exponent_text(top),
        shifted=", ".join(exponent_text(x) if k else "−∞" for x, k in zip(shifted, keep)),
        exps=", ".join(_four(e) for e in exps),
        total=_four(total),
        weights=", ".join(_four(e / total) for e in exps),
    )


def _softmax_text(masked: np.ndarray, rows: list[int]) -> str:
    lines = [softmax_row_text(masked[r], r) for r in rows]
    return "\n".join(lines + [t("drills.solution.round_once", decimals=2)])


def attention_steps(drill: Drill) -> list[Step]:
    setup = drill.setup
    temps = setup.get("temperatures", (1.0,))
    steps: list[Step] = []
    for temp in temps:
        st = pipeline.run(setup, temperature=temp)
        tag = t("drills.explain.at_temperature", temp=f"{temp:g}") if len(temps) > 1 else ""
        steps += _stages_steps(drill, st, temp, tag)
    steps.append(Step(t("drills.explain.answer"), _answer_note(drill), drill.expected))
    return steps


def _stages_steps(drill: Drill, st: pipeline.Stages, temp: float, tag: str) -> list[Step]:
    setup, target = drill.setup, drill.setup["target"]
    steps = []
    if setup.get("cache_len") is not None:
        steps.append(
            Step(
                t("drills.explain.append"),
                t("drills.explain.append_text", n=setup["k"].shape[0]),
                setup["k"],
            )
        )
    if setup.get("scores") is None:
        title = t("drills.explain.scores", product="q_t·Kᵀ" if setup.get("cache_len") is not None else "Q·Kᵀ")
        steps.append(
            Step(
                title,
                t("drills.explain.dot") + dot_text(setup["q"][0], setup["k"][0], "s[0,0]"),
                st.scores,
            )
        )
    elif not steps:
        steps.append(Step(t("drills.explain.given_scores") + tag, t("drills.explain.given"), st.scores))
    if target == "scores":
        return steps
    if setup.get("scale", 1.0) != 1.0 or temp != 1.0:
        how = []
        if setup.get("scale", 1.0) != 1.0:
            how.append(f"÷ √d_k = ÷ {1 / setup['scale']:g}")
        if temp != 1.0:
            how.append(f"÷ T = ÷ {temp:g}" + t("drills.explain.sharper" if temp < 1 else "drills.explain.flatter"))
        steps.append(Step(t("drills.explain.scale") + tag, t("drills.explain.sep").join(how), st.scaled))
    if target == "scaled":
        return steps
    if st.allowed is not None:
        rule = t("drills.explain.causal" if setup.get("causal") else "drills.explain.padding")
        steps.append(Step(t("drills.explain.mask") + tag, t("drills.explain.mask_text", rule=rule), st.masked))
    if target == "masked":
        return steps
    row = setup.get("row") or 0
    rows = [setup["row"]] if setup.get("row") is not None else list(range(st.masked.shape[0]))
    if target == "argmax":
        steps.append(Step(t("drills.explain.compare"), t("drills.explain.monotonic"), None))
        return steps
    steps.append(Step(t("drills.explain.softmax") + tag, _softmax_text(st.masked, rows), st.weights, heat=True))
    if target == "output":
        o = st.output
        steps.append(
            Step(
                t("drills.explain.output"),
                f"o[{row}] = Σ_j A[{row},j]·v_j："
                + dot_text(np.round(st.weights[row], 4), setup["v"][:, 0], f"o[{row},0]", 4),
                o,
            )
        )
    return steps


def _answer_note(drill: Drill) -> str:
    setup = drill.setup
    if setup["target"] == "argmax":
        return t("drills.explain.argmax_answer")
    if setup.get("row") is not None:
        return t("drills.explain.take_row", row=setup["row"])
    return t("drills.explain.as_above")


def output_steps(drill: Drill) -> list[Step]:
    if "weights" not in drill.setup:
        return attention_steps(drill)
    a, v = drill.setup["weights"], drill.setup["v"]
    return [
        Step(t("drills.explain.weights"), t("drills.explain.rows_sum"), a, heat=True),
        Step(
            t("drills.explain.output"),
            t("drills.explain.weighted_sum") + dot_text(a[0], v[:, 0], "o[0,0]"),
            a @ v,
        ),
        Step(t("drills.explain.answer"), t("drills.explain.as_above"), drill.expected),
    ]
