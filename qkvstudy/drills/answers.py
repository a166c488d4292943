"""Reading what the learner typed: one-line matrices, single grid cells, yes/no.

Format: rows separated by `;` or newlines, cells by spaces or commas, e.g.
`0.1 0.8 0.1; 0.3 0.3 0.4`. A cell may be a decimal, a fraction `1/3`, a percentage `80%`,
e-notation, `-inf`/`-∞`, or for yes/no drills `yes/no/是/否/对/错/true/false`. Input from a
Chinese IME works as typed: full-width digits and `，；％`, the ideographic comma `、`, the
Unicode minus `−`. NumPy-style brackets `[[1, 2], [3, 4]]` are accepted too.

Nothing here evaluates text as code: cells are matched against a number pattern.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np

from qkvstudy.errors import QkvError


class AnswerError(QkvError, ValueError):
    """An answer that cannot be read; `message` is one line, Chinese then English."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _CellProblem(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?")
_INFINITY = {"inf", "+inf", "infinity", "+infinity", "∞", "+∞"}
_YES = {"yes", "y", "true", "t", "是", "对", "对的", "是的", "正确", "√", "✓"}
_NO = {"no", "n", "false", "f", "否", "错", "不", "不是", "错误", "×", "✗"}
_MINUSES = str.maketrans({"−": "-", "–": "-", "‒": "-", "＋": "+"})
_FACTOR = r"[0-9]+(?:\^[0-9]{1,2})?"
_PRODUCT = re.compile(rf"{_FACTOR}(?:[*×·]{_FACTOR})*")  # 2*32*4096^2: how sizes are multiplied by hand
_MAX_LENGTH = 10_000  # a 8×8 grid is < 1,000 characters; longer is a paste accident


def _normalize(text: str) -> str:
    # NFKC folds full-width digits and punctuation (１，；％．) to ASCII.
    text = unicodedata.normalize("NFKC", text).translate(_MINUSES)
    return re.sub(r"(?<=[0-9])。(?=[0-9])", ".", text)  # IME full stop used as decimal point


def _number(token: str) -> float:
    if token in _INFINITY:
        return np.inf
    if token.startswith("-") and token[1:] in _INFINITY:
        return -np.inf
    if token in {"nan", "+nan", "-nan"}:
        raise _CellProblem("NaN 不是有效答案", "NaN is not an answer")
    if not _NUMBER.fullmatch(token):
        raise _CellProblem(f"无法识别 '{token}'", f"cannot read '{token}'")
    value = float(token)
    if np.isinf(value):
        raise _CellProblem(f"数字太大 '{token}'", f"number too large '{token}'")
    return value


def _product(token: str) -> float:
    # Whole numbers only, computed exactly with Python ints (no eval): 2*32*4096 or 2^10.
    value = 1
    for factor in re.split(r"[*×·]", token):
        base, _, power = factor.partition("^")
        value *= int(base) ** int(power or 1)
        if value >= 2**63:
            raise _CellProblem(f"数字太大 '{token}'", f"number too large '{token}'")
    return float(value)


def _value(token: str) -> float:
    if ("*" in token or "^" in token or "×" in token or "·" in token) and _PRODUCT.fullmatch(token):
        return _product(token)
    if token.endswith("%"):
        return _number(token[:-1]) / 100.0
    if token.count("/") == 1:
        top, bottom = token.split("/")
        numerator, denominator = _number(top), _number(bottom)
        if denominator == 0:
            raise _CellProblem(f"分母为 0 '{token}'", f"division by zero '{token}'")
        value = numerator / denominator
        if np.isnan(value) or (np.isinf(value) and np.isfinite(numerator)):
            raise _CellProblem(f"无法计算 '{token}'", f"cannot compute '{token}'")
        return value
    return _number(token)


def _cell(token: str, kind: str | None) -> float:
    token = token.strip().lower()
    if not token:
        raise _CellProblem("空白", "empty cell")
    if kind is None and (token in _YES or token in _NO):
        return 1.0 if token in _YES else 0.0
    if kind == "bool":
        if token in _YES:
            return 1.0
        if token in _NO:
            return 0.0
        if token in {"1", "0", "1.0", "0.0"}:
            return float(token)
        raise _CellProblem(f"应为 是/否 '{token}'", f"expected yes/no, got '{token}'")
    value = _value(token)
    if kind in ("int", "index"):
        if not np.isfinite(value) or value != round(value):
            raise _CellProblem(f"应为整数 '{token}'", f"expected a whole number, got '{token}'")
        if kind == "index" and value < 0:
            raise _CellProblem(f"序号从 0 开始，不能为负 '{token}'", f"an index is 0 or more, got '{token}'")
    return value


def parse_cell(text: str, kind: str | None = None) -> float:
    """One grid cell as a float; raises AnswerError.

    `kind` is Drill.answer_kind: "int"/"index" want whole numbers (an index >= 0), "bool" wants
    yes/no (or 1/0), "float" any number. None accepts numbers and yes/no words.
    """
    try:
        return _cell(_normalize(text), kind)
    except _CellProblem as p:
        raise AnswerError(f"{p.zh} ({p.en})") from None


def _rows(text: str) -> list[list[str]]:
    text = _normalize(text)
    text = text.replace("[", " ").replace("(", " ").replace("]", ";").replace(")", ";")
    rows = []
    for line in re.split(r"[;\n\r]", text):
        cells = [c for c in re.split(r"[,、\s]+", line) if c]
        if cells:
            rows.append(cells)
    return rows


def _grid_shape(shape: Any) -> tuple[int, int]:
    shape = tuple(int(n) for n in shape)
    if len(shape) > 2 or any(n < 1 for n in shape):
        raise ValueError(f"answers are grids of at most 2 dimensions, got shape {shape}")
    return (1, 1) if not shape else (1, shape[0]) if len(shape) == 1 else shape


def parse_answer(text: str, shape: Any, kind: str | None = None) -> np.ndarray:
    """Read a whole answer of the given shape (0-, 1- or 2-D) as a float64 array.

    Pass `kind=drill.answer_kind` for its checks (see parse_cell); yes/no become 1/0.
    Raises AnswerError with a one-line message naming the row and column at fault. A vector
    answer may be written as one row or as one column.
    """
    if len(text) > _MAX_LENGTH:
        raise AnswerError(f"答案太长 (answer too long: {len(text)} characters)")
    n_rows, n_cols = _grid_shape(shape)
    rows = _rows(text)
    if not rows:
        raise AnswerError("答案为空 (empty answer)")
    values: list[list[float]] = []  # read every cell first: an unreadable entry explains a wrong count, too
    for r, row in enumerate(rows):
        values.append([])
        for c, token in enumerate(row):
            try:
                values[-1].append(_cell(token, kind))
            except _CellProblem as p:
                raise AnswerError(f"{p.zh}（第 {r + 1} 行第 {c + 1} 列）({p.en} at row {r + 1}, col {c + 1})") from None
    if (
        (n_rows == 1 or n_cols == 1)
        and sum(len(r) for r in values) == n_rows * n_cols
        and (len(values) == 1 or all(len(r) == 1 for r in values))
    ):
        flat = [x for r in values for x in r]  # a vector, written in either orientation
        values = [flat] if n_rows == 1 else [[x] for x in flat]
    if len(values) != n_rows:
        raise AnswerError(f"有 {len(values)} 行，应为 {n_rows} 行 ({len(values)} rows, expected {n_rows})")
    for r, entries in enumerate(values, 1):
        if len(entries) != n_cols:
            raise AnswerError(
                f"第 {r} 行有 {len(entries)} 个数，应为 {n_cols} 个 (row {r} has {len(entries)} entries, expected {n_cols})"
            )
    out = np.array(values, dtype=np.float64)
    return out.reshape(tuple(int(n) for n in shape))


def format_answer(m: Any) -> str:
    """The one-line form `parse_answer` reads, exact for every float (shortest repr)."""
    m = np.atleast_2d(np.asarray(m, dtype=np.float64))
    return "; ".join(" ".join(repr(float(v)) for v in row) for row in m)
