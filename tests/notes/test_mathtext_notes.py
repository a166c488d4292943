"""Every formula of the bundled notes (notes/**.md), rendered and checked against issue 11's rules at 80 columns.

At 80 terminal columns a display formula gets about 70 cells (the Markdown widget's and the math
block's padding take the rest): each one must fit there, broken at its \\quad gaps and top-level
relations, or (checked in tests/tui/test_tui_math.py) scroll sideways; nothing is ever cut.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qkvstudy.mathtext import cell_width, display_math, latex_to_unicode
from qkvstudy.mathtext.markdown import math_parser
from qkvstudy.mathtext.tables import SUB, SUP

NOTES = Path(__file__).resolve().parents[2] / "notes"
WIDTH_AT_80_COLUMNS = 70

# LaTeX that must never reach the reader: commands by name, brace scripts, backslashes.
_LEFTOVERS = re.compile(
    r"\\|_\{|\^\{|\b(?:overline|underbrace|overbrace|d?frac|math(?:bf|bb|cal|rm)|begin|end|left|right|partial|sqrt|text)\b"
)
_SUB_CHARS = frozenset(SUB.values())
_SUP_CHARS = frozenset(SUP.values()) - {"°"}


def _formulas() -> list[tuple[str, str, bool]]:
    """(note, LaTeX, display?) for every formula the Markdown parser finds in the bundled notes."""
    found = []
    for path in sorted(NOTES.rglob("*.md")):
        name = str(path.relative_to(NOTES))
        for token in math_parser().parse(path.read_text(encoding="utf-8")):
            if token.type == "math_block":
                found.append((name, token.content, True))
    # Inline formulas are turned into text by the parser; find their sources with dollarmath alone.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("gfm-like")
    dollarmath_plugin(md, allow_labels=False, allow_space=False, allow_digits=False, allow_blank_lines=False)
    for path in sorted(NOTES.rglob("*.md")):
        name = str(path.relative_to(NOTES))
        for token in md.parse(path.read_text(encoding="utf-8")):
            for child in token.children or ():
                if child.type == "math_inline":
                    found.append((name, child.content, False))
    return found


FORMULAS = _formulas()
DISPLAY = [f for f in FORMULAS if f[2]]


def test_the_bundled_notes_have_the_formulas_of_the_issue() -> None:
    assert len(DISPLAY) >= 59  # "16 of the 59 display formulas ... are cut off"
    assert len(FORMULAS) > len(DISPLAY)


_BASE = {v: k for k, v in SUB.items()} | {v: k for k, v in SUP.items()}


def _base_letters(text: str) -> str:
    return "".join(_BASE.get(c, c) for c in text if _BASE.get(c, c).isalnum())


def _check_text(text: str) -> None:
    assert not _LEFTOVERS.search(text), text
    mixed_sub = any(c in _SUB_CHARS for c in text) and "_" in text
    mixed_sup = any(c in _SUP_CHARS for c in text) and "^" in text
    assert not mixed_sub and not mixed_sup, f"two script styles in one formula: {text}"


def test_every_formula_reads_as_unicode() -> None:
    problems = []
    for note, tex, display in FORMULAS:
        text = display_math(tex).text if display else latex_to_unicode(tex)
        try:
            assert text
            for line in text.split("\n"):
                _check_text(line)
        except AssertionError as error:
            problems.append(f"{note}: {tex!r} -> {text!r}: {error}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("note", "tex", "display"), DISPLAY, ids=[f"{f[0]}:{i}" for i, f in enumerate(DISPLAY)])
def test_every_display_formula_fits_80_columns(note: str, tex: str, display: bool) -> None:
    math = display_math(tex)
    lines = math.lines(WIDTH_AT_80_COLUMNS)
    too_wide = [line for line in lines if cell_width(line) > WIDTH_AT_80_COLUMNS]
    assert not too_wide, "\n".join(lines)
    for line in lines:
        _check_text(line)
    # Nothing is lost in the layout: every letter and digit of the one-line form is still shown
    # (limits drawn under a ∑ are plain letters there: count scripts as their base letters).
    shown, flat = _base_letters("".join(lines)), _base_letters(math.text)
    for char in set(flat):
        assert shown.count(char) >= flat.count(char), (char, "\n".join(lines))


def test_matrices_in_the_notes_are_2d_blocks() -> None:
    causal = next(tex for _, tex, _ in DISPLAY if r"-\infty & -\infty & -\infty" in tex)
    lines = display_math(causal).lines(WIDTH_AT_80_COLUMNS)
    assert lines[:4] == [
        "    ⎛0  -∞  -∞  -∞⎞",
        "M = ⎜0  0   -∞  -∞⎟,    A = softmax(QKᵀ/√dₖ + M)",
        "    ⎜0  0   0   -∞⎟",
        "    ⎝0  0   0   0 ⎠",
    ]


def test_underbrace_labels_in_the_notes_are_set_apart() -> None:
    tex = next(tex for _, tex, _ in DISPLAY if r"\underbrace" in tex)
    lines = display_math(tex).lines(WIDTH_AT_80_COLUMNS)
    assert any("╰" in line and "┬" in line for line in lines)
    assert any("内容-内容" in line and "内容-位置" in line for line in lines)
    assert not any("_(内容" in line or "_内容" in line for line in lines)
