"""`qkvstudy import` of the library when nothing changed is answered with sqlite3 alone
(facade.quick_scan), with the Study's own report; any change goes to the Study's scan."""

import os
import subprocess
import sys

from helpers import note_text, write

from qkvstudy.facade.quick_scan import look_ahead
from qkvstudy.study import Study

PROBE = (
    "import sys; from qkvstudy.cli import main; code = main(sys.argv[1:]);"
    "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'numpy', 'yaml'}))"
)


def _unchanged(url, root):
    report, ahead = look_ahead(url, root)
    assert ahead is None  # a few files: nothing is read ahead
    return report


def _library(root):
    for i in range(5):
        write(root / "T" / f"n{i}.md", note_text(f"问题 {i}", tags=("T",)))


def _import(root, db):
    argv = ["--db", str(db), "--notes", str(root), "import", str(root)]
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    *summary, probe = proc.stdout.strip().splitlines()
    return probe, summary, proc.stderr


def _study_report(root, db):
    study = Study.open(str(db), root)
    try:
        return study.scan()
    finally:
        study.close()


def test_nothing_changed_is_answered_without_sqlalchemy(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "q.db"
    _library(root)
    first, _summary, _err = _import(root, db)
    assert first.startswith("0 ") and "sqlalchemy" in first  # a new database: the Study indexes it
    again, summary, err = _import(root, db)
    assert again == "0 []", (again, err)
    quick = _unchanged(f"sqlite:///{db}", root)
    assert quick is not None and (quick.unchanged, quick.missing, quick.added) == (5, 0, 0)
    assert quick == _study_report(root, db)  # the same report the Study's scan gives
    assert summary and "5" in summary[-1]


def test_any_change_goes_to_the_study(tmp_path):
    root, db = tmp_path / "lib", tmp_path / "q.db"
    _library(root)
    _study_report(root, db)
    url = f"sqlite:///{db}"
    assert _unchanged(url, root) is not None

    write(root / "T" / "new.md", note_text("新的", tags=("T",)))  # a file the index does not know
    assert _unchanged(url, root) is None
    assert _study_report(root, db).added == 1 and _unchanged(url, root) is not None

    path = root / "T" / "n0.md"  # edited: size or mtime moved
    path.write_text(path.read_text(encoding="utf-8") + "\n补充\n", encoding="utf-8")
    assert _unchanged(url, root) is None
    assert _study_report(root, db).updated == 1

    st = path.stat()  # touched only: the Study reads it (and records the new mtime)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert _unchanged(url, root) is None
    _study_report(root, db)

    (root / "T" / "n1.md").unlink()  # newly gone: the Study marks it missing; after that, quick again
    assert _unchanged(url, root) is None
    assert _study_report(root, db).missing == 1
    quick = _unchanged(url, root)
    assert quick is not None and quick.missing == 1 and quick == _study_report(root, db)

    write(root / "T" / "bad.md", "---\ncreated: [\n---\n# 坏\n")  # rejected notes are never in the index
    assert _unchanged(url, root) is None


def test_no_quick_answer_for_a_database_it_cannot_vouch_for(tmp_path):
    root = tmp_path / "lib"
    _library(root)
    assert _unchanged(f"sqlite:///{tmp_path / 'none.db'}", root) is None
    assert not (tmp_path / "none.db").exists()
    assert _unchanged("postgresql://h/db", root) is None


def _many(root, n, start=0):
    for i in range(start, start + n):
        write(root / "T" / f"m{i:04d}.md", note_text(f"问题 {i}", f"答案 {i}", tags=("T",)))


def _rows(db):
    import sqlite3

    with sqlite3.connect(db) as con:
        return con.execute("SELECT path, content_hash, question, topic FROM notes ORDER BY path").fetchall()


def test_a_new_database_starts_reading_before_the_study_opens_and_stores_the_same(tmp_path):
    from qkvstudy.facade.quick_scan import look_ahead
    from qkvstudy.notes.library_files import POOL_THRESHOLD

    root, db = tmp_path / "lib", tmp_path / "q.db"
    _many(root, POOL_THRESHOLD + 20)
    report, ahead = look_ahead(f"sqlite:///{db}", root)
    assert report is None and ahead is not None and not db.exists()  # reading, and nothing written yet
    study = Study.open(str(db), root)
    try:
        got = study.import_paths([root], ahead=ahead)
    finally:
        study.close()
    assert ahead.pool is None  # taken over and finished
    assert (got.added, got.rejected) == (POOL_THRESHOLD + 20, 0)
    plain = tmp_path / "plain.db"
    assert _study_report(root, plain).added == POOL_THRESHOLD + 20
    assert _rows(db) == _rows(plain)


def test_a_reading_started_ahead_is_dropped_when_the_scan_would_read_other_files(tmp_path):
    from qkvstudy.facade.quick_scan import look_ahead
    from qkvstudy.notes.library_files import POOL_THRESHOLD

    root, db = tmp_path / "lib", tmp_path / "q.db"
    _many(root, POOL_THRESHOLD + 5)
    _study_report(root, db)
    _many(root, POOL_THRESHOLD, start=5000)  # many new files: a reading is started for them
    report, ahead = look_ahead(f"sqlite:///{db}", root)
    assert report is None and ahead is not None
    assert ahead.rels[0] == "T/m5000.md" and len(ahead.rels) == POOL_THRESHOLD
    assert _study_report(root, db).added == POOL_THRESHOLD  # meanwhile another scan indexes them
    edited = root / "T" / "m0000.md"  # and one known note is edited
    write(edited, note_text("改过的问题", tags=("T",)))
    os.utime(edited, ns=(0, 10**18))
    study = Study.open(str(db), root)
    try:
        got = study.import_paths([root], ahead=ahead)
        assert ahead.pool is None  # stopped: it read files this scan does not need
        assert (got.added, got.updated, got.unchanged) == (0, 1, 2 * POOL_THRESHOLD + 4)
        assert "改过的问题" in {c.title for c in study.search("改过").cards}
    finally:
        study.close()


def test_a_cold_import_as_a_command_reads_ahead_and_says_what_it_added(tmp_path):
    from qkvstudy.notes.library_files import POOL_THRESHOLD

    root, db = tmp_path / "lib", tmp_path / "q.db"
    _many(root, POOL_THRESHOLD + 3)
    probe, summary, err = _import(root, db)
    assert probe.startswith("0 "), err
    assert str(POOL_THRESHOLD + 3) in summary[-1]
    assert len(_rows(db)) == POOL_THRESHOLD + 3
