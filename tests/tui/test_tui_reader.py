"""The screens' slow reads in the app's reader thread: one thread, one Study, the newest keystroke wins."""

from __future__ import annotations

import asyncio
import threading

import pytest
from conftest import settle, wait_for

from qkvstudy.study import Study
from qkvstudy.tui.reader import Overtaken, Reader
from qkvstudy.tui.screens.browse import BrowseScreen
from qkvstudy.tui.screens.home import ALL_TOPICS, COLUMNS, HomeScreen

WAIT = 10.0  # seconds a blocked read waits at most: a broken test fails instead of hanging


async def test_reads_share_one_thread_and_study_and_a_newer_read_overtakes_an_older_one(library):
    opened: list[Study] = []

    def factory() -> Study:
        opened.append(library.open())
        return opened[-1]

    reader = Reader(factory)
    release = threading.Event()
    try:
        blocker = asyncio.ensure_future(reader.read(lambda study: release.wait(WAIT)))
        older = asyncio.ensure_future(reader.read(lambda study: study.search("头").cards, latest="filter"))
        newer = asyncio.ensure_future(reader.read(lambda study: study.search("tag:Math").cards, latest="filter"))
        other = asyncio.ensure_future(reader.read(lambda study: threading.get_ident()))
        release.set()
        assert await blocker is True
        with pytest.raises(Overtaken):
            await older  # asked before the newer one ran: skipped, never run
        assert [c.topic for c in await newer] == ["Math"]
        thread = await other
        assert thread != threading.get_ident() and await reader.read(lambda study: threading.get_ident()) == thread
        assert len(opened) == 1  # one Study for every read
        fresh = await reader.read(lambda study: study, fresh=True)
        assert len(opened) == 2 and fresh is opened[1]
    finally:
        reader.close()
    with pytest.raises(RuntimeError):  # closed: its thread has ended
        await reader.read(lambda study: study.search("头"))


async def test_browse_shows_the_newest_filter_when_searches_queue_up(make_app, monkeypatch):
    """Keystrokes typed while a search runs: the rows on screen are the last text's, and the
    texts in between are never searched."""
    searched: list[str] = []
    search = Study.search

    def recording(self: Study, query: str = "", *args: object, **kwargs: object):
        searched.append(query)
        return search(self, query, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Study, "search", recording)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen) and app.screen.searched == "")
        browse = app.screen
        release = threading.Event()
        blocked = asyncio.ensure_future(app.read(lambda study: release.wait(WAIT)))
        searched.clear()
        for text in ("头", "头x", "tag:Math"):  # typed while the reader is busy
            browse.query_one("#filter").value = text
            await pilot.pause()
        release.set()
        await blocked
        await settle(pilot, lambda: browse.searched == "tag:Math")
        assert searched == ["tag:Math"]
        assert [c.topic for c in browse.cards] == ["Math"]
        assert browse.query_one("#notes").row_count == 1


async def test_home_first_row_is_the_counts_of_all_topics(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        home = app.screen
        assert home.counts_shown
        counts = app.study.counts()
        table = home.query_one("#topics")
        row = table.get_row(ALL_TOPICS)
        assert [int(cell) for cell in row[1:]] == [getattr(counts, key) for key in COLUMNS[1:]]
        assert str(counts.left) in str(home.query_one("#next-up").render())


async def test_a_read_that_fails_is_one_line_and_the_screen_stays(make_app, library):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        library.db.unlink()  # the database is gone under the app
        library.db.write_bytes(b"not a database")
        app.screen.refresh_counts()
        await wait_for(pilot, lambda: bool(app._notifications))
        assert isinstance(app.screen, HomeScreen)
        assert any("无法读取复习计划" in n.message for n in app._notifications)


async def test_the_startup_scan_begins_once_home_shows_its_first_counts(make_app):
    app = make_app(scan=True)
    seen: list[bool] = []
    start_scan = app.start_scan

    def recording() -> None:
        home = app.screen
        seen.append(isinstance(home, HomeScreen) and home.counts_shown)
        start_scan()

    app.start_scan = recording
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.last_scan is not None and app.screen.loaded)
        assert seen == [True]  # once, and only after the numbers were on screen
        assert app.last_scan.error is None
