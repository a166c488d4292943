"""Sizes an LLM interview asks for: KV-cache bytes, attention FLOPs, projection parameters and shapes.

Answers are whole numbers (products like 2*32*4096 may be typed); each mistake is the formula a
learner really gets wrong: forgetting that K and V are both cached, counting multiply-adds as FLOPs,
using the query heads for GQA's K/V, swapping L_q and L_kv in cross-attention.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from qkvstudy.i18n import t

from .formula import fields, formula_recipe, pick
from .sampling import Source

DTYPES = {"fp32": 4, "fp16": 2, "bf16": 2, "int8": 1}


# ---- kv_cache_bytes ---------------------------------------------------------------------------


def _kv_bytes(s: dict[str, Any], kv_heads: int, mistake: str | None) -> float:
    k_and_v = 1 if mistake == "kv_forgot_two" else 2
    size = DTYPES[s["dtype"]] * (8 if mistake == "kv_bits_not_bytes" else 1)
    layers = 1 if mistake == "kv_forgot_layers" else s["layers"]
    batch = 1 if mistake == "kv_forgot_batch" else s["batch"]
    heads = s["num_heads"] if mistake == "kv_query_heads" else kv_heads
    return float(k_and_v * layers * batch * s["seq_len"] * heads * s["d_head"] * size)


def solve_kv(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    if mistake == "kv_forgot_batch" and s["batch"] == 1:
        return None
    if mistake == "kv_query_heads" and all(k == s["num_heads"] for k in s["kv_heads"]):
        return None
    return np.array([[_kv_bytes(s, k, mistake) for k in s["kv_heads"]]])


def build_kv(src: Source, level: int) -> dict[str, Any]:
    h = int(pick(src, (8, 16, 32, 64)))
    s: dict[str, Any] = {
        "layers": int(pick(src, (12, 24, 32, 40, 80))),
        "batch": int(pick(src, (1, 4, 8, 16))) if level > 1 else 1,
        "seq_len": int(pick(src, (1024, 2048, 4096, 8192))),
        "num_heads": h,
        "d_head": int(pick(src, (64, 128))),
        "dtype": str(pick(src, tuple(DTYPES))),
    }
    g = int(pick(src, [k for k in (2, 4, 8) if k < h]))
    s["kv_heads"] = {1: (h,), 2: (g,)}.get(level, (h, g, 1))
    rows = {1: ("MHA",), 2: ("GQA",)}.get(level, ("MHA",))
    cols = ("bytes",) if level < 3 else ("MHA", "GQA", "MQA")
    params = {k: s[k] for k in ("layers", "batch", "seq_len", "num_heads", "d_head", "dtype")}
    params |= {"bytes_per_value": DTYPES[s["dtype"]], "num_kv_heads": list(s["kv_heads"])}
    kv_text = "、".join(str(k) for k in s["kv_heads"])
    prompt = t(
        "drills.kv_cache_bytes.prompt",
        layers=s["layers"],
        batch=s["batch"],
        seq=s["seq_len"],
        heads=h,
        kv=kv_text,
        d_head=s["d_head"],
        dtype=s["dtype"],
        size=DTYPES[s["dtype"]],
    )
    return fields(s, solve_kv, prompt, "int", rows[:1] if level < 3 else ("bytes",), cols, params)


def steps_kv(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    out = []
    for k in s["kv_heads"]:
        text = (
            f"2 × {s['layers']} × {s['batch']} × {s['seq_len']} × {k} × {s['d_head']} × {DTYPES[s['dtype']]} "
            f"= {int(_kv_bytes(s, k, None)):,}"
        )
        out.append((t("drills.kv_cache_bytes.step", kv=k), text, None))
    return out


# ---- attention_flops --------------------------------------------------------------------------


def solve_flops(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    level, n, d = s["level"], s["seq_len"], s["d_model"]
    two = 1 if mistake == "flops_macs" else 2
    if level == 1:
        if mistake in ("flops_only_qk", "flops_one_head", "flops_decode_quadratic"):
            return None
        keys = n if mistake != "flops_linear" else 1
        return np.array([[two * n * keys * s["d_head"]]], float)
    if mistake == "flops_decode_quadratic" and level < 3:
        return None
    matmuls = 1 if mistake == "flops_only_qk" else 2
    width = s["d_head"] if mistake == "flops_one_head" else d
    keys = 1 if mistake == "flops_linear" else n
    prefill = two * matmuls * n * keys * width
    if level == 2:
        return np.array([[prefill]], float)
    ctx = s["context"]
    decode = two * matmuls * (ctx * ctx if mistake == "flops_decode_quadratic" else ctx) * width
    if mistake == "flops_linear":
        prefill = two * matmuls * n * width
    return np.array([[prefill, decode]], float)


def build_flops(src: Source, level: int) -> dict[str, Any]:
    h = int(pick(src, (8, 16, 32)))
    d_head = int(pick(src, (64, 128)))
    s: dict[str, Any] = {
        "level": level,
        "seq_len": int(pick(src, (512, 1024, 2048, 4096))),
        "num_heads": h,
        "d_head": d_head,
        "d_model": h * d_head,
        "context": int(pick(src, (1024, 2048, 4096, 8192))),
    }
    params = {"seq_len": s["seq_len"], "num_heads": h, "d_head": d_head, "d_model": s["d_model"]}
    if level == 1:
        params = {"seq_len": s["seq_len"], "d_head": d_head}
    if level == 3:
        params["context"] = s["context"]
    prompt = t(f"drills.attention_flops.prompt{level}", **params)
    cols = {1: ("Q·Kᵀ",), 2: ("prefill",)}.get(level, ("prefill", "decode"))
    return fields(s, solve_flops, prompt, "int", ("FLOPs",), cols, params)


def steps_flops(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    n, d, dh = s["seq_len"], s["d_model"], s["d_head"]
    out: list[tuple[str, str, Any]] = [(t("drills.attention_flops.rule"), t("drills.attention_flops.rule_text"), None)]
    if s["level"] == 1:
        out.append(("Q·Kᵀ", f"({n}×{dh})·({dh}×{n}): 2 × {n} × {n} × {dh} = {2 * n * n * dh:,}", None))
        return out
    out.append(
        (
            "prefill",
            f"Q·Kᵀ 2·L·L·d + A·V 2·L·L·d (d = h·d_head = {d}): 4 × {n}² × {d} = {4 * n * n * d:,}",
            None,
        )
    )
    if s["level"] == 3:
        c = s["context"]
        out.append(("decode", f"q_t·Kᵀ 2·1·n·d + a·V 2·1·n·d: 4 × {c} × {d} = {4 * c * d:,}", None))
    return out


# ---- mha_shapes_params ------------------------------------------------------------------------


def solve_mha(s: dict[str, Any], mistake: str | None) -> np.ndarray | None:
    level, d, h = s["level"], s["d_model"], s["num_heads"]
    dh = d // h
    if level < 3:
        if mistake in ("mha_swapped_lengths", "mha_k_uses_lq", "mha_heads_after_seq"):
            return None
        kv = h if level == 1 or mistake == "mha_gqa_full_kv" else s["num_kv_heads"]
        if mistake == "mha_gqa_full_kv" and level == 1:
            return None
        wo = 0 if mistake == "mha_forgot_wo" else d * d
        per_head = h if mistake == "mha_per_head_full" else 1
        return np.array([[per_head * (d * d + 2 * d * kv * dh + wo)]], float)
    if mistake in ("mha_forgot_wo", "mha_gqa_full_kv", "mha_per_head_full"):
        return None
    b, lq, lkv = s["batch"], s["len_q"], s["len_kv"]
    split = (lambda b_, h_, n_, d_: (b_, n_, h_, d_)) if mistake == "mha_heads_after_seq" else (lambda *a: a)
    k_len = lq if mistake == "mha_k_uses_lq" else lkv
    a_shape = (b, h, lkv, lq) if mistake == "mha_swapped_lengths" else (b, h, lq, lkv)
    return np.array([split(b, h, lq, dh), split(b, h, k_len, dh), a_shape], float)


def build_mha(src: Source, level: int) -> dict[str, Any]:
    for _ in range(50):  # every size distinct, so each mix-up shows
        h = int(pick(src, (4, 8, 16, 32)))
        d = h * int(pick(src, (32, 64, 128)))
        s: dict[str, Any] = {
            "level": level,
            "d_model": d,
            "num_heads": h,
            "num_kv_heads": int(pick(src, [k for k in (1, 2, 4, 8) if k < h])),
            "batch": int(pick(src, (2, 3, 4, 6))),
            "len_q": int(pick(src, (5, 7, 10, 12))),
            "len_kv": int(pick(src, (9, 20, 24, 50))),
        }
        sizes = [s["batch"], h, s["len_q"], s["len_kv"], d // h]
        if len(set(sizes)) == len(sizes):
            break
    if level == 1:
        params = {"d_model": d, "num_heads": h}
        prompt = t("drills.mha_shapes_params.prompt1", **params)
        return fields(s, solve_mha, prompt, "int", ("params",), ("W_Q+W_K+W_V+W_O",), params)
    if level == 2:
        params = {"d_model": d, "num_heads": h, "num_kv_heads": s["num_kv_heads"]}
        prompt = t("drills.mha_shapes_params.prompt2", **params)
        return fields(s, solve_mha, prompt, "int", ("params",), ("W_Q+W_K+W_V+W_O",), params)
    params = {"batch": s["batch"], "len_q": s["len_q"], "len_kv": s["len_kv"], "d_model": d, "num_heads": h}
    prompt = t("drills.mha_shapes_params.prompt3", **params)
    return fields(s, solve_mha, prompt, "int", ("Q", "K", "A"), ("dim0", "dim1", "dim2", "dim3"), params)


def steps_mha(s: dict[str, Any]) -> list[tuple[str, str, Any]]:
    d, h = s["d_model"], s["num_heads"]
    dh = d // h
    if s["level"] == 1:
        return [("W_Q, W_K, W_V, W_O", f"4 × d_model² = 4 × {d}² = {4 * d * d:,}", None)]
    if s["level"] == 2:
        kv = s["num_kv_heads"]
        return [
            ("W_Q, W_O", f"2 × {d}² = {2 * d * d:,}", None),
            (
                "W_K, W_V (GQA)",
                f"2 × d_model × (num_kv_heads·d_head) = 2 × {d} × ({kv}·{dh}) = {2 * d * kv * dh:,}",
                None,
            ),
        ]
    b, lq, lkv = s["batch"], s["len_q"], s["len_kv"]
    return [
        ("Q", f"X_q·W_Q ({b}, {lq}, {d}) → view ({b}, {lq}, {h}, {dh}) → transpose(1, 2) ({b}, {h}, {lq}, {dh})", None),
        ("K", f"X_kv·W_K ({b}, {lkv}, {d}) → ({b}, {h}, {lkv}, {dh})", None),
        ("A", f"softmax(Q·Kᵀ/√d_head): ({b}, {h}, {lq}, {lkv}) (queries × keys)", None),
    ]


RECIPES = {
    "kv_cache_bytes": formula_recipe(
        build_kv,
        solve_kv,
        steps_kv,
        ("kv_forgot_two", "kv_query_heads", "kv_bits_not_bytes", "kv_forgot_layers", "kv_forgot_batch"),
    ),
    "attention_flops": formula_recipe(
        build_flops,
        solve_flops,
        steps_flops,
        ("flops_macs", "flops_only_qk", "flops_one_head", "flops_linear", "flops_decode_quadratic"),
    ),
    "mha_shapes_params": formula_recipe(
        build_mha,
        solve_mha,
        steps_mha,
        (
            "mha_forgot_wo",
            "mha_gqa_full_kv",
            "mha_per_head_full",
            "mha_swapped_lengths",
            "mha_k_uses_lq",
            "mha_heads_after_seq",
        ),
    ),
}
