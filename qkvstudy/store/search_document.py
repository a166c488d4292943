"""A note's document in the search index (store.search_index), built without SQLAlchemy.

Apart from the index itself so that the import's worker processes, which build every document,
start without loading SQLAlchemy (a fifth of a second before the first note is read).
"""

from __future__ import annotations

import sys
from array import array

GAP = "\ufdd0"  # not U+FFFF: SQLite's UTF-8 reader turns U+FFFE and U+FFFF into U+FFFD
HOLE = "\ufdd1"  # what a GAP inside a note is indexed as
# Between two lines of a document. Unlike GAP, it is left as it is inside a note: every token it is part
# of holds it, and no query holds it (UNINDEXED), while the tokens queries ask for ("xyz", "GxG", "xGy")
# come from characters that stand next to each other, unbroken, in the note's text either way.
BREAK = "\ufdd2"
_UNIT = next(code for code in "IL" if array(code).itemsize == 4)  # one code point
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # as the array holds it
_GAP_POINT, _BREAK_POINT = ord(GAP), ord(BREAK)


def document(search: str) -> str:
    """The indexed form of a note's search text (see store.search_index's docstring):

        lines = BREAK.join(dict.fromkeys(plain.split("\n")));  lines + BREAK + GAP + GAP.join(lines) + GAP

    built as an array of code points: GAP.join over a string makes an object per character, which
    takes nearly twice as long on real notes. Deterministic: a row of a contentless table is deleted by supplying
    the same document again, perhaps from another process (dict order, not set order)."""
    plain = search.replace(GAP, HOLE) if GAP in search else search
    if "\x00" in plain:  # FTS5 reads a document only up to its first NUL
        plain = plain.replace("\x00", HOLE)
    words = BREAK.join(dict.fromkeys(plain.split("\n")))  # the lines: search_text joins its parts with \n
    size = len(words)
    if not size:
        return BREAK + GAP + GAP
    units = array(_UNIT, words.encode(_UTF32))
    out = array(_UNIT, (_GAP_POINT,)) * (3 * size + 2)
    out[:size] = units
    out[size] = _BREAK_POINT  # then GAP, then each character followed by GAP
    out[size + 2 :: 2] = units
    return out.tobytes().decode(_UTF32)
