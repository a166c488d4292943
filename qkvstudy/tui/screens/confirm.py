"""A yes/no question before anything that cannot be undone (reset)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "是", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "否", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False, classes="dialog-title")
            yield Label("y：是   n：否", classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
