"""What the search index holds, as (term, note id) pairs, and what it should hold: the documents of the
notes as they are stored, indexed afresh. A contentless table forgets a note's row only when given the
document it was indexed with, and FTS5's integrity-check cannot see a wrong one (no content to compare):
the postings can."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qkvstudy.store.search_index import CREATE, TABLE, document, note_search_text


def postings(con: sqlite3.Connection) -> list[tuple[str, int]]:
    con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab(main, {TABLE}, 'instance')")
    return sorted(con.execute("SELECT term, doc FROM temp.postings"))


def indexed(texts: dict[int, str]) -> sqlite3.Connection:
    """An index of its own (in memory) for these search texts, by note id."""
    con = sqlite3.connect(":memory:")
    con.execute(CREATE)
    con.executemany(f"INSERT INTO {TABLE}(rowid, doc) VALUES (?, ?)", [(i, document(t)) for i, t in texts.items()])
    return con


def stored_texts(con: sqlite3.Connection) -> dict[int, str]:
    parts: dict[int, list[bytes]] = {}
    for note_id, data in con.execute("SELECT note_id, data FROM note_bodies ORDER BY note_id, part"):
        parts.setdefault(note_id, []).append(data)
    return {
        i: note_search_text(q, b"".join(parts.get(i, []))) for i, q in con.execute("SELECT id, question FROM notes")
    }


def assert_index_as_built_afresh(db: Path) -> None:
    """The database's index passes FTS5's own check and holds exactly its notes' documents."""
    con = sqlite3.connect(db)
    try:
        con.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('integrity-check')")
        fresh = indexed(stored_texts(con))
        try:
            assert postings(con) == postings(fresh)
        finally:
            fresh.close()
    finally:
        con.close()
