"""Readable Unicode for the LaTeX math in notes, for a terminal.

* :func:`latex_to_unicode` turns one formula body (no ``$`` delimiters) into one line of plain
  Unicode per row: ``\\frac{QK^T}{\\sqrt{d_k}}`` -> ``QKᵀ/√dₖ``.  For inline math and titles.
* :func:`display_math` lays a display formula out in two dimensions (matrices, ``cases``,
  under/overbraces with their labels, long bars) and :meth:`DisplayMath.lines` fits it to a width,
  breaking at ``\\quad`` gaps first and at top-level relations and ``+``/``-`` after that.

Both never raise, never loop, and never silently drop content: an unknown command loses only its
backslash.  Within one formula all subscripts use one style (Unicode ``xᵢ`` when every subscript
has the letters, else ``x_i`` throughout), and so do all superscripts.  A fraction keeps its
grouping: ``(a + b)/c``, ``1/(2P)``, ``(1/T) pᵢ``.

Finding math in Markdown is the Markdown parser's job (``qkvstudy.mathtext.markdown``).
Pure Python: the core never imports Textual or Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .layout import Box, cell_width, pack
from .parser import Parser
from .pieces import QUAD, QUAD_RE, tidy
from .tables import CLOSE_BRACKETS, OPEN_BRACKETS

__all__ = ["DisplayMath", "Box", "cell_width", "display_math", "latex_to_unicode"]

Segment = tuple[Box, int]  # (piece, 0: starts a part, 1: starts with a relation, 2: with + or -)

# Where a long line may break, at bracket depth 0: before a relation, then before + and -.
_RELATIONS = frozenset("=≈≤≥<>≠≡≃≅∝⇒⟹⇔⟺→∈")
_BREAK_BEFORE = _RELATIONS | frozenset("+-−")


def _parse(tex: str, display: bool) -> tuple[Parser, str]:
    """Parse, then again with _x / ^x scripts throughout if any script could not be Unicode."""
    sub = sup = True
    for _ in range(3):
        parser = Parser(tex, display=display, unicode_sub=sub, unicode_sup=sup)
        text = parser.seq()  # no stop tokens at top level: reads everything
        if not ((sub and parser.used_mark["_"]) or (sup and parser.used_mark["^"])):
            break
        sub = sub and not parser.used_mark["_"]
        sup = sup and not parser.used_mark["^"]
    return parser, text


@lru_cache(maxsize=4096)
def latex_to_unicode(tex: str) -> str:
    """Convert one LaTeX formula body (without ``$`` delimiters) to readable Unicode.

    Row breaks (``\\\\`` and the rows of ``aligned``-like environments) come back as newlines;
    everything else is on one line with single spaces.
    """
    _, text = _parse(tex, display=False)
    lines = (tidy(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class DisplayMath:
    """A display formula: rows (``\\\\``), each a run of pieces that :meth:`lines` fits to a width."""

    rows: tuple[tuple[Segment, ...], ...]
    text: str  # the one-line-per-row form, as latex_to_unicode gives it

    def lines(self, width: int) -> list[str]:
        out: list[str] = []
        for row in self.rows:
            # A \quad the parser expanded inside a piece (`\left\quad`) is a gap too: a space, never the marker.
            out.extend(line.replace(QUAD, " ") for line in pack(list(row), max(width, 1)))
        return out

    @property
    def width(self) -> int:
        """The width needed to show every row without breaking it."""
        return max((sum(b.width + 4 for b, _ in row) for row in self.rows), default=0)


def _split_top_level(text: str, at_quads: bool) -> list[tuple[str, int]]:
    """Pieces of ``text`` cut at depth-0 \\quad gaps (hard) or before depth-0 operators (soft)."""
    pieces: list[tuple[str, int]] = []
    depth = 0
    start = 0
    soft = 0
    index = 0
    while index < len(text):
        c = text[index]
        if c in OPEN_BRACKETS:
            depth += 1
        elif c in CLOSE_BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and at_quads and c == QUAD:
            end = index
            while index < len(text) and text[index] in (QUAD, " "):
                index += 1
            pieces.append((text[start:end], soft))
            start, soft = index, 0
            continue
        elif (
            depth == 0
            and not at_quads
            and c in _BREAK_BEFORE
            and index > start + 1
            and text[index - 1] == " "
            and text[index + 1 : index + 2] == " "
        ):
            pieces.append((text[start : index - 1], soft))
            start, soft = index, 1 if c in _RELATIONS else 2
        index += 1
    pieces.append((text[start:], soft))
    return [(piece.strip(), soft) for piece, soft in pieces if piece.strip()]


@lru_cache(maxsize=1024)
def display_math(tex: str) -> DisplayMath:
    """Lay out one display formula (the body of ``$$...$$``)."""
    parser, text = _parse(tex, display=True)
    rows: list[tuple[Segment, ...]] = []
    for line in text.split("\n"):
        segments: list[Segment] = []
        for part, _ in _split_top_level(tidy(line, keep_quads=True), at_quads=True):
            part = QUAD_RE.sub(lambda m: " " * len(m.group(1)), part)
            for piece, soft in _split_top_level(part, at_quads=False):
                segments.append((parser.compose(piece), soft))
        if segments:
            rows.append(tuple(segments))
    flat = "\n".join(line for line in (tidy(parser.flatten(line)) for line in text.split("\n")) if line)
    return DisplayMath(tuple(rows), flat)
