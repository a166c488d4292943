"""A note scheduled by the Obsidian Spaced Repetition plugin starts with that schedule; its keys stay."""

from datetime import UTC, datetime

from helpers import write

from qkvstudy.schedule.osr import ease_to_difficulty
from qkvstudy.study import Study

OSR_NOTE = """---
tags: [OSR]
sr-due: 2026-12-01
sr-interval: 10
sr-ease: 250
---
# 旧笔记：softmax 为什么要减最大值？

## 面试标准答案

数值稳定。
"""


def test_osr_keys_give_the_starting_schedule_and_survive_a_grade(tmp_path, monkeypatch):
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-12-01T10:00:00+00:00")
    lib = tmp_path / "lib"
    path = write(lib / "OSR/note.md", OSR_NOTE)
    write(lib / "OSR/hard.md", OSR_NOTE.replace("sr-ease: 250", "sr-ease: 130").replace("旧笔记", "难笔记"))
    study = Study.open(db=str(tmp_path / "q.db"), notes=lib)
    try:
        study.scan()
        card = study.card_for_path(path)
        assert card.state == "review" and card.stability == 10.0
        assert card.due == datetime(2026, 12, 1, 4, tzinfo=UTC)  # the day boundary, 04:00 (TZ=UTC in tests)
        assert card.difficulty == ease_to_difficulty(250, study.scheduler)
        hard = study.card_for_path(lib / "OSR/hard.md")
        assert hard.difficulty == 10.0 > card.difficulty
        # ten days since the last review at stability 10: FSRS's 90 % point
        assert abs(card.retrievability - 0.9) < 0.01

        outcome = study.grade(card.card_id, 3)
        assert outcome.wrote_back and outcome.card.due > card.due
    finally:
        study.close()
    text = path.read_text(encoding="utf-8")
    assert "sr-due: 2026-12-01\nsr-interval: 10\nsr-ease: 250\n" in text  # the plugin's keys untouched
    assert "review_count: 2" in text  # the plugin keeps no count: its schedule stands for one review


def test_unreadable_osr_keys_fall_back_to_a_new_card(tmp_path):
    lib = tmp_path / "lib"
    path = write(lib / "OSR/bad.md", OSR_NOTE.replace("sr-interval: 10", "sr-interval: soon"))
    study = Study.open(db=str(tmp_path / "q.db"), notes=lib)
    try:
        study.scan()
        assert study.card_for_path(path).state == "new"
    finally:
        study.close()
