"""Matrices as aligned text, for prompts, worked solutions and plain-terminal output."""

from __future__ import annotations

from typing import Any

import numpy as np


def _cell(value: float, decimals: int, integral: bool) -> str:
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "-∞" if value < 0 else "∞"
    text = f"{value:.0f}" if integral else f"{value:.{decimals}f}"
    # "-0.00" reads like a sign error to a learner: a rounded zero is just zero.
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def format_matrix(m: Any, decimals: int = 2) -> str:
    """Rows of right-aligned cells, one line per row; "-∞" for -inf.

    Whole-number matrices (and boolean masks, as 1/0) print without decimals, so integer
    drills look like what the learner writes. 0-d and 1-d arrays print as one row.
    """
    m = np.asarray(m)
    if m.ndim > 2:
        raise ValueError(f"format_matrix shows at most 2 dimensions, got shape {m.shape}")
    m = np.atleast_2d(m)
    values = m.astype(np.float64)
    finite = values[np.isfinite(values)]
    integral = bool(np.all(finite == np.round(finite)) and np.all(np.abs(finite) < 1e15))
    cells = [[_cell(v, decimals, integral) for v in row] for row in values]
    if not cells or not cells[0]:
        return ""
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells)


def number(x: float, decimals: int = 2) -> str:
    """One value as format_matrix shows it, negatives in brackets for use inside sums: 2×(-1)."""
    text = format_matrix(np.array([[x]]), decimals)
    return f"({text})" if text.startswith("-") else text


def dot_text(a: Any, b: Any, name: str, decimals: int = 2) -> str:
    """A worked dot product: "s[0,0] = 1×2 + (-1)×0 = 2" (the total of the terms as printed)."""
    terms = " + ".join(f"{number(x, decimals)}×{number(y, decimals)}" for x, y in zip(a, b))
    return f"{name} = {terms} = {format_matrix(np.array([[float(np.dot(a, b))]]), decimals)}"
