"""Every note in a table. Typing filters at once (the filter has the keys from the start, Chinese
included); the table's own keys act on the selected note only when the table has the focus.

Search syntax (facade.search): plain words, "a phrase", tag:T, is:due|new|learning|suspended|
buried|missing|leech, and -term to leave out.

The search runs in the app's reader thread, a page of rows at a time (the whole library stays
browsable: nearing the end of the rows read reads the next page). A keystroke never waits for the
one before: the newest text is searched, older ones still waiting are skipped, and an answer that
arrives after a newer keystroke is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from qkvstudy.i18n import t
from qkvstudy.tui.format import format_due, state_label
from qkvstudy.tui.reader import Overtaken
from qkvstudy.tui.render import plain_line
from qkvstudy.tui.screens.confirm import ConfirmScreen
from qkvstudy.tui.undo import Action
from qkvstudy.tui.words import Translated
from qkvstudy.views import NEW, CardView

if TYPE_CHECKING:
    from qkvstudy.study import Study
    from qkvstudy.tui.app import QkvApp

SORT_KEYS = ("title", "topic", "state", "due", "stability", "reviews")
# Rows read at a time: a page is a few screens, so a keystroke costs one small query and a small
# table (10,000 rows cost ~1.3 s per keystroke; 100 a few ms, beyond the query).
ROW_LIMIT = 100
PAGE_AHEAD = 20  # rows before the end at which the next page is read


@dataclass(frozen=True)
class Page:
    """One page of a search, its rows ready for the table (built in the reader thread)."""

    cards: list[CardView]
    rows: list[list[Text]]
    more: bool  # the search has rows beyond this page
    count: int  # every match, not only this page's
    exact: bool  # False: `count` is an upper bound (facade.library_search)
    problems: tuple[str, ...]


def read_page(study: Study, text: str, sort: str, descending: bool, offset: int) -> Page:
    found = study.search(text, sort=sort, descending=descending, limit=ROW_LIMIT + 1, offset=offset)
    cards = found.cards[:ROW_LIMIT]
    now = study.clock()
    rows = [row_cells(c, now) for c in cards]
    return Page(cards, rows, len(found.cards) > ROW_LIMIT, found.count, found.count_exact, found.problems)


def row_cells(card: CardView, now: datetime) -> list[Text]:
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
        self.count: int | None = None  # every match (None until the first search is answered)
        self.searched: str | None = None  # the filter text whose rows are on screen
        self._text = ""
        self._problems: tuple[str, ...] = ()
        self._exact = True

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
        self.reload()  # at once, in the reader thread: a newer keystroke overtakes it

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
        self._search(self.query_one("#filter", Input).value.strip(), self.sort, self.descending)

    @work(exclusive=True, group="search")
    async def _search(self, text: str, sort: str, descending: bool) -> None:
        try:
            page = await self.app.read(lambda study: read_page(study, text, sort, descending, 0), latest="browse")
        except Overtaken:  # a newer keystroke's search is on its way
            return
        except Exception as error:  # a locked or broken database: one line, the screen stays
            self.notify(t("app.browse.cannot_search", error=error), severity="error")
            return
        table = self.query_one("#notes", NotesTable)
        selected = self.selected
        self._text, self.searched = text, text
        self.cards = list(page.cards)
        self.more, self.count, self._problems = page.more, page.count, page.problems
        self._exact = page.exact
        table.clear()
        table.add_rows(page.rows)
        # DataTable wants unique row keys; rows are looked up by index into self.cards instead.
        if selected is not None:
            for index, card in enumerate(self.cards):
                if card.card_id == selected.card_id:
                    table.move_cursor(row=index)
                    break
        self._show_status()

    @work(exclusive=True, group="page")
    async def _read_next_page(self) -> None:
        text, sort, descending, offset = self._text, self.sort, self.descending, len(self.cards)
        try:
            page = await self.app.read(lambda study: read_page(study, text, sort, descending, offset))
        except Exception as error:  # a locked or broken database: one line, the screen stays
            self.notify(t("app.browse.cannot_search", error=error), severity="error")
            return
        if (text, sort, descending, offset) != (self._text, self.sort, self.descending, len(self.cards)):
            return  # a new search replaced the rows meanwhile
        self.cards += page.cards
        self.more = page.more
        self.query_one("#notes", NotesTable).add_rows(page.rows)
        self._show_status()

    @on(DataTable.RowHighlighted, "#notes")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if self.more and event.cursor_row >= len(self.cards) - PAGE_AHEAD:
            self._read_next_page()

    def _show_status(self) -> None:
        count = self.count if self.count is not None else len(self.cards)
        parts = [t("app.browse.count" if self._exact else "app.browse.count_at_most", n=count)]
        if self._text:
            parts.append(t("app.browse.matching", text=self._text))
        if self.more:
            parts.append(t("app.browse.narrow"))
        if self._problems:
            parts.append(t("app.browse.not_understood", terms=" ".join(self._problems)))
        if not self._text:
            parts.append(t("app.browse.syntax"))
        arrow = "↓" if self.descending else "↑"
        parts.append(t("app.browse.sorted_by", column=t(f"app.browse.column.{self.sort}"), arrow=arrow))
        self.query_one("#browse-status", Static).update(Text(" · ".join(parts)))

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
