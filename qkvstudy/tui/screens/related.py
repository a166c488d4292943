"""A note's related notes (its `## 相关笔记` links); enter opens one read-only."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from qkvstudy.tui.render import plain_line
from qkvstudy.views import RelatedLink


class RelatedScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,o", "close", "关闭", id="related.close"),
    ]

    def __init__(self, links: tuple[RelatedLink, ...]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="related-box", classes="dialog"):
            yield Label("相关笔记", classes="dialog-title")
            if not self.links:
                yield Label("这条笔记没有列出相关笔记。", classes="dialog-note")
            options = []
            for index, link in enumerate(self.links):
                similarity = f"{link.similarity}%" if link.similarity is not None else ""
                missing = "" if link.note_id is not None else "  （不在笔记库中）"
                options.append(
                    Option(
                        Content.from_markup(
                            "$title [dim]$similarity$missing[/]",
                            title=plain_line(link.title),
                            similarity=similarity,
                            missing=missing,
                        ),
                        id=str(index),
                        disabled=link.note_id is None,
                    )
                )
            yield OptionList(*options, id="related-list")
            yield Label("enter：打开   esc：关闭", classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        link = self.links[int(event.option.id)]
        if link.note_id is not None:
            self.app.open_note(link.note_id)

    def action_close(self) -> None:
        self.dismiss(None)
