"""The search index: which notes hold a piece of text, answered by SQLite FTS5 without a table scan.

One contentless FTS5 table (`note_search`, rowid = note id, no copy of the text: the sections are
stored once, in `note_bodies`) with the trigram tokenizer, case-sensitive over text that is
lower-cased already, `detail=none` (no positions: a third of the size). A note's document is built
from the distinct lines of its search text, in first-occurrence order, joined by a break
character; then the same with a gap character between every two characters:

    "kv 头\nx\nkv 头"  ->  "kv 头BxB" + G + "kGvG G头GBGxGBG"    (G = U+FDD0, B = U+FDD2, noncharacters)

The plain part gives every trigram inside a line; in the gapped part a token "GxG" says "x occurs"
and "xGy" says "xy occurs". A needle without a line break occurs in the text only inside one line,
so a needle of one, two or three characters is one exact term, and a longer one is the AND of its
trigrams: every note that holds it is among those found, and a found note is checked against its
text (`note_holds`) before it is counted or shown; a needle with a line break (no search box can
type one) is looked for by reading the notes. Lines, not words: a phrase with spaces ("kv cache")
stays one lookup of its own trigrams (split at whitespace, "x y" would match every note holding x
and y and each would need reading). Leaving repeated lines out makes the documents a third of the
characters of the whole text plus its gapped copy on generated libraries (real notes repeat few
lines), and their inserts cheaper in proportion.

A gap character inside a note is indexed as U+FDD1, so the index never claims a pair the note
does not hold; so is NUL, at which FTS5 would stop reading the document. SQLite reads U+FFFE and
U+FFFF as U+FFFD: a needle holding any of those, of the gap or break characters (or NUL, which
FTS5's query parser cannot read) is answered by reading the notes, never by the index.
Contentless tables forget a row only when given the text it was indexed with: `replace_note`
reads the old row before it changes, and `document` is a pure function of the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from qkvstudy.store import bodies as stored
from qkvstudy.store.note_text import packed_text, search_text, unpack_sections
from qkvstudy.store.search_document import BREAK, GAP, HOLE, document

TABLE = "note_search"
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "doc, tokenize='trigram case_sensitive 1', detail='none', content='', columnsize=0)"
)
# Index data kept in memory before FTS5 writes it out as a segment: 1 MB by default, which means many small
# segments merged again and again while a library is imported. Stored in the table's config, so it is set
# where the table is created (migrations 0005, 0007), never per connection. Measured with these documents:
# 4, 8 and 16 MB insert 10k notes equally fast; 16 MB makes the smallest table, for +8 MB of peak memory.
HASHSIZE = 16 * 1024 * 1024
# Segments a level holds before FTS5 merges them (4 by default). An import commits a segment every
# thousand notes; at 100,000 notes the default's merging took 8.7 s of the index's 17.2 s, 16 takes
# 3.8 s of 12.1 s, and searches answer in the same milliseconds (5 queries of 1-7 characters, 100k
# notes). Stored in the table's config too (migration 0007).
AUTOMERGE = 16
# Looked up by reading the notes, never in the index: the gap and break characters, what SQLite reads as
# U+FFFD, NUL (FTS5's query parser stops at it) and a line break (the index holds no pair across lines).
UNINDEXED = frozenset((GAP, HOLE, BREAK, "\ufffd", "\ufffe", "\uffff", "\x00", "\n"))
EXACT_UP_TO = 3  # characters: a needle this long or shorter is one term of the index

_INSERT = text(f"INSERT INTO {TABLE}(rowid, doc) VALUES (:id, :doc)")
_DELETE = text(f"INSERT INTO {TABLE}({TABLE}, rowid, doc) VALUES ('delete', :id, :doc)")


@dataclass(frozen=True)
class Needle:
    """One search word as the index sees it: an FTS5 query, and whether its answer needs checking."""

    value: str  # lower-cased, as searched for
    query: str | None  # None: the index cannot narrow it (every note is a candidate)
    exact: bool  # the index's answer is the answer

    @property
    def uncased(self) -> bool:
        """Found in a text as it is, lower-cased or not: no letter with a case (nor the dot İ lowers to)."""
        return self.value.lower() == self.value.upper() and "\u0307" not in self.value

    @property
    def impossible(self) -> bool:
        """No note text can hold it (a lone surrogate cannot be stored in UTF-8)."""
        return not _encodable(self.value)


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _terms(value: str) -> list[str]:
    """The index's terms for a piece of text within one line: all of them are in a note that holds it."""
    if len(value) == 1:
        return [GAP + value + GAP]
    if len(value) == 2:
        return [value[0] + GAP + value[1]]
    return list(dict.fromkeys(value[i : i + 3] for i in range(len(value) - 2)))


def needle(value: str) -> Needle:
    """The index query for a lower-cased search word (spaces and all, as a quoted phrase gives it)."""
    if not value or not UNINDEXED.isdisjoint(value) or not _encodable(value):
        return Needle(value, None, False)
    return Needle(value, " AND ".join(_phrase(t) for t in _terms(value)), len(value) <= EXACT_UP_TO)


def holds(search: str, needles: Iterable[Needle]) -> bool:
    """The check a candidate note passes: every needle is in its search text."""
    return all(n.value in search for n in needles)


_APART = frozenset("\n\x1e\x1f")  # what separates the parts of a note's text (search_text, packed_text)


def note_holds(question: str, packed_sections: bytes | None, needles: Sequence[Needle]) -> bool:
    """`holds` over a stored note, fast: a needle that cannot span two parts is looked for in the packed
    text as stored, lower-cased only when the needle could meet a letter that has a case."""
    raw = packed_text(packed_sections)
    if raw is None or any(not _APART.isdisjoint(n.value) for n in needles):
        return holds(note_search_text(question, packed_sections), needles)
    asked = question.lower()
    lowered: str | None = None
    for n in needles:
        if n.value in asked:
            continue
        if n.uncased:
            if n.value in raw:
                continue
        else:
            lowered = raw.lower() if lowered is None else lowered
            if n.value in lowered:
                continue
        return False
    return True


def note_search_text(question: str, packed_sections: bytes | None) -> str:
    return search_text(question, unpack_sections(packed_sections))


_QUESTION = text("SELECT question FROM notes WHERE id = :id")


def add_notes(target: Session | Connection, bodies: Sequence[tuple[int, str, bytes, str | None]]) -> None:
    """Store and index the bodies of notes just inserted: (note id, question, packed sections, document) each.

    The document is built where the note was parsed (an import's worker processes); None builds it here.
    """
    if bodies:
        stored.put(target, [(note_id, packed) for note_id, _question, packed, _doc in bodies])
        docs = [
            (note_id, doc if doc is not None else document(note_search_text(question, packed)))
            for note_id, question, packed, doc in bodies
        ]
        stored.driver(target).exec_driver_sql(f"INSERT INTO {TABLE}(rowid, doc) VALUES (?, ?)", docs)


def replace_note(session: Session, note_id: int, row: dict[str, Any], doc: str | None = None) -> None:
    """Before a note's row is overwritten with `row`: take its packed sections out of it, store them,
    forget the old text in the index and index the new one (`doc`, when the parse built it already)."""
    sections = row.pop("sections")
    question = session.execute(_QUESTION, {"id": note_id}).scalar()
    if question is not None:
        old = stored.of(session, [note_id]).get(note_id)
        session.execute(_DELETE, {"id": note_id, "doc": document(note_search_text(question, old))})
    stored.replace(session, note_id, sections)
    new = doc if doc is not None else document(note_search_text(row["question"], sections))
    session.execute(_INSERT, {"id": note_id, "doc": new})
