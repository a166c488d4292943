"""A note's Markdown with its math: inline formulas as Unicode text, display formulas as 2-D blocks.

:class:`NoteMarkdown` is Textual's ``Markdown`` with :func:`qkvstudy.mathtext.markdown.math_parser`
(the parser finds the math; nothing is rewritten before parsing).  Display formulas become
:class:`MathBlock`: laid out again for its width on every resize, breaking at ``\\quad`` gaps and
top-level relations, and scrolling sideways (focus it, then ←/→) when a piece is still too wide,
so a formula is never cut.  A ```` ```qkvdrill ```` fence becomes a :class:`DrillBlock`: the drill's
title and level instead of its YAML; Enter or a click on it posts :class:`DrillBlock.Start`
for the screen to open the drill.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from markdown_it.token import Token
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Markdown
from textual.widgets._markdown import MarkdownBlock

from qkvstudy.i18n import t
from qkvstudy.mathtext import DisplayMath, cell_width, display_math
from qkvstudy.mathtext.markdown import DRILL_TOKEN, math_parser


class MathBlock(MarkdownBlock):
    """One display formula, fitted to its width; wider pieces scroll sideways."""

    DEFAULT_CSS = """
    MathBlock {
        width: 1fr;
        height: auto;
        padding: 0 2;
        margin: 0 0 1 0;
        overflow-x: auto;
        overflow-y: hidden;
        scrollbar-size-horizontal: 1;
        &:focus { background: $boost; }
        & > Label { width: auto; text-wrap: nowrap; }
    }
    """
    BINDINGS = [
        Binding("left", "scroll_left", show=False, id="math.left"),
        Binding("right", "scroll_right", show=False, id="math.right"),
    ]

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self.math: DisplayMath = display_math(token.content)
        # A first guess at the width (the screen's, less the Markdown's padding) until the first resize.
        self.shown: list[str] = self.math.lines(max(self.app.size.width - 8, 20))

    def compose(self) -> ComposeResult:
        yield Label(Content("\n".join(self.shown)), markup=False)

    def on_resize(self, event: events.Resize) -> None:
        # After this layout pass: a size change of the Label inside it would be lost in the middle of one.
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        shown = self.math.lines(width)
        self.can_focus = max((cell_width(line) for line in shown), default=0) > width
        if shown != self.shown:
            self.shown = shown
            self.query_one(Label).update(Content("\n".join(shown)))


@dataclass(frozen=True)
class DrillInfo:
    type_id: str
    level: int
    spec: str  # the block's YAML: what the note's drill card holds (views.CardView.drill_spec)


def drill_info(spec: str) -> DrillInfo:
    """The type and level a qkvdrill block asks for; a spec that does not parse shows as unknown."""
    try:
        data = yaml.safe_load(spec)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        data = {}
    level = data.get("level", 1)
    return DrillInfo(str(data.get("type", "?")), level if isinstance(level, int) else 1, spec)


def drill_title(type_id: str) -> str:
    from qkvstudy.drills import DRILL_TYPES  # here: NumPy is slow to import and only drills need it

    known = DRILL_TYPES.get(type_id)
    return known.title if known else t("math.drill.unknown", type=type_id)


class DrillBlock(MarkdownBlock):
    """A qkvdrill fence shown as the drill it starts."""

    DEFAULT_CSS = """
    DrillBlock {
        width: 1fr;
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $accent;
        background: $accent 10%;
        &:focus { background: $accent 25%; }
    }
    """
    BINDINGS = [Binding("enter", "start", show=False, id="math.drill.start")]
    can_focus = True

    class Start(Message):
        """Open this drill (posted on Enter or a click)."""

        def __init__(self, block: DrillBlock, drill: DrillInfo) -> None:
            super().__init__()
            self.block = block
            self.drill = drill

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self.drill = drill_info(token.content)

    def compose(self) -> ComposeResult:
        title = drill_title(self.drill.type_id)
        yield Label(Content(t("math.drill.title", title=title, level=self.drill.level)), markup=False)
        yield Label(Content(t("math.drill.hint")), markup=False, classes="drill-hint")

    def action_start(self) -> None:
        self.post_message(self.Start(self, self.drill))

    def on_click(self) -> None:
        self.action_start()


class NoteMarkdown(Markdown):
    """Textual's Markdown with math and drill blocks."""

    def __init__(self, markdown: str | None = None, **kwargs: object) -> None:
        super().__init__(markdown, parser_factory=math_parser, **kwargs)  # type: ignore[arg-type]

    def unhandled_token(self, token: Token) -> MarkdownBlock | None:
        if token.type == "math_block":
            return MathBlock(self, token)
        if token.type == DRILL_TOKEN:
            return DrillBlock(self, token)
        return None
