"""A note's document in the search index (store.search_index), built without SQLAlchemy.

Apart from the index itself so that the import's worker processes, which build every document,
start without loading SQLAlchemy (a fifth of a second before the first note is read).
"""

from __future__ import annotations

# Between two lines of a document, and twice after the last: every character of a line is followed
# by at least two more, so each occurrence of a pair "xy" starts some trigram "xy?" of the document.
# Left as it is inside a note: every token it is part of holds it, and no query holds it (UNINDEXED).
BREAK = "\ufdd2"
# Around each distinct character in the document's last part: the token "AxA" says "x occurs".
# Noncharacters both (not U+FFFF: SQLite's UTF-8 reader turns U+FFFE and U+FFFF into U+FFFD).
ALONE = "\ufdd3"
HOLE = "\ufdd1"  # what a NUL inside a note is indexed as: FTS5 reads a document only up to its first NUL
_BETWEEN = ALONE + ALONE


def document(search: str) -> str:
    """The indexed form of a note's search text (see store.search_index's docstring):

        lines = BREAK.join(dict.fromkeys(plain.split("\\n")))
        lines + BREAK + BREAK + ALONE + (ALONE + ALONE).join(sorted(set(lines))) + ALONE

    Deterministic: a row of a contentless table is deleted by supplying the same document again,
    perhaps from another process (dict order and sorted characters, never set order)."""
    plain = search.replace("\x00", HOLE) if "\x00" in search else search
    lines = BREAK.join(dict.fromkeys(plain.split("\n")))  # the lines: search_text joins its parts with \n
    return lines + BREAK + BREAK + ALONE + _BETWEEN.join(sorted(set(lines))) + ALONE
