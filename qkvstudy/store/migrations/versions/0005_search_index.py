"""the body stored once (packed sections, a table of their own); a search index (FTS5) in place of the
lower-cased copy of every note; cards indexed by (kind, due) for browse's default order, note_tags by tag

Revision ID: 0005
Revises: 0004

`notes.sections_json` moves to `note_bodies` (packed as store.note_text packs, in parts of 1,000 bytes) and
`notes.search_text` goes: the index `note_search` answers browse's words. Dropping the columns frees their pages
inside the file; SQLite reuses them for later writes but cannot give them back to the file
system inside a transaction (VACUUM cannot run in one), so the file keeps its size until
`store.compact.compact` (VACUUM) runs outside a migration.
"""

import json
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen copies of store.note_text / store.search_index as of this revision: a migration must keep
# doing what it did when it was written, whatever those modules become.
GAP, HOLE = "\ufdd0", "\ufdd1"
CREATE = (
    "CREATE VIRTUAL TABLE note_search USING fts5("
    "doc, tokenize='trigram case_sensitive 1', detail='none', content='', columnsize=0)"
)


def _sections(sections_json: str | None) -> list[tuple[str, str]]:
    try:
        return [(str(t), str(md)) for t, md in json.loads(sections_json or "[]")]
    except (ValueError, TypeError):
        return []


def _pack(sections: list[tuple[str, str]]) -> bytes:
    if any(not {"\x1e", "\x1f"}.isdisjoint(t + md) for t, md in sections):
        return b"J" + zlib.compress(json.dumps(sections, ensure_ascii=False).encode("utf-8"), 6)
    return b"S" + zlib.compress("\x1e".join(t + "\x1f" + md for t, md in sections).encode("utf-8"), 6)


def _unpack(packed: bytes | None) -> list[tuple[str, str]]:
    try:
        raw = zlib.decompress(packed[1:]).decode("utf-8") if packed else ""
        if packed and packed[:1] == b"J":
            return [(str(t), str(md)) for t, md in json.loads(raw)]
        return [(t, md) for t, _sep, md in (p.partition("\x1f") for p in raw.split("\x1e"))] if raw else []
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return []


def _document(question: str, sections: list[tuple[str, str]]) -> str:
    parts = [question]
    for title, md in sections:
        parts += [title, md]
    plain = "\n".join(parts).lower().replace(GAP, HOLE)
    return plain + GAP + GAP + GAP.join(plain) + GAP


def upgrade() -> None:
    conn = op.get_bind()
    bodies = op.create_table(
        "note_bodies",
        sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("part", sa.Integer, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.execute(CREATE)
    # Pending index data kept in memory before it is written as a segment: 1 MB by default, which on
    # real notes (many distinct trigrams) means many small segments merged again and again. 16 MB
    # halves the cost of indexing them (measured: 1.5-2.0 -> 0.66-0.88 ms a note).
    op.execute("INSERT INTO note_search(note_search, rank) VALUES ('hashsize', 16777216)")
    last = 0
    while True:  # in batches: a large library never sits in memory whole
        rows = conn.execute(
            sa.text("SELECT id, question, sections_json FROM notes WHERE id > :last ORDER BY id LIMIT 500"),
            {"last": last},
        ).all()
        if not rows:
            break
        packed, docs = [], []
        for note_id, question, sections_json in rows:
            sections = _sections(sections_json)
            blob = _pack(sections)
            packed += [
                {"note_id": note_id, "part": n, "data": blob[at : at + 1000]}
                for n, at in enumerate(range(0, len(blob), 1000))
            ]
            docs.append({"id": note_id, "doc": _document(question, sections)})
        op.bulk_insert(bodies, packed)
        conn.execute(sa.text("INSERT INTO note_search(rowid, doc) VALUES (:id, :doc)"), docs)
        last = rows[-1][0]
    conn.execute(sa.text("INSERT INTO note_search(note_search) VALUES ('optimize')"))
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+): no copy of `notes`, whose rows cards cascade from.
    op.execute("ALTER TABLE notes DROP COLUMN search_text")
    op.execute("ALTER TABLE notes DROP COLUMN sections_json")
    op.create_index("ix_cards_kind_due", "cards", ["kind", "due"])
    op.create_index("ix_note_tags_tag_id", "note_tags", ["tag_id"])


def downgrade() -> None:
    conn = op.get_bind()
    op.drop_index("ix_cards_kind_due", "cards")
    op.drop_index("ix_note_tags_tag_id", "note_tags")
    op.add_column("notes", sa.Column("sections_json", sa.Text, nullable=False, server_default="[]"))
    op.add_column("notes", sa.Column("search_text", sa.Text, nullable=False, server_default=""))
    parts: dict[int, list[bytes]] = {}
    for note_id, data in conn.execute(sa.text("SELECT note_id, data FROM note_bodies ORDER BY note_id, part")):
        parts.setdefault(note_id, []).append(data)
    for note_id, question in conn.execute(sa.text("SELECT id, question FROM notes")).all():
        sections = _unpack(b"".join(parts.get(note_id, [])))
        body = "\n".join(f"{t}\n{md}" for t, md in sections)
        conn.execute(
            sa.text("UPDATE notes SET sections_json = :j, search_text = :s WHERE id = :id"),
            {"id": note_id, "j": json.dumps(sections, ensure_ascii=False), "s": f"{question}\n{body}".lower()},
        )
    op.execute("DROP TABLE note_search")
    op.drop_table("note_bodies")
