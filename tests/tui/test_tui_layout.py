"""Layout: at 80×24 the review header never breaks inside a word and no toast covers the grade bar;
at 160×45 the prose keeps a readable measure and home's panels sit side by side."""

from __future__ import annotations

from conftest import settle
from rich.cells import cell_len
from textual.widgets._toast import Toast

from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.review import Phase, ReviewScreen
from qkvstudy.tui.widgets.meta_line import SEPARATOR, fit_phrases


def test_header_keeps_whole_phrases():
    rest = ["复习", "中等", "稳定性 3.2 天", "难度 5.0/10", "回忆概率 87%"]
    first, kept = fit_phrases("Transformer", rest, 40)
    line = first + "".join(SEPARATOR + p for p in kept)
    assert cell_len(line) <= 40 and kept == rest[: len(kept)] and kept
    assert fit_phrases("T", rest, 200)[1] == rest


async def test_review_at_80x24_header_on_one_line_and_toasts_above_the_grades(make_app):
    app = make_app(start="review", topic="Transformer")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        app.study.grade(review.current.card.card_id, 4)  # a card with memory state: a long header
        app.study.undo()
        await pilot.press("space")
        await settle(pilot, lambda: review.phase is Phase.ANSWER)
        meta = review.query_one("#card-meta")
        assert meta.region.height == 1
        await pilot.press("s")  # suspend: a toast comes up
        await settle(pilot)
        for _ in range(20):  # the toast rack is filled after a refresh
            if app.screen.query(Toast):
                break
            await pilot.pause(0.05)
        grades = review.query_one("#grades").region if review.is_current else None
        toasts = list(app.screen.query(Toast))
        assert toasts
        if grades is not None:
            assert all(not toast.region.overlaps(grades) for toast in toasts)


async def test_wide_terminal_prose_measure_and_home_side_by_side(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        home = app.screen
        assert home.query_one("#today").region.x > home.query_one("#topics").region.right - 1
        assert home.query_one("#topics").region.height > 30  # the table keeps the whole height
        await pilot.press("r")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await pilot.press("space")
        await settle(pilot, lambda: review.phase is Phase.ANSWER)
        box = review.query_one("#answer-box").region
        assert 90 <= box.width <= 104
        assert box.x > 20  # centred, not hugging the left edge
