"""End of a review session: what was done, in one small box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from qkvstudy.tui.format import format_duration


class SummaryScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("enter,escape,q,space", "close", "返回首页", id="summary.close"),
    ]

    def __init__(self, *, title: str, reviewed: int, again: int, seconds: float, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.reviewed = reviewed
        self.again = again
        self.seconds = seconds
        self.note = note

    def compose(self) -> ComposeResult:
        again_rate = f"{self.again / self.reviewed:.0%}" if self.reviewed else "–"
        with Vertical(id="summary-box", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(
                Content.from_markup(
                    "已复习  [b]$reviewed[/b]\n重来率  [b]$again_rate[/b]（$again）\n用时    [b]$time[/b]",
                    reviewed=str(self.reviewed),
                    again_rate=again_rate,
                    again=str(self.again),
                    time=format_duration(self.seconds),
                ),
                id="summary-text",
            )
            if self.note:
                yield Static(self.note, markup=False, classes="dialog-note")
            yield Label("enter：返回首页", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
