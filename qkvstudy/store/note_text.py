"""A note's text as the store keeps it: its sections once, compressed, and the text search reads.

The sections (H2 title, Markdown) are the only copy of a note's body in the database: zlib over
their JSON, about half the bytes of the file for real notes. Search reads the question and the
sections (what the review screen shows), lower-cased: `search_text` is that one definition, used
to build the search index and to check a match, so the two can never disagree.
"""

from __future__ import annotations

import json
import zlib

Sections = list[tuple[str, str]]  # (H2 title, Markdown) in file order

# zlib's fastest level: on the bundled notes 3% more bytes than the default (6) for a quarter of the time
# (125 µs a note against 519 µs), and packing runs for every note of a cold import.
_LEVEL = 1
# Packed form: b"S" + zlib(title US markdown RS title US markdown ...), text a search can look into
# without parsing; b"J" + zlib(JSON) for the rare note whose text holds those separators itself.
_US, _RS = "\x1f", "\x1e"


def pack_sections(sections: Sections) -> bytes:
    # `in` looks for one character at C speed; a set's isdisjoint hashes every character of the text.
    if any(_US in title or _RS in title or _US in md or _RS in md for title, md in sections):
        return b"J" + _deflate(json.dumps(sections, ensure_ascii=False).encode("utf-8"))
    return b"S" + _deflate(_RS.join(title + _US + md for title, md in sections).encode("utf-8"))


def _deflate(data: bytes) -> bytes:
    """zlib at _LEVEL with a window no larger than the data: a match never reaches further back than
    the data's start, so the bytes come out as small, and zlib sets up less memory for every note (on
    the bundled notes 81 µs a note against 133 µs with the 32 KB window). zlib.decompress reads the
    window size from the stream's header."""
    wbits = min(zlib.MAX_WBITS, max(9, (len(data) - 1).bit_length()))
    packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


def unpack_sections(packed: bytes | None) -> Sections:
    """The stored sections; an empty list for a row that has none (never raises for stored bytes)."""
    if not packed:
        return []
    try:
        raw = zlib.decompress(packed[1:]).decode("utf-8")
        if packed[:1] == b"J":
            return [(str(title), str(md)) for title, md in json.loads(raw)]
        if not raw:
            return []
        return [(title, md) for title, _sep, md in (part.partition(_US) for part in raw.split(_RS))]
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return []  # a damaged row shows an empty body; the next scan of its file rewrites it


def packed_text(packed: bytes | None) -> str | None:
    """The sections' text as stored, separators between the parts, for a quick look: None when it
    cannot be had that way (JSON-packed, damaged)."""
    if not packed or packed[:1] != b"S":
        return None if packed else ""
    try:
        return zlib.decompress(packed[1:]).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return None


def search_text(question: str, sections: Sections) -> str:
    """What a search word is looked for in: question, section titles and bodies, one per line, lower-cased."""
    parts = [question]
    for title, md in sections:
        parts.append(title)
        parts.append(md)
    return "\n".join(parts).lower()
