"""Drill catalog and generator: ids, determinism, paper-friendly numbers, answers that agree with attention.py."""

from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qkvstudy.drills import DRILL_TYPES, Drill, generate
from qkvstudy.drills.attention import KVCache, causal_mask, decode_step, scaled_dot_product_attention, softmax

IDS = [
    "scores",
    "scaled_scores",
    "weights_row",
    "weights",
    "argmax_key",
    "temperature",
    "output",
    "causal_mask",
    "padding_mask",
    "qkv_projection",
    "symmetry",
    "multihead_shapes",
    "gqa_mapping",
    "kv_cache_step",
    "mask_compose",
    "stable_softmax",
    "online_softmax",
    "layer_norm",
    "rms_norm",
    "rope_rotate",
    "alibi_bias",
    "sinusoidal_pe",
    "mha_shapes_params",
    "kv_cache_bytes",
    "attention_flops",
]
ALL = [(t, lvl) for t in IDS for lvl in (1, 2, 3)]
ATTENTION = [(t, lvl) for t, lvl in ALL if IDS.index(t) <= IDS.index("kv_cache_step")]  # recomputed from attention.py
SOFTMAX_TYPES = {
    "weights_row",
    "weights",
    "argmax_key",
    "temperature",
    "output",
    "causal_mask",
    "padding_mask",
    "kv_cache_step",
    "symmetry",
}


def test_catalog_has_the_agreed_ids_in_curriculum_order():
    assert list(DRILL_TYPES) == IDS
    assert [t.order for t in DRILL_TYPES.values()] == list(range(len(IDS)))
    for t in DRILL_TYPES.values():
        assert t.levels == (1, 2, 3) and len(t.level_notes) == 3
        assert re.search(r"[\u4e00-\u9fff]", t.title), t.title  # Chinese title
        assert t.description and "\n" not in t.description
        assert t.seconds_per_cell > 0


@pytest.mark.parametrize("type_id,level", ALL)
def test_same_type_level_seed_gives_the_same_drill(type_id, level):
    a, b = generate(type_id, level, 1234), generate(type_id, level, 1234)
    assert a == b and a is not b
    assert a.type_id == type_id and a.level == level and a.seed == 1234
    variants = {
        (
            generate(type_id, level, s).prompt,
            generate(type_id, level, s).expected.tobytes(),
            tuple(m.tobytes() for m in generate(type_id, level, s).given.values()),
        )
        for s in range(20)
    }
    assert len(variants) >= 5, "different seeds should give different drills"


@pytest.mark.parametrize("type_id", ["scores", "weights", "padding_mask", "qkv_projection", "kv_cache_step"])
def test_different_seeds_differ(type_id):
    drills = [generate(type_id, 2, s) for s in range(10)]
    assert all(drills[i] != drills[i + 1] for i in range(9))


def test_seed_none_picks_one_and_stores_it():
    d = generate("weights", 2)
    assert isinstance(d.seed, int) and d.seed >= 0
    assert generate("weights", 2, d.seed) == d


def test_drills_are_frozen():
    d = generate("weights", 2, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.level = 3
    with pytest.raises(ValueError):
        d.expected[0, 0] = 1.0
    with pytest.raises(ValueError):
        d.given["Q"][0, 0] = 1.0


def test_bad_type_level_or_seed(english):
    with pytest.raises(ValueError, match="unknown drill type 'foo' .known: scores, scaled_scores"):
        generate("foo")
    for level in (0, 4, "2", True):
        with pytest.raises(ValueError, match="level"):
            generate("scores", level)
    with pytest.raises(ValueError, match="seed"):
        generate("scores", 1, -1)


@pytest.mark.parametrize("type_id,level", ALL)
def test_drill_fields_are_well_formed(type_id, level):
    d = generate(type_id, level, 7)
    assert isinstance(d, Drill) and d.expected.ndim == 2 and d.expected.dtype == np.float64
    assert d.answer_kind in ("int", "float", "index", "bool")
    assert re.search(r"[\u4e00-\u9fff]", d.prompt)
    if d.row_labels is not None:
        assert len(d.row_labels) == d.shape[0]
    if d.col_labels is not None:
        assert len(d.col_labels) == d.shape[1]
    if d.answer_kind != "float":
        assert np.all(d.expected == np.round(d.expected))
    if d.answer_kind == "bool":
        assert set(np.unique(d.expected)) <= {0.0, 1.0}


# ---- an independent recomputation from what the learner is shown ----------------------------


def recompute(d: Drill) -> np.ndarray:
    """The answer from d.given and the question asked, through attention.py only."""
    g, s, t = d.given, d.setup, d.type_id
    scale = 1 / math.sqrt(s["d_k"]) if "d_k" in s else 1.0

    def weights(mask=None, causal=False):
        if "S" in g:
            scores = g["S"] * scale
            if causal:
                scores = np.where(causal_mask(*scores.shape), scores, -np.inf)
            if mask is not None:
                scores = np.where(mask, scores, -np.inf)
            return softmax(scores)
        eye = np.eye(g["K"].shape[0])
        return scaled_dot_product_attention(g["Q"], g["K"], eye, mask=mask, causal=causal)[1]

    def rows(m):
        return m if s.get("row") is None else m[s["row"] : s["row"] + 1]

    if t == "scores":
        return g["Q"] @ g["K"].T
    if t == "scaled_scores":
        return g["Q"] @ g["K"].T / math.sqrt(g["Q"].shape[1])
    if t in ("weights_row", "weights"):
        return rows(weights())
    if t == "argmax_key":
        return rows(np.argmax(weights(), axis=1)[:, None].astype(float))
    if t == "temperature":
        return np.vstack([softmax(g["S"] / temp) for temp in s["temperatures"]])
    if t == "output":
        if "A" in g:
            return g["A"] @ g["V"]
        return scaled_dot_product_attention(g["Q"], g["K"], g["V"])[0]
    if t == "causal_mask":
        if s["target"] == "masked":
            return np.where(causal_mask(*g["S"].shape), g["S"], -np.inf)
        return weights(causal=True)
    if t == "padding_mask":
        return weights(mask=g["mask"])
    if t == "qkv_projection":
        return g["X"] @ g["W_" + s["ask"]]
    if t == "symmetry":
        q, k = (g["Q"], g["K"]) if "Q" in g else (g["X"] @ g["W_Q"], g["X"] @ g["W_K"])
        out = [np.allclose(q @ k.T, (q @ k.T).T)]
        if len(s["asks"]) > 1:
            w = scaled_dot_product_attention(q, k, np.eye(len(k)))[1]
            out.append(np.allclose(w, w.T))
        return np.array([out], float)
    if t == "multihead_shapes":
        b, n, dm, h, kv = (s[x] for x in ("batch", "seq_len", "d_model", "num_heads", "num_kv_heads"))
        if d.level == 1:
            return np.array([[dm / h]])
        q = (b, h, n, dm // h)
        return np.array([q] if d.level == 2 else [q, (b, kv, n, dm // h), (b, h, n, n)], float)
    if t == "gqa_mapping":
        mapping = np.repeat(np.arange(s["num_kv_heads"]), s["num_heads"] // s["num_kv_heads"])  # repeat_interleave
        return mapping[list(s["heads"])][None, :].astype(float)
    if t == "kv_cache_step":
        cache = KVCache(g["K_cache"], g["V_cache"])
        out, w, _ = decode_step(g["q_t"], g["k_t"], g["v_t"], cache)
        return w if s["target"] == "weights" else out
    raise AssertionError(t)


def assert_humane(d: Drill):
    g, s = d.given, d.setup
    if "d_k" in s:
        assert s["d_k"] in (1, 4, 9, 16) and math.isqrt(s["d_k"]) ** 2 == s["d_k"]
    for name in ("Q", "K", "V", "X", "W_Q", "W_K", "W_V", "S", "K_cache", "V_cache", "q_t", "k_t", "v_t"):
        if name in g:
            m = g[name]
            assert np.all(m == np.round(m)) and np.all(np.abs(m) <= 4), name
            assert np.abs(m).max() <= 3 or name == "S"
    if "A" in g:
        np.testing.assert_allclose(g["A"].sum(axis=1), 1.0)
        assert np.allclose(g["A"] * 10, np.round(g["A"] * 10)) and g["A"].max() <= 0.7
    if d.type_id not in SOFTMAX_TYPES or (d.type_id == "symmetry" and d.level < 3) or "A" in g:
        return
    if "S" in g:
        stacks = [g["S"] * (1 / math.sqrt(s["d_k"])) / t for t in s.get("temperatures", (1.0,))]
    elif "q_t" in g:
        stacks = [g["q_t"] @ np.vstack([g["K_cache"], g["k_t"]]).T / math.sqrt(s["d_k"])]
    else:
        q, k = (g["Q"], g["K"]) if "Q" in g else (g["X"] @ g["W_Q"], g["X"] @ g["W_K"])
        stacks = [q @ k.T / math.sqrt(q.shape[1])]
    for scaled in stacks:
        allowed = np.ones(scaled.shape, bool)
        if s.get("causal"):
            allowed &= causal_mask(*scaled.shape)
        if "mask" in g:
            allowed &= np.broadcast_to(g["mask"], scaled.shape)
        assert allowed.any(axis=1).all(), "no fully masked rows"
        w = softmax(np.where(allowed, scaled, -np.inf))
        for row, keep, wr in zip(scaled, allowed, w):
            if keep.sum() > 1:
                assert np.ptp(row[keep]) <= 4.0, "scaled scores span at most 4"
                assert wr.max() <= 0.95, "softmax must not saturate"


@pytest.mark.parametrize("type_id,level", ATTENTION)
@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**63 - 1))
def test_generated_drills_are_humane_and_agree_with_attention_py(type_id, level, seed):
    d = generate(type_id, level, seed)
    assert_humane(d)
    got = recompute(d)
    if d.answer_kind == "float":
        np.testing.assert_allclose(d.expected, got, rtol=0, atol=1e-12)
    else:
        np.testing.assert_array_equal(d.expected, got)


def test_argmax_drills_have_one_clear_winner():
    for seed in range(40):
        d = generate("argmax_key", 3, seed)
        w = scaled_dot_product_attention(d.given["Q"], d.given["K"], np.eye(d.given["K"].shape[0]))[1]
        top2 = np.sort(w, axis=1)[:, -2:]
        assert np.all(top2[:, 1] - top2[:, 0] > 0.05)


def test_drill_engine_never_imports_textual():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual' or name.startswith('textual.'):\n"
        "            raise ImportError('textual is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import qkvstudy.drills as d\n"
        "import qkvstudy.drills.attention, qkvstudy.drills.spec, qkvstudy.drills.explain\n"
        "d.check(d.generate('weights', 2, 1), d.generate('weights', 2, 1).expected)\n"
        "assert not any(m.startswith('textual') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
