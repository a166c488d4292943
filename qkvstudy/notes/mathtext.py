"""Readable Unicode for the LaTeX math in notes.

Textual's Markdown widget shows ``$...$`` literally, and Markdown's backslash escapes eat
``\\,`` and friends, so the math is converted *before* the text reaches a Markdown parser:

* :func:`latex_to_unicode` turns one formula body (no ``$`` delimiters) into plain Unicode:
  ``\\frac{QK^T}{\\sqrt{d_k}}`` -> ``QKᵀ/√dₖ``.  It never raises and never silently drops
  content: an unknown command loses only its backslash.
* :func:`render_math` finds the math in a Markdown document and replaces it.  Inline math
  becomes Markdown-escaped text (so ``W_Q`` is not emphasis); display math becomes a
  ```` ```text ```` fence of its own.  Fenced code blocks, inline code spans and a leading
  YAML front-matter block are left byte-for-byte alone, and so is every byte outside the
  math.

Why a fence for display math: in Textual's Markdown widget it renders as a padded block
set apart from the prose (like a displayed equation), needs no escaping, keeps the rows of
``aligned``/``gather`` on their own lines, interrupts a paragraph without needing blank
lines (so tight lists stay tight) and ends cleanly, where a ``>`` quote would look exactly
like the author's own quotes and would swallow the next line as a lazy continuation.
Textual does not wrap fence lines; the TUI stylesheet can, with
``MarkdownFence { overflow-x: hidden; } MarkdownFence > Label { width: 1fr; text-wrap: wrap; }``.

Limits, on purpose: math is found by pandoc's rules (``$`` followed by a non-space, closed
by a ``$`` after a non-space and not before a digit; inline math stays on one line; display
math does not cross a blank line).  Fences are found line by line, generously (any
indentation, ``>`` and list markers before them; an unclosed fence runs to the end), so
that code is never converted; indented (4-space) code blocks are not recognised.

Pure Python, no dependencies; the core never imports Textual.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["latex_to_unicode", "render_math"]

# --------------------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------------------

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "varkappa": "ϰ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "omicron": "ο",
    "pi": "π",
    "varpi": "ϖ",
    "rho": "ρ",
    "varrho": "ϱ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "ϕ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "varGamma": "Γ",
    "varDelta": "Δ",
    "varTheta": "Θ",
    "varLambda": "Λ",
    "varXi": "Ξ",
    "varPi": "Π",
    "varSigma": "Σ",
    "varUpsilon": "Υ",
    "varPhi": "Φ",
    "varPsi": "Ψ",
    "varOmega": "Ω",
}

_SYMBOLS = {
    **_GREEK,
    # binary operators
    "cdot": "·",
    "times": "×",
    "div": "÷",
    "pm": "±",
    "mp": "∓",
    "ast": "∗",
    "star": "⋆",
    "circ": "∘",
    "bullet": "•",
    "odot": "⊙",
    "oplus": "⊕",
    "ominus": "⊖",
    "otimes": "⊗",
    "oslash": "⊘",
    "cup": "∪",
    "cap": "∩",
    "sqcup": "⊔",
    "sqcap": "⊓",
    "setminus": "∖",
    "wedge": "∧",
    "land": "∧",
    "vee": "∨",
    "lor": "∨",
    "dagger": "†",
    "ddagger": "‡",
    "amalg": "⨿",
    "uplus": "⊎",
    "wr": "≀",
    "diamond": "⋄",
    "bigtriangleup": "△",
    "bigtriangledown": "▽",
    "triangleleft": "◁",
    "triangleright": "▷",
    "centerdot": "·",
    "cdotp": "·",
    "ldotp": ".",
    # relations
    "lt": "<",
    "gt": ">",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "leqslant": "⩽",
    "geqslant": "⩾",
    "leqq": "≦",
    "geqq": "≧",
    "approx": "≈",
    "approxeq": "≊",
    "sim": "∼",
    "simeq": "≃",
    "cong": "≅",
    "equiv": "≡",
    "propto": "∝",
    "ll": "≪",
    "gg": "≫",
    "prec": "≺",
    "succ": "≻",
    "preceq": "⪯",
    "succeq": "⪰",
    "in": "∈",
    "notin": "∉",
    "ni": "∋",
    "subset": "⊂",
    "supset": "⊃",
    "subseteq": "⊆",
    "supseteq": "⊇",
    "subsetneq": "⊊",
    "supsetneq": "⊋",
    "sqsubseteq": "⊑",
    "sqsupseteq": "⊒",
    "perp": "⊥",
    "parallel": "∥",
    "mid": "∣",
    "nmid": "∤",
    "vdash": "⊢",
    "dashv": "⊣",
    "models": "⊨",
    "asymp": "≍",
    "doteq": "≐",
    "triangleq": "≜",
    "coloneqq": "≔",
    "eqqcolon": "≕",
    "coloneq": "≔",
    "lesssim": "≲",
    "gtrsim": "≳",
    "nleq": "≰",
    "ngeq": "≱",
    "nsim": "≁",
    "ncong": "≇",
    "nsubseteq": "⊈",
    "nsupseteq": "⊉",
    "bowtie": "⋈",
    "smile": "⌣",
    "frown": "⌢",
    # arrows
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "gets": "←",
    "leftrightarrow": "↔",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "Leftrightarrow": "⇔",
    "longrightarrow": "⟶",
    "longleftarrow": "⟵",
    "longleftrightarrow": "⟷",
    "Longrightarrow": "⟹",
    "Longleftarrow": "⟸",
    "Longleftrightarrow": "⟺",
    "implies": "⟹",
    "impliedby": "⟸",
    "iff": "⟺",
    "mapsto": "↦",
    "longmapsto": "⟼",
    "uparrow": "↑",
    "downarrow": "↓",
    "updownarrow": "↕",
    "Uparrow": "⇑",
    "Downarrow": "⇓",
    "nearrow": "↗",
    "searrow": "↘",
    "swarrow": "↙",
    "nwarrow": "↖",
    "hookrightarrow": "↪",
    "hookleftarrow": "↩",
    "rightharpoonup": "⇀",
    "leftharpoonup": "↼",
    "rightleftharpoons": "⇌",
    "leadsto": "⇝",
    # big operators
    "sum": "∑",
    "prod": "∏",
    "coprod": "∐",
    "int": "∫",
    "iint": "∬",
    "iiint": "∭",
    "oint": "∮",
    "bigcup": "⋃",
    "bigcap": "⋂",
    "bigvee": "⋁",
    "bigwedge": "⋀",
    "bigoplus": "⨁",
    "bigotimes": "⨂",
    "bigodot": "⨀",
    "biguplus": "⨄",
    "bigsqcup": "⨆",
    # miscellaneous
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "forall": "∀",
    "exists": "∃",
    "nexists": "∄",
    "emptyset": "∅",
    "varnothing": "∅",
    "neg": "¬",
    "lnot": "¬",
    "top": "⊤",
    "bot": "⊥",
    "intercal": "ᵀ",
    "angle": "∠",
    "triangle": "△",
    "square": "□",
    "Box": "□",
    "blacksquare": "■",
    "Diamond": "◇",
    "prime": "′",
    "backprime": "‵",
    "degree": "°",
    "ell": "ℓ",
    "hbar": "ℏ",
    "hslash": "ℏ",
    "imath": "ı",
    "jmath": "ȷ",
    "Re": "ℜ",
    "Im": "ℑ",
    "wp": "℘",
    "aleph": "ℵ",
    "beth": "ℶ",
    "surd": "√",
    "checkmark": "✓",
    "therefore": "∴",
    "because": "∵",
    "clubsuit": "♣",
    "diamondsuit": "♢",
    "heartsuit": "♡",
    "spadesuit": "♠",
    "flat": "♭",
    "natural": "♮",
    "sharp": "♯",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "dag": "†",
    "ddag": "‡",
    "cdots": "⋯",
    "ldots": "…",
    "dots": "…",
    "dotsc": "…",
    "dotsb": "⋯",
    "dotsm": "⋯",
    "dotsi": "⋯",
    "dotso": "…",
    "vdots": "⋮",
    "ddots": "⋱",
    "iddots": "⋰",
    "colon": ":",
    "vert": "|",
    "Vert": "‖",
    "lvert": "|",
    "rvert": "|",
    "lVert": "‖",
    "rVert": "‖",
    "langle": "⟨",
    "rangle": "⟩",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "lbrace": "{",
    "rbrace": "}",
    "lbrack": "[",
    "rbrack": "]",
    "backslash": "\\",
    "textbackslash": "\\",
    "ulcorner": "⌜",
    "urcorner": "⌝",
    "llcorner": "⌞",
    "lrcorner": "⌟",
    "textasciitilde": "~",
    "textunderscore": "_",
    "textdollar": "$",
    "textendash": "–",
    "textemdash": "—",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textasciicircum": "^",
    "sphericalangle": "∢",
    "measuredangle": "∡",
    "complement": "∁",
    "mho": "℧",
    "eth": "ð",
    "bigstar": "★",
    "lozenge": "◊",
    "blacklozenge": "⧫",
    "circledast": "⊛",
    "circledcirc": "⊚",
    "boxplus": "⊞",
    "boxtimes": "⊠",
    "boxdot": "⊡",
    "ltimes": "⋉",
    "rtimes": "⋊",
    # spacing (\quad keeps a visible gap: see _QUAD)
    "quad": "\ue000\ue000",
    "qquad": "\ue000" * 4,
    "enspace": " ",
    "thinspace": " ",
    "medspace": " ",
    "thickspace": " ",
    "space": " ",
    "nobreakspace": " ",
    "negthinspace": "",
    "negmedspace": "",
    "negthickspace": "",
    "newline": "\n",
    "cr": "\n",
    "break": "\n",
    "linebreak": "\n",
}

# Commands that only change size, style or numbering: dropped.
_DROP = frozenset(
    [
        "displaystyle",
        "textstyle",
        "scriptstyle",
        "scriptscriptstyle",
        "limits",
        "nolimits",
        "nonumber",
        "notag",
        "hline",
        "cline",
        "toprule",
        "midrule",
        "bottomrule",
        "strut",
        "mathstrut",
        "relax",
        "allowbreak",
        "nobreak",
        "rm",
        "bf",
        "it",
        "sf",
        "tt",
        "cal",
        "normalfont",
        "boldmath",
        "unboldmath",
        "tiny",
        "small",
        "normalsize",
        "large",
        "Large",
        "LARGE",
        "huge",
        "Huge",
        "centering",
        "raggedright",
    ]
)
# Sizing commands whose following delimiter should still be shown.
_SIZING = frozenset(
    [
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "biggl",
        "biggr",
        "Biggl",
        "Biggr",
        "bigm",
        "Bigm",
        "biggm",
        "Biggm",
        "middle",
    ]
)

# Commands whose one argument is shown as is (font, text and decoration wrappers).
_CONTENT = frozenset(
    [
        "mathrm",
        "mathbf",
        "mathit",
        "mathsf",
        "mathtt",
        "mathcal",
        "mathscr",
        "mathfrak",
        "mathnormal",
        "boldsymbol",
        "bm",
        "pmb",
        "text",
        "textrm",
        "textbf",
        "textit",
        "textsf",
        "texttt",
        "textnormal",
        "textup",
        "textsl",
        "emph",
        "mbox",
        "hbox",
        "fbox",
        "boxed",
        "mathop",
        "mathbin",
        "mathrel",
        "mathord",
        "mathpunct",
        "mathinner",
        "mathopen",
        "mathclose",
        "underbrace",
        "overbrace",
        "ensuremath",
        "smash",
        "cancel",
        "bcancel",
        "xcancel",
        "sout",
        "textsc",
    ]
)

# Commands whose arguments are dropped entirely (colour names, labels, lengths).
_DROP_ARGS = {"label": 1, "color": 1, "vspace": 1, "vphantom": 1, "setlength": 2, "rule": 2}

_FUNCTIONS = frozenset(
    [
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "arcsin",
        "arccos",
        "arctan",
        "arccot",
        "sinh",
        "cosh",
        "tanh",
        "coth",
        "sech",
        "csch",
        "log",
        "ln",
        "lg",
        "exp",
        "max",
        "min",
        "sup",
        "inf",
        "lim",
        "liminf",
        "limsup",
        "arg",
        "det",
        "dim",
        "ker",
        "deg",
        "gcd",
        "lcm",
        "hom",
        "Pr",
        "argmax",
        "argmin",
        "softmax",
        "sgn",
        "sign",
        "tr",
        "Tr",
        "rank",
        "diag",
        "var",
        "Var",
        "cov",
        "Cov",
        "mod",
        "bmod",
        "trace",
        "erf",
        "relu",
        "ReLU",
    ]
)

_ACCENTS = {
    "hat": "\u0302",
    "widehat": "\u0302",
    "tilde": "\u0303",
    "widetilde": "\u0303",
    "bar": "\u0304",
    "overline": "\u0305",
    "vec": "\u20d7",
    "overrightarrow": "\u20d7",
    "overleftarrow": "\u20d6",
    "dot": "\u0307",
    "ddot": "\u0308",
    "dddot": "\u20db",
    "check": "\u030c",
    "breve": "\u0306",
    "acute": "\u0301",
    "grave": "\u0300",
    "mathring": "\u030a",
    "underline": "\u0332",
    "underbar": "\u0332",
    "utilde": "\u0330",
}

# Only the double-struck letters in the Basic Multilingual Plane: the rest render
# unreliably in terminals, so \mathbb{E} stays E.
_DOUBLE_STRUCK = {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}

_NEGATED = {
    "=": "≠",
    "∈": "∉",
    "<": "≮",
    ">": "≯",
    "≤": "≰",
    "≥": "≱",
    "⊂": "⊄",
    "⊃": "⊅",
    "⊆": "⊈",
    "⊇": "⊉",
    "≡": "≢",
    "∼": "≁",
    "≈": "≉",
    "∣": "∤",
    "|": "∤",
    "∃": "∄",
    "≅": "≇",
    "∋": "∌",
}

_SUP = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ∙−⊤∘",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ˙⁻ᵀ°",
    )
)
_SUB = dict(
    zip(
        "0123456789+-=()aehijklmnoprstuvxβγρφχ−",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ₋",
    )
)
# Superscripts that read best written on the line: x^* is x*, f^\prime is f′.
_SUP_AS_IS = frozenset("*∗′″‴†‡°")
_SCRIPT_CHARS = frozenset(_SUP.values()) | frozenset(_SUB.values()) | _SUP_AS_IS

_MATRIX_BRACKETS = {
    "matrix": ("[", "]"),
    "smallmatrix": ("[", "]"),
    "array": ("[", "]"),
    "pmatrix": ("(", ")"),
    "bmatrix": ("[", "]"),
    "Bmatrix": ("{", "}"),
    "vmatrix": ("|", "|"),
    "Vmatrix": ("‖", "‖"),
    "psmallmatrix": ("(", ")"),
    "bsmallmatrix": ("[", "]"),
}
_CASES = frozenset({"cases", "dcases", "rcases"})
_ROWS = frozenset(
    {
        "align",
        "aligned",
        "alignat",
        "alignedat",
        "gather",
        "gathered",
        "split",
        "eqnarray",
        "multline",
        "flalign",
        "subequations",
        "equation",
        "displaymath",
        "math",
        "darray",
    }
)

_DELIMITERS = {
    "(": "(",
    ")": ")",
    "[": "[",
    "]": "]",
    "|": "|",
    "/": "/",
    ".": "",
    "<": "⟨",
    ">": "⟩",
    "\\{": "{",
    "\\}": "}",
    "\\|": "‖",
    "\\lbrace": "{",
    "\\rbrace": "}",
    "\\langle": "⟨",
    "\\rangle": "⟩",
    "\\lvert": "|",
    "\\rvert": "|",
    "\\vert": "|",
    "\\lVert": "‖",
    "\\rVert": "‖",
    "\\Vert": "‖",
    "\\lfloor": "⌊",
    "\\rfloor": "⌋",
    "\\lceil": "⌈",
    "\\rceil": "⌉",
    "\\lbrack": "[",
    "\\rbrack": "]",
    "\\backslash": "\\",
    "\\uparrow": "↑",
    "\\downarrow": "↓",
    "\\updownarrow": "↕",
    "\\Uparrow": "⇑",
    "\\Downarrow": "⇓",
    "\\ulcorner": "⌜",
    "\\urcorner": "⌝",
    "\\mid": "|",
}

# Characters that, outside brackets, make a fraction part or a root need parentheses.
_OPERATOR_CHARS = frozenset(" +-−=<>/·×÷±∓,;:|∣∈∉∋⊂⊃⊆⊇→←↔⇒⇐⇔⟹⟸⟺↦≤≥≠≈≡∼≃≅∝≪≫∧∨∩∪∘⊙⊗⊕∗*∖\n\ue000")
_OPEN_BRACKETS = "([{⟨⌊⌈"
# \lvert x \rvert: the spaces inside unambiguous bars are dropped while parsing.
_OPENING_BARS = frozenset({"lvert", "lVert"})
_CLOSING_BARS = frozenset({"rvert", "rVert"})
_CLOSE_BRACKETS = ")]}⟩⌋⌉"

# --------------------------------------------------------------------------------------
# The LaTeX parser
# --------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\\([A-Za-z]+)|\\([^A-Za-z])|(\s+)|(.)", re.S)
_CMD, _SYM, _WS, _CH = 1, 2, 3, 4

_OPEN = (_CH, "{")
_CLOSE = (_CH, "}")
_AMP = (_CH, "&")
_ROWSEP = (_SYM, "\\")
_RIGHT = (_CMD, "right")
_END = (_CMD, "end")
_RBRACKET = (_CH, "]")

_MAX_DEPTH = 40  # deeper nesting is shown flat instead of recursing


class _Parser:
    """A small recursive-descent reader over LaTeX tokens producing plain Unicode."""

    __slots__ = ("toks", "i", "n", "stops", "depth")

    def __init__(self, tex: str) -> None:
        self.toks = [(m.lastindex, m.group(m.lastindex)) for m in _TOKEN_RE.finditer(tex)]
        self.i = 0
        self.n = len(self.toks)
        self.stops: frozenset = frozenset()
        self.depth = 0

    # -- sequences ---------------------------------------------------------------------

    def seq(self) -> str:
        """Read atoms until a stop token (left unconsumed) or the end."""
        if self.depth >= _MAX_DEPTH:
            return self._flat()
        self.depth += 1
        out: list[str] = []
        after_function = False
        toks, stops = self.toks, self.stops
        while self.i < self.n:
            tok = toks[self.i]
            if tok in stops:
                break
            self.i += 1
            kind, val = tok
            is_function = False
            if kind == _WS:
                out.append(" ")
                after_function = False
                continue
            if kind == _CH:
                if val == "^" or val == "_":
                    while out and out[-1] == " ":
                        out.pop()
                    out.append(self._script(val))
                    continue
                if val == "{":
                    piece = self._group()
                elif val == "~" or val == "&":
                    piece = " "
                elif val == "'":
                    piece = "′"
                else:
                    piece = val
            elif kind == _SYM:
                piece = self._control_symbol(val)
            else:
                piece, is_function = self._command(val)
                if val in _OPENING_BARS:
                    self._skip_ws()
                elif val in _CLOSING_BARS:
                    while out and out[-1] == " ":
                        out.pop()
            if after_function and piece[:1].isalnum():
                out.append(" ")
            after_function = is_function
            out.append(piece)
        self.depth -= 1
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
            if tok == _OPEN:
                nesting += 1
            elif tok == _CLOSE and nesting:
                nesting -= 1
            elif kind == _CMD:
                out.append(_SYMBOLS.get(val, val))
            elif kind == _SYM:  # no \\[...] look-ahead here: that would recurse again
                out.append("\n" if val == "\\" else self._control_symbol(val))
            else:
                out.append(" " if kind == _WS else val)
        return "".join(out)

    def _with_stops(self, extra: frozenset) -> frozenset:
        saved = self.stops
        self.stops = saved | extra
        return saved

    def _group(self) -> str:
        """The inside of ``{...}``; the opening brace is already consumed."""
        saved = self._with_stops(frozenset({_CLOSE}))
        text = self.seq()
        self.stops = saved
        if self.i < self.n and self.toks[self.i] == _CLOSE:
            self.i += 1
        return text

    def _skip_ws(self) -> None:
        while self.i < self.n and self.toks[self.i][0] == _WS:
            self.i += 1

    def _arg(self) -> str:
        """One macro argument: a group or a single token, converted."""
        self._skip_ws()
        if self.i >= self.n or self.toks[self.i] in self.stops:
            return ""
        kind, val = self.toks[self.i]
        self.i += 1
        if kind == _CH:
            if val == "{":
                return self._group()
            return "′" if val == "'" else val
        if kind == _SYM:
            return self._control_symbol(val)
        if self.depth >= _MAX_DEPTH:
            return _SYMBOLS.get(val, val)
        self.depth += 1
        text = self._command(val)[0]
        self.depth -= 1
        return text

    def _raw_arg(self) -> str:
        """An argument taken literally, e.g. an environment name or a colour."""
        self._skip_ws()
        if self.i < self.n and self.toks[self.i] == _OPEN:
            self.i += 1
            out = []
            while self.i < self.n and self.toks[self.i] != _CLOSE:
                kind, val = self.toks[self.i]
                out.append("\\" + val if kind in (_CMD, _SYM) else val)
                self.i += 1
            self.i += 1
            return "".join(out).strip()
        if self.i < self.n and self.toks[self.i] not in self.stops:
            self.i += 1
            return self.toks[self.i - 1][1]
        return ""

    def _optional_arg(self) -> str | None:
        self._skip_ws()
        if self.i < self.n and self.toks[self.i] == (_CH, "["):
            self.i += 1
            saved = self._with_stops(frozenset({_RBRACKET}))
            text = self.seq()
            self.stops = saved
            if self.i < self.n and self.toks[self.i] == _RBRACKET:
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
            self._optional_arg()  # \\[2pt]
            return "\n"
        if val == "|":
            return "‖"
        return val  # \{ \} \_ \& \% \# \$ and anything else: the character itself

    def _script(self, mark: str) -> str:
        arg = self._arg()
        return _superscript(arg) if mark == "^" else _subscript(arg)

    def _delimiter(self) -> str:
        self._skip_ws()
        if self.i >= self.n:
            return ""
        kind, val = self.toks[self.i]
        if kind == _WS or (kind, val) in self.stops:
            return ""
        self.i += 1
        key = val if kind == _CH else "\\" + val
        if key in _DELIMITERS:
            return _DELIMITERS[key]
        if kind == _CMD:
            return _SYMBOLS.get(val, val)
        return val

    def _command(self, name: str) -> tuple[str, bool]:
        """Convert one control word; returns (text, reads like a function name)."""
        if name in _SYMBOLS:
            return _SYMBOLS[name], False
        if name in _FUNCTIONS:
            return name, True
        if name in _CONTENT:
            return self._arg(), False
        if name == "operatorname":
            if self.i < self.n and self.toks[self.i] == (_CH, "*"):
                self.i += 1
            return self._arg(), True
        if name in _ACCENTS:
            return _accent(self._arg(), name), False
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            num = self._arg()
            den = self._arg()
            return f"{_parenthesise(num)}/{_parenthesise(den)}", False
        if name in ("binom", "dbinom", "tbinom"):
            n = self._arg()
            k = self._arg()
            return f"C({n.strip()}, {k.strip()})", False
        if name == "sqrt":
            index = self._optional_arg()
            return _root(self._arg(), index), False
        if name == "left":
            return self._left_right(), False
        if name in _SIZING:
            return self._delimiter(), False
        if name == "right":  # stray \right: show its delimiter
            return self._delimiter(), False
        if name == "begin":
            return self._environment(self._raw_arg()), False
        if name == "end":  # stray \end{...}
            self._raw_arg()
            return "", False
        if name == "not":
            target = self._arg()
            return _NEGATED.get(target, target + "\u0338" if target else ""), False
        if name in ("overset", "stackrel"):
            over = self._arg()
            return self._arg() + _superscript(over), False
        if name == "underset":
            under = self._arg()
            return self._arg() + _subscript(under), False
        if name == "pmod":
            return f"(mod {self._arg().strip()})", False
        if name == "tag":
            if self.i < self.n and self.toks[self.i] == (_CH, "*"):
                self.i += 1
            return f"({self._arg().strip()})", False
        if name in ("textcolor", "colorbox"):
            self._raw_arg()
            return self._arg(), False
        if name in ("hspace", "hskip", "kern", "mkern", "mskip", "phantom", "hphantom"):
            self._raw_arg()
            return " ", False
        if name in _DROP_ARGS:
            for _ in range(_DROP_ARGS[name]):
                self._raw_arg()
            return "", False
        if name in _DROP:
            return "", False
        if name == "mathbb" or name == "Bbb":
            return "".join(_DOUBLE_STRUCK.get(c, c) for c in self._arg()), False
        # Unknown: keep the name, and show any argument groups that follow it directly.
        parts = [name]
        while self.i < self.n and self.toks[self.i] == _OPEN:
            self.i += 1
            parts.append("{" + self._group() + "}")
        return "".join(parts), True

    def _left_right(self) -> str:
        opening = self._delimiter()
        saved = self._with_stops(frozenset({_RIGHT}))
        inner = self.seq()
        self.stops = saved
        closing = ""
        if self.i < self.n and self.toks[self.i] == _RIGHT:
            self.i += 1
            closing = self._delimiter()
        return opening + inner.strip() + closing

    def _environment(self, name: str) -> str:
        base = name.rstrip("*")
        if base in ("array", "darray", "subarray", "alignat", "alignedat", "tabular"):
            self._raw_arg()  # the column spec / column count
        saved = self._with_stops(frozenset({_AMP, _ROWSEP, _END}))
        rows: list[list[str]] = []
        row: list[str] = []
        while True:
            row.append(self.seq())
            if self.i >= self.n:
                break
            tok = self.toks[self.i]
            if tok == _AMP:
                self.i += 1
            elif tok == _ROWSEP:
                self.i += 1
                self._optional_arg()
                rows.append(row)
                row = []
            elif tok == _END:
                self.i += 1
                self._raw_arg()
                break
            else:  # an enclosing construct's terminator: leave it to the caller
                break
        self.stops = saved
        rows.append(row)
        while len(rows) > 1 and not "".join(rows[-1]).strip():
            rows.pop()  # a trailing \\ before \end

        if base in _MATRIX_BRACKETS:
            opening, closing = _MATRIX_BRACKETS[base]
            body = "; ".join(", ".join(_squash(c) for c in r) for r in rows)
            return f"{opening}{body}{closing}"
        if base in _CASES:
            body = "; ".join(", ".join(c for c in map(_squash, r) if c) for r in rows)
            return "{" + body + ("}" if base != "rcases" else "")
        if base in _ROWS:
            return "\n".join(_squash("".join(r)) for r in rows)
        return "\n".join(_squash(" ".join(r)) for r in rows)


# --------------------------------------------------------------------------------------
# Helpers for scripts, fractions, roots and accents
# --------------------------------------------------------------------------------------

_SPACES_RE = re.compile(r"[ \t\r\f\v]+")
# \quad and \qquad become runs of this placeholder, so that collapsing the source's
# spaces leaves them as a wider gap (2 and 4 spaces) between the parts of a formula.
_QUAD = "\ue000"
_QUAD_RE = re.compile(" ?(\ue000+) ?")
# Source spaces just inside brackets and bars are layout, not meaning: "( x )" -> "(x)".
_INNER_SPACE_RE = re.compile(r"(?<=[(\[{⟨⌊⌈]) | (?=[)\]}⟩⌋⌉])")


def _squash(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def _tighten_bars(line: str, bar: str) -> str:
    """ "| x | + | y |" -> "|x| + |y|": only when the bars pair up ("P(A | B)" stays)."""
    count = line.count(bar)
    if count < 2 or count % 2:
        return line
    parts = line.split(bar)
    for index in range(1, len(parts), 2):  # the text inside each pair
        parts[index] = parts[index].strip(" ")
    return bar.join(parts)


def _tidy(line: str) -> str:
    line = _squash(line)
    if " " in line:
        line = _INNER_SPACE_RE.sub("", line)
        line = _tighten_bars(_tighten_bars(line, "|"), "‖")
    if _QUAD in line:
        line = _QUAD_RE.sub(lambda m: " " * len(m.group(1)), line).strip()
    return line


def _is_word(text: str) -> bool:
    return bool(text) and all(c.isalnum() and c not in _SCRIPT_CHARS for c in text)


def _script_text(arg: str, table: dict[str, str], mark: str) -> str:
    text = _squash(arg.replace("\n", " "))
    if not text:
        return ""
    compact = text.replace(" ", "")
    if all(c in table for c in compact):
        return "".join(table[c] for c in compact)
    if mark == "^" and all(c in _SUP_AS_IS for c in compact):
        return compact
    if len(text) == 1 or _is_word(text) or _is_bracketed(text):
        return mark + text
    return f"{mark}({text})"


def _is_bracketed(text: str) -> bool:
    """True for "(...)" whose first parenthesis closes at the very end."""
    if len(text) < 2 or text[0] != "(" or text[-1] != ")":
        return False
    depth = 0
    for index, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return index == len(text) - 1
    return False


def _superscript(arg: str) -> str:
    return _script_text(arg, _SUP, "^")


def _subscript(arg: str) -> str:
    return _script_text(arg, _SUB, "_")


def _needs_parentheses(text: str) -> bool:
    """True when ``text`` has an operator or a space outside any brackets."""
    depth = 0
    for c in text:
        if c in _OPEN_BRACKETS:
            depth += 1
        elif c in _CLOSE_BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and c in _OPERATOR_CHARS:
            return True
    return False


def _parenthesise(part: str) -> str:
    part = _squash(part)
    return f"({part})" if _needs_parentheses(part) and not _is_bracketed(part) else part


def _is_single_symbol(text: str) -> bool:
    """A number, or one letter followed only by scripts, primes and combining marks."""
    if not text:
        return False
    if text.replace(".", "", 1).isdigit() and text.isascii():
        return True
    return text[0].isalpha() and all(c in _SCRIPT_CHARS or unicodedata.combining(c) for c in text[1:])


def _root(radicand: str, index: str | None) -> str:
    radicand = _squash(radicand)
    simple = _is_single_symbol(radicand) or _is_bracketed(radicand)
    body = radicand if simple else f"({radicand})"
    index = _squash(index or "")
    if not index or index == "2":
        return "√" + body
    if index == "3":
        return "∛" + body
    if index == "4":
        return "∜" + body
    if all(c in _SUP for c in index):
        return "".join(_SUP[c] for c in index) + "√" + body
    return f"root({index}, {radicand})"


def _accent(text: str, name: str) -> str:
    mark = _ACCENTS[name]
    text = _squash(text)
    if not text:
        return name  # a dangling accent: keep its name rather than lose it
    # NFC so that x̂, ỹ, ä... become single precomposed characters where Unicode has them:
    # terminals draw those more reliably than a letter plus a combining mark.
    if _is_single_symbol(text) and text[0].isalpha():
        return unicodedata.normalize("NFC", text[0] + mark) + text[1:]
    if _is_word(text):
        return unicodedata.normalize("NFC", "".join(c + mark for c in text))
    return f"{name}({text})"


@lru_cache(maxsize=4096)
def latex_to_unicode(tex: str) -> str:
    """Convert one LaTeX formula body (without ``$`` delimiters) to readable Unicode.

    Never raises.  Row breaks (``\\\\`` and the rows of ``aligned``-like environments)
    come back as newlines; everything else is on one line with single spaces.
    """
    text = _Parser(tex).seq()  # no stop tokens at top level: reads everything
    lines = (_tidy(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------------------
# Finding the math in Markdown
# --------------------------------------------------------------------------------------

# An opening fence: container prefixes (blockquote markers, list markers, indentation),
# then three or more backticks or tildes.  A backtick fence's info string has no backtick.
_FENCE_OPEN_RE = re.compile(
    r"^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*"
    r"(?:(?P<tick>`{3,})[^`\n]*|(?P<tilde>~{3,}).*)$"
)
_FENCE_CLOSE_RE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?P<fence>`{3,}|~{3,})[ \t\r]*$")
# YAML front matter at the very start of a note (as markdown-it's front_matter plugin).
_FRONT_MATTER_RE = re.compile(r"---[ \t]*\r?\n(?:.*?\n)??(?:---|\.\.\.)[ \t]*\r?(?:\n|\Z)", re.S)

# What may precede a block's content on its line: indentation, '>' and list markers.
_CONTAINER_RE = re.compile(r"(?:[ \t]*(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]))*[ \t]*")
_LIST_MARKER_RE = re.compile(r"[-+*]|\d{1,9}[.)]")

# Inline scanning: escapes, code-span backtick runs, and dollar signs, left to right.
_INLINE_RE = re.compile(r"\\[\\`$]|`+|\$\$|\$")
# Inline math body: one line, no unescaped '$', the closing '$' preceded by a non-space
# and not followed by a digit (pandoc's rule, so "$5 and $6" stays prices).
_INLINE_BODY_RE = re.compile(r"(?:\\.|[^\\$\n])*?(?<=\S)\$(?!\d)")
# Display math body: anything up to the next unescaped '$$', but not across a blank line.
_DISPLAY_BODY_RE = re.compile(r"(?:\\[^\n]|\\\n(?![ \t>]*\n)|[^\\$\n]|\$(?!\$)|\n(?![ \t>]*\n))*?\$\$")
_BLANK_LINE_RE = re.compile(r"\n[ \t>]*\n")

_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>&|~#$!])")
_LINE_START_RE = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")


def _escape_markdown(text: str, at_line_start: bool) -> str:
    """Backslash-escape what CommonMark/GFM would read as markup inside a paragraph."""
    text = _MD_SPECIAL_RE.sub(r"\\\1", text)
    if at_line_start:
        match = _LINE_START_RE.match(text)
        if match:
            if match.group()[0].isdigit():  # "1." or "1)" would start an ordered list
                end = match.end()
                text = text[:end] + "\\" + text[end:]
            else:  # "-", "+" (list), "=" (setext underline)
                text = "\\" + text
    return text


def _code_span_end(text: str, start: int, ticks: int) -> int:
    """End of the code span opened by ``ticks`` backticks at ``start``, or -1."""
    closer = re.compile(r"(?<!`)`{%d}(?!`)" % ticks)
    match = closer.search(text, start)
    if match is None or _BLANK_LINE_RE.search(text, start, match.start()):
        return -1
    return match.end()


def _continuation_prefix(line: str) -> str:
    """The prefix that keeps a new line inside the same blockquote/list item."""
    prefix = _CONTAINER_RE.match(line).group()
    return _LIST_MARKER_RE.sub(lambda m: " " * len(m.group()), prefix)


def _strip_container(body: str, prefix: str) -> str:
    """Remove blockquote markers from the continuation lines of a display formula."""
    quotes = prefix.count(">")
    if not quotes or "\n" not in body:
        return body
    marker = re.compile(r"^[ \t]*(?:>[ \t]?){0,%d}" % quotes, re.M)
    first, rest = body.split("\n", 1)
    return first + "\n" + marker.sub("", rest)


def _display_block(formula: str, prefix: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", formula)), default=0)
    fence = "`" * max(3, longest + 1)
    lines = [fence + "text"]
    lines += formula.split("\n") if formula else []
    lines.append(fence)
    return ("\n" + prefix).join(lines)


def _convert_text(text: str) -> str:
    """Convert the math in Markdown text that has no fenced code blocks."""
    out: list[str] = []
    pos = 0  # text[:pos] is already in out
    scan = 0
    while True:
        match = _INLINE_RE.search(text, scan)
        if match is None:
            break
        token = match.group()
        start, end = match.span()
        if token[0] == "\\":
            scan = end
            continue
        if token[0] == "`":
            close = _code_span_end(text, end, len(token))
            scan = close if close >= 0 else end
            continue
        if token == "$$":
            body_match = _DISPLAY_BODY_RE.match(text, end)
            if body_match is None:
                scan = end
                continue
            if not body_match.group()[:-2].strip():  # "$$$$" or "$$ $$": not math
                scan = body_match.end()
                continue
            stop = body_match.end()
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", stop)
            if line_end < 0:
                line_end = len(text)
            before = text[line_start:start]
            after = text[stop:line_end]
            body = body_match.group()[:-2]
            own_line = _CONTAINER_RE.fullmatch(before) is not None and not after.strip()
            if "\n" not in body and not own_line:
                # Display math inside a line of text (or a table row): inline it.
                formula = latex_to_unicode(body).replace("\n", "; ")
                out.append(text[pos:start])
                out.append(_escape_markdown(formula, False))
                pos = scan = stop
                continue
            prefix = _continuation_prefix(text[line_start:line_end])
            formula = latex_to_unicode(_strip_container(body, prefix))
            block = _display_block(formula, prefix)
            out.append(text[pos:start])
            if _CONTAINER_RE.fullmatch(before) is None:
                out[-1] = out[-1].rstrip(" \t")
                out.append("\n" + prefix)
            out.append(block)
            if after.strip():
                out.append("\n" + prefix + after.lstrip(" \t"))
                pos = scan = line_end
            else:
                pos = scan = stop
            continue
        # A single '$': inline math if it opens (non-space next) and a valid closer follows.
        if end < len(text) and not text[end].isspace():
            body_match = _INLINE_BODY_RE.match(text, end)
            if body_match is not None:
                stop = body_match.end()
                line_start = text.rfind("\n", 0, start) + 1
                at_line_start = _CONTAINER_RE.fullmatch(text, line_start, start) is not None
                formula = latex_to_unicode(body_match.group()[:-1]).replace("\n", "; ")
                out.append(text[pos:start])
                out.append(_escape_markdown(formula, at_line_start))
                pos = scan = stop
                continue
        scan = end
    out.append(text[pos:])
    return "".join(out)


def render_math(markdown: str) -> str:
    """Return ``markdown`` with its ``$...$`` and ``$$...$$`` math as readable Unicode.

    Inline math becomes escaped Markdown text; display math becomes a ```` ```text ````
    fence on its own lines (kept inside the surrounding blockquote or list item).
    Fenced code blocks, inline code spans, ``\\$`` and lone dollar signs are left alone,
    and so is every byte outside the converted math.
    """
    if "$" not in markdown:
        return markdown
    if markdown.startswith("---"):
        front_matter = _FRONT_MATTER_RE.match(markdown)
        if front_matter is not None:
            head = front_matter.group()
            return head + _render_body(markdown[len(head) :])
    return _render_body(markdown)


def _render_body(markdown: str) -> str:
    if "$" not in markdown:
        return markdown
    if "```" not in markdown and "~~~" not in markdown:
        return _convert_text(markdown)

    out: list[str] = []
    lines = markdown.split("\n")
    chunk_start = 0  # index of the first line not yet emitted
    i = 0
    count = len(lines)
    while i < count:
        line = lines[i]
        if "```" not in line and "~~~" not in line:
            i += 1
            continue
        opening = _FENCE_OPEN_RE.match(line)
        if opening is None:
            i += 1
            continue
        fence = opening.group("tick") or opening.group("tilde")
        # A closing fence may be indented at most 3 columns more than the opening one.
        max_indent = opening.start("tick" if opening.group("tick") else "tilde") + 3
        if i > chunk_start:
            out.append(_convert_text("\n".join(lines[chunk_start:i])) + "\n")
        j = i + 1
        while j < count:
            closing = _FENCE_CLOSE_RE.match(lines[j])
            if (
                closing is not None
                and closing.group("fence")[0] == fence[0]
                and len(closing.group("fence")) >= len(fence)
                and closing.start("fence") <= max_indent
            ):
                break
            j += 1
        end = min(j + 1, count)  # the closing line, or the end of the document
        block = "\n".join(lines[i:end])
        out.append(block + ("\n" if end < count else ""))
        i = chunk_start = end
    if chunk_start < count:
        out.append(_convert_text("\n".join(lines[chunk_start:])))
    return "".join(out)
