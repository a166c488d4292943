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
from qkvstudy.tui.screens.summary import SummaryScreen

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
        await settle(pilot)

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
        await settle(pilot)

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
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await pilot.press(*"多头")  # the filter has the keys from the start
        await wait_for(
            pilot, lambda: isinstance(app.screen, BrowseScreen) and app.screen.query_one("#notes").row_count == 2
        )

    assert snap_compare(app, terminal_size=size, run_before=ready)


# English (language = "en"): every screen in one language, Textual's own words included.
EN_SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])


@EN_SIZES
def test_home_english(snap_compare, make_app, english, size):
    app = make_app()

    async def ready(pilot):
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))

    assert snap_compare(app, terminal_size=size, run_before=ready)


@EN_SIZES
def test_review_answer_english(snap_compare, make_app, english, size):
    app = make_app(start="review", topic="Transformer")

    async def ready(pilot):
        await settle(pilot, lambda: reviewing(app))
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_review_answer_wide(snap_compare, make_app):
    """160×45: the prose keeps a readable measure (about 100 columns), centred."""
    app = make_app(start="review", topic="Transformer")

    async def ready(pilot):
        await settle(pilot, lambda: reviewing(app))
        while app.screen.current.content.question != "QKV是什么":
            await pilot.press("z")
            await settle(pilot, lambda: reviewing(app))
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=ready)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_completion_screen(snap_compare, make_app, lang, request, monkeypatch):
    from qkvstudy.tui.screens import review

    if lang == "en":
        request.getfixturevalue("english")
    monkeypatch.setattr(review, "monotonic", lambda: 100.0)  # the time spent shows as 0 s, always
    app = make_app(start="review", topic="Math")

    async def ready(pilot):
        await settle(pilot, lambda: reviewing(app))
        await pilot.press("space", "4")
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_palette_with_textual_commands(snap_compare, make_app, lang, request):
    if lang == "en":
        request.getfixturevalue("english")
    app = make_app()

    async def ready(pilot):
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+p")
        # Textual's own Screenshot command, found by its name in the app's language.
        await pilot.press(*("截图" if lang == "zh" else "screensh"))
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_browse_and_help_80x24(snap_compare, make_app, lang, request):
    """Browse filtered by a tag in the syntax, then the help over it: one language each."""
    from qkvstudy.tui.screens.help import HelpScreen

    if lang == "en":
        request.getfixturevalue("english")
    app = make_app()

    async def ready(pilot):
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await pilot.press(*"tag:Transformer", "enter", "f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
