"""Headless timing of the app on a (large) library, for `qkvstudy bench`: what a user waits for
once the app runs (its start as a whole process is timed by bench.run, on a pseudo-terminal).

Every figure is measured with Textual's Pilot in this process and stops at the first screen
update that shows the effect (see `_Paints`). Before each key the benchmark waits as a reader
would: the app has finished what it does after a paint. Grades are undone at the end, so the
library and its schedule are left as found.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.widgets import Input

if TYPE_CHECKING:
    from qkvstudy.study import Study
    from qkvstudy.tui.app import FileCounts

SIZE = (100, 30)
NEEDLES = ("头", "注意", "softmax", "nomatchxyz")  # one and two Chinese characters, a word, nothing
READING = 0.25  # seconds "reading" before each key: the work the app does after a paint ends first


@dataclass
class Timing:
    """One figure: seconds per run, and the median it must not exceed (None: shown, not judged)."""

    name: str
    seconds: list[float] = field(default_factory=list)
    target: float | None = None


Factory = Callable[[], "Study"]


async def _until(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    # A plain sleep, not pilot.pause(): that one walks every widget on each call, and a busy
    # main thread starves the workers (GIL), which would slow what is being measured.
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await asyncio.sleep(0.002)


async def _idle(app: App[Any], extra: float = READING) -> None:
    """Until no worker of the app runs, then `extra` seconds: a user reading the screen."""
    await _until(lambda: all(w.is_finished for w in app.workers if w.group != "watch"))
    await asyncio.sleep(extra)


class _Paints:
    """Timestamps of the app's screen updates, with what `state()` said at each.

    Pilot's own waits sleep in 20 ms steps, too coarse for a 30 ms target; so keys go straight to
    the driver and the clock stops at the first screen update that shows the new state.
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.log: list[tuple[float, Any]] = []
        self.state: Callable[[], object] = lambda: None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.log.append((time.perf_counter(), self.state()))

        app._display = display  # type: ignore[method-assign]  # (an instance attribute shadows the method)

    async def time_key(self, key: str, shows: Callable[[Any], bool], timeout: float = 30.0) -> float:
        self.log.clear()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(self.app)
        driver = self.app._driver
        assert driver is not None
        start = time.perf_counter()
        driver.send_message(event)
        deadline = start + timeout
        while time.perf_counter() < deadline:
            for stamp, state in self.log:
                if shows(state):
                    return stamp - start
            await asyncio.sleep(0.0005)
        raise TimeoutError(f"no screen update showed the effect of {key!r}")


async def _bare_startup() -> float:
    """Seconds to a bare App's first frame, clocked the same way as the home screen's."""
    start = time.perf_counter()
    app: App[None] = App()
    async with app.run_test(size=SIZE):
        paints = _Paints(app)
        paints.state = lambda: True
        await _until(lambda: bool(paints.log))
        return paints.log[0][0] - start


async def _home_startup(factory: Factory, file_counts: FileCounts | None) -> tuple[float, float]:
    """Seconds from the app's start to home on screen, and to its first counts on screen (read from
    the file before the Study opens when `file_counts` is given, as `qkvstudy` does)."""
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.screens.home import HomeScreen

    start = time.perf_counter()
    app = QkvApp(study_factory=factory, cursor_blink=False, scan=True, file_counts=file_counts)
    async with app.run_test(size=SIZE):
        paints = _Paints(app)

        def state() -> tuple[bool, bool]:
            home = app.screen if isinstance(app.screen, HomeScreen) else None
            return home is not None, home is not None and home.counts_shown

        paints.state = state
        await _until(lambda: any(counted for _, (_, counted) in paints.log))
        shown = next(stamp for stamp, (home, _) in paints.log if home) - start
        counted = next(stamp for stamp, (_, counts) in paints.log if counts) - start
        await _idle(app, 0)
    return shown, counted


async def _browse(factory: Factory, repeats: int) -> dict[str, list[float]]:
    """Per needle: its last keystroke in the filter, to the screen update showing its rows."""
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.screens.browse import BrowseScreen

    app = QkvApp(study_factory=factory, cursor_blink=False, scan=False)
    times: dict[str, list[float]] = {needle: [] for needle in NEEDLES}
    async with app.run_test(size=SIZE) as pilot:
        app.open_browse()
        await _until(lambda: isinstance(app.screen, BrowseScreen) and app.screen.searched is not None)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        browse: BrowseScreen = screen
        paints = _Paints(app)
        paints.state = lambda: browse.searched
        field_ = browse.query_one("#filter", Input)
        for _ in range(max(1, repeats)):
            for needle in NEEDLES:
                field_.value = needle[:-1]  # all but the last character, already searched
                field_.cursor_position = len(field_.value)
                await _until(lambda: browse.searched == field_.value)
                await _idle(app)

                def shows(state: object, typed: str = needle) -> bool:
                    return state == typed

                times[needle].append(await paints.time_key(needle[-1], shows))
        field_.value = ""
        await _idle(app, 0)
        await pilot.pause()
    return times


async def _review(factory: Factory, grades: int) -> tuple[list[float], list[float], int, int]:
    """(reveal times, grade -> next question times, grades committed, next card ready in advance)."""
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.screens.review import Phase, ReviewScreen

    app = QkvApp(study_factory=factory, start="review", scan=False, cursor_blink=False)
    reveals: list[float] = []
    nexts: list[float] = []
    done = 0
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: isinstance(app.screen, ReviewScreen) and app.screen.current is not None)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        review: ReviewScreen = screen
        paints = _Paints(app)
        paints.state = lambda: (
            review.current.card.card_id if review.current else None,
            review.phase is Phase.ANSWER and bool(review.query_one("#answer-box").display),
        )
        for _ in range(grades):
            if review.current is None or app.screen is not review:
                break
            await _idle(app)  # the user reads the question while its answer and the next card are prepared
            shown = review.current.card.card_id

            def revealed(state: tuple[int | None, bool], shown: int = shown) -> bool:
                return state == (shown, True)

            def moved_on(state: tuple[int | None, bool], shown: int = shown) -> bool:
                return state[0] != shown

            reveals.append(await paints.time_key("space", revealed))
            await _idle(app)  # and reads the answer
            nexts.append(await paints.time_key("3", moved_on))
            done += 1
            if review.current is None:
                nexts.pop()  # the queue ran dry: that was the summary, not a question
                break
        prepared = review.session.prepared_in_advance
        await _idle(app, 0)
        await pilot.pause()
    return reveals, nexts, done, prepared


def run_tui_bench(
    db_url: str, notes_dir: Path, repeats: int = 3, grades: int = 30, file_counts: FileCounts | None = None
) -> list[Timing]:
    """The app's figures on `notes_dir` (imported first if it is not yet)."""
    from qkvstudy.study import Study

    def factory() -> Study:
        return Study.open(db=db_url, notes=notes_dir)

    study = factory()  # import first: what is timed is a start on an imported library
    try:
        study.scan()
    finally:
        study.close()

    bare = Timing("bare Textual app, first frame (in-process)")
    home = Timing("home on screen (in-process)")
    counts = Timing("counts on screen, from the app's start", target=0.300)
    reveal = Timing("reveal the answer", target=0.060)
    nexts = Timing("grade -> next question", target=0.030)

    async def measure() -> tuple[dict[str, list[float]], int, int]:
        await _bare_startup()  # warm the imports, so neither side pays for them
        for _ in range(max(1, repeats)):
            bare.seconds.append(await _bare_startup())
            shown, counted = await _home_startup(factory, file_counts)
            home.seconds.append(shown)
            counts.seconds.append(counted)
        keys = await _browse(factory, repeats)
        reveals, next_times, done, prepared = await _review(factory, max(1, grades))
        reveal.seconds += reveals
        nexts.seconds += next_times
        return keys, done, prepared

    keys, done, prepared = asyncio.run(measure())

    study = factory()  # leave the schedule and the front-matter as they were
    try:
        for _ in range(done):
            study.undo()
    finally:
        study.close()
    browse = [Timing(f"browse keystroke, {needle!r} (to its rows)", keys[needle], 0.100) for needle in NEEDLES]
    rows = [bare, home, counts, *browse, reveal, nexts]
    rows.append(Timing(f"next card prepared while reading: {prepared} of {done} grades"))
    return rows
