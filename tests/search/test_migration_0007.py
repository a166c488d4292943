"""Migration 0007: a database whose index holds 0005's documents (whole text + gapped copy) is rebuilt with
the documents the code makes now, and answers every search as before."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

from helpers import note_text, write
from postings import assert_index_as_built_afresh, indexed, postings, stored_texts

from qkvstudy.store.engine import MIGRATIONS, alembic_config, current_revision, head_revision, make_engine, write_engine
from qkvstudy.store.note_text import unpack_sections
from qkvstudy.store.search_index import AUTOMERGE, HASHSIZE, TABLE
from qkvstudy.study import Study

# Repeated words and lines, whitespace of every kind, words that only meet across whitespace ("v c" in
# "kv cache"), Chinese with and without spaces, a note without sections.
NOTES = {
    "T/a.md": ("缩放点积注意力", "softmax 之前除以 √d_k softmax\u3000softmax", "KV cache 缓存 kv\tcache"),
    "T/b.md": ("多头", "soft max 与 kv 的 cache", "注 意 力 注意力 注意力"),
    "T/c.md": ("位置编码 RoPE", "旋转\x1c位置\x1d编码 rope rope", "θ_i = 10000^{-2i/d}"),
}
NEEDLES = (
    *("softmax", "soft", "max", "kv", "kv\u3000cache", "v", "c", "注", "意", "注意", "注意力", "意力", "力", "缓存"),
    *("rope", "e", "r", "旋转\x1c位置", "位置", "ope", "2i/d", "10000", "θ", "多头", "头", "x", "缩放", "放点", "√d"),
    *("√d_k", "d_k", "kv cache", "v c", "soft max", "注 意 力", "a\u3000s", " 旋", "x 与", "kv 的"),
)


def _migration(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, MIGRATIONS / "versions" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _at_0006(db: Path) -> None:
    """Put the index back as revision 0006 left it: built by 0005's rule (the schema is otherwise the same)."""
    m0005 = _migration("0005_search_index")
    con = sqlite3.connect(db)
    with con:
        texts = {i: q for i, q in con.execute("SELECT id, question FROM notes")}
        parts: dict[int, list[bytes]] = {}
        for note_id, data in con.execute("SELECT note_id, data FROM note_bodies ORDER BY note_id, part"):
            parts.setdefault(note_id, []).append(data)
        con.execute("DROP TABLE IF EXISTS note_search_terms")  # made by 0008
        con.execute(f"DROP TABLE {TABLE}")
        con.execute(m0005.CREATE)
        con.execute(f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('hashsize', 16777216)")
        con.executemany(
            f"INSERT INTO {TABLE}(rowid, doc) VALUES (?, ?)",
            [(i, m0005._document(q, unpack_sections(b"".join(parts.get(i, []))))) for i, q in texts.items()],
        )
        con.execute("UPDATE alembic_version SET version_num = '0006'")
    con.close()


def _config(db: Path, key: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(f"SELECT v FROM {TABLE}_config WHERE k = ?", (key,)).fetchone()[0])
    finally:
        con.close()


def _hashsize(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(f"SELECT v FROM {TABLE}_config WHERE k = 'hashsize'").fetchone()[0])
    finally:
        con.close()


def _answers(study: Study) -> dict[str, tuple[set[str], int, bool]]:
    out = {}
    for value in NEEDLES:
        found = study.search(f'"{value}"')
        out[value] = ({c.path for c in found.cards}, found.count, found.count_exact)
    return out


def test_0007_rebuilds_the_index_and_every_search_answers_the_same(tmp_path):
    root, db = tmp_path / "notes", tmp_path / "s.db"
    for path, (question, answer, detail) in NOTES.items():
        write(root / path, note_text(question, answer, extra_body=f"\n\n{detail}"))
    write(root / "T" / "d.md", "# 只有问题 kv\n")
    study = Study.open(db=str(db), notes=root)
    study.scan(workers=1)
    visible = {c.path: stored for c, stored in _visible_texts(study)}
    study.close()

    _at_0006(db)
    con = sqlite3.connect(db)
    old = postings(con)
    assert old != postings(indexed(stored_texts(con)))  # the rule did change: the rebuild is needed
    con.close()

    study = Study.open(db=str(db), notes=root)  # opening migrates
    try:
        assert current_revision(study.engine) == head_revision()  # 0007, then every later revision
        assert _hashsize(db) == HASHSIZE
        assert _config(db, "automerge") == AUTOMERGE
        assert_index_as_built_afresh(db)
        answers = _answers(study)
        for value, (paths, count, exact) in answers.items():
            expected = {p for p, text in visible.items() if value in text}
            assert (paths, count, exact) == (expected, len(expected), True), repr(value)
        assert answers["kv cache"][0] == {"T/a.md"} and answers["kv 的"][0] == {"T/b.md"}
        # An edit after the upgrade: the old document is forgotten (re-supplied as 0007 built it).
        write(root / "T" / "a.md", note_text("缩放点积注意力", "归一化 归一化"))
        study.scan(workers=1)
        assert_index_as_built_afresh(db)
        assert study.search("softmax").count == 0 and study.search("归一化").count == 1
    finally:
        study.close()


def _visible_texts(study: Study):
    """(card, what a search looks into: question, section titles and bodies, lower-cased)."""
    for card in study.search("").cards:
        content = study.note_content(card.note_id)
        parts = [content.question]
        for section in ((content.answer,) if content.answer else ()) + content.details:
            parts += [section.title, section.markdown]
        yield card, "\n".join(parts).lower()


def test_0007_downgrades_to_0005s_documents(tmp_path):
    from alembic import command

    root, db = tmp_path / "notes", tmp_path / "s.db"
    for path, (question, answer, detail) in NOTES.items():
        write(root / path, note_text(question, answer, extra_body=f"\n\n{detail}"))
    study = Study.open(db=str(db), notes=root)
    study.scan(workers=1)
    study.close()
    engine = make_engine(f"sqlite:///{db}")
    with write_engine(engine).begin() as conn:
        command.downgrade(alembic_config(conn), "0006")
    engine.dispose()
    con = sqlite3.connect(db)
    downgraded = postings(con)
    con.close()
    _at_0006(db)  # what 0005's own rule builds from the same notes
    con = sqlite3.connect(db)
    try:
        assert downgraded == postings(con) != []
    finally:
        con.close()
