"""The LaTeX -> Unicode converter (qkvstudy.mathtext): one-line text, and 2-D display layout."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qkvstudy.mathtext import cell_width, display_math, latex_to_unicode
from qkvstudy.mathtext.tables import SUB, SUP

# --------------------------------------------------------------------------------------
# latex_to_unicode: one line of text per row
# --------------------------------------------------------------------------------------

EXAMPLES = [
    # subscripts
    (r"q_i = x_i W_Q", "q_i = x_i W_Q"),  # one style: W_Q has no Unicode Q
    (r"d_k", "dₖ"),
    (r"x_{i+1}", "xᵢ₊₁"),
    (r"W_{QK}", "W_QK"),
    (r"x_{i,j}", "x_(i,j)"),
    (r"PE_{(pos, 2i)}", "PE_(pos, 2i)"),
    (r"x_{i j}", "xᵢⱼ"),
    # roots
    (r"\sqrt{d_k}", "√dₖ"),
    (r"\sqrt{d_k + 1}", "√(dₖ + 1)"),
    (r"\sqrt{2}", "√2"),
    (r"\sqrt[3]{x}", "∛x"),
    (r"\sqrt[n]{x}", "ⁿ√x"),
    # fractions
    (r"\frac{QK^T}{\sqrt{d_k}}", "QKᵀ/√dₖ"),
    (r"\frac{a+b}{c}", "(a+b)/c"),
    (r"\frac{1}{\sqrt{d_k + 1}}", "1/√(dₖ + 1)"),
    (r"\frac{\frac{a}{b}}{c}", "(a/b)/c"),
    (r"\dfrac12", "1/2"),
    (r"\tfrac{x}{y - 1}", "x/(y - 1)"),
    # superscripts
    (r"K^T", "Kᵀ"),
    (r"x^2", "x²"),
    (r"W^\top", "Wᵀ"),
    (r"e^{x_i}", "e^(xᵢ)"),
    (r"10000^{2i/d}", "10000^(2i/d)"),
    (r"x^{-1}", "x⁻¹"),
    (r"x^{n+1}", "xⁿ⁺¹"),
    (r"x_i^2", "xᵢ²"),
    (r"x^*", "x*"),
    (r"f'(x) + f^{\prime}(x)", "f′(x) + f′(x)"),
    (r"90^\circ", "90°"),
    (r"x ^ 2", "x²"),
    # Greek and symbols
    (r"\alpha + \beta = \gamma", "α + β = γ"),
    (r"\Delta \Sigma \Omega \lambda \mu \sigma \theta \pi \epsilon", "Δ Σ Ω λ μ σ θ π ε"),
    (r"a \cdot b \times c", "a · b × c"),
    (r"a \leq b \geq c \neq d \approx e", "a ≤ b ≥ c ≠ d ≈ e"),
    (r"x \in X", "x ∈ X"),
    (r"\infty \to \rightarrow \nabla", "∞ → → ∇"),
    (r"1, \ldots, n", "1, …, n"),
    (r"a_1 + \cdots + a_n", "a₁ + ⋯ + aₙ"),
    (r"\sum_{j=1}^{n}", "∑ⱼ₌₁ⁿ"),
    (r"\sum_{i=1}^{N} x_i", "∑ᵢ₌₁ᴺ xᵢ"),
    (r"\prod_{k} p_k", "∏ₖ pₖ"),
    (r"\int_0^1 f(x)\,dx", "∫₀¹ f(x) dx"),
    # text and font wrappers
    (r"\mathrm{softmax}(x)", "softmax(x)"),
    (r"\text{if } x > 0", "if x > 0"),
    (r"\operatorname{softmax}(z)", "softmax(z)"),
    (r"\operatorname*{arg\,max}_x", "arg maxₓ"),
    (r"\mathbf{x} + \boldsymbol{\mu} + \mathcal{L}", "x + μ + ℒ"),
    (r"\mathbb{R}^{d}", "ℝᵈ"),
    (r"W_Q \in \mathbb{R}^{d \times d_k}", "W_Q ∈ ℝ^(d × d_k)"),
    (
        r"\text{Attention}(Q,K,V) = \text{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V",
        "Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V",
    ),
    (
        r"\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
        "softmax(z)ᵢ = e^(zᵢ)/(∑ⱼ e^(zⱼ))",
    ),
    # delimiters and spacing
    (r"\left( x + y \right)", "(x + y)"),
    (r"\left[ \frac{a}{b} \right]", "[a/b]"),
    (r"\left\{ x \right\}", "{x}"),
    (r"\left. f \right|_{x=0}", "f|ₓ₌₀"),
    (r"\lVert x \rVert", "‖x‖"),
    (r"\| x \|_2", "‖x‖₂"),
    (r"|x| + | y |", "|x| + |y|"),
    (r"\lVert x\rVert + \lvert  y \rvert", "‖x‖ + |y|"),
    (r"P(A|B) + |x|", "P(A|B) + |x|"),
    (r"P(A \mid B)", "P(A ∣ B)"),
    (r"P(A | B)", "P(A | B)"),
    (r"\| a - b \|_2^2", "‖a - b‖₂²"),
    (r"\{ a, b \}", "{a, b}"),
    (r"\langle q, k \rangle", "⟨q, k⟩"),
    (r"\bigl( x \bigr)", "(x)"),
    (r"a\,b\;c\:d\ e", "a b c d e"),
    (r"a\!b", "ab"),
    (r"x = 1, \quad y = 2", "x = 1,  y = 2"),
    (r"a \qquad b", "a    b"),
    # functions
    (r"\max_i x_i", "maxᵢ xᵢ"),
    (r"\exp(x) + \log x + \sin\theta + \cos(\phi)", "exp(x) + log x + sin θ + cos(ϕ)"),
    (r"\log_2 n", "log₂ n"),
    (r"\lim_{x \to 0}", "lim_(x → 0)"),
    # accents
    (r"\hat{x}", "x̂"),
    (r"\tilde{y}", "ỹ"),
    (r"\bar{z}", "z̄"),
    (r"\hat{y}_i", "ŷᵢ"),
    (r"\vec{v}", "v⃗"),
    (r"\hat{W_Q}", "Ŵ_Q"),
    # negation, stacking
    (r"a \not= b", "a ≠ b"),
    (r"x \not\in S", "x ∉ S"),
    (r"\underset{x}{\arg\max}", "arg maxₓ"),
    (r"\binom{n}{k}", "C(n, k)"),
    (r"\pmod{p}", "(mod p)"),
    # environments
    (r"\begin{pmatrix}a & b \\ c & d\end{pmatrix}", "(a, b; c, d)"),
    (r"\begin{bmatrix}1 & 0 \\ 0 & 1\end{bmatrix}", "[1, 0; 0, 1]"),
    (r"\begin{vmatrix}a & b \\ c & d\end{vmatrix}", "|a, b; c, d|"),
    (r"\begin{matrix}x\end{matrix}", "[x]"),
    (r"\begin{array}{cc} 1 & 2 \\ 3 & 4 \\ \end{array}", "[1, 2; 3, 4]"),
    (
        r"f(x) = \begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        "f(x) = {x, x > 0; 0, otherwise}",
    ),
    (r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "a = b\nc = d"),
    (r"\begin{align*} x &= 1 \\[2pt] y &= 2 \end{align*}", "x = 1\ny = 2"),
    (r"a \\ b", "a\nb"),
    # escaped characters
    (r"\$5 + 10\% \& \#1 \_", "$5 + 10% & #1 _"),
    # dropped style commands
    (r"\displaystyle\sum\limits_{i} x_i", "∑ᵢ xᵢ"),
    (r"\color{red}{x} + \textcolor{blue}{y}", "x + y"),
    (r"x \label{eq:1} \tag{1}", "x (1)"),
]


@pytest.mark.parametrize(("tex", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_latex_to_unicode_examples(tex: str, expected: str) -> None:
    assert latex_to_unicode(tex) == expected


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"\foo", "foo"),
        (r"\foo x", "foo x"),
        (r"\foo{x}", "foo{x}"),
        (r"\varkappa_2 + \weird{a}{b}", "ϰ₂ + weird{a}{b}"),
        (r"\bar", "bar"),
        (r"\argmax_x f(x)", "argmaxₓ f(x)"),
    ],
)
def test_unknown_commands_keep_their_name(tex: str, expected: str) -> None:
    assert latex_to_unicode(tex) == expected


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        ("{", ""),
        ("}", "}"),
        ("a}", "a}"),
        ("{a", "a"),
        ("x_{i", "xᵢ"),
        (r"\frac{a", "a/"),
        (r"\frac{a}{b", "a/b"),
        (r"\sqrt{x", "√x"),
        (r"\left( x", "(x"),
        (r"x \right)", "x)"),
        (r"\begin{pmatrix} a & b", "(a, b)"),
        (r"\end{pmatrix}", ""),
        ("x^", "x"),
        ("\\", "\\"),
        ("{{{a}}", "a"),
        ("a}}}b", "a}}}b"),
    ],
)
def test_unbalanced_input_is_readable_and_never_raises(tex: str, expected: str) -> None:
    assert latex_to_unicode(tex) == expected


def test_deep_nesting_does_not_recurse_without_bound() -> None:
    for tex in [
        "{" * 5000 + "x" + "}" * 5000,
        r"\sqrt" * 3000 + "x",
        "x^{" * 2000,
        r"\left(" * 2000,
        "x" + r"\\[" * 3000,
        r"\begin{matrix}" * 2000 + "x",
        r"\sqrt[" * 2000 + "x",
    ]:
        assert isinstance(latex_to_unicode(tex), str)
        assert isinstance(display_math(tex).lines(80), list)
    assert latex_to_unicode("{" * 5000 + "x" + "}" * 5000) == "x"


def test_latex_to_unicode_is_cached() -> None:
    latex_to_unicode.cache_clear()
    latex_to_unicode(r"\alpha")
    latex_to_unicode(r"\alpha")
    assert latex_to_unicode.cache_info().hits >= 1


# --------------------------------------------------------------------------------------
# What issue 11 asked for, one rule at a time
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        # a fraction followed by more factors is bracketed, so the factors are not read into it
        (r"\frac{1}{T}\,p_i(\delta_{ij} - p_j)", "(1/T) pᵢ(δᵢⱼ - pⱼ)"),
        (r"\mu = \frac{1}{d}\sum_i x_i", "μ = (1/d)∑ᵢ xᵢ"),
        (r"\frac{a}{b}^2", "(a/b)²"),
        (r"\frac{1}{\sqrt{2}}X", "(1/√2)X"),
        (r"\frac{a}{b} + c", "a/b + c"),
        # a denominator of more than one factor is bracketed; a product on top reads left to right
        (r"\frac{2P \cdot b}{2P}", "(2P · b)/(2P)"),
        (r"\frac{1}{T p_i}", "1/(T pᵢ)"),
        (r"\frac{S_i^T\phi(q_i)}{z_i^T\phi(q_i)}", "Sᵢᵀϕ(qᵢ)/(zᵢᵀϕ(qᵢ))"),
        (r"\frac{x}{13.5}", "x/13.5"),
        (r"\frac{x}{\mathrm{softmax}(z)}", "x/softmax(z)"),
        # partial derivatives: ∂ binds to its variable
        (r"\frac{\partial p_i}{\partial z_j}", "∂pᵢ/∂zⱼ"),
        (r"\frac{\partial}{\partial x}f", "(∂/∂x)f"),
        (r"\frac{\partial \mathcal{L}}{\partial y}", "∂ℒ/∂y"),
        # letter styles that carry meaning
        (r"\mathbb{E}[x] + \mathbb{R} + \mathbb{1}", "𝔼[x] + ℝ + 𝟙"),
        (r"z + c\mathbf{1}", "z + c𝟏"),
        (r"\mathcal{L} + \mathcal{A} + \mathcal{O}(n)", "ℒ + 𝒜 + 𝒪(n)"),
        # bars and stacked accents never come out as the command's name
        (r"\overline{x}", "x̅"),
        (r"\overline{x + y}", "x̅ + y̅"),
        (r"\hat{\bar{x}}", "x̂̄"),
        # under/overbrace: the label is set apart, not glued on as a subscript
        (r"\underbrace{q^T k}_{\text{内容}}", "qᵀ k「内容」"),
        (r"\overbrace{a+b}^{n}", "a+b「n」"),
        (r"\underbrace{a+b}", "a+b"),
        # matrices and cases on one line (inline math)
        (r"\begin{pmatrix} 0 & -\infty \\ 0 & 0 \end{pmatrix}", "(0, -∞; 0, 0)"),
        (r"\begin{cases} a & x > 0 \\ b & \text{else} \end{cases}", "{a, x > 0; b, else}"),
    ],
)
def test_rules_of_issue_11(tex: str, expected: str) -> None:
    assert latex_to_unicode(tex) == expected


_SUB_CHARS = frozenset(SUB.values())
_SUP_CHARS = frozenset(SUP.values()) - {"°"}


def consistent_scripts(text: str) -> bool:
    """Not both Unicode subscripts and `_` subscripts (nor both kinds of superscript) in one formula."""
    mixed_sub = any(c in _SUB_CHARS for c in text) and "_" in text
    mixed_sup = any(c in _SUP_CHARS for c in text) and "^" in text
    return not (mixed_sub or mixed_sup)


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"x_L = x_l + 1", "x_L = x_l + 1"),  # L has no subscript letter, so neither does l
        (r"x_l + x_k", "xₗ + xₖ"),
        (r"n_{layers} \cdot b_{elem}", "n_layers · b_elem"),
        (r"e^{z_i} + x^2", "e^(zᵢ) + x^(2)".replace("^(2)", "^2")),
        (r"\sum_{i=1}^{d_k} x_i", "∑ᵢ₌₁^(dₖ) xᵢ"),
        (r"Q K^T \in \mathbb{R}^{m \times d}", "Q K^T ∈ ℝ^(m × d)"),
    ],
)
def test_one_script_style_within_a_formula(tex: str, expected: str) -> None:
    out = latex_to_unicode(tex)
    assert out == expected
    assert consistent_scripts(out)


# --------------------------------------------------------------------------------------
# display_math: two dimensions, fitted to a width
# --------------------------------------------------------------------------------------


def test_a_matrix_is_a_block_on_the_formula_line() -> None:
    lines = display_math(r"M = \begin{pmatrix} 0 & -\infty \\ 0 & 0 \\ 1 & 2 \end{pmatrix}").lines(80)
    assert lines == [
        "    ⎛0  -∞⎞",
        "M = ⎜0  0 ⎟",
        "    ⎝1  2 ⎠",
    ]


def test_bmatrix_array_and_left_right_brackets() -> None:
    assert display_math(r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}").lines(80) == ["⎡a  b⎤", "⎣c  d⎦"]
    array = r"\left[\begin{array}{rl} 10 & a \\ 1 & bb \end{array}\right]"
    assert display_math(array).lines(80) == ["⎡10  a ⎤", "⎣ 1  bb⎦"]


def test_cases_brace_and_left_aligned_rows() -> None:
    tex = r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & x = 0 \\ -1 & x < 0 \end{cases}"
    assert display_math(tex).lines(80) == [
        "       ⎧1   x > 0",
        "f(x) = ⎨0   x = 0",
        "       ⎩-1  x < 0",
    ]


def test_underbrace_label_under_its_brace() -> None:
    lines = display_math(r"A = \underbrace{q^T k}_{\text{内容}} + b").lines(80)
    assert lines == [
        "A = qᵀ k + b",
        "    ╰┬─╯",
        "    内容",
    ]


def test_overbrace_label_over_its_brace() -> None:
    assert display_math(r"\overbrace{a+b+c}^{n}").lines(80) == ["  n", "╭─┴─╮", "a+b+c"]


def test_overline_of_several_symbols_is_a_bar_above() -> None:
    assert display_math(r"\overline{k e^{i}}").lines(80) == ["____", "k eⁱ"]
    assert display_math(r"\overline{x}").lines(80) == ["x̅"]


def test_quad_separated_parts_go_on_lines_of_their_own_when_narrow() -> None:
    math = display_math(r"a = 1,\qquad b = 2,\qquad c = 3")
    assert math.lines(80) == ["a = 1,    b = 2,    c = 3"]
    assert math.lines(12) == ["a = 1,", "b = 2,", "c = 3"]


def test_a_long_chain_breaks_before_relations_then_before_plus() -> None:
    tex = r"y = aaaa + bbbb + cccc = dddd"
    assert display_math(tex).lines(80) == ["y = aaaa + bbbb + cccc = dddd"]
    assert display_math(tex).lines(22) == ["y = aaaa + bbbb + cccc", "    = dddd"]
    assert display_math(tex).lines(12) == ["y = aaaa", "    + bbbb", "    + cccc", "    = dddd"]


def test_an_unbreakable_piece_is_kept_whole_for_sideways_scrolling() -> None:
    lines = display_math(r"x = \mathrm{" + "a" * 50 + "}").lines(20)
    assert lines == ["x = " + "a" * 50]


def test_chinese_takes_two_cells() -> None:
    lines = display_math(r"\text{若 } j = 0,\quad \text{则 } k = 1").lines(9)
    assert lines == ["若 j = 0,", "则 k = 1"]
    assert all(cell_width(line) <= 9 for line in lines)


def test_display_text_is_the_one_line_form() -> None:
    tex = r"M = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"
    assert display_math(tex).text == latex_to_unicode(tex) == "M = (1, 2; 3, 4)"


# --------------------------------------------------------------------------------------
# Properties: never raises, never loops, bounded output, no private placeholders leak out
# --------------------------------------------------------------------------------------

_LATEXISH = st.lists(
    st.sampled_from(
        list("abxyQK019 +-=*_^{}[]()<>|&~'#%!.,;:\n\t`$\\")
        + [
            "\\frac",
            "\\sqrt",
            "\\left",
            "\\right",
            "\\left(",
            "\\right)",
            "\\begin{pmatrix}",
            "\\end{pmatrix}",
            "\\begin{cases}",
            "\\end{cases}",
            "\\begin{array}{cl}",
            "\\end{aligned}",
            "\\underbrace{",
            "\\overbrace{",
            "\\overline{",
            "\\text{",
            "\\alpha",
            "\\partial",
            "\\\\",
            "\\,",
            "\\quad",
            "\\qquad",
            "\\hat",
            "\\not",
            "\\operatorname*",
            "\\mathbb{",
            "\\mathcal",
            "\\unknown",
            "\\{",
            "\\}",
            "中文",
            "\ue000",
            "\U000f0001",
        ]
    ),
    max_size=60,
).map("".join)

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _no_private(text: str) -> bool:
    """None of the converter's own placeholders (\\quad gaps, 2-D boxes) reach the reader."""
    return not any(c == "\ue000" or c >= "\U000f0000" for c in text)


@_SETTINGS
@given(st.one_of(st.text(max_size=200), _LATEXISH))
@example("\\" * 3)
@example("{" * 3000)
@example(r"\sqrt" * 1500)
@example(r"\begin{pmatrix}" * 300 + "x")
def test_latex_to_unicode_never_raises_and_stays_small(tex: str) -> None:
    result = latex_to_unicode(tex)
    assert result == result.strip()
    assert len(result) <= 3 * len(tex) + 8
    assert _no_private(result)


@_SETTINGS
@given(st.one_of(st.text(max_size=200), _LATEXISH), st.integers(min_value=1, max_value=200))
@example(r"\begin{pmatrix}" + r"a \\" * 500 + r"\end{pmatrix}", 80)
@example(r"\begin{pmatrix}" + "a & " * 500 + r"\end{pmatrix}", 80)
@example(r"\left(" * 1000 + r"\begin{cases} a \\ b \end{cases}", 80)
@example(r"\left\quad\overline:", 1)  # a \quad as \left's delimiter left its marker in the lines
def test_display_math_never_raises_and_stays_small(tex: str, width: int) -> None:
    lines = display_math(tex).lines(width)
    assert all(_no_private(line) for line in lines)
    # Bounded: a box is at most 60 lines, so the layout is at most that many times the text.
    assert sum(cell_width(line) for line in lines) <= 60 * (2 * len(tex) + 8) * 4


def test_display_limits_go_below_and_above_the_operator() -> None:
    assert display_math(r"x = \sum_{k=l}^{L-1} F_k").lines(80) == ["    L-1", "x =  ∑  Fₖ", "    k=l"]
    assert display_math(r"\max_j z_j + \lim_{n \to \infty} a_n").lines(80) == ["max z_j +  lim  a_n", " j        n → ∞"]
    # inline math keeps them as scripts
    assert latex_to_unicode(r"x = \sum_{k=l}^{L-1} F_k") == "x = ∑ₖ₌ₗᴸ⁻¹ Fₖ"
