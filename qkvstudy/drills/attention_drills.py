"""The attention family: scores, scaling, softmax weights, masks, temperature, output, decode.

Each `build_*` returns a Drill's fields; the numbers come from `Source` (seeded, or fixed by a
note's spec) and the answer from `pipeline`, so generator, checker and solution agree by construction.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qkvstudy import i18n

from . import pipeline
from .attention_explain import argmax_mistakes, attention_steps, output_mistakes, output_steps, pipeline_mistakes
from .drill import Recipe
from .prompts import answer_hint, exp_table
from .sampling import Source, SpecConflict, humane, nonzero_rows, tenths_rows

# Level -> (L queries, S keys, d_k choices, low, high, share of zeros) when the drill gives Q and K.
# d_k is a square so √d_k is whole; long vectors are sparse so sums stay small.
QK_LEVELS = {
    "scores": {1: (2, 2, (4,), -2, 2, 0.0), 2: (3, 3, (4,), -3, 3, 0.0), 3: (3, 4, (4,), -3, 3, 0.0)},
    "scaled_scores": {1: (2, 2, (4,), -2, 2, 0.0), 2: (3, 3, (4,), -3, 3, 0.0), 3: (3, 3, (9, 16), -2, 2, 0.5)},
    "weights_row": {2: (3, 3, (4,), -2, 2, 0.0), 3: (4, 4, (9,), -2, 2, 0.4)},
    "weights": {2: (2, 3, (4,), -2, 2, 0.0), 3: (3, 3, (9,), -2, 2, 0.4)},
    "argmax_key": {2: (3, 3, (4,), -2, 2, 0.0), 3: (3, 4, (9,), -2, 2, 0.4)},
    "output": {3: (3, 3, (4,), -2, 2, 0.0)},
    "causal_mask": {2: (3, 3, (4,), -2, 2, 0.0), 3: (4, 4, (9,), -2, 2, 0.4)},
    "padding_mask": {2: (2, 4, (4,), -2, 2, 0.0), 3: (3, 4, (9,), -2, 2, 0.4)},
}
# Level -> (L, S, d_k, low, high) when the drill gives the scores directly (d_k 1 = already scaled).
SCORE_LEVELS = {
    "weights_row": (2, 3, 4, -4, 4),
    "weights": (2, 2, 4, -4, 4),
    "argmax_key": (2, 3, 1, -3, 3),
    "causal_mask": (3, 3, 1, -2, 2),
    "padding_mask": (2, 3, 1, -2, 2),
}


def labels(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(n))


def int_option(src: Source, name: str, low: int, high: int, default: int) -> int:
    value = src.options.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SpecConflict(i18n.t("drills.spec.whole_range", name=name, low=low, high=high, value=repr(value)), name)
    return value


def _varied(scaled: np.ndarray, allowed: np.ndarray | None = None) -> bool:
    """Every row that has a choice spreads its scores (uniform weights teach nothing), and
    the scores are mostly non-zero (a grid of zeros is no exercise)."""
    scaled = np.atleast_2d(scaled)
    keep = np.broadcast_to(True if allowed is None else allowed, scaled.shape)
    spread = all(np.ptp(row[k]) >= 0.5 for row, k in zip(scaled, keep) if k.sum() > 1)
    return bool(spread and np.count_nonzero(scaled) >= 0.6 * scaled.size)


def inputs(src: Source, type_id: str, level: int, allowed_for: Any = None, extra_ok: Any = None) -> dict[str, Any]:
    """Q and K (or the scores) for this level, humane under the mask `allowed_for(L, S)` gives.

    Returns setup entries: q, k or scores, scale, d_k, and whatever allowed_for adds (a mask).
    """
    qk_levels: dict[int, Any] = dict(QK_LEVELS.get(type_id, {}))  # type: ignore[call-overload]
    use_scores = src.has("scores") or (level not in qk_levels and not src.has("q", "k"))
    if use_scores:
        L, S, d_k, low, high = SCORE_LEVELS[type_id]
        d_k = int_option(src, "d_k", 1, 256, 1 if src.has("scores") else d_k)
    else:
        L, S, dks, low, high, zero = qk_levels.get(level) or qk_levels[max(qk_levels)]
        d_k = src.dim(src.pick(dks), ("q", 1), ("k", 1))
    L = src.dim(L, ("q", 0), ("scores", 0))
    S = src.dim(S, ("k", 0), ("v", 0), ("scores", 1), ("mask", -1))
    extra = allowed_for(L, S) if allowed_for else {}
    allowed = pipeline.allowed_keys(extra, L, S)
    scale = 1.0 / math.sqrt(d_k)

    def ok_scaled(scaled: np.ndarray) -> bool:
        return humane(scaled, allowed) and _varied(scaled, allowed) and (extra_ok is None or extra_ok(scaled, allowed))

    if use_scores:
        scores = src.retry(lambda: src.ints("scores", (L, S), low, high), lambda s: ok_scaled(s * scale), ("scores",))
        return {"scores": scores, "scale": scale, "d_k": d_k, **extra}

    def make() -> tuple[np.ndarray, np.ndarray]:
        return src.ints("q", (L, d_k), low, high, zero), src.ints("k", (S, d_k), low, high, zero)

    q, k = src.retry(make, lambda qk: nonzero_rows(*qk) and ok_scaled(qk[0] @ qk[1].T * scale), ("q", "k"))
    return {"q": q, "k": k, "scale": scale, "d_k": d_k, **extra}


def given_of(setup: dict[str, Any]) -> dict[str, np.ndarray]:
    names = {"scores": "S", "q": "Q", "k": "K", "v": "V", "mask": "mask"}
    return {label: setup[key] for key, label in names.items() if setup.get(key) is not None}


def scale_words(setup: dict[str, Any]) -> str:
    """How the prompt states the scale: given scores are either already scaled or raw Q·Kᵀ."""
    d_k, given_scores = setup["d_k"], setup.get("scores") is not None
    if given_scores and d_k == 1:
        return i18n.t("drills.prompt.already_scaled")
    root = f"√d_k = {math.sqrt(d_k):g}"
    key = "drills.prompt.scale_given" if given_scores else "drills.prompt.scale_dk"
    return i18n.t(key, d_k=d_k, root=root)


def finish(
    setup: dict[str, Any], given: dict[str, Any], prompt: str, kind: str, rows: Any, cols: Any
) -> dict[str, Any]:
    expected = pipeline.answer(setup)
    keys = setup["target"] not in ("output",) and bool(cols) and str(cols[0]).startswith("k")
    hint = answer_hint(kind, expected.shape, queries_keys=keys, mask=setup.get("mask") is not None)
    table = exp_table(pipeline.exponents_needed(setup))
    return {
        "prompt": i18n.t("drills.hint.with", prompt=prompt, hint=hint) + (f"\n{table}" if table else ""),
        "given": given,
        "expected": expected,
        "answer_kind": kind,
        "row_labels": rows,
        "col_labels": cols,
        "setup": setup,
        "scored": pipeline.scored_cells(setup),
    }


# ---- builders -------------------------------------------------------------------------------


def build_scores(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "scores", level) | {"target": "scores"}
    L, S = setup["q"].shape[0], setup["k"].shape[0]
    return finish(
        setup,
        given_of(setup),
        i18n.t("drills.prompt.scores"),
        "int",
        labels("q", L),
        labels("k", S),
    )


def build_scaled_scores(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "scaled_scores", level) | {"target": "scaled"}
    L, S = setup["q"].shape[0], setup["k"].shape[0]
    return finish(
        setup,
        given_of(setup),
        i18n.t("drills.prompt.scaled_scores", scale=scale_words(setup)),
        "float",
        labels("q", L),
        labels("k", S),
    )


def _row(src: Source, n_rows: int) -> int:
    return int_option(src, "row", 0, n_rows - 1, int(src.rng.integers(n_rows)))


def build_weights_row(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "weights_row", level) | {"target": "weights"}
    L, S = _shape(setup)
    setup["row"] = _row(src, L)
    return finish(
        setup,
        given_of(setup),
        i18n.t("drills.prompt.weights_row", row=setup["row"], scale=scale_words(setup)),
        "float",
        (f"t{setup['row']}",),
        labels("k", S),
    )


def build_weights(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "weights", level) | {"target": "weights"}
    L, S = _shape(setup)
    return finish(
        setup,
        given_of(setup),
        i18n.t("drills.prompt.weights", scale=scale_words(setup)),
        "float",
        labels("q", L),
        labels("k", S),
    )


def _clear_winner(scaled: np.ndarray, allowed: np.ndarray | None) -> bool:
    # The asked-for maximum must be unique with a visible gap, or "which key" has two answers.
    for row, keep in zip(scaled, np.broadcast_to(True if allowed is None else allowed, scaled.shape)):
        top = np.sort(row[keep])[::-1]
        if top.size > 1 and top[0] - top[1] < 0.5:
            return False
    return True


def build_argmax_key(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "argmax_key", level, extra_ok=_clear_winner) | {"target": "argmax"}
    L, S = _shape(setup)
    if level >= 3 and "row" not in src.options:
        setup["row"] = None
        text = i18n.t("drills.prompt.argmax_all")
        rows = labels("t", L)
    else:
        setup["row"] = _row(src, L)
        text = i18n.t("drills.prompt.argmax_row", row=setup["row"])
        rows = (f"t{setup['row']}",)
    return finish(setup, given_of(setup), text, "index", rows, ("key",))


def _temperatures(src: Source, level: int) -> tuple[float, ...]:
    given = src.options.get("temperature")
    if given is not None:
        values = given if isinstance(given, list) else [given]
        if not values or not all(
            isinstance(t, (int, float)) and not isinstance(t, bool) and 0 < t < 1e6 for t in values
        ):
            raise SpecConflict(i18n.t("drills.spec.temperature", value=repr(given)), "temperature")
        return tuple(float(t) for t in values)
    if level >= 3:
        return tuple(sorted(src.rng.choice([0.5, 1.0, 2.0, 4.0], size=2, replace=False).tolist()))
    return (float(src.pick((0.5, 2.0) if level == 1 else (0.5, 2.0, 4.0))),)


def build_temperature(src: Source, level: int) -> dict[str, Any]:
    temps = _temperatures(src, level)
    L, S = {1: (1, 3), 2: (2, 3)}.get(level, (1, 4))
    L, S = src.dim(L, ("scores", 0)), src.dim(S, ("scores", 1))

    def ok(s: np.ndarray) -> bool:
        return all(humane(s / t) for t in temps) and _varied(s)

    scores = src.retry(lambda: src.ints("scores", (L, S), -2, 2), ok, ("scores",))
    setup = {"scores": scores, "scale": 1.0, "d_k": 1, "temperatures": temps, "target": "weights"}
    t_text = i18n.t("drills.prompt.list_sep").join(f"T = {t:g}" for t in temps)
    if len(temps) > 1:
        text = i18n.t("drills.prompt.temperature_rows", temps=t_text)
        rows = tuple(f"T={t:g}" for t in temps)
    else:
        text = i18n.t("drills.prompt.temperature", temps=t_text)
        rows = labels("q", L)
    return finish(setup, {"S": scores}, text, "float", rows, labels("k", S))


def build_output(src: Source, level: int) -> dict[str, Any]:
    if (level >= 3 and not src.has("weights")) or src.has("q", "k"):
        setup = inputs(src, "output", level)
        L, S = _shape(setup)
        d_v = src.dim(2, ("v", 1))
        setup |= {"v": src.ints("v", (S, d_v), -2, 2), "target": "output"}
        return finish(
            setup,
            given_of(setup),
            i18n.t("drills.prompt.output", scale=scale_words(setup)),
            "float",
            labels("q", L),
            labels("d", d_v),
        )
    L, S, d_v = (2, 2, 2) if level == 1 else (3, 3, 2)
    L, S = src.dim(L, ("weights", 0)), src.dim(S, ("weights", 1), ("v", 0))
    d_v = src.dim(d_v, ("v", 1))
    if src.has("weights"):
        weights = np.asarray(src.fixed["weights"], dtype=np.float64)
        if np.any(weights < 0) or not np.allclose(weights.sum(axis=1), 1.0, atol=1e-6):
            raise SpecConflict(i18n.t("drills.spec.weights_rows"), "weights")
    else:
        weights = tenths_rows(src.rng, L, S)
    if L > 1 and not src.has("weights") and len({r.tobytes() for r in weights}) < L:
        weights = tenths_rows(src.rng, L, S)  # one redraw: identical rows are a weak drill
    v = src.retry(lambda: src.ints("v", (S, d_v), -3, 3), lambda m: nonzero_rows(m, m.T), ("v",))
    setup = {"weights": weights, "v": v, "target": "output"}
    return {
        "prompt": i18n.t("drills.prompt.output_given", hint=answer_hint("float", (L, d_v))),
        "given": {"A": weights, "V": v},
        "expected": weights @ v,
        "answer_kind": "float",
        "row_labels": labels("q", L),
        "col_labels": labels("d", d_v),
        "setup": setup,
    }


def build_causal_mask(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "causal_mask", level, allowed_for=lambda L, S: {"causal": True})
    L, S = _shape(setup)
    ask = src.options.get("ask")
    if ask not in (None, "masked", "weights"):
        raise SpecConflict(
            i18n.t("drills.spec.ask", choices="'masked', 'weights'", type="causal_mask", value=repr(ask)), "ask"
        )
    if ask == "masked" or (ask is None and setup.get("scores") is not None and level == 1):
        setup["target"] = "masked"
        text = i18n.t("drills.prompt.causal_fill")
    else:
        setup["target"] = "weights"
        text = i18n.t("drills.prompt.causal_weights", scale=scale_words(setup))
    return finish(setup, given_of(setup), text, "float", labels("q", L), labels("k", S))


def _padding(src: Source, level: int) -> Any:
    def allowed_for(L: int, S: int) -> dict[str, Any]:
        if src.has("mask"):
            m = np.asarray(src.fixed["mask"]).astype(bool)
            if m.shape not in ((1, S), (L, S)):
                raise SpecConflict(i18n.t("drills.spec.mask_shape", rows=m.shape[0], cols=m.shape[1], S=S, L=L), "mask")
        else:
            pads = 1 if level < 3 else int(src.rng.integers(1, 3))
            pads = min(pads, S - 2) if S > 2 else 0
            m = np.ones((1, S), bool)
            m[0, S - pads :] = False  # padding sits at the end of the sequence
        return {"mask": m}

    return allowed_for


def build_padding_mask(src: Source, level: int) -> dict[str, Any]:
    setup = inputs(src, "padding_mask", level, allowed_for=_padding(src, level)) | {"target": "weights"}
    L, S = _shape(setup)
    text = i18n.t("drills.prompt.padding", scale=scale_words(setup))
    return finish(setup, given_of(setup), text, "float", labels("q", L), labels("k", S))


def _shape(setup: dict[str, Any]) -> tuple[int, int]:
    if setup.get("scores") is not None:
        rows, cols = setup["scores"].shape
        return int(rows), int(cols)
    return setup["q"].shape[0], setup["k"].shape[0]


def _recipe(
    build: Any,
    mistakes: Any = pipeline_mistakes,
    solution: Any = attention_steps,
    matrices: tuple[str, ...] = ("q", "k"),
    options: tuple[str, ...] = (),
) -> Recipe:
    return Recipe(build, mistakes, solution, matrices, options)


RECIPES = {
    "scores": _recipe(build_scores),
    "scaled_scores": _recipe(build_scaled_scores),
    "weights_row": _recipe(build_weights_row, matrices=("q", "k", "scores"), options=("row", "d_k")),
    "weights": _recipe(build_weights, matrices=("q", "k", "scores"), options=("d_k",)),
    "argmax_key": _recipe(build_argmax_key, argmax_mistakes, matrices=("q", "k", "scores"), options=("row", "d_k")),
    "temperature": _recipe(build_temperature, matrices=("scores",), options=("temperature",)),
    "output": _recipe(build_output, output_mistakes, output_steps, ("weights", "v", "q", "k")),
    "causal_mask": _recipe(build_causal_mask, matrices=("q", "k", "scores"), options=("d_k", "ask")),
    "padding_mask": _recipe(build_padding_mask, matrices=("q", "k", "scores", "mask"), options=("d_k",)),
}

__all__ = ["RECIPES"]
