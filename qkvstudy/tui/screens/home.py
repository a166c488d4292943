"""Home: topics with their counts, today's progress, what comes next; the library rescans behind it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static
from textual.worker import get_current_worker

from qkvstudy.tui.format import format_due, format_duration
from qkvstudy.tui.render import plain_line
from qkvstudy.views import NEW, CardView, DayStats, ScanReport, TopicCount

if TYPE_CHECKING:
    from qkvstudy.study import Study

ALL_TOPICS = "All topics"  # the row key of the first row
ALL_TOPICS_LABEL = "全部主题"
NO_TOPIC = "（无主题）"
# (column key, header)
COLUMNS = (("topic", "主题"), ("new", "新卡"), ("learning", "学习中"), ("due", "到期"), ("total", "总数"))


@dataclass
class HomeCounts(Message):
    """Everything the home screen shows, read in one go (in a worker thread)."""

    topic: str | None
    topics: list[TopicCount] | None  # None when only the next-up line was asked for
    stats: DayStats | None
    next_card: CardView | None
    queue_size: int
    now: datetime

    @classmethod
    def load(cls, study: Study, topic: str | None, topics: bool) -> HomeCounts:
        return cls(
            topic=topic,
            topics=study.topics() if topics else None,
            stats=study.day_stats() if topics else None,
            next_card=study.next_card(topic=topic),
            queue_size=study.queue_size(topic=topic),
            now=study.clock(),
        )


@dataclass
class ScanProgress(Message):
    done: int
    total: int


@dataclass
class ScanFinished(Message):
    report: ScanReport | None
    error: str | None = None


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("r", "review", "复习", id="home.review"),
        Binding("d", "drills", "练习", id="home.drills"),
        Binding("b", "browse", "浏览", id="home.browse"),
        Binding("s", "stats", "统计", id="home.stats", show=False),
        Binding("ctrl+r", "rescan", "重新扫描", id="home.rescan", show=False),
        Binding("question_mark", "app.help", "帮助", id="home.help"),
        Binding("q", "app.quit", "退出", id="home.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False  # the counts have arrived at least once

    def compose(self) -> ComposeResult:
        yield Static("…", id="today")
        with Horizontal(id="scan-row"):
            yield Label("正在扫描笔记库…", id="scan-label")
            yield ProgressBar(id="scan-bar", show_eta=False)
        yield DataTable(id="topics", cursor_type="row", zebra_stripes=True)
        yield Static("…", id="next-up")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#today").border_title = "今日"
        self.query_one("#next-up").border_title = "接下来"
        table = self.query_one("#topics", DataTable)
        table.border_title = "主题  [dim](enter 或 r：复习所选主题)[/]"
        self._add_columns(table, topic_width=None)
        self.query_one("#scan-row").display = False
        # Workers start after the first paint: threads busy with SQL and stat() compete for the
        # GIL and would delay the screen the user is waiting for.
        self.call_after_refresh(self._start_workers)

    def _start_workers(self) -> None:
        self.refresh_counts()
        if self.app.scan_on_start:
            self.start_scan()

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
        try:
            study = self.app.study_factory()
            try:
                counts = HomeCounts.load(study, topic, topics)
            finally:
                study.close()
        except Exception as error:  # a locked or broken database: say so in one line
            self.app.call_from_thread(self.notify, f"无法读取复习计划：{error}", severity="error")
            return
        self.post_message(counts)

    def on_home_counts(self, counts: HomeCounts) -> None:
        if counts.topics is not None:
            self._show_topics(counts.topics, counts.topic)
            self._show_today(counts.stats)
        if counts.topic == self.selected_topic:
            self._show_next_up(counts)
        self.loaded = True

    @staticmethod
    def _add_columns(table: DataTable, topic_width: int | None) -> None:
        for key, header in COLUMNS:
            table.add_column(header, key=key, width=topic_width if key == "topic" else None)

    def _show_topics(self, topics: list[TopicCount], selected: str | None) -> None:
        table = self.query_one("#topics", DataTable)
        selected = self.selected_topic if table.row_count else selected
        names = [ALL_TOPICS_LABEL] + [t.topic or NO_TOPIC for t in topics]
        # The topic column gets its width now, from its longest name: left to DataTable, it is
        # measured only when the app is next idle, and a frame painted before that cuts long
        # names (a CJK name like "Attention变体" is wider than its length in characters).
        table.clear(columns=True)
        self._add_columns(table, topic_width=max(cell_len(name) for name in names + [COLUMNS[0][1]]))
        totals = [sum(getattr(t, f) for t in topics) for f in ("new", "learning", "due", "total")]
        table.add_row(ALL_TOPICS_LABEL, *totals, key=ALL_TOPICS)
        for t in topics:
            table.add_row(Text(t.topic or NO_TOPIC), t.new, t.learning, t.due, t.total, key=t.topic)
        if selected is not None and selected in {t.topic for t in topics}:
            table.move_cursor(row=table.get_row_index(selected))

    def _show_today(self, s: DayStats) -> None:
        again = f"{s.again / s.reviewed:.0%}" if s.reviewed else "–"
        self.query_one("#today", Static).update(
            f"已复习 [b]{s.reviewed}[/b] · 重来率 [b]{again}[/b] · 新卡 [b]{s.new_seen}[/b] · "
            f"用时 [b]{format_duration(s.seconds)}[/b]   剩余：到期 [b]{s.due_left}[/b] · 新卡 [b]{s.new_left}[/b]"
        )

    def _show_next_up(self, counts: HomeCounts) -> None:
        card = counts.next_card
        where = counts.topic or ALL_TOPICS_LABEL
        if card is None:
            text = Content.from_markup("$where 暂无到期卡片，干得好。", where=where)
        else:
            due = "新卡" if card.state == NEW else f"{format_due(card.due, counts.now)}到期"
            text = Content.from_markup(
                "[b]$title[/b]\n[dim]$topic · $due · $where 队列共 $size 张[/]",
                title=plain_line(card.title),
                topic=card.topic or NO_TOPIC,
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
        if self.app.study_factory is None:
            self.notify("此处无法重新扫描。", severity="warning")
        else:
            self.start_scan()

    # The rescan: its own Study in a thread (Study objects are not thread-safe).

    def start_scan(self) -> None:
        self.app.scanning = True
        self.query_one("#scan-row").display = True
        self.query_one("#scan-bar", ProgressBar).update(total=None, progress=0)
        self._scan()

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= 0.05 or done >= total:  # ~20 updates a second is plenty
                last = now
                if not worker.is_cancelled:
                    self.post_message(ScanProgress(done, total))

        try:
            study = self.app.study_factory()
            try:
                report = study.scan(progress=progress)
            finally:
                study.close()
        except Exception as error:  # shown in one line; the home screen stays usable
            self.post_message(ScanFinished(None, error=f"{type(error).__name__}: {error}"))
            return
        self.post_message(ScanFinished(report))

    def on_scan_progress(self, message: ScanProgress) -> None:
        self.query_one("#scan-bar", ProgressBar).update(total=max(message.total, 1), progress=message.done)

    def on_scan_finished(self, message: ScanFinished) -> None:
        from qkvstudy.tui.screens.review import ReviewScreen

        self.app.scanning = False
        self.query_one("#scan-row").display = False
        for screen in self.app.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.scan_finished()
        if self.app.watcher is not None:
            self.app.watcher.scan_finished()  # changes seen during this scan get one more
        if message.error:
            self.notify(f"笔记库扫描失败：{message.error}", severity="error", timeout=10)
            return
        report = message.report
        self.refresh_counts()
        if report.problems:
            first = "\n".join(str(p) for p in report.problems[:3])
            more = f"\n……另有 {len(report.problems) - 3} 条" if len(report.problems) > 3 else ""
            self.notify(f"{report.summary()}\n{first}{more}", title="笔记库已扫描", severity="warning", timeout=10)
        elif report.added or report.updated or report.moved or report.missing:
            self.notify(report.summary(), title="笔记库已扫描")
