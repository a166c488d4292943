"""A note's packed sections come back as they went in, and the quick check agrees with the plain one."""

from __future__ import annotations

import pytest
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
    needles = [needle(w.lower(), lambda _prefix: []) for w in words]  # only the values are checked
    plain = holds(search_text(question, sections), needles)
    assert note_holds(question, pack_sections(sections), needles) == plain


def test_a_body_of_many_parts_comes_back_whole_and_an_edit_replaces_every_part(tmp_path):
    import random

    from helpers import note_text, write

    from qkvstudy.store import bodies
    from qkvstudy.study import Study

    rng = random.Random(3)
    long = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(3000))  # ~9 KB that zlib cannot shrink much
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("长笔记", long))
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)
    try:
        study.scan(workers=1)
        note_id = study.search("").cards[0].note_id
        assert study.note_content(note_id).answer.markdown == long
        with study.engine.connect() as conn:
            assert len(bodies.of(conn, [note_id])[note_id]) > 3 * bodies.PART  # several parts
        write(root / "T" / "a.md", note_text("长笔记", "短"))
        study.scan(workers=1)
        assert study.note_content(note_id).answer.markdown == "短"
        assert study.search(long[100:104]).count == 0 and study.search("短").count == 1
    finally:
        study.close()


@pytest.mark.parametrize("size", [0, 1, 255, 256, 257, 511, 512, 513, 16383, 16384, 16385, 40000, 70000])
def test_bodies_of_every_size_around_a_window_come_back_whole(size):
    """Packing sizes zlib's window to the body: a body just under, at and over each size round-trips."""
    import random

    rng = random.Random(size)
    md = "".join(rng.choice("注意力kv cache softmax 的 $\\sqrt{d}$\n") for _ in range(size))
    sections = [("面试标准答案", md), ("详细技术解析", md[::-1])]
    assert unpack_sections(pack_sections(sections)) == sections
