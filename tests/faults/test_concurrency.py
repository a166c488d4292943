"""Many processes grading and scanning at once: every grade kept, nothing raises, no edit overwritten."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import run_cli
from helpers import note_text, write

from qkvstudy.study import Study

WORKER = Path(__file__).with_name("worker.py")


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(procs: list[subprocess.Popen], timeout: float = 120) -> list[dict]:
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        assert p.returncode == 0, err
        assert "Traceback" not in err, err
        outs.append(json.loads(out.strip().splitlines()[-1]))
    return outs


def reps_and_logs(db: Path) -> list[tuple[int, int, int]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT c.id, c.reps, (SELECT count(*) FROM review_logs r WHERE r.card_id = c.id) "
            "FROM cards c WHERE c.kind = 'note'"
        ).fetchall()
    finally:
        conn.close()


def make_library(tmp_path: Path, n: int) -> tuple[Path, Path]:
    root = tmp_path / "notes"
    for i in range(n):
        write(root / "T" / f"n{i}.md", note_text(f"问题 {i}", tags=("T",)))
    db = tmp_path / "q.db"
    study = Study.open(db=str(db), notes=root)
    study.scan()
    study.close()
    return root, db


def test_many_processes_grading_the_same_and_different_notes_keep_every_grade(tmp_path):
    root, db = make_library(tmp_path, 3)
    rounds = 5
    procs = [start("grade", str(db), str(root), str(rounds), "T/n0.md") for _ in range(3)]
    procs += [start("grade", str(db), str(root), str(rounds), f"T/n{i}.md", "T/n0.md") for i in (1,)]
    outs = finish(procs)
    assert sum(o["graded"] for o in outs) == 3 * rounds + 2 * rounds
    rows = reps_and_logs(db)
    assert all(reps == logs for _id, reps, logs in rows), rows
    assert sum(logs for *_x, logs in rows) == 3 * rounds + 2 * rounds
    # The file says what the database says: the last write-back is the newest grade's.
    study = Study.open(db=str(db), notes=root)
    card = study.card_for_path(root / "T" / "n0.md")
    assert f"review_count: {card.reviews}" in (root / "T" / "n0.md").read_text(encoding="utf-8")
    study.close()
    check = run_cli("check", "--db", str(db), "--notes", str(root))
    assert check.returncode == 0, check.stdout + check.stderr


def test_concurrent_scans_adding_the_same_new_notes_never_collide(tmp_path):
    root, db = make_library(tmp_path, 1)
    for i in range(1, 60):
        write(root / "U" / f"m{i}.md", note_text(f"新问题 {i}", tags=("U",)))
    outs = finish([start("scan", str(db), str(root)) for _ in range(3)])
    assert sum(o["added"] for o in outs) == 59  # each note added by exactly one of them
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT path) FROM notes").fetchone() == (60, 60)
    conn.close()


def test_an_editor_saving_in_a_loop_while_grades_run_loses_no_save(tmp_path):
    root, db = make_library(tmp_path, 1)
    note = root / "T" / "n0.md"
    stop = tmp_path / "stop"
    editor = start("edit", str(note), "20000", str(stop))  # saves every ~2 ms until the grades are done
    grader = start("grade", str(db), str(root), "12", "T/n0.md")
    try:
        (graded,) = finish([grader])
    finally:
        stop.touch()
    (edits,) = finish([editor])
    assert graded["graded"] == 12
    assert edits["saves"] > 12 and edits["lost"] == 0, edits
    text = note.read_text(encoding="utf-8")
    assert all(f"<!-- edit {i} -->" in text for i in range(edits["saves"]))
    rows = reps_and_logs(db)
    assert all(reps == logs for _id, reps, logs in rows)
