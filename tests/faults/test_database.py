"""A database that cannot be used is one line that says what is wrong and what to do, exit 1, the file untouched."""

import hashlib
import os
import sqlite3
import subprocess

import pytest
from conftest import run_cli
from helpers import note_text, write

from qkvstudy.store import health
from qkvstudy.store.engine import make_engine, migrate
from qkvstudy.study import Study


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("问题 A", tags=("T",)))
    return root


def history(tmp_path, library, name="q.db"):
    db = tmp_path / name
    study = Study.open(db=str(db), notes=library)
    study.scan()
    study.grade(study.card_for_path(library / "T" / "a.md").card_id, 3)
    study.close()
    return db


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_failure(result):
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "damage",
    ["zero_bytes", "not_sqlite", "truncated", "garbled"],
)
def test_a_damaged_database_is_one_line_and_left_untouched(tmp_path, library, damage):
    db = history(tmp_path, library)
    raw = db.read_bytes()
    db.write_bytes(
        {
            "zero_bytes": b"",
            "not_sqlite": b"these are my notes, not a database\n" * 50,
            "truncated": raw[: len(raw) // 3],
            "garbled": raw[:100] + bytes(len(raw) - 100),
        }[damage]
    )
    before = digest(db)
    line = one_line_failure(run_cli("due", "--db", str(db), "--notes", str(library)))
    assert str(db) in line
    assert digest(db) == before
    assert not (tmp_path / "q.db-wal").exists() or damage == "garbled"


def test_the_line_for_a_damaged_database_names_the_newest_backup(tmp_path, library):
    db = history(tmp_path, library)
    Study.open(db=str(db), notes=library).close()  # an existing database: its daily copy is taken
    copies = health.backups_of(db)
    assert copies and sqlite3.connect(copies[0]).execute("SELECT count(*) FROM review_logs").fetchone() == (1,)
    db.write_bytes(db.read_bytes()[:2048])
    line = one_line_failure(run_cli("due", "--db", str(db), "--notes", str(library)))
    assert str(copies[0]) in line


def test_a_database_from_a_newer_qkvstudy_is_refused(tmp_path, library):
    db = history(tmp_path, library)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    before = digest(db)
    line = one_line_failure(run_cli("due", "--db", str(db), "--notes", str(library)))
    assert "0999" in line
    assert digest(db) == before


def test_a_database_locked_past_the_timeout_is_one_line_and_loses_nothing(tmp_path, library):
    db = history(tmp_path, library)
    note = library / "T" / "a.md"
    note_before = note.read_bytes()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli(
            "grade", str(note), "good", "--db", str(db), "--notes", str(library), env={"QKVSTUDY_BUSY_MS": "200"}
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    one_line_failure(result)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM review_logs").fetchone() == (1,)
    conn.close()
    assert note.read_bytes() == note_before


def test_an_upgrade_keeps_a_copy_first(tmp_path):
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine, "0003")
    engine.dispose()
    migrate(make_engine(f"sqlite:///{db}"))
    copies = health.backups_of(db)
    assert len(copies) == 1 and "before-" in copies[0].name
    conn = sqlite3.connect(copies[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    conn.close()


def test_backups_keep_only_the_newest_few(tmp_path, library):
    db = history(tmp_path, library)
    for _ in range(health.KEEP_BACKUPS + 2):
        health.backup(db)
    assert len(health.backups_of(db)) == health.KEEP_BACKUPS


@pytest.mark.skipif(os.geteuid() != 0, reason="a read-only mount needs root")
def test_an_unwritable_database_is_one_line(tmp_path, library):
    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        db = history(mnt, library)
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        note = library / "T" / "a.md"
        line = one_line_failure(run_cli("grade", str(note), "good", "--db", str(db), "--notes", str(library)))
        assert str(db) in line
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
