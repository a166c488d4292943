"""Headless timing of the app on a (large) library, for `qkvstudy bench`.

Every figure is measured with Textual's Pilot in this process, so the start-up time is given
next to a bare Textual App started the same way in the same run (their ratio is what matters
across machines). Grades are undone at the end, so the library and its schedule are left as found.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App

SIZE = (100, 30)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _row(name: str, values: list[float], unit: str, target: str = "") -> dict:
    scale = 1000.0 if unit == "ms" else 1.0
    return {
        "name": name,
        "median": round(statistics.median(values) * scale, 3),
        "p95": round(_percentile(values, 0.95) * scale, 3),
        "n": len(values),
        "unit": unit,
        "target": target,
    }


async def _until(pilot, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    # A plain sleep, not pilot.pause(): that one walks every widget on each call, and a busy
    # main thread starves the workers (GIL), which would slow what is being measured.
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await asyncio.sleep(0.002)


async def _bare_startup() -> float:
    """Seconds to a bare App's first frame, clocked the same way as the home screen's."""
    start = time.perf_counter()
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        paints = _Paints(app)
        paints.state = lambda: True
        await _until(pilot, lambda: bool(paints.log))
        return paints.log[0][0] - start


async def _home_startup(factory) -> tuple[float, float, float | None]:
    """Seconds to the home screen on screen (usable), to its counts shown, to the rescan's end."""
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.screens.home import HomeScreen

    start = time.perf_counter()
    app = QkvApp(study_factory=factory, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        paints = _Paints(app)
        paints.state = lambda: (isinstance(app.screen, HomeScreen), getattr(app.screen, "loaded", False))
        await _until(pilot, lambda: any(loaded for _, (_, loaded) in paints.log))
        shown = next(stamp for stamp, (home, _) in paints.log if home) - start
        counts = next(stamp for stamp, (_, loaded) in paints.log if loaded) - start
        try:
            await _until(pilot, lambda: app.last_scan is not None, timeout=600)
            scanned = time.perf_counter() - start
        except TimeoutError:
            scanned = None
    return shown, counts, scanned


class _Paints:
    """Timestamps of the app's screen updates, with what the review screen showed at each.

    Pilot's own waits sleep in 20 ms steps, too coarse for a 50 ms target; so keys go straight to
    the driver and the clock stops at the first screen update that shows the new state.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.log: list[tuple[float, object]] = []
        self.state: Callable[[], object] = lambda: None
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.log.append((time.perf_counter(), self.state()))

        app._display = display

    async def time_key(self, key: str, shows: Callable[[object], bool], timeout: float = 30.0) -> float:
        from textual import events

        self.log.clear()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app._driver.send_message(event)
        deadline = start + timeout
        while time.perf_counter() < deadline:
            for stamp, state in self.log:
                if shows(state):
                    return stamp - start
            await asyncio.sleep(0.0005)
        raise TimeoutError(f"no screen update showed the effect of {key!r}")


async def _review(factory, grades: int) -> tuple[list[float], list[float], int, int]:
    """(reveal times, grade -> next question times, grades committed, next card ready in advance)."""
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.screens.review import Phase, ReviewScreen

    app = QkvApp(study_factory=factory, start="review", scan=False, cursor_blink=False)
    reveals: list[float] = []
    nexts: list[float] = []
    done = 0
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.current is not None)
        review = app.screen
        paints = _Paints(app)
        paints.state = lambda: (
            review.current.card.card_id if review.current else None,
            review.phase is Phase.ANSWER and bool(review.query_one("#answer-box").display),
        )
        for _ in range(grades):
            if review.current is None or app.screen is not review:
                break
            # The user reads the question while its answer and the next card are prepared.
            await _until(pilot, lambda: review.preparing is None or review.preparing.is_finished)
            shown = review.current.card.card_id
            reveals.append(await paints.time_key("space", lambda state, shown=shown: state == (shown, True)))
            nexts.append(await paints.time_key("3", lambda state, shown=shown: state[0] != shown))
            done += 1
            if review.current is None:
                nexts.pop()  # the queue ran dry: that was the summary, not a question
                break
        prepared = review.session.prepared_in_advance
        await pilot.pause()
    return reveals, nexts, done, prepared


def run_tui_bench(db_url: str, notes_dir: Path, repeats: int = 3, grades: int = 30) -> list[dict]:
    """Rows of {name, median, p95, n, unit, target}. The library is imported first if it is not yet."""
    from qkvstudy.study import Study

    def factory() -> Study:
        return Study.open(db=db_url, notes=notes_dir)

    study = factory()  # import first: what is timed is a start on an imported library
    try:
        study.scan()
    finally:
        study.close()

    async def measure() -> list[dict]:
        bare, home, counts, scans = [], [], [], []
        await _bare_startup()  # warm the imports, so neither side pays for them
        for _ in range(max(1, repeats)):
            bare += [await _bare_startup(), await _bare_startup()]  # cheap, and noisy: twice
            shown, counted, scanned = await _home_startup(factory)
            home.append(shown)
            counts.append(counted)
            if scanned is not None:
                scans.append(scanned)
        reveals, nexts, done, prepared = await _review(factory, max(30, grades))
        return [bare, home, counts, scans, reveals, nexts, done, prepared]

    bare, home, counts, scans, reveals, nexts, done, prepared = asyncio.run(measure())

    study = factory()  # leave the schedule and the front-matter as they were
    try:
        for _ in range(done):
            study.undo()
    finally:
        study.close()

    rows = [
        _row("tui: bare Textual app start-up", bare, "s"),
        _row("tui: start-up to home screen on screen", home, "s"),
        {
            "name": "tui: start-up ratio (home on screen / bare app)",
            "median": round(statistics.median(home) / statistics.median(bare), 2),
            "p95": None,
            "n": len(home),
            "unit": "x",
            "target": "",
        },
        _row("tui: start-up to home counts shown", counts, "s"),
    ]
    if scans:
        rows.append(_row("tui: background rescan finished (from start)", scans, "s"))
    if reveals:
        rows.append(_row("tui: reveal answer", reveals, "ms", "median ≤ 100 ms"))
    if nexts:
        rows.append(_row("tui: grade -> next question", nexts, "ms", "median ≤ 50 ms"))
        rows.append(
            {
                "name": "tui: next card prepared while reading",
                "median": prepared,
                "p95": None,
                "n": done,
                "unit": "grades",
                "target": "",
            }
        )
    return rows
