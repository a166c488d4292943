"""What each LaTeX command means: symbols, functions, fractions, roots, accents, environments, braces."""

from __future__ import annotations

from .layout import Box, cell_width, delimited, grid, hconcat, over_brace, under_brace, with_row_above, with_row_below
from .pieces import BELOW, accent, accent_row, has_accent, is_single_symbol, root, script_text, squash, tidy
from .reader import AMP, BOX_BASE, CH, CMD, END, OPEN, PLACEHOLDER_RE, RIGHT, ROWSEP, Reader
from .symbols import SYMBOLS
from .tables import ACCENTS as ACCENT_MARKS
from .tables import (
    CASES,
    CONTENT,
    DROP,
    DROP_ARGS,
    FUNCTIONS,
    LETTER_STYLES,
    LIMIT_FUNCTIONS,
    LIMIT_OPERATORS,
    MATRIX_BRACKETS,
    NEGATED,
    ROWS,
    SIZING,
)

_FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})
_SPACING = frozenset({"hspace", "hskip", "kern", "mkern", "mskip", "phantom", "hphantom"})
# Accents that span their argument: drawn as a row above it in display math when it is long.
_WIDE = frozenset({"overline", "widehat", "widetilde", "overrightarrow", "overleftarrow", "underline", "utilde"})
_ARRAYS = frozenset({"array", "darray", "subarray"})


class Parser(Reader):
    def command(self, name: str) -> tuple[str, bool]:
        """Convert one control word; returns (text, reads like a function name)."""
        if name in SYMBOLS:
            if self.display and name in LIMIT_OPERATORS:
                return self._limits(SYMBOLS[name]), False
            return SYMBOLS[name], False
        if name in FUNCTIONS:
            if self.display and name in LIMIT_FUNCTIONS:
                return self._limits(name), True
            return name, True
        if name in CONTENT:
            return self.arg(), False
        if name in LETTER_STYLES:
            table = LETTER_STYLES[name]
            return "".join(table.get(c, c) for c in self.arg()), False
        if name == "operatorname":
            if self.i < self.n and self.toks[self.i] == (CH, "*"):
                self.i += 1
            return self.arg(), True
        if name in ACCENT_MARKS:
            return self._accent(name), False
        if name in _FRACTIONS:
            return self.fraction(), False
        if name in ("binom", "dbinom", "tbinom"):
            n = self.arg()
            k = self.arg()
            return f"C({n.strip()}, {k.strip()})", False
        if name == "sqrt":
            index = self.optional_arg()
            return root(self.arg(), index), False
        if name == "left":
            return self._left_right(), False
        if name in SIZING or name == "right":  # a stray \right: show its delimiter
            return self.delimiter(), False
        if name == "begin":
            return self._environment(self.raw_arg()), False
        if name == "end":  # stray \end{...}
            self.raw_arg()
            return "", False
        if name in ("underbrace", "overbrace"):
            return self._brace(name == "underbrace"), False
        if name == "not":
            target = self.arg()
            return NEGATED.get(target, target + "\u0338" if target else ""), False
        if name in ("overset", "stackrel", "underset"):
            mark = "_" if name == "underset" else "^"
            label = self.arg()
            text, used_mark = script_text(label, mark, self.unicode[mark])
            self.used_mark[mark] |= used_mark
            return self.arg() + text, False
        if name == "pmod":
            return f"(mod {self.arg().strip()})", False
        if name == "tag":
            if self.i < self.n and self.toks[self.i] == (CH, "*"):
                self.i += 1
            return f"({self.arg().strip()})", False
        if name in ("textcolor", "colorbox"):
            self.raw_arg()
            return self.arg(), False
        if name in _SPACING:
            self.raw_arg()
            return " ", False
        if name in DROP_ARGS:
            for _ in range(DROP_ARGS[name]):
                self.raw_arg()
            return "", False
        if name in DROP:
            return "", False
        # Unknown: keep the name, and show any argument groups that follow it directly.
        parts = [name]
        while self.i < self.n and self.toks[self.i] == OPEN:
            self.i += 1
            parts.append("{" + self.flatten(self.group()) + "}")
        return "".join(parts), True

    # -- two-dimensional pieces --------------------------------------------------------

    def compose(self, text: str) -> Box:
        """One line of text with box placeholders in it, as a box."""
        parts: list[Box] = []
        start = 0
        for match in PLACEHOLDER_RE.finditer(text):
            if match.start() > start:
                parts.append(Box((text[start : match.start()],)))
            parts.append(self.boxes[ord(match.group()) - BOX_BASE])
            start = match.end()
        if start < len(text) or not parts:
            parts.append(Box((text[start:],)))
        return hconcat(parts)

    def _accent(self, name: str) -> str:
        body = squash(self.arg())
        flat = accent(body, name)
        if not body:
            return flat
        wide = name in _WIDE and not is_single_symbol(body)
        if self.display and (wide or has_accent(body)):  # a long bar, or accents stacked on one letter
            row = accent_row(name, cell_width(body))
            box = with_row_below(body, row) if name in BELOW else with_row_above(body, row)
            return self.place(box, flat)
        return flat

    def _limits(self, operator: str) -> str:
        """``\\sum_{i=1}^{n}`` in display math: the limits centred below and above the operator."""
        limits: dict[str, str] = {}
        for _ in range(4):
            start = self.i
            token = self.peek()
            if token in ((CMD, "limits"), (CMD, "nolimits")):
                self.i += 1
            elif token in ((CH, "_"), (CH, "^")) and token[1] not in limits:
                self.i += 1
                limits[token[1]] = squash(self.arg())
            else:
                self.i = start  # the space after the operator is the formula's own
                break
        below, above = limits.get("_", ""), limits.get("^", "")
        if not below and not above:
            return operator
        flat = operator
        for mark in "_^":
            if limits.get(mark):
                # Counted for the formula's one script style: this form shows wherever the box cannot.
                text, used_mark = script_text(limits[mark], mark, self.unicode[mark])
                self.used_mark[mark] |= used_mark
                flat += text
        rows = ([above] if above else []) + [operator] + ([below] if below else [])
        return self.place(Box.of(rows, 1 if above else 0, "c"), flat)

    def _brace(self, under: bool) -> str:
        """``\\underbrace{x}_{label}``: the label set apart under (or over) a brace, not a subscript."""
        body = squash(self.arg())
        label = self.script_after("_" if under else "^")
        if not label or not label.strip():
            return body
        label = squash(label)
        box = under_brace(body, label) if under else over_brace(body, label)
        return self.place(box, f"{body}「{label}」")

    def _left_right(self) -> str:
        opening = self.delimiter()
        saved = self.with_stops(frozenset({RIGHT}))
        inner = self.seq()
        self.stops = saved
        closing = ""
        if self.i < self.n and self.toks[self.i] == RIGHT:
            self.i += 1
            closing = self.delimiter()
        flat = opening + self.flatten(inner).strip() + closing
        if self.display and PLACEHOLDER_RE.search(inner):
            return self.place(delimited(self.compose(tidy(inner)), opening, closing), flat)
        return opening + inner.strip() + closing

    def _environment(self, name: str) -> str:
        base = name.rstrip("*")
        spec = ""
        if base in ("array", "darray", "subarray", "alignat", "alignedat", "tabular"):
            spec = self.raw_arg()  # the column spec / column count
        saved = self.with_stops(frozenset({AMP, ROWSEP, END}))
        rows: list[list[str]] = []
        row: list[str] = []
        while True:
            row.append(self.seq())
            if self.i >= self.n:
                break
            tok = self.toks[self.i]
            if tok == AMP:
                self.i += 1
            elif tok == ROWSEP:
                self.i += 1
                self.optional_arg()
                rows.append(row)
                row = []
            elif tok == END:
                self.i += 1
                self.raw_arg()
                break
            else:  # an enclosing construct's terminator: leave it to the caller
                break
        self.stops = saved
        rows.append(row)
        while len(rows) > 1 and not "".join(rows[-1]).strip():
            rows.pop()  # a trailing \\ before \end

        if base in MATRIX_BRACKETS or base in CASES:
            cells = [[tidy(self.flatten(c)) for c in r] for r in rows]
            if base in CASES:
                opening, closing = ("", "}") if base == "rcases" else ("{", "")
                flat = "{" + "; ".join(", ".join(c for c in r if c) for r in cells) + "}"
                table = grid(cells, "l")
            else:
                opening, closing = MATRIX_BRACKETS[base]
                flat = opening + "; ".join(", ".join(r) for r in cells) + closing
                aligns = "".join(c for c in spec if c in "lcr") or "c"
                if base in _ARRAYS:  # an array has no brackets of its own (\left[ ... \right] adds them)
                    opening = closing = ""
                table = grid(cells, aligns)
            return self.place(delimited(table, opening, closing), flat)
        if base in ROWS:
            return "\n".join(squash("".join(r)) for r in rows)
        return "\n".join(squash(" ".join(r)) for r in rows)
