"""the search index rebuilt from each note's distinct lines: repeated lines left out

Revision ID: 0007
Revises: 0006

`note_search` is dropped and built again from `notes.question` + `note_bodies`, each note's document
now made of the distinct lines of its search text (about a third of the characters on generated
libraries; real notes repeat few lines; a NUL indexed as HOLE, since FTS5 stops reading at it). The rules
below are copies, frozen as of this revision (a migration must keep doing what it did when it was
written, whatever the code becomes): `_unpack` is store.note_text.unpack_sections, `_search_text`
is store.note_text.search_text, `_document` is store.search_index.document, and the downgrade's
`_document_0005` is the rule migration 0005 indexed with. The documents must equal what the code
builds: a contentless FTS5 row is deleted by supplying its document again.
"""

import json
import zlib
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GAP, HOLE, BREAK = "\ufdd0", "\ufdd1", "\ufdd2"
CREATE = (
    "CREATE VIRTUAL TABLE note_search USING fts5("
    "doc, tokenize='trigram case_sensitive 1', detail='none', content='', columnsize=0)"
)
HASHSIZE = "INSERT INTO note_search(note_search, rank) VALUES ('hashsize', 16777216)"
AUTOMERGE = "INSERT INTO note_search(note_search, rank) VALUES ('automerge', 16)"  # store.search_index.AUTOMERGE
_BATCH = 500  # notes read, built and inserted at a time: a large library never sits in memory whole


def _unpack(packed: bytes | None) -> list[tuple[str, str]]:
    if not packed:
        return []
    try:
        raw = zlib.decompress(packed[1:]).decode("utf-8")
        if packed[:1] == b"J":
            return [(str(title), str(md)) for title, md in json.loads(raw)]
        if not raw:
            return []
        return [(title, md) for title, _sep, md in (part.partition("\x1f") for part in raw.split("\x1e"))]
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return []


def _search_text(question: str, sections: list[tuple[str, str]]) -> str:
    parts = [question]
    for title, md in sections:
        parts.append(title)
        parts.append(md)
    return "\n".join(parts).lower()


def _document(search: str) -> str:
    plain = search.replace(GAP, HOLE) if GAP in search else search
    if "\x00" in plain:
        plain = plain.replace("\x00", HOLE)
    lines = BREAK.join(dict.fromkeys(plain.split("\n")))
    return lines + BREAK + GAP + GAP.join(lines) + GAP


def _document_0005(search: str) -> str:
    plain = search.replace(GAP, HOLE) if GAP in search else search
    return plain + GAP + GAP + GAP.join(plain) + GAP


def _rebuild(document: Callable[[str], str], automerge: bool = True) -> None:
    conn = op.get_bind()
    op.execute("DROP TABLE note_search")
    op.execute(CREATE)
    op.execute(HASHSIZE)  # stored in the table's config, which DROP TABLE took with it
    if automerge:
        op.execute(AUTOMERGE)
    last = 0
    while True:
        notes = conn.execute(
            sa.text("SELECT id, question FROM notes WHERE id > :last ORDER BY id LIMIT :n"), {"last": last, "n": _BATCH}
        ).all()
        if not notes:
            break
        parts: dict[int, list[bytes]] = {}
        bodies = sa.text(
            "SELECT note_id, data FROM note_bodies WHERE note_id BETWEEN :first AND :last ORDER BY note_id, part"
        )
        for note_id, data in conn.execute(bodies, {"first": notes[0][0], "last": notes[-1][0]}):
            parts.setdefault(note_id, []).append(data)
        docs = [
            {"id": note_id, "doc": document(_search_text(question, _unpack(b"".join(parts.get(note_id, [])))))}
            for note_id, question in notes
        ]
        conn.execute(sa.text("INSERT INTO note_search(rowid, doc) VALUES (:id, :doc)"), docs)
        last = notes[-1][0]
    op.execute("INSERT INTO note_search(note_search) VALUES ('optimize')")  # one segment: the fastest to query


def upgrade() -> None:
    _rebuild(_document)


def downgrade() -> None:
    _rebuild(_document_0005, automerge=False)  # 0005's table: its hashsize, FTS5's own automerge
