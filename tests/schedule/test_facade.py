"""The facade's own promises: opening migrates (constructing does not); reindex_note is about its note."""

import sqlite3

import pytest
from helpers import note_text, write

from qkvstudy.config import Settings
from qkvstudy.study import Study, StudyError


def tables(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_constructing_does_not_touch_the_database_and_open_migrates(tmp_path):
    db = tmp_path / "q.db"
    Study(f"sqlite:///{db}", tmp_path, Settings()).close()
    assert not db.exists() or "alembic_version" not in tables(db)
    study = Study.open(db=str(db), notes=tmp_path, settings=Settings())
    try:
        assert {"alembic_version", "cards", "notes", "review_logs"} <= tables(db)
        assert study.drill_card("scores").kind == "drill"  # a card for every drill type
    finally:
        study.close()


@pytest.fixture
def two_notes(tmp_path):
    root = tmp_path / "notes"
    a = write(root / "T" / "a.md", note_text("甲", tags=("T",)))
    b = write(root / "T" / "b.md", note_text("乙", tags=("T",)))
    study = Study.open(db=str(tmp_path / "q.db"), notes=root, settings=Settings())
    study.scan()
    yield study, root, a, b
    study.close()


def test_reindex_note_reports_the_problems_of_its_own_note_only(two_notes):
    study, root, a, b = two_notes
    a_id = study.card_for_path(a).note_id
    assert study.reindex_note(a_id) == []  # unchanged: nothing to read
    a.write_text("---\ntags: [unclosed\n---\n# 甲\n", encoding="utf-8")
    b.write_text("no front-matter and no heading\n", encoding="utf-8")
    problems = study.reindex_note(a_id)
    assert len(problems) == 1 and problems[0].path.endswith("a.md")
    assert "YAML" in problems[0].reason


def test_reindex_note_sees_the_edit(two_notes):
    study, root, a, _b = two_notes
    card = study.card_for_path(a)
    a.write_text(note_text("甲改过了", tags=("T",)), encoding="utf-8")
    assert study.reindex_note(card.note_id) == []
    assert study.card(card.card_id).title == "甲改过了"


def test_reindex_note_of_an_unknown_note_is_a_one_line_error(two_notes):
    study, *_ = two_notes
    with pytest.raises(StudyError) as error:
        study.reindex_note(99_999)
    assert str(error.value) == "no note with id 99999"
