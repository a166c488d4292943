"""The drill screen against a real Study on a SQLite file: answer, get marked, grade.

Seeded drills, a pinned clock (QKVSTUDY_NOW) and a fake seconds counter keep the screens and the
proposed grades stable. Update the snapshots after an intended change with
`pytest tests/tui/test_tui_drill.py --snapshot-update` and look at the report.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from textual.app import App
from textual.widgets import Input, OptionList

import qkvstudy.tui.screens.drill as drill_screen
from qkvstudy.drills import DRILL_TYPES, AnswerError, check, generate, parse_answer, worked_solution
from qkvstudy.study import Study
from qkvstudy.tui.screens.drill import DrillScreen
from qkvstudy.tui.widgets.answer_grid import AnswerGrid, CellInput
from qkvstudy.tui.widgets.heatmap import Heatmap, heat_style, pack_blocks
from qkvstudy.views import GOOD

PINNED_NOW = "2026-11-24T10:00:00+00:00"
SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
UNSET = object()


class FakeClock:
    """Seconds on the drill, advanced by hand: time spent answering is part of the grade."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(drill_screen, "_clock", fake)
    return fake


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QKVSTUDY_NOW", PINNED_NOW)
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QKVSTUDY_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "notes").mkdir()
    s = Study.open(db=str(tmp_path / "q.db"), notes=tmp_path / "notes")
    yield s
    s.close()


class DrillHost(App):
    """A bare app that shows one DrillScreen, remembers what it was dismissed with, and which
    phases the screen announced as fully shown (tests wait for those messages, not for flags)."""

    CSS_PATH = str(Path(drill_screen.__file__).parents[2] / "qkvstudy.tcss")
    cursor_blink = False  # read by the screen: a blinking cursor makes snapshots flaky

    def __init__(self, study: Study, **kwargs) -> None:
        super().__init__()
        self.study, self.kwargs, self.result = study, kwargs, UNSET
        self.shown: list[str] = []

    def on_drill_screen_phase_shown(self, message: DrillScreen.PhaseShown) -> None:
        self.shown.append(str(message.phase))

    def on_mount(self) -> None:
        self.push_screen(DrillScreen(self.study, **self.kwargs), callback=self.done)

    def done(self, result) -> None:
        self.result = result


async def until(pilot, predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the drill screen")
        await pilot.pause(0.01)
    await pilot.pause()


def drill_ready(app, phase: str):
    """The screen announced `phase` as its latest fully shown phase, and is still in it."""
    return lambda: (
        isinstance(app.screen, DrillScreen) and app.screen.phase == phase and bool(app.shown) and app.shown[-1] == phase
    )


def cells_2dp(m) -> list[str]:
    return [f"{v:.2f}" for v in np.asarray(m).ravel()]


async def type_cells(pilot, texts: list[str]) -> None:
    """Type each value into its cell, Tab to the next (as a learner would)."""
    for text in texts:
        await pilot.press(*text)
        await pilot.press("tab")


def shown_text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


# --- journeys -------------------------------------------------------------------------------------


async def test_right_answer_in_grid_is_recorded_and_graded_in_a_session(study, clock):
    card = study.drill_card("weights")
    app = DrillHost(study, card=card, seed=7)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        drill = screen.drill
        assert (drill.type_id, drill.seed) == ("weights", 7)
        assert isinstance(app.focused, CellInput) and (app.focused.row, app.focused.col) == (0, 0)
        clock.now += 600  # slow enough that a right answer proposes Good, not Easy
        await type_cells(pilot, cells_2dp(drill.expected))
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        assert screen.marked.verdict == "right" and screen.marked.proposed_rating == GOOD
        assert "全对" in shown_text(screen, "#drill-verdict")
        assert "▶" in shown_text(screen, "#drill-grades")  # the proposal is marked
        attempts = study.history.drill_attempts()
        assert len(attempts) == 1 and attempts[0]["score"] == 1.0 and attempts[0]["seed"] == 7
        assert attempts[0]["card_id"] == card.card_id and attempts[0]["seconds"] == 600.0
        assert not study.history.review_logs(card.card_id)  # graded only on commit
        await pilot.press("enter")  # accept the proposal
        await until(pilot, lambda: app.result is not UNSET)
    assert app.result == GOOD
    logs = study.history.review_logs(card.card_id)
    assert [log["rating"] for log in logs] == [GOOD]


async def test_standalone_grade_then_another_drill_then_leave(study, clock):
    app = DrillHost(study, drill_type="output", level=1, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        screen.query_one(AnswerGrid).set_texts([[f"{v:.2f}" for v in row] for row in screen.drill.expected])
        await pilot.press("ctrl+s")
        await until(pilot, drill_ready(app, "feedback"))
        await pilot.press("2")  # override the proposal
        await pilot.pause()
        assert screen.phase == "done" and app.result is UNSET  # standalone: stays for another
        assert "已记录" in shown_text(screen, "#drill-grades")
        await pilot.press("n")
        await until(pilot, drill_ready(app, "answer"))
        assert screen.drill.type_id == "output" and screen.drill.seed != 3  # a fresh variant
        await pilot.press("escape")  # leave without answering this one
        await until(pilot, lambda: app.result is not UNSET)
    assert app.result == 2
    card = study.drill_card("output")
    assert [log["rating"] for log in study.history.review_logs(card.card_id)] == [2]
    assert len(study.history.drill_attempts()) == 1


async def test_wrong_answer_names_the_mistake(study, clock):
    drill = generate("scaled_scores", 2, seed=11)
    unscaled = drill.given["Q"] @ drill.given["K"].T  # forgot to divide by √d_k
    expected = check(drill, unscaled)
    assert expected.diagnosis and "√d_k" in expected.diagnosis
    app = DrillHost(study, drill_type="scaled_scores", level=2, seed=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        screen.query_one(AnswerGrid).set_texts([[f"{v:.2f}" for v in row] for row in unscaled])
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        assert screen.marked.verdict == "wrong"
        assert expected.diagnosis in shown_text(screen, "#drill-diagnosis")
        assert "→" in shown_text(screen, "#drill-result")  # wrong cells show the expected value
        assert screen.query(Heatmap) or not any(s.heat for s in worked_solution(drill))
        assert len(study.history.drill_attempts()) == 1 and study.history.drill_attempts()[0]["score"] < 1
        await pilot.press("escape")  # leave ungraded: the attempt stays recorded
        await until(pilot, lambda: app.result is not UNSET)
    assert app.result is None
    assert not study.history.review_logs(study.drill_card("scaled_scores").card_id)
    assert len(study.history.drill_attempts()) == 1


async def test_malformed_line_answer_is_explained_then_fixed(study, clock):
    app = DrillHost(study, drill_type="weights", level=1, seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        drill = screen.drill
        await pilot.press("ctrl+l")
        line = screen.query_one("#drill-line", Input)
        assert screen.line_mode and app.focused is line
        await pilot.press(*"0.5 1/2; abc")
        await pilot.press("enter")
        await pilot.pause()
        with pytest.raises(AnswerError) as why:
            parse_answer("0.5 1/2; abc", drill.shape, kind=drill.answer_kind)
        message = screen.query_one("#drill-message")
        assert message.has_class("-error") and why.value.message in str(message.render())
        assert screen.phase == "answer" and study.history.drill_attempts() == []
        # The right answer, as a percentage and in e-notation too.
        a, b, c, d = drill.expected.ravel()
        line.value = f"{a * 100:.1f}% {b:.3e}；{c:.2f}，{d:.2f}"  # IME punctuation (；，) is fine
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        assert screen.marked.verdict == "right"
        assert len(study.history.drill_attempts()) == 1


async def test_cells_are_checked_as_you_type_and_empty_cells_are_named(study, clock):
    app = DrillHost(study, drill_type="weights", level=1, seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        await pilot.press(*"0.5x")
        first = screen.query_one("#cell-0-0", CellInput)
        assert first.has_class("-invalid")
        assert "第 1 行第 1 列" in shown_text(screen, "#drill-message")
        await pilot.press("backspace")
        assert not first.has_class("-invalid") and not screen.query_one("#drill-message").has_class("-error")
        await pilot.press("tab", *"80%", "tab", *"-inf")  # percentages and -inf are numbers too
        assert not screen.query_one("#cell-0-1", CellInput).has_class("-invalid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.phase == "answer" and study.history.drill_attempts() == []
        assert "第 2 行第 2 列还没填" in shown_text(screen, "#drill-message")
        assert (app.focused.row, app.focused.col) == (1, 1)  # the empty cell gets the focus


async def test_grid_keys_and_line_toggle_keep_the_values(study, clock):
    app = DrillHost(study, drill_type="causal_mask", level=2, seed=1)  # a 3×3 answer
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        at = lambda: (app.focused.row, app.focused.col)  # noqa: E731
        await pilot.press("1", "tab")
        assert at() == (0, 1)
        await pilot.press("down", "down")
        assert at() == (2, 1)
        await pilot.press("left")  # empty cell: the cursor is at its edge, so move on
        assert at() == (2, 0)
        await pilot.press("shift+tab")
        assert at() == (1, 2)
        await pilot.press("up", "2")
        grid = screen.query_one(AnswerGrid)
        assert grid.texts()[0] == ["1", "", "2"]
        await pilot.press("ctrl+l")
        line = screen.query_one("#drill-line", Input)
        assert line.value == "1 ? 2; ? ? ?; ? ? ?" and not grid.display
        line.value = "1 0 0; 0.5 0.5 0; 1/3 1/3 1/3"
        await pilot.press("ctrl+l")
        assert grid.display and grid.texts()[2] == ["1/3", "1/3", "1/3"]


async def test_large_answers_start_in_line_mode(study, clock):
    app = DrillHost(study, drill_type="gqa_mapping", level=3, seed=2)  # one row of 12 or 16 heads
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        line = screen.query_one("#drill-line", Input)
        assert screen.line_mode and app.focused is line and "每行" in line.placeholder
        line.value = " ".join(f"{v:.0f}" for v in screen.drill.expected.ravel())
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        assert screen.marked.verdict == "right"


async def test_note_drill_uses_its_spec_and_grades_its_own_card(study, clock, tmp_path):
    note = tmp_path / "notes" / "Transformer" / "mask.md"
    note.parent.mkdir(parents=True)
    note.write_text(
        "---\ncreated: '2026-11-01'\nnext_review: '2026-11-01'\nreview_count: 0\n"
        "tags: [Transformer]\n---\n# 因果掩码怎么加？\n\n## 面试标准答案\n\n上三角填 -inf。\n\n"
        "```qkvdrill\ntype: causal_mask\nlevel: 1\nseed: 42\nprompt: 先想想哪些位置要遮住\n```\n",
        encoding="utf-8",
    )
    report = study.scan()
    assert not report.problems, report.problems
    card = next(c for c in study.due() if c.kind == "drill" and c.note_id is not None)
    app = DrillHost(study, card=card)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        drill = screen.drill
        assert drill.seed == 42 and drill.from_spec and "先想想" in shown_text(screen, "#drill-prompt")
        await pilot.press("ctrl+l")
        screen.query_one("#drill-line", Input).value = "; ".join(
            " ".join("-inf" if np.isinf(v) else f"{v:.2f}" for v in row) for row in drill.expected
        )
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        assert screen.marked.verdict == "right"
        await pilot.press("1")
        await until(pilot, lambda: app.result is not UNSET)
    assert app.result == 1
    assert [log["rating"] for log in study.history.review_logs(card.card_id)] == [1]
    assert study.history.drill_attempts()[0]["card_id"] == card.card_id


async def test_type_picker_lists_the_curriculum_and_starts_a_drill(study, clock):
    app = DrillHost(study)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, drill_ready(app, "pick"))
        screen = app.screen
        options = screen.query_one("#drill-types", OptionList)
        in_order = [t.id for t in sorted(DRILL_TYPES.values(), key=lambda t: t.order)]
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == in_order
        await pilot.press("down", "3")
        assert screen.level == 3 and "▶ 3" in shown_text(screen, "#drill-levels")
        await pilot.press("left")
        assert screen.level == 2
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "answer"))
        assert (screen.drill.type_id, screen.drill.level) == (in_order[1], 2)
        await pilot.press("escape")  # back to the list, not out of the screen
        await until(pilot, drill_ready(app, "pick"))
        assert app.result is UNSET and options.highlighted == 1
        await pilot.press("escape")
        await until(pilot, lambda: app.result is not UNSET)
    assert app.result is None


async def test_a_broken_note_spec_is_one_line_not_a_traceback(study, clock):
    card = replace(study.drill_card("weights"), drill_spec="type: weights\nlevel: 9\n")
    app = DrillHost(study, card=card)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, drill_ready(app, "error"))
        assert "定义有问题" in shown_text(app.screen, "#drill-prompt")
        await pilot.press("escape")
        await until(pilot, lambda: app.result is not UNSET)
    assert app.result is None and study.history.drill_attempts() == []


async def test_the_app_opens_a_drill_from_the_command_line_options(make_app):
    app = make_app(start="drill", drill={"drill_type": "weights", "level": 2, "seed": 5})
    shown: list[str] = []

    def hook(message) -> None:
        if isinstance(message, DrillScreen.PhaseShown):
            shown.append(str(message.phase))

    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await until(pilot, lambda: shown[-1:] == ["answer"])
        assert (app.screen.drill.type_id, app.screen.drill.level, app.screen.drill.seed) == ("weights", 2, 5)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DrillScreen))


def test_unknown_type_or_level_is_a_value_error(study):
    with pytest.raises(ValueError, match="unknown drill type"):
        DrillScreen(study, drill_type="nonsense")
    with pytest.raises(ValueError, match="level"):
        DrillScreen(study, drill_type="weights", level=7)


def test_binding_ids_are_namespaced():
    ids = [b.id for b in DrillScreen.BINDINGS + AnswerGrid.BINDINGS]
    assert all(i and i.startswith("drill.") for i in ids)
    assert {"drill.submit", "drill.toggle_line", "drill.accept", "drill.next", "drill.leave"} <= set(ids)


# --- widgets --------------------------------------------------------------------------------------


def test_heat_text_is_readable_on_its_background():
    # Dark cells get white text, light cells black text, whatever the theme behind them.
    assert heat_style(0.0).color.get_truecolor().red == 255
    assert heat_style(1.0).color.get_truecolor().red == 0


def test_given_matrices_pack_side_by_side_when_they_fit():
    assert pack_blocks([20, 20, 10], 80) == [[0, 1, 2]]
    assert pack_blocks([20, 20, 10], 44) == [[0, 1], [2]]
    assert pack_blocks([90, 10], 80) == [[0], [1]]


# --- snapshots ------------------------------------------------------------------------------------


@SIZES
def test_snapshot_question(snap_compare, study, clock, size):
    app = DrillHost(study, drill_type="padding_mask", level=2, seed=3)

    async def ready(pilot):
        await until(pilot, drill_ready(app, "answer"))
        await pilot.press(*"0.25", "tab", *"1/3", "tab", *"x")  # one value typed, one unreadable

    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_snapshot_feedback_with_heatmap(snap_compare, study, clock, size):
    app = DrillHost(study, drill_type="weights", level=2, seed=3)

    async def ready(pilot):
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        drill = screen.drill
        scores = drill.given["Q"] @ drill.given["K"].T
        shifted = np.exp(scores - scores.max(axis=1, keepdims=True))  # softmax without the √d_k
        clock.now += 42
        screen.query_one(AnswerGrid).set_texts(
            [[f"{v:.2f}" for v in row] for row in shifted / shifted.sum(axis=1, keepdims=True)]
        )
        await pilot.press("ctrl+s")
        await until(pilot, drill_ready(app, "feedback"))
        screen.query_one(Heatmap).scroll_visible(animate=False, immediate=True)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=ready)


# --- first attempt grades, later variants are practice; fast keys; levels that follow ---------------


async def test_only_the_first_attempt_at_a_due_card_grades_it_later_variants_are_practice(study, clock):
    card = study.drill_card("scores")
    app = DrillHost(study, drill_type="scores", level=1, seed=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        screen = app.screen
        assert not screen.practice  # a new card: the first attempt counts
        screen.query_one(AnswerGrid).set_texts([[f"{v:.0f}" for v in row] for row in screen.drill.expected])
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        await pilot.press("3")
        await until(pilot, drill_ready(app, "done"))
        await pilot.press("n")
        await until(pilot, drill_ready(app, "answer"))
        assert screen.practice  # graded already: another variant is practice
        screen.query_one(AnswerGrid).set_texts([["0"] * screen.drill.shape[1]] * screen.drill.shape[0])
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "feedback"))
        assert "不改变复习计划" in shown_text(screen, "#drill-practice")
        await pilot.press("1")  # no grade in practice
        await pilot.pause()
        assert screen.phase == "feedback"
        await pilot.press("n")  # straight on to another variant
        await until(pilot, drill_ready(app, "answer"))
    assert [log["rating"] for log in study.history.review_logs(card.card_id)] == [GOOD]
    assert len(study.history.drill_attempts()) == 2  # both attempts recorded


async def test_keys_typed_at_any_speed_land_in_the_cell_that_had_focus(study, clock):
    from textual import events

    app = DrillHost(study, drill_type="scores", level=2, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "answer"))
        grid = app.screen.query_one(AnswerGrid)
        # All queued at once, as a fast typist's keys arrive: each must follow the focus it moved.
        keys = [("1", "1"), ("right", None), ("2", "2"), ("down", None), ("3", "3"), ("shift+tab", None), ("4", "4")]
        for key, char in keys:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # as the terminal driver does, without waiting in between
        for _ in range(50):
            await pilot.pause(0.02)
            if all(t for row in grid.texts()[:2] for t in row[:2]):
                break
        texts = grid.texts()
    assert (texts[0][0], texts[0][1], texts[1][1], texts[1][0]) == ("1", "2", "3", "4")


async def test_the_level_follows_the_record_and_can_be_set_by_hand(study, clock):
    card = study.drill_card("scores")
    for seed in range(3):
        study.history.record_drill_attempt(card.card_id, "scores", 1, seed, [[0]], 1.0, 5.0)  # three right at L1
    app = DrillHost(study)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, drill_ready(app, "pick"))
        screen = app.screen
        assert screen._picked_type() == "scores" and screen.level == 2  # risen after three right in a row
        assert "L2" in shown_text(screen, "#drill-levels")
        await pilot.press("3")  # by hand
        await pilot.press("enter")
        await until(pilot, drill_ready(app, "answer"))
        assert screen.drill.level == 3
