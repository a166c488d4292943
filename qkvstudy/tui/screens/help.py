"""Every key of the screen below and of the app, with the binding id a keymap can remap."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from qkvstudy.i18n import t
from qkvstudy.tui import prefs
from qkvstudy.tui.words import Translated


def key_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for what is active on `screen`, one row per binding."""
    rows: dict[str, tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description or not binding.id:
            continue  # Textual's own scrolling/focus keys are summed up in one line below
        ident = binding.id
        keys, _ = rows.setdefault(ident, ([], binding.description))
        display = screen.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" ".join(keys), description, ident) for ident, (keys, description) in rows.items()]


class HelpScreen(Translated, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "app.key.close", id="help.close"),
    ]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.rows = key_rows(below)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Label(t("app.help.title"), classes="dialog-title")
            yield DataTable(id="help-keys", cursor_type="none", zebra_stripes=True)
            yield Static(
                t("app.help.hint", path=prefs.prefs_path()) + '\n{"keymap": {"review.good": "g"}}',
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("app.help.keys"), t("app.help.action"), "ID")
        for keys, description, ident in self.rows:
            table.add_row(Text(keys), Text(description), Text(ident, style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
