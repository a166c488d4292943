"""Text-level helpers of the converter: spacing, sub/superscripts, fraction parts, roots and accents."""

from __future__ import annotations

import re
import unicodedata

from .tables import ACCENTS, CLOSE_BRACKETS, OPEN_BRACKETS, OPERATOR_CHARS, SCRIPT_CHARS, SUB, SUP, SUP_AS_IS

SPACES_RE = re.compile(r"[ \t\r\f\v]+")
# \quad and \qquad become runs of this placeholder, so that collapsing the source's
# spaces leaves them as a wider gap (2 and 4 spaces) between the parts of a formula.
QUAD = "\ue000"
QUAD_RE = re.compile(" ?(\ue000+) ?")
# Source spaces just inside brackets and bars are layout, not meaning: "( x )" -> "(x)".
_INNER_SPACE_RE = re.compile(r"(?<=[(\[{⟨⌊⌈]) | (?=[)\]}⟩⌋⌉])")


def squash(text: str) -> str:
    return SPACES_RE.sub(" ", text).strip()


def _tighten_bars(line: str, bar: str) -> str:
    """ "| x | + | y |" -> "|x| + |y|": only when the bars pair up ("P(A | B)" stays)."""
    count = line.count(bar)
    if count < 2 or count % 2:
        return line
    parts = line.split(bar)
    for index in range(1, len(parts), 2):  # the text inside each pair
        parts[index] = parts[index].strip(" ")
    return bar.join(parts)


def tidy(line: str, keep_quads: bool = False) -> str:
    """One output line with single spaces; ``\\quad`` gaps become spaces unless ``keep_quads``."""
    line = squash(line)
    if " " in line:
        line = _INNER_SPACE_RE.sub("", line)
        line = _tighten_bars(_tighten_bars(line, "|"), "‖")
    if QUAD in line and not keep_quads:
        line = QUAD_RE.sub(lambda m: " " * len(m.group(1)), line).strip()
    return line


def is_word(text: str) -> bool:
    return bool(text) and all(c.isalnum() and c not in SCRIPT_CHARS for c in text)


def script_text(arg: str, mark: str, unicode_ok: bool) -> tuple[str, bool]:
    """A subscript (``mark`` "_") or superscript ("^") -> (text, whether it had to use ``mark``).

    With ``unicode_ok`` the script is written in Unicode sub/superscript letters when every
    character has one; otherwise, and always without ``unicode_ok``, as ``_i``, ``_(i,j)``.
    """
    text = squash(arg.replace("\n", " "))
    if not text:
        return "", False
    compact = text.replace(" ", "")
    table = SUP if mark == "^" else SUB
    if mark == "^" and all(c in SUP_AS_IS for c in compact):
        return compact, False  # x^* is x*, f^\prime is f′: no style to choose
    if unicode_ok and all(c in table for c in compact):
        return "".join(table[c] for c in compact), False
    if len(text) == 1 or is_word(text) or is_bracketed(text):
        return mark + text, True
    return f"{mark}({text})", True


def is_bracketed(text: str) -> bool:
    """True for "(...)" whose first parenthesis closes at the very end."""
    if len(text) < 2 or text[0] != "(" or text[-1] != ")":
        return False
    depth = 0
    for index, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return index == len(text) - 1
    return False


def needs_parentheses(text: str) -> bool:
    """True when ``text`` has an operator or a space outside any brackets."""
    depth = 0
    for c in text:
        if c in OPEN_BRACKETS:
            depth += 1
        elif c in CLOSE_BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and c in OPERATOR_CHARS:
            return True
    return False


def numerator(part: str) -> str:
    """A numerator keeps its own grouping: ``(a + b)/c``; a product ``QKᵀ/c`` reads left to right."""
    part = squash(part)
    return f"({part})" if needs_parentheses(part) and not is_bracketed(part) else part


def denominator(part: str, atoms: int) -> str:
    """A denominator of more than one factor is bracketed: ``1/(Tpᵢ)``, not ``1/Tpᵢ``."""
    part = squash(part)
    if is_bracketed(part):
        return part
    return f"({part})" if atoms > 1 or needs_parentheses(part) else part


def is_single_symbol(text: str) -> bool:
    """A number, or one letter followed only by scripts, primes and combining marks."""
    if not text:
        return False
    if text.replace(".", "", 1).isdigit() and text.isascii():
        return True
    return text[0].isalpha() and all(c in SCRIPT_CHARS or unicodedata.combining(c) for c in text[1:])


def root(radicand: str, index: str | None) -> str:
    radicand = squash(radicand)
    simple = is_single_symbol(radicand) or is_bracketed(radicand)
    body = radicand if simple else f"({radicand})"
    index = squash(index or "")
    if not index or index == "2":
        return "√" + body
    if index == "3":
        return "∛" + body
    if index == "4":
        return "∜" + body
    if all(c in SUP for c in index):
        return "".join(SUP[c] for c in index) + "√" + body
    return f"root({index}, {radicand})"


def has_accent(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


def accent(text: str, name: str) -> str:
    """The accent as combining marks: on the letter of a single symbol, or on each letter and digit
    before any sub/superscript (``\\hat{W_Q}`` is ``Ŵ_Q``)."""
    mark = ACCENTS[name]
    text = squash(text)
    if not text:
        return name  # a dangling accent: keep its name rather than lose it
    # NFC so that x̂, ỹ, ä... become single precomposed characters where Unicode has them:
    # terminals draw those more reliably than a letter plus a combining mark.
    if is_single_symbol(text) and text[0].isalpha():
        return unicodedata.normalize("NFC", text[0] + mark) + text[1:]
    cut = min((i for i in (text.find("_"), text.find("^")) if i > 0), default=len(text))
    head, tail = text[:cut], text[cut:]
    marked = "".join(c + mark if c.isalnum() and c not in SCRIPT_CHARS else c for c in head)
    return unicodedata.normalize("NFC", marked) + tail


# Accents drawn as a row of their own above (or below) a formula in display math.
_ROW_MARKS = {
    "hat": "^",
    "widehat": "^",
    "tilde": "~",
    "widetilde": "~",
    "dot": "·",
    "ddot": "¨",
    "dddot": "⋯",
    "check": "ˇ",
    "breve": "˘",
    "acute": "´",
    "grave": "`",
    "mathring": "°",
}
_SPANNING = {"overline": "_", "bar": "_", "underline": "‾", "underbar": "‾", "utilde": "~"}
BELOW = frozenset({"underline", "underbar", "utilde"})


def accent_row(name: str, width: int) -> str:
    """The accent drawn as its own row over ``width`` cells (for display math)."""
    if name in _SPANNING:
        return _SPANNING[name] * max(width, 1)
    if name in ("vec", "overrightarrow"):
        return "─" * max(width - 1, 0) + "→"
    if name == "overleftarrow":
        return "←" + "─" * max(width - 1, 0)
    return _ROW_MARKS.get(name, "^")
