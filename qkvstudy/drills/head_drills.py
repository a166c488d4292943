"""Heads: tensor shapes through split/transpose, and which KV head serves a query head (GQA)."""

from __future__ import annotations

from typing import Any

import numpy as np

from qkvstudy import i18n

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
        raise SpecConflict(i18n.t("drills.spec.not_divisible", d_model=d_model, h=h), "num_heads")
    kv_choices = [g for g in range(1, h) if h % g == 0 and g > 1] or [h]
    h_kv = int_option(src, "num_kv_heads", 1, h, int(src.pick(kv_choices)))
    if h % h_kv:
        raise SpecConflict(i18n.t("drills.spec.not_multiple", h=h, kv=h_kv), "num_kv_heads")
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
        text = i18n.t("drills.prompt.d_head", d_model=d_model, h=h)
        rows: tuple[str, ...] = ("d_head",)
        cols: tuple[str, ...] | None = None
    elif level == 2:
        text = i18n.t("drills.prompt.split_shape", b=b, n=n, d_model=d_model, h=h)
        rows, cols = ("Q",), labels("dim", 4)
    else:
        text = i18n.t("drills.prompt.gqa_shapes", b=b, n=n, d_model=d_model, h=h, kv=kv)
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
            i18n.t("drills.mistake.no_head_split"),
            _shapes(s, d_head=s["d_model"]),
        )
    ]
    if s["level"] == 1:
        out.append(
            Mistake(
                "head_times",
                i18n.t("drills.mistake.head_times"),
                np.array([[s["d_model"] * s["num_heads"]]], float),
            )
        )
        return out
    out.append(
        Mistake(
            "heads_before_seq",
            i18n.t("drills.mistake.heads_before_seq"),
            _shapes(s, split=lambda b, h, n, d: (b, n, h, d)),
        )
    )
    if s["level"] >= 3:
        out.append(
            Mistake(
                "gqa_kv_heads",
                i18n.t("drills.mistake.gqa_kv_heads"),
                _shapes(s, kv_heads=s["num_heads"]),
            )
        )
        wrong = _shapes(s)
        wrong[2, 3] = s["d_model"] // s["num_heads"]
        out.append(
            Mistake(
                "weights_d_head",
                i18n.t("drills.mistake.weights_d_head"),
                wrong,
            )
        )
    return out


def shape_steps(drill: Drill) -> list[Step]:
    s = drill.setup
    b, n, d_model, h, kv = s["batch"], s["seq_len"], s["d_model"], s["num_heads"], s["num_kv_heads"]
    d = d_model // h
    steps = [Step(i18n.t("drills.explain.d_head"), f"d_head = d_model / num_heads = {d_model} / {h} = {d}")]
    if s["level"] >= 2:
        steps += [
            Step(i18n.t("drills.explain.project"), f"Q = X·W_Q: ({b}, {n}, {d_model})"),
            Step(i18n.t("drills.explain.view"), f".view(B, L, h, d_head) → ({b}, {n}, {h}, {d})"),
            Step(
                i18n.t("drills.explain.transpose"), i18n.t("drills.explain.transposed", shape=f"({b}, {h}, {n}, {d})")
            ),
        ]
    if s["level"] >= 3:
        steps += [
            Step(
                i18n.t("drills.explain.kv_heads"),
                i18n.t(
                    "drills.explain.kv_heads_text",
                    kv=kv,
                    d=d,
                    cols=kv * d,
                    shape=f"({b}, {kv}, {n}, {d})",
                    g=h // kv,
                    h=h,
                ),
            ),
            Step(
                i18n.t("drills.explain.weights_title"),
                i18n.t("drills.explain.weights_shape", shape=f"({b}, {h}, {n}, {n})"),
            ),
        ]
    steps.append(Step(i18n.t("drills.explain.answer"), i18n.t("drills.explain.as_above"), drill.expected))
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
        raise SpecConflict(i18n.t("drills.spec.not_multiple", h=h, kv=kv), "num_kv_heads")
    group = h // kv
    if level == 1 or "head" in src.options:
        # Ask about a head past the first group, so "0" is not a free answer.
        head = int_option(src, "head", 0, h - 1, int(src.rng.integers(min(group, h - 1), h)))
        heads = [head]
        text = i18n.t("drills.prompt.gqa_one", h=h, kv=kv, head=head)
    elif level == 2 and h > 4:
        heads = sorted(int(x) for x in src.rng.choice(h, size=4, replace=False))
        asked = i18n.t("drills.prompt.list_sep").join(f"h{x}" for x in heads)
        text = i18n.t("drills.prompt.gqa_some", h=h, kv=kv, asked=asked)
    else:
        heads = list(range(h))
        text = i18n.t("drills.prompt.gqa_all", h=h, kv=kv, last=h - 1)
    setup = {"num_heads": h, "num_kv_heads": kv, "heads": heads}
    expected = np.array([[hd // group for hd in heads]], float)
    return {
        "prompt": i18n.t("drills.prompt.with_size", text=text, n=len(heads)),
        "given": {},
        "expected": expected,
        "answer_kind": "index",
        "row_labels": (i18n.t("drills.label.kv_head"),),
        "col_labels": tuple(f"h{hd}" for hd in heads),
        "setup": setup,
    }


def gqa_mistakes(drill: Drill) -> list[Mistake]:
    h, kv, heads = drill.setup["num_heads"], drill.setup["num_kv_heads"], drill.setup["heads"]
    g = h // kv
    return [
        Mistake(
            "gqa_modulo",
            i18n.t("drills.mistake.gqa_modulo", kv=kv, g=g),
            np.array([[hd % kv for hd in heads]], float),
        ),
        Mistake(
            "gqa_wrong_divisor",
            i18n.t("drills.mistake.gqa_wrong_divisor", g=g),
            np.array([[hd // kv for hd in heads]], float),
        ),
        Mistake("one_based", i18n.t("drills.mistake.one_based_head"), drill.expected + 1),
    ]


def gqa_steps(drill: Drill) -> list[Step]:
    h, kv = drill.setup["num_heads"], drill.setup["num_kv_heads"]
    g = h // kv
    groups = i18n.t("drills.hint.sep").join(f"KV{j} ← h{j * g}…h{j * g + g - 1}" for j in range(kv))
    return [
        Step(i18n.t("drills.explain.group_size"), f"g = num_heads / num_kv_heads = {h} / {kv} = {g}"),
        Step(i18n.t("drills.explain.mapping"), i18n.t("drills.explain.mapping_text", groups=groups)),
        Step(i18n.t("drills.explain.answer"), i18n.t("drills.explain.as_above"), drill.expected),
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
