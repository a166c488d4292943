"""Every note in a table: filter as you type (title and body, Chinese too), sort, suspend, reset."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from qkvstudy.tui.format import format_due, state_label
from qkvstudy.tui.render import plain_line
from qkvstudy.tui.screens.confirm import ConfirmScreen
from qkvstudy.views import NEW, CardView

# (column key, header, how to sort locally if the Study does not know the key)
COLUMNS = (
    ("title", "标题", lambda c: c.title),
    ("topic", "主题", lambda c: c.topic),
    ("state", "状态", lambda c: (c.suspended, c.state)),
    ("due", "到期", lambda c: c.due),
    ("stability", "稳定性", lambda c: c.stability or 0.0),
    ("reviews", "复习数", lambda c: c.reviews),
)
SORT_KEYS = [key for key, _, _ in COLUMNS]
FILTER_DELAY = 0.15  # seconds of quiet typing before the query runs
# Rows shown at once. 10,000 rows cost ~1.3 s per keystroke (query + table); 500 cost ~0.1 s,
# and nobody scrolls past 500 notes: typing a few characters narrows it instead.
ROW_LIMIT = 500


class BrowseScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "打开", id="browse.open", show=False),
        Binding("slash", "focus_filter", "筛选", id="browse.filter"),
        Binding("o", "next_sort", "排序", id="browse.sort"),
        Binding("O", "reverse_sort", "倒序", id="browse.reverse", show=False),
        Binding("s", "toggle_suspend", "暂停", id="browse.suspend"),
        Binding("S", "unsuspend", "恢复", id="browse.unsuspend", show=False),
        Binding("R", "reset", "重置", id="browse.reset"),
        Binding("i", "card_info", "卡片信息", id="browse.card_info", show=False),
        Binding("question_mark", "app.help", "帮助", id="browse.help"),
        Binding("escape,q", "close", "返回", id="browse.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "due"
        self.descending = False
        self.cards: list[CardView] = []
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ 筛选：标题或正文", id="filter")
        yield DataTable(id="notes", cursor_type="row", zebra_stripes=True)
        yield Static("", id="browse-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.app.cursor_blink
        table = self.query_one("#notes", DataTable)
        for key, header, _ in COLUMNS:
            table.add_column(header, key=key)
        self.reload()
        table.focus()

    # Filtering and sorting.

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.reload)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.reload()
        self.query_one("#notes").focus()

    @on(DataTable.HeaderSelected, "#notes")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
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

    def _query(self, text: str) -> list[CardView]:
        study = self.app.study
        try:
            return study.browse(text, sort=self.sort, descending=self.descending, limit=ROW_LIMIT + 1)
        except (ValueError, KeyError):  # a sort key the core does not offer: sort here
            order = dict((k, f) for k, _, f in COLUMNS)[self.sort]
            return sorted(study.browse(text), key=order, reverse=self.descending)[: ROW_LIMIT + 1]

    def reload(self) -> None:
        self._filter_timer = None
        text = self.query_one("#filter", Input).value.strip()
        table = self.query_one("#notes", DataTable)
        selected = self.selected
        self.cards = self._query(text)
        more = len(self.cards) > ROW_LIMIT
        del self.cards[ROW_LIMIT:]
        now = self.app.study.clock()
        table.clear()
        table.add_rows(self._row(c, now) for c in self.cards)
        # DataTable wants unique row keys; rows are looked up by index into self.cards instead.
        if selected is not None:
            for index, card in enumerate(self.cards):
                if card.card_id == selected.card_id:
                    table.move_cursor(row=index)
                    break
        arrow = "↓" if self.descending else "↑"
        where = f" · 匹配“{text}”" if text else ""
        count = f"前 {ROW_LIMIT} 条笔记" if more else f"{len(self.cards)} 条笔记"
        hint = "（继续输入以缩小范围）" if more else ""
        header = dict((k, h) for k, h, _ in COLUMNS).get(self.sort, self.sort)
        self.query_one("#browse-status", Static).update(Text(f"{count}{where}{hint} · 排序：{header} {arrow}"))

    @staticmethod
    def _row(card: CardView, now) -> list:
        state = "已暂停" if card.suspended else ("已搁置" if card.buried else state_label(card.state))
        if card.missing:
            state = "文件缺失"
        return [
            Text(plain_line(card.title), overflow="ellipsis", no_wrap=True),
            Text(card.topic),
            Text(state),
            Text("–" if card.state == NEW else format_due(card.due, now)),
            Text(f"{card.stability:.1f}d" if card.stability is not None else "–", justify="right"),
            Text(str(card.reviews), justify="right"),
        ]

    # Acting on the selected note.

    @property
    def selected(self) -> CardView | None:
        table = self.query_one("#notes", DataTable)
        if not self.cards or table.row_count == 0:
            return None
        row = table.cursor_row
        return self.cards[row] if 0 <= row < len(self.cards) else None

    @on(DataTable.RowSelected, "#notes")
    def _row_chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        card = self.selected
        if card is not None and card.note_id is not None and not card.missing:
            self.app.open_note(card.note_id)

    def _refresh_selected(self) -> None:
        self.reload()

    def action_card_info(self) -> None:
        if self.selected is not None:
            self.app.open_card_info(self.selected.card_id)

    def action_toggle_suspend(self) -> None:
        card = self.selected
        if card is None:
            return
        if card.suspended:
            self.app.study.unsuspend(card.card_id)
            self.notify("已恢复。", timeout=2)
        else:
            self.app.study.suspend(card.card_id)
            self.notify("已暂停：复习时不再出现。", timeout=2)
        self._refresh_selected()

    def action_unsuspend(self) -> None:
        card = self.selected
        if card is not None and card.suspended:
            self.app.study.unsuspend(card.card_id)
            self.notify("已恢复。", timeout=2)
            self._refresh_selected()

    def action_reset(self) -> None:
        card = self.selected
        if card is None:
            return

        def reset(yes: bool | None) -> None:
            if yes:
                self.app.study.reset(card.card_id)
                self.notify("已重置：这条笔记重新成为新卡。", timeout=3)
                self._refresh_selected()

        self.app.push_screen(ConfirmScreen(f"将“{plain_line(card.title)}”重置为新卡？复习进度将从头开始。"), reset)

    def action_close(self) -> None:
        if self.focused is self.query_one("#filter") and self.query_one("#filter", Input).value:
            self.query_one("#filter", Input).value = ""
            return
        self.dismiss(None)
