"""Text laid out for a terminal: display widths (a Chinese character takes two columns), aligned
columns and wrapping that breaks Chinese between characters. Plain functions, no Rich (the CLI
stays light to import)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Terminal columns `text` takes: wide and full-width characters count two, combining marks none."""
    if text.isascii():
        return len(text)  # no ASCII character is wide or combining: a table of 100,000 rows is mostly this
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def pad(text: str, columns: int, right: bool = False, text_width: int | None = None) -> str:
    """`text` padded with spaces to `columns` display columns (left-aligned unless `right`)."""
    fill = " " * max(0, columns - (width(text) if text_width is None else text_width))
    return fill + text if right else text + fill


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Lines of an aligned table: columns two spaces apart, the last column not padded."""
    measured = [[width(cell) for cell in r] for r in (header, *rows)]  # each cell measured once
    widths = [max(m[i] for m in measured) for i in range(len(header))]
    last = len(header) - 1

    def line(cells: Sequence[str], cell_widths: list[int]) -> str:
        parts = [
            cells[i] if i == last else pad(cells[i], widths[i], i in right, cell_widths[i]) for i in range(len(cells))
        ]
        return "  ".join(parts).rstrip()

    return [line(r, m) for r, m in zip((header, *rows), measured, strict=True)]


_WORD = re.compile(
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][，。、；：！？）》」』】”’]*|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)


def wrap(text: str, columns: int) -> list[str]:
    """Greedy wrap by display width: at spaces, and between Chinese characters (never before
    closing punctuation). A word wider than the line gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in _WORD.findall(text):
        if word.isspace():
            current += " " if current else ""
            continue
        if current and width(current + word) > columns:
            lines.append(current.rstrip())
            current = ""
        current += word
    if current.strip():
        lines.append(current.rstrip())
    return lines
