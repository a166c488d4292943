"""Home's first counts come from the database file (facade.quick_counts.FileCounts) before any Study opens,
then refresh from the Study; a key pressed at once after the start still does what it says."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import settle, wait_for

from qkvstudy.facade.quick_counts import FileCounts
from qkvstudy.tui.app import QkvApp
from qkvstudy.tui.screens.browse import BrowseScreen
from qkvstudy.tui.screens.drill import DrillScreen
from qkvstudy.tui.screens.help import HelpScreen
from qkvstudy.tui.screens.home import ALL_TOPICS, COLUMNS, HomeScreen
from qkvstudy.tui.screens.review import ReviewScreen
from qkvstudy.tui.screens.stats import StatsScreen


class Gate:
    """A Study factory that opens no Study until the test says so (bounded: a forgotten gate fails)."""

    def __init__(self, library, delay: float = 0.0) -> None:
        self.library = library
        self.delay = delay
        self.open = threading.Event()
        self.opened = 0

    def __call__(self):
        assert self.open.wait(10), "the gate was never opened"
        time.sleep(self.delay)
        self.opened += 1
        return self.library.open()


def _app(library, factory) -> QkvApp:
    file_counts = FileCounts(f"sqlite:///{library.db}")
    return QkvApp(study_factory=factory, cursor_blink=False, freeze_gc=False, scan=False, file_counts=file_counts)


def _expected(library):
    study = library.open()
    try:
        return study.counts(), study.topics()
    finally:
        study.close()


def _row(home: HomeScreen, key: str) -> list[object]:
    return list(home.query_one("#topics").get_row(key)[1:])


async def test_home_shows_the_files_counts_while_no_study_can_open(library):
    counts, topics = _expected(library)
    gate = Gate(library)
    app = _app(library, gate)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            home = app.screen
            assert isinstance(home, HomeScreen)
            await wait_for(pilot, lambda: home.counts_shown and home.query_one("#topics").row_count > 1)
            assert gate.opened == 0 and not home.loaded  # no Study yet: these numbers came from the file
            assert _row(home, ALL_TOPICS) == [getattr(counts, f) for f in COLUMNS[1:]]
            for topic in topics:
                assert _row(home, topic.topic) == [getattr(topic, f) for f in COLUMNS[1:]]
            gate.open.set()
            await settle(pilot, lambda: home.loaded)
            assert gate.opened >= 1  # the Study's reads followed and refreshed them
            assert _row(home, ALL_TOPICS) == [getattr(counts, f) for f in COLUMNS[1:]]
    finally:
        gate.open.set()


async def test_the_studys_counts_replace_the_files(library):
    """What the file said is refreshed from the Study: a grade made meanwhile shows once it has read."""
    gate = Gate(library)
    app = _app(library, gate)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            home = app.screen
            await wait_for(pilot, lambda: home.counts_shown)
            before = _row(home, ALL_TOPICS)
            study = library.open()
            try:
                card = study.next_card()
                study.suspend(card.card_id)
            finally:
                study.close()
            gate.open.set()
            await settle(pilot, lambda: home.loaded)
            after = _row(home, ALL_TOPICS)
            assert after[COLUMNS.index("suspended") - 1] == before[COLUMNS.index("suspended") - 1] + 1
    finally:
        gate.open.set()


def _in_review(app) -> bool:
    return isinstance(app.screen, ReviewScreen) and app.screen.current is not None


def _in_browse(app) -> bool:
    return isinstance(app.screen, BrowseScreen) and app.screen.searched is not None


KEYS = [
    (("r",), _in_review),
    (("b",), _in_browse),
    (("s",), lambda app: isinstance(app.screen, StatsScreen)),
    (("d",), lambda app: isinstance(app.screen, DrillScreen)),
    (("question_mark",), lambda app: isinstance(app.screen, HelpScreen)),
]


@pytest.mark.parametrize(("keys", "arrived"), KEYS, ids=[k[0][0] for k in KEYS])
async def test_a_key_pressed_at_once_after_the_start_works(library, keys, arrived):
    counts, _topics = _expected(library)
    gate = Gate(library, delay=0.2)  # every Study opens a little late: the keys land before any does
    gate.open.set()
    app = _app(library, gate)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await settle(pilot, lambda: arrived(app))
        for _ in range(3):  # back home (a review shows its summary first)
            if not isinstance(app.screen, HomeScreen):
                await pilot.press("escape")
                await settle(pilot)
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        assert _row(app.screen, ALL_TOPICS)[COLUMNS.index("total") - 1] == counts.total


async def test_enter_on_the_files_counts_starts_a_review(library):
    gate = Gate(library, delay=0.2)
    app = _app(library, gate)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.screen.counts_shown)
            assert gate.opened == 0 and not app.screen.loaded  # only the file's counts are on screen
            gate.open.set()  # (the review opens the app's Study in the UI thread: it must be able to)
            await pilot.press("enter")  # the topics table has the focus; its first row is all topics
            await settle(pilot, lambda: _in_review(app))
    finally:
        gate.open.set()


async def test_quitting_at_once_ends_the_app_and_its_reader(library):
    gate = Gate(library, delay=0.2)
    gate.open.set()
    app = _app(library, gate)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert not any(t.name.startswith("qkvstudy-reader") for t in threading.enumerate())
