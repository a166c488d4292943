"""End of a review session: what was done, what is due tomorrow; enter goes home, u undoes.

It stays until asked to go: a stray key (space, a grade typed once too often) does nothing.
"""

from __future__ import annotations

from enum import Enum, auto
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from qkvstudy.i18n import t
from qkvstudy.tui.format import format_duration
from qkvstudy.tui.words import Translated

if TYPE_CHECKING:
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.views import Counts


class SummaryChoice(Enum):
    HOME = auto()
    UNDO = auto()  # back to the session, with the last action taken back


class SummaryScreen(Translated, ModalScreen[SummaryChoice]):
    BINDINGS = [
        Binding("enter,escape", "close", "app.key.home", id="summary.close"),
        Binding("u", "undo", "app.key.undo", id="summary.undo"),
    ]

    app: QkvApp

    def __init__(
        self, *, title: str, reviewed: int, again: int, seconds: float, tomorrow: Counts | None = None, note: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.reviewed = reviewed
        self.again = again
        self.seconds = seconds
        self.tomorrow = tomorrow
        self.note = note

    def compose(self) -> ComposeResult:
        again_rate = f"{self.again / self.reviewed:.0%}" if self.reviewed else "–"
        with Vertical(id="summary-box", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(
                Content.from_markup(
                    t("app.summary.text"),
                    reviewed=str(self.reviewed),
                    again_rate=again_rate,
                    again=str(self.again),
                    time=format_duration(self.seconds),
                ),
                id="summary-text",
            )
            if self.tomorrow is not None:
                c = self.tomorrow
                yield Static(
                    Content.from_markup(
                        t("app.summary.tomorrow"),
                        total=str(c.new + c.learning + c.due),
                        due=str(c.due),
                        learning=str(c.learning),
                        new=str(c.new),
                    ),
                    id="summary-tomorrow",
                )
            if self.note:
                yield Static(self.note, markup=False, classes="dialog-note")
            yield Label(t("app.summary.hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(SummaryChoice.HOME)

    def action_undo(self) -> None:
        if len(self.app.undo_stack) == 0:
            self.notify(t("app.undo.nothing"))
            return
        self.dismiss(SummaryChoice.UNDO)
