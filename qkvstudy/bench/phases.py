"""What the benchmark runs inside a process of its own: the floor it compares imports with, and the
in-process scheduling loop (fetch the next card, grade it, write it back), timed per grade.

    python -m qkvstudy.bench.phases floor ROOT
    python -m qkvstudy.bench.phases schedule ROOT DB GRADES [--no-write-back]

Each prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def floor(root: Path) -> dict[str, object]:
    """Read every note and load its front-matter with PyYAML's C loader: nothing less can import."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".md"):
                text = Path(dirpath, name).read_bytes().decode("utf-8")
                if text.startswith("---\n"):
                    end = text.find("\n---\n", 4)
                    yaml.load(text[4:end], Loader=loader)
                count += 1
    return {"files": count}


def schedule(root: Path, db: Path, grades: int, write_back: bool) -> dict[str, object]:
    """Seconds per fetch, per grade (with or without write-back) and per both, over `grades` cards."""
    # A copy: write-back moves the graded notes' next_review on, so grading the kept library again
    # (`--dir`) would find fewer notes due at the fixed clock each run and grade drill cards instead.
    with tempfile.TemporaryDirectory(prefix="qkvstudy-schedule-") as tmp:
        copy = Path(tmp) / "notes"
        shutil.copytree(root, copy)
        return _schedule(copy, db, grades, write_back)


def _schedule(root: Path, db: Path, grades: int, write_back: bool) -> dict[str, object]:
    from qkvstudy.config import Settings
    from qkvstudy.study import Study
    from qkvstudy.views import CardKind

    clock = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    os.environ["QKVSTUDY_NOW"] = clock.isoformat()
    settings = Settings(new_per_day=100_000, reviews_per_day=100_000)
    study = Study.open(db=str(db), notes=root, settings=settings, write_back=write_back)
    study.scan()
    # The library was just copied and rescanned (and, in a full run, imported five times): hundreds of MB
    # the kernel is still writing out. A write-back's fsync would wait behind them (2.1 ms a grade on a
    # quiet disk, 3.7 ms right after a 100k run), so the grades start once they are on disk.
    os.sync()
    rng = random.Random(3)
    fetch: list[float] = []
    grade: list[float] = []
    total: list[float] = []
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
        if write_back and card.kind == CardKind.NOTE and not outcome.wrote_back:
            raise SystemExit(f"write-back failed during the benchmark: {outcome.message}")
        fetch.append(t1 - t0)
        grade.append(t2 - t1)
        total.append(t2 - t0)
    study.close()
    return {"fetch": fetch, "grade": grade, "total": total}


def main(argv: list[str]) -> None:
    phase, *rest = argv
    if phase == "floor":
        result = floor(Path(rest[0]))
    elif phase == "schedule":
        result = schedule(Path(rest[0]), Path(rest[1]), int(rest[2]), "--no-write-back" not in rest)
    else:
        raise SystemExit(f"unknown phase {phase}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
