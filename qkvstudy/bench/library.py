"""A synthetic library in the seed's format, for the benchmark: ~5 KB notes with front-matter, math,
code and related links, spread over topic folders, reproducible from a seed."""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = ["Transformer", "Attention变体", "位置编码", "推理优化", "训练技巧", "评估指标"]
PHRASES = [
    "注意力权重由 Query 与 Key 的点积决定，再经过 softmax 归一化。",
    "缩放因子 $\\frac{1}{\\sqrt{d_k}}$ 让点积的方差保持在 1 左右，避免 softmax 饱和。",
    "多头注意力把 $d_{model}$ 拆成 $h$ 个子空间，每个头学习不同的依赖关系。",
    "KV Cache 在解码时缓存历史的 $K$ 和 $V$，每步只计算新 token 的 $q_t$。",
    "因果掩码把未来位置的分数设为 $-\\infty$，softmax 之后权重为 0。",
    "RoPE 通过旋转矩阵 $R_{\\theta,m}$ 把绝对位置编码成相对位置关系。",
]
CODE = """```python
import numpy as np

def attention(Q, K, V, mask=None):
    scores = Q @ K.T / np.sqrt(K.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(-1, keepdims=True))
    weights /= weights.sum(-1, keepdims=True)
    return weights @ V
```"""


def synthetic_note(i: int, n: int, rng: random.Random) -> tuple[str, str]:
    """(relative path, text) of a seed-sized note (~5 KB) with front-matter, math, code and links."""
    topic = TOPICS[i % len(TOPICS)]
    name = f"问题{i:05d}.md"
    reviewed = rng.random() < 0.4
    last = f"'2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}'" if reviewed else "null"
    nxt = f"'2026-{rng.randint(10, 12):02d}-{rng.randint(1, 28):02d}'"
    body = []
    for s in range(1, 6):
        body.append(f"### {s}. 第{s}部分\n")
        body.extend(rng.choice(PHRASES) for _ in range(6))
        body.append("")
        if s % 2:
            body.append(CODE + "\n")
    links = []
    for _ in range(3):
        j = rng.randrange(n)
        t = TOPICS[j % len(TOPICS)]
        links.append(f"- [问题{j:05d}](notes/{t}/问题{j:05d}.md) - 相似度: {rng.randint(10, 60)}% | 标签: {t}")
    text = (
        f"---\ncreated: '2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'\nlast_reviewed: {last}\n"
        f"next_review: {nxt}\nreview_count: {rng.randint(1, 6) if reviewed else 0}\n"
        f"difficulty: {rng.choice(['easy', 'medium', 'hard'])}\nmastery_level: {round(rng.random(), 2) if reviewed else 0.0}\n"
        f"tags:\n- {topic}\n- {topic}/{name}\nrelated_outlines: []\n---\n"
        f"# 第{i}题：{rng.choice(PHRASES)[:20]}为什么成立？\n\n## 面试标准答案\n\n"
        + "\n".join(f"- {rng.choice(PHRASES)}" for _ in range(4))
        + "\n\n## 详细技术解析\n\n"
        + "\n".join(body)
        + "\n---\n\n## 相关笔记\n<!-- 自动生成 -->\n\n"
        + "\n".join(links)
        + "\n"
    )
    return f"{topic}/{name}", text


def generate_library(root: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(n):
        rel, text = synthetic_note(i, n, rng)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def library_bytes(root: Path) -> int:
    """Bytes of every note on disk (file sizes), to compare the database with."""
    return sum(p.stat().st_size for p in root.rglob("*.md"))
