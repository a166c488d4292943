"""Heads: tensor shapes through split/transpose, and which KV head serves a query head (GQA)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .attention_drills import int_option, labels
from .drill import Drill, Mistake, Recipe, Step
from .sampling import Source, SpecConflict

D_MODELS = (64, 128, 256, 512, 768, 1024)
HEADS = (2, 4, 8, 12, 16)
BATCHES = (1, 2, 4, 8, 16, 32)
SEQ_LENS = (8, 10, 16, 64, 128, 512)


def _head_setup(src: Source, level: int) -> dict[str, Any]:
    """Sizes for a shape drill; redrawn until batch, seq, heads and d_head all differ, so
    every mix-up (heads before seq, K with all heads, …) gives a visibly different answer."""
    for _ in range(100):
        s = _draw_head_setup(src, level)
        sizes = [s["batch"], s["seq_len"], s["num_heads"], s["d_model"] // s["num_heads"]]
        if level >= 3:
            sizes.append(s["num_kv_heads"])
        if len(set(sizes)) == len(sizes) or src.options:
            return s
    return s


def _draw_head_setup(src: Source, level: int) -> dict[str, Any]:
    d_model = int_option(src, "d_model", 1, 1 << 20, int(src.pick(D_MODELS)))
    # Level 3 is about GQA, which needs at least 4 heads to have a group of 2 or more.
    fitting = [h for h in HEADS if d_model % h == 0 and d_model // h > 1 and (level < 3 or h >= 4)] or [1]
    h = int_option(src, "num_heads", 1, 4096, int(src.pick(fitting)))
    if d_model % h:
        raise SpecConflict(f"d_model {d_model} is not divisible by num_heads {h}", "num_heads")
    kv_choices = [g for g in range(1, h) if h % g == 0 and g > 1] or [h]
    h_kv = int_option(src, "num_kv_heads", 1, h, int(src.pick(kv_choices)))
    if h % h_kv:
        raise SpecConflict(f"num_heads {h} is not a multiple of num_kv_heads {h_kv}", "num_kv_heads")
    return {
        "batch": int_option(src, "batch", 1, 1 << 20, int(src.pick(BATCHES))),
        "seq_len": int_option(src, "seq_len", 1, 1 << 20, int(src.pick(SEQ_LENS))),
        "d_model": d_model,
        "num_heads": h,
        "num_kv_heads": h_kv if level >= 3 else h,
        "level": level,
    }


def _shapes(
    s: dict[str, Any], split: Any = lambda b, h, n, d: (b, h, n, d), d_head: Any = None, kv_heads: Any = None
) -> np.ndarray:
    b, n, h = s["batch"], s["seq_len"], s["num_heads"]
    d = s["d_model"] // h if d_head is None else d_head
    kv = s["num_kv_heads"] if kv_heads is None else kv_heads
    if s["level"] == 1:
        return np.array([[d]], float)
    rows = [split(b, h, n, d)]
    if s["level"] >= 3:
        rows += [split(b, kv, n, d), (b, h, n, n)]
    return np.array(rows, float)


def build_multihead_shapes(src: Source, level: int) -> dict[str, Any]:
    s = _head_setup(src, level)
    b, n, d_model, h, kv = s["batch"], s["seq_len"], s["d_model"], s["num_heads"], s["num_kv_heads"]
    if level == 1:
        text = f"d_model = {d_model}，num_heads = {h}。每个头的维度 d_head 是多少？"
        rows: tuple[str, ...] = ("d_head",)
        cols: tuple[str, ...] | None = None
    elif level == 2:
        text = (
            f"输入 X 形状 (B, L, d_model) = ({b}, {n}, {d_model})，num_heads = {h}。"
            "Q = X·W_Q 拆成多头 split heads 并 transpose 后（PyTorch 布局 (batch, heads, seq, d_head)）"
            "的形状？填 4 个整数"
        )
        rows, cols = ("Q",), labels("dim", 4)
    else:
        text = (
            f"GQA：X 形状 ({b}, {n}, {d_model})，num_heads = {h}，num_kv_heads = {kv}。按 PyTorch 布局 "
            "(batch, heads, seq, d_head) 写出：① 拆头后的 Q ② 拆头后的 K（repeat 之前）③ 注意力权重 A。每行 4 个整数"
        )
        rows, cols = ("Q", "K", "A"), labels("dim", 4)
    expected = _shapes(s)
    return {
        "prompt": text,
        "given": {},
        "expected": expected,
        "answer_kind": "int",
        "row_labels": rows,
        "col_labels": cols,
        "setup": s,
    }


def shape_mistakes(drill: Drill) -> list[Mistake]:
    s = drill.setup
    out = [
        Mistake(
            "no_head_split",
            "d_head 要除以头数：d_head = d_model / num_heads (forgot to divide d_model among the heads)",
            _shapes(s, d_head=s["d_model"]),
        )
    ]
    if s["level"] == 1:
        out.append(
            Mistake(
                "head_times",
                "是除以头数，不是乘 (divide by num_heads, do not multiply)",
                np.array([[s["d_model"] * s["num_heads"]]], float),
            )
        )
        return out
    out.append(
        Mistake(
            "heads_before_seq",
            "忘了 transpose(1, 2)：view 之后是 (B, L, h, d_head)，转置后头维在序列维前 "
            "(forgot transpose: heads come before seq)",
            _shapes(s, split=lambda b, h, n, d: (b, n, h, d)),
        )
    )
    if s["level"] >= 3:
        out.append(
            Mistake(
                "gqa_kv_heads",
                "GQA 里 K/V 只有 num_kv_heads 个头，repeat 之后才是 num_heads "
                "(K/V have num_kv_heads heads before repeat)",
                _shapes(s, kv_heads=s["num_heads"]),
            )
        )
        wrong = _shapes(s)
        wrong[2, 3] = s["d_model"] // s["num_heads"]
        out.append(
            Mistake(
                "weights_d_head",
                "注意力权重是 query×key，最后两维是 (L, L)，与 d_head 无关 (weights are L×L: queries by keys)",
                wrong,
            )
        )
    return out


def shape_steps(drill: Drill) -> list[Step]:
    s = drill.setup
    b, n, d_model, h, kv = s["batch"], s["seq_len"], s["d_model"], s["num_heads"], s["num_kv_heads"]
    d = d_model // h
    steps = [Step("每头维度 d_head", f"d_head = d_model / num_heads = {d_model} / {h} = {d}")]
    if s["level"] >= 2:
        steps += [
            Step("投影 Project", f"Q = X·W_Q：({b}, {n}, {d_model})"),
            Step("拆头 view", f".view(B, L, h, d_head) → ({b}, {n}, {h}, {d})"),
            Step("转置 transpose(1, 2)", f"→ ({b}, {h}, {n}, {d})：每个头各自做注意力 (each head attends separately)"),
        ]
    if s["level"] >= 3:
        steps += [
            Step(
                "K/V 头数 (GQA)",
                f"W_K 输出 num_kv_heads·d_head = {kv}·{d} = {kv * d} 列 → "
                f"K 为 ({b}, {kv}, {n}, {d})；"
                f"每个 KV 头服务 {h // kv} 个 query 头，repeat_interleave 后才是 {h} 个",
            ),
            Step("权重 Weights", f"A = softmax(Q·Kᵀ/√d_head)：({b}, {h}, {n}, {n})，最后两维是 query×key"),
        ]
    steps.append(Step("答案 Answer", "如上 (as above)", drill.expected))
    return steps


# ---- GQA mapping ----------------------------------------------------------------------------

# Level -> (num_heads, num_kv_heads) choices; level 2 asks four heads, level 3 every head.
GQA_LEVELS = {
    1: ((4, 2), (8, 2), (8, 4), (6, 2), (6, 3)),
    2: ((8, 2), (8, 4), (6, 2), (6, 3), (12, 4), (12, 3)),
    3: ((12, 3), (12, 4), (16, 4), (16, 8), (12, 6), (16, 2), (12, 2)),
}


def build_gqa_mapping(src: Source, level: int) -> dict[str, Any]:
    h, kv = (int(n) for n in src.pick(GQA_LEVELS[level]))
    h = int_option(src, "num_heads", 1, 256, h)
    kv = int_option(src, "num_kv_heads", 1, h, kv if kv <= h else 1)
    if h % kv:
        raise SpecConflict(f"num_heads {h} is not a multiple of num_kv_heads {kv}", "num_kv_heads")
    group = h // kv
    if level == 1 or "head" in src.options:
        # Ask about a head past the first group, so "0" is not a free answer.
        head = int_option(src, "head", 0, h - 1, int(src.rng.integers(min(group, h - 1), h)))
        heads = [head]
        text = f"GQA：num_heads = {h}，num_kv_heads = {kv}。query 头 h{head} 用哪个 KV 头？（编号从 0 开始）"
    elif level == 2 and h > 4:
        heads = sorted(int(x) for x in src.rng.choice(h, size=4, replace=False))
        asked = "、".join(f"h{x}" for x in heads)
        text = f"GQA：num_heads = {h}，num_kv_heads = {kv}。query 头 {asked} 各用哪个 KV 头？（编号从 0 开始）"
    else:
        heads = list(range(h))
        text = (
            f"GQA：num_heads = {h}，num_kv_heads = {kv}。依次写出每个 query 头 h0…h{h - 1} 用的 KV 头编号（从 0 开始）"
        )
    setup = {"num_heads": h, "num_kv_heads": kv, "heads": heads}
    expected = np.array([[hd // group for hd in heads]], float)
    return {
        "prompt": text + f"（答案 1×{len(heads)}）",
        "given": {},
        "expected": expected,
        "answer_kind": "index",
        "row_labels": ("KV 头",),
        "col_labels": tuple(f"h{hd}" for hd in heads),
        "setup": setup,
    }


def gqa_mistakes(drill: Drill) -> list[Mistake]:
    h, kv, heads = drill.setup["num_heads"], drill.setup["num_kv_heads"], drill.setup["heads"]
    g = h // kv
    return [
        Mistake(
            "gqa_modulo",
            f"用了 h mod {kv}（交错 interleaved）：相邻的 {g} 个 query 头共享一个 KV 头，是 h // {g} "
            "(consecutive query heads share a KV head, as repeat_interleave)",
            np.array([[hd % kv for hd in heads]], float),
        ),
        Mistake(
            "gqa_wrong_divisor",
            f"除错了数：组大小是 num_heads / num_kv_heads = {h // kv}，应为 h // {h // kv} "
            f"(divide by the group size {g}, not by num_kv_heads)",
            np.array([[hd // kv for hd in heads]], float),
        ),
        Mistake("one_based", "编号从 1 数了：第一个 KV 头是 0 (counted from 1; heads are 0-based)", drill.expected + 1),
    ]


def gqa_steps(drill: Drill) -> list[Step]:
    h, kv = drill.setup["num_heads"], drill.setup["num_kv_heads"]
    g = h // kv
    groups = "；".join(f"KV{j} ← h{j * g}…h{j * g + g - 1}" for j in range(kv))
    return [
        Step("组大小 Group size", f"g = num_heads / num_kv_heads = {h} / {kv} = {g}"),
        Step("映射 Mapping", f"kv(h) = h // g（PyTorch repeat_interleave / SDPA enable_gqa）：{groups}"),
        Step("答案 Answer", "如上 (as above)", drill.expected),
    ]


RECIPES = {
    "multihead_shapes": Recipe(
        build_multihead_shapes,
        shape_mistakes,
        shape_steps,
        (),
        ("batch", "seq_len", "d_model", "num_heads", "num_kv_heads"),
    ),
    "gqa_mapping": Recipe(build_gqa_mapping, gqa_mistakes, gqa_steps, (), ("num_heads", "num_kv_heads", "head")),
}

__all__ = ["RECIPES"]
