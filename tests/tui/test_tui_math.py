"""Math in the TUI: display formulas as 2-D blocks fitted to the width (or scrolled, never cut),
inline math as Unicode, qkvdrill fences as drill blocks; the bundled notes at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import settle, wait_for
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label

from qkvstudy.i18n import set_language
from qkvstudy.mathtext import cell_width
from qkvstudy.mathtext.markdown import math_parser
from qkvstudy.tui.widgets.math_markdown import DrillBlock, MathBlock, NoteMarkdown

NOTES = Path(__file__).resolve().parents[2] / "notes"

MATH_NOTE = r"""# 为什么除以 $\sqrt{d_k}$？

正文 $W_Q$ 与 $x_i^2$，表格：

| 维度 $d_k$ | 方差 |
|---|---|
| 64 | $\sigma^2 = d_k$ |

$$
M = \begin{pmatrix} 0 & -\infty & -\infty \\ 0 & 0 & -\infty \\ 0 & 0 & 0 \end{pmatrix},\qquad A = \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}} + M\right)
$$

$$
A_{ij} = \underbrace{q_i^T k_j}_{\text{内容-内容}} + \underbrace{q_i^T W_{k,R} R_{i-j}}_{\text{内容-位置}} + \underbrace{u^T k_j}_{\text{全局内容偏置}}
$$

$$
S'_{ij} = \begin{cases} S_{ij} & j \text{ 是真实 token} \\ -\infty & j \text{ 是 pad} \end{cases}
$$

```qkvdrill
type: causal_mask
level: 2
```
"""


class MathApp(App[None]):
    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown
        self.started: list[DrillBlock.Start] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield NoteMarkdown(self.markdown)

    def on_drill_block_start(self, message: DrillBlock.Start) -> None:
        self.started.append(message)


def shown_lines(block: MathBlock) -> list[str]:
    return str(block.query_one(Label).render()).split("\n")


def settled(app: MathApp) -> bool:
    blocks = list(app.query(MathBlock))
    return bool(blocks) and all(b.shown == b.math.lines(b.scrollable_content_region.width) for b in blocks)


async def test_display_math_is_laid_out_in_two_dimensions_at_80_columns() -> None:
    app = MathApp(MATH_NOTE)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for(pilot, lambda: settled(app))
        matrix, braces, cases = app.query(MathBlock)
        assert shown_lines(matrix) == [
            "    ⎛0  -∞  -∞⎞",
            "M = ⎜0  0   -∞⎟,    A = softmax(QKᵀ/√dₖ + M)",
            "    ⎝0  0   0 ⎠",
        ]
        assert "╰" in shown_lines(braces)[1] and "内容-内容" in shown_lines(braces)[2]
        assert [line[7] for line in shown_lines(cases)] == ["⎧", "⎩"]
        for block in (matrix, braces, cases):
            assert max(cell_width(line) for line in shown_lines(block)) <= block.scrollable_content_region.width
            assert block.max_scroll_x == 0 and not block.can_focus


async def test_inline_math_in_headings_paragraphs_and_tables() -> None:
    app = MathApp(MATH_NOTE)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for(pilot, lambda: settled(app))
        text = " ".join(str(widget.render()) for widget in app.query("MarkdownBlock, MarkdownTableContent *"))
        for expected in ("为什么除以 √dₖ？", "W_Q", "xᵢ²", "σ² = dₖ", "维度 dₖ"):
            assert expected in text
        assert "$" not in text


async def test_a_formula_wider_than_the_screen_scrolls_sideways_and_is_never_cut() -> None:
    wide = "x = \\mathrm{" + "a" * 60 + "b" + "}"
    app = MathApp(f"$$\n{wide}\n$$\n")
    async with app.run_test(size=(50, 12)) as pilot:
        await wait_for(pilot, lambda: settled(app))
        block = app.query_one(MathBlock)
        assert shown_lines(block) == ["x = " + "a" * 60 + "b"]
        assert block.can_focus and block.max_scroll_x > 0
        block.focus()
        await pilot.press("right", "right", "right")
        await wait_for(pilot, lambda: block.scroll_x > 0)


async def test_resizing_refits_the_formula() -> None:
    app = MathApp("$$\na = 1,\\qquad b = 2,\\qquad c = \\mathrm{" + "c" * 30 + "}\n$$\n")
    async with app.run_test(size=(100, 12)) as pilot:
        await wait_for(pilot, lambda: settled(app))
        block = app.query_one(MathBlock)
        assert len(shown_lines(block)) == 1
        await pilot.resize_terminal(36, 12)
        await wait_for(pilot, lambda: settled(app) and len(block.shown) == 2)
        assert shown_lines(block) == ["a = 1,    b = 2,", "c = " + "c" * 30]


@pytest.mark.parametrize(("language", "title", "level"), [("zh", "▶ 练习：", "难度 2"), ("en", "▶ Drill: ", "level 2")])
async def test_a_qkvdrill_fence_is_a_drill_block_that_asks_to_start(language: str, title: str, level: str) -> None:
    set_language(language)
    try:
        app = MathApp(MATH_NOTE)
        async with app.run_test(size=(80, 40)) as pilot:
            await wait_for(pilot, lambda: bool(app.query(DrillBlock)))
            block = app.query_one(DrillBlock)
            text = " ".join(str(label.render()) for label in block.query(Label))
            assert text.startswith(title) and level in text and "type:" not in text
            block.focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: bool(app.started))
            assert app.started[0].drill.type_id == "causal_mask" and app.started[0].drill.level == 2
            assert app.started[0].drill.spec == "type: causal_mask\nlevel: 2\n"
    finally:
        set_language("zh")


async def test_a_broken_drill_spec_still_shows_a_block() -> None:
    app = MathApp("```qkvdrill\n: : [\n```\n")
    async with app.run_test(size=(80, 12)) as pilot:
        await wait_for(pilot, lambda: bool(app.query(DrillBlock)))
        assert "未知的练习类型 ?" in str(app.query_one(DrillBlock).query_one(Label).render())


async def test_every_bundled_display_formula_fits_80_columns() -> None:
    """The rule of issue 11 on the real widget: no display formula of the bundled notes needs scrolling."""
    formulas = [
        token.content
        for path in sorted(NOTES.rglob("*.md"))
        for token in math_parser().parse(path.read_text(encoding="utf-8"))
        if token.type == "math_block"
    ]
    assert len(formulas) >= 59
    app = MathApp("\n".join(f"$$\n{tex.strip()}\n$$\n" for tex in formulas))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(app.query(MathBlock)) == len(formulas) and settled(app))
        for block in app.query(MathBlock):
            width = block.scrollable_content_region.width
            assert width >= 68
            assert max(cell_width(line) for line in shown_lines(block)) <= width, block.shown
            assert block.max_scroll_x == 0


@pytest.mark.parametrize("size", [(80, 40), (160, 45)], ids=["80x40", "160x45"])
def test_snapshot_math_note(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    """A note with a matrix, underbraces, cases, inline math in a heading and a table, and a drill block."""
    app = MathApp(MATH_NOTE)

    async def ready(pilot) -> None:  # noqa: ANN001
        await wait_for(pilot, lambda: settled(app) and bool(app.query(DrillBlock)))

    assert snap_compare(app, terminal_size=size, run_before=ready)


async def test_review_shows_the_notes_display_math_as_a_block(make_app) -> None:  # noqa: ANN001
    """In the real review screen: the question's math converted, the details' display formula a MathBlock."""
    from qkvstudy.tui.screens.review import Phase, ReviewScreen

    app = make_app(start="review", topic="Math")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert str(review.query_one("#question").render()) == "为什么注意力要除以 √dₖ？"
        await pilot.press("space")
        await settle(pilot, lambda: review.phase is Phase.ANSWER)
        await pilot.press("t")
        await wait_for(pilot, lambda: review.query_one("#details").loaded and bool(review.query(MathBlock)))
        block = review.query_one(MathBlock)
        await wait_for(pilot, lambda: block.shown == block.math.lines(block.scrollable_content_region.width))
        assert shown_lines(block) == ["Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V"]
