"""Worker processes end with their parent however it dies; a killed command's temp files go with the next scan."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, run_cli
from helpers import note_text, write

from qkvstudy.notes.atomic import temp_name
from qkvstudy.notes.library import POOL_THRESHOLD
from qkvstudy.study import Study


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_import_workers_end_when_the_import_is_killed(tmp_path):
    root = tmp_path / "notes"
    body = "正文 " * 400
    for i in range(POOL_THRESHOLD * 3):
        write(root / "T" / f"n{i}.md", note_text(f"问题 {i}", tags=("T",), extra_body=body))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    db = str(tmp_path / "q.db")
    proc = subprocess.Popen(
        [sys.executable, "-m", "qkvstudy.cli", "import", str(root), "--db", db, "--notes", str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    for _ in range(600):  # up to 60 s for the pool to start on a loaded machine
        workers = children(proc.pid)
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert workers, "the import never started its workers"
    proc.kill()
    proc.wait(timeout=30)
    for _ in range(100):  # bounded: 10 s
        if not any(alive(w) for w in workers):
            break
        time.sleep(0.1)
    outlived = [w for w in workers if alive(w)]
    for w in outlived:  # never leave them running, even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not outlived, "workers outlived their killed parent"
    # What the killed import left is whole: the next run finishes it and the log is sound.
    assert run_cli("import", str(root), "--db", db, "--notes", str(root)).returncode == 0
    assert run_cli("check", "--db", db, "--notes", str(root)).returncode == 0


KILLED_WRITER = """
import os, signal, sys
name = ".qkv%x-abcdef.tmp" % os.getpid()
fd = os.open(os.path.join(sys.argv[1], name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
os.write(fd, b"half a note")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_temp_files_of_a_killed_writer_are_removed_by_the_next_scan(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("问题", tags=("T",)))
    folder = root / "T"
    # A real process killed in the middle of a write: its pid is in the temp file's name.
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(folder)], timeout=30)
    assert killed.returncode == -signal.SIGKILL
    assert len([p for p in folder.iterdir() if p.name.startswith(".qkv")]) == 1
    mine = folder / temp_name()  # a live writer's temp (this process): never touched
    mine.write_bytes(b"in progress")
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    study.scan()
    study.close()
    assert sorted(p.name for p in folder.iterdir()) == sorted(["a.md", mine.name])


def test_a_grade_loop_killed_midway_leaves_a_sound_database_and_no_temp_file(tmp_path):
    root = tmp_path / "notes"
    for i in range(3):
        write(root / "T" / f"n{i}.md", note_text(f"问题 {i}", tags=("T",)))
    db = tmp_path / "q.db"
    Study.open(db=str(db), notes=root).close()
    worker = Path(__file__).with_name("worker.py")
    proc = subprocess.Popen(
        [sys.executable, str(worker), "grade", str(db), str(root), "200", "T/n0.md", "T/n1.md", "T/n2.md"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):  # until some grades are in (bounded: 60 s)
        time.sleep(0.1)
        try:
            conn = sqlite3.connect(db)
            n = conn.execute("SELECT count(*) FROM review_logs").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            n = 0
        if n >= 5 or proc.poll() is not None:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    study = Study.open(db=str(db), notes=root)
    study.scan()
    study.close()
    assert [p.name for p in (root / "T").iterdir() if p.name.startswith(".")] == []
    result = run_cli("check", "--db", str(db), "--notes", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
