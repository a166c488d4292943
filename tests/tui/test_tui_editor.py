"""`e` in a review: the note opens in $EDITOR, is re-indexed and shown again; failures are one line."""

from __future__ import annotations

import sys

import pytest
from conftest import settle, wait_for

from qkvstudy.tui.screens.review import Phase, ReviewScreen

FAKE_EDITOR = """\
import sys
from pathlib import Path
path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
path.write_text(text.replace("## 面试标准答案\\n", "## 面试标准答案\\n\\n编辑过：EDITED-BY-TEST\\n", 1), encoding="utf-8")
"""


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_editor_round_trip(make_app, library, tmp_path, monkeypatch):
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    app = make_app(start="review", topic="Transformer")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        edited = review.current.card.card_id
        note_file = library.notes / review.current.card.path
        await pilot.press("space", "e")
        await wait_for(
            pilot, lambda: "EDITED-BY-TEST" in review.current.answer_markdown and review.phase is Phase.ANSWER
        )
        assert "EDITED-BY-TEST" in review.query_one("#answer").source
        assert "编辑过：EDITED-BY-TEST" in note_file.read_text(encoding="utf-8")
        # Grading after the edit writes the schedule back without losing the edit.
        await pilot.press("3")
        await wait_for(pilot, lambda: review.current is None or review.current.card.card_id != edited)
        await settle(pilot)  # the grade is committed
    text = note_file.read_text(encoding="utf-8")
    assert "EDITED-BY-TEST" in text and "review_count: 1" in text


@pytest.mark.parametrize(
    "editor, expected",
    [
        (None, "请先设置 $EDITOR"),
        ("/no/such/editor-binary", "找不到编辑器"),
        (f"{sys.executable} -c 'import sys; sys.exit(3)'", "状态码 3"),
    ],
)
async def test_editor_problems_are_one_line(make_app, monkeypatch, editor, expected):
    if editor is not None:
        monkeypatch.setenv("EDITOR", editor)
    app = make_app(start="review", topic="Math")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("e")
        await wait_for(pilot, lambda: any(expected in m for m in notifications(app)))
        assert isinstance(app.screen, ReviewScreen) and app.screen.current is not None
