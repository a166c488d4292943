"""Review as in Anki: grades only after the answer; space = Good then; undo of every session action,
in order, from review, the completion screen and home; a completion screen that stays."""

from __future__ import annotations

from conftest import settle

from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.review import Phase, ReviewScreen
from qkvstudy.tui.screens.summary import SummaryScreen


async def test_grades_wait_for_the_answer_then_space_is_good(make_app):
    app = make_app(start="review", topic="Transformer")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        first = review.current.card.card_id
        await pilot.press("1", "2", "3", "4")  # on the question side: nothing happens
        await settle(pilot)
        assert review.current.card.card_id == first and app.study.history.review_logs(first) == []
        await pilot.press("space")  # shows the answer
        await settle(pilot, lambda: review.phase is Phase.ANSWER)
        await pilot.press("space")  # now it means Good
        await settle(pilot, lambda: review.current.card.card_id != first)
        assert [log["rating"] for log in app.study.history.review_logs(first)] == [3]


async def test_undo_every_action_in_order_from_review_summary_and_home(make_app, library):
    app = make_app(start="review", topic="Transformer")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        graded = review.current.card
        await pilot.press("space", "4")  # grade Easy: out of today's queue
        await settle(pilot, lambda: review.current.card.card_id != graded.card_id)
        buried = review.current.card
        await pilot.press("z")  # bury: the topic has nothing left
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        summary = app.screen
        assert app.study.card(buried.card_id).buried
        assert "明天" in summary.query_one("#summary-tomorrow").render().plain

        await pilot.press("space", "3", "q", "x")  # stray keys: the completion screen stays
        await settle(pilot)
        assert app.screen is summary

        await pilot.press("u")  # from the completion screen: the bury comes back, shown again
        await settle(pilot, lambda: app.screen is review and review.phase is Phase.QUESTION)
        assert not app.study.card(buried.card_id).buried
        assert review.current.card.card_id == buried.card_id

        await pilot.press("s")  # suspend it
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert app.study.card(buried.card_id).suspended
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))

        await pilot.press("u")  # from home: the suspend, then the grade
        await settle(pilot)
        assert not app.study.card(buried.card_id).suspended
        assert len(app.study.history.review_logs(graded.card_id)) == 1
        await pilot.press("u")
        await settle(pilot)
        assert app.study.history.review_logs(graded.card_id) == []
        assert app.study.card(graded.card_id) == graded  # exactly as before the session
        await pilot.press("u")
        await settle(pilot)
        assert "没有可撤销的操作。" in [str(n.message) for n in app._notifications]


async def test_undo_of_a_reset_from_browse_restores_the_schedule_and_front_matter(make_app, library):
    from qkvstudy.tui.screens.browse import BrowseScreen
    from qkvstudy.tui.screens.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        card = app.study.search("tag:Math").cards[0]
        app.study.grade(card.card_id, 3)
        before = app.study.card(card.card_id)
        note = library.notes / card.path
        text_before = note.read_bytes()
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        for key in "tag:Math":
            await pilot.press(key)
        await pilot.press("enter", "R")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert app.study.card(card.card_id).state == "new"
        await pilot.press("u")
        await settle(pilot)
        assert app.study.card(card.card_id) == before
        assert note.read_bytes() == text_before


async def test_counts_are_one_definition(make_app, library):
    """Home's table, home's today line, the review's 'left' and the facade agree; suspending a card
    does not shrink the total, it moves to the suspended column."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        home = app.screen
        table = home.query_one("#topics")
        counts = app.study.counts()
        assert table.get_row("All topics")[1:] == [counts.new, counts.learning, counts.due, counts.total, 0]
        assert app.study.queue_size() == counts.left
        today = home.query_one("#today").render().plain
        assert f"新卡 {counts.new} · 学习中 {counts.learning} · 到期 {counts.due}" in today
        math = app.study.counts("Math")
        card = app.study.search("tag:Math").cards[0]
        app.study.suspend(card.card_id)
        home.refresh_counts()
        await settle(pilot)
        row = table.get_row("Math")
        assert row[5] == 1 and row[4] == math.total  # suspended apart, total unchanged
        assert app.study.counts("Math").new == math.new - 1


async def test_a_first_review_waits_for_the_first_scan(tmp_path, monkeypatch):
    """A fresh database: `review --topic T` opens before the library is read, and waits for it
    instead of saying nothing is due."""
    import shutil

    from conftest import FIXTURE_NOTES, PINNED_NOW

    from qkvstudy.study import Study
    from qkvstudy.tui.app import QkvApp

    monkeypatch.setenv("QKVSTUDY_NOW", PINNED_NOW)
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(tmp_path / "config"))
    shutil.copytree(FIXTURE_NOTES, tmp_path / "notes")
    app = QkvApp(
        study_factory=lambda: Study.open(db=str(tmp_path / "fresh.db"), notes=tmp_path / "notes"),
        start="review",
        topic="Transformer",
        scan=True,
        cursor_blink=False,
        freeze_gc=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen) and not app.scanning)
        review = app.screen
        assert review.phase is Phase.QUESTION
        assert review.current.card.topic == "Transformer"
