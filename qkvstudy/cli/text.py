"""Text laid out for a terminal: display widths (a Chinese character takes two columns), aligned
columns and wrapping that breaks Chinese between characters. Plain functions, no Rich (the CLI
stays light to import)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Terminal columns `text` takes: wide and full-width characters count two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def pad(text: str, columns: int, right: bool = False) -> str:
    """`text` padded with spaces to `columns` display columns (left-aligned unless `right`)."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Lines of an aligned table: columns two spaces apart, the last column not padded."""
    widths = [max([width(header[i])] + [width(r[i]) for r in rows]) for i in range(len(header))]
    last = len(header) - 1

    def line(cells: Sequence[str]) -> str:
        parts = [cells[i] if i == last else pad(cells[i], widths[i], i in right) for i in range(len(cells))]
        return "  ".join(parts).rstrip()

    return [line(header), *(line(r) for r in rows)]


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
