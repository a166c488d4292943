"""Display widths and tables (qkvstudy.cli.text): the ASCII shortcut and the per-character cache
give what counting every character does."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from qkvstudy.cli.text import table, width


def _reference(text: str) -> int:
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


@given(st.text())
def test_width_counts_as_every_character_would(text):
    assert width(text) == _reference(text)


def test_width_of_mixed_text():
    assert width("abc") == 3 and width("注意力") == 6 and width("e\u0301") == 1 and width("ＡＢ") == 4


@given(st.lists(st.lists(st.text(max_size=8), min_size=3, max_size=3), max_size=6))
def test_table_columns_line_up_by_display_width(rows):
    lines = table(["甲", "b", "丙"], rows)
    header_cells = [["甲", "b", "丙"], *rows]
    widths = [max(_reference(r[i]) for r in header_cells) for i in range(3)]
    for cells, line in zip(header_cells, lines, strict=True):
        expected = cells[0] + " " * (widths[0] - _reference(cells[0])) + "  "
        expected += cells[1] + " " * (widths[1] - _reference(cells[1])) + "  " + cells[2]
        assert line == expected.rstrip()
