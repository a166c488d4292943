"""Migration 0008: a database whose index holds 0007's documents (distinct lines + gapped copy) is rebuilt
with the documents the code makes now (lines + each character alone), gains the vocabulary a two-character
needle is looked up in, and answers every search as before; the downgrade gives back 0007's index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import note_text, write
from postings import assert_index_as_built_afresh, indexed, postings, stored_texts
from test_migration_0007 import NOTES, _answers, _config, _migration, _visible_texts

from qkvstudy.store.engine import alembic_config, current_revision, head_revision, make_engine, write_engine
from qkvstudy.store.search_index import AUTOMERGE, HASHSIZE, TABLE, TERMS
from qkvstudy.study import Study


def _library(root: Path) -> None:
    for path, (question, answer, detail) in NOTES.items():
        write(root / path, note_text(question, answer, extra_body=f"\n\n{detail}"))
    write(root / "T" / "d.md", "# 只有问题 kv\n")


def _at_0007(db: Path) -> None:
    """Put the index back as revision 0007 left it: built by 0007's rule, no vocabulary table."""
    m0007 = _migration("0007_search_index_lines")
    con = sqlite3.connect(db)
    with con:
        texts = stored_texts(con)
        con.execute(f"DROP TABLE IF EXISTS {TERMS}")  # gone already after a downgrade
        con.execute(f"DROP TABLE {TABLE}")
        con.execute(m0007.CREATE)
        con.execute(m0007.HASHSIZE)
        con.execute(m0007.AUTOMERGE)
        con.executemany(
            f"INSERT INTO {TABLE}(rowid, doc) VALUES (?, ?)", [(i, m0007._document(t)) for i, t in texts.items()]
        )
        con.execute("UPDATE alembic_version SET version_num = '0007'")
    con.close()


def _tables(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def test_0008_rebuilds_the_index_and_every_search_answers_the_same(tmp_path):
    root, db = tmp_path / "notes", tmp_path / "s.db"
    _library(root)
    study = Study.open(db=str(db), notes=root)
    study.scan(workers=1)
    visible = {c.path: stored for c, stored in _visible_texts(study)}
    study.close()

    _at_0007(db)
    con = sqlite3.connect(db)
    assert postings(con) != postings(indexed(stored_texts(con)))  # the rule did change: the rebuild is needed
    con.close()
    assert TERMS not in _tables(db)

    study = Study.open(db=str(db), notes=root)  # opening migrates
    try:
        assert current_revision(study.engine) == head_revision() == "0008"
        assert TERMS in _tables(db)
        assert (_config(db, "hashsize"), _config(db, "automerge")) == (HASHSIZE, AUTOMERGE)
        assert_index_as_built_afresh(db)
        for value, (paths, count, exact) in _answers(study).items():
            expected = {p for p, text in visible.items() if value in text}
            assert (paths, count, exact) == (expected, len(expected), True), repr(value)
        # An edit after the upgrade: the old document is forgotten (re-supplied as 0008 built it).
        write(root / "T" / "a.md", note_text("缩放点积注意力", "归一化 归一化"))
        study.scan(workers=1)
        assert_index_as_built_afresh(db)
        assert study.search("softmax").count == 0 and study.search("归一化").count == 1
        assert study.search("一化").count == 1 and study.search("化 ").count == 1
    finally:
        study.close()


def test_0008_downgrades_to_0007s_documents(tmp_path):
    from alembic import command

    root, db = tmp_path / "notes", tmp_path / "s.db"
    _library(root)
    study = Study.open(db=str(db), notes=root)
    study.scan(workers=1)
    study.close()
    engine = make_engine(f"sqlite:///{db}")
    with write_engine(engine).begin() as conn:
        command.downgrade(alembic_config(conn), "0007")
    engine.dispose()
    assert TERMS not in _tables(db)
    con = sqlite3.connect(db)
    downgraded = postings(con)
    con.close()
    _at_0007(db)  # what 0007's own rule builds from the same notes
    con = sqlite3.connect(db)
    try:
        assert downgraded == postings(con) != []
    finally:
        con.close()
