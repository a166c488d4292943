"""Finding the library's files and holding what was read until it is stored."""

import os
import sqlite3
import time

import pytest
from helpers import note_text, write

from qkvstudy.notes.library_files import POOL_THRESHOLD, Spool
from qkvstudy.notes.reading import read_and_pack, read_and_parse
from qkvstudy.notes.walk import walk_library
from qkvstudy.study import Study

pytestmark = pytest.mark.usefixtures("english")


def test_walk_finds_notes_by_slash_paths_and_skips_hidden_and_other_files(tmp_path):
    write(tmp_path / "a.md", note_text("A"))
    write(tmp_path / "话题" / "深" / "b.MD", note_text("B"))
    write(tmp_path / ".git" / "c.md", note_text("C"))
    write(tmp_path / "话题" / "notes.txt", "not a note")
    (tmp_path / "dir.md").mkdir()
    os.symlink(tmp_path / "missing.md", tmp_path / "broken.md")
    found = walk_library(tmp_path)
    assert sorted(found) == ["a.md", "话题/深/b.MD"]
    st = os.stat(tmp_path / "a.md")
    assert found["a.md"] == (st.st_size, st.st_mtime_ns)


def test_walk_removes_a_stale_temp_file_and_keeps_a_fresh_one(tmp_path):
    write(tmp_path / "a.md", note_text("A"))
    stale = tmp_path / ".qkvfffffff0-abcdef.tmp"  # an old temp file of ours
    fresh = tmp_path / f".qkv{os.getpid():x}-0badca.tmp"  # being written by a live process
    write(stale, "half")
    write(fresh, "being written")
    old = time.time() - 7 * 24 * 3600
    os.utime(stale, (old, old))
    walk_library(tmp_path)
    assert not stale.exists()
    assert fresh.exists()


def test_spool_keeps_a_result_small_and_gives_it_back_whole(tmp_path):
    write(tmp_path / "a.md", note_text("问题 A", tags=("Transformer",)))
    whole = read_and_parse(str(tmp_path), "a.md")
    assert whole.values is not None and whole.question == "问题 A"
    spool = Spool()
    try:
        small = spool.put(read_and_pack(str(tmp_path), "a.md"))
        assert (small.values, small.tags, small.payload) == (None, None, None)
        assert small.question == "问题 A"  # what classifying a move needs stays at hand
        assert spool.take(small) == whole
        assert spool.take(small) is small  # given back once
    finally:
        spool.close()


def test_a_big_scan_stores_every_note_through_the_spool(tmp_path):
    root = tmp_path / "notes"
    n = POOL_THRESHOLD + 10
    for i in range(n):
        write(root / "T" / f"{i:04d}.md", note_text(f"问题 {i}", f"答案 {i}", tags=("T",)))
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    try:
        report = study.scan(workers=1)
        assert (report.added, report.rejected) == (n, 0)
        questions = {c.title for c in study.search().cards}
        assert {"问题 0", f"问题 {n - 1}"} <= questions and len(questions) == n
    finally:
        study.close()


def test_a_rescan_with_nothing_changed_takes_no_write_lock(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    write(root / "a.md", note_text("问题 A"))
    write(root / "b.md", note_text("问题 B"))
    db = tmp_path / "q.db"
    study = Study.open(db=str(db), notes=root)
    try:
        study.scan()
        (root / "b.md").unlink()
        assert study.scan().missing == 1  # b is marked missing: a write
        monkeypatch.setenv("QKVSTUDY_BUSY_MS", "0")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process is writing
        try:
            report = study.scan()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert (report.unchanged, report.missing, report.added) == (1, 1, 0)
    finally:
        study.close()


def test_a_spool_that_cannot_be_written_keeps_the_payloads_in_memory(tmp_path, monkeypatch):
    import errno

    import qkvstudy.notes.library_files as library_files

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    write(tmp_path / "a.md", note_text("问题 A", tags=("Transformer",)))
    whole = read_and_parse(str(tmp_path), "a.md")
    monkeypatch.setattr(library_files.tempfile, "TemporaryFile", full_disk)
    spool = Spool()
    try:
        held = spool.put(read_and_pack(str(tmp_path), "a.md"))
        assert held.payload is not None  # kept, not lost
        assert spool.take(held) == whole
    finally:
        spool.close()
