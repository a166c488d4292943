"""The search index: which notes hold a piece of text, answered by SQLite FTS5 without a table scan.

One contentless FTS5 table (`note_search`, rowid = note id, no copy of the text: the sections are
stored once, in `note_bodies`) with the trigram tokenizer, case-sensitive over text that is
lower-cased already, `detail=none` (no positions: a third of the size). A note's document is built
from the distinct lines of its search text, in first-occurrence order, joined by a break character
and followed by two more; then each distinct character of those, alone between two marks:

    "kv 头\nx\nkv 头"  ->  "kv 头BxBB" + "A AAA头AAAkAAAvAAAxAAABA"    (A = U+FDD3, B = U+FDD2, noncharacters)

The lines give every trigram inside a line, and the token "AxA" says "x occurs". A needle without a
line break occurs in the text only inside one line, so:
- one character is the one term "AxA";
- two characters "xy" are the terms of the vocabulary that begin with them (`note_search_terms`, an
  fts5vocab table; the trigram tokenizer cannot look up a prefix): every occurrence of "xy" is followed
  by at least one more character of its line or by a break, and no term of the last part begins with a
  pair of note characters. None found: NOWHERE, a term no document holds;
- three characters are one term, and a longer needle is the AND of its trigrams: every note that holds
  it is among those found, and a found note is checked against its text (`note_holds`) before it is
  counted or shown.
A needle with a line break (no search box can type one) is looked for by reading the notes. Lines, not
words: a phrase with spaces ("kv cache") stays one lookup of its own trigrams. Repeated lines are left
out, and pairs come from the vocabulary rather than from a second copy of the text with a mark between
every two characters (what migration 0007 indexed): the documents are under half of that copy's
characters, and an import spends under half the time indexing them (10k generated notes: 0.46 against
0.85 s).

A NUL inside a note is indexed as HOLE (FTS5 would stop reading the document at it). SQLite reads U+FFFE
and U+FFFF as U+FFFD: a needle holding any of those, of the marks (or NUL, which FTS5's query parser
cannot read) is answered by reading the notes, never by the index. Contentless tables forget a row only
when given the text it was indexed with: `replace_note` reads the old row before it changes, and
`document` is a pure function of the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from qkvstudy.store import bodies as stored
from qkvstudy.store.note_text import packed_text, search_text, unpack_sections
from qkvstudy.store.search_document import ALONE, BREAK, HOLE, document

TABLE = "note_search"
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "doc, tokenize='trigram case_sensitive 1', detail='none', content='', columnsize=0)"
)
TERMS = "note_search_terms"  # the index's terms, in order (a two-character needle's are looked up there)
CREATE_TERMS = f"CREATE VIRTUAL TABLE {TERMS} USING fts5vocab({TABLE}, 'row')"
# Index data kept in memory before FTS5 writes it out as a segment: 1 MB by default, which means many small
# segments merged again and again while a library is imported. Stored in the table's config, so it is set
# where the table is created (migrations 0005, 0007, 0008), never per connection. Measured with these documents:
# 4, 8 and 16 MB insert 10k notes equally fast; 16 MB makes the smallest table, for +8 MB of peak memory.
HASHSIZE = 16 * 1024 * 1024
# Segments a level holds before FTS5 merges them (4 by default). An import commits a segment every
# thousand notes; at 100,000 notes the default's merging took 8.7 s of the index's 17.2 s, 16 takes
# 3.8 s of 12.1 s, and searches answer in the same milliseconds (5 queries of 1-7 characters, 100k
# notes). Stored in the table's config too (migrations 0007, 0008).
AUTOMERGE = 16
# Looked up by reading the notes, never in the index: the marks and HOLE, what SQLite reads as
# U+FFFD, NUL (FTS5's query parser stops at it) and a line break (the index holds no pair across lines).
UNINDEXED = frozenset((ALONE, HOLE, BREAK, "\ufffd", "\ufffe", "\uffff", "\x00", "\n"))
EXACT_UP_TO = 3  # characters: the index's answer for a needle this long or shorter is exact
NOWHERE = '"\n\n\n"'  # a query no document matches: no document holds a line break
Vocabulary = Callable[[str], Sequence[str]]  # the index's terms that begin with a piece of text

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
    """The trigrams of a needle of three characters or more: all of them are in a note that holds it."""
    return list(dict.fromkeys(value[i : i + 3] for i in range(len(value) - 2)))


def needle(value: str, vocabulary: Vocabulary) -> Needle:
    """The index query for a lower-cased search word (spaces and all, as a quoted phrase gives it)."""
    if not value or not UNINDEXED.isdisjoint(value) or not _encodable(value):
        return Needle(value, None, False)
    if len(value) == 1:
        return Needle(value, _phrase(ALONE + value + ALONE), True)
    if len(value) == 2:
        terms = vocabulary(value)
        return Needle(value, " OR ".join(_phrase(t) for t in terms) if terms else NOWHERE, True)
    return Needle(value, " AND ".join(_phrase(t) for t in _terms(value)), len(value) <= EXACT_UP_TO)


Execute = Callable[[str, dict[str, str]], Iterable[Sequence[object]]]  # sqlite3's or SQLAlchemy's, named params


def vocabulary(execute: Execute) -> Vocabulary:
    """The index's terms that begin with a prefix, read with `execute(sql, params)`."""

    def terms(prefix: str) -> list[str]:
        after = _after(prefix)
        if after is None:
            found = execute(f"SELECT term FROM {TERMS} WHERE term >= :lo", {"lo": prefix})
        else:
            found = execute(f"SELECT term FROM {TERMS} WHERE term >= :lo AND term < :hi", {"lo": prefix, "hi": after})
        return [term for term in (str(row[0]) for row in found) if term.startswith(prefix)]

    return terms


def _after(prefix: str) -> str | None:
    """The least text above every text that begins with `prefix` (code point order, which is UTF-8's byte
    order, the vocabulary's), or None when there is none below U+10FFFF."""
    for end in range(len(prefix) - 1, -1, -1):
        point = ord(prefix[end]) + 1
        if point == 0xD800:  # surrogates are never stored
            point = 0xE000
        if point <= 0x10FFFF:
            return prefix[:end] + chr(point)
    return None


def session_vocabulary(session: Session | Connection) -> Vocabulary:
    """`vocabulary` over a SQLAlchemy session or connection."""
    return vocabulary(lambda sql, params: session.execute(text(sql), params))


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
        if n.value in asked or n.value in raw:  # a lower-cased needle found as it is is in the lowered text too
            continue
        if not n.uncased:
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
