"""Home: topics with their counts, today's progress, what comes next; the library scan shows here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
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

ALL_TOPICS = "All topics"  # the row key of the first row
COLUMNS = ("topic", "new", "learning", "due", "total", "suspended")  # the counts: see Study.counts
WIDE = 120  # from this many columns, today and next-up sit beside the topics instead of around them


@dataclass
class HomeCounts(Message):
    """Everything the home screen shows, read in one go (in a worker thread)."""

    topic: str | None
    topics: list[TopicCount] | None  # None when only the next-up line was asked for
    stats: DayStats | None
    left: Counts | None  # what is left today, all topics: the same counts as the table's first row
    next_card: CardView | None
    queue_size: int
    now: datetime

    @classmethod
    def load(cls, study: Study, topic: str | None, topics: bool) -> HomeCounts:
        return cls(
            topic=topic,
            topics=study.topics() if topics else None,
            stats=study.day_stats() if topics else None,
            left=study.counts() if topics else None,
            next_card=study.next_card(topic=topic),
            queue_size=study.queue_size(topic=topic),
            now=study.clock(),
        )


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
        self.loaded = False  # the counts have arrived at least once

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
        if self.is_mounted:
            self.refresh_counts()

    @property
    def selected_topic(self) -> str | None:
        table = self.query_one("#topics", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key in (None, ALL_TOPICS) else key

    def refresh_counts(self, *, topics: bool = True) -> None:
        """Counts come from a worker with its own Study: on a large library they take a while,
        and the screen (keys, palette) stays usable meanwhile."""
        topic = self.selected_topic
        if self.app.study_factory is None:
            self.on_home_counts(HomeCounts.load(self.app.study, topic, topics))
        else:
            self._load_counts(topic, topics)

    @work(thread=True, exclusive=True, group="counts")
    def _load_counts(self, topic: str | None, topics: bool) -> None:
        assert self.app.study_factory is not None
        try:
            study = self.app.study_factory()
            try:
                counts = HomeCounts.load(study, topic, topics)
            finally:
                study.close()
        except Exception as error:  # a locked or broken database: say so in one line
            self.app.call_from_thread(self.notify, t("app.home.cannot_read", error=error), severity="error")
            return
        self.post_message(counts)

    def on_home_counts(self, counts: HomeCounts) -> None:
        if counts.topics is not None:
            self._show_topics(counts.topics, counts.topic, counts.left)
        if counts.stats is not None and counts.left is not None:
            self._show_today(counts.stats, counts.left)
        if counts.topic == self.selected_topic:
            self._show_next_up(counts)
        self.loaded = True

    @staticmethod
    def _add_columns(table: DataTable[object], topic_width: int | None) -> None:
        for key in COLUMNS:
            table.add_column(t(f"app.count.{key}"), key=key, width=topic_width if key == "topic" else None)

    def _show_topics(self, topics: list[TopicCount], selected: str | None, overall: Counts | None = None) -> None:
        table = self.query_one("#topics", DataTable)
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

    def _show_next_up(self, counts: HomeCounts) -> None:
        card = counts.next_card
        where = counts.topic or t("app.home.all_topics")
        if card is None:
            text = Content.from_markup(t("app.home.nothing_due"), where=where)
        else:
            due = (
                t("app.state.new") if card.state == NEW else t("app.home.due_at", when=format_due(card.due, counts.now))
            )
            text = Content.from_markup(
                t("app.home.next_line"),
                title=plain_line(card.title),
                topic=card.topic or t("app.home.no_topic"),
                due=due,
                size=str(counts.queue_size),
                where=where,
            )
        self.query_one("#next-up", Static).update(text)

    @on(DataTable.RowHighlighted, "#topics")
    def _topic_changed(self) -> None:
        if self.loaded:
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
