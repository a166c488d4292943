"""The live library in the real app (Pilot): an edit, a new note and a deletion are picked up while
the app runs, the counts and the note on screen follow, and the app's own write-back starts no rescan."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable

from qkvstudy.study import Study
from qkvstudy.tui.app import QkvApp
from qkvstudy.tui.screens.home import HomeScreen
from qkvstudy.tui.screens.related import RelatedScreen
from qkvstudy.tui.screens.review import ReviewScreen
from qkvstudy.tui.screens.review_state import Phase

FIXTURES = Path(__file__).resolve().parents[1] / "tui" / "fixtures" / "notes"
NEW_NOTE = """---
created: '2026-11-01'
last_reviewed: null
next_review: '2026-11-01'
review_count: 0
tags:
- Live
---
# 新加的笔记：KV cache 为什么省计算？

## 面试标准答案

缓存已经算过的 K 和 V。
"""


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-11-24T10:00:00+00:00")
    notes, db = tmp_path / "notes", tmp_path / "study.db"
    shutil.copytree(FIXTURES, notes)
    study = Study.open(db=str(db), notes=notes)
    study.scan()
    study.close()
    return notes, lambda: Study.open(db=str(db), notes=notes)


async def wait_for(pilot, predicate, timeout: float = 10.0) -> None:
    """Until `predicate()` holds; generous on a loaded machine (the promise is about a second)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)
    await pilot.pause()


def shown(review: ReviewScreen) -> bool:
    """The question is on screen and no card is being prepared (the screen's phase, not a test flag)."""
    preparing = review.preparing
    return (
        review.phase is Phase.QUESTION and review.current is not None and (preparing is None or preparing.is_finished)
    )


def topics(app: QkvApp) -> str:
    table = app.screen_stack[0].query_one("#topics", DataTable)
    return " ".join(str(table.get_row_at(i)[0]) for i in range(table.row_count))


async def watching(app: QkvApp, pilot) -> None:
    await wait_for(pilot, lambda: app.watcher is not None and app.watcher.worker is not None)
    await pilot.pause(0.3)  # let the watcher register its inotify watches


async def test_added_edited_and_deleted_notes_follow_live(library):
    notes, factory = library
    app = QkvApp(study_factory=factory, scan=False, watch=True, cursor_blink=False, freeze_gc=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await watching(app, pilot)
        assert "Live" not in topics(app)

        (notes / "Live").mkdir()
        (notes / "Live" / "新笔记.md").write_text(NEW_NOTE, encoding="utf-8")
        await wait_for(pilot, lambda: "Live" in topics(app))

        (notes / "Live" / "新笔记.md").unlink()
        await wait_for(pilot, lambda: "Live" not in topics(app))
        assert app.watcher.rescans >= 2


async def test_the_note_on_screen_refreshes_and_own_write_backs_start_no_rescan(library):
    notes, factory = library
    app = QkvApp(study_factory=factory, scan=False, watch=True, cursor_blink=False, freeze_gc=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await watching(app, pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and shown(app.screen))
        review = app.screen
        first = review.current
        path = notes / first.card.path

        raw = path.read_bytes()
        path.write_bytes(raw.replace(f"\n# {first.content.question}\n".encode(), "\n# 改过的问题？\n".encode(), 1))
        await wait_for(pilot, lambda: review.current.content.question == "改过的问题？")
        assert review.query_one("#question").render().plain == "改过的问题？"

        rescans = app.watcher.rescans
        await pilot.press("space", "3")  # the grade writes the note's front-matter back
        await wait_for(pilot, lambda: review.current is None or review.current.card.card_id != first.card.card_id)
        await pilot.pause(1.0)  # longer than the watcher's debounce: its event has come and gone
        assert b"review_count: 1" in path.read_bytes()
        assert app.watcher.rescans == rescans


async def test_o_ranks_related_notes_for_a_note_without_a_section(library):
    notes, factory = library
    for path in notes.rglob("*.md"):  # no note keeps its hand-made section
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("## 相关笔记")[0], encoding="utf-8")
    study = factory()
    study.scan()
    study.close()
    app = QkvApp(study_factory=factory, scan=False, start="review", cursor_blink=False, freeze_gc=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and shown(app.screen))
        current = app.screen.current
        assert current.content.related == ()
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, RelatedScreen))
        links = app.screen.links
        assert links == app.study.related.suggested(current.content.note_id)
        assert links and all(link.note_id is not None and link.similarity for link in links)


async def test_the_palette_action_regenerates_the_marked_sections(library):
    notes, factory = library
    before = {p: p.read_bytes() for p in notes.rglob("*.md")}
    app = QkvApp(study_factory=factory, scan=False, cursor_blink=False, freeze_gc=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await pilot.press("ctrl+p")
        await pilot.press(*"related notes write")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(p.read_bytes() != raw for p, raw in before.items()))
        await wait_for(pilot, lambda: not app.scanning and app.screen.loaded)
    study = factory()
    try:
        study.scan()
        index = study.related.index()
        for path in before:
            rel = path.relative_to(notes).as_posix()
            expected = index.neighbours(rel, 5, 10)
            assert [link.target for link in study.note_content(study.card_for_path(path).note_id).related] == [
                "notes/" + n.path for n in expected
            ]
    finally:
        study.close()
