"""`qkvstudy bench`: generate a synthetic library in the seed format and time the product on it.

Each timed phase runs in a fresh subprocess (so peak memory is that phase's own, children
included) and is repeated; medians are reported, with each import phase's ratio to the floor
(read every file and load its front-matter, nothing else). These machines are shared and noisy:
compare ratios measured in the same run, not absolute times across runs.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
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


# --- phases (each runs in its own process) ----------------------------------------------------


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024  # Linux reports KiB


def phase_floor(root: Path) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    t = time.perf_counter()
    count = 0
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            if f.endswith(".md"):
                text = Path(dirpath, f).read_bytes().decode("utf-8")
                if text.startswith("---\n"):
                    end = text.find("\n---\n", 4)
                    yaml.load(text[4:end], Loader=loader)
                count += 1
    return {"seconds": time.perf_counter() - t, "files": count, "peak_mb": _peak_mb()}


def phase_import(root: Path, db: Path, change_one: bool = False) -> dict:
    from qkvstudy.study import Study

    if change_one:
        victim = next(root.rglob("*.md"))
        victim.write_text(victim.read_text(encoding="utf-8") + "\n补充一行。\n", encoding="utf-8")
    t = time.perf_counter()
    study = Study.open(db=str(db), notes=root)
    report = study.scan()
    seconds = time.perf_counter() - t
    study.close()
    return {"seconds": seconds, "summary": report.summary(), "peak_mb": _peak_mb()}


def phase_schedule(root: Path, db: Path, grades: int) -> dict:
    """Fetch the next card, grade it, write its front-matter back: timed per grade."""
    from datetime import datetime, timedelta

    from qkvstudy.config import Settings
    from qkvstudy.study import Study

    clock = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    os.environ["QKVSTUDY_NOW"] = clock.isoformat()
    study = Study.open(db=str(db), notes=root, settings=Settings(new_per_day=100_000, reviews_per_day=100_000))
    study.scan()
    rng = random.Random(3)
    fetch, grade, total = [], [], []
    for _ in range(grades):
        clock += timedelta(seconds=20)
        os.environ["QKVSTUDY_NOW"] = clock.isoformat()
        t0 = time.perf_counter()
        card = study.next_card()
        t1 = time.perf_counter()
        if card is None:
            break
        outcome = study.grade(card.card_id, rng.choice((1, 3, 3, 3, 4)))
        t2 = time.perf_counter()
        assert outcome.wrote_back or card.kind != CardKind.NOTE, outcome.message
        fetch.append(t1 - t0)
        grade.append(t2 - t1)
        total.append(t2 - t0)
    study.close()
    return {"fetch": fetch, "grade": grade, "total": total, "peak_mb": _peak_mb()}


def _fresh_db(path: Path) -> Path:
    """A database path with no file (nor WAL companions) left from an earlier run."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def _fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def _run_phase(name: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "qkvstudy.bench", name, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"bench phase {name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run_bench(args) -> int:
    n, repeats = args.notes_count, args.repeats
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="qkvstudy-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    root = work / "notes"
    if not root.is_dir() or sum(1 for _ in root.rglob("*.md")) != n:
        shutil.rmtree(root, ignore_errors=True)
        t = time.perf_counter()
        generate_library(root, n)
        print(f"generated {n} notes in {time.perf_counter() - t:.1f} s under {root}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {repeats} runs\n")

    if "import" not in args.skip:
        rows = []
        floor = [_run_phase("floor", str(root)) for _ in range(repeats)]
        cold, nochange, one = [], [], []
        for r in range(repeats):
            db = _fresh_db(work / f"import-{r}.db")
            cold.append(_run_phase("import", str(root), str(db)))
            nochange.append(_run_phase("import", str(root), str(db)))
            one.append(_run_phase("import", str(root), str(db), "--change-one"))
        f = statistics.median(x["seconds"] for x in floor)
        rows.append(("floor: read + front-matter", floor))
        rows.append(("cold import", cold))
        rows.append(("no-change re-import", nochange))
        rows.append(("one file changed", one))
        print(f"{'import, ' + str(n) + ' notes':<30}{'median s':>10}{'notes/s':>10}{'× floor':>9}{'peak MB':>9}")
        for label, runs in rows:
            s = statistics.median(x["seconds"] for x in runs)
            peak = max(x["peak_mb"] for x in runs)
            print(f"{label:<30}{s:>10.3f}{n / s:>10.0f}{s / f:>9.2f}{peak:>9.0f}")
        print(f"  ({cold[0]['summary']})\n")

    if "schedule" not in args.skip:
        db = _fresh_db(work / "schedule.db")
        sched_root = _fresh_copy(root, work / "schedule-notes")  # grades write the notes back
        res = _run_phase("schedule", str(sched_root), str(db), str(args.grades))
        print(
            f"{'scheduling, ' + str(n) + ' notes, ' + str(len(res['total'])) + ' grades':<40}{'median ms':>10}{'p95 ms':>9}"
        )
        for key, label in (
            ("fetch", "fetch next card"),
            ("grade", "grade + write-back"),
            ("total", "fetch + grade + write"),
        ):
            vals = res[key]
            print(f"{label:<40}{statistics.median(vals) * 1000:>10.2f}{_pct(vals, 0.95) * 1000:>9.2f}")
        print()

    if "tui" not in args.skip:
        from qkvstudy.tui.bench import run_tui_bench

        db = _fresh_db(work / "tui.db")
        tui_root = _fresh_copy(root, work / "tui-notes")
        tui_rows = run_tui_bench(f"sqlite:///{db}", tui_root, repeats)
        print(f"{'app, headless, ' + str(n) + ' notes':<52}{'median':>9}{'p95':>9}  unit  target")
        for row in tui_rows:
            p95 = f"{row['p95']:>9.3f}" if isinstance(row.get("p95"), float) else f"{'':>9}"
            median = row["median"]
            median = f"{median:>9.3f}" if isinstance(median, float) else f"{median:>9}"
            print(f"{row['name'].removeprefix('tui: '):<52}{median}{p95}  {row['unit']:<5} {row.get('target') or ''}")
    return 0


def _main(argv: list[str]) -> None:
    phase, *rest = argv
    if phase == "floor":
        result = phase_floor(Path(rest[0]))
    elif phase == "import":
        result = phase_import(Path(rest[0]), Path(rest[1]), change_one="--change-one" in rest)
    elif phase == "schedule":
        result = phase_schedule(Path(rest[0]), Path(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"unknown phase {phase}")
    print(json.dumps(result))


if __name__ == "__main__":
    _main(sys.argv[1:])
