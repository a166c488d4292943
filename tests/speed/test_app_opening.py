"""Opening the app on home: a database already at the newest schema is not opened before the
first frame (the app's reader opens it after); anything else is prepared first, as before."""

import sqlite3

import pytest

from qkvstudy.cli import app as cli_app
from qkvstudy.store import revision
from qkvstudy.store.health import StoreError
from qkvstudy.study import Study


def _url(path):
    return f"sqlite:///{path}"


def test_a_database_at_head_is_ready(tmp_path):
    db = tmp_path / "q.db"
    Study.open(str(db), tmp_path).close()
    assert revision.file_at_head(_url(db)) and cli_app._ready_for_home(_url(db))


def test_anything_else_is_prepared_first(tmp_path):
    missing = tmp_path / "none.db"
    assert not cli_app._ready_for_home(_url(missing)) and not missing.exists()  # nothing created
    assert not cli_app._ready_for_home("postgresql://x/y")
    old = tmp_path / "old.db"
    Study.open(str(old), tmp_path).close()
    with sqlite3.connect(old) as con:
        con.execute("UPDATE alembic_version SET version_num = '0004'")
    assert not cli_app._ready_for_home(_url(old))  # a migration is due: the Study runs it first
    odd = tmp_path / "odd.db"
    with sqlite3.connect(odd) as con:
        con.execute("CREATE TABLE t (x)")
    assert not revision.file_at_head(_url(odd))


def test_a_damaged_file_is_one_line_before_any_screen(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        cli_app._ready_for_home(_url(bad))
    assert bad.read_bytes() == b"not a database at all" * 100


def test_home_on_a_ready_database_opens_no_study_before_the_app(tmp_path, monkeypatch):
    db = tmp_path / "q.db"
    Study.open(str(db), tmp_path).close()
    opened = []
    monkeypatch.setattr(Study, "open", classmethod(lambda cls, *a, **k: opened.append(a)))
    started = {}
    import qkvstudy.tui.app as tui_app

    monkeypatch.setattr(tui_app, "run_app", lambda **kw: started.update(kw))
    code = cli_app.run_home(_args(db, tmp_path))
    assert code == 0 and started["start"] == "home" and opened == []  # the factory is called by the app, later


def _args(db, notes):
    import argparse

    return argparse.Namespace(db=str(db), notes=str(notes), no_write_back=False)
