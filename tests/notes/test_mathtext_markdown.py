"""Math found by the Markdown parser (dollarmath tokens), not by a string pre-pass."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from qkvstudy.mathtext import latex_to_unicode
from qkvstudy.mathtext.markdown import DRILL_TOKEN, inline_text, math_parser


def texts(markdown: str) -> list[str]:
    """The text of every inline token (paragraphs, headings, list items, table cells)."""
    out = []
    for token in math_parser().parse(markdown):
        if token.type == "inline":
            children = token.children or ()
            out.append(
                "".join(" " if c.type == "softbreak" else c.content for c in children if c.type != "html_inline")
            )
    return out


def blocks(markdown: str) -> list[tuple[str, str]]:
    return [(t.type, t.content) for t in math_parser().parse(markdown) if t.block and t.content and t.type != "inline"]


def test_inline_math_becomes_its_unicode_text_everywhere() -> None:
    md = "# 为什么除以 $\\sqrt{d_k}$\n\n段落 $W_Q$ 和 $x^2$。\n\n- 列表 $\\alpha$\n\n| 维度 $d_k$ | 方差 |\n|---|---|\n| 64 | $\\sigma^2$ |\n"
    assert texts(md) == ["为什么除以 √dₖ", "段落 W_Q 和 x²。", "列表 α", "维度 dₖ", "方差", "64", "σ²"]


def test_nothing_needs_escaping_markdown_specials_inside_math_stay_math() -> None:
    assert texts(r"see $a*b*c_1$ and $x_{i}^{*}$") == ["see a*b*c₁ and xᵢ*"]
    assert texts(r"$\,a\;b\!c$") == ["a bc"]  # Markdown escapes would have eaten \, and \;


def test_code_is_left_alone() -> None:
    md = "`$x_1$` then $x_1$\n\n```python\ny = $x_1$\n```\n"
    assert texts(md) == ["$x_1$ then x₁"]
    assert blocks(md) == [("fence", "y = $x_1$\n")]


def test_prices_and_escaped_dollars_are_not_math() -> None:
    assert texts("costs $5 and $6 today") == ["costs $5 and $6 today"]
    assert texts(r"a \$x\$ b") == ["a $x$ b"]
    assert texts("$ x $") == ["$ x $"]


def test_display_math_is_a_math_block_token() -> None:
    md = "before\n\n$$\n\\frac{QK^T}{\\sqrt{d_k}}\n$$\n\nafter\n"
    assert blocks(md) == [("math_block", "\n\\frac{QK^T}{\\sqrt{d_k}}\n")]


def test_display_math_inside_a_line_of_text_is_inline() -> None:
    assert texts(r"so $$x_1$$ here") == ["so x₁ here"]


def test_qkvdrill_fence_is_a_drill_token_other_fences_stay() -> None:
    md = "```qkvdrill\ntype: causal_mask\nlevel: 2\n```\n\n```yaml\na: 1\n```\n"
    assert blocks(md) == [(DRILL_TOKEN, "type: causal_mask\nlevel: 2\n"), ("fence", "a: 1\n")]


def test_inline_text_for_titles() -> None:
    assert inline_text(r"为什么要除以 $\sqrt{d_k}$？") == "为什么要除以 √dₖ？"
    assert inline_text(r"**粗体** 与 `code_x` 和 \*星号\*") == "粗体 与 code_x 和 *星号*"
    assert inline_text("[链接](x.md) - $O(n^2)$") == "链接 - O(n²)"


_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_MARKDOWNISH = st.lists(
    st.sampled_from(list("ab $\\_*\n>-`~{}^#|") + ["$$", "$x_1$", "```", "```qkvdrill\n", "\n\n", "中", "\\frac{"]),
    max_size=60,
).map("".join)


@_SETTINGS
@given(st.one_of(st.text(max_size=300), _MARKDOWNISH))
def test_parser_never_raises(markdown: str) -> None:
    assert isinstance(math_parser().parse(markdown), list)
    assert isinstance(inline_text(markdown), str)


@_SETTINGS
@given(st.one_of(st.text(max_size=300), _MARKDOWNISH).filter(lambda s: "$" not in s))
def test_without_dollars_the_tokens_are_textuals_own(markdown: str) -> None:
    def shape(tokens):  # noqa: ANN001, ANN202
        return [(t.type, t.content, [(c.type, c.content) for c in t.children or ()]) for t in tokens]

    ours = [t for t in math_parser().parse(markdown)]
    for token in ours:
        if token.type == DRILL_TOKEN:
            token.type = "fence"
    assert shape(ours) == shape(MarkdownIt("gfm-like").parse(markdown))


@_SETTINGS
@given(
    st.text(
        alphabet=st.characters(blacklist_characters="$\\\n\r`", blacklist_categories=("Cs", "Cc")),
        min_size=1,
        max_size=30,
    )
)
def test_an_inline_formula_is_exactly_its_conversion(tex: str) -> None:
    tex = tex.strip()
    if not tex:
        return
    assert texts(f"前 ${tex}$ 后") == [f"前 {latex_to_unicode(tex).replace(chr(10), '; ')} 后"]


def test_display_math_right_after_a_line_of_text_is_still_a_block() -> None:
    assert blocks("公式如下：\n$$\nx_1\n$$\n之后\n") == [("math_block", "\nx_1\n")]
    assert texts("公式如下：\n$$\nx_1\n$$\n之后\n") == ["公式如下：", "之后"]
    assert blocks("> 引用\n> $$\n> y^2\n> $$\n") == [("math_block", "\ny^2\n")]
    assert [t.type for t in math_parser().parse("- a\n  $$\n  z\n  $$\n")][:6] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "math_block",
    ]
    assert texts("文字\n$$x$$ 后面还有字\n") == ["文字 x 后面还有字"]
