"""What each kind of LaTeX command does: dropped, shown as is, a function name, an accent, a script, an environment."""

from __future__ import annotations

DROP = frozenset(
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
SIZING = frozenset(
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
CONTENT = frozenset(
    [
        "mathrm",
        "mathit",
        "mathsf",
        "mathtt",
        "mathfrak",
        "mathnormal",
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
DROP_ARGS = {"label": 1, "color": 1, "vspace": 1, "vphantom": 1, "setlength": 2, "rule": 2}

FUNCTIONS = frozenset(
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

ACCENTS = {
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

# Letter styles that change meaning (ℝ, 𝔼, ℒ, the ones-vector 𝟏): the letters Unicode has in the
# Basic Multilingual Plane first (fonts have them), then the Mathematical Alphanumeric Symbols.
_BMP_DOUBLE_STRUCK = {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}
_BMP_SCRIPT = {"B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ"}
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DOUBLE_STRUCK = {c: _BMP_DOUBLE_STRUCK.get(c, chr(0x1D538 + i)) for i, c in enumerate(_UPPER)}
DOUBLE_STRUCK.update({str(d): chr(0x1D7D8 + d) for d in range(10)})
SCRIPT = {c: _BMP_SCRIPT.get(c, chr(0x1D49C + i)) for i, c in enumerate(_UPPER)}
BOLD_DIGITS = {str(d): chr(0x1D7CE + d) for d in range(10)}
# \mathcal{L} -> ℒ, \mathbb{R} -> ℝ, \mathbf{1} -> 𝟏 (bold letters stay plain: a terminal shows them poorly)
LETTER_STYLES = {
    "mathbb": DOUBLE_STRUCK,
    "Bbb": DOUBLE_STRUCK,
    "mathcal": SCRIPT,
    "mathscr": SCRIPT,
    "mathbf": BOLD_DIGITS,
    "boldsymbol": BOLD_DIGITS,
    "bm": BOLD_DIGITS,
}

NEGATED = {
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

SUP = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ∙−⊤∘",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ˙⁻ᵀ°",
    )
)
SUB = dict(
    zip(
        "0123456789+-=()aehijklmnoprstuvxβγρφχ−",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ₋",
    )
)
# Superscripts that read best written on the line: x^* is x*, f^\prime is f′.
SUP_AS_IS = frozenset("*∗′″‴†‡°")
SCRIPT_CHARS = frozenset(SUP.values()) | frozenset(SUB.values()) | SUP_AS_IS

MATRIX_BRACKETS = {
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
CASES = frozenset({"cases", "dcases", "rcases"})
ROWS = frozenset(
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

DELIMITERS = {
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
OPERATOR_CHARS = frozenset(" +-−=<>/·×÷±∓,;:|∣∈∉∋⊂⊃⊆⊇→←↔⇒⇐⇔⟹⟸⟺↦≤≥≠≈≡∼≃≅∝≪≫∧∨∩∪∘⊙⊗⊕∗*∖\n\ue000")
OPEN_BRACKETS = "([{⟨⌊⌈"
# \lvert x \rvert: the spaces inside unambiguous bars are dropped while parsing.
OPENING_BARS = frozenset({"lvert", "lVert"})
CLOSING_BARS = frozenset({"rvert", "rVert"})
CLOSE_BRACKETS = ")]}⟩⌋⌉"

# In display math these take their sub/superscripts as limits above and below (TeX's \displaystyle).
LIMIT_OPERATORS = frozenset(
    ["sum", "prod", "coprod", "bigcup", "bigcap", "bigvee", "bigwedge", "bigoplus", "bigotimes", "bigodot", "bigsqcup"]
)
LIMIT_FUNCTIONS = frozenset(["lim", "liminf", "limsup", "max", "min", "sup", "inf", "argmax", "argmin", "det", "Pr"])
