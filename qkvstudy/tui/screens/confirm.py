"""A yes/no question before anything that cannot be undone (reset)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from qkvstudy.i18n import t
from qkvstudy.tui.words import Translated


class ConfirmScreen(Translated, ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "app.key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "app.key.no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False, classes="dialog-title")
            yield Label(t("app.confirm.hint"), classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
