"""Schema versioning: a new database starts at head; an older one upgrades with its data intact."""

import json
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from qkvstudy.store import search_index
from qkvstudy.store.compact import free_pages
from qkvstudy.store.engine import current_revision, head_revision, make_engine, migrate
from qkvstudy.store.models import Base
from qkvstudy.study import Study


def test_new_database_is_created_at_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


# Alembic cannot compare an expression index on SQLite (it says so in two warnings): the test
# checks that one by name below instead.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_models_match_the_migrations(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)

    # The search index is an FTS5 virtual table (and its shadow tables), which SQLAlchemy does not model.
    def modelled(name, type_, _parent):
        return not (type_ == "table" and name.startswith(search_index.TABLE))

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": modelled})
        diff = compare_metadata(context, Base.metadata)
        found = f"SELECT count(*) FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH 'abc'"
        assert conn.exec_driver_sql(found).scalar() == 0
        expression_index = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_review_logs_hour'"
        assert conn.exec_driver_sql(expression_index).scalar() == 1
    assert diff == []


def test_upgrade_from_the_first_revision_keeps_data(tmp_path):
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine, "0001")  # a database as version 0001 of qkvstudy made it
    assert current_revision(engine) == "0001"
    assert "drill_attempts" not in inspect(engine).get_table_names()
    now = datetime(2026, 1, 2, 3, 4, 5)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO notes (id, path, size, mtime_ns, content_hash, question, topic, sections_json, related_json,"
                " search_text, missing, indexed_at, fm_next_review) VALUES (1, 'T/a.md', 10, 20, 'h', '旧问题', 'T', '[]',"
                " :rel, '旧问题', 0, :now, '2026-01-05')"
            ),
            {"now": now, "rel": '[["B", "notes/T/b.md", 40]]'},
        )
        conn.execute(
            text(
                "INSERT INTO cards (id, kind, note_id, ordinal, state, stability, difficulty, due, last_review, reps,"
                " lapses, suspended) VALUES (7, 'note', 1, 0, 'review', 3.5, 5.0, :now, :now, 4, 1, 0)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO review_logs (card_id, rating, reviewed_at, state_before, state_after, before, after)"
                " VALUES (7, 3, :now, 'review', 'review', '{}', '{}')"
            ),
            {"now": now},
        )
    engine.dispose()

    study = Study.open(db=str(db), notes=tmp_path / "notes")  # opening migrates to head
    assert current_revision(study.engine) == head_revision()
    card = study.card(7)
    assert (card.title, card.state, card.stability, card.reviews, card.lapses) == ("旧问题", "review", 3.5, 4, 1)
    assert not card.buried
    assert len(study.history.review_logs(7)) == 1
    study.history.record_drill_attempt(7, "scores", 1, 42, [[1, 2]], 1.0, 3.2)  # the new table works
    assert study.history.drill_attempts()[0]["seed"] == 42
    with study.engine.connect() as conn:  # 0003 turned the stored related links into rows
        assert conn.exec_driver_sql("SELECT note_id, target_path FROM note_links").all() == [(1, "T/b.md")]
    study.close()


def test_upgrade_to_0005_packs_the_sections_and_indexes_them(tmp_path):
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine, "0004")
    sections = '[["面试标准答案", "缩放因子让 Softmax 不饱和"], ["详细技术解析", "KV Cache 缓存历史"]]'
    with engine.begin() as conn:
        for note_id, question, body in ((1, "为什么要缩放", sections), (2, "另一个问题", "[]")):
            conn.execute(
                text(
                    "INSERT INTO notes (id, path, size, mtime_ns, content_hash, question, topic, sections_json,"
                    " answer_index, related_json, search_text, missing, indexed_at) VALUES (:id, :path, 1, 1, :h,"
                    " :q, 'T', :s, 0, '[]', 'stale', 0, :now)"
                ),
                {
                    "id": note_id,
                    "path": f"T/{note_id}.md",
                    "h": str(note_id),
                    "q": question,
                    "s": body,
                    "now": datetime(2026, 1, 2),
                },
            )
            conn.execute(
                text(
                    "INSERT INTO cards (id, kind, note_id, ordinal, state, due, reps, lapses, suspended)"
                    " VALUES (:id, 'note', :id, 0, 'new', :now, 0, 0, 0)"
                ),
                {"id": note_id, "now": datetime(2026, 1, 2)},
            )
    engine.dispose()

    study = Study.open(db=str(db), notes=tmp_path / "notes")
    try:
        columns = {c["name"] for c in inspect(study.engine).get_columns("notes")}
        assert not {"sections_json", "search_text"} & columns  # the body lives in note_bodies now
        content = study.note_content(1)
        assert (content.answer.title, content.answer.markdown) == ("面试标准答案", "缩放因子让 Softmax 不饱和")
        assert [(d.title, d.markdown) for d in content.details] == [("详细技术解析", "KV Cache 缓存历史")]
        assert study.note_content(2).answer is None
        assert [c.note_id for c in study.search("softmax").cards] == [1]
        assert [c.note_id for c in study.search('"kv cache" 缓存').cards] == [1]
        assert [c.note_id for c in study.search("问题").cards] == [2]
        assert study.search("stale").count == 0  # the old lower-cased copy is gone, not searched
    finally:
        study.close()


def test_an_upgrade_gives_the_dropped_copy_back_to_the_file_system(tmp_path):
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine, "0004")
    body = "缩放因子 softmax " * 400
    with engine.begin() as conn:
        for i in range(1, 41):
            conn.execute(
                text(
                    "INSERT INTO notes (id, path, size, mtime_ns, content_hash, question, topic, sections_json,"
                    " related_json, search_text, missing, indexed_at) VALUES (:id, :p, 1, 1, :p, :q, 'T', :s, '[]',"
                    " :low, 0, :now)"
                ),
                {
                    "id": i,
                    "p": f"T/{i}.md",
                    "q": f"问题{i}",
                    "s": json.dumps([["答案", body]]),
                    "low": body.lower(),
                    "now": datetime(2026, 1, 2),
                },
            )

    def on_disk():  # the file and its write-ahead log
        wal = db.with_name(db.name + "-wal")
        return db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)

    before = on_disk()
    migrate(engine)  # 0005 drops the second copy; the upgrade then gives its pages back
    assert free_pages(engine) == 0 and on_disk() < before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM notes").scalar() == 40
    engine.dispose()
