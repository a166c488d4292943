"""Pilot journeys through the real app: a real Study, a SQLite file, a copy of a library."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import settle, wait_for

from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.review import Phase, ReviewScreen
from qkvstudy.tui.screens.summary import SummaryScreen


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def answer_shown(screen: ReviewScreen) -> bool:
    return screen.phase is Phase.ANSWER and screen.query_one("#answer-box").display


async def test_review_reveal_grade_undo_quit(make_app, library):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.current is not None)
        review = app.screen
        first = review.current
        assert review.query_one("#question").render().plain == first.question

        await pilot.press("space")
        await wait_for(pilot, lambda: answer_shown(review))
        assert review.query_one("#answer").source == first.answer_markdown != ""

        await pilot.press("3")
        await wait_for(pilot, lambda: review.current.card.card_id != first.card.card_id)
        assert len(app.study.history.review_logs(first.card.card_id)) == 1
        note_file = library.notes / first.card.path
        assert front_matter(note_file)["review_count"] == 1

        await pilot.press("u")  # the graded card comes back, its log and front-matter undone
        await wait_for(pilot, lambda: review.current.card.card_id == first.card.card_id)
        assert app.study.history.review_logs(first.card.card_id) == []
        assert front_matter(note_file)["review_count"] == 0
        assert review.session.reviewed == 0

        await pilot.press("space", "3")
        await wait_for(pilot, lambda: review.current.card.card_id != first.card.card_id)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "已复习  1" in str(app.screen.query_one("#summary-text").render().plain)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))

    study = library.open()
    try:
        logs = study.history.review_logs()
        assert [(log["card_id"], log["rating"]) for log in logs] == [(first.card.card_id, 3)]
    finally:
        study.close()
    fm = front_matter(note_file)
    assert fm["review_count"] == 1
    assert fm["last_reviewed"] == "2026-11-24"


async def start_review(app, pilot, topic_key: str = "r") -> ReviewScreen:
    await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press(topic_key)
    await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
    return app.screen


async def test_details_related_and_note_view(make_app):
    from qkvstudy.tui.screens.note_view import NoteViewScreen
    from qkvstudy.tui.screens.related import RelatedScreen

    app = make_app(start="review", topic="Transformer")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await pilot.press("t")  # details also reveal the answer
        await settle(pilot, lambda: len(review.query("#details .section-title")) == len(review.current.details))
        assert review.phase is Phase.ANSWER and review.query_one("#details").display
        titles = [label.render().plain for label in review.query("#details .section-title")]
        assert titles == [title for title, _ in review.current.details]
        await pilot.press("t")
        assert not review.query_one("#details").display

        # Find the note that lists related notes (QKV是什么), then open its link read-only.
        while review.current.content.question != "QKV是什么":
            await pilot.press("z")  # bury: not this one today
            await settle(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, RelatedScreen))
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, NoteViewScreen) and app.screen.query("#note-sections .section-body")
        )
        shown = app.screen.query_one("#question").render().plain
        assert shown == "Query、Key、Value的概念来源和物理意义"
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.screen is review)


async def test_math_is_rendered_as_unicode(make_app):
    app = make_app(start="review", topic="Math")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert review.query_one("#question").render().plain == "为什么注意力要除以 √dₖ？"
        await pilot.press("space")
        await wait_for(pilot, lambda: answer_shown(review))
        shown = " ".join(str(block.render()) for block in review.query("#answer MarkdownBlock"))
        assert "$" not in shown
        assert "√dₖ" in shown


async def test_suspend_in_review_and_nothing_due(make_app, library):
    app = make_app(start="review", topic="Math")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        card_id = app.screen.current.card.card_id
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert app.screen.title_text == "暂无到期卡片"
        assert app.study.card(card_id).suspended


async def test_browse_filter_chinese_suspend_reset(make_app):
    from qkvstudy.tui.screens.browse import BrowseScreen
    from qkvstudy.tui.screens.confirm import ConfirmScreen
    from qkvstudy.tui.screens.note_view import NoteViewScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen))
        browse = app.screen
        table = browse.query_one("#notes")
        await wait_for(pilot, lambda: table.row_count == 3)  # read in the app's reader thread

        for key in (
            "数据库索引"
        ):  # typed at once: the filter has the keys  # a phrase of the seed note's body, not of any title
            await pilot.press(key)
        await wait_for(pilot, lambda: table.row_count == 1)
        assert browse.cards[0].title == "Query、Key、Value的概念来源和物理意义"
        await pilot.press("enter")  # leaves the filter for the table
        await pilot.press("enter")  # opens the note
        await wait_for(pilot, lambda: isinstance(app.screen, NoteViewScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is browse)

        card_id = browse.selected.card_id
        await pilot.press("s")  # the table has the focus: s suspends
        assert app.study.card(card_id).suspended
        await pilot.press("u")  # and undo takes it back
        await settle(pilot)
        assert not app.study.card(card_id).suspended
        await pilot.press("s", "s")  # s again resumes
        assert not app.study.card(card_id).suspended

        app.study.grade(card_id, 3)
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is browse)
        assert app.study.card(card_id).state == "new"

        await pilot.press("slash", "end")  # back to the filter; clear it: everything again
        for _ in range(5):
            await pilot.press("backspace")
        await wait_for(pilot, lambda: table.row_count == 3)
        await pilot.press("enter")  # back in the table
        while browse.sort != "title":  # o: sort by the next column
            await pilot.press("o")
        await settle(pilot)
        assert [c.title for c in browse.cards] == sorted(c.title for c in browse.cards)
        await pilot.press("O")
        await settle(pilot)
        assert [c.title for c in browse.cards] == sorted((c.title for c in browse.cards), reverse=True)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_drill_cards_come_up_in_a_session(make_app):
    from qkvstudy.tui.screens.drill import DrillScreen as drill_screen

    app = make_app(start="review", topic="drills")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, drill_screen))
        review = app.screen_stack[-2]
        await pilot.press("escape")  # leave the drill without grading it
        await wait_for(pilot, lambda: app.screen is review and review.phase is Phase.PAUSED)
        assert len(review.skipped) == 1
        await pilot.press("space")  # the next card: another drill
        await wait_for(pilot, lambda: isinstance(app.screen, drill_screen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is review and review.phase is Phase.PAUSED)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))


async def test_browse_reads_pages_and_keeps_the_whole_library_browsable(make_app, monkeypatch):
    from qkvstudy.tui.screens import browse as browse_module

    monkeypatch.setattr(browse_module, "ROW_LIMIT", 2)
    monkeypatch.setattr(browse_module, "PAGE_AHEAD", 1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, browse_module.BrowseScreen))
        browse = app.screen
        table = browse.query_one("#notes")
        assert table.row_count == 2 and browse.more
        # Every match is counted, not only the rows read so far.
        assert "3 条笔记 · 向下滚动读取更多" in browse.query_one("#browse-status").render().plain
        await pilot.press("down", "down")  # into the table, then to its last row: the next page
        await settle(pilot)
        assert table.row_count == 3 and not browse.more
        assert [c.card_id for c in browse.cards] == [c.card_id for c in app.study.search("").cards]


async def test_browse_typing_is_text_and_search_syntax(make_app):
    """Letters typed in browse filter (they never act on a note); one Chinese character filters too."""
    from qkvstudy.tui.screens.browse import BrowseScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        browse = app.screen
        table = browse.query_one("#notes")
        await pilot.press("s", "R", "o")  # table keys, but the filter has the focus: text
        assert browse.query_one("#filter").value == "sRo"
        assert not any(app.study.card(c.card_id).suspended for c in app.study.search("").cards)
        browse.query_one("#filter").value = ""
        await pilot.press("头")  # one character
        await settle(pilot)
        assert {c.title for c in browse.cards} == {"QKV是什么", "Query、Key、Value的概念来源和物理意义"}
        browse.query_one("#filter").value = ""
        for key in "tag:Math":
            await pilot.press(key)
        await settle(pilot)
        assert [c.topic for c in browse.cards] == ["Math"]
        browse.query_one("#filter").value = "is:new is:later"
        await settle(pilot)
        assert table.row_count == 3
        assert "is:later" in browse.query_one("#browse-status").render().plain
