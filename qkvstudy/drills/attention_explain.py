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
        Mistake(
            "one_based", "编号从 1 数了：第一个 key 是 k0 = 0 (counted from 1; indices are 0-based)", drill.expected + 1
        ),
        Mistake(
            "argmin",
            "选成了分数最小的 key (picked the smallest score, not the largest)",
            np.array([[np.argmin(np.where(np.isfinite(masked[r]), masked[r], np.inf))] for r in rows], float),
        ),
    ]
    if masked.shape[0] == masked.shape[1]:
        out.append(
            Mistake(
                "argmax_axis",
                "按列找了最大：应在 token 自己那一行里比较各个 key "
                "(took the max down a column, over queries, instead of along the row)",
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
            "用了 Aᵀ·V：输出第 i 行应按 A 的第 i 行加权 V 的各行 "
            "(used Aᵀ·V; row i of O mixes V's rows with row i of A)",
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
        tag = f"（T = {temp:g}）" if len(temps) > 1 else ""
        steps += _stages_steps(drill, st, temp, tag)
    steps.append(Step("答案 Answer", _answer_note(drill), drill.expected))
    return steps


def _stages_steps(drill: Drill, st: pipeline.Stages, t: float, tag: str) -> list[Step]:
    setup, target = drill.setup, drill.setup["target"]
    steps = []
    if setup.get("cache_len") is not None:
        steps.append(
            Step(
                "追加缓存 Append to the KV cache",
                f"K = [K_cache; k_t]、V = [V_cache; v_t]：共 {setup['k'].shape[0]} 个 token。"
                "新 token 可以看自己和所有旧 token，不需要掩码 (no mask needed)",
                setup["k"],
            )
        )
    if setup.get("scores") is None:
        title = "分数 Scores = q_t·Kᵀ" if setup.get("cache_len") is not None else "分数 Scores = Q·Kᵀ"
        steps.append(
            Step(
                title,
                "每个 query 行与每个 key 行做点积 (dot product)：" + dot_text(setup["q"][0], setup["k"][0], "s[0,0]"),
                st.scores,
            )
        )
    elif not steps:
        steps.append(Step("已知分数 Given scores" + tag, "S 直接给出 (given)", st.scores))
    if target == "scores":
        return steps
    if setup.get("scale", 1.0) != 1.0 or t != 1.0:
        how = []
        if setup.get("scale", 1.0) != 1.0:
            how.append(f"÷ √d_k = ÷ {1 / setup['scale']:g}")
        if t != 1.0:
            how.append(f"÷ T = ÷ {t:g}" + ("（T < 1 使分布更尖 sharper）" if t < 1 else "（T > 1 使分布更平 flatter）"))
        steps.append(Step("缩放 Scale" + tag, "，".join(how), st.scaled))
    if target == "scaled":
        return steps
    if st.allowed is not None:
        rule = "token i 只能看 j ≤ i (causal)" if setup.get("causal") else "mask 为 0 的 key 不能看 (padding)"
        steps.append(Step("掩码 Mask" + tag, f"{rule}：这些位置填 −∞，softmax 后权重为 0", st.masked))
    if target == "masked":
        return steps
    row = setup.get("row") or 0
    rows = [setup["row"]] if setup.get("row") is not None else list(range(st.masked.shape[0]))
    if target == "argmax":
        steps.append(
            Step("比较 Compare", "softmax 单调 (monotonic)：权重最大的 key 就是分数最大的 key，不必算 softmax", None)
        )
        return steps
    steps.append(Step("Softmax（按行 row-wise）" + tag, _softmax_text(st.masked, rows), st.weights, heat=True))
    if target == "output":
        o = st.output
        steps.append(
            Step(
                "输出 Output = A·V",
                f"o[{row}] = Σ_j A[{row},j]·v_j："
                + dot_text(np.round(st.weights[row], 4), setup["v"][:, 0], f"o[{row},0]", 4),
                o,
            )
        )
    return steps


def _answer_note(drill: Drill) -> str:
    setup = drill.setup
    if setup["target"] == "argmax":
        return "每行取分数最大的 key 的编号（从 0 数）(index of the largest score, 0-based)"
    if setup.get("row") is not None:
        return f"取第 {setup['row']} 行 (row {setup['row']})"
    return "如上 (as above)"


def output_steps(drill: Drill) -> list[Step]:
    if "weights" not in drill.setup:
        return attention_steps(drill)
    a, v = drill.setup["weights"], drill.setup["v"]
    return [
        Step("权重 Weights A", "每行和为 1 (each row sums to 1)", a, heat=True),
        Step(
            "输出 Output = A·V",
            "O 的第 i 行 = A 第 i 行对 V 各行的加权和 (weighted sum of V's rows)：" + dot_text(a[0], v[:, 0], "o[0,0]"),
            a @ v,
        ),
        Step("答案 Answer", "如上 (as above)", drill.expected),
    ]
