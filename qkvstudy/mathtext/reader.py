"""Reading LaTeX tokens: sequences, groups and arguments, with a bound on nesting.

:class:`Reader` knows the grammar every command shares (``{...}`` groups, ``[...]`` options,
``_``/``^`` scripts, stop tokens such as ``&`` and ``\\end``); what each command means is the
business of :class:`qkvstudy.mathtext.parser.Parser`, which fills in :meth:`Reader.command`.

Two-dimensional pieces (a matrix in display math) live in ``boxes``; the text carries a
placeholder character for each, so that everything else can stay plain string work.
:meth:`Reader.flatten` puts their one-line forms back where a one-line text is needed.
"""

from __future__ import annotations

import re

from .layout import Box
from .pieces import QUAD, QUAD_RE, denominator, numerator, script_text
from .symbols import SYMBOLS
from .tables import CLOSING_BARS, DELIMITERS, OPENING_BARS, OPERATOR_CHARS

TOKEN_RE = re.compile(r"\\([A-Za-z]+)|\\([^A-Za-z])|(\s+)|(.)", re.S)
CMD, SYM, WS, CH = 1, 2, 3, 4
Token = tuple[int, str]

OPEN: Token = (CH, "{")
CLOSE: Token = (CH, "}")
AMP: Token = (CH, "&")
ROWSEP: Token = (SYM, "\\")
RIGHT: Token = (CMD, "right")
END: Token = (CMD, "end")
RBRACKET: Token = (CH, "]")

MAX_DEPTH = 40  # deeper nesting is shown flat instead of recursing
# A placeholder for box number i is chr(BOX_BASE + i), in a private-use plane no note uses.
BOX_BASE = 0xF0000
MAX_BOXES = 4096
MAX_BOX_LINES = 60  # a taller matrix reads better on one line than as a wall of rows
MAX_BOX_CELLS = 20_000
_PRIVATE_RE = re.compile("[\ue000\U000f0000-\U0010ffff]")
PLACEHOLDER_RE = re.compile("[\U000f0000-\U000f0fff]")
# Pieces after which a fraction must be bracketed: they would read as part of its denominator.
_JOINING = frozenset("([{⟨√∂∑∏∫⌊⌈‖|")


def is_operator(piece: str) -> bool:
    return bool(piece) and all(c in OPERATOR_CHARS for c in piece)


class Reader:
    """A small recursive-descent reader over LaTeX tokens producing plain Unicode."""

    def __init__(self, tex: str, *, display: bool = False, unicode_sub: bool = True, unicode_sup: bool = True) -> None:
        tex = _PRIVATE_RE.sub("\ufffd", tex)  # our own placeholders must not come from the input
        self.toks: list[Token] = [(m.lastindex or CH, m.group(m.lastindex or 0)) for m in TOKEN_RE.finditer(tex)]
        self.i = 0
        self.n = len(self.toks)
        self.stops: frozenset[Token] = frozenset()
        self.depth = 0
        self.display = display
        self.unicode = {"_": unicode_sub, "^": unicode_sup}
        self.used_mark = {"_": False, "^": False}  # a script had to be written as _x / ^x
        self.boxes: list[Box] = []
        self.flats: list[str] = []
        self.atoms = 0  # factors in the sequence read last (for fraction denominators)

    # -- boxes -------------------------------------------------------------------------

    def place(self, box: Box, flat: str) -> str:
        """A placeholder for ``box`` in display math; its one-line form ``flat`` otherwise."""
        too_big = box.height > MAX_BOX_LINES or box.height * box.width > MAX_BOX_CELLS
        if not self.display or box.height <= 1 or too_big or len(self.boxes) >= MAX_BOXES:
            return flat
        self.boxes.append(box)
        self.flats.append(flat)
        return chr(BOX_BASE + len(self.boxes) - 1)

    def flatten(self, text: str) -> str:
        if not self.boxes:
            return text
        return PLACEHOLDER_RE.sub(lambda m: self.flats[ord(m.group()) - BOX_BASE], text)

    # -- sequences ---------------------------------------------------------------------

    def seq(self) -> str:
        """Read atoms until a stop token (left unconsumed) or the end."""
        if self.depth >= MAX_DEPTH:
            return self._flat()
        self.depth += 1
        out: list[str] = []
        after_function = False
        atoms = 0
        joined = False  # after ∂: the next piece belongs to it (∂x is one factor)
        number = False  # the last piece was a digit: more digits continue the number
        fraction = -1  # index in out of a fraction that nothing has followed yet
        nested = 0  # inside ( ) or [ ]: what is there belongs to the factor that opened them
        toks, stops = self.toks, self.stops
        while self.i < self.n:
            tok = toks[self.i]
            if tok in stops:
                break
            self.i += 1
            kind, val = tok
            is_function = False
            if kind == WS:
                out.append(" ")
                after_function = False
                continue
            if kind == CH and val in "^_":
                while out and out[-1] == " ":
                    out.pop()
                if fraction >= 0 and fraction == len(out) - 1:  # (a/b)²
                    out[fraction] = f"({out[fraction]})"
                fraction = -1
                out.append(self._script(val))
                continue
            is_fraction = False
            if kind == CH:
                if val == "{":
                    piece = self.group()
                elif val == "~" or val == "&":
                    piece = " "
                elif val == "'":
                    piece = "′"
                else:
                    piece = val
            elif kind == SYM:
                piece = self._control_symbol(val)
            else:
                piece, is_function = self.command(val)
                is_fraction = val in ("frac", "dfrac", "tfrac", "cfrac")
                if val in OPENING_BARS:
                    self._skip_ws()
                elif val in CLOSING_BARS:
                    while out and out[-1] == " ":
                        out.pop()
            if after_function and piece[:1].isalnum():
                out.append(" ")
            after_function = is_function
            if not piece.strip():
                out.append(piece)
                continue
            if is_operator(piece):
                fraction, number, joined = -1, False, False
                out.append(piece)
                continue
            if fraction >= 0 and (piece[:1].isalnum() or piece[:1] in _JOINING or ord(piece[0]) >= BOX_BASE):
                out[fraction] = f"({out[fraction]})"  # (1/T) pᵢ, not 1/T pᵢ
            fraction = len(out) if is_fraction else -1
            digit = piece[:1].isdigit() or piece == "."
            if not (joined or nested or (number and digit) or (piece in ("(", "[") and atoms)):
                atoms += 1
            if piece in ("(", "["):
                nested += 1
            elif piece in (")", "]"):
                nested = max(nested - 1, 0)
            number = digit
            joined = piece == "∂"
            if piece == "∂":
                self._skip_ws()  # ∂x, not ∂ x
            out.append(piece)
        self.depth -= 1
        self.atoms = atoms
        return "".join(out)

    def _flat(self) -> str:
        """Too deep to recurse: read up to the next stop token without structure."""
        out: list[str] = []
        nesting = 0
        while self.i < self.n:
            tok = self.toks[self.i]
            if nesting == 0 and tok in self.stops:
                break
            self.i += 1
            kind, val = tok
            if tok == OPEN:
                nesting += 1
            elif tok == CLOSE and nesting:
                nesting -= 1
            elif kind == CMD:
                out.append(SYMBOLS.get(val, val))
            elif kind == SYM:  # no \\[...] look-ahead here: that would recurse again
                out.append("\n" if val == "\\" else self._control_symbol(val))
            else:
                out.append(" " if kind == WS else val)
        self.atoms = 2
        return "".join(out)

    def with_stops(self, extra: frozenset[Token]) -> frozenset[Token]:
        saved = self.stops
        self.stops = saved | extra
        return saved

    def group(self) -> str:
        """The inside of ``{...}``; the opening brace is already consumed."""
        saved = self.with_stops(frozenset({CLOSE}))
        text = self.seq()
        self.stops = saved
        if self.i < self.n and self.toks[self.i] == CLOSE:
            self.i += 1
        return text

    def _skip_ws(self) -> None:
        while self.i < self.n and self.toks[self.i][0] == WS:
            self.i += 1

    def peek(self) -> Token | None:
        self._skip_ws()
        return self.toks[self.i] if self.i < self.n else None

    def arg(self) -> str:
        """One macro argument on one line: a group or a single token, converted."""
        text = self.flatten(self.arg_keeping_boxes())
        return QUAD_RE.sub(lambda m: " " * len(m.group(1)), text) if QUAD in text else text

    def arg_keeping_boxes(self) -> str:
        self._skip_ws()
        self.atoms = 1
        if self.i >= self.n or self.toks[self.i] in self.stops:
            return ""
        kind, val = self.toks[self.i]
        self.i += 1
        if kind == CH:
            if val == "{":
                return self.group()
            return "′" if val == "'" else val
        if kind == SYM:
            return self._control_symbol(val)
        if self.depth >= MAX_DEPTH:
            return SYMBOLS.get(val, val)
        self.depth += 1
        text = self.command(val)[0]
        self.depth -= 1
        self.atoms = 1
        return text

    def raw_arg(self) -> str:
        """An argument taken literally, e.g. an environment name or a colour."""
        self._skip_ws()
        if self.i < self.n and self.toks[self.i] == OPEN:
            self.i += 1
            out = []
            while self.i < self.n and self.toks[self.i] != CLOSE:
                kind, val = self.toks[self.i]
                out.append("\\" + val if kind in (CMD, SYM) else val)
                self.i += 1
            self.i += 1
            return "".join(out).strip()
        if self.i < self.n and self.toks[self.i] not in self.stops:
            self.i += 1
            return self.toks[self.i - 1][1]
        return ""

    def optional_arg(self) -> str | None:
        self._skip_ws()
        if self.i < self.n and self.toks[self.i] == (CH, "["):
            self.i += 1
            saved = self.with_stops(frozenset({RBRACKET}))
            text = self.flatten(self.seq())
            self.stops = saved
            if self.i < self.n and self.toks[self.i] == RBRACKET:
                self.i += 1
            return text
        return None

    # -- atoms -------------------------------------------------------------------------

    def _control_symbol(self, val: str) -> str:
        if val in ",:;> \t\n\r":
            return " "
        if val == "!":
            return ""
        if val == "\\":
            self.optional_arg()  # \\[2pt]
            return "\n"
        if val == "|":
            return "‖"
        return val  # \{ \} \_ \& \% \# \$ and anything else: the character itself

    def _script(self, mark: str) -> str:
        text, used_mark = script_text(self.arg(), mark, self.unicode[mark])
        self.used_mark[mark] |= used_mark
        return text

    def script_after(self, mark: str) -> str | None:
        """The argument of a ``_`` or ``^`` that follows, or None (for under/overbrace labels)."""
        if self.peek() == (CH, mark):
            self.i += 1
            return self.arg()
        return None

    def delimiter(self) -> str:
        self._skip_ws()
        if self.i >= self.n:
            return ""
        kind, val = self.toks[self.i]
        if kind == WS or (kind, val) in self.stops:
            return ""
        self.i += 1
        key = val if kind == CH else "\\" + val
        if key in DELIMITERS:
            return DELIMITERS[key]
        if kind == CMD:
            return SYMBOLS.get(val, val)
        return val

    def fraction(self) -> str:
        top = self.arg()
        bottom = self.arg()
        return f"{numerator(top)}/{denominator(bottom, self.atoms)}"

    def command(self, name: str) -> tuple[str, bool]:
        """Convert one control word; returns (text, reads like a function name)."""
        raise NotImplementedError
