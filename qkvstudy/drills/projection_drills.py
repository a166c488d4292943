"""Projections: computing Q/K/V from X, and when the score matrix is symmetric."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qkvstudy.i18n import t

from .attention import softmax
from .attention_drills import labels
from .display import dot_text, format_matrix
from .drill import Drill, Mistake, Recipe, Step
from .sampling import Source, SpecConflict, humane, nonzero_rows

PROJECTIONS = ("Q", "K", "V")
# Level -> (L tokens, d_model, d_k, X range, W range)
PROJECTION_LEVELS = {1: (2, 2, 2, 2, 2), 2: (2, 3, 2, 2, 2), 3: (3, 4, 2, 2, 1)}


def _ask(src: Source, level: int) -> str:
    ask = src.options.get("ask")
    if ask is None:
        return "Q" if level == 1 else str(src.pick(PROJECTIONS))
    if not isinstance(ask, str) or ask.upper() not in PROJECTIONS:
        raise SpecConflict(t("drills.spec.ask", choices="Q, K, V", type="qkv_projection", value=repr(ask)), "ask")
    return ask.upper()


def build_qkv_projection(src: Source, level: int) -> dict[str, Any]:
    L, d_model, d_k, x_range, w_range = PROJECTION_LEVELS[level]
    ask = _ask(src, level)
    names = ("Q",) if level == 1 and not src.has("w_k", "w_v") else PROJECTIONS
    if ask not in names:
        names = PROJECTIONS
    L = src.dim(L, ("x", 0))
    d_model = src.dim(d_model, ("x", 1), ("w_q", 0), ("w_k", 0), ("w_v", 0))
    d_k = src.dim(d_k, ("w_q", 1), ("w_k", 1), ("w_v", 1))

    def make() -> tuple[np.ndarray, dict[str, np.ndarray]]:
        x = src.ints("x", (L, d_model), -x_range, x_range)
        ws = {n: src.ints(f"w_{n.lower()}", (d_model, d_k), -w_range, w_range) for n in names}
        return x, ws

    def ok(parts: tuple[np.ndarray, dict[str, np.ndarray]]) -> bool:
        x, ws = parts
        outs = [x @ w for w in ws.values()]
        # Distinct projections (else "used the wrong W" is invisible) and no all-zero answer rows.
        return nonzero_rows(x, *outs) and len({o.tobytes() for o in outs}) == len(outs)

    x, ws = src.retry(make, ok, ("x",) + tuple(f"w_{n.lower()}" for n in names))
    expected = x @ ws[ask]
    given = {"X": x} | {f"W_{n}": w for n, w in ws.items()}
    prompt = t("drills.prompt.projection", ask=ask, rows=expected.shape[0], cols=expected.shape[1])
    return {
        "prompt": prompt,
        "given": given,
        "expected": expected,
        "answer_kind": "int",
        "row_labels": labels("t", L),
        "col_labels": labels("d", d_k),
        "setup": {"x": x, "w": ws, "ask": ask},
    }


def projection_mistakes(drill: Drill) -> list[Mistake]:
    x, ws, ask = drill.setup["x"], drill.setup["w"], drill.setup["ask"]
    w = ws[ask]
    out = [
        Mistake(
            "wrong_projection",
            t("drills.mistake.wrong_projection", ask=ask, n=n),
            x @ ws[n],
        )
        for n in ws
        if n != ask
    ]
    if w.shape[0] == w.shape[1]:
        out.append(
            Mistake(
                "weight_transposed",
                t("drills.mistake.weight_transposed", ask=ask),
                x @ w.T,
            )
        )
    if w.shape[1] == x.shape[0] and w.shape[0] == x.shape[0]:
        out.append(Mistake("wrong_order", t("drills.mistake.wrong_order", ask=ask), w @ x))
    expected = x @ w
    if expected.shape[0] == expected.shape[1]:
        out.append(Mistake("transposed", t("drills.mistake.rows_tokens"), expected.T))
    return out


def projection_steps(drill: Drill) -> list[Step]:
    x, w, ask = drill.setup["x"], drill.setup["w"][drill.setup["ask"]], drill.setup["ask"]
    return [
        Step(
            f"{ask} = X·W_{ask}",
            t("drills.explain.projection_row", ask=ask) + dot_text(x[0], w[:, 0], f"{ask}[0,0]"),
            x @ w,
        ),
        Step(t("drills.explain.answer"), t("drills.explain.as_above"), drill.expected),
    ]


# ---- symmetry -------------------------------------------------------------------------------


def _symmetric(m: np.ndarray) -> bool:
    return m.shape[0] == m.shape[1] and bool(np.allclose(m, m.T, rtol=0, atol=1e-9))


def build_symmetry(src: Source, level: int) -> dict[str, Any]:
    shared = bool(src.rng.integers(2))  # half the drills share the projection (answer "yes")
    if level == 1 and not src.has("x", "w_q", "w_k"):
        L, d_k = src.dim(2, ("q", 0), ("k", 0)), src.dim(4, ("q", 1), ("k", 1))

        def make() -> tuple[np.ndarray, np.ndarray]:
            q = src.ints("q", (L, d_k), -1, 2)
            return q, (q if shared and not src.has("k") else src.ints("k", (L, d_k), -1, 2))

        def ok(qk: tuple[np.ndarray, np.ndarray]) -> bool:
            return nonzero_rows(*qk) and (shared or not _symmetric(qk[0] @ qk[1].T))

        q, k = src.retry(make, ok, ("q", "k"))
        given = {"Q": q, "K": k}
        setup: dict[str, Any] = {"q": q, "k": k}
        asks: tuple[str, ...] = ("scores",)
        text = t("drills.prompt.symmetry")
    else:
        L = src.dim(3, ("x", 0))
        d_model = src.dim(2, ("x", 1), ("w_q", 0), ("w_k", 0))
        d_k = src.dim(4, ("w_q", 1), ("w_k", 1))
        asks = ("scores", "weights") if level >= 3 else ("scores",)

        def make_x() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            x = src.ints("x", (L, d_model), -1, 2)
            w_q = src.ints("w_q", (d_model, d_k), -1, 1)
            w_k = w_q if shared and not src.has("w_k") else src.ints("w_k", (d_model, d_k), -1, 1)
            return x, w_q, w_k

        def ok_x(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> bool:
            x, w_q, w_k = parts
            s = (x @ w_q) @ (x @ w_k).T
            return (
                nonzero_rows(x, x @ w_q, x @ w_k)
                and (shared or not _symmetric(s))
                and ("weights" not in asks or humane(s / math.sqrt(d_k)))
            )

        x, w_q, w_k = src.retry(make_x, ok_x, ("x", "w_q", "w_k"))
        given = {"X": x, "W_Q": w_q, "W_K": w_k}
        setup = {"x": x, "w_q": w_q, "w_k": w_k, "q": x @ w_q, "k": x @ w_k}
        text = t("drills.prompt.symmetry_x")
        if "weights" in asks:
            text = t("drills.prompt.symmetry_both")
    q, k = setup["q"], setup["k"]
    setup |= {"scale": 1 / math.sqrt(q.shape[1]), "asks": asks}
    s = q @ k.T
    facts = {"scores": _symmetric(s), "weights": _symmetric(softmax(s * setup["scale"]))}
    expected = np.array([[float(facts[a]) for a in asks]])
    return {
        "prompt": t("drills.prompt.yes_no_each" if len(asks) > 1 else "drills.prompt.yes_no_one", text=text),
        "given": given,
        "expected": expected,
        "answer_kind": "bool",
        "row_labels": (t("drills.label.symmetric"),),
        "col_labels": tuple({"scores": "S", "weights": "A"}[a] for a in asks),
        "setup": setup,
    }


def _asymmetric_pair(m: np.ndarray) -> str:
    i, j = map(int, np.argwhere(~np.isclose(m, m.T))[0])
    return t("drills.explain.sep").join(
        (f"s[{i},{j}] = {format_matrix(m[i, j])}", f"s[{j},{i}] = {format_matrix(m[j, i])}")
    )


def symmetry_mistakes(drill: Drill) -> list[Mistake]:
    q, k, asks = drill.setup["q"], drill.setup["k"], drill.setup["asks"]
    s = q @ k.T
    out = []
    for col, ask in enumerate(asks):
        flipped = drill.expected.copy()
        flipped[0, col] = 1 - flipped[0, col]
        if ask == "scores" and drill.expected[0, col]:
            msg = t("drills.mistake.symmetry_shared")
        elif ask == "scores":
            msg = t("drills.mistake.symmetry_differ", pair=_asymmetric_pair(s))
        elif drill.expected[0, col]:
            msg = t("drills.mistake.symmetry_rows_match")
        else:
            msg = t("drills.mistake.symmetry_softmax")
        out.append(Mistake(f"symmetry_{ask}", msg, flipped))
    return out


def symmetry_steps(drill: Drill) -> list[Step]:
    setup = drill.setup
    s = setup["q"] @ setup["k"].T
    steps = []
    if "x" in setup:
        shared = t("drills.explain.shared") if np.array_equal(setup["w_q"], setup["w_k"]) else ""
        steps.append(Step(t("drills.explain.projections"), t("drills.explain.qk", shared=shared), setup["q"]))
    sym = _symmetric(s)
    verdict = t("drills.explain.symmetric_s") if sym else t("drills.explain.not_symmetric", pair=_asymmetric_pair(s))
    steps.append(Step(t("drills.explain.scores", product="Q·Kᵀ"), verdict, s))
    if "weights" in setup["asks"]:
        a = softmax(s * setup["scale"])
        steps.append(
            Step(
                t("drills.explain.weights_softmax"),
                t("drills.explain.symmetric" if _symmetric(a) else "drills.explain.rows_separately"),
                a,
                heat=True,
            )
        )
    steps.append(Step(t("drills.explain.answer"), t("drills.explain.yes_no"), drill.expected))
    return steps


RECIPES = {
    "qkv_projection": Recipe(
        build_qkv_projection, projection_mistakes, projection_steps, ("x", "w_q", "w_k", "w_v"), ("ask",)
    ),
    "symmetry": Recipe(build_symmetry, symmetry_mistakes, symmetry_steps, ("q", "k", "x", "w_q", "w_k")),
}

__all__ = ["RECIPES"]
