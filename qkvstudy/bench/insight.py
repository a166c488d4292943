"""Insight benchmarks, timed as whole processes (python -m qkvstudy.bench.insight [--repeats 5]):

- `qkvstudy stats --json` on a library with 100,000 reviews;
- the stats screen's first frame on an 80×24 pseudo-terminal, same database, opened as the app opens it
  (numbers computed in a worker), and the moment every pane is drawn (headless, whole process);
- `qkvstudy optimize` on 20,000 reviews (the log loss before/after is printed too).

The review logs come from the simulated learner (qkvstudy.schedule.learner) answering what the app's own
scheduler asks, card by card, over a year; they are written straight into the database (the notes are
real files, indexed once by `qkvstudy import`). Targets: stats and the first frame ≤ 0.5 s, optimize ≤ 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from qkvstudy.bench.library import generate_library
from qkvstudy.bench.process import first_frame, run_command
from qkvstudy.config import Settings
from qkvstudy.schedule import memory
from qkvstudy.schedule.learner import FORGETFUL, Learner
from qkvstudy.schedule.optimize import DEFAULT_PARAMETERS
from qkvstudy.store.models import Card, ReviewLog, naive
from qkvstudy.study import Study
from qkvstudy.views import CardKind

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
START = NOW - timedelta(days=365)
# As the app opens it (cli/app.py: a Study factory that imports the Study when first called; the
# numbers computed in a worker): the screen's first frame.
STATS_FRAME = """
from qkvstudy.tui.app import QkvApp
from qkvstudy.tui.screens.stats import StatsScreen

def study_factory():
    from qkvstudy.study import Study

    return Study.open()

app = QkvApp(study_factory=study_factory, scan=False)
app.get_default_screen = StatsScreen  # straight onto the stats screen
app.run()
"""

# The same, headless at 80x24, to the moment every number and plot is drawn: prints time.time() then.
STATS_NUMBERS = """
import asyncio, time
from qkvstudy.study import Study
from qkvstudy.tui.app import QkvApp
from qkvstudy.tui.screens.stats import StatsScreen

async def main():
    app = QkvApp(study_factory=Study.open, scan=False, cursor_blink=False, freeze_gc=False)
    app.get_default_screen = StatsScreen
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, StatsScreen) and app.screen.loaded):
            await pilot.pause(0.002)
        print(repr(time.time()))

asyncio.run(main())
"""

# In a running app (headless, 80x24): from pressing `s` on home to the numbers drawn on the stats screen.
OPEN_FROM_HOME = """
import asyncio, time
from qkvstudy.study import Study
from qkvstudy.views import CardKind
from qkvstudy.tui.app import QkvApp
from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.stats import StatsScreen

async def main():
    app = QkvApp(study_factory=Study.open, scan=False, cursor_blink=False, freeze_gc=False)
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.loaded):
            await pilot.pause(0.01)
        start = time.perf_counter()
        await pilot.press("s")
        while not (isinstance(app.screen, StatsScreen) and app.screen.loaded):
            await pilot.pause(0.005)
        print(f"{time.perf_counter() - start:.4f}")

asyncio.run(main())
"""


def _iso(value: datetime) -> str:
    """A time as review-log snapshots hold it: naive UTC ISO 8601."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat()


def populate(db: Path, notes: Path, reviews: int, learner_parameters: tuple[float, ...]) -> int:
    """A year of the learner's reviews, card after card, until `reviews` are logged. Returns the count."""
    os.environ["QKVSTUDY_NOW"] = START.isoformat()
    study = Study.open(db=str(db), notes=notes, settings=Settings())
    scheduler = memory.make_scheduler(Settings())
    learner = Learner(learner_parameters, seed=11)
    with study.sessions() as s:
        cards = list(s.scalars(select(Card).where(Card.kind == CardKind.NOTE).order_by(Card.id)))
    per_day = max(1, len(cards) // 300)  # introduced over ten months, so most cards have a history
    logs: list[dict[str, object]] = []
    states: list[dict[str, object]] = []
    for j, card in enumerate(cards):
        if len(logs) >= reviews:
            break
        when = START + timedelta(days=j // per_day, seconds=j % per_day * 30)
        fcard = memory.to_fsrs(card.id, "new", None, None, None, when, None)
        reps, lapses, state = 0, 0, "new"
        while when < NOW and len(logs) < reviews:
            before = {"state": state, "step": fcard.step, "stability": fcard.stability, "difficulty": fcard.difficulty,
                      "due": _iso(fcard.due), "last_review": _iso(fcard.last_review) if fcard.last_review else None,
                      "reps": reps, "lapses": lapses, "suspended": False, "buried_until": None}  # fmt: skip
            rating = learner.answer(card.id, when)
            fcard, _ = memory.review(scheduler, fcard, rating, when, reps)
            new = memory.from_fsrs(fcard)
            lapses += state == "review" and rating == 1
            reps += 1
            after = {**before, **{k: (_iso(v) if isinstance(v, datetime) else v) for k, v in new.items()},
                     "reps": reps, "lapses": lapses}  # fmt: skip
            logs.append(
                dict(
                    card_id=card.id,
                    rating=rating,
                    reviewed_at=naive(when),
                    duration_ms=8000 + 100 * (reps % 40),
                    state_before=state,
                    state_after=new["state"],
                    before=before,  # JSON columns: the dicts themselves
                    after=after,
                    frontmatter_before=None,
                )  # fmt: skip
            )
            state = str(new["state"])
            when = max(fcard.due, when + timedelta(minutes=1))
        if reps:
            states.append(dict(id=card.id, reps=reps, lapses=lapses, **{k: naive(v) if isinstance(v, datetime) else v for k, v in memory.from_fsrs(fcard).items()}))  # fmt: skip
    with study.sessions.begin() as s:
        s.execute(insert(ReviewLog), logs)
        s.execute(update(Card), states)
    study.close()
    return len(logs)


def figure(name: str, values: list[float], target: float) -> str:
    ok = "ok" if statistics.median(values) <= target else "OVER"
    return (
        f"{name:<44} min {min(values):6.3f}  median {statistics.median(values):6.3f}  max {max(values):6.3f} s"
        f"  (target ≤ {target:g} s: {ok})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--optimize-reviews", type=int, default=20_000)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args(argv)
    work = args.dir or Path(tempfile.mkdtemp(prefix="qkv-insight-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QKVSTUDY_")}
    env.update(
        QKVSTUDY_DATA_DIR=str(work / "data"), QKVSTUDY_CONFIG_DIR=str(work / "config"), QKVSTUDY_NOW=NOW.isoformat()
    )
    qkv = [sys.executable, "-m", "qkvstudy.cli"]
    out: list[str] = []
    for label, n_notes, reviews, params in (
        ("big", 12_000, args.reviews, DEFAULT_PARAMETERS),
        ("opt", 3_000, args.optimize_reviews, FORGETFUL),
    ):
        notes, db = work / f"notes-{label}", work / f"{label}.db"
        if not db.exists():
            started = time.perf_counter()
            generate_library(notes, n_notes)
            run_command(
                [*qkv, "import", "--db", str(db), "--notes", str(notes), "--no-write-back", str(notes)],
                env,
                accept=(0, 1),
            )
            count = populate(db, notes, reviews, params)
            print(
                f"{label}: {n_notes:,} notes, {count:,} reviews, prepared in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
    big = {**env, "QKVSTUDY_DB": str(work / "big.db"), "QKVSTUDY_NOTES": str(work / "notes-big")}
    opt = {**env, "QKVSTUDY_DB": str(work / "opt.db"), "QKVSTUDY_NOTES": str(work / "notes-opt")}
    stats_runs, frame_runs, opt_runs, due_runs, floor_runs, open_runs, numbers_runs = [], [], [], [], [], [], []
    run_command([*qkv, "stats", "--json"], big)  # a database at head (an older one migrates once) and warm
    for _ in range(args.repeats):
        floor_runs.append(run_command([*qkv, "config"], big).seconds)  # interpreter + imports: the floor
        due_runs.append(run_command([*qkv, "due", "--json"], big).seconds)  # open + rescan + a query: a reference
        stats_runs.append(run_command([*qkv, "stats", "--json"], big).seconds)
        frame_runs.append(first_frame([sys.executable, "-c", STATS_FRAME], big))
        spawned = time.time()
        numbers_runs.append(float(run_command([sys.executable, "-c", STATS_NUMBERS], big).output) - spawned)
        open_runs.append(float(run_command([sys.executable, "-c", OPEN_FROM_HOME], big).output))
        (work / "config" / "settings.toml").unlink(missing_ok=True)  # every run fits from the defaults
        run = run_command([*qkv, "optimize", "--no-write-back"], opt)
        opt_runs.append(run.seconds)
    data = json.loads(run_command([*qkv, "stats", "--json"], big).output)
    out.append(f"stats: {data['total_reviews']:,} reviews; optimize output of the last run:")
    out.append(run.output.decode("utf-8").rstrip())
    out.append(figure("qkvstudy config (the floor, for reference)", floor_runs, float("inf")))
    out.append(figure("qkvstudy due --json (same library, reference)", due_runs, float("inf")))
    out.append(figure("qkvstudy stats --json (100k reviews)", stats_runs, 0.5))
    out.append(figure("stats screen, first frame (whole process), 80x24", frame_runs, 0.5))
    out.append(figure("stats screen, every pane drawn (whole process)", numbers_runs, float("inf")))
    out.append(figure("in the app: s on home -> numbers drawn", open_runs, 0.5))
    out.append(figure("qkvstudy optimize (20k reviews)", opt_runs, 10))
    out.append(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
