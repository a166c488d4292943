"""SVG snapshots of the main screens at 100×30 and 80×24 (Chinese wrapping, math, tables).

Clock pinned (QKVSTUDY_NOW via the library fixture), cursor blink off, no background rescan.
Update after an intended change: pytest tests/tui --snapshot-update, then look at the report.
"""

from __future__ import annotations

import pytest
from conftest import settle, wait_for

from qkvstudy.tui.screens.browse import BrowseScreen
from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.review import ReviewScreen

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


def reviewing(app):
    return isinstance(app.screen, ReviewScreen)


@SIZES
def test_home(snap_compare, make_app, size):
    app = make_app()

    async def ready(pilot):
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))

    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_review_question_math(snap_compare, make_app, size):
    app = make_app(start="review", topic="Math")

    async def ready(pilot):
        await settle(pilot, lambda: reviewing(app))

    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_review_answer_math_table(snap_compare, make_app, size):
    app = make_app(start="review", topic="Math")

    async def ready(pilot):
        await settle(pilot, lambda: reviewing(app))
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.revealed)

    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_review_answer_chinese_with_details(snap_compare, make_app, size):
    app = make_app(start="review", topic="Transformer")

    async def ready(pilot):
        await settle(pilot, lambda: reviewing(app))
        while app.screen.current.content.question != "QKV是什么":  # the long Chinese paragraph
            await pilot.press("z")
            await settle(pilot, lambda: reviewing(app))
        await pilot.press("t")
        await wait_for(pilot, lambda: app.screen.query_one("#details").loaded)

    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_browse(snap_compare, make_app, size):
    app = make_app()

    async def ready(pilot):
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen))

    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_browse_filtered_chinese(snap_compare, make_app, size):
    app = make_app()

    async def ready(pilot):
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b", "slash", *"多头")
        await wait_for(
            pilot, lambda: isinstance(app.screen, BrowseScreen) and app.screen.query_one("#notes").row_count == 2
        )

    assert snap_compare(app, terminal_size=size, run_before=ready)
