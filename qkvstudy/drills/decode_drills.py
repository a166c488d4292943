"""Decoding with a KV cache: append the new token's k_t, v_t, then attend with q_t over the whole cache."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qkvstudy import i18n

from .attention_drills import _recipe, _varied, finish, labels
from .sampling import Source, SpecConflict, humane, nonzero_rows


def build_kv_cache_step(src: Source, level: int) -> dict[str, Any]:
    n, d_k, d_v = {1: (2, 4, 2), 2: (3, 4, 2)}.get(level, (3, 9, 3))
    n = src.dim(n, ("k_cache", 0), ("v_cache", 0))
    d_k = src.dim(d_k, ("q_t", 1), ("k_t", 1), ("k_cache", 1))
    d_v = src.dim(d_v, ("v_t", 1), ("v_cache", 1))
    low, high, zero = (-2, 2, 0.0) if d_k <= 4 else (-2, 2, 0.4)
    scale = 1.0 / math.sqrt(d_k)

    def make() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (
            src.ints("k_cache", (n, d_k), low, high, zero),
            src.ints("q_t", (1, d_k), low, high, zero),
            src.ints("k_t", (1, d_k), low, high, zero),
        )

    def ok(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> bool:
        k_cache, q_t, k_t = parts
        keys = np.vstack([k_cache, k_t])
        return nonzero_rows(keys, q_t) and humane(q_t @ keys.T * scale) and _varied(q_t @ keys.T * scale)

    k_cache, q_t, k_t = src.retry(make, ok, ("k_cache", "q_t", "k_t"))
    v_cache, v_t = src.ints("v_cache", (n, d_v), -2, 2), src.ints("v_t", (1, d_v), -2, 2)
    ask = src.options.get("ask")
    if ask not in (None, "weights", "output"):
        raise SpecConflict(
            i18n.t("drills.spec.ask", choices="'weights', 'output'", type="kv_cache_step", value=repr(ask)), "ask"
        )
    target = ask or ("weights" if level == 1 else "output")
    setup = {
        "q": q_t,
        "k": np.vstack([k_cache, k_t]),
        "v": np.vstack([v_cache, v_t]),
        "scale": scale,
        "d_k": d_k,
        "cache_len": n,
        "target": target,
    }
    what = (
        i18n.t("drills.prompt.decode_weights", n=n + 1)
        if target == "weights"
        else i18n.t("drills.prompt.decode_output", d_v=d_v)
    )
    text = i18n.t("drills.prompt.decode", n=n, d_k=d_k, what=what)
    given = {"K_cache": k_cache, "V_cache": v_cache, "q_t": q_t, "k_t": k_t, "v_t": v_t}
    cols = labels("k", n + 1) if target == "weights" else labels("d", d_v)
    return finish(setup, given, text, "float", ("t_new",), cols)


RECIPES = {
    "kv_cache_step": _recipe(
        build_kv_cache_step, matrices=("k_cache", "v_cache", "q_t", "k_t", "v_t"), options=("ask",)
    ),
}
