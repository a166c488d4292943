"""A note's packed sections come back as they went in, and the quick check agrees with the plain one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qkvstudy.store.note_text import pack_sections, packed_text, search_text, unpack_sections
from qkvstudy.store.search_index import holds, needle, note_holds

# The separators the packed form uses, line breaks, letters whose lower case is longer or depends on
# what follows (İ, final Σ), Chinese: whatever could make the quick check differ from the plain one.
CHARS = st.sampled_from("注意头aAbBİiΣσςß \n\x1e\x1f\u0307,.")
TEXT = st.text(CHARS, max_size=30)
SECTIONS = st.lists(st.tuples(TEXT, TEXT), max_size=4)


@given(SECTIONS)
def test_sections_round_trip(sections):
    assert unpack_sections(pack_sections(sections)) == sections


def test_separators_inside_a_note_are_kept():
    sections = [("标题\x1f", "正文\x1e更多")]
    packed = pack_sections(sections)
    assert packed_text(packed) is None  # not the quick form: the text holds its separators
    assert unpack_sections(packed) == sections


def test_damaged_or_empty_rows_read_as_no_sections():
    assert unpack_sections(None) == unpack_sections(b"") == unpack_sections(b"Sxx") == []


@given(TEXT, SECTIONS, st.lists(st.text(CHARS, min_size=1, max_size=4), min_size=1, max_size=3))
def test_the_quick_check_is_the_plain_check(question, sections, words):
    needles = [needle(w.lower()) for w in words]
    plain = holds(search_text(question, sections), needles)
    assert note_holds(question, pack_sections(sections), needles) == plain
