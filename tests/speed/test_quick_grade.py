"""A grade through sqlite3 (facade.quick_grade: the `qkvstudy grade` command's own connection, or
one the Study lends it in-process) records exactly what the ORM path records: the same card and
review-log rows, the same note row, the same bytes in the file."""

import json
import sqlite3
import subprocess
import sys
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import note_text, write

from qkvstudy.facade import quick_grade
from qkvstudy.facade.quick_grade import grade_note
from qkvstudy.schedule.leech import became_leech
from qkvstudy.store import revision
from qkvstudy.study import Study

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _library(root: Path) -> None:
    write(root / "T" / "new.md", note_text("新笔记", tags=("T",), next_review="2026-11-20"))
    write(
        root / "T" / "old.md",
        note_text("复习过的", tags=("T",), last_reviewed="2026-11-10", next_review="2026-11-24", review_count=3),
    )
    # No mastery_level key, CRLF line ends: the write-back appends a key (the log keeps the file's heads).
    text = note_text("没有掌握度", tags=("U",), next_review="2026-11-21").replace("mastery_level: 0.0\n", "")
    write(root / "U" / "crlf.md", text.replace("\n", "\r\n"))


def _rows(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    try:
        device = con.execute("SELECT value FROM store_meta WHERE key = 'device_id'").fetchone()[0]
        logs = con.execute("SELECT * FROM review_logs ORDER BY id").fetchall()
        names = [d[0] for d in con.execute("SELECT * FROM review_logs").description]
        uid, dev = names.index("uid"), names.index("device_id")
        assert all(log[dev] == device and len(log[uid]) == 32 for log in logs)
        note_cols = [d[0] for d in con.execute("SELECT * FROM notes").description]
        keep = [c for c in note_cols if c != "mtime_ns"]  # the write's own time: differs by nature
        return {
            "cards": con.execute("SELECT * FROM cards ORDER BY id").fetchall(),
            "logs": [tuple(v for i, v in enumerate(log) if i not in (uid, dev)) for log in logs],
            "notes": con.execute(f"SELECT {', '.join(keep)} FROM notes ORDER BY id").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture
def twins(tmp_path, monkeypatch, isolated_dirs):
    """Two identical libraries, each indexed into its own database."""
    (isolated_dirs / "config").mkdir(exist_ok=True)
    (isolated_dirs / "config" / "settings.toml").write_text("leech_threshold = 2\n", encoding="utf-8")
    monkeypatch.setenv("QKVSTUDY_NOW", T0.isoformat())
    sides = {}
    for side in ("quick", "orm", "study"):
        root = tmp_path / side / "notes"
        _library(root)
        study = Study.open(db=str(tmp_path / side / "q.db"), notes=root)
        study.scan()
        study.close()
        sides[side] = (root, tmp_path / side / "q.db")
    return sides


SEQUENCE = [
    ("T/old.md", 1),  # a lapse
    ("T/new.md", 3),
    ("U/crlf.md", 4),
    ("T/old.md", 3),
    ("T/old.md", 3),
    ("T/new.md", 2),
    ("T/old.md", 1),  # the second lapse: a leech at threshold 2, suspended
    ("U/crlf.md", 1),
]


def _grade_with_study(root: Path, db: Path, rel: str, rating: int, orm: bool):
    study = Study.open(db=str(db), notes=root)
    if orm:
        study._ctx.sqlite = None  # the ORM path: the reference the sqlite3 statements must match
    try:
        return study.grade(study.card_for_path(root / rel).card_id, rating)
    finally:
        study.close()


def test_the_quick_grade_records_what_the_studys_grade_records(twins, monkeypatch):
    (q_root, q_db), (o_root, o_db), (s_root, s_db) = twins["quick"], twins["orm"], twins["study"]
    leeches = 0
    for step, (rel, rating) in enumerate(SEQUENCE):
        monkeypatch.setenv("QKVSTUDY_NOW", (T0 + timedelta(days=9 * step, minutes=step)).isoformat())
        quick = grade_note(str(q_root / rel), rating, str(q_db), str(q_root))
        assert quick is not None, rel
        orm = _grade_with_study(o_root, o_db, rel, rating, orm=True)
        in_process = _grade_with_study(s_root, s_db, rel, rating, orm=False)
        assert asdict(quick) == asdict(orm) == asdict(in_process), rel
        leeches += quick.leech
        assert (q_root / rel).read_bytes() == (o_root / rel).read_bytes() == (s_root / rel).read_bytes(), rel
        assert _rows(q_db) == _rows(o_db) == _rows(s_db), rel
    assert leeches == 1
    assert b"mastery_level" in (q_root / "U" / "crlf.md").read_bytes()
    # The quick grade's log lets undo put the file back byte for byte, as the Study's does.
    con = sqlite3.connect(q_db)
    heads = json.loads(con.execute("SELECT frontmatter_before FROM review_logs WHERE id = 3").fetchone()[0])
    con.close()
    assert set(heads["_file"]) == {"before", "after"}
    study = Study.open(db=str(q_db), notes=q_root)
    try:
        while study.undo() is not None:
            pass
    finally:
        study.close()
    original = q_root.parent / "original"
    _library(original)
    for rel in ("T/new.md", "T/old.md", "U/crlf.md"):
        assert (q_root / rel).read_bytes() == (original / rel).read_bytes(), rel


def test_what_the_quick_grade_leaves_to_the_study(twins):
    root, db = twins["quick"]
    write(root / "T" / "unseen.md", note_text("新来的", tags=("T",)))
    assert grade_note(str(root / "T" / "unseen.md"), 3, str(db), str(root)) is None  # not indexed: a rescan
    edited = root / "T" / "new.md"
    edited.write_bytes(edited.read_bytes() + "补充。\n".encode())
    before = _rows(db)
    assert grade_note(str(edited), 3, str(db), str(root)) is None  # edited: re-indexed first
    assert _rows(db) == before  # nothing written on the way out
    assert grade_note(str(root / "T" / "old.md"), 3, f"sqlite:///{db}", str(root)) is not None
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert grade_note(str(root / "T" / "old.md"), 3, str(db), str(root)) is None  # a migration is due


def test_the_leech_rule_is_the_schedules():
    for threshold in range(1, 12):
        for lapses in range(0, 40):
            assert quick_grade._became_leech(lapses, threshold) == became_leech(lapses, threshold)


def test_the_schema_head_known_without_alembic_is_alembics():
    from qkvstudy.store.engine import _HEAD, head_revision

    assert revision.HEAD == head_revision() == _HEAD


def test_a_quick_grade_imports_no_sqlalchemy(twins):
    root, db = twins["quick"]
    probe = (
        "import sys; from qkvstudy.cli import main; code = main(sys.argv[1:]);"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'numpy'}))"
    )
    argv = ["--db", str(db), "--notes", str(root), "grade", str(root / "T" / "old.md"), "good"]
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 []"
    assert "review_count: 4" in (root / "T" / "old.md").read_text(encoding="utf-8")


def test_an_in_process_grade_with_its_duration_records_what_the_orm_records(twins, monkeypatch):
    (o_root, o_db), (s_root, s_db) = twins["orm"], twins["study"]
    for side, (root, db) in (("orm", (o_root, o_db)), ("study", (s_root, s_db))):
        study = Study.open(db=str(db), notes=root)
        if side == "orm":
            study._ctx.sqlite = None
        try:
            for rel, rating, seconds in (("T/new.md", 3, 2.5), ("T/old.md", 1, 11.25)):
                study.grade(study.card_for_path(root / rel).card_id, rating, duration_s=seconds)
            drill = study.next_card(topic="drills")  # a drill card: the ORM path in both
            study.grade(drill.card_id, 3, duration_s=4.0)
        finally:
            study.close()
    assert _rows(o_db) == _rows(s_db)
    assert [log[4] for log in _rows(s_db)["logs"]] == [2500, 11250, 4000]  # duration_ms
