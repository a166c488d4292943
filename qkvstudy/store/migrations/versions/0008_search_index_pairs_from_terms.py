"""the search index without its gapped copy: pairs from the vocabulary, characters from a short last part

Revision ID: 0008
Revises: 0007

`note_search` is dropped and built again from `notes.question` + `note_bodies`. Each document is now
the note's distinct lines, joined by BREAK and followed by two more, then each distinct character
between ALONE marks; the copy of the lines with a GAP between every two characters is gone (a pair is
now looked up as the terms that begin with it, in the new fts5vocab table `note_search_terms`). The
rules below are copies, frozen as of this revision (a migration must keep doing what it did when it
was written, whatever the code becomes): `_unpack` is store.note_text.unpack_sections, `_search_text`
is store.note_text.search_text, `_document` is store.search_document.document, and the downgrade's
`_document_0007` is the rule migration 0007 indexed with. The documents must equal what the code
builds: a contentless FTS5 row is deleted by supplying its document again.
"""

import json
import zlib
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GAP, HOLE, BREAK, ALONE = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3"
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
    plain = search.replace("\x00", HOLE) if "\x00" in search else search
    lines = BREAK.join(dict.fromkeys(plain.split("\n")))
    return lines + BREAK + BREAK + ALONE + (ALONE + ALONE).join(sorted(set(lines))) + ALONE


def _document_0007(search: str) -> str:
    plain = search.replace(GAP, HOLE) if GAP in search else search
    if "\x00" in plain:
        plain = plain.replace("\x00", HOLE)
    lines = BREAK.join(dict.fromkeys(plain.split("\n")))
    return lines + BREAK + GAP + GAP.join(lines) + GAP


TERMS = "CREATE VIRTUAL TABLE note_search_terms USING fts5vocab(note_search, 'row')"


def _rebuild(document: Callable[[str], str]) -> None:
    conn = op.get_bind()
    op.execute("DROP TABLE note_search")
    op.execute(CREATE)
    op.execute(HASHSIZE)  # stored in the table's config, which DROP TABLE took with it
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
    op.execute(TERMS)


def downgrade() -> None:
    op.execute("DROP TABLE note_search_terms")
    _rebuild(_document_0007)
