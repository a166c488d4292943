"""A new database made from the recorded schema is the database Alembic's migrations make."""

import sqlite3
import subprocess
import sys

from qkvstudy.store import head_schema, revision
from qkvstudy.store.engine import _create_by_alembic, _create_database

REWRITE = "the migrations changed: run `python -m qkvstudy.store.head_schema` and commit head_schema.json"


def _described(path):
    con = sqlite3.connect(path)
    try:
        found = head_schema.describe(con)
        # Alembic's batch migrations re-create a table's indexes in hash order: the set, not the order, is the schema.
        found["schema"] = sorted(found["schema"])
        found["pragmas"] = [
            con.execute(f"PRAGMA {p}").fetchone() for p in ("journal_mode", "user_version", "page_size")
        ]
        return found
    finally:
        con.close()


def _device(described):
    rows = {table: rows for table, _columns, rows in described["rows"]}
    return dict(rows["store_meta"])["device_id"]


def test_the_recorded_schema_is_for_this_revision():
    assert head_schema.load() is not None, REWRITE
    assert head_schema.load()["revision"] == revision.HEAD, REWRITE


def test_a_database_from_the_record_is_the_one_alembic_makes(tmp_path):
    recorded, migrated = tmp_path / "recorded.db", tmp_path / "migrated.db"
    _create_database(recorded)
    _create_by_alembic(migrated)
    ours, theirs = _described(recorded), _described(migrated)
    assert _device(ours) != _device(theirs)  # every database its own id, as migration 0004 gives it
    for d in (ours, theirs):
        for table, _columns, rows in d["rows"]:
            if table == "store_meta":
                rows[:] = [r for r in rows if r[0] != "device_id"]
    assert ours == theirs, REWRITE


def test_a_new_database_gets_a_device_id_of_its_own_each_time(tmp_path):
    _create_database(tmp_path / "a.db")
    _create_database(tmp_path / "b.db")
    assert _device(_described(tmp_path / "a.db")) != _device(_described(tmp_path / "b.db"))


def test_opening_a_new_database_imports_no_alembic_and_it_works(tmp_path):
    from helpers import note_text, write

    root = tmp_path / "lib"
    write(root / "a.md", note_text("注意力是什么", tags=("T",)))
    probe = (
        "import sys; from pathlib import Path; from qkvstudy.study import Study;"
        f"s = Study.open({str(tmp_path / 'q.db')!r}, Path({str(root)!r})); r = s.scan();"
        "print(r.added, [c.title for c in s.search('注意').cards], 'alembic' in sys.modules); s.close()"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["1", "['注意力是什么']", "False"], out.stderr
