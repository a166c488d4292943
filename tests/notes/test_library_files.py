"""Finding the library's files, reading them in worker processes and storing them run by run."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers import note_text, write

import qkvstudy.notes.library as library
from qkvstudy.notes.library_files import POOL_THRESHOLD, parse_all
from qkvstudy.notes.reading import read_and_parse
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


def test_a_worker_builds_the_search_document_the_store_would(tmp_path):
    from qkvstudy.store.note_text import search_text, unpack_sections
    from qkvstudy.store.search_index import document

    write(tmp_path / "a.md", note_text("问题 A", "答案 kv cache", tags=("Transformer",)))
    res = read_and_parse(str(tmp_path), "a.md")
    assert res.values is not None and res.question == "问题 A"
    assert res.doc == document(search_text("问题 A", unpack_sections(res.values["sections"])))


def _library(root, n):
    for i in range(n):
        write(root / "T" / f"{i:04d}.md", note_text(f"问题 {i}", f"答案 {i}", tags=("T",)))


def test_the_pool_gives_every_result_in_order(tmp_path):
    n = POOL_THRESHOLD + 37
    _library(tmp_path, n)
    rels = [f"T/{i:04d}.md" for i in range(n)]
    seen = []
    results = list(parse_all(tmp_path, rels, [None] * n, lambda done, total: seen.append((done, total)), 2))
    assert [r.rel for r in results] == rels
    assert all(r.values is not None and r.doc for r in results)
    assert seen[-1] == (n, n) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_big_scan_stores_every_note_in_runs(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    n = POOL_THRESHOLD + 10
    _library(root, n)
    monkeypatch.setattr(library.Indexer, "BATCH", 100)
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    try:
        report = study.scan(workers=2)
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


def _stops_after(count, real):
    def results(*args, **kwargs):
        for i, res in enumerate(real(*args, **kwargs)):
            if i == count:
                raise OSError("the disk went away")
            yield res

    return results


def test_runs_stored_before_a_scan_stopped_stay_stored_and_the_next_scan_adds_the_rest(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    n = 250
    _library(root, n)
    monkeypatch.setattr(library.Indexer, "BATCH", 100)
    monkeypatch.setattr(library, "parse_all", _stops_after(230, library.parse_all))
    db = tmp_path / "q.db"
    study = Study.open(db=str(db), notes=root)
    try:
        with pytest.raises(OSError):
            study.scan()
        with sqlite3.connect(db) as con:
            assert con.execute("SELECT count(*) FROM notes").fetchone() == (200,)  # two whole runs
        monkeypatch.undo()
        report = study.scan()
        assert (report.added, report.unchanged) == (n - 200, 200)
    finally:
        study.close()
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*), count(DISTINCT path) FROM notes").fetchone() == (n, n)
        assert con.execute("SELECT count(*) FROM cards WHERE kind = 'note'").fetchone() == (n,)


def test_a_scan_looks_afresh_when_another_process_indexed_between_its_runs(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    n = 300
    _library(root, n)
    db = tmp_path / "q.db"
    real = library.parse_all

    def meanwhile(*args, **kwargs):
        for i, res in enumerate(real(*args, **kwargs)):
            if i == 100:  # the first run is committed: another process indexes the whole library now
                done = subprocess.run(
                    [sys.executable, "-m", "qkvstudy", "--db", str(db), "--notes", str(root), "import", str(root)],
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                assert done.returncode == 0, done.stderr
            yield res

    monkeypatch.setattr(library.Indexer, "BATCH", 100)
    monkeypatch.setattr(library, "parse_all", meanwhile)
    study = Study.open(db=str(db), notes=root)
    try:
        report = study.scan()
    finally:
        study.close()
    # Without a fresh look the next run would insert paths the other process stored: a UNIQUE error.
    assert (report.added, report.unchanged, report.rejected) == (100, n - 100, 0)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*), count(DISTINCT path) FROM notes").fetchone() == (n, n)
        assert con.execute("SELECT count(*) FROM cards WHERE kind = 'note'").fetchone() == (n,)
        assert con.execute("INSERT INTO note_search(note_search) VALUES ('integrity-check')").fetchall() == []


def test_a_store_that_fails_stops_the_workers_at_once(tmp_path, monkeypatch):
    import multiprocessing

    root = tmp_path / "notes"
    n = POOL_THRESHOLD + 200
    _library(root, n)
    monkeypatch.setattr(library.Indexer, "BATCH", 100)
    real = library._Apply.insert
    calls = []

    def insert(self, batch):
        calls.append(len(batch))
        if len(calls) == 2:
            raise OSError("No space left on device")
        real(self, batch)

    monkeypatch.setattr(library._Apply, "insert", insert)
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    try:
        with pytest.raises(OSError):
            study.scan(workers=2)
        assert multiprocessing.active_children() == []  # no worker left reading the rest of the library
        with sqlite3.connect(tmp_path / "q.db") as con:
            assert con.execute("SELECT count(*) FROM notes").fetchone() == (100,)  # the first run, whole
    finally:
        study.close()


def test_reading_workers_run_below_the_process_that_stores(tmp_path):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from qkvstudy.notes.workers import WORKER_NICE, watch_parent

    mine = os.nice(0)
    with ProcessPoolExecutor(
        1, mp_context=get_context("fork"), initializer=watch_parent, initargs=(os.getpid(),)
    ) as pool:
        theirs = pool.submit(os.nice, 0).result(timeout=60)
    assert theirs == min(mine + WORKER_NICE, 19)
