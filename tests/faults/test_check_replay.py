"""The review log is the record: `qkvstudy check` replays it and finds (and --repair rebuilds) any card that differs."""

import sqlite3
from datetime import datetime

import pytest
from conftest import run_cli
from helpers import note_text, write

from qkvstudy.schedule.replay import check_cards, repair_cards
from qkvstudy.store.models import ReviewLog
from qkvstudy.study import Study, StudyError


def _library(tmp_path):
    root = tmp_path / "notes"
    for i in range(3):
        write(root / "T" / f"n{i}.md", note_text(f"问题 {i}", tags=("T",)))
    write(root / "T" / "old.md", note_text("老问题", tags=("T",), last_reviewed="2025-10-01", review_count=4))
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    study.scan()
    return root, study


def test_grades_resets_and_undo_replay_to_the_stored_state(tmp_path, monkeypatch):
    root, study = _library(tmp_path)
    cards = [study.card_for_path(root / "T" / f"n{i}.md").card_id for i in range(3)]
    old = study.card_for_path(root / "T" / "old.md").card_id
    for day, rating in enumerate((3, 1, 3, 4), start=1):
        monkeypatch.setenv("QKVSTUDY_NOW", f"2026-01-{day:02d}T10:00:00+00:00")
        for card in (*cards, old):
            study.grade(card, rating)
    study.undo()
    study.reset(cards[1])
    study.grade(old, 3)
    study.reset(old)
    with pytest.raises(StudyError):  # undoing a grade from before a reset would unsettle the log
        study.undo()
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-01-09T10:00:00+00:00")
    study.grade(cards[1], 3)
    assert check_cards(study.sessions, study.scheduler) == []
    study.close()
    result = run_cli("check", "--db", str(tmp_path / "q.db"), "--notes", str(root))
    assert result.returncode == 0, result.stderr
    assert "0" in result.stdout


def test_a_lost_update_is_found_and_rebuilt_from_the_log(tmp_path):
    root, study = _library(tmp_path)
    card = study.card_for_path(root / "T" / "n0.md").card_id
    study.grade(card, 3)
    # What a read outside the write lock did: a second grade made from the same stale card, its
    # log kept, its card state lost (the other process's write won).
    with study.sessions.begin() as s:
        first = s.query(ReviewLog).filter_by(card_id=card).one()
        s.add(
            ReviewLog(
                card_id=card,
                rating=3,
                reviewed_at=datetime.fromisoformat(first.after["due"]),
                duration_ms=None,
                state_before=first.state_before,
                state_after=first.state_after,
                before=first.before,
                after=first.after,
            )
        )
    found = check_cards(study.sessions, study.scheduler)
    assert [d.card_id for d in found] == [card]
    assert found[0].fields["reps"] == (1, 2)
    study.close()
    db = str(tmp_path / "q.db")
    result = run_cli("check", "--db", db, "--notes", str(root))
    assert result.returncode == 1 and "reps" in result.stdout
    assert run_cli("check", "--repair", "--db", db, "--notes", str(root)).returncode == 0
    assert run_cli("check", "--db", db, "--notes", str(root)).returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT reps FROM cards WHERE id = ?", (card,)).fetchone() == (2,)
    conn.close()


def test_every_review_has_a_global_id_and_its_device(tmp_path):
    root, study = _library(tmp_path)
    card = study.card_for_path(root / "T" / "n0.md").card_id
    study.grade(card, 3)
    study.grade(card, 3)
    study.close()
    conn = sqlite3.connect(tmp_path / "q.db")
    device = conn.execute("SELECT value FROM store_meta WHERE key = 'device_id'").fetchone()[0]
    rows = conn.execute("SELECT uid, device_id FROM review_logs").fetchall()
    conn.close()
    assert len({uid for uid, _ in rows}) == 2 and all(len(uid) == 32 for uid, _ in rows)
    assert {dev for _, dev in rows} == {device}


def test_repair_leaves_sound_cards_alone(tmp_path):
    root, study = _library(tmp_path)
    card = study.card_for_path(root / "T" / "n0.md").card_id
    study.grade(card, 3)
    assert repair_cards(study.sessions, study.scheduler, [card]) == 0
    study.close()


def test_undo_never_takes_back_another_process_grade(tmp_path):
    root, window = _library(tmp_path)
    mine = window.card_for_path(root / "T" / "n0.md").card_id
    window.grade(mine, 3)
    other = Study.open(db=str(tmp_path / "q.db"), notes=root)  # `qkvstudy grade` from an editor
    theirs = other.card_for_path(root / "T" / "n1.md").card_id
    other.grade(theirs, 3)
    undone = window.undo()
    assert undone is not None and undone.card_id == mine
    assert window.card(theirs).reviews == 1
    other.grade(mine, 4)  # the same card graded again elsewhere: undoing ours would drop that grade
    window.grade(mine, 3)
    other.grade(mine, 1)
    with pytest.raises(StudyError):
        window.undo()
    assert window.card(mine).reviews == 3
    other.close()
    window.close()
