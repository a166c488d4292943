"""FSRS scheduling against a real SQLite file: starting state, grading, undo, queue, write-back."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta

import pytest
from helpers import note_text, write

from qkvstudy.config import Settings
from qkvstudy.notes.parse import decode_note, parse_note
from qkvstudy.study import Study, StudyError

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Set QKVSTUDY_NOW; returns a setter."""

    def set_now(moment: datetime) -> datetime:
        monkeypatch.setenv("QKVSTUDY_NOW", moment.isoformat())
        return moment

    set_now(T0)
    return set_now


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "new.md", note_text("新笔记", tags=("T",), next_review="2026-11-20"))
    write(
        root / "T" / "old.md",
        note_text(
            "复习过的笔记",
            tags=("T",),
            last_reviewed="2026-11-10",
            next_review="2026-11-24",
            review_count=3,
            difficulty="hard",
            mastery=0.5,
        ),
    )
    write(
        root / "T" / "future.md",
        note_text("以后才到期", tags=("T",), last_reviewed="2026-11-20", next_review="2026-12-20", review_count=2),
    )
    return root


@pytest.fixture
def study(tmp_path, lib, clock):
    s = Study.open(db=str(tmp_path / "q.db"), notes=lib, settings=Settings(enable_fuzzing=False))
    s.scan()
    yield s
    s.close()


def card_of(study, lib, rel):
    return study.card_for_path(lib / rel)


def test_starting_state_carries_the_users_schedule_over(study, lib):
    new = card_of(study, lib, "T/new.md")
    assert new.state == "new" and new.stability is None and new.reviews == 0
    assert new.due == datetime(2026, 11, 20, 4, 0, tzinfo=UTC)  # day boundary 04:00 local (TZ=UTC)
    old = card_of(study, lib, "T/old.md")
    assert old.state == "review" and old.reviews == 3
    assert old.stability == 14.0  # 2026-11-10 -> 2026-11-24
    assert old.due == datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
    assert 4.5 < old.difficulty < 6  # "hard" = FSRS's initial difficulty after a first Hard
    # The interval FSRS would give at 90 % retention equals the stability: R(S) = 0.9.
    assert old.retrievability is not None and 0.88 < old.retrievability < 0.91


def test_queue_order_and_due_listing(study, lib):
    due = {c.path for c in study.due()}
    assert {"T/new.md", "T/old.md"} <= due and "T/future.md" not in due
    first = study.next_card(topic="T")
    assert first.path == "T/old.md"  # due reviews come before new notes


def test_preview_matches_the_grade(study, lib):
    card = card_of(study, lib, "T/old.md")
    preview = study.preview(card.card_id)
    assert preview[1] < preview[2] < preview[3] < preview[4]
    outcome = study.grade(card.card_id, 3)
    assert outcome.interval == preview[3]


def test_preview_matches_the_grade_with_fuzz(tmp_path, lib, clock):
    s = Study.open(db=str(tmp_path / "fuzz.db"), notes=lib, settings=Settings(enable_fuzzing=True))
    s.scan()
    card = s.card_for_path(lib / "T/old.md")
    preview = s.preview(card.card_id)
    assert s.grade(card.card_id, 4).interval == preview[4]
    s.close()


def test_grade_writes_back_exactly_four_values(study, lib):
    path = lib / "T/new.md"
    before = path.read_bytes()
    card = card_of(study, lib, "T/new.md")
    outcome = study.grade(card.card_id, 3)
    assert outcome.wrote_back
    after = path.read_bytes()
    changed = [(a, b) for a, b in zip(before.split(b"\n"), after.split(b"\n")) if a != b]
    assert [a.split(b":")[0] for a, _ in changed] == [
        b"last_reviewed",
        b"next_review",
        b"review_count",
        b"mastery_level",
    ]
    note = parse_note(decode_note(after))
    assert note.last_reviewed == "2026-11-24" and note.review_count == 1
    assert note.next_review == "2026-11-24"  # a learning step of 10 minutes: still today
    assert len(before.split(b"\n")) == len(after.split(b"\n"))
    # The index knows what it wrote: the next scan sees nothing changed.
    r = study.scan()
    assert (r.updated, r.unchanged) == (0, 3)


def test_hand_edited_next_review_wins(study, lib):
    path = lib / "T/future.md"
    text = path.read_text(encoding="utf-8").replace("next_review: '2026-12-20'", "next_review: '2026-11-22'")
    path.write_text(text, encoding="utf-8")
    r = study.scan()
    assert r.updated == 1
    card = card_of(study, lib, "T/future.md")
    assert card.due == datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    assert "T/future.md" in {c.path for c in study.due()}


def test_edit_between_index_and_grade_is_never_overwritten(study, lib, english):
    path = lib / "T/old.md"
    card = card_of(study, lib, "T/old.md")
    edited = path.read_text(encoding="utf-8").replace("细节 $x_i$。", "细节 $x_i$。我刚加的一句话。")
    path.write_text(edited, encoding="utf-8")
    outcome = study.grade(card.card_id, 3)
    assert outcome.wrote_back and "re-indexed" in (outcome.message or "")
    assert "我刚加的一句话" in path.read_text(encoding="utf-8")


def test_undo_is_exact(study, lib):
    card = card_of(study, lib, "T/old.md")
    path = lib / "T/old.md"
    file_before = path.read_bytes()
    before = study.card(card.card_id)
    study.grade(card.card_id, 1)
    assert study.card(card.card_id).lapses == 1
    undone = study.undo()
    assert undone.card_id == card.card_id
    assert study.card(card.card_id) == before
    assert study.history.review_logs(card.card_id) == []
    assert path.read_bytes() == file_before
    assert study.undo() is None


def test_suspend_bury_reset(study, lib, clock):
    card = card_of(study, lib, "T/old.md")
    study.suspend(card.card_id)
    assert card.card_id not in {c.card_id for c in study.due()}
    study.unsuspend(card.card_id)
    study.bury(card.card_id)
    assert card.card_id not in {c.card_id for c in study.due()}
    clock(T0 + timedelta(days=1))  # buried until the next study day
    assert card.card_id in {c.card_id for c in study.due()}
    reset = study.reset(card.card_id)
    assert reset.state == "new" and reset.reviews == 0 and reset.stability is None
    note = parse_note(decode_note((lib / "T/old.md").read_bytes()))
    assert note.review_count == 0 and note.last_reviewed is None and note.mastery_level == 0.0


def test_related_notes_are_not_back_to_back(tmp_path, clock):
    root = tmp_path / "rel"
    link = "\n## 相关笔记\n\n- [B](notes/T/b.md) - 相似度: 40% | 标签: T\n"
    write(root / "T/a.md", note_text("A", tags=("T",), extra_body=link))
    write(root / "T/b.md", note_text("B", tags=("T",)))
    write(root / "T/c.md", note_text("C", tags=("T",)))
    s = Study.open(db=str(tmp_path / "r.db"), notes=root, settings=Settings(enable_fuzzing=False))
    s.scan()
    a = s.card_for_path(root / "T/a.md")
    s.grade(a.card_id, 3)
    nxt = s.next_card(topic="T", exclude=(a.card_id,))
    assert nxt.path == "T/c.md"  # b is related to a (linked from it), so c comes first
    s.close()


def test_daily_new_limit(tmp_path, clock):
    root = tmp_path / "many"
    for i in range(5):
        write(root / f"T/n{i}.md", note_text(f"问题{i}", tags=("T",), next_review="2026-11-01"))
    s = Study.open(db=str(tmp_path / "l.db"), notes=root, settings=Settings(new_per_day=2, enable_fuzzing=False))
    s.scan()
    seen = []
    while (card := s.next_card(topic="T", exclude=tuple(seen))) is not None:
        seen.append(card.card_id)
        s.grade(card.card_id, 4)  # Easy graduates at once
    assert len(seen) == 2
    s.close()


def test_a_year_of_simulated_learning(tmp_path, clock):
    """One note graded every time it comes due for a year: Good grows intervals, Again shrinks them."""
    root = tmp_path / "year"
    write(root / "T/x.md", note_text("一年", tags=("T",), next_review="2026-01-01"))
    s = Study.open(db=str(tmp_path / "y.db"), notes=root, settings=Settings(enable_fuzzing=False))
    now = clock(datetime(2026, 1, 1, 9, tzinfo=UTC))
    s.scan()
    card_id = s.card_for_path(root / "T/x.md").card_id
    intervals, grades = [], 0
    end = now + timedelta(days=365)
    while now < end:
        card = s.card(card_id)
        now = clock(max(now, card.due) + timedelta(minutes=1))
        rating = 1 if grades in (6, 7) else 3  # two lapses in the middle of the year
        outcome = s.grade(card_id, rating)
        grades += 1
        intervals.append((rating, outcome.card.state, outcome.interval))
    logs = s.history.review_logs(card_id)
    assert len(logs) == grades  # every grade logged
    review_ivls = [iv for r, st, iv in intervals[:6] if st == "review"]
    assert review_ivls == sorted(review_ivls) and review_ivls[-1] > review_ivls[0]  # Good grows
    before_lapse = intervals[5][2]
    assert intervals[6][2] < before_lapse and intervals[6][1] == "relearning"  # Again shrinks
    note = parse_note(decode_note((root / "T/x.md").read_bytes()))
    assert note.review_count == grades and 0 < note.mastery_level <= 1
    # Undo walks back exactly, grade by grade.
    for _ in range(3):
        s.undo()
    assert len(s.history.review_logs(card_id)) == grades - 3
    s.close()


KILL_SCRIPT = textwrap.dedent("""
    import os, sys
    from qkvstudy.study import Study
    from qkvstudy.config import Settings
    s = Study.open(db=sys.argv[1], notes=sys.argv[2], settings=Settings(new_per_day=1000))
    s.scan()
    n = 0
    while True:
        card = s.next_card()
        if card is None:
            break
        s.grade(card.card_id, 3)
        n += 1
        print(n, card.card_id, flush=True)
""")


def test_sigkill_between_grades_keeps_every_committed_grade(tmp_path, clock):
    root = tmp_path / "kill"
    for i in range(60):
        write(root / f"T/n{i}.md", note_text(f"问题{i}", tags=("T",), next_review="2026-11-01"))
    db = tmp_path / "k.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(db), str(root)], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    reported = []
    for line in proc.stdout:
        reported.append(int(line.split()[1]))
        if len(reported) == 15:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    s = Study.open(db=str(db), notes=root)
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    graded = {log["card_id"] for log in s.history.review_logs()}
    assert set(reported) <= graded  # every grade the process reported as done is there
    s.close()


def test_cli_grade_and_due_json(tmp_path, lib, clock, capsys):
    from qkvstudy.cli import main

    db = str(tmp_path / "cli.db")
    assert main(["grade", "--lang", "en", "--db", db, "--notes", str(lib), str(lib / "T/old.md"), "good"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Good: T/old.md due")
    assert main(["due", "--json", "--db", db, "--notes", str(lib)]) == 0
    listed = json.loads(capsys.readouterr().out)
    by_path = {c["path"]: c for c in listed}
    assert "T/old.md" not in by_path  # graded Good: due in weeks
    assert by_path["T/new.md"]["state"] == "new"
    assert {"title", "due", "state", "stability", "difficulty", "retrievability"} <= set(by_path["T/new.md"])
    assert main(["grade", "--db", db, "--notes", str(lib), str(tmp_path / "nope.md"), "good"]) == 1
    assert "不是笔记库" in capsys.readouterr().err  # Chinese by default


def test_grade_rejects_bad_rating(study, lib):
    with pytest.raises(StudyError):
        study.grade(card_of(study, lib, "T/old.md").card_id, 5)


def test_topics_and_day_stats(study, lib):
    topics = {t.topic: t for t in study.topics()}
    assert topics["T"].new == 1 and topics["T"].due == 1 and topics["T"].total == 3
    assert topics["drills"].new >= 12  # one card per drill type
    card = card_of(study, lib, "T/old.md")
    study.grade(card.card_id, 1)
    stats = study.day_stats()
    assert (stats.reviewed, stats.again, stats.new_seen) == (1, 1, 0)
    assert {t.topic: t for t in study.topics()}["T"].learning == 1  # relearning after Again
    (lib / "T/new.md").unlink()
    study.scan()  # a missing note leaves the counts
    assert {t.topic: t for t in study.topics()}["T"].total == 2


def test_next_card_after_a_card_about_to_be_graded(tmp_path, clock):
    """A screen preparing the next card in advance: limits and related notes already count it."""
    root = tmp_path / "after"
    link = "\n## 相关笔记\n\n- [B](notes/T/b.md) - 相似度: 40% | 标签: T\n"
    write(root / "T/a.md", note_text("A", tags=("T",), next_review="2026-11-01", extra_body=link))
    write(root / "T/b.md", note_text("B", tags=("T",), next_review="2026-11-02"))
    write(root / "T/c.md", note_text("C", tags=("T",), next_review="2026-11-03"))
    s = Study.open(db=str(tmp_path / "a.db"), notes=root, settings=Settings(new_per_day=10, enable_fuzzing=False))
    s.scan()
    a = s.next_card(topic="T")
    assert a.path == "T/a.md"
    assert s.next_card(topic="T", after=a).path == "T/c.md"  # b is related to a, c is not
    s.close()
    s = Study.open(db=str(tmp_path / "a.db"), notes=root, settings=Settings(new_per_day=1, enable_fuzzing=False))
    assert s.next_card(topic="T", after=a) is None  # a is today's one new card
    assert s.next_card(topic="T").path == "T/a.md"
    s.close()
