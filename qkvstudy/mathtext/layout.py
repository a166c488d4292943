"""Two-dimensional math for a terminal: blocks of text lines set side by side on a common baseline.

A matrix, a ``cases`` brace or an underbrace with its label is a :class:`Box`: a few lines of
equal display width and the index of the line that carries the formula's main line (the
baseline).  Putting boxes and plain text side by side aligns their baselines, like TeX does.

Widths are terminal cells: CJK characters take two, combining marks none (as Rich counts them).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Box", "cell_width", "hconcat", "pack"]


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The number of terminal cells ``text`` takes on one line."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _pad(text: str, width: int, align: str = "l") -> str:
    gap = max(width - cell_width(text), 0)
    if align == "r":
        return " " * gap + text
    if align == "c":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


@dataclass(frozen=True)
class Box:
    """Lines of equal cell width; ``baseline`` is the line that lines up with the text around it."""

    lines: tuple[str, ...]
    baseline: int = 0

    @staticmethod
    def of(lines: list[str] | tuple[str, ...], baseline: int = 0, align: str = "l") -> Box:
        width = max((cell_width(line) for line in lines), default=0)
        padded = tuple(_pad(line, width, align) for line in lines) or ("",)
        return Box(padded, min(max(baseline, 0), len(padded) - 1))

    @property
    def width(self) -> int:
        return cell_width(self.lines[0])

    @property
    def height(self) -> int:
        return len(self.lines)


def hconcat(boxes: list[Box]) -> Box:
    """Boxes side by side, their baselines on one line."""
    if not boxes:
        return Box(("",))
    above = max(b.baseline for b in boxes)
    below = max(b.height - b.baseline - 1 for b in boxes)
    rows = []
    for row in range(above + below + 1):
        parts = []
        for box in boxes:
            index = row - (above - box.baseline)
            parts.append(box.lines[index] if 0 <= index < box.height else " " * box.width)
        rows.append("".join(parts))
    return Box(tuple(rows), above)


# Tall brackets: (top, middle, bottom, single line, extension for the middle of a brace)
_TALL = {
    "(": ("⎛", "⎜", "⎝", "("),
    ")": ("⎞", "⎟", "⎠", ")"),
    "[": ("⎡", "⎢", "⎣", "["),
    "]": ("⎤", "⎥", "⎦", "]"),
    "{": ("⎧", "⎪", "⎩", "{"),
    "}": ("⎫", "⎪", "⎭", "}"),
    "|": ("│", "│", "│", "|"),
    "‖": ("‖", "‖", "‖", "‖"),
    "⌊": ("│", "│", "⌊", "⌊"),
    "⌋": ("│", "│", "⌋", "⌋"),
    "⌈": ("⌈", "│", "│", "⌈"),
    "⌉": ("⌉", "│", "│", "⌉"),
}
_BRACE_MIDDLE = {"{": "⎨", "}": "⎬"}


def tall_delimiter(char: str, height: int, baseline: int) -> Box:
    """A bracket as tall as ``height`` lines; an unknown delimiter is repeated on every line."""
    if not char:
        return Box(("",) * height, baseline)
    if height <= 1:
        return Box((char,), 0)
    top, middle, bottom, _ = _TALL.get(char, (char, char, char, char))
    lines = [top] + [middle] * (height - 2) + [bottom]
    if char in _BRACE_MIDDLE and height >= 3:
        lines[height // 2 if height % 2 else baseline] = _BRACE_MIDDLE[char]
    return Box.of(lines, baseline)


def delimited(box: Box, opening: str, closing: str) -> Box:
    left = tall_delimiter(opening, box.height, box.baseline)
    right = tall_delimiter(closing, box.height, box.baseline)
    return hconcat([left, box, right])


def grid(rows: list[list[str]], aligns: str = "c", gap: int = 2) -> Box:
    """Cells in aligned columns (``aligns``: one of l/c/r per column, the last one repeats)."""
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return Box(("",))
    widths = [max((cell_width(r[c]) for r in rows if c < len(r)), default=0) for c in range(columns)]
    lines = []
    for row in rows:
        cells = []
        for c in range(columns):
            align = aligns[c] if c < len(aligns) else (aligns[-1:] or "c")
            cells.append(_pad(row[c] if c < len(row) else "", widths[c], align))
        lines.append((" " * gap).join(cells))
    return Box.of(lines, (len(lines) - 1) // 2)


def _brace_line(width: int, ends: str, tip: str) -> str:
    """``╰──┬──╯``: a horizontal brace ``width`` cells wide."""
    if width <= 1:
        return tip
    if width == 2:
        return ends
    inner = width - 2
    left = (inner - 1) // 2
    return ends[0] + "─" * left + tip + "─" * (inner - 1 - left) + ends[1]


def under_brace(body: str, label: str) -> Box:
    width = max(cell_width(body), 1)
    return Box.of([body, _brace_line(width, "╰╯", "┬"), label], 0, "c")


def over_brace(body: str, label: str) -> Box:
    width = max(cell_width(body), 1)
    return Box.of([label, _brace_line(width, "╭╮", "┴"), body], 2, "c")


def with_row_above(body: str, mark_row: str) -> Box:
    return Box.of([mark_row, body], 1, "c")


def with_row_below(body: str, mark_row: str) -> Box:
    return Box.of([body, mark_row], 0, "c")


def pack(segments: list[tuple[Box, int]], width: int, gap: int = 4, indent: int = 4) -> list[str]:
    """Lay a formula's pieces out in lines no wider than ``width`` where that is possible.

    ``segments`` are (box, level): level 0 starts a part of its own (after ``\\quad``) and follows
    the one before after ``gap`` spaces; 1 starts with a relation (``=``), 2 with ``+`` or ``-``,
    and both follow after one space.  A whole part moves to a new line if it fits there; a part
    wider than the line breaks before its relations, then before its ``+``/``-``; a line that
    continues a part is indented.  What still does not fit is left wide, for the caller to
    scroll sideways rather than cut.
    """
    lines: list[list[tuple[Box, int]]] = [[]]

    def lead(level: int, first: bool) -> int:
        if first:
            return indent if level and len(lines) > 1 else 0
        return gap if level == 0 else 1

    def used(line: list[tuple[Box, int]]) -> int:
        return sum(lead(level, i == 0) + box.width for i, (box, level) in enumerate(line))

    def place(items: list[tuple[Box, int]], level: int) -> None:
        units: list[list[tuple[Box, int]]] = []
        for item in items:
            if not units or item[1] <= level:
                units.append([item])
            else:
                units[-1].append(item)
        for unit in units:
            span = sum(box.width + (1 if i else 0) for i, (box, _) in enumerate(unit))
            first = unit[0][1]
            line = lines[-1]
            if used(line) + lead(first, not line) + span <= width:
                line.extend(unit)
            elif line and span + (indent if first else 0) <= width:
                lines.append(list(unit))
            else:  # too wide for any line: a part starts a line of its own, then breaks where it can
                if first == 0 and line:
                    lines.append([])
                if level < 2 and len(unit) > 1:
                    place(unit, level + 1)
                else:
                    lines[-1].extend(unit)  # still too wide: the caller scrolls it sideways

    place(segments, 0)
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        boxes = []
        for i, (box, level) in enumerate(line):
            space = lead(level, i == 0) if i else (indent if level and out else 0)
            if space:
                boxes.append(Box((" " * space,)))
            boxes.append(box)
        out.extend(row.rstrip() for row in hconcat(boxes).lines)
    return out
