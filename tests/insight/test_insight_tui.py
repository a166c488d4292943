"""The stats and card-info screens, driven with Pilot over a real SQLite history."""

from __future__ import annotations

import io

import pytest
from insight_helpers import wait_for
from rich.console import Console

from qkvstudy.tui.screens.card_info import CardInfoScreen
from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.stats import StatsScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])


def reviewing(app) -> bool:
    """The review screen shows a question whose answer and next card are prepared (its worker is done)."""
    from qkvstudy.tui.screens.review import Phase, ReviewScreen

    screen = app.screen
    return (
        isinstance(screen, ReviewScreen)
        and screen.phase is Phase.QUESTION
        and (screen.preparing is None or screen.preparing.is_finished)
    )


def shown(static) -> str:
    """A Static's content as plain text, as it is laid out 100 columns wide."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def stats_ready(app) -> bool:
    return isinstance(app.screen, StatsScreen) and app.screen.loaded


async def test_stats_opens_from_home_shows_the_log_and_simulates(make_app, library):
    study = library.open()
    logs = len(study.history.review_logs())
    study.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await pilot.press("s")
        await wait_for(pilot, lambda: stats_ready(app))
        screen = app.screen
        assert screen.stats.total_reviews == logs > 0
        assert f"复习总数 {logs}" in str(screen.query_one("#stats-summary").render())
        assert screen.query_one("#stats-tabs").active == "stats-overview"
        await pilot.press("m")
        await wait_for(pilot, lambda: screen.tuned)
        assert screen.query_one("#stats-tabs").active == "stats-tune-tab"  # the result is shown
        tune = shown(screen.query_one("#stats-tune"))
        assert "0.70" in tune and "0.97" in tune and "*" in tune  # the current retention is marked
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.tuned)
        assert "至少需要 400 次" in shown(screen.query_one("#stats-tune"))  # too little history: unchanged
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_card_info_from_review_lists_every_grade(make_app, library):
    app = make_app(start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        from qkvstudy.tui.screens.review import ReviewScreen

        await wait_for(pilot, lambda: reviewing(app))
        card_id = app.screen.current.card.card_id
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, CardInfoScreen))
        history = app.study.history.review_logs(card_id)
        table = app.screen.query_one("#info-history")
        assert table.row_count == len(history) > 0
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_card_info_from_browse(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        from qkvstudy.tui.screens.browse import BrowseScreen

        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await pilot.pause(0.2)
        await pilot.press("down", "i")  # the filter has the keys: i acts in the table
        await wait_for(pilot, lambda: isinstance(app.screen, CardInfoScreen))
        assert "稳定性" in str(app.screen.query_one("#info-summary").render())


STATS_SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])


@STATS_SIZES
@pytest.mark.parametrize(
    "tab, keys",
    [("overview", ()), ("forecast", ("right",)), ("memory", ("right", "right")), ("topics", ("left", "left"))],
    ids=["overview", "forecast", "memory", "topics"],
)
def test_stats_snapshot(snap_compare, make_app, size, tab, keys):
    """Every pane as the learner sees it, at 80×24 and 160×45 (←/→ go from tab to tab, round the end)."""
    app = make_app()

    async def ready(pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await pilot.press("s")
        await wait_for(pilot, lambda: stats_ready(app))
        await pilot.press(*keys)
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_stats_memory_scrolled_to_its_last_plot_at_80x24(snap_compare, make_app):
    app = make_app()

    async def ready(pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await pilot.press("s")
        await wait_for(pilot, lambda: stats_ready(app))
        await pilot.press("right", "right", "end")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@SIZES
def test_card_info_snapshot(snap_compare, make_app, library, size):
    study = library.open()
    card_id = max(study.search().cards, key=lambda c: c.reviews).card_id
    study.close()
    app = make_app()

    async def ready(pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        app.open_card_info(card_id)
        await wait_for(pilot, lambda: isinstance(app.screen, CardInfoScreen))

    assert snap_compare(app, terminal_size=size, run_before=ready)


async def test_a_lapse_that_makes_a_leech_shows_a_toast_and_suspends(make_app, library):
    from qkvstudy import config

    settings = config.settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("leech_threshold = 1\n", encoding="utf-8")  # the first lapse makes a leech
    study = library.open()
    due_reviews = [c for c in study.due() if c.state == "review" and c.kind == "note"]
    study.close()
    assert due_reviews, "the fixture leaves reviews due today"
    app = make_app(start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: reviewing(app))
        while app.screen.current.card.state != "review":  # learning cards first: pass them
            await pilot.press("space", "3")
            await wait_for(pilot, lambda: reviewing(app))
        card_id = app.screen.current.card.card_id
        await pilot.press("space", "1")
        await wait_for(pilot, lambda: any("leech" in str(n.message) for n in app._notifications))
        message = next(str(n.message) for n in app._notifications if "leech" in str(n.message))
    study = library.open()
    card = study.card(card_id)
    assert card.suspended and card_id in [lc.card_id for lc in study.insight.leeches()]
    assert message == f"这张卡片已遗忘 {card.lapses} 次，标记为 leech，并已暂停"
    study.close()
