"""Matrices on screen: a heatmap (cells coloured by value, the value printed inside) and the
given matrices of a drill, labelled and laid side by side when they fit.

Every heatmap cell sets its own background *and* foreground (black or white, whichever reads
better on that background), so the map looks the same in dark and light themes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from qkvstudy.drills import format_matrix

# Viridis stops: perceptually even, readable for colour-blind eyes, dark -> light.
_STOPS = (
    (0.00, (68, 1, 84)),
    (0.25, (59, 82, 139)),
    (0.50, (33, 145, 140)),
    (0.75, (94, 201, 98)),
    (1.00, (253, 231, 37)),
)
_BLACK = Color.from_rgb(0, 0, 0)
_WHITE = Color.from_rgb(255, 255, 255)
_EMPTY = Style(color=Color.from_rgb(128, 128, 128), dim=True)


def heat_rgb(t: float) -> tuple[int, int, int]:
    """The colour of a value already scaled to 0..1 (clamped)."""
    t = min(1.0, max(0.0, float(t)))
    for (t0, c0), (t1, c1) in zip(_STOPS, _STOPS[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            return tuple(round(a + (b - a) * f) for a, b in zip(c0, c1))  # type: ignore[return-value]
    return _STOPS[-1][1]


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(level: int) -> float:
        c = level / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def heat_style(t: float) -> Style:
    """Background for the value, with black or white text (the higher WCAG contrast)."""
    rgb = heat_rgb(t)
    background = Color.from_rgb(*rgb)
    lum = _luminance(rgb)
    # Contrast with black is (L + .05) / .05, with white 1.05 / (L + .05): black wins above ~0.18.
    return Style(color=_BLACK if lum > 0.179 else _WHITE, bgcolor=background, bold=True)


def matrix_cells(m: np.ndarray, decimals: int = 2) -> list[list[str]]:
    """format_matrix's cell texts (same rounding, `-∞`, whole numbers without decimals)."""
    return [line.split() for line in format_matrix(m, decimals).splitlines()]


def scale_range(m: np.ndarray) -> tuple[float, float]:
    """Weights (all in 0..1) use the fixed 0..1 scale, so two maps compare; else min..max."""
    finite = m[np.isfinite(m)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if lo >= 0 and hi <= 1:
        return 0.0, 1.0
    return (lo, hi) if hi > lo else (lo - 1, hi + 1)


def _pad(text: str, width: int, align: str = "right") -> str:
    gap = max(0, width - cell_len(text))
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return " " * gap + text if align == "right" else text + " " * gap


def heat_text(
    matrix,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    *,
    decimals: int = 2,
    vmin: float | None = None,
    vmax: float | None = None,
    legend: bool = True,
) -> Text:
    """The heatmap as Rich text: a header of column labels, one line per row."""
    m = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
    cells = matrix_cells(m, decimals)
    n_rows, n_cols = m.shape
    rows = list(row_labels) if row_labels and len(row_labels) == n_rows else [str(i) for i in range(n_rows)]
    cols = list(col_labels) if col_labels and len(col_labels) == n_cols else [str(j) for j in range(n_cols)]
    lo, hi = scale_range(m)
    lo = lo if vmin is None else vmin
    hi = hi if vmax is None else vmax
    width = max(max(cell_len(c) for row in cells for c in row), max(cell_len(c) for c in cols)) + 2
    label_width = max(cell_len(r) for r in rows) + 1

    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(" " * label_width)
    for c in cols:
        out.append(_pad(c, width, "center"), style="dim")
    for i in range(n_rows):
        out.append("\n")
        out.append(_pad(rows[i], label_width - 1) + " ", style="dim")
        for j in range(n_cols):
            value = m[i, j]
            text = _pad(cells[i][j], width - 1) + " "
            if not np.isfinite(value):
                out.append(text, style=_EMPTY)
            else:
                out.append(text, style=heat_style((value - lo) / (hi - lo)))
    if legend:
        out.append("\n")
        out.append(" " * label_width)
        lo_text, hi_text = matrix_cells(np.array([[lo, hi]]), decimals)[0]
        out.append(f"{lo_text} ", style="dim")
        steps = 12
        for k in range(steps):
            out.append(" ", style=Style(bgcolor=Color.from_rgb(*heat_rgb(k / (steps - 1)))))
        out.append(f" {hi_text}", style="dim")
    return out


class Heatmap(Static):
    """A matrix as coloured cells with the value printed inside.

    Weights (values in 0..1) use the fixed 0..1 scale; other matrices their own min..max.
    `-∞` cells are left uncoloured.
    """

    DEFAULT_CSS = """
    Heatmap {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        matrix,
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        *,
        decimals: int = 2,
        vmin: float | None = None,
        vmax: float | None = None,
        legend: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.matrix = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        super().__init__(
            heat_text(self.matrix, row_labels, col_labels, decimals=decimals, vmin=vmin, vmax=vmax, legend=legend),
            id=id,
            classes=classes,
        )


# --- the given matrices of a drill ---------------------------------------------------------------

_GAP = 4  # spaces between matrices laid side by side


def matrix_block(name: str, m, decimals: int = 2) -> list[tuple[str, str]]:
    """One labelled matrix as lines of (text, kind): the title `Q␀2×4`, then `│ 1  0 │` rows."""
    a = np.atleast_2d(np.asarray(m))
    body = format_matrix(a, decimals).splitlines() or [""]
    width = max(cell_len(line) for line in body)
    block = [(f"{name}  \0{a.shape[0]}×{a.shape[1]}", "title")]
    block += [(f"│ {_pad(line, width)} │", "") for line in body]
    return block


def _block_width(block: list[tuple[str, str]]) -> int:
    return max(cell_len(text.replace("\0", "")) for text, _ in block)


def pack_blocks(widths: list[int], width: int, gap: int = _GAP) -> list[list[int]]:
    """Greedy rows of block indices that fit in `width` (a block too wide still gets a row)."""
    rows: list[list[int]] = []
    used = 0
    for index, w in enumerate(widths):
        if rows and used + gap + w <= width:
            rows[-1].append(index)
            used += gap + w
        else:
            rows.append([index])
            used = w
    return rows


class GivenMatrices(Widget):
    """The drill's given matrices, labelled with name and shape, side by side when they fit,
    wrapped onto further rows when they do not (re-laid out on resize)."""

    DEFAULT_CSS = """
    GivenMatrices {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(
        self, given: dict[str, np.ndarray] | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._blocks: list[list[tuple[str, str]]] = []
        self.set_matrices(given or {})

    def set_matrices(self, given: dict[str, np.ndarray]) -> None:
        self._blocks = [matrix_block(name, m) for name, m in given.items()]
        self.refresh(layout=True)

    def _rows(self, width: int) -> list[list[int]]:
        return pack_blocks([_block_width(b) for b in self._blocks], max(1, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows = self._rows(width)
        if not rows:
            return 0
        return sum(max(len(self._blocks[i]) for i in row) for row in rows) + len(rows) - 1

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        first = True
        for row in self._rows(self.size.width):
            height = max(len(self._blocks[i]) for i in row)
            if not first:
                out.append("\n")
            for line in range(height):
                if not first or line:
                    out.append("\n")
                first = False
                for k, i in enumerate(row):
                    block = self._blocks[i]
                    width = _block_width(block)
                    if k:
                        out.append(" " * _GAP)
                    text, style = block[line] if line < len(block) else ("", "")
                    if style == "title":
                        name, shape = text.split("\0")
                        out.append(name, style="bold")
                        out.append(shape, style="dim")
                        out.append(" " * (width - cell_len(name) - cell_len(shape)))
                    else:
                        out.append(_pad(text, width, "left"), style=style)
        return out
