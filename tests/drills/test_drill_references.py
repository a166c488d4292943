"""The newer drill types against independent implementations: plain Python (math, complex numbers,
loops) written from the formulas, and PyTorch where it has the operation (optional)."""

from __future__ import annotations

import cmath
import math

import numpy as np
import pytest

from qkvstudy.drills import check, generate, parse_answer

SEEDS = range(30)


def row(d, name):
    return [float(v) for v in np.asarray(d.given[name]).ravel()]


def kv_bytes(p):
    return [
        [
            2 * p["layers"] * p["batch"] * p["seq_len"] * kv * p["d_head"] * p["bytes_per_value"]
            for kv in p["num_kv_heads"]
        ]
    ]


def flops(d):
    p = d.params
    if d.level == 1:
        return [[2 * p["seq_len"] * p["seq_len"] * p["d_head"]]]
    prefill = 2 * p["seq_len"] * p["seq_len"] * p["d_model"] * 2  # Q·Kᵀ and A·V
    return [[prefill]] if d.level == 2 else [[prefill, 4 * p["context"] * p["d_model"]]]


def mha(d):
    p = d.params
    dm, h = p["d_model"], p["num_heads"]
    if d.level == 1:
        return [[4 * dm * dm]]
    if d.level == 2:
        return [[dm * dm + 2 * dm * p["num_kv_heads"] * (dm // h) + dm * dm]]
    b, lq, lkv = p["batch"], p["len_q"], p["len_kv"]
    return [[b, h, lq, dm // h], [b, h, lkv, dm // h], [b, h, lq, lkv]]


def lse(xs):
    m = max(xs)
    return m + math.log(sum(math.exp(x - m) for x in xs))


def stable(d):
    xs = row(d, "x")
    if d.level == 1:
        return [[lse(xs)]]
    if d.level == 2:
        return [[math.exp(x - lse(xs)) for x in xs]]
    return [[x - lse(xs) for x in xs]]


def layer_norm(d):
    xs = row(d, "x")
    mu = sum(xs) / len(xs)
    sigma = math.sqrt(sum((x - mu) ** 2 for x in xs) / len(xs))
    if d.level == 1:
        return [[mu, sigma]]
    xhat = [(x - mu) / sigma for x in xs]
    if d.level == 2:
        return [xhat]
    return [[g * v + b for g, v, b in zip(row(d, "gamma"), xhat, row(d, "beta"))]]


def rms_norm(d):
    xs = row(d, "x")
    rms = math.sqrt(sum(x * x for x in xs) / len(xs))
    if d.level == 1:
        return [[rms]]
    gains = row(d, "g") if d.level == 3 else [1.0] * len(xs)
    return [[g * x / rms for g, x in zip(gains, xs)]]


def rope(d):
    p = d.params
    theta = math.radians(p["theta_degrees"])
    q = complex(*row(d, "q"))
    if d.level < 3:
        z = q * cmath.exp(1j * p["m"] * theta)  # a 2-d rotation is a complex product
        return [[z.real, z.imag]]
    k = complex(*row(d, "k"))

    def score(m, n):
        a, b = q * cmath.exp(1j * m * theta), k * cmath.exp(1j * n * theta)
        return (a * b.conjugate()).real  # the dot product of two plane vectors

    return [[score(p["m"], p["n"]), score(p["m"] + p["shift"], p["n"] + p["shift"])]]


def alibi(d):
    p = d.params
    m = 2 ** (-8 * p["head"] / p["num_heads"])
    if d.level == 1:
        return [[m]]
    n = d.shape[0]
    s = d.given["S"] if d.level == 3 else np.zeros((n, n))
    return [[s[i][j] - m * (i - j) if j <= i else -math.inf for j in range(n)] for i in range(n)]


def sinusoidal(d):
    p = d.params
    dm, pos = p["d_model"], p["pos"]
    if d.level == 1:
        w = 1 / 10000 ** (2 * p["pair"] / dm)
        return [[w, pos * w]]
    out = []
    for i in range(dm // 2):
        angle = pos / 10000 ** (2 * i / dm)
        out += [math.sin(angle), math.cos(angle)]
    return [out]


def online(d):
    if d.level == 1:
        p = d.params
        m = max(p["m1"], p["m2"])
        return [[m, p["l1"] * math.exp(p["m1"] - m) + p["l2"] * math.exp(p["m2"] - m)]]
    xs = row(d, "x1") + row(d, "x2")  # the whole row at once: what the blocks must add up to
    m = max(xs)
    total = sum(math.exp(x - m) for x in xs)
    if d.level == 2:
        return [[m, total]]
    vs = row(d, "v1") + row(d, "v2")
    return [[m, total, sum(math.exp(x - m) / total * v for x, v in zip(xs, vs))]]


def mask(d):
    p = d.params
    lq, lkv = p["len_q"], p["len_kv"]
    out = []
    for i in range(lq):
        cells = []
        for j in range(lkv):
            if d.level == 1:
                ok = j <= i and j < lkv - p["pads"]
            elif d.level == 2:
                ok = j <= i and i - j < p["window"]
            else:
                ok = j <= lkv - lq + i
            cells.append(1 if ok else 0)
        out.append(cells)
    return out


REFERENCES = {
    "kv_cache_bytes": lambda d: kv_bytes(d.params),
    "attention_flops": flops,
    "mha_shapes_params": mha,
    "stable_softmax": stable,
    "layer_norm": layer_norm,
    "rms_norm": rms_norm,
    "rope_rotate": rope,
    "alibi_bias": alibi,
    "sinusoidal_pe": sinusoidal,
    "online_softmax": online,
    "mask_compose": mask,
}


@pytest.mark.parametrize("type_id", sorted(REFERENCES))
@pytest.mark.parametrize("level", [1, 2, 3])
def test_expected_answer_matches_an_independent_implementation(type_id, level):
    for seed in SEEDS:
        d = generate(type_id, level, seed)
        ref = np.array(REFERENCES[type_id](d), dtype=np.float64)
        atol = 1e-4 if (type_id, level) == ("online_softmax", 1) else 1e-9  # ℓ1, ℓ2 are stated to 4 decimals
        np.testing.assert_allclose(d.expected, ref, rtol=0, atol=atol)
        rounded = np.round(ref, d.decimals) if d.answer_kind == "float" else ref
        assert check(d, rounded).verdict == "right"  # a correctly rounded answer is always accepted


def test_integer_answers_may_be_typed_as_products():
    d = generate("kv_cache_bytes", 1, 0)
    p = d.params
    typed = f"2*{p['layers']}*{p['batch']}*{p['seq_len']}*{p['num_kv_heads'][0]}*{p['d_head']}*{p['bytes_per_value']}"
    assert check(d, parse_answer(typed, d.shape, "int")).verdict == "right"


def test_against_pytorch_where_it_has_the_operation():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    for seed in SEEDS:
        d = generate("stable_softmax", 3, seed)
        x = torch.tensor(row(d, "x"), dtype=torch.float64)
        np.testing.assert_allclose(d.expected[0], F.log_softmax(x, dim=0).numpy(), atol=1e-9)
        d = generate("layer_norm", 2, seed)
        x = torch.tensor(row(d, "x"), dtype=torch.float64)
        np.testing.assert_allclose(d.expected[0], F.layer_norm(x, (4,), eps=0.0).numpy(), atol=1e-9)
        d = generate("online_softmax", 3, seed)
        x = torch.tensor([row(d, "x1") + row(d, "x2")], dtype=torch.float64)
        v = torch.tensor([row(d, "v1") + row(d, "v2")], dtype=torch.float64).T
        out = F.scaled_dot_product_attention(
            torch.ones(1, 1, dtype=torch.float64), torch.ones(4, 1, dtype=torch.float64), v, attn_mask=x, scale=0.0
        )
        assert d.expected[0, 2] == pytest.approx(float(out[0, 0]), abs=1e-9)
