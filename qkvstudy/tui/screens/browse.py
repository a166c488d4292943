"""Every note in a table. Typing filters at once (the filter has the keys from the start, Chinese
included); the table's own keys act on the selected note only when the table has the focus.

Search syntax (facade.search): plain words, "a phrase", tag:T, is:due|new|learning|suspended|
buried|missing|leech, and -term to leave out.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from qkvstudy.i18n import t
from qkvstudy.tui.format import format_due, state_label
from qkvstudy.tui.render import plain_line
from qkvstudy.tui.screens.confirm import ConfirmScreen
from qkvstudy.tui.undo import Action
from qkvstudy.tui.words import Translated
from qkvstudy.views import NEW, CardView

if TYPE_CHECKING:
    from qkvstudy.tui.app import QkvApp

SORT_KEYS = ("title", "topic", "state", "due", "stability", "reviews")
# Rows read at a time. 10,000 rows cost ~1.3 s per keystroke (query + table); 500 cost ~0.1 s.
# The whole library stays browsable: reaching the end of the rows read reads the next page.
ROW_LIMIT = 500
PAGE_AHEAD = 5  # rows before the end at which the next page is read


class NotesTable(Translated, DataTable[Text]):
    """The table's letter keys work only while it has the focus: typed elsewhere they are text."""

    BINDINGS = [
        Binding("s", "screen.toggle_suspend", "app.key.suspend_toggle", id="browse.suspend"),
        Binding("R", "screen.reset", "app.key.reset", id="browse.reset"),
        Binding("o", "screen.next_sort", "app.key.sort", id="browse.sort"),
        Binding("O", "screen.reverse_sort", "app.key.reverse", id="browse.reverse", show=False),
        Binding("u", "app.undo", "app.key.undo", id="browse.undo"),
        Binding("slash", "screen.focus_filter", "app.key.filter", id="browse.filter"),
        Binding("i", "screen.card_info", "app.key.card_info", id="browse.card_info", show=False),
    ]


class BrowseScreen(Translated, Screen[None]):
    BINDINGS = [
        Binding("down,tab", "focus_table", "app.key.to_table", id="browse.to_table", show=False),
        Binding("ctrl+s", "toggle_suspend", "app.key.suspend_toggle", id="browse.suspend_any", show=False),
        Binding("ctrl+o", "next_sort", "app.key.sort", id="browse.sort_any", show=False),
        Binding("f1", "app.help", "app.key.help", id="browse.help"),
        Binding("escape", "close", "app.key.back", id="browse.close"),
    ]

    app: QkvApp

    def __init__(self) -> None:
        super().__init__()
        self.sort = "due"
        self.descending = False
        self.cards: list[CardView] = []
        self.more = False  # the search has rows beyond those read
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("app.browse.placeholder"), id="filter")
        yield NotesTable(id="notes", cursor_type="row", zebra_stripes=True)
        yield Static("", id="browse-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.app.cursor_blink
        table = self.query_one("#notes", NotesTable)
        for key in SORT_KEYS:
            table.add_column(t(f"app.browse.column.{key}"), key=key)
        self.reload()
        self.query_one("#filter").focus()  # typing filters from the first key

    # Filtering and sorting.

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.reload()  # at once: 500 rows at most, a few ms

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.action_focus_table()

    @on(DataTable.HeaderSelected, "#notes")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        self.descending = not self.descending if key == self.sort else False
        self.sort = key
        self.reload()

    def action_next_sort(self) -> None:
        self.sort = SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)]
        self.descending = False
        self.reload()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#filter").focus()

    def action_focus_table(self) -> None:
        self.query_one("#notes").focus()

    def reload(self) -> None:
        """Run the search from the start (a new filter or sort); the selected note stays selected."""
        text = self.query_one("#filter", Input).value.strip()
        table = self.query_one("#notes", NotesTable)
        selected = self.selected
        self._text = text
        self.cards = []
        self.more = False
        table.clear()
        problems = self._read_page()
        # DataTable wants unique row keys; rows are looked up by index into self.cards instead.
        if selected is not None:
            for index, card in enumerate(self.cards):
                if card.card_id == selected.card_id:
                    table.move_cursor(row=index)
                    break
        self._show_status(problems)

    def _read_page(self) -> tuple[str, ...]:
        found = self.app.study.search(
            self._text, sort=self.sort, descending=self.descending, limit=ROW_LIMIT + 1, offset=len(self.cards)
        )
        page = found.cards
        self.more = len(page) > ROW_LIMIT
        del page[ROW_LIMIT:]
        now = self.app.study.clock()
        self.cards += page
        self.query_one("#notes", NotesTable).add_rows(self._row(c, now) for c in page)
        return found.problems

    @on(DataTable.RowHighlighted, "#notes")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if self.more and event.cursor_row >= len(self.cards) - PAGE_AHEAD:
            self._show_status(self._read_page())

    def _show_status(self, problems: tuple[str, ...]) -> None:
        parts = [t("app.browse.first_n", n=len(self.cards)) if self.more else t("app.browse.count", n=len(self.cards))]
        if self._text:
            parts.append(t("app.browse.matching", text=self._text))
        if self.more:
            parts.append(t("app.browse.narrow"))
        if problems:
            parts.append(t("app.browse.not_understood", terms=" ".join(problems)))
        if not self._text:
            parts.append(t("app.browse.syntax"))
        arrow = "↓" if self.descending else "↑"
        parts.append(t("app.browse.sorted_by", column=t(f"app.browse.column.{self.sort}"), arrow=arrow))
        self.query_one("#browse-status", Static).update(Text(" · ".join(parts)))

    @staticmethod
    def _row(card: CardView, now: datetime) -> list[Text]:
        if card.missing:
            state = t("app.browse.missing")
        elif card.suspended:
            state = t("app.browse.suspended")
        elif card.buried:
            state = t("app.browse.buried")
        else:
            state = state_label(card.state)
        stability = t("common.unit.days", n=f"{card.stability:.1f}") if card.stability is not None else "–"
        return [
            Text(plain_line(card.title), overflow="ellipsis", no_wrap=True),
            Text(card.topic),
            Text(state),
            Text("–" if card.state == NEW else format_due(card.due, now)),
            Text(stability, justify="right"),
            Text(str(card.reviews), justify="right"),
        ]

    # Acting on the selected note.

    @property
    def selected(self) -> CardView | None:
        table = self.query_one("#notes", NotesTable)
        if not self.cards or table.row_count == 0:
            return None
        row = table.cursor_row
        return self.cards[row] if 0 <= row < len(self.cards) else None

    @on(DataTable.RowSelected, "#notes")
    def _row_chosen(self) -> None:
        card = self.selected
        if card is not None and card.note_id is not None and not card.missing:
            self.app.open_note(card.note_id)

    def action_card_info(self) -> None:
        if self.selected is not None:
            self.app.open_card_info(self.selected.card_id)

    def action_toggle_suspend(self) -> None:
        card = self.selected
        if card is None:
            return
        if card.suspended:
            self.app.study.unsuspend(card.card_id)
            self.notify(t("app.browse.unsuspended"), timeout=2)
        else:
            self.app.undo_stack.act(self.app.study, Action.SUSPEND, card)
            self.notify(t("app.browse.suspended_done"), timeout=2)
        self.reload()

    def action_reset(self) -> None:
        card = self.selected
        if card is None:
            return

        def reset(yes: bool | None) -> None:
            if yes:
                self.app.undo_stack.act(self.app.study, Action.RESET, card)
                self.notify(t("app.browse.reset_done"), timeout=3)
                self.reload()

        self.app.push_screen(ConfirmScreen(t("app.browse.reset_question", title=plain_line(card.title))), reset)

    def on_undid(self) -> None:
        if self.is_mounted:
            self.reload()

    def action_close(self) -> None:
        field = self.query_one("#filter", Input)
        if self.focused is field and field.value:
            field.value = ""
            return
        self.dismiss(None)
