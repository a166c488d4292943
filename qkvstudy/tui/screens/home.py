"""Home: topics with their counts, today's progress, what comes next; the library scan shows here."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static

from qkvstudy.i18n import t
from qkvstudy.tui.app import ScanFinished, ScanProgress, Undid
from qkvstudy.tui.format import format_due, format_duration
from qkvstudy.tui.render import plain_line
from qkvstudy.tui.words import Translated
from qkvstudy.views import NEW, CardView, Counts, DayStats, TopicCount

if TYPE_CHECKING:
    from qkvstudy.study import Study
    from qkvstudy.tui.app import QkvApp

NextUp = tuple[CardView | None, int | None, datetime]  # the next card, the queue's size (None: from the counts), now

ALL_TOPICS = "All topics"  # the row key of the first row
COLUMNS = ("topic", "new", "learning", "due", "total", "suspended")  # the counts: see Study.counts
WIDE = 120  # from this many columns, today and next-up sit beside the topics instead of around them


class HomeScreen(Translated, Screen[None]):
    BINDINGS = [
        Binding("r", "review", "app.key.review", id="home.review"),
        Binding("d", "drills", "app.key.drills", id="home.drills"),
        Binding("b", "browse", "app.key.browse", id="home.browse"),
        Binding("u", "app.undo", "app.key.undo", id="home.undo"),
        Binding("s", "stats", "app.key.stats", id="home.stats", show=False),
        Binding("ctrl+r", "rescan", "app.key.rescan", id="home.rescan", show=False),
        Binding("question_mark", "app.help", "app.key.help", id="home.help"),
        Binding("q", "app.quit", "app.key.quit", id="home.quit"),
    ]

    app: QkvApp

    def __init__(self) -> None:
        super().__init__()
        self.counts_shown = False  # the first numbers (all topics' row) are on screen
        self._counts_read = False  # every count, and today's line, have arrived at least once
        self._next_up_read = False
        self._left: Counts | None = None  # what is left today, all topics (the table's first row)

    @property
    def loaded(self) -> bool:
        """Everything home shows has arrived at least once (tests and the benchmark wait for this)."""
        return self._counts_read and self._next_up_read

    def compose(self) -> ComposeResult:
        with Horizontal(id="scan-row"):
            yield Label(t("app.home.scanning"), id="scan-label")
            yield ProgressBar(id="scan-bar", show_eta=False)
        with Horizontal(id="home-body"):
            yield DataTable(id="topics", cursor_type="row", zebra_stripes=True)
            with Vertical(id="home-side"):
                yield Static("…", id="today")
                yield Static("…", id="next-up")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#today").border_title = t("app.home.today")
        self.query_one("#next-up").border_title = t("app.home.next_up")
        table = self.query_one("#topics", DataTable)
        table.border_title = t("app.home.topics_title")
        self._add_columns(table, topic_width=None)
        self.query_one("#scan-row").display = self.app.scanning
        # Counts after the first paint: a worker busy with SQL competes for the GIL.
        self.call_after_refresh(self.refresh_counts)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")

    def on_screen_resume(self) -> None:
        if self.counts_shown:  # back from another screen (the first showing reads them from on_mount)
            self.refresh_counts()

    @property
    def selected_topic(self) -> str | None:
        table = self.query_one("#topics", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key in (None, ALL_TOPICS) else key

    def refresh_counts(self, *, topics: bool = True) -> None:
        """Counts come from the app's reader thread, a query at a time, each shown as it arrives:
        on a large library they take a while, and the screen (keys, palette) stays usable meanwhile."""
        if topics:
            self._load_counts()
        if self.counts_shown or self.app.file_counts is None:
            self._load_next_up(self.selected_topic)
        # Else the first counts come from the file first; what comes next follows them (_load_counts).

    @work(exclusive=True, group="counts")
    async def _load_counts(self) -> None:
        try:
            if not self.counts_shown:
                await self._show_file_counts()
            # The all-topics row first: one query, and the numbers the user came for.
            left = await self.app.read(lambda study: study.counts())
            self._left = left
            self._show_topics(None, self.selected_topic, left)
            self.counts_shown = True
            self.call_after_refresh(self.app.home_counted)  # once these numbers are painted
            topics = await self.app.read(lambda study: study.topics())
            self._show_topics(topics, self.selected_topic, left)
            stats = await self.app.read(lambda study: study.day_stats())
            self._show_today(stats, left)
        except Exception as error:  # a locked or broken database: say so in one line
            self.app.home_counted()
            self.notify(t("app.home.cannot_read", error=error), severity="error")
            return
        self._counts_read = True

    async def _show_file_counts(self) -> None:
        """The first numbers without waiting for a Study: read from the database file with sqlite3
        alone (facade.quick_counts), the same counts the Study gives on SQLite. Importing SQLAlchemy
        and opening the Study would take several times as long, so they follow, in the same thread,
        once these are read (the next card, then the Study's own counts, which refresh these)."""
        try:
            left = await self.app.read_file(lambda file: file.counts())
            if left is not None:
                self._left = left
                self._show_topics(None, self.selected_topic, left)
                self.counts_shown = True
                topics = await self.app.read_file(lambda file: file.topics())
                if topics is not None:
                    self._show_topics(topics, self.selected_topic, left)
        finally:
            if self.app.file_counts is not None:
                self._load_next_up(self.selected_topic)

    @work(exclusive=True, group="next-up")
    async def _load_next_up(self, topic: str | None) -> None:
        def read(study: Study) -> NextUp:
            # All topics' queue is the first row's "left": no second count when it is known.
            size = study.queue_size(topic=topic) if topic is not None or self._left is None else None
            return study.next_card(topic=topic), size, study.clock()

        try:
            card, size, now = await self.app.read(read, fresh=True)  # (the queue's order is cached)
        except Exception as error:
            self.notify(t("app.home.cannot_read", error=error), severity="error")
            return
        if topic != self.selected_topic:  # the cursor moved meanwhile
            self._load_next_up(self.selected_topic)
            return
        if size is None:
            size = self._left.left if self._left is not None else 0
        self._show_next_up(topic, card, size, now)
        self._next_up_read = True

    @staticmethod
    def _add_columns(table: DataTable[object], topic_width: int | None) -> None:
        for key in COLUMNS:
            table.add_column(t(f"app.count.{key}"), key=key, width=topic_width if key == "topic" else None)

    def _show_topics(
        self, topics: list[TopicCount] | None, selected: str | None, overall: Counts | None = None
    ) -> None:
        """The table; `topics` None: only the all-topics row's numbers (the topics' rows follow)."""
        table = self.query_one("#topics", DataTable)
        if topics is None:
            if table.row_count and overall is not None:  # a refresh: the topics' rows stay meanwhile
                for f in COLUMNS[1:]:
                    table.update_cell(ALL_TOPICS, f, getattr(overall, f, 0))
                return
            topics = []
        selected = self.selected_topic if table.row_count else selected
        all_label, no_topic = t("app.home.all_topics"), t("app.home.no_topic")
        names = [all_label] + [topic.topic or no_topic for topic in topics]
        # The topic column gets its width now, from its longest name: left to DataTable, it is
        # measured only when the app is next idle, and a frame painted before that cuts long
        # names (a CJK name like "Attention变体" is wider than its length in characters).
        table.clear(columns=True)
        self._add_columns(table, topic_width=max(cell_len(name) for name in [*names, t("app.count.topic")]))
        fields = COLUMNS[1:]
        totals = [sum(getattr(topic, f, 0) for topic in topics) for f in fields]
        if overall is not None:  # the daily limits cap all topics together, not each one: Study.counts
            totals = [getattr(overall, f, 0) for f in fields]
        table.add_row(all_label, *totals, key=ALL_TOPICS)
        for topic in topics:
            table.add_row(Text(topic.topic or no_topic), *(getattr(topic, f, 0) for f in fields), key=topic.topic)
        if selected is not None and selected in {topic.topic for topic in topics}:
            table.move_cursor(row=table.get_row_index(selected))

    def _show_today(self, s: DayStats, left: Counts) -> None:
        again = f"{s.again / s.reviewed:.0%}" if s.reviewed else "–"
        self.query_one("#today", Static).update(
            Content.from_markup(
                t("app.home.today_line"),
                reviewed=str(s.reviewed),
                again=again,
                new=str(s.new_seen),
                time=format_duration(s.seconds),
                new_left=str(left.new),
                learning_left=str(left.learning),
                due_left=str(left.due),
            )
        )

    def _show_next_up(self, topic: str | None, card: CardView | None, size: int, now: datetime) -> None:
        where = topic or t("app.home.all_topics")
        if card is None:
            text = Content.from_markup(t("app.home.nothing_due"), where=where)
        else:
            due = t("app.state.new") if card.state == NEW else t("app.home.due_at", when=format_due(card.due, now))
            text = Content.from_markup(
                t("app.home.next_line"),
                title=plain_line(card.title),
                topic=card.topic or t("app.home.no_topic"),
                due=due,
                size=str(size),
                where=where,
            )
        self.query_one("#next-up", Static).update(text)

    @on(DataTable.RowHighlighted, "#topics")
    def _topic_changed(self) -> None:
        if self._counts_read:
            self.refresh_counts(topics=False)

    @on(DataTable.RowSelected, "#topics")
    def _topic_chosen(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        self.app.open_review(self.selected_topic)

    def action_drills(self) -> None:
        self.app.open_drills(self.selected_topic)

    def action_browse(self) -> None:
        self.app.open_browse()

    def action_stats(self) -> None:
        self.app.open_stats(self.selected_topic)

    def action_rescan(self) -> None:
        self.query_one("#scan-bar", ProgressBar).update(total=None, progress=0)
        self.query_one("#scan-row").display = True
        self.app.start_scan()

    # The library scan (the App's worker) and undo (the App's stack) report here.

    def on_scan_progress(self, message: ScanProgress) -> None:
        self.query_one("#scan-row").display = True
        self.query_one("#scan-bar", ProgressBar).update(total=max(message.total, 1), progress=message.done)

    def on_scan_finished(self, message: ScanFinished) -> None:
        self.query_one("#scan-row").display = False
        if message.report is not None:
            self.refresh_counts()

    def on_undid(self, message: Undid) -> None:
        if self.is_current:
            self.refresh_counts()
