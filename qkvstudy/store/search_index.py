"""The search index: which notes hold a piece of text, answered by SQLite FTS5 without a table scan.

One contentless FTS5 table (`note_search`, rowid = note id, no copy of the text: the sections are
stored once, in `note_bodies`) with the trigram tokenizer, case-sensitive over text that is
lower-cased already, `detail=none` (no positions: a third of the size). Each note's document is
its search text followed by the same text with a gap character between every two characters:

    "kv 头"  ->  "kv 头" + GG + "kGvG G头G"          (G = U+FDD0, a noncharacter)

The plain part gives every trigram of the text; in the gapped part a token "GxG" says "x occurs"
and "xGy" says "xy occurs". So a needle of one, two or three characters is one exact term, and a
longer one is the AND of its trigrams: every note that holds it is among those found, and a
found note is checked against its text (`note_holds`) before it is counted or shown.

A gap character inside a note is indexed as U+FDD1, so the index never claims a pair the note
does not hold. SQLite reads U+FFFE and U+FFFF as U+FFFD: a needle holding any of those or of the
two gap characters (or NUL, which FTS5's query parser cannot read) is answered by reading the
notes, never by the index.
Contentless tables forget a row only when given the text it was indexed with: `replace_note`
reads the old row before it changes.
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

TABLE = "note_search"
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "doc, tokenize='trigram case_sensitive 1', detail='none', content='', columnsize=0)"
)
GAP = "\ufdd0"  # not U+FFFF: SQLite's UTF-8 reader turns U+FFFE and U+FFFF into U+FFFD
HOLE = "\ufdd1"  # what a GAP inside a note is indexed as
# Looked up by reading the notes, never in the index: the gap characters, what SQLite reads as U+FFFD,
# and NUL (FTS5's query parser stops at it).
UNINDEXED = frozenset((GAP, HOLE, "\ufffd", "\ufffe", "\uffff", "\x00"))
EXACT_UP_TO = 3  # characters: a needle this long or shorter is one term of the index, needing no check

_INSERT = text(f"INSERT INTO {TABLE}(rowid, doc) VALUES (:id, :doc)")
_DELETE = text(f"INSERT INTO {TABLE}({TABLE}, rowid, doc) VALUES ('delete', :id, :doc)")


def document(search: str) -> str:
    """The indexed form of a note's search text (see the module's docstring)."""
    plain = search.replace(GAP, HOLE) if GAP in search else search
    return plain + GAP + GAP + GAP.join(plain) + GAP


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


def needle(value: str) -> Needle:
    """The index query for a lower-cased search word."""
    if not value or not UNINDEXED.isdisjoint(value) or not _encodable(value):
        return Needle(value, None, False)
    if len(value) == 1:
        return Needle(value, _phrase(GAP + value + GAP), True)
    if len(value) == 2:
        return Needle(value, _phrase(value[0] + GAP + value[1]), True)
    grams = dict.fromkeys(value[i : i + 3] for i in range(len(value) - 2))
    return Needle(value, " AND ".join(_phrase(g) for g in grams), len(value) <= EXACT_UP_TO)


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
            {"id": note_id, "doc": doc if doc is not None else document(note_search_text(question, packed))}
            for note_id, question, packed, doc in bodies
        ]
        target.execute(_INSERT, docs)


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
