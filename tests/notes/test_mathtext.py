"""Tests for qkvstudy.notes.mathtext: LaTeX math -> readable Unicode that survives Markdown."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from qkvstudy.notes.mathtext import latex_to_unicode, render_math

SEED_NOTE = Path("/work/shared/seed-note.md")

_MD = MarkdownIt("commonmark").enable("table")


def markdown_text(markdown: str) -> str:
    """The text a reader sees: inline text and code, fence and code-block contents."""
    parts: list[str] = []
    for token in _MD.parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "text_special", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            parts.append("\n")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return "".join(parts)


def markup_tokens(markdown: str) -> set[str]:
    """Inline token types other than plain text (emphasis, links, html, ...)."""
    types: set[str] = set()
    for token in _MD.parse(markdown):
        for child in token.children or []:
            types.add(child.type)
    return types - {"text", "text_special", "softbreak", "hardbreak"}


def fences(markdown: str) -> list[tuple[str, str]]:
    return [(t.info, t.content) for t in _MD.parse(markdown) if t.type == "fence"]


# --------------------------------------------------------------------------------------
# latex_to_unicode: the examples from the brief
# --------------------------------------------------------------------------------------

EXAMPLES = [
    # subscripts
    (r"q_i = x_i W_Q", "qᵢ = xᵢ W_Q"),
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
    (r"\infty \to \rightarrow \partial \nabla", "∞ → → ∂ ∇"),
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
    (r"\mathbf{x} + \boldsymbol{\mu} + \mathcal{L}", "x + μ + L"),
    (r"\mathbb{R}^{d}", "ℝᵈ"),
    (r"W_Q \in \mathbb{R}^{d \times d_k}", "W_Q ∈ ℝ^(d × dₖ)"),
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
    (r"\hat{W_Q}", "hat(W_Q)"),
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
        assert isinstance(render_math(f"$$\n{tex}\n$$"), str)
    assert latex_to_unicode("{" * 5000 + "x" + "}" * 5000) == "x"


def test_latex_to_unicode_is_cached() -> None:
    latex_to_unicode.cache_clear()
    latex_to_unicode(r"\alpha")
    latex_to_unicode(r"\alpha")
    assert latex_to_unicode.cache_info().hits >= 1


# --------------------------------------------------------------------------------------
# render_math: finding the math
# --------------------------------------------------------------------------------------


def test_inline_math_is_converted_and_escaped() -> None:
    out = render_math("数学表示：$q_i = x_i W_Q$。")
    assert out == "数学表示：qᵢ = xᵢ W\\_Q。"
    assert markdown_text(out) == "数学表示：qᵢ = xᵢ W_Q。\n"


def test_display_math_on_its_own_lines_becomes_a_text_fence() -> None:
    src = "定义如下：\n$$\n\\frac{QK^T}{\\sqrt{d_k}}\n$$\n其中 $d_k$ 是维度。\n"
    out = render_math(src)
    assert out == "定义如下：\n```text\nQKᵀ/√dₖ\n```\n其中 dₖ 是维度。\n"
    assert fences(out) == [("text", "QKᵀ/√dₖ\n")]
    assert markdown_text(out) == "定义如下：\nQKᵀ/√dₖ\n其中 dₖ 是维度。\n"


def test_single_line_display_math_alone_on_its_line() -> None:
    out = render_math("前\n\n$$a \\cdot b$$\n\n后")
    assert out == "前\n\n```text\na · b\n```\n\n后"


def test_display_math_after_text_on_the_same_line_starts_a_new_line() -> None:
    out = render_math("公式：$$\na_1\n$$ 之后的文字")
    assert out == "公式：\n```text\na₁\n```\n之后的文字"
    assert markdown_text(out) == "公式：\na₁\n之后的文字\n"


def test_display_math_inside_a_line_of_text_is_inlined() -> None:
    out = render_math("见 $$x_1 * y$$ 一式")
    assert out == "见 x₁ \\* y 一式"


def test_multi_row_display_math_keeps_its_rows() -> None:
    src = "$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$"
    assert fences(render_math(src)) == [("text", "a = b\nc = d\n")]


def test_display_math_in_a_list_item_stays_in_the_item() -> None:
    src = "- 第一项：\n  $$\n  x^2\n  $$\n- 第二项 $y_1$\n"
    out = render_math(src)
    assert out == "- 第一项：\n  ```text\n  x²\n  ```\n- 第二项 y₁\n"
    tokens = _MD.parse(out)
    fence = next(t for t in tokens if t.type == "fence")
    assert fence.level > 0  # nested in the list item
    assert [t.type for t in tokens].count("list_item_open") == 2


def test_display_math_opening_a_list_item() -> None:
    out = render_math("1. $$\\alpha$$\n2. b")
    assert out == "1. ```text\n   α\n   ```\n2. b"
    assert [t.type for t in _MD.parse(out)].count("list_item_open") == 2


def test_display_math_in_a_blockquote_drops_the_quote_markers_from_the_formula() -> None:
    src = "> 公式\n> $$\n> a > b\n> $$\n> 结束"
    out = render_math(src)
    assert out == "> 公式\n> ```text\n> a > b\n> ```\n> 结束"
    assert fences(out) == [("text", "a > b\n")]


def test_display_math_longer_fence_when_formula_has_backticks() -> None:
    out = render_math("$$\na ``` b\n$$")
    assert out.startswith("````text\n") and fences(out) == [("text", "a ``` b\n")]


def test_display_math_does_not_cross_a_blank_line() -> None:
    src = "$$ a\n\nb $$"
    assert render_math(src) == src


def test_empty_display_math_is_left_alone() -> None:
    assert render_math("$$$$ and $$ $$") == "$$$$ and $$ $$"


@pytest.mark.parametrize(
    "text",
    [
        "$5 and $6",
        "costs $5, or $6.50 total",
        "price: $ 5 $",
        "a $x $ b",
        "$x$5 is not math",
        "just one $ sign",
        "\\$x\\$ escaped",
        "a \\$x$ b",
        "`$x$` in code",
        "``a $x$ ` b`` and ```$y$```",
        "$$ unclosed display",
    ],
)
def test_text_that_is_not_math_is_left_alone(text: str) -> None:
    assert render_math(text) == text


def test_code_span_then_math() -> None:
    assert render_math("`$a$` and $b_1$") == "`$a$` and b₁"


def test_unclosed_backticks_do_not_hide_math() -> None:
    assert render_math("a ` b $x_1$") == "a ` b x₁"


def test_code_span_does_not_cross_a_blank_line() -> None:
    assert render_math("` a\n\n$x_1$ `") == "` a\n\nx₁ `"


def test_escaped_backslash_before_dollar_opens_math() -> None:
    assert render_math("\\\\$x_1$") == "\\\\x₁"


def test_math_with_escaped_dollar_inside() -> None:
    out = render_math(r"$\$5 \times 2$")
    assert out == "\\$5 × 2"
    assert markdown_text(out) == "$5 × 2\n"


@pytest.mark.parametrize("fence", ["```", "````", "~~~", "~~~~"])
@pytest.mark.parametrize("info", ["", "python", "text", " sql {.x}", "latex"])
def test_fenced_code_is_untouched(fence: str, info: str) -> None:
    body = "x = $a_1$  # \\frac{a}{b}\n$$\n\\alpha\n$$\n```` not a closer for ~~~\n"
    if fence[0] == "`":
        body = body.replace("````", "~~~~")
    block = f"{fence}{info}\n{body}{fence}\n"
    src = f"前 $a_1$\n{block}后 $b_2$\n"
    out = render_math(src)
    assert block in out
    assert out == f"前 a₁\n{block}后 b₂\n"


def test_fence_in_list_and_blockquote_is_untouched() -> None:
    src = "- item $x$\n  ```python\n  y = $z$\n  ```\n> ```\n> $q$\n> ```\n$w$"
    assert render_math(src) == "- item x\n  ```python\n  y = $z$\n  ```\n> ```\n> $q$\n> ```\nw"


def test_deeply_indented_fence_line_does_not_close_the_fence() -> None:
    src = "```\n    ```\n$a$\n```\n$b$"
    assert render_math(src) == "```\n    ```\n$a$\n```\nb"


def test_front_matter_is_untouched() -> None:
    src = "---\ntitle: '$x$ cost'\n---\n# Q $x_1$\n"
    assert render_math(src) == "---\ntitle: '$x$ cost'\n---\n# Q x₁\n"
    assert render_math("---\n---\n$a$") == "---\n---\na"
    # A lone thematic break at the start is not front matter.
    assert render_math("---\n$a_1$\n") == "---\na₁\n"


def test_unclosed_fence_runs_to_the_end() -> None:
    src = "$a$\n```\n$b$\n$c$"
    assert render_math(src) == "a\n```\n$b$\n$c$"


def test_backtick_info_with_backtick_is_not_a_fence() -> None:
    # "```a`b" is an inline code span opener in CommonMark, not a fence.
    assert render_math("```x``` $y_1$") == "```x``` y₁"


def test_crlf_line_endings() -> None:
    src = "$a_1$\r\n```\r\n$b$\r\n```\r\n$c_2$\r\n"
    assert render_math(src) == "a₁\r\n```\r\n$b$\r\n```\r\nc₂\r\n"


# --------------------------------------------------------------------------------------
# render_math: the output survives Markdown parsing
# --------------------------------------------------------------------------------------

SURVIVING = [
    r"W_Q",
    r"a*b",
    r"a * b * c",
    r"x_{\text{max}} \cdot y_{\text{min}}",
    r"[a, b]",
    r"\left[ 0, 1 \right)",
    r"a < b > c",
    r"\lt\gt",
    r"|x| + |y|",
    r"\backslash",
    r"a_b_c",
    r"\text{foo_bar}",
    r"\text{A\&B}",
    r"\#1",
    r"\sim x",
    r"\text{~~strike~~}",
    r"\text{![img](u)}",
    r"\text{<b>bold</b>}",
    r"\text{&amp;}",
    r"\text{`code`}",
    r"\text{http://example.com}",
    r"W_{i}^{Q} \cdot K^T_{j}",
]


@pytest.mark.parametrize("tex", SURVIVING)
def test_inline_output_text_is_exactly_the_formula(tex: str) -> None:
    formula = latex_to_unicode(tex)
    out = render_math(f"前 ${tex}$ 后")
    assert markdown_text(out) == f"前 {formula} 后\n"
    assert markup_tokens(out) == set()


@pytest.mark.parametrize("tex", SURVIVING)
def test_inline_output_survives_inside_a_table(tex: str) -> None:
    formula = latex_to_unicode(tex)
    src = f"| 符号 | 含义 |\n|---|---|\n| ${tex}$ | 值 |\n"
    out = render_math(src)
    cells = [t.content for t in _MD.parse(out) if t.type == "inline" and t.map and t.map[0] == 2]
    assert len(cells) == 2
    assert markdown_text(cells[0]).rstrip("\n") == formula


@pytest.mark.parametrize(
    ("tex", "expected"),
    [("-x", "-x"), ("+1", "+1"), ("=", "="), ("1. x", "1. x"), ("2) y", "2) y"), ("# 1", "# 1"), ("> q", "> q")],
)
def test_formula_at_the_start_of_a_line_does_not_become_a_block(tex: str, expected: str) -> None:
    out = render_math(f"上一行\n${tex}$ 之后")
    assert [t.type for t in _MD.parse(out)] == ["paragraph_open", "inline", "paragraph_close"]
    assert markdown_text(out) == f"上一行\n{expected} 之后\n"


def test_inline_math_inside_emphasis_keeps_the_emphasis() -> None:
    out = render_math("- **$W_Q$**：学习")
    assert out == "- **W\\_Q**：学习"
    assert "strong_open" in markup_tokens(out)
    assert "em_open" not in markup_tokens(out)


def test_display_block_content_needs_no_escaping() -> None:
    out = render_math("$$\na*b_c \\, [x] <y>\n$$")
    assert fences(out) == [("text", "a*b_c [x] <y>\n")]


# --------------------------------------------------------------------------------------
# The seed note
# --------------------------------------------------------------------------------------


def _fence_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```.*?^```$", markdown, flags=re.S | re.M)


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED_NOTE.exists():
        pytest.skip("seed note not available")
    return SEED_NOTE.read_text(encoding="utf-8")


def test_seed_note_every_formula_converted(seed: str) -> None:
    out = render_math(seed)
    assert "$" not in out
    text = markdown_text(out)
    for formula in ["qᵢ = xᵢ W_Q", "kⱼ = xⱼ W_K", "vⱼ = xⱼ W_V", "Q = K = V = X"]:
        assert formula in text
    for name in ["W_Q", "W_K", "W_V"]:
        assert f"**{name}**" not in out  # escaped inside the bold markers
    strong = [
        t.children[i + 1].content
        for t in _MD.parse(out)
        if t.type == "inline"
        for i, c in enumerate(t.children or [])
        if c.type == "strong_open"
    ]
    assert {"W_Q", "W_K", "W_V"} <= set(strong)


def test_seed_note_code_fences_and_other_bytes_unchanged(seed: str) -> None:
    out = render_math(seed)
    assert _fence_blocks(out) == _fence_blocks(seed)
    assert len(_fence_blocks(seed)) == 8
    # Only the lines with math changed.
    changed = [(a, b) for a, b in zip(seed.split("\n"), out.split("\n")) if a != b]
    assert len(seed.split("\n")) == len(out.split("\n"))
    assert all("$" in a for a, _ in changed) and len(changed) == 7


def test_seed_note_front_matter_unchanged(seed: str) -> None:
    head = seed.split("---", 2)[1]
    assert render_math(seed).split("---", 2)[1] == head


# --------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------


def _typical_note(seed: str) -> str:
    extra = (
        "\n## 公式汇总\n\n缩放点积注意力：\n$$\n\\text{Attention}(Q,K,V) = "
        "\\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V\n$$\n"
        "位置编码 $PE_{(pos, 2i)} = \\sin(pos / 10000^{2i/d_{model}})$，"
        "多头 $\\text{head}_i = \\text{Attention}(QW_i^Q, KW_i^K, VW_i^V)$。\n"
        "- 复杂度 $O(n^2 \\cdot d)$，显存 $O(n^2)$\n"
        "- 归一化 $\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$\n"
        "$$\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n$$\n"
    )
    note = seed
    while len(note.encode("utf-8")) < 6000:
        note += extra
    return note


def test_typical_note_renders_well_under_5_ms(seed: str) -> None:
    note = _typical_note(seed)
    assert 6000 <= len(note.encode("utf-8")) < 8000
    cold = []
    for _ in range(5):
        latex_to_unicode.cache_clear()
        start = time.perf_counter()
        render_math(note)
        cold.append(time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(20):
        render_math(note)
    warm = (time.perf_counter() - start) / 20
    assert min(cold) < 0.005, f"cold render took {min(cold) * 1000:.2f} ms"
    assert warm < 0.002, f"warm render took {warm * 1000:.2f} ms"


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

_LATEXISH = st.lists(
    st.sampled_from(
        list("abxyQK019 +-=*_^{}[]()<>|&~'#%!.,;:\n\t`$\\")
        + [
            "\\frac",
            "\\sqrt",
            "\\left",
            "\\right",
            "\\begin{pmatrix}",
            "\\end{pmatrix}",
            "\\begin{cases}",
            "\\end{aligned}",
            "\\text{",
            "\\alpha",
            "\\\\",
            "\\,",
            "\\quad",
            "\\hat",
            "\\not",
            "\\operatorname*",
            "\\mathbb{",
            "\\unknown",
            "\\{",
            "\\}",
            "$$",
            "```",
            "~~~",
            "\n```\n",
            "- ",
            "> ",
            "1. ",
            "中文",
            "\r\n",
            "---\n",
        ]
    ),
    max_size=60,
).map("".join)

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.one_of(st.text(max_size=200), _LATEXISH))
@example("\\" * 3)
@example("{" * 3000)
@example(r"\sqrt" * 1500)
def test_latex_to_unicode_never_raises(tex: str) -> None:
    result = latex_to_unicode(tex)
    assert isinstance(result, str)
    assert result == result.strip()


@_SETTINGS
@given(st.one_of(st.text(max_size=300), _LATEXISH))
@example("$" + "{" * 3000 + "$")
@example("$$\n" + r"\left(" * 1000 + "\n$$")
def test_render_math_never_raises(markdown: str) -> None:
    assert isinstance(render_math(markdown), str)


@_SETTINGS
@given(st.text(max_size=300).filter(lambda s: "$" not in s))
def test_text_without_dollars_passes_through_unchanged(markdown: str) -> None:
    assert render_math(markdown) == markdown


_OUTSIDE = st.lists(
    st.sampled_from(list("ab $\\_*\n>-1. {}^") + ["$$", "\\frac{a}{b}", "中"]),
    max_size=30,
).map("".join)
_INSIDE = st.lists(
    st.sampled_from(list("ab $\\_*\n>-`~ {}") + ["$$", "$x_1$", "```", "~~~", "\r"]),
    max_size=40,
).map("".join)


@_SETTINGS
@given(
    before=_OUTSIDE,
    after=_OUTSIDE,
    body=_INSIDE,
    fence=st.sampled_from(["```", "~~~", "````", "~~~~~"]),
    info=st.sampled_from(["", "python", "text", "latex"]),
    prefix=st.sampled_from(["", "  ", "> ", "- "]),
)
def test_code_fences_are_byte_identical(before: str, after: str, body: str, fence: str, info: str, prefix: str) -> None:
    def closes(line: str) -> bool:
        return line.strip(" \t>\r").startswith(fence[0] * 3)

    assume(not any(closes(line) for line in body.split("\n")))
    lines = [f"{fence}{info}", *body.split("\n"), fence]
    block = "\n".join(
        prefix + line if i == 0 else ("  " if prefix == "- " else prefix) + line for i, line in enumerate(lines)
    )
    doc = f"{before}\n{block}\n{after}"
    out = render_math(doc)
    assert f"\n{block}\n" in out


@_SETTINGS
@given(
    st.text(
        alphabet=st.characters(
            blacklist_characters="$\n\r\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
            blacklist_categories=("Cs",),
        ),
        min_size=1,
        max_size=40,
    )
)
@example(r"a*b_c")
@example(r"\text{[x](y)}")
def test_inline_formula_survives_markdown(tex: str) -> None:
    assume(not tex[0].isspace() and not tex[-1].isspace())
    trailing = len(tex) - len(tex.rstrip("\\"))
    assume(trailing % 2 == 0)  # an odd final backslash escapes the closing $
    src = f"前 ${tex}$ 后"
    out = render_math(src)
    formula = latex_to_unicode(tex).replace("\n", "; ")
    assert markdown_text(out) == f"前 {formula} 后\n"
    assert markup_tokens(out) == set()
