"""The parts every prompt states the same way: the answer's shape and precision, the conventions,
and a small table of the e^x values the hand computation needs (no one computes e^(2/3) in an interview)."""

from __future__ import annotations

import math
from fractions import Fraction

from qkvstudy.i18n import t


def answer_hint(
    kind: str, shape: tuple[int, ...], decimals: int = 2, queries_keys: bool = False, mask: bool = False
) -> str:
    """e.g. "答案 2×3，保留 2 位小数（误差 ±0.005）…；行 = query，列 = key"."""
    rows, cols = (tuple(shape) + (1, 1))[:2]
    parts = [t("drills.hint.shape", rows=rows, cols=cols)]
    if kind == "float":
        parts.append(t("drills.hint.float", decimals=decimals, tolerance=f"{0.5 * 10.0**-decimals:g}"))
    else:
        parts.append(t(f"drills.hint.{kind}"))
    if queries_keys:
        parts.append(t("drills.hint.rows_queries"))
    if mask:
        parts.append(t("drills.hint.mask"))
    return "；".join(parts)


def exponent_text(x: float) -> str:
    """An exponent as a person writes it: -1, -1/2, -2/3 (small denominators), else two decimals."""
    f = Fraction(x).limit_denominator(12)
    if abs(float(f) - x) < 1e-9 and f.denominator <= 12:
        return str(f.numerator) if f.denominator == 1 else f"({f.numerator}/{f.denominator})"
    return f"({x:.2f})"


def exp_table(exponents: list[float], limit: int = 12) -> str:
    """ "e^-1 = 0.3679 · e^(-1/2) = 0.6065 …" for the exponents given (most negative last)."""
    if not exponents:
        return ""
    cells = [f"e^{exponent_text(x)} = {math.exp(x):.4f}" for x in exponents[:limit]]
    return t("drills.hint.exp_table", table=" · ".join(cells))
